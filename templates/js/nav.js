// Navigation: the on-page contents open beside the text on wide screens (closed before it on
// narrow ones), the track's sidebar closed on narrow screens, the contents' current heading.
(function () {
  "use strict";
  if (!window.matchMedia) { return; }
  var follow = function (query, el) {
    if (!el) { return; }
    var mq = window.matchMedia(query);
    var set = function () { el.open = mq.matches; };
    set();
    if (mq.addEventListener) { mq.addEventListener("change", set); }
  };
  follow("(min-width: 75rem)", document.querySelector(".toc-box"));
  follow("(min-width: 64rem)", document.querySelector(".sidebar-box"));

  var toc = document.getElementById("toc");
  if (!toc || !window.IntersectionObserver) { return; }
  var links = {};
  toc.querySelectorAll("a[href^='#']").forEach(function (a) {
    links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
  });
  var shown = null;
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) { return; }
      var a = links[e.target.id];
      if (!a) { return; }
      if (shown) { shown.removeAttribute("aria-current"); }
      a.setAttribute("aria-current", "location");
      shown = a;
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  Object.keys(links).forEach(function (id) {
    var h = document.getElementById(id);
    if (h) { observer.observe(h); }
  });
})();

// A table or code block that scrolls in its own box and holds nothing focusable gets a tab
// stop, so that keyboard users can scroll it too.
(function () {
  "use strict";
  var mark = function () {
    document.querySelectorAll(".table-scroll, main table, main pre").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector("a[href], button, input, select, [tabindex]")) {
        box.setAttribute("tabindex", "0");
      }
    });
  };
  mark();
  window.addEventListener("resize", mark);
})();
