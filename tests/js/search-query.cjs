// Runs the search box's matching and ranking (templates/js/search.js) on a built site's
// search-index.js, without a browser: `node search-query.cjs SITE QUERY...` prints, per query,
// the ids of the results in order with their best field code. Used by tests/integration/search.rs.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const [site, ...queries] = process.argv.slice(2);
const context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(site, "search-index.js"), "utf8"), context);
vm.runInContext(fs.readFileSync(path.join(__dirname, "../../templates/js/search.js"), "utf8"), context);
const { normwerkSearch, normwerkSearchIndex } = context.window;
const ix = normwerkSearch.prepare(normwerkSearchIndex);
const out = {};
for (const q of queries) {
  out[q] = normwerkSearch.query(ix, q).map((r) => ({
    id: ix.docs[r.doc][1],
    state: ix.docs[r.doc][3],
    score: r.score,
    fields: r.hits.map((h) => h.code),
    terms: r.hits.map((h) => h.term),
  }));
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
