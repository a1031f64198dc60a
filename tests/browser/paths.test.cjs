// Where the site is published: at a host's root, under a sub-path (pages.test.cjs), opened from
// disk; the feeds and the sitemap, fetched and parsed as XML, without and with a base URL.
const { test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const h = require("./helpers.cjs");

const run = h.suite();

// Visits one page of each kind under `base` and lists what fails: console errors, failed
// requests, links and assets that do not answer 200 (or are no file, from disk).
async function visitKinds(base, kinds, allow) {
  const problems = [];
  const context = await run.browser.newContext({ viewport: h.WIDTHS.wide });
  const page = await context.newPage();
  const seen = new Map();
  try {
    for (const [kind, rel] of kinds) {
      const url = rel === null ? await h.locate(run.browser, base, kind) : new URL(rel, base).href;
      if (!url) { problems.push(`${kind}: no page found (the history page links no revision diff)`); continue; }
      const watched = h.watch(page, allow(url));
      await page.goto(url, { waitUntil: kind === "not-found" ? "networkidle" : "load" });
      watched.push(...(await h.brokenLinks(page, seen)));
      problems.push(...watched.map((p) => `${kind}: ${p}`));
      watched.stop();
    }
  } finally {
    await context.close();
  }
  return problems;
}

test("served at a host's root: every page kind loads without errors and its links answer 200", async () => {
  const server = await h.serve(h.env.site, "/");
  try {
    const kinds = Object.entries(h.KINDS);
    const allow = (url) => (url.endsWith(h.KINDS["not-found"]) ? h.notFoundAllow(url) : () => false);
    h.check(`site at ${server.url}`, await visitKinds(server.url, kinds, allow));
  } finally {
    await server.close();
  }
});

test("opened from file://: every page kind loads without errors and its links lead to files", async () => {
  const base = pathToFileURL(h.env.site).href + "/";
  // Opened from disk there is no 404 handling: 404.html is a page at the root like the others.
  const kinds = Object.entries(h.KINDS).map(([k, rel]) => [k, k === "not-found" ? "404.html" : rel]);
  h.check(`site at ${base}`, await visitKinds(base, kinds, () => () => false));
});

// The HTML pages of a built site, as their folder addresses below the root ("standards/x/").
function pagesOf(dir) {
  const out = [];
  (function walk(d, rel) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else if (e.name === "index.html") out.push(rel);
    }
  })(dir, "");
  return out.sort();
}

// Every feed the page kinds announce (<link rel=alternate type=application/atom+xml>), besides
// feed.xml.
async function feedsOf(page, base) {
  const feeds = new Set([new URL("feed.xml", base).href]);
  for (const [kind, rel] of Object.entries(h.KINDS)) {
    if (!rel || kind === "not-found") continue;
    await page.goto(new URL(rel, base).href);
    const hrefs = await page.$$eval('link[rel=alternate][type="application/atom+xml"]', (ls) => ls.map((l) => l.href));
    hrefs.forEach((u) => feeds.add(u));
  }
  return [...feeds];
}

async function status(page, url) {
  const r = await page.request.get(url, { maxRedirects: 0 }).catch((e) => ({ status: () => String(e) }));
  return r.status();
}

test("feeds and sitemap without a base URL: well-formed Atom, links that resolve, no sitemap of relative addresses", async () => {
  const server = await h.serve(h.env.site, h.PREFIX);
  const page = await run.browser.newPage();
  const problems = [];
  try {
    for (const feed of await feedsOf(page, server.url)) {
      const x = await h.parseXml(page, feed);
      if (x.status !== 200) { problems.push(`${feed} answers ${x.status}`); continue; }
      if (x.error) { problems.push(`${feed} is not well-formed XML: ${x.error}`); continue; }
      if (x.root !== "feed" || x.ns !== "http://www.w3.org/2005/Atom") problems.push(`${feed}: root <${x.root}> in ${x.ns}, not an Atom <feed>`);
      if (x.entries === 0) problems.push(`${feed} has no entries`);
      for (const l of x.links) {
        const target = new URL(l.href, feed).href.split("#")[0];
        const s = await status(page, target);
        if (s !== 200) problems.push(`${feed}: <link rel="${l.rel}" href="${l.href}"> (${target}) answers ${s}`);
      }
    }
    const sitemap = await h.parseXml(page, `${server.url}sitemap.xml`);
    if (sitemap.status === 200) {
      const relative = sitemap.locs.filter((l) => !/^https?:\/\//.test(l));
      if (relative.length) problems.push(`sitemap.xml without a base URL has ${relative.length} relative or empty <loc>: ${relative.slice(0, 3).join(", ")}`);
    }
  } finally {
    await page.close();
    await server.close();
  }
  h.check("feeds and sitemap without a base URL", problems);
});

test("feeds, sitemap and robots.txt with a base URL: absolute addresses under it, rel=self, every page listed", async () => {
  const index = JSON.parse(fs.readFileSync(path.join(h.env.siteBase, "api/v1/index.json"), "utf8"));
  const base = index.base_url;
  assert.ok(base, `${h.env.siteBase} was built without a base URL (api/v1/index.json has base_url ${base})`);
  const baseUrl = base.endsWith("/") ? base : `${base}/`;
  // Served locally under the base URL's path, so that its addresses map onto the local server.
  const server = await h.serve(h.env.siteBase, new URL(baseUrl).pathname);
  const local = (u) => server.url + u.slice(baseUrl.length);
  const page = await run.browser.newPage();
  const problems = [];
  try {
    for (const feed of await feedsOf(page, server.url)) {
      const x = await h.parseXml(page, feed);
      if (x.status !== 200 || x.error) { problems.push(`${feed}: ${x.error || `answers ${x.status}`}`); continue; }
      const self = x.links.filter((l) => l.rel === "self").map((l) => l.href);
      const expected = baseUrl + feed.slice(server.url.length);
      if (!self.includes(expected)) problems.push(`${feed} has no <link rel="self" href="${expected}"> (self: ${self.join(", ") || "none"})`);
      const outside = x.links.filter((l) => !l.href || !l.href.startsWith(baseUrl));
      if (outside.length) {
        problems.push(`${feed}: ${outside.length} of ${x.links.length} <link> are not absolute addresses under ${baseUrl}, e.g. ` +
          outside.slice(0, 3).map((l) => `<link rel="${l.rel}" href="${l.href}">`).join(", "));
      }
      for (const l of x.links.filter((l) => !outside.includes(l))) {
        const s = await status(page, local(l.href.split("#")[0]));
        if (s !== 200) problems.push(`${feed}: ${l.href} answers ${s} (served as ${local(l.href)})`);
      }
    }
    const sitemap = await h.parseXml(page, `${server.url}sitemap.xml`);
    if (sitemap.status !== 200 || sitemap.error) {
      problems.push(`sitemap.xml with a base URL: ${sitemap.error || `answers ${sitemap.status}`}`);
    } else {
      if (sitemap.root !== "urlset") problems.push(`sitemap.xml: root <${sitemap.root}>, not <urlset>`);
      const listed = new Set();
      for (const loc of sitemap.locs) {
        if (!loc.startsWith(baseUrl)) { problems.push(`sitemap.xml: <loc>${loc}</loc> is not under ${baseUrl}`); continue; }
        listed.add(loc.slice(baseUrl.length).replace(/index\.html$/, ""));
        const s = await status(page, local(loc));
        if (s !== 200) problems.push(`sitemap.xml: ${loc} answers ${s}`);
      }
      // A release's frozen copy is left out of the sitemap (search engines would rank old texts
      // beside the current ones); its releases page and changelogs are listed.
      const frozen = (p) => /^releases\/[^/]+\//.test(p) && !/^releases\/[^/]+\/changelog\//.test(p);
      const missing = pagesOf(h.env.siteBase).filter((p) => !listed.has(p) && !frozen(p));
      if (missing.length) problems.push(`sitemap.xml lists ${listed.size} pages; not listed: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`);
    }
    const robots = await page.request.get(`${server.url}robots.txt`);
    if (robots.status() === 200 && !(await robots.text()).includes(`Sitemap: ${baseUrl}sitemap.xml`)) {
      problems.push(`robots.txt does not name ${baseUrl}sitemap.xml`);
    }
  } finally {
    await page.close();
    await server.close();
  }
  h.check(`feeds and sitemap with the base URL ${baseUrl}`, problems);
});
