// Browser test of the built site (run by .ci/run with Node's test runner): headless Chromium opens
// the overview over HTTP, follows a link to a document, uses the search box, visits a scope page
// of the certification section, and must see no console errors. Screenshots go to target/browser/.
//
//   SITE=target/browser/site PLAYWRIGHT_CORE=target/browser/node_modules/playwright-core \
//     node --test tests/browser/
const test = require("node:test");
const assert = require("node:assert");
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require(path.resolve(process.env.PLAYWRIGHT_CORE || "playwright-core"));

const site = path.resolve(process.env.SITE || "target/browser/site");
const shots = path.resolve(process.env.SHOTS || "target/browser");
const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml" };

function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(site, rel);
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(fs.readFileSync(path.join(site, "404.html"))); return; }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

test("overview, a document, and the search box work without console errors", async () => {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));

    await page.goto(base + "index.html");
    assert.match(await page.title(), /Standards/);
    assert.ok(await page.locator("table.standards tbody tr").count() >= 10);
    await page.screenshot({ path: path.join(shots, "overview.png"), fullPage: true });

    // Follow a link from the overview to a document page.
    await page.locator("table.standards a", { hasText: "Volume snapshot retention" }).first().click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Volume snapshot retention/);
    assert.ok(await page.locator("p.banner").isVisible());
    await page.screenshot({ path: path.join(shots, "document.png"), fullPage: true });

    // The search box (shown by the script) finds documents by title.
    await page.goto(base + "index.html");
    const input = page.locator("#search-input");
    await input.waitFor({ state: "visible" });
    await input.fill("federated");
    const hit = page.locator("#search-results a").first();
    await hit.waitFor();
    assert.match(await hit.innerText(), /Claims for federated login/);
    await page.screenshot({ path: path.join(shots, "search.png") });
    await hit.click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /federated login/i);

    // The track filter hides rows of other tracks.
    await page.goto(base + "index.html");
    await page.locator("#filters select").first().selectOption("KaaS");
    const visible = await page.locator("table.standards tbody tr:visible").count();
    assert.ok(visible >= 1 && visible < 11, `visible rows: ${visible}`);

    // The certification section: from the navigation to a scope page, whose current period is
    // marked and whose test cases link the anchors of the documents that specify them.
    await page.goto(base + "index.html");
    await page.locator("header nav a", { hasText: "Certification" }).click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Certification/);
    await page.locator("table.scopes a", { hasText: "Compatible IaaS" }).click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Compatible IaaS/);
    assert.match(await page.locator("table.scope-timeline tr.current").innerText(), /2026-11-01/);
    const v2 = page.locator("section#version-v2");
    assert.match(await v2.locator("h2").innerText(), /v2\s+effective/);
    await v2.locator("details.testcases summary").click();
    await page.screenshot({ path: path.join(shots, "scope.png"), fullPage: true });
    await v2.locator("details.testcases a", { hasText: "scs-0111-v2#conformance-tests" }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /scs-0111-v2-volume-snapshot-retention\/index\.html#conformance-tests$/);
    assert.match(await page.locator("aside.meta").innerText(), /Required by Compatible IaaS v2/);

    // The footer links the JSON index; a script on any origin-local page can read it.
    await page.goto(base + "index.html");
    const href = await page.locator("footer a", { hasText: "api/v1/index.json" }).getAttribute("href");
    const index = await page.evaluate(async (u) => (await fetch(u)).json(), href);
    assert.strictEqual(index.api_version, 1);
    assert.ok(index.standards.length >= 10);
  } finally {
    await browser.close();
    server.close();
  }
  assert.deepStrictEqual(errors, []);
});
