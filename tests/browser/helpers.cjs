// Shared parts of the browser tests (tests/browser/*.test.cjs): the sites under test, a small
// HTTP server (at the root or under a sub-path), Chromium, and the checks every visited page
// gets: console errors and failed requests, horizontal overflow, axe-core, internal links.
//
// Environment (set by .ci/run; the defaults are the same paths):
//   SITE            the sample site built without a base URL    (target/browser/site)
//   SITE_BASE       the same built with a base URL              (target/browser/site-base)
//   SHOTS           where screenshots go                        (target/browser/shots)
//   PLAYWRIGHT_CORE, AXE_CORE   the npm packages                (target/browser/node_modules/…)
//   CHROMIUM        the browser                                 (/usr/bin/chromium)
const assert = require("node:assert");
const { before, after } = require("node:test");
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL, fileURLToPath } = require("node:url");

const modules = path.resolve("target/browser/node_modules");
const env = {
  site: path.resolve(process.env.SITE || "target/browser/site"),
  siteBase: path.resolve(process.env.SITE_BASE || "target/browser/site-base"),
  shots: path.resolve(process.env.SHOTS || "target/browser/shots"),
  playwright: path.resolve(process.env.PLAYWRIGHT_CORE || path.join(modules, "playwright-core")),
  axe: path.resolve(process.env.AXE_CORE || path.join(modules, "axe-core"), "axe.min.js"),
  chromium: process.env.CHROMIUM || "/usr/bin/chromium",
};
fs.mkdirSync(env.shots, { recursive: true });
const { chromium } = require(env.playwright);

// The sub-path the site is served under, to catch links that escape it ("/assets/…").
const PREFIX = "/some/prefix/";
const WIDTHS = { wide: { width: 1400, height: 900 }, narrow: { width: 390, height: 844 } };

// Every page kind of the sample site, by its path below the site root. The revision diff has no
// fixed address: it is found from the history page's links (see `locate`).
const KINDS = {
  overview: "index.html",
  track: "tracks/iaas/index.html",
  standard: "standards/scs-0110/index.html",
  document: "standards/scs-0110-v2-instance-metadata-labels/index.html",
  history: "standards/scs-0110-v2-instance-metadata-labels/history/index.html",
  revision: null,
  "version-diff": "standards/scs-0110/diff-v1-v2.html",
  proposals: "proposals/index.html",
  certification: "certification/index.html",
  scope: "certification/compatible-iaas/index.html",
  releases: "releases/index.html",
  changelog: "releases/sample/changelog/index.html",
  "frozen-document": "releases/sample/standards/scs-0110-v2-instance-metadata-labels/index.html",
  "not-found": "no/such/page/",
};

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
};

// Serves `dir` under `prefix` as a static host does: a folder answers with its index.html, a
// missing file with the site's 404.html and status 404, anything outside the prefix with a bare
// 404 (so that a root-absolute link fails under a sub-path).
async function serve(dir, prefix = "/") {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(`outside the site's prefix ${prefix}`);
      return;
    }
    let file = path.join(dir, pathname.slice(prefix.length));
    if (file !== dir && !file.startsWith(dir + path.sep)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      const missing = path.join(dir, "404.html");
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.existsSync(missing) ? fs.readFileSync(missing) : "not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

function launch() {
  return chromium.launch({
    executablePath: env.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// Chromium and the sample site served under the sub-path, for the tests of one file: the
// returned object gets `browser` and `server` before the first test.
function suite() {
  const s = {};
  before(async () => {
    s.browser = await launch();
    s.server = await serve(env.site, PREFIX);
  });
  after(async () => {
    if (s.browser) await s.browser.close();
    if (s.server) await s.server.close();
  });
  return s;
}

// Records what goes wrong while a page is used: console errors, uncaught exceptions, requests
// that fail or answer >= 400. `allow(url, method)` excuses expected failures (the 404 page's
// own status and its probes for the site root; method is null for a console message).
function watch(page, allow = () => false) {
  const problems = [];
  const on = {
    console: (m) => {
      if (m.type() !== "error") return;
      const where = m.location() && m.location().url;
      if (where && allow(where, null) && /Failed to load resource/.test(m.text())) return;
      problems.push(`console error: ${m.text()}${where ? ` (${where})` : ""}`);
    },
    pageerror: (e) => problems.push(`uncaught exception: ${e.message || e}`),
    requestfailed: (r) => {
      const why = r.failure() && r.failure().errorText;
      // Aborted: the page moved on before an answer came (a favicon, a probe); a bad answer is
      // reported by its status below.
      if (why === "net::ERR_ABORTED") return;
      if (!allow(r.url(), r.method())) problems.push(`request failed: ${r.method()} ${r.url()} (${why})`);
    },
    response: (r) => {
      if (r.status() >= 400 && !allow(r.url(), r.request().method())) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    },
  };
  for (const [event, f] of Object.entries(on)) page.on(event, f);
  // Stops watching (for a page that goes on to be watched with other excuses).
  problems.stop = () => { for (const [event, f] of Object.entries(on)) page.off(event, f); };
  return problems;
}

// The excuses of the 404 page at `url`: it answers 404 itself, and probes the folders above it
// for the site's root with HEAD requests, which answer 404 in folders without the site (and
// Chromium reports the one that finds it as aborted, its body never read).
function notFoundAllow(url) {
  return (u, method) => u === url || ((method === "HEAD" || method === null) && u.endsWith("/assets/site.js"));
}

// Null when the page does not scroll sideways; else the widths and the elements that stick out
// furthest (those not inside a box that scrolls or clips them, deepest first).
async function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== root; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const name = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") +
          [...e.classList].slice(0, 2).map((c) => `.${c}`).join(""));
      }
      return parts.join(" > ");
    };
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right <= root.clientWidth + 0.5 || r.width === 0 || clipped(el)) continue;
      // The culprit is the outermost box that sticks out, not each cell inside it.
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > root.clientWidth + 0.5) continue;
      out.push({ name: name(el), right: Math.round(r.right), width: Math.round(r.width) });
    }
    out.sort((a, b) => b.right - a.right);
    const widest = out.slice(0, 3).map((e) => `${e.name} (right edge ${e.right}px, ${e.width}px wide)`);
    return `page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window; widest: ` +
      (widest.join("; ") || "(no single element found)");
  });
}

// axe-core's serious and critical violations, one line each.
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: env.axe });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `axe ${v.id} (${v.impact}): ${v.help}; on ${v.targets.slice(0, 5).join(", ")}` +
      (v.targets.length > 5 ? ` and ${v.targets.length - 5} more` : ""));
}

// The internal links and assets of the page (a, link, script, img, source, iframe), without
// their fragments: the same origin over HTTP, files from file://.
async function internalTargets(page) {
  const urls = await page.evaluate(() => {
    const out = [];
    document.querySelectorAll("a[href], link[href], script[src], img[src], source[src], iframe[src]")
      .forEach((el) => out.push(el.href || el.src));
    return out;
  });
  const here = new URL(page.url());
  here.hash = "";
  const same = (u) => (here.protocol === "file:" ? u.protocol === "file:" : u.origin === here.origin);
  const set = new Set();
  for (const raw of urls) {
    let u;
    try { u = new URL(raw); } catch { continue; }
    if (!same(u)) continue;
    u.hash = "";
    // A link within the page (the skip link) is no request.
    if (u.href !== here.href) set.add(u.href);
  }
  return [...set];
}

// Checks that each internal link and asset of the page answers 200 (over HTTP) or is a file
// (from file://, where a link to a folder leads nowhere). `seen` caches answers across pages.
async function brokenLinks(page, seen = new Map()) {
  const broken = [];
  for (const url of await internalTargets(page)) {
    if (!seen.has(url)) {
      if (url.startsWith("file:")) {
        const file = fileURLToPath(url);
        seen.set(url, fs.existsSync(file) && fs.statSync(file).isFile() ? 200 : "no such file");
      } else {
        const r = await page.request.get(url, { maxRedirects: 0 }).catch((e) => ({ status: () => String(e) }));
        seen.set(url, r.status());
      }
    }
    if (seen.get(url) !== 200) broken.push(`link or asset ${url} answers ${seen.get(url)} (on ${page.url()})`);
  }
  return broken;
}

// The address of a page kind under `base` (a URL ending in "/"). The revision diff is the first
// link of the history page to a page below it (standards/<file-id>/history/<commit>/).
async function locate(browser, base, kind) {
  if (KINDS[kind]) return new URL(KINDS[kind], base).href;
  const history = new URL(KINDS.history, base).href;
  const page = await browser.newPage();
  try {
    await page.goto(history);
    const folder = history.replace(/index\.html$/, "");
    const links = await page.$$eval("main a[href]", (as) => as.map((a) => a.href));
    return links.find((u) => u.startsWith(folder) && u.split("#")[0] !== history && u.length > folder.length) || null;
  } finally {
    await page.close();
  }
}

// Fetches `url` and parses it as XML in the page: the root element's name and namespace, its
// parse error if any, and the attributes or texts that `pick` names ({feedLinks: "link"}).
async function parseXml(page, url) {
  const response = await page.request.get(url);
  const text = await response.text();
  const parsed = await page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, "application/xml");
    const error = d.querySelector("parsererror");
    const all = (name) => [...d.getElementsByTagName(name)];
    return {
      error: error ? error.textContent.slice(0, 300) : null,
      root: d.documentElement.localName,
      ns: d.documentElement.namespaceURI,
      links: all("link").map((l) => ({ rel: l.getAttribute("rel") || "alternate", href: l.getAttribute("href") })),
      entries: all("entry").length,
      locs: all("loc").map((l) => l.textContent.trim()),
    };
  }, text);
  return { status: response.status(), ...parsed };
}

// Waits for `locator` to reach `state` ("visible", "attached", "hidden"), failing with `message`
// instead of Playwright's timeout text.
async function waitFor(locator, message, state = "visible", timeout = state === "attached" ? 1000 : 3000) {
  try {
    await locator.first().waitFor({ state, timeout });
  } catch {
    assert.fail(`${message} (waited ${timeout} ms for ${state})`);
  }
}

function fileUrl(dir, rel) {
  return pathToFileURL(path.join(dir, rel)).href;
}

function shot(page, name, fullPage = true) {
  return page.screenshot({ path: path.join(env.shots, `${name}.png`), fullPage });
}

// One message for a list of problems, so that a failing test says everything that is wrong.
// Fails with one message for a list of problems, so that a failing test says everything that
// is wrong (and not a diff of two arrays).
function check(what, problems) {
  if (problems.length) assert.fail(`${what}: ${problems.length} problem(s)\n  - ${problems.join("\n  - ")}`);
}

module.exports = {
  env, PREFIX, WIDTHS, KINDS, serve, launch, suite, watch, notFoundAllow, overflow, axe, brokenLinks, internalTargets,
  locate, parseXml, waitFor, fileUrl, shot, check,
};
