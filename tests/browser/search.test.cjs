// The search box (form#search > input#search-input, results #search-results [role=option]),
// opened from disk and over HTTP under a sub-path, from the overview and from a document page
// (whose root is two folders up): typing shows results with their state; ArrowDown/ArrowUp move
// aria-selected; Enter opens the selected result.
const { test } = require("node:test");
const assert = require("node:assert");
const h = require("./helpers.cjs");

const run = h.suite();

const STATE = /\b(draft|future-effective|effective|future-deprecated|deprecated|rejected|informative)\b/i;

async function search(url, query, expect) {
  const context = await run.browser.newContext({ viewport: h.WIDTHS.wide });
  const page = await context.newPage();
  const problems = h.watch(page);
  try {
    await page.goto(url);
    const input = page.locator("form#search input#search-input");
    await h.waitFor(input, `${url}: no visible input#search-input in form#search (the script shows it)`);
    await input.click();
    await input.pressSequentially(query, { delay: 15 });
    const options = page.locator("#search-results [role=option]");
    await h.waitFor(options, `${url}: typing "${query}" shows no [role=option] in #search-results`);
    const results = await options.evaluateAll((os) => os.map((o) => {
      const a = o.matches("a[href]") ? o : o.querySelector("a[href]");
      return { href: a ? a.href : null, text: o.innerText.replace(/\s+/g, " ").trim(), selected: o.getAttribute("aria-selected") };
    }));
    const listed = results.map((r) => `"${r.text}"`).join(", ");
    const hit = results.findIndex((r) => expect.test(r.text));
    assert.ok(hit >= 0, `${url}: no result for "${query}" matches ${expect}; results: ${listed}`);
    for (const r of results) {
      assert.ok(r.href, `${url}: the result "${r.text}" holds no link`);
      assert.match(r.text, STATE, `${url}: the result "${r.text}" shows no state`);
    }
    const selected = async () => options.evaluateAll((os) => os.map((o) => o.getAttribute("aria-selected") === "true"));
    // ArrowDown to the expected hit (from the box, the first ArrowDown selects the first result).
    for (let i = 0; i <= hit; i++) await page.keyboard.press("ArrowDown");
    let marks = await selected();
    assert.ok(marks[hit] && marks.filter(Boolean).length === 1,
      `${url}: after ${hit + 1} × ArrowDown result ${hit + 1} should be the only one with aria-selected="true"; marks: ${JSON.stringify(marks)}`);
    if (results.length > hit + 1) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowUp");
      marks = await selected();
      assert.ok(marks[hit] && marks.filter(Boolean).length === 1,
        `${url}: ArrowDown then ArrowUp should select result ${hit + 1} again; marks: ${JSON.stringify(marks)}`);
    }
    await page.keyboard.press("Enter");
    const target = results[hit].href.split("#")[0];
    try {
      await page.waitForURL((u) => u.href.split("#")[0] === target, { timeout: 5000 });
    } catch {
      assert.fail(`${url}: Enter on the selected result "${results[hit].text}" did not open ${target} (still at ${page.url()})`);
    }
    await page.waitForLoadState();
    assert.match(await page.locator("h1").first().innerText(), expect, `${target}: the H1 does not match ${expect}`);
  } finally {
    await context.close();
  }
  h.check(`search on ${url}`, problems);
}

test("search from file://, on the overview", () =>
  search(h.fileUrl(h.env.site, "index.html"), "snapshot", /volume snapshot retention/i));

test("search from file://, on a document page", () =>
  search(h.fileUrl(h.env.site, h.KINDS.document), "federated", /federated login/i));

test("search over HTTP under a sub-path, on the overview", () =>
  search(`${run.server.url}index.html`, "federated", /federated login/i));

test("search over HTTP under a sub-path, on a document page", () =>
  search(run.server.url + h.KINDS.document, "snapshot", /volume snapshot retention/i));

// A word of the body only (not in a title or heading) finds its document: full-text search.
test("search finds a word of a document's body", () =>
  search(`${run.server.url}index.html`, "quota", /volume snapshot retention/i));
