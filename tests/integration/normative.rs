//! Normative statements of Stable documents judged in `lint --base` and in `history`: one
//! failing and one passing case per rule, on small repositories built with `TestRepo`.

use crate::common::{Expect, normwerk};
use crate::history::{TestRepo, history_json, procedural as doc};

const FILE: &str = "scs-0001-v1-backups.md";
const STABLE: &str = "stabilized_at: 2024-01-01\n";

/// Three statements over six lines: the body starts at line 9 (seven lines of frontmatter and a
/// blank line).
const BODY: &str = "## Rules\n\nProviders MUST keep backups\nfor 30 days.\n\nUsers MAY restore a backup. \
                    Restores SHOULD be logged.\n";

/// A Draft, then the same text Stable.
fn stable_repo() -> TestRepo {
    let mut r = TestRepo::new();
    r.commit("draft", &[(FILE, Some(&doc("Draft", "", BODY)))]);
    r.commit("stable", &[(FILE, Some(&doc("Stable", STABLE, BODY)))]);
    r
}

/// The working tree's body replaced by `body`; `lint --base HEAD` in the concise format, its
/// lines without the temporary folder.
fn lint_after(r: &TestRepo, body: &str, code: i32) -> String {
    std::fs::write(r.standards().join(FILE), doc("Stable", STABLE, body)).unwrap();
    normwerk()
        .args(["lint", "--base", "HEAD", "--format", "concise"])
        .arg(r.standards())
        .exits_quietly(code)
        .replace(&format!("{}/", r.standards().display()), "")
}

fn rules_of(out: &str) -> Vec<&str> {
    out.lines()
        .filter_map(|l| l.split_once('[')?.1.split_once(']').map(|(r, _)| r))
        .collect()
}

#[test]
fn an_added_requirement_is_an_error_at_its_line() {
    let r = stable_repo();
    let out = lint_after(&r, &format!("{BODY}\nProviders MUST encrypt backups.\n"), 1);
    assert!(
        out.contains(&format!(
            "{FILE}:16:1: error[normative-edit]: normative statement added (MUST): it can make a \
             conforming implementation non-conforming"
        )),
        "{out}"
    );
    assert!(
        out.contains(
            "warning[stable-edit]: this Stable document is edited: 1 normative statement(s) changed"
        ),
        "{out}"
    );
}

#[test]
fn a_removed_permission_is_an_error_where_it_stood() {
    let r = stable_repo();
    let out = lint_after(&r, &BODY.replace("Users MAY restore a backup. ", ""), 1);
    assert!(
        out.contains(&format!(
            "{FILE}:14:1: error[normative-edit]: normative statement removed (MAY)"
        )),
        "{out}"
    );
}

#[test]
fn a_reflow_or_emphasis_is_no_normative_change() {
    let r = stable_repo();
    let reflowed = BODY
        .replace("backups\nfor 30 days.", "backups for\n30 days.")
        .replace("MAY restore", "**MAY** restore");
    let out = lint_after(&r, &reflowed, 0);
    assert_eq!(rules_of(&out), ["stable-edit"], "{out}");
    let whitespace = BODY.replace("backups\nfor", "backups   \nfor");
    let out = lint_after(&r, &whitespace, 0);
    assert!(
        out.contains("only whitespace and line breaks changed"),
        "{out}"
    );
}

#[test]
fn a_relaxation_and_a_new_recommendation_are_warnings() {
    let r = stable_repo();
    let out = lint_after(&r, &BODY.replace("MUST keep", "SHOULD keep"), 0);
    assert!(
        out.contains(&format!(
            "{FILE}:11:1: warning[normative-relaxed]: normative statement relaxed (MUST → SHOULD)"
        )),
        "{out}"
    );
    let out = lint_after(&r, &format!("{BODY}\nBackups SHOULD be encrypted.\n"), 0);
    assert!(
        out.contains("warning[normative-recommended]: normative statement added (SHOULD)"),
        "{out}"
    );
    // A permission turned into a recommendation strengthens, but binds nobody.
    let out = lint_after(&r, &BODY.replace("MAY restore", "SHOULD restore"), 0);
    assert!(
        out.contains(
            "warning[normative-recommended]: normative statement strengthened (MAY → SHOULD)"
        ),
        "{out}"
    );
}

#[test]
fn a_strengthened_requirement_is_an_error() {
    let r = stable_repo();
    let out = lint_after(&r, &BODY.replace("SHOULD be logged", "MUST be logged"), 1);
    assert!(
        out.contains("error[normative-edit]: normative statement strengthened (SHOULD → MUST)"),
        "{out}"
    );
}

#[test]
fn other_words_are_a_rewording_with_both_texts_in_the_help() {
    let r = stable_repo();
    std::fs::write(
        r.standards().join(FILE),
        doc("Stable", STABLE, &BODY.replace("30 days", "7 days")),
    )
    .unwrap();
    let out = normwerk()
        .args(["lint", "--base", "HEAD"])
        .arg(r.standards())
        .env("NO_COLOR", "1")
        .exits_quietly(0)
        .replace(&format!("{}/", r.standards().display()), "");
    insta::assert_snapshot!(out);
}

#[test]
fn going_back_to_the_stabilised_text_is_an_info() {
    let mut r = stable_repo();
    let edited = BODY.replace("30 days", "7 days");
    r.commit("edit", &[(FILE, Some(&doc("Stable", STABLE, &edited)))]);
    // The working tree goes back to the text at stabilisation.
    let out = lint_after(&r, BODY, 0);
    assert!(
        out.contains("info[normative-restored]: normative statement reworded (MUST), back to its text at stabilisation"),
        "{out}"
    );
}

#[test]
fn edits_of_drafts_are_not_judged() {
    let mut r = TestRepo::new();
    r.commit("draft", &[(FILE, Some(&doc("Draft", "", BODY)))]);
    std::fs::write(
        r.standards().join(FILE),
        doc("Draft", "", &format!("{BODY}\nProviders MUST encrypt.\n")),
    )
    .unwrap();
    let out = normwerk()
        .args(["lint", "--base", "HEAD", "--format", "concise"])
        .arg(r.standards())
        .exits_quietly(0);
    assert!(out.trim().is_empty(), "{out}");
}

/// A history with one commit per kind of change after stabilisation, and a reflow.
#[test]
fn history_reports_each_normative_change_with_its_commit() {
    let mut r = stable_repo();
    let steps = [
        ("reflow", BODY.replace("backups\nfor 30", "backups for\n30")),
        (
            "add a requirement",
            format!("{BODY}\nProviders MUST encrypt backups.\n"),
        ),
        ("take it out again", BODY.to_owned()),
        ("relax", BODY.replace("MUST keep", "SHOULD keep")),
        (
            "reword",
            BODY.replace("MUST keep", "SHOULD keep").replace("30", "7"),
        ),
        ("recommend", BODY.replace("MAY restore", "SHOULD restore")),
    ];
    for (message, body) in &steps {
        r.commit(message, &[(FILE, Some(&doc("Stable", STABLE, body)))]);
    }
    let h = history_json(&r.standards());
    let found: Vec<String> = h["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let summary = h["documents"][0]["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["commit"]["id"] == v["commit"])
                .map(|e| e["commit"]["summary"].as_str().unwrap())
                .unwrap();
            format!(
                "{summary}: {} {}",
                v["rule"].as_str().unwrap(),
                v["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "add a requirement: normative-edit error",
            "take it out again: normative-restored info",
            "relax: normative-relaxed warning",
            "reword: normative-reworded warning",
            // Back to MUST and 30 days (restored), and MAY → SHOULD.
            "recommend: normative-restored info",
            "recommend: normative-recommended warning",
        ]
    );
    let help = h["violations"][0]["help"].as_str().unwrap();
    assert!(
        help.starts_with("now: Providers MUST encrypt backups."),
        "{help}"
    );
    let out = normwerk()
        .args(["history", "--summary", "--source"])
        .arg(r.standards())
        .exits_quietly(0);
    assert!(
        out.contains("violations: 1, warnings: 3, infos: 2"),
        "{out}"
    );
    let out = normwerk()
        .args(["history", "--source"])
        .arg(r.standards())
        .exits_quietly(0);
    insta::assert_snapshot!(out);
}
