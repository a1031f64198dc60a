// The overview's track and state filters. They offer only values some standard has (the build
// lists those) and keep their choice in the address (?track=…&state=…), so that a filtered
// overview can be linked and survives a reload.
(function () {
  "use strict";
  var table = document.querySelector("table.standards");
  var filters = document.getElementById("filters");
  if (!table || !filters) { return; }
  var selects = filters.querySelectorAll("select");
  if (!selects.length) { return; }
  filters.hidden = false;
  var count = document.getElementById("filter-count");
  var rows = table.querySelectorAll("tbody tr");
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    var wanted = params.get(s.name);
    // A value the page does not offer (an old link) is ignored.
    if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
      s.value = wanted;
    }
  });
  var apply = function () {
    var value = function (name) {
      var s = filters.querySelector("select[name='" + name + "']");
      return s ? s.value : "";
    };
    var track = value("track"), state = value("state"), shown = 0;
    rows.forEach(function (row) {
      var ok = (!track || row.getAttribute("data-track") === track) &&
               (!state || (" " + row.getAttribute("data-states") + " ").indexOf(" " + state + " ") !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    if (count) { count.textContent = (track || state) ? shown + " of " + rows.length + " shown" : ""; }
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (s) { if (s.value) { query.set(s.name, s.value); } else { query.delete(s.name); } });
    var q = query.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    } catch (e) { /* some browsers refuse on file://; the filter still works */ }
  };
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
