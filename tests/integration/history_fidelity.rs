//! `normwerk history` against the repository as it really is: a rewrite under a new slug, a
//! shallow clone's boundary, a standards folder moved within the repository, and the dates a
//! commit declares against the commit's own date.

use crate::common::{Expect, normwerk};
use crate::history::{BODY, TestRepo, doc, history_json, violations};
use serde_json::Value;
use std::path::Path;

/// A body of its own: six lines made from `word`, so that no two documents look alike.
fn own(word: &str) -> String {
    (1..=6).map(|i| format!("{word} says {i}.\n")).collect()
}

fn standard(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ntype: Standard\nstatus: Draft\ntrack: Global\n---\n\n{body}")
}

#[test]
fn a_rewrite_under_a_new_slug_is_a_slug_change_and_a_real_reuse_stays_one() {
    let mut r = TestRepo::new();
    let (baseline, flavors) = (
        standard("Cluster baseline", &own("Baseline")),
        standard("Flavor names", &own("Flavor")),
    );
    let registry = standard("Registry", BODY);
    r.commit(
        "drafts",
        &[
            ("scs-0001-v1-cluster-baseline.md", Some(&baseline)),
            ("scs-0002-v1-flavor-names.md", Some(&flavors)),
            ("scs-0003-v1-registry.md", Some(&registry)),
        ],
    );
    let hardening = standard("Cluster hardening", &own("Hardening"));
    let rook = standard("Rook", &own("Rook"));
    let (choice, registries) = (
        standard("Registry choice", BODY),
        standard("Registries", &own("Requirement")),
    );
    r.commit(
        "rewrite 0001 under a new slug, give 0002 to another subject, split 0003",
        &[
            ("scs-0001-v1-cluster-baseline.md", None),
            ("scs-0001-v1-cluster-hardening.md", Some(&hardening)),
            ("scs-0002-v1-flavor-names.md", None),
            ("scs-0002-v1-rook-choice.md", Some(&rook)),
            ("scs-0003-v1-registry.md", None),
            // git pairs the old text with the split-off part, which takes a new number…
            ("scs-0004-v1-registry-choice.md", Some(&choice)),
            // …while the number stays with its subject.
            ("scs-0003-v1-registries.md", Some(&registries)),
        ],
    );
    let h = history_json(&r.standards());
    for d in h["documents"].as_array().unwrap() {
        eprintln!(
            "{} {:?}",
            d["paths"],
            d["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| format!("{} {} {}", e["kind"], e["from"], e["to"]))
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(
        violations(&h),
        [
            "slug-changed Standards/scs-0003-v1-registries.md",
            "slug-changed Standards/scs-0001-v1-cluster-hardening.md",
            "number-reused Standards/scs-0002-v1-rook-choice.md",
        ]
    );
    let paths = |needle: &str| -> Vec<Value> {
        let d = h["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().contains(needle))
            .unwrap();
        d["paths"].as_array().unwrap().clone()
    };
    assert_eq!(paths("0001-v1-cluster-hardening").len(), 2);
    assert_eq!(
        paths("0003-v1-registries")[0],
        "Standards/scs-0003-v1-registry.md"
    );
    assert_eq!(
        paths("0004-v1"),
        ["Standards/scs-0004-v1-registry-choice.md"]
    );
}

/// The commits before the boundary break every rule of how a document enters; a clone that
/// starts after them must judge none of it.
#[test]
fn nothing_is_judged_at_a_shallow_boundary_and_the_summary_says_what_is_missing() {
    let mut r = TestRepo::new();
    r.commit(
        "before the boundary",
        &[
            // Entered as Stable, without `stabilized_at`.
            ("scs-0001-v1-a.md", Some(&doc("Stable", "", BODY))),
            // Two documents with one number.
            ("scs-0002-v1-b.md", Some(&doc("Draft", "", "b\n"))),
            ("scs-0002-v1-c.md", Some(&doc("Draft", "", "c\n"))),
            // Replaced by a version that is Deprecated now (it was Stable, before the boundary).
            (
                "scs-0003-v1-d.md",
                Some(&doc(
                    "Deprecated",
                    "stabilized_at: 2020-01-01\ndeprecated_at: 2020-06-01\nreplaced_by: scs-0003-v2-d.md\n",
                    "d\n",
                )),
            ),
            (
                "scs-0003-v2-d.md",
                Some(&doc(
                    "Deprecated",
                    "replaces: scs-0003-v1-d.md\nstabilized_at: 2020-06-01\ndeprecated_at: 2021-01-01\n",
                    "d2\n",
                )),
            ),
        ],
    );
    r.commit(
        "the boundary",
        &[("scs-0004-v1-e.md", Some(&doc("Draft", "", "e\n")))],
    );
    r.commit(
        "after it",
        &[("scs-0005-v1-f.md", Some(&doc("Draft", "", "f\n")))],
    );
    assert!(!violations(&history_json(&r.standards())).is_empty());
    let (_clone, source) = r.shallow_clone(2);
    let h = history_json(&source);
    assert_eq!(violations(&h), Vec::<String>::new());
    assert_eq!(h["boundaries"].as_array().unwrap().len(), 1);
    assert_eq!(h["boundaries"][0]["documents"], 6);
    let since: Vec<bool> = h["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["events"][0]["kind"] == "already-there")
        .collect();
    assert_eq!(since, [true, true, true, true, true, true, false]);
    // The timeline says so too: not "added" at the boundary.
    let timeline = normwerk()
        .args(["history", "--source"])
        .arg(&source)
        .exits_quietly(0);
    assert!(
        timeline.contains("already there as Draft (history before is not visible)")
            && !timeline.contains("added as Draft: Standards/scs-0001"),
        "{timeline}"
    );
    let out = normwerk()
        .args(["history", "--summary", "--source"])
        .arg(&source)
        .exits_quietly(0);
    assert!(
        out.contains("shallow clone: history before 2023-11-16 (")
            && out.contains(") is not visible; 6 documents were already there"),
        "{out}"
    );
    // Nor does `lint --history` take the boundary for the day a document was added.
    let lint = normwerk()
        .args(["lint", "--history", "--format", "concise"])
        .arg(&source)
        .output()
        .unwrap();
    let text = String::from_utf8(lint.stdout).unwrap();
    assert!(!text.contains("date-from-history"), "{text}");
}

fn moved(h: &Value, file: &str) -> Value {
    h["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(file))
        .unwrap()
        .clone()
}

#[test]
fn a_moved_standards_folder_keeps_its_history() {
    let mut r = TestRepo::new();
    let stable = doc("Stable", "stabilized_at: 2023-11-16\n", BODY);
    r.commit_paths(
        "draft",
        &[
            ("Standards/scs-0001-v1-a.md", Some(&doc("Draft", "", BODY))),
            ("Standards/scs-0002-v1-b.md", Some(&doc("Draft", "", "b\n"))),
            ("Standards/scs-0003-v1-c.md", Some(&doc("Draft", "", "c\n"))),
        ],
    );
    r.commit_paths(
        "stabilize",
        &[("Standards/scs-0001-v1-a.md", Some(&stable))],
    );
    // A plain move (the same tree), then a move with edits in the same commit.
    let files = ["scs-0001-v1-a.md", "scs-0002-v1-b.md", "scs-0003-v1-c.md"];
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(r.dir.path().join("Standards").join(f)).unwrap())
        .collect();
    let mut plain: Vec<(String, Option<&str>)> = Vec::new();
    for (f, t) in files.iter().zip(&texts) {
        plain.push((format!("Standards/{f}"), None));
        plain.push((format!("docs/Standards/{f}"), Some(t)));
    }
    let refs: Vec<(&str, Option<&str>)> = plain.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    r.commit_paths("move", &refs);
    let edited = doc("Draft", "", "b, edited\n");
    r.commit_paths(
        "move again, edit b, delete c",
        &[
            ("docs/Standards/scs-0001-v1-a.md", None),
            ("docs/Standards/scs-0002-v1-b.md", None),
            ("docs/Standards/scs-0003-v1-c.md", None),
            ("a/b/Standards/scs-0001-v1-a.md", Some(&stable)),
            ("a/b/Standards/scs-0002-v1-b.md", Some(&edited)),
        ],
    );
    let source = r.dir.path().join("a/b/Standards");
    let h = history_json(&source);
    assert_eq!(violations(&h), Vec::<String>::new());
    let moves: Vec<(&str, &str)> = h["folder_moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["from"].as_str().unwrap(), m["to"].as_str().unwrap()))
        .collect();
    assert_eq!(
        moves,
        [
            ("Standards", "docs/Standards"),
            ("docs/Standards", "a/b/Standards")
        ]
    );
    let a = moved(&h, "scs-0001-v1-a.md");
    assert_eq!(
        a["paths"],
        serde_json::json!([
            "Standards/scs-0001-v1-a.md",
            "docs/Standards/scs-0001-v1-a.md",
            "a/b/Standards/scs-0001-v1-a.md"
        ])
    );
    let kinds = |d: &Value| -> Vec<String> {
        d["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(kinds(&a), ["added", "status-changed", "fields-changed"]);
    assert_eq!(
        kinds(&moved(&h, "scs-0002-v1-b.md")),
        ["added", "body-changed"]
    );
    let c = moved(&h, "scs-0003-v1-c.md");
    assert_eq!(c["exists"], false);
    assert_eq!(c["path"], "docs/Standards/scs-0003-v1-c.md");
    assert_eq!(h["documents"].as_array().unwrap().len(), 3);
}

fn infos(source: &Path) -> Vec<String> {
    let h = history_json(source);
    h["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["severity"] == "info")
        .map(|v| {
            format!(
                "{} {}",
                v["rule"].as_str().unwrap(),
                v["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// A document made Stable, then Deprecated with `deprecated_at` by a commit of 2023-11-17 (the
/// commits are made in November 2023, one day apart).
fn deprecated(deprecated_at: &str) -> TestRepo {
    let mut r = TestRepo::new();
    let stable = "stabilized_at: 2023-11-01\n";
    let dates = format!("{stable}deprecated_at: {deprecated_at}\n");
    for (message, status, extra) in [
        ("v1", "Draft", ""),
        ("stable", "Stable", stable),
        ("deprecated", "Deprecated", &dates),
    ] {
        r.commit(
            message,
            &[("scs-0001-v1-a.md", Some(&doc(status, extra, BODY)))],
        );
    }
    r
}

#[test]
fn a_deprecation_set_after_its_date_was_not_announced() {
    assert_eq!(
        infos(&deprecated("2023-11-10").standards()),
        [
            "deprecation-unannounced deprecated by a commit of 2023-11-17, 7 days after the `deprecated_at` it sets (2023-11-10): the deprecation was not announced ahead"
        ]
    );
}

#[test]
fn a_deprecation_announced_ahead_and_a_plausible_stabilized_at_pass() {
    assert_eq!(
        infos(&deprecated("2024-06-01").standards()),
        Vec::<String>::new()
    );
    // The same day is not after it.
    assert_eq!(
        infos(&deprecated("2023-11-17").standards()),
        Vec::<String>::new()
    );
}

#[test]
fn history_reports_a_stabilized_at_long_before_the_document_entered() {
    let mut r = TestRepo::new();
    let dr = "---\ntitle: D\ntype: Decision Record\nstatus: Stable\ntrack: Global\nstabilized_at: 2020-01-01\n---\n";
    r.commit("adopted", &[("scs-0001-v1-choice.md", Some(dr))]);
    let found = infos(&r.standards());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("date-from-history `stabilized_at` is 2020-01-01, 1414 days before"),
        "{found:?}"
    );
}
