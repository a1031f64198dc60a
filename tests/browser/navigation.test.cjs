// The controls of the pages, over HTTP under a sub-path: skip link and landmarks, the version
// switcher, the on-page contents (TOC) at both widths, the theme toggle, the overview's filters,
// the way from the overview to a document and from the certification section to a scope page,
// and the JSON index linked from the footer.
const { test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./helpers.cjs");

const run = h.suite();

// Runs `f(page)` in a fresh context (options: viewport, colorScheme, javaScriptEnabled) and
// fails on console errors and failed requests too.
async function withPage(what, options, f) {
  const context = await run.browser.newContext({ viewport: h.WIDTHS.wide, ...options });
  const page = await context.newPage();
  const problems = h.watch(page);
  try {
    await f(page);
  } finally {
    await context.close();
  }
  h.check(what, problems);
}

const url = (rel) => run.server.url + rel;

test("every page kind: a skip link to main#content is the first thing to focus", async () => {
  const problems = [];
  await withPage("skip links", {}, async (page) => {
    for (const [kind, rel] of Object.entries(h.KINDS)) {
      if (!rel || kind === "not-found") continue;
      await page.goto(url(rel));
      const found = await page.evaluate(() => {
        const first = document.body.querySelector("a[href], button:not([hidden]), input, select, textarea, [tabindex]");
        const main = document.getElementById("content");
        return {
          first: first ? first.outerHTML.slice(0, 120) : null,
          skip: !!first && first.matches("a.skip-link[href='#content']"),
          main: main ? main.tagName.toLowerCase() : null,
        };
      });
      if (!found.skip) problems.push(`${kind} (${rel}): the first focusable element is ${found.first}, not <a class="skip-link" href="#content">`);
      if (found.main !== "main") problems.push(`${kind} (${rel}): #content is ${found.main ? `<${found.main}>` : "missing"}, not <main>`);
    }
  });
  h.check("skip links and landmarks", problems);
});

// The versions of the document kind's standard, from the JSON index the site publishes.
function versionsOfDocumentKind() {
  const file = fs.readdirSync(path.join(h.env.site, "api/v1/standards"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(h.env.site, "api/v1/standards", f), "utf8")))
    .find((s) => s.standard.versions.some((v) => h.KINDS.document.startsWith(v.url)));
  assert.ok(file, `no standard in api/v1/standards/ has the version at ${h.KINDS.document}`);
  return file.standard.versions;
}

test("the version switcher lists every version with its state and leads to another version", async () => {
  const versions = versionsOfDocumentKind();
  assert.ok(versions.length >= 2, `the document kind's standard has ${versions.length} version(s); the test needs two`);
  const check = async (page, scripted) => {
    await page.goto(url(h.KINDS.document));
    const switcher = page.locator("#version-switcher");
    await h.waitFor(switcher, `${h.KINDS.document}: no #version-switcher`, "attached");
    const items = await switcher.locator("a[href]").evaluateAll((as) => as.map((a) => ({
      href: a.href, text: (a.closest("li") || a.parentElement).textContent.replace(/\s+/g, " ").trim(),
    })));
    for (const v of versions) {
      const item = items.find((i) => i.href.split("#")[0].replace(/index\.html$/, "") === url(v.url));
      assert.ok(item, `#version-switcher (script ${scripted ? "on" : "off"}) has no link to v${v.version} (${v.url}); links: ${items.map((i) => i.href).join(", ")}`);
      assert.ok(item.text.includes(v.state), `#version-switcher: the entry of v${v.version} "${item.text}" does not show its state ${v.state}`);
    }
  };
  await withPage("version switcher without script", { javaScriptEnabled: false }, (page) => check(page, false));
  await withPage("version switcher", {}, async (page) => {
    await check(page, true);
    const other = versions.find((v) => !h.KINDS.document.startsWith(v.url));
    const switcher = page.locator("#version-switcher");
    if (await switcher.evaluate((e) => e.tagName === "DETAILS" && !e.open)) await switcher.locator("summary").first().click();
    const link = switcher.locator(`a[href*="${other.url}"]`).first();
    await h.waitFor(link, `#version-switcher: the link to v${other.version} is not visible after opening the switcher`);
    await link.click();
    await page.waitForURL((u) => u.href.replace(/index\.html$/, "") === url(other.url), { timeout: 5000 })
      .catch(() => assert.fail(`#version-switcher: clicking v${other.version} opened ${page.url()}, not ${url(other.url)}`));
    const named = await page.evaluate(() => {
      const h1 = document.querySelector("h1");
      const next = h1 && h1.nextElementSibling;
      return `${h1 ? h1.innerText : ""} ${next ? next.innerText : ""}`.replace(/\s+/g, " ");
    });
    assert.match(named, new RegExp(`\\bv${other.version}\\b|\\bversion ${other.version}\\b`, "i"),
      `${other.url}: neither the H1 nor the line below it names the version v${other.version}: "${named.slice(0, 200)}"`);
  });
});

// Checks that clicking the TOC link `index` scrolls its heading into view.
async function jump(page, index) {
  const link = page.locator("nav#toc a[href^='#']").nth(index);
  const id = decodeURIComponent((await link.getAttribute("href")).slice(1));
  await link.click();
  await page.waitForFunction((i) => decodeURIComponent(location.hash.slice(1)) === i, id, { timeout: 3000 })
    .catch(() => assert.fail(`nav#toc: clicking the link to #${id} left the address at ${page.url()}`));
  const box = await page.evaluate((i) => {
    const el = document.getElementById(i);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: innerHeight };
  }, id);
  assert.ok(box, `nav#toc links #${id}, which no element of the page has`);
  assert.ok(box.top >= -1 && box.top < box.height, `nav#toc: after clicking #${id} its heading is at ${box.top}px, outside the ${box.height}px window`);
  return id;
}

test("the sidebar lists the track's standards from its script, the current one marked; without script it links the track", async () => {
  for (const kind of ["document", "standard"]) {
    const rel = h.KINDS[kind];
    await withPage(`sidebar of the ${kind} page`, {}, async (page) => {
      await page.goto(url(rel));
      const items = page.locator("aside.sidebar ul.sidebar-list li a");
      await h.waitFor(items.first(), `${rel}: the sidebar lists no standard`, "attached");
      const found = await page.evaluate(() => {
        const links = [...document.querySelectorAll("aside.sidebar ul.sidebar-list li a")];
        const current = links.filter((a) => a.getAttribute("aria-current") === "page");
        return {
          count: links.length,
          current: current.map((a) => a.querySelector(".side-id").textContent),
          wanted: document.querySelector("aside.sidebar").getAttribute("data-current"),
          states: links.every((a) => a.querySelector(".badge") && a.querySelector(".badge").textContent.length > 0),
          resolved: links.every((a) => a.href.endsWith("/index.html") && a.href.includes("/standards/")),
        };
      });
      assert.ok(found.count > 1, `${rel}: the sidebar lists ${found.count} standards`);
      assert.deepStrictEqual(found.current, [found.wanted.toUpperCase()], `${rel}: the sidebar marks ${found.current} as current, not ${found.wanted}`);
      assert.ok(found.states, `${rel}: a sidebar entry shows no state`);
      assert.ok(found.resolved, `${rel}: a sidebar link does not lead to a standard's page`);
      // The entry leads to its standard's page.
      const target = page.locator("aside.sidebar ul.sidebar-list li a:not([aria-current])").first();
      const href = await target.getAttribute("href");
      const response = await page.request.get(new URL(href, page.url()).href);
      assert.strictEqual(response.status(), 200, `${rel}: the sidebar's link ${href} gives ${response.status()}`);
    });
    await withPage(`sidebar of the ${kind} page without script`, { javaScriptEnabled: false }, async (page) => {
      await page.goto(url(rel));
      const track = page.locator("aside.sidebar a.track-link");
      await h.waitFor(track, `${rel}: without script the sidebar has no link to the track's page`, "attached");
    });
  }
});

test("the TOC at 1400 px: shown, its links jump to the headings, it stays on screen", async () => {
  await withPage("TOC at 1400 px", {}, async (page) => {
    await page.goto(url(h.KINDS.document));
    const toc = page.locator("nav#toc");
    await h.waitFor(toc, `${h.KINDS.document} at 1400 px: no visible nav#toc`);
    const links = await toc.locator("a[href^='#']").count();
    assert.ok(links >= 2, `nav#toc has ${links} link(s) to headings`);
    const missing = await toc.locator("a[href^='#']").evaluateAll((as) =>
      as.map((a) => decodeURIComponent(a.getAttribute("href").slice(1))).filter((id) => !document.getElementById(id)));
    assert.ok(missing.length === 0, `nav#toc links anchors that no element has: ${missing.join(", ")}`);
    await jump(page, 0);
    const last = await jump(page, links - 1);
    const onScreen = await toc.evaluate((t) => { const r = t.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; });
    assert.ok(onScreen, `nav#toc scrolled out of view after jumping to #${last}: it should stay beside the text on wide screens (sticky)`);
  });
});

test("the TOC at 390 px: collapsed, opens, its links jump to the headings", async () => {
  await withPage("TOC at 390 px", { viewport: h.WIDTHS.narrow }, async (page) => {
    await page.goto(url(h.KINDS.document));
    const toc = page.locator("nav#toc");
    await h.waitFor(toc, `${h.KINDS.document}: no nav#toc`, "attached");
    assert.ok(!(await toc.isVisible()), "nav#toc is open at 390 px: it should be collapsed (inside a closed <details>)");
    const summary = page.locator("details:has(nav#toc) > summary").first();
    await h.waitFor(summary, "nav#toc is not inside a <details> with a visible <summary> at 390 px");
    await summary.click();
    await h.waitFor(toc, "nav#toc does not open when its <summary> is clicked at 390 px");
    await jump(page, 1);
  });
});

// The background the page shows: the body's, or the root's when the body has none.
const background = (page) => page.evaluate(() => {
  const colour = (el) => getComputedStyle(el).backgroundColor;
  const c = colour(document.body) === "rgba(0, 0, 0, 0)" ? colour(document.documentElement) : colour(document.body);
  const [r, g, b] = (c.match(/[\d.]+/g) || ["255", "255", "255"]).map(Number);
  return { colour: c, dark: 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 };
});

test("the colour scheme follows the system preference", async () => {
  for (const scheme of ["light", "dark"]) {
    await withPage(`system ${scheme}`, { colorScheme: scheme }, async (page) => {
      await page.goto(url("index.html"));
      const bg = await background(page);
      assert.strictEqual(bg.dark, scheme === "dark", `with the system preference ${scheme} the page's background is ${bg.colour}`);
    });
  }
});

test("the theme toggle switches data-theme and the colours, and the choice survives a reload", async () => {
  await withPage("theme toggle", { colorScheme: "light" }, async (page) => {
    await page.goto(url("index.html"));
    const toggle = page.locator("button#theme-toggle");
    await h.waitFor(toggle, "no visible button#theme-toggle in the header");
    const theme = () => page.evaluate(() => document.documentElement.getAttribute("data-theme"));
    await toggle.click();
    assert.strictEqual(await theme(), "dark", "after one click on #theme-toggle (system light) <html data-theme> should be \"dark\"");
    assert.ok((await background(page)).dark, `data-theme="dark" but the background is ${(await background(page)).colour}`);
    const stored = await page.evaluate(() => localStorage.getItem("normwerk-theme"));
    assert.strictEqual(stored, "dark", `localStorage["normwerk-theme"] is ${stored}, not "dark"`);
    await page.reload();
    assert.strictEqual(await theme(), "dark", "the dark theme chosen with #theme-toggle is gone after a reload");
    await page.goto(url(h.KINDS.document));
    assert.strictEqual(await theme(), "dark", "the dark theme chosen with #theme-toggle is gone on another page");
    assert.ok((await background(page)).dark, "another page is not dark after choosing the dark theme");
    await page.locator("button#theme-toggle").click();
    assert.strictEqual(await theme(), "light", "a second click on #theme-toggle should set data-theme=\"light\"");
    assert.ok(!(await background(page)).dark, `data-theme="light" but the background is ${(await background(page)).colour}`);
  });
});

const visibleRows = (page) => page.locator("table.standards tbody tr").evaluateAll((rows) =>
  rows.filter((r) => r.offsetParent !== null).map((r) => r.getAttribute("data-track")));

test("the overview's filters offer only values that match a standard", async () => {
  await withPage("filter values", {}, async (page) => {
    await page.goto(url("index.html"));
    await h.waitFor(page.locator("#filters"), "#filters is not shown on the overview (the script shows it)");
    const selects = page.locator("#filters select");
    const count = await selects.count();
    assert.ok(count >= 2, `#filters has ${count} select(s); a track and a state filter are expected`);
    const empty = [];
    for (let i = 0; i < count; i++) {
      const s = selects.nth(i);
      const label = (await s.evaluate((e) => (e.closest("label") || e).innerText.split("\n")[0])).trim();
      const values = await s.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      for (const v of values) {
        await s.selectOption(v);
        if ((await visibleRows(page)).length === 0) empty.push(`${label} = ${v}`);
      }
      await s.selectOption("");
    }
    assert.ok(empty.length === 0, `#filters offers values that match no standard: ${empty.join(", ")}`);
  });
});

test("the overview's filters: the track filter narrows the table, the choice survives a reload", async () => {
  await withPage("filter reload", {}, async (page) => {
    await page.goto(url("index.html"));
    await h.waitFor(page.locator("#filters"), "#filters is not shown on the overview (the script shows it)");
    const all = (await visibleRows(page)).length;
    const track = () => page.locator("#filters label", { hasText: "Track" }).locator("select");
    await h.waitFor(track(), "#filters has no select inside a label \"Track\"");
    await track().selectOption("KaaS");
    const kaas = await visibleRows(page);
    assert.ok(kaas.length >= 1 && kaas.length < all && kaas.every((t) => t === "KaaS"),
      `Track = KaaS shows the rows of tracks ${JSON.stringify(kaas)} (of ${all})`);
    await page.reload();
    await h.waitFor(page.locator("#filters"), "#filters is not shown after the reload");
    const kept = await track().inputValue();
    assert.strictEqual(kept, "KaaS", `the track filter is "${kept || "all"}" after a reload, not "KaaS"`);
    const after = await visibleRows(page);
    assert.ok(JSON.stringify(after) === JSON.stringify(kaas), `after a reload the table shows ${after.length} rows, before it ${kaas.length}`);
  });
});

test("from the overview to a document, and from the certification section to a scope page", async () => {
  await withPage("overview to document to scope", {}, async (page) => {
    await page.goto(url("index.html"));
    assert.ok(await page.locator("table.standards tbody tr").count() >= 10, "the overview lists fewer than 10 standards");
    await page.locator("table.standards a", { hasText: "Volume snapshot retention" }).first().click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Volume snapshot retention/);

    // The certification section: from the header to a scope page, whose current period is
    // marked and whose test cases link the anchors of the documents that specify them.
    await page.locator("header a", { hasText: "Certification" }).first().click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Certification/);
    await page.locator("main a", { hasText: "Compatible IaaS" }).first().click();
    await page.waitForLoadState();
    assert.match(await page.locator("h1").innerText(), /Compatible IaaS/);
    assert.match(await page.locator("table.scope-timeline tr.current").innerText(), /2026-11-01/);
    const v2 = page.locator("section#version-v2");
    assert.match(await v2.locator("h2").innerText(), /v2\s+effective/);
    await v2.locator("details.testcases summary").click();
    await v2.locator("details.testcases a", { hasText: "scs-0111-v2#conformance-tests" }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /scs-0111-v2-volume-snapshot-retention\/index\.html#conformance-tests$/);
    assert.match(await page.locator("main").innerText(), /Required by Compatible IaaS v2/);
  });
});

test("the footer links the JSON index, which a script of the site can read", async () => {
  await withPage("JSON index", {}, async (page) => {
    await page.goto(url("index.html"));
    const href = await page.locator("footer a", { hasText: "api/v1/index.json" }).getAttribute("href");
    const index = await page.evaluate(async (u) => (await fetch(u)).json(), href);
    assert.strictEqual(index.api_version, 1);
    assert.ok(index.standards.length >= 10);
  });
});
