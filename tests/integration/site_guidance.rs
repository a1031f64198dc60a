//! The site's guidance: banners that lead to the version in force, supplements, the process
//! findings note and its opt-out, and the timeline charts (fixture `tests/fixtures/site/guidance`:
//! v1 → v2 deprecated → v3 effective, a Draft v4, a supplement of v3, a version that replaces
//! itself).

use crate::common::normwerk;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/guidance")
}

/// Builds `source` as of 2026-11-27 without history; returns the site folder.
fn build(source: &Path, tmp: &Path, extra: &[&str]) -> PathBuf {
    let out = tmp.join("site");
    normwerk()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--no-history", "--as-of", "2026-11-27", "--source"])
        .arg(source)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .assert()
        .success();
    out
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap()
}

/// The banner paragraph of a document page, as HTML.
fn banner(out: &Path, file_id: &str) -> String {
    let html = page(out, &format!("standards/{file_id}/index.html"));
    let start = html.find("<p class=\"banner").unwrap();
    let end = start + html[start..].find("</p>").unwrap();
    html[start..end].to_owned()
}

fn link(file_id: &str, text: &str) -> String {
    format!("<a href=\"../../standards/{file_id}/index.html\">{text}</a>")
}

#[test]
fn banners_follow_successors_to_the_version_in_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(&fixture(), tmp.path(), &[]);
    let v1 = banner(&out, "scs-0120-v1-chained-widget");
    // v2 is named as the direct successor, v3 as the version in force, both as links.
    assert!(
        v1.contains(&format!(
            "Deprecated since 2024-01-10, replaced by {}, itself deprecated since 2025-01-10.",
            link("scs-0120-v2-chained-widget", "scs-0120-v2")
        )),
        "{v1}"
    );
    assert!(
        v1.contains(&format!(
            "The version in force is {}, in force since 2025-01-10.",
            link("scs-0120-v3-chained-widget", "scs-0120-v3")
        )),
        "{v1}"
    );
    let v2 = banner(&out, "scs-0120-v2-chained-widget");
    assert!(
        v2.ends_with(&format!(
            "replaced by {}, in force since 2025-01-10.",
            link("scs-0120-v3-chained-widget", "scs-0120-v3")
        )),
        "{v2}"
    );
    let draft = banner(&out, "scs-0120-v4-chained-widget");
    assert!(
        draft.ends_with(&format!(
            "Draft — not normative. The version in force is {}, in force since 2025-01-10.",
            link("scs-0120-v3-chained-widget", "scs-0120-v3")
        )),
        "{draft}"
    );
    // The effective version links the supplement that names it.
    let v3 = page(&out, "standards/scs-0120-v3-chained-widget/index.html");
    assert!(
        v3.contains(&format!(
            "Supplemented by {} (scs-0120-w1).",
            link(
                "scs-0120-w1-chained-widget-notes",
                "Chained widget: field notes"
            )
        )),
        "{v3}"
    );
}

#[test]
fn a_self_replacing_version_gets_a_findings_note_and_no_replaced_by_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(&fixture(), tmp.path(), &[]);
    let html = page(&out, "standards/scs-0121-v1-looping-gadget/index.html");
    assert!(
        html.contains("<summary>This document has 1 process finding (1 error)</summary>"),
        "{html}"
    );
    assert!(html.contains("<code title=\"a document references itself\">self-reference</code>, line 8: <code>replaces</code> names this document itself"), "{html}");
    // Neither the banner nor the metadata repeat the source's claim.
    assert!(!html.contains("<dt>Replaces</dt>"), "{html}");
    assert!(!html.contains("replaced by"), "{html}");
    // Documents the lint has nothing against (infos aside) get no note.
    let clean = page(&out, "standards/scs-0120-v3-chained-widget/index.html");
    assert!(!clean.contains("class=\"findings\""), "{clean}");
}

#[test]
fn site_findings_false_removes_the_note() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("src");
    std::fs::create_dir(&source).unwrap();
    for e in std::fs::read_dir(fixture()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, source.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(source.join("normwerk.toml"), "[site]\nfindings = false\n").unwrap();
    let out = build(&source, tmp.path(), &[]);
    let html = page(&out, "standards/scs-0121-v1-looping-gadget/index.html");
    assert!(!html.contains("process finding"), "{html}");
}

#[test]
fn the_standard_chart_has_a_bar_per_period_and_the_as_of_marker() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(&fixture(), tmp.path(), &[]);
    let html = page(&out, "standards/scs-0120/index.html");
    let start = html.find("<svg class=\"timeline-chart\"").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap() + 6];
    // Without history each version's Draft starts at an unknown date: v1, v2, v3 have Draft
    // and Effective, v1 and v2 Deprecated; v4 is a Draft.
    assert_eq!(
        svg.matches("<rect class=\"draft unknown").count(),
        4,
        "{svg}"
    );
    assert_eq!(svg.matches("<rect class=\"effective").count(), 3, "{svg}");
    assert_eq!(svg.matches("<rect class=\"deprecated").count(), 2, "{svg}");
    assert_eq!(svg.matches("<rect ").count(), 9, "{svg}");
    assert_eq!(svg.matches("<line class=\"as-of\"").count(), 1, "{svg}");
    assert!(svg.contains(">as of 2026-11-27</text>"), "{svg}");
    assert!(svg.contains("role=\"img\""), "{svg}");
    // Version labels (HTML over the SVG: no links inside role="img") link the versions.
    assert!(!svg.contains("<a "), "{svg}");
    assert!(
        html.contains(
            "<a class=\"chart-label\" href=\"../../standards/scs-0120-v3-chained-widget/index.html\""
        ),
        "{html}"
    );
    insta::assert_snapshot!("guidance_standard_chart", svg);
    // The text alternative gives the dates.
    assert!(
        html.contains(
            "<li>v2: Draft from an unknown date until 2024-01-10; Effective from 2024-01-10 \
             until 2025-01-10; Deprecated from 2025-01-10.</li>"
        ),
        "{html}"
    );
}
