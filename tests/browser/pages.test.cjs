// Every page kind of the sample site, served under a sub-path, at 1400 and 390 px wide in light
// and dark: no horizontal page overflow, no console error or failed request, no serious or
// critical axe-core violation, every internal link and asset answering 200; a screenshot of each
// (light at both widths, dark at 1400). Then every page of the site at 390 px: no overflow.
const { describe, test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./helpers.cjs");

const run = h.suite();
const located = new Map();
const seen = new Map();

async function address(kind) {
  if (!located.has(kind)) located.set(kind, await h.locate(run.browser, run.server.url, kind));
  return located.get(kind);
}

function allowFor(kind, url) {
  return kind === "not-found" ? h.notFoundAllow(url) : () => false;
}

for (const kind of Object.keys(h.KINDS)) {
  describe(`page kind: ${kind}`, { concurrency: 4 }, () => {
    for (const [, size] of Object.entries(h.WIDTHS)) {
      for (const scheme of ["light", "dark"]) {
        test(`${size.width} px, ${scheme}`, async () => {
          const url = await address(kind);
          assert.ok(url, kind === "revision"
            ? `no revision diff: the history page ${h.KINDS.history} links no page below it (standards/<file-id>/history/<commit>/)`
            : `no address for ${kind}`);
          const context = await run.browser.newContext({ viewport: size, colorScheme: scheme });
          const page = await context.newPage();
          const problems = h.watch(page, allowFor(kind, url));
          try {
            const response = await page.goto(url, { waitUntil: kind === "not-found" ? "networkidle" : "load" });
            const expected = kind === "not-found" ? 404 : 200;
            if (response.status() !== expected) problems.push(`${url} answers ${response.status()}, not ${expected}`);
            const wide = await h.overflow(page);
            if (wide) problems.push(`horizontal overflow: ${wide}`);
            problems.push(...(await h.axe(page)));
            problems.push(...(await h.brokenLinks(page, seen)));
            if (kind === "not-found") {
              const home = await page.$$eval("main a[href]", (as) => as.map((a) => a.href));
              if (!home.includes(`${run.server.url}index.html`)) {
                problems.push(`the 404 page at ${url} links no overview at ${run.server.url}index.html (its links: ${home.join(", ") || "none"})`);
              }
            }
            if (scheme === "light" || size.width === 1400) {
              await h.shot(page, `${kind}-${size.width}-${scheme}`);
            }
          } finally {
            await context.close();
          }
          h.check(`${kind} at ${size.width} px, ${scheme} (${url})`, problems);
        });
      }
    }
  });
}

// Every HTML page of the site (not only one of each kind) at the narrow width: long titles,
// tables and diffs differ from page to page.
test("every page at 390 px: no horizontal overflow, no console error, links answer 200", async () => {
  const pages = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name === "index.html") pages.push(r);
    }
  })(h.env.site, "");
  assert.ok(pages.length >= 20, `only ${pages.length} pages in ${h.env.site}`);
  const context = await run.browser.newContext({ viewport: h.WIDTHS.narrow });
  const page = await context.newPage();
  const problems = h.watch(page);
  try {
    for (const rel of pages.sort()) {
      await page.goto(run.server.url + rel);
      const wide = await h.overflow(page);
      if (wide) problems.push(`${rel}: ${wide}`);
      problems.push(...(await h.brokenLinks(page, seen)));
    }
  } finally {
    await context.close();
  }
  h.check(`${pages.length} pages at 390 px`, problems);
});
