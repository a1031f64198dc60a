// The search box (titles, descriptions and headings, from search.json).
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  var form = document.getElementById("search");
  if (form) {
    var input = form.querySelector("input");
    var list = document.getElementById("search-results");
    var entries = null;
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      if (!q) { list.replaceChildren(); return; }
      var show = function () {
        var hits = entries.filter(function (x) { return x.text.indexOf(q) !== -1; }).slice(0, 20);
        list.replaceChildren.apply(list, hits.map(function (x) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = root + x.url;
          a.textContent = x.title;
          li.appendChild(a);
          return li;
        }));
      };
      if (entries) { show(); return; }
      fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (data) {
        entries = data.map(function (x) {
          return { url: x.url, title: x.id + ": " + x.title,
                   text: (x.id + " " + x.title + " " + x.description + " " + x.headings.join(" ")).toLowerCase() };
        });
        show();
      });
    });
  }
})();
