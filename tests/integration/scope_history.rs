//! The history of scope files (`Tests/scs-compatible-*.yaml` under the built-in profile):
//! events, the rules scope-version-changed and scope-timeline-rewritten (a failing and a
//! passing case each), `lint --history` and `lint --base`. The commits of `TestRepo` are made
//! one day apart from 2023-11-15 on.

use crate::common::{Expect, normwerk};
use crate::history::{TestRepo, history_json, violations};
use serde_json::Value;

const FILE: &str = "Tests/scs-compatible-demo.yaml";

/// An invented scope file: modules `alpha` and `beta` (each naming a document), the versions
/// and timeline given.
fn scope(versions: &str, timeline: &str) -> String {
    format!("{HEAD}versions:\n{versions}timeline:\n{timeline}")
}

const HEAD: &str = r"name: Demo Scope
uuid: 5d1f2c3a-1111-4222-8333-444455556666
url: https://example.org/demo.yaml
scripts:
  - executable: ./check.py
    testcases:
      - id: alpha-check
        lifetime: day
        description: Checks alpha.
        url: https://docs.scs.community/standards/scs-0101-v1-alpha
      - id: beta-check
        lifetime: day
        description: Checks beta.
        url: https://docs.scs.community/standards/scs-0102-v1-beta
modules:
  - id: alpha
    name: Alpha
    url: https://docs.scs.community/standards/scs-0101-v1-alpha
    targets:
      main: [alpha-check]
  - id: beta
    name: Beta
    url: https://docs.scs.community/standards/scs-0102-v1-beta
    targets:
      main: [beta-check]
";

const V1: &str = "  - version: v1\n    stabilized_at: 2023-01-01\n    include:\n      - alpha\n";
const T1: &str = "  - date: 2023-01-01\n    versions:\n      v1: effective\n";

/// A repository with the scope file and one document: a folder without documents is no
/// standards folder, and has no scope files.
fn repo_with(first: &str) -> TestRepo {
    let mut r = TestRepo::new();
    r.commit(
        "a document",
        &[(
            "scs-0001-v1-a.md",
            Some(&crate::history::procedural("Draft", "", "Text.\n")),
        )],
    );
    r.commit_paths("scope", &[(FILE, Some(first))]);
    r
}

fn scope_violations(r: &TestRepo) -> Vec<String> {
    violations(&history_json(&r.standards()))
        .into_iter()
        .filter(|v| v.starts_with("scope-"))
        .collect()
}

#[test]
fn a_stable_version_changed_is_reported() {
    let mut r = repo_with(&scope(V1, T1));
    let changed = V1.replace("      - alpha\n", "      - alpha\n      - beta\n");
    r.commit_paths("add beta to v1", &[(FILE, Some(&scope(&changed, T1)))]);
    assert_eq!(
        scope_violations(&r),
        [format!("scope-version-changed {FILE}")]
    );
    // lint --history places it at the version in the file as it is, with the commit.
    let text = normwerk()
        .args(["lint", "--history", "--format", "concise"])
        .arg(r.standards())
        .exits(1)
        .stdout;
    assert!(
        text.contains("scs-compatible-demo.yaml:27:14: error[scope-version-changed]: the stable scope version v1 (stabilized_at 2023-01-01) was changed: modules added: beta (commit "),
        "{text}"
    );
}

#[test]
fn a_new_version_stabilised_a_module_renamed_and_a_version_pruned_are_fine() {
    let mut r = repo_with(&scope(V1, T1));
    let v2 = "  - version: v2\n    include:\n      - alpha\n      - beta\n";
    r.commit_paths(
        "draft v2",
        &[(FILE, Some(&scope(&format!("{v2}{V1}"), T1)))],
    );
    let stable = v2.replace(
        "    include:",
        "    stabilized_at: 2023-12-01\n    include:",
    );
    let t2 =
        format!("  - date: 2023-12-01\n    versions:\n      v2: effective\n      v1: warn\n{T1}");
    r.commit_paths(
        "stabilize v2",
        &[(FILE, Some(&scope(&format!("{stable}{V1}"), &t2)))],
    );
    // The module `alpha` renamed to `alpha-1`, nothing else about it changed.
    let renamed = scope(&format!("{stable}{V1}"), &t2)
        .replace("id: alpha\n", "id: alpha-1\n")
        .replace("- alpha\n", "- alpha-1\n");
    r.commit_paths("rename a module", &[(FILE, Some(&renamed))]);
    // v1 pruned (it is still named by the timeline; that is the static rules' business).
    r.commit_paths(
        "prune v1",
        &[(
            FILE,
            Some(&renamed.replace(&V1.replace("- alpha\n", "- alpha-1\n"), "")),
        )],
    );
    assert_eq!(scope_violations(&r), Vec::<String>::new());
    let h = history_json(&r.standards());
    let s = &h["scopes"][0];
    assert_eq!(s["id"], "scs-compatible-demo");
    let kinds: Vec<&str> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "file-added",
            "version-added",
            "timeline-entry-added",
            "version-added",
            "version-stabilized",
            "timeline-entry-added",
            "version-changed",
            "version-changed",
            "version-pruned"
        ]
    );
    let v2 = s["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["version"] == "v2")
        .unwrap();
    assert_eq!(v2["stabilized_at"], "2023-12-01");
    assert_eq!(v2["effective_from"]["date"], "2023-12-01");
    let added = &s["events"][3];
    assert_eq!(
        added["standards"],
        serde_json::json!(["scs-0101-v1", "scs-0102-v1"])
    );
}

#[test]
fn a_begun_timeline_entry_rewritten_is_reported() {
    let mut r = repo_with(&scope(V1, T1));
    r.commit_paths(
        "rewrite",
        &[(FILE, Some(&scope(V1, &T1.replace("effective", "warn"))))],
    );
    assert_eq!(
        scope_violations(&r),
        [format!("scope-timeline-rewritten {FILE}")]
    );
    let h = history_json(&r.standards());
    let v = &h["violations"].as_array().unwrap()[0];
    assert!(
        v["message"].as_str().unwrap().contains(
            "the timeline entry of 2023-01-01, which had begun, was changed: v1 effective → warn"
        ),
        "{v}"
    );
}

#[test]
fn entries_added_future_ones_changed_and_old_ones_pruned_are_fine() {
    let old = "  - date: 2020-01-01\n    versions:\n      v1: draft\n";
    let future = "  - date: 2099-01-01\n    versions:\n      v1: warn\n";
    let mut r = repo_with(&scope(V1, &format!("{future}{T1}{old}")));
    // The entry of 2020 ended on 2023-01-01, more than six months ago: pruning is allowed. The
    // entry of 2099 has not begun. Listing a version as deprecated changes nothing.
    let t = format!(
        "{}  - date: 2023-12-01\n    versions:\n      v1: effective\n{}",
        future.replace("warn", "deprecated"),
        T1.replace("effective\n", "effective\n      v0: deprecated\n")
    );
    r.commit_paths("prune and add", &[(FILE, Some(&scope(V1, &t)))]);
    assert_eq!(scope_violations(&r), Vec::<String>::new());
}

#[test]
fn an_entry_added_with_a_past_date_that_changes_what_certifies_is_reported() {
    let mut r = repo_with(&scope(V1, T1));
    // The commits are made in November 2023: an entry of 2023-06-01 rewrites days that passed.
    let backdated = format!("  - date: 2023-06-01\n    versions:\n      v1: deprecated\n{T1}");
    r.commit_paths(
        "deprecate v1 back in June",
        &[(FILE, Some(&scope(V1, &backdated)))],
    );
    assert_eq!(
        scope_violations(&r),
        [format!("scope-timeline-rewritten {FILE}")]
    );
    // A past entry that changes nothing that certifies (a draft for an unlisted version) is fine.
    let mut r = repo_with(&scope(V1, T1));
    let harmless =
        format!("  - date: 2023-06-01\n    versions:\n      v1: effective\n      v2: draft\n{T1}");
    r.commit_paths("list v2 as draft", &[(FILE, Some(&scope(V1, &harmless)))]);
    assert_eq!(scope_violations(&r), Vec::<String>::new());
}

#[test]
fn a_broken_version_is_noted_and_skipped_and_renames_are_followed() {
    let mut r = TestRepo::new();
    r.commit_paths("scope", &[("Tests/demo.yaml", Some(&scope(V1, T1)))]);
    r.commit_paths(
        "rename",
        &[("Tests/demo.yaml", None), (FILE, Some(&scope(V1, T1)))],
    );
    r.commit_paths("broken", &[(FILE, Some("versions: [\n"))]);
    r.commit_paths("fixed", &[(FILE, Some(&scope(V1, T1)))]);
    assert_eq!(scope_violations(&r), Vec::<String>::new());
    let h = history_json(&r.standards());
    let s = &h["scopes"][0];
    assert_eq!(s["paths"], serde_json::json!(["Tests/demo.yaml", FILE]));
    let kinds: Vec<&str> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "file-added",
            "version-added",
            "timeline-entry-added",
            "file-renamed",
            "unreadable"
        ]
    );
    // `history <scope-id>` shows that scope alone, in words.
    let text = normwerk()
        .args(["history", "scs-compatible-demo", "--source"])
        .arg(r.standards())
        .exits_quietly(0);
    assert!(
        text.starts_with("Tests/scs-compatible-demo.yaml  (scope scs-compatible-demo)\n"),
        "{text}"
    );
    assert!(
        text.contains("timeline from 2023-01-01: v1 effective"),
        "{text}"
    );
    assert!(text.contains("    v1: added 2023-11-15 ("), "{text}");
    assert!(text.contains(", effective from 2023-01-01 ("), "{text}");
}

#[test]
fn lint_base_judges_the_scope_files_of_the_working_tree() {
    let mut r = repo_with(&scope(V1, T1));
    // The documents the modules name, in force throughout, so that the static scope checks
    // have nothing to say and the exit code is the history rules' alone.
    let doc = |title: &str| {
        format!(
            "---\ntitle: {title}\ntype: Procedural\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2022-06-01\n---\n\nText.\n"
        )
    };
    let (alpha, beta) = (doc("Alpha"), doc("Beta"));
    r.commit(
        "documents",
        &[
            ("scs-0101-v1-alpha.md", Some(&alpha)),
            ("scs-0102-v1-beta.md", Some(&beta)),
        ],
    );
    let lint = |code| -> String {
        normwerk()
            .args(["lint", "--base", "HEAD", "--format", "concise"])
            .arg(r.standards())
            .env("SOURCE_DATE_EPOCH", "1704067200") // 2024-01-01
            .exits(code)
            .stdout
    };
    let path = r.dir.path().join(FILE);
    std::fs::write(
        &path,
        scope(
            V1,
            &format!("  - date: 2024-02-01\n    versions:\n      v1: warn\n{T1}"),
        ),
    )
    .unwrap();
    let clean = lint(0);
    assert!(
        !clean.contains("scope-version-changed") && !clean.contains("scope-timeline-rewritten"),
        "{clean}"
    );
    std::fs::write(&path, scope(&V1.replace("2023-01-01", "2023-02-01"), T1)).unwrap();
    let text: String = lint(1);
    let found: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.contains("[scope-version-changed]") || l.contains("[scope-timeline-rewritten]")
        })
        .collect();
    // The later stabilised_at also makes v1 effective before it is stable (scope-not-stable).
    assert!(text.contains("error[scope-not-stable]"), "{text}");
    assert_eq!(found.len(), 1, "{text}");
    assert!(
        found[0].contains("scs-compatible-demo.yaml:27:14: error[scope-version-changed]: the stable scope version v1 (stabilized_at 2023-01-01) was changed: stabilized_at 2023-01-01 → 2023-02-01"),
        "{text}"
    );
}

#[test]
fn without_scope_files_the_history_has_no_scopes() {
    let mut r = TestRepo::new();
    r.commit(
        "doc",
        &[(
            "scs-0001-v1-a.md",
            Some(&crate::history::procedural("Draft", "", "Text.\n")),
        )],
    );
    let h: Value = history_json(&r.standards());
    assert!(h.get("scopes").is_none(), "{h}");
}
