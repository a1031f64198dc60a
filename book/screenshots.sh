#!/usr/bin/env bash
# The book's screenshots of the site (book/src/site/img/): builds the sample site with its git
# history and photographs the top of each page kind at 1400 and 390 px wide in the light theme,
# the overview also in the dark one, as JPEG files of well under 150 KB. Run by hand after a
# change of the site's look, look at the pictures, commit them:
#
#   book/screenshots.sh            # needs node, npm (first run) and Debian's chromium
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/browser
if [ ! -d target/browser/node_modules/playwright-core ] || [ ! -d target/browser/node_modules/axe-core ]; then
  (cd target/browser && npm install --no-save --no-audit --no-fund --silent playwright-core@1 axe-core@4)
fi
cargo build --quiet
site=target/screenshots/site
normwerk="${CARGO_TARGET_DIR:-target}/debug/normwerk"
# With a release of the sample, as the browser tests build it (.ci/run).
mkdir -p target/screenshots
rm -rf target/screenshots/releases
sed 's|^source = "."|source = "../../standards-src"\n\n[releases]\nfolder = "releases"|' \
  standards-src/normwerk.toml > target/screenshots/normwerk.toml
"$normwerk" --config target/screenshots/normwerk.toml release sample --commit HEAD
"$normwerk" --config target/screenshots/normwerk.toml build --as-of 2026-11-27 --out "$site"
mkdir -p book/src/site/img

SITE="$site" PLAYWRIGHT_CORE=target/browser/node_modules/playwright-core \
  AXE_CORE=target/browser/node_modules/axe-core SHOTS=target/screenshots node - <<'EOF'
const path = require("node:path");
const fs = require("node:fs");
const h = require(path.resolve("tests/browser/helpers.cjs"));
const out = path.resolve("book/src/site/img");
const LIMIT = 150 * 1024;

(async () => {
  const browser = await h.launch();
  const server = await h.serve(h.env.site, h.PREFIX);
  const shots = [];
  for (const kind of Object.keys(h.KINDS)) {
    for (const [width, scheme] of [[1400, "light"], [390, "light"], ...(kind === "overview" ? [[1400, "dark"]] : [])]) {
      shots.push({ kind, width, scheme });
    }
  }
  try {
    for (const { kind, width, scheme } of shots) {
      const url = await h.locate(browser, server.url, kind);
      if (!url) throw new Error(`no page of kind ${kind}`);
      const size = width === 1400 ? h.WIDTHS.wide : h.WIDTHS.narrow;
      const context = await browser.newContext({ viewport: size, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "networkidle" });
      const file = path.join(out, `${kind}-${width}${scheme === "dark" ? "-dark" : ""}.jpg`);
      // Viewport-sized, not the full page: a picture of what a reader sees first.
      let quality = 70;
      for (;;) {
        await page.screenshot({ path: file, type: "jpeg", quality });
        if (fs.statSync(file).size <= LIMIT || quality <= 30) break;
        quality -= 10;
      }
      console.log(`${path.relative(process.cwd(), file)}: ${Math.round(fs.statSync(file).size / 1024)} KB (quality ${quality})`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
EOF
