//! The search box's data and the site's paths: `search-index.js` and the per-document text
//! files, the ranking of the search script (run with Node), no root-absolute link on any page,
//! the 404 page at any depth, and the sitemap only with a base URL.

use crate::common::{Expect, normwerk};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample site, built with `extra` arguments into a new temporary folder.
fn sample_site(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    normwerk()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
        .arg(root().join("standards-src"))
        .arg("--out")
        .arg(&out)
        .args(extra)
        .succeeds();
    (tmp, out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every `href="/…"`, `src="/…"` (and single-quoted) in the HTML pages of `site`.
fn root_absolute_links(site: &Path) -> Vec<String> {
    let mut files = Vec::new();
    walk(site, &mut files);
    let mut found = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(f).unwrap();
        for attr in ["href=\"/", "src=\"/", "href='/", "src='/", "action=\"/"] {
            for (at, _) in html.match_indices(attr) {
                let end = (at + 60).min(html.len());
                found.push(format!("{}: {}", f.display(), &html[at..end]));
            }
        }
    }
    found
}

#[test]
fn the_sample_site_has_the_search_index_and_no_root_absolute_link() {
    let (_tmp, out) = sample_site(&[]);
    let index = std::fs::read_to_string(out.join("search-index.js")).unwrap();
    assert!(index.starts_with("window.normwerkSearchIndex={"), "{index}");
    assert!(!out.join("search.json").exists());
    // The text of every document page in the text files, for the snippets; files of 32
    // documents, not one per document.
    let mut texts = String::new();
    for e in std::fs::read_dir(out.join("search")).unwrap() {
        texts.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    assert!(out.join("search/text-0.js").is_file());
    let mut pages: usize = 0;
    for e in std::fs::read_dir(out.join("standards")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.contains("-v") || name.contains("-w") {
            pages += 1;
            assert!(
                texts.contains(&format!("t[\"{name}\"]=[")),
                "{name}: {texts}"
            );
        }
    }
    let files = std::fs::read_dir(out.join("search")).unwrap().count();
    assert_eq!(
        files,
        pages.div_ceil(32),
        "{files} text files for {pages} pages"
    );
    assert!(pages > 10, "{pages}");
    assert_eq!(root_absolute_links(&out), Vec::<String>::new());
    // The search box: a combobox over a listbox, its results announced by a polite live region.
    let overview = std::fs::read_to_string(out.join("index.html")).unwrap();
    for part in [
        r#"<input id="search-input" type="search" role="combobox""#,
        r#"aria-controls="search-results""#,
        r#"<ul id="search-results" role="listbox""#,
        r#"<p id="search-status" class="visually-hidden" aria-live="polite">"#,
    ] {
        assert!(overview.contains(part), "{part}");
    }
}

#[test]
fn the_404_page_works_at_any_depth() {
    // Without a base URL: links relative to the root, which the page's script finds; the
    // styles inline, no stylesheet or script that a deep address would miss.
    let (_tmp, out) = sample_site(&[]);
    let page = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(page.contains("<style>"), "{page}");
    assert!(page.contains(":root"), "the whole stylesheet inline");
    assert!(!page.contains("assets/style.css"), "{page}");
    assert!(!page.contains("<script src="), "{page}");
    assert!(
        page.contains(r#"<a href="index.html">overview</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"+ "assets/site.js", { method: "HEAD" }"#),
        "{page}"
    );
    // With one: every link absolute under it, no guessing.
    let (_tmp, out) = sample_site(&["--base-url", "https://example.org/sub/path"]);
    let page = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        page.contains(r#"<a href="https://example.org/sub/path/index.html">overview</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<script src="https://example.org/sub/path/assets/site.js" defer>"#),
        "{page}"
    );
    assert!(!page.contains("method: \"HEAD\""), "{page}");
    assert!(page.contains("<style>"), "{page}");
}

#[test]
fn sitemap_and_robots_only_with_a_base_url() {
    let (_tmp, out) = sample_site(&[]);
    assert!(!out.join("sitemap.xml").exists());
    assert!(!out.join("robots.txt").exists());

    let (_tmp, out) = sample_site(&["--base-url", "https://example.org/std"]);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.len() > 30, "{sitemap}");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/std/")),
        "{sitemap}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/std/sitemap.xml\n"
    );
}

#[test]
fn a_base_url_that_is_no_address_fails_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    normwerk()
        .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
        .arg(root().join("standards-src"))
        .arg("--out")
        .arg(tmp.path().join("site"))
        .args(["--base-url", "standards/"])
        .fails_with("\"standards/\" is not an http(s) address");
    assert!(!tmp.path().join("site").exists());
}

/// Results of `queries` as the search box ranks them on the sample site: per query, `(id, best
/// field code of each query word)` in order.
fn search(site: &Path, queries: &[&str]) -> Vec<Vec<(String, Vec<u64>)>> {
    let out = std::process::Command::new("node")
        .arg(root().join("tests/js/search-query.cjs"))
        .arg(site)
        .args(queries)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    queries
        .iter()
        .map(|q| {
            json[q]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let fields = r["fields"].as_array().unwrap();
                    (
                        r["id"].as_str().unwrap().to_owned(),
                        fields.iter().map(|f| f.as_u64().unwrap()).collect(),
                    )
                })
                .collect()
        })
        .collect()
}

fn ids(results: &[(String, Vec<u64>)]) -> Vec<&str> {
    results.iter().map(|(id, _)| id.as_str()).collect()
}

#[test]
#[cfg_attr(
    node_absent,
    ignore = "needs Node (`node` on PATH) to run the search script"
)]
fn the_search_script_ranks_fields_matches_and_states() {
    let (_tmp, out) = sample_site(&[]);
    let r = search(
        &out,
        &[
            "instance metadata labels",
            "retnetion snapshto",
            "vocabulary",
            "scs-0111",
            "label",
            "lifecycle",
        ],
    );
    // Title hits above body hits; the effective version above the deprecated one.
    assert_eq!(
        ids(&r[0]),
        [
            "scs-0110-v2",
            "scs-0110-w1",
            "scs-0110-v1",
            "scs-0500-v2",
            "scs-0500-v1"
        ]
    );
    assert_eq!(r[0][0].1, [6, 6, 6]);
    assert_eq!(r[0][3].1, [0, 0, 0]);
    // Two typos, one edit each, found in titles; the version in force first.
    assert_eq!(ids(&r[1])[..2], ["scs-0111-v2", "scs-0111-v1"]);
    // A word only in a body.
    assert_eq!(r[2], [("scs-0110-v1".to_owned(), vec![0])]);
    // Ids: no typo tolerance for numbers (scs-0110 is another standard).
    assert_eq!(ids(&r[3]), ["scs-0111-v2", "scs-0111-v1"]);
    // A prefix of a title word.
    assert_eq!(
        ids(&r[4])[..3],
        ["scs-0110-v2", "scs-0110-w1", "scs-0110-v1"]
    );
    // An exact title hit above a prefix one, both above the body.
    let first = &r[5][0];
    assert_eq!(first.1, [6], "{:?}", r[5]);
}
