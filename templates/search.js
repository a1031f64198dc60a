// Progressive enhancement: the site works without this file. It adds the search box (titles,
// descriptions and headings, from search.json) and the track/state filters of the overview.
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
  var table = document.querySelector("table.standards");
  var filters = document.getElementById("filters");
  if (table && filters) {
    filters.hidden = false;
    var selects = filters.querySelectorAll("select");
    var apply = function () {
      var track = selects[0].value, state = selects[1].value;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var ok = (!track || row.getAttribute("data-track") === track) &&
                 (!state || (" " + row.getAttribute("data-states") + " ").indexOf(" " + state + " ") !== -1);
        row.hidden = !ok;
      });
    };
    selects.forEach(function (s) { s.addEventListener("change", apply); });
  }
})();
