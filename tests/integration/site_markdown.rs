//! `normwerk build` of the Markdown the corpus uses: callouts, diagrams, highlighted code,
//! heading permalinks, links to the body's own public site, tables in their own box
//! (`tests/fixtures/site/markdown/`, an invented corpus).

use crate::common::{Expect, normwerk};
use std::path::Path;

fn built() -> (tempfile::TempDir, String, String) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/markdown");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    normwerk()
        .args(["build", "--no-history", "--as-of", "2026-11-27", "--source"])
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .succeeds();
    let read =
        |id: &str| std::fs::read_to_string(out.join(format!("standards/{id}/index.html"))).unwrap();
    let (aids, flavors) = (
        read("scs-0001-v1-reading-aids"),
        read("scs-0100-v1-flavors"),
    );
    (tmp, aids, flavors)
}

#[test]
fn callouts_diagrams_code_links_and_tables() {
    let (tmp, html, plain) = built();
    for needle in [
        // Callouts of each form; the unclosed one stays text.
        "<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>A plain note with <strong>bold</strong> text.</p>\n</aside>",
        "<p class=\"callout-title\">Read this first</p>\n<h3 id=\"inside-a-callout\">Inside a callout<a class=\"anchor\" href=\"#inside-a-callout\" aria-label=\"Link to this section\"",
        "<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Short title</p>\n<p>Written without blank lines.</p>\n</aside>",
        "<p>:::danger</p>",
        // The diagram's source, and the script that draws it on this page only.
        "<pre class=\"mermaid\">graph LR\n    A[Draft] --&gt;|review| B[Stable]\n</pre>",
        "<script src=\"../../assets/vendor/mermaid.min.js\" defer></script>",
        // Highlighted YAML with classes; an unknown language plain.
        "<pre class=\"hl\"><code class=\"language-yaml\">",
        "<span class=\"hl-comment",
        "<pre><code class=\"language-klingon\">qapla'\n</code></pre>",
        // Links to the public site's pages of documents here go to the local pages.
        "href=\"../scs-0100-v1-flavors/index.html#scope\"",
        "href=\"../scs-0100/index.html\"",
        "href=\"https://docs.scs.community/standards/scs-0999-v1-missing\"",
        "href=\"https://docs.scs.community/community/\"",
        // A wide table in its own scrolling box.
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table 1\">\n<table>",
    ] {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
    assert!(!html.contains("style="), "{html}");
    // The table of contents reads the headings' own text, not the permalinks.
    assert!(
        html.contains("<a href=\"#inside-a-callout\">Inside a callout</a>"),
        "{html}"
    );
    assert!(!plain.contains("mermaid"), "{plain}");
    let vendor = tmp.path().join("site/assets/vendor");
    assert!(vendor.join("mermaid.min.js").is_file());
    assert!(vendor.join("mermaid.LICENSE.txt").is_file());
}

#[test]
fn the_mermaid_bundle_is_published_only_with_a_diagram() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("src");
    std::fs::create_dir(&source).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/site/markdown/scs-0100-v1-flavors.md"),
        source.join("scs-0100-v1-flavors.md"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    normwerk()
        .args(["build", "--no-history", "--as-of", "2026-11-27", "--source"])
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .succeeds();
    assert!(out.join("assets/style.css").is_file());
    assert!(!out.join("assets/vendor").exists());
}
