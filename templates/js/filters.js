// The overview's track and state filters.
(function () {
  "use strict";
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
