// Copy buttons on code blocks, and mermaid diagrams drawn in the page's theme.
document.addEventListener("DOMContentLoaded", () => {
  for (const pre of document.querySelectorAll(".body pre:not(.mermaid)")) {
    const code = pre.querySelector("code");
    if (!code) continue;
    const box = document.createElement("div");
    box.className = "code-block";
    pre.replaceWith(box);
    box.append(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to the clipboard");
    button.addEventListener("click", async () => {
      let done = false;
      try {
        await navigator.clipboard.writeText(code.textContent);
        done = true;
      } catch (_) {
        // No clipboard API (some file:// pages): copy the selected text instead.
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        done = document.execCommand("copy");
        sel.removeAllRanges();
      }
      button.textContent = done ? "Copied" : "Copy failed";
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    });
    box.append(button);
  }

  const diagrams = [...document.querySelectorAll("pre.mermaid")];
  if (!diagrams.length || !window.mermaid) return;
  const sources = diagrams.map((d) => d.textContent);
  const media = matchMedia("(prefers-color-scheme: dark)");
  const dark = () => {
    const chosen = document.documentElement.dataset.theme;
    return chosen ? chosen === "dark" : media.matches;
  };
  const draw = async () => {
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: dark() ? "dark" : "default",
    });
    diagrams.forEach((d, i) => { d.removeAttribute("data-processed"); d.textContent = sources[i]; });
    try { await window.mermaid.run({ nodes: diagrams }); } catch (_) { /* the source stays shown */ }
  };
  draw();
  new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  media.addEventListener("change", draw);
});
