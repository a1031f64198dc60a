// The light/dark toggle: flips the theme shown, remembers the choice in localStorage
// ("normwerk-theme"); without a stored choice the system preference applies. The stored choice
// is set on <html> by a line in <head> before the page paints.
(function () {
  "use strict";
  var button = document.getElementById("theme-toggle");
  if (!button) { return; }
  var html = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var current = function () {
    var set = html.getAttribute("data-theme");
    if (set === "light" || set === "dark") { return set; }
    return system && system.matches ? "dark" : "light";
  };
  var label = function () {
    var dark = current() === "dark";
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.setAttribute("title", dark ? "Dark theme on: switch to light" : "Dark theme off: switch to dark");
  };
  button.hidden = false;
  label();
  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    html.setAttribute("data-theme", next);
    try { localStorage.setItem("normwerk-theme", next); } catch (e) { /* private mode: not remembered */ }
    label();
  });
  if (system && system.addEventListener) { system.addEventListener("change", label); }
})();
