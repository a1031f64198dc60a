// The search box: full text over ids, titles, descriptions, headings and bodies, ranked and
// typo-tolerant, with keyboard selection (the WAI-ARIA combobox pattern). The index is the script
// search-index.js, inserted the first time the box is used (a script loads from file://, fetch
// does not); the documents' texts (search/text-<n>.js, a few dozen documents each) are loaded only
// for the snippets shown.
(function (g) {
  "use strict";
  // Score of a word's hit by its field code (see src/site/search/mod.rs): body 0-3 (by how
  // often), heading 4, description 5, title 6, id 7. The field decides first, then the kind of
  // match, then (for the body) how often.
  var FIELD = [20, 21, 22, 23, 40, 60, 80, 100];
  var EXACT = 10, PREFIX = 5, FUZZY = 0;
  // Among equal matches, what is in force comes first; a deprecated or rejected version drops
  // below the effective version of the same standard that matches as well.
  var PENALTY = { deprecated: 5, rejected: 5 };
  var ORDER = { effective: 0, "future-deprecated": 1, "future-effective": 2, draft: 3,
                informative: 4, deprecated: 5, rejected: 6 };
  var MAX_PREFIX = 200;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  // The words of a text as the index splits them (src/site/search/text.rs).
  function words(text, stop) {
    return (String(text).match(WORD) || []).filter(function (w) {
      var n = Array.from(w).length;
      return n >= 2 && n <= 32;
    }).map(function (w) { return w.toLowerCase(); })
      .filter(function (w) { return !stop.has(w); });
  }

  function prepare(raw) {
    return { docs: raw.docs, shard: raw.shard, terms: raw.terms, postings: raw.postings, stop: new Set(raw.stop),
             decoded: new Map() };
  }

  // Postings of the term at i: [doc, code, doc, code, ...].
  function postings(ix, i) {
    var got = ix.decoded.get(i);
    if (got) { return got; }
    var parts = ix.postings[i].split(","), out = new Array(parts.length * 2), doc = 0;
    for (var k = 0; k < parts.length; k++) {
      var n = parseInt(parts[k], 36);
      doc += Math.floor(n / 8);
      out[2 * k] = doc;
      out[2 * k + 1] = n % 8;
    }
    ix.decoded.set(i, out);
    return out;
  }

  function lowerBound(terms, w) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < w) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  // Optimal string alignment distance of a and b, or max + 1 once it exceeds max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur.push(d);
        if (d < best) { best = d; }
      }
      if (best > max) { return max + 1; }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // The index's terms a query word matches: [term index, bonus].
  function expand(ix, w) {
    var out = [], seen = new Set(), terms = ix.terms;
    var i = lowerBound(terms, w);
    if (terms[i] === w) { out.push([i, EXACT]); seen.add(i); }
    if (w.length >= 2) {
      for (var k = i, n = 0; k < terms.length && n < MAX_PREFIX && terms[k].startsWith(w); k++) {
        if (!seen.has(k)) { out.push([k, PREFIX]); seen.add(k); n++; }
      }
    }
    // Typos: one edit in words of 4 to 7 letters, two from 8 on; not in numbers, where an
    // edit names another standard.
    if (w.length >= 4 && !/\p{N}/u.test(w)) {
      var max = w.length >= 8 ? 2 : 1;
      for (k = 0; k < terms.length; k++) {
        var t = terms[k];
        if (!seen.has(k) && Math.abs(t.length - w.length) <= max && distance(w, t, max) <= max) {
          out.push([k, FUZZY]);
        }
      }
    }
    return out;
  }

  // Every document that matches every word of q, best first: {doc, score, hits: [{term, code}]}.
  function query(ix, q) {
    var qs = words(q, ix.stop);
    var found = null;
    for (var n = 0; n < qs.length; n++) {
      var per = new Map(), matches = expand(ix, qs[n]);
      for (var m = 0; m < matches.length; m++) {
        var p = postings(ix, matches[m][0]), term = ix.terms[matches[m][0]];
        for (var k = 0; k < p.length; k += 2) {
          var s = FIELD[p[k + 1]] + matches[m][1], had = per.get(p[k]);
          if (!had || had.score < s) { per.set(p[k], { score: s, term: term, code: p[k + 1] }); }
        }
      }
      if (found === null) {
        found = new Map();
        per.forEach(function (h, doc) { found.set(doc, { doc: doc, score: h.score, hits: [h] }); });
      } else {
        found.forEach(function (r, doc) {
          var h = per.get(doc);
          if (h) { r.score += h.score; r.hits.push(h); } else { found.delete(doc); }
        });
      }
    }
    var out = [];
    (found || new Map()).forEach(function (r) {
      var state = ix.docs[r.doc][3];
      r.score -= PENALTY[state] || 0;
      out.push(r);
    });
    out.sort(function (a, b) {
      return b.score - a.score ||
        (ORDER[ix.docs[a.doc][3]] || 0) - (ORDER[ix.docs[b.doc][3]] || 0) || a.doc - b.doc;
    });
    return out;
  }

  g.normwerkSearch = { prepare: prepare, query: query, words: words, distance: distance };

  var document = g.document;
  if (!document) { return; }
  var form = document.getElementById("search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  var SHOWN = 10;
  var ix = null, loading = false, selected = -1, generation = 0;
  form.hidden = false;

  function script(src, done, failed) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = done;
    s.onerror = failed;
    document.head.appendChild(s);
  }

  function load() {
    if (ix || loading) { return; }
    loading = true;
    script(root + "search-index.js", function () {
      ix = prepare(g.normwerkSearchIndex);
      update();
    }, function () { say("The search index could not be loaded.", true); });
  }

  function say(text, visible) {
    status.textContent = text;
    status.classList.toggle("visually-hidden", !visible);
  }

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    selected = -1;
  }

  function select(i) {
    var opts = options();
    if (!opts.length) { return; }
    selected = (i + opts.length) % opts.length;
    opts.forEach(function (o, k) { o.setAttribute("aria-selected", String(k === selected)); });
    input.setAttribute("aria-activedescendant", opts[selected].id);
    opts[selected].scrollIntoView({ block: "nearest" });
  }

  function update() {
    var q = input.value.trim();
    if (!q) { close(); say("", false); return; }
    if (!ix) { say("Loading the search index…", false); return; }
    var results = query(ix, q);
    close();
    generation++;
    if (!results.length) { say("No results for “" + q + "”.", true); return; }
    results.slice(0, SHOWN).forEach(function (r, k) { list.appendChild(option(r, k)); });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    say(results.length === 1 ? "1 result." : results.length + " results" +
        (results.length > SHOWN ? ", the best " + SHOWN + " shown." : "."), false);
  }

  function option(r, k) {
    var d = ix.docs[r.doc];
    // The link is the option (an option may hold nothing focusable); the item only lays out.
    var li = document.createElement("li");
    li.setAttribute("role", "none");
    var a = document.createElement("a");
    a.id = "search-option-" + k;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.href = root + "standards/" + d[0] + "/index.html";
    a.tabIndex = -1;
    var head = document.createElement("span");
    head.className = "search-head";
    var id = document.createElement("span");
    id.className = "search-id";
    id.textContent = d[1];
    var title = document.createElement("span");
    title.className = "search-title";
    title.textContent = d[2];
    var state = document.createElement("span");
    state.className = "state state-" + d[3];
    state.textContent = d[3];
    head.append(id, " ", title, " ", state);
    a.appendChild(head);
    li.appendChild(a);
    // Words found only in headings or the body get a snippet from the document's text.
    // (Only while these results are shown: the text may arrive after the next keystroke.)
    var inText = r.hits.filter(function (h) { return h.code <= 4; }), shown = generation;
    if (inText.length) {
      text(d[0], r.doc, function (sections) { if (shown === generation) { snippet(a, sections, inText); } });
    }
    return li;
  }

  var texts = new Map();
  // The text of document n is in search/text-<n / shard>.js, with those of its neighbours.
  function text(fid, n, done) {
    var all = g.normwerkSearchText || {};
    if (all[fid]) { done(all[fid]); return; }
    var file = Math.floor(n / (ix.shard || 1));
    var waiting = texts.get(file);
    var call = function () { done((g.normwerkSearchText || {})[fid] || []); };
    if (waiting) { waiting.push(call); return; }
    texts.set(file, [call]);
    script(root + "search/text-" + file + ".js", function () {
      (texts.get(file) || []).forEach(function (f) { f(); });
      texts.delete(file);
    }, function () { texts.delete(file); });
  }

  function escape(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // The section where the first of the words occurs, its heading and a window of its text
  // around the match, the words marked.
  function snippet(a, sections, hits) {
    var re = new RegExp("(?<![\\p{Alphabetic}\\p{N}])(?:" +
      hits.map(function (h) { return escape(h.term); }).join("|") +
      ")(?![\\p{Alphabetic}\\p{N}])", "giu");
    for (var i = 0; i < sections.length; i++) {
      var s = sections[i], at = -1;
      re.lastIndex = 0;
      var m = re.exec(s[2]);
      if (m) { at = m.index; }
      re.lastIndex = 0;
      if (at < 0 && !re.test(s[1])) { continue; }
      if (s[0]) { a.href = a.href.split("#")[0] + "#" + s[0]; }
      var p = document.createElement("span");
      p.className = "search-snippet";
      if (s[1]) {
        var h = document.createElement("span");
        h.className = "search-section";
        mark(h, "§ " + s[1], re);
        p.appendChild(h);
        p.append(" ");
      }
      var from = Math.max(0, at - 60), to = Math.min(s[2].length, Math.max(at, 0) + 120);
      if (from > 0) { from = s[2].indexOf(" ", from) + 1 || from; }
      var cut = s[2].slice(from, to);
      mark(p, (from > 0 ? "…" : "") + cut + (to < s[2].length ? "…" : ""), re);
      a.appendChild(p);
      return;
    }
  }

  function mark(el, t, re) {
    var last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(t)) !== null) {
      el.append(t.slice(last, m.index));
      var em = document.createElement("mark");
      em.textContent = m[0];
      el.appendChild(em);
      last = m.index + m[0].length;
    }
    el.append(t.slice(last));
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); update(); });
  input.addEventListener("keydown", function (e) {
    var open = !list.hidden && options().length > 0;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) { update(); }
      select(selected < 0 && e.key === "ArrowUp" ? -1 : selected + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      var opts = options();
      var target = opts[selected >= 0 ? selected : 0];
      if (target) { g.location.href = target.href; }
    } else if (e.key === "Escape") {
      if (open) { close(); } else { input.value = ""; say("", false); }
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) { close(); } });
})(window);
