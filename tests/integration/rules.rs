//! Every rule has a fixture folder `tests/fixtures/rules/<id>/` with a `fail/` corpus that
//! triggers it and a `pass/` corpus that lints clean. The findings of each `fail/` corpus, with
//! line and column, are the snapshot `snapshots/rules/<id>.snap`.

use crate::common::{Expect, fixture, lint_concise, normwerk};
use normwerk::rules::RULES;

#[test]
fn each_fixture_triggers_its_rule_and_each_pass_fixture_is_clean() {
    insta::glob!("../fixtures/rules", "*/fail", |fail| {
        let dir = fail.parent().unwrap();
        let id = dir.file_name().unwrap().to_str().unwrap();
        let run = normwerk()
            .current_dir(fail)
            .args(["lint", ".", "--format", "concise"])
            .assert()
            .stderr("");
        let out = String::from_utf8(run.get_output().stdout.clone()).unwrap();
        assert!(
            out.lines().any(|l| l.contains(&format!("[{id}]"))),
            "fail fixture of {id} does not trigger it:\n{out}"
        );
        // Exit code 1 when a finding is an error, else 0.
        run.code(i32::from(out.lines().any(|l| l.contains(": error["))));
        insta::with_settings!({
            snapshot_path => "snapshots/rules",
            prepend_module_to_snapshot => false,
            snapshot_suffix => "",
        }, {
            insta::assert_snapshot!(id, out);
        });

        let out = lint_concise(&dir.join("pass"), 0);
        assert_eq!(out, "", "pass fixture of {id} has findings");
    });
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    for rule in RULES.iter().filter(|r| !r.group.is_history()) {
        let dir = fixture(&format!("rules/{}", rule.id));
        for corpus in ["fail", "pass"] {
            assert!(
                dir.join(corpus).is_dir(),
                "no {corpus} fixture for rule {}",
                rule.id
            );
        }
    }
}

#[test]
fn no_fixture_folder_without_a_rule() {
    let ids: Vec<String> = RULES.iter().map(|r| r.id.to_string()).collect();
    for entry in std::fs::read_dir(fixture("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(ids.contains(&name), "fixture for unknown rule {name}");
    }
}
#[test]
fn the_rules_command_lists_every_rule() {
    let table = normwerk().arg("rules").succeeds();
    for rule in RULES {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&format!("{} ", rule.id))),
            "{}",
            rule.id
        );
    }
    let json = normwerk().args(["rules", "--format", "json"]).succeeds();
    let listed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), RULES.len());
}

#[test]
fn every_rule_has_a_book_page_with_its_severity() {
    let book = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src");
    let summary = std::fs::read_to_string(book.join("SUMMARY.md")).unwrap();
    for rule in RULES {
        let page = book.join(format!("rules/{}.md", rule.id));
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("no book page for rule {}", rule.id));
        assert!(
            text.starts_with(&format!("# {}", rule.id)),
            "{}",
            page.display()
        );
        assert!(
            text.contains(&format!("Default severity: **{}**", rule.severity)),
            "{} does not state the default severity {}",
            page.display(),
            rule.severity
        );
        assert!(
            text.contains("## Fix"),
            "{} has no fix section",
            page.display()
        );
        assert!(
            summary.contains(&format!("(rules/{}.md)", rule.id)),
            "SUMMARY.md does not list rule {}",
            rule.id
        );
    }
}

/// The guide's rule: every rule's page quotes the sentence of the process it enforces (a
/// blockquote, then its attribution), or says that no sentence asks for it.
#[test]
fn every_rule_page_quotes_the_process_or_says_it_does_not() {
    let book = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/rules");
    for rule in RULES {
        let page = book.join(format!("{}.md", rule.id));
        let Ok(text) = std::fs::read_to_string(&page) else {
            continue; // a missing page is every_rule_has_a_book_page_with_its_severity's finding
        };
        let section: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "## The process")
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .collect();
        assert!(
            !section.is_empty(),
            "{} has no `## The process` section",
            page.display()
        );
        let quoted = section
            .iter()
            .position(|l| l.starts_with("> "))
            .is_some_and(|q| {
                section[q..]
                    .iter()
                    .any(|l| l.starts_with("— SCS-0001") || l.starts_with("— SCS-0003"))
            });
        // Scope rules enforce SCS-0003 (the scope file format), the others SCS-0001.
        let none = section.iter().any(|l| {
            l.starts_with("No sentence of SCS-0001") || l.starts_with("No sentence of SCS-0003")
        });
        assert!(
            quoted || none,
            "{}: `## The process` needs a quotation (`> …`) followed by `— SCS-0001, section …`, \
             or a line starting with \"No sentence of SCS-0001\" (SCS-0003 for scope rules)",
            page.display()
        );
    }
}
