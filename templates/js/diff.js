// The diff picker of a standard page: two versions, in either order, open the page of their
// diff (older → newer). Without script the page lists the same diffs as links.
(function () {
  var form = document.querySelector("form.diff-picker");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = Number(document.getElementById("diff-from").value);
    var b = Number(document.getElementById("diff-to").value);
    if (a === b) return;
    var root = document.documentElement.dataset.root || "";
    location.href = root + "standards/" + form.dataset.standard + "/diff-v" +
      Math.min(a, b) + "-v" + Math.max(a, b) + ".html";
  });
})();
