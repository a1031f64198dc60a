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

// The track's sidebar: its standards, from the track's script (tracks/<slug>/sidebar.js, one
// file for all the track's pages), at most REACH on either side of the current one so that a
// track of a thousand standards stays a list one can scan. Runs once the deferred scripts, the
// track's among them, have run.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var REACH = 13;
  var aside = document.querySelector("aside.sidebar");
  var list = aside && aside.querySelector("ul.sidebar-list");
  var all = window.normwerkSidebar;
  if (!list || !Array.isArray(all)) { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  var current = aside.getAttribute("data-current");
  var at = Math.max(0, all.findIndex(function (s) { return s[0] === current; }));
  var width = 2 * REACH + 1;
  var start = Math.max(0, Math.min(at - REACH, all.length - width));
  var end = Math.min(all.length, start + width);
  var el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  };
  var more = function (text) {
    var li = el("li", "more", text);
    list.appendChild(li);
  };
  if (start > 0) { more("\u2026 " + start + " before"); }
  all.slice(start, end).forEach(function (s) {
    var a = el("a");
    a.href = root + "standards/" + s[0] + "/index.html";
    if (s[0] === current) { a.setAttribute("aria-current", "page"); }
    var names = el("span");
    names.appendChild(el("span", "side-id", s[0].toUpperCase()));
    names.appendChild(el("span", "side-title", s[1]));
    a.appendChild(names);
    a.appendChild(el("span", "badge state-" + s[2], s[2]));
    var li = el("li");
    li.appendChild(a);
    list.appendChild(li);
  });
  if (end < all.length) { more("\u2026 " + (all.length - end) + " more"); }
});

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
