//! `explain`, `completions` and `man`: made from the registry and the command-line definitions.

use crate::common::{Expect, normwerk};
use normwerk::rules::RULES;

#[test]
fn explain_prints_every_rules_book_page() {
    for rule in RULES {
        let out = normwerk()
            .args(["explain", rule.id.as_str()])
            .exits_quietly(0);
        assert!(out.starts_with(&format!("# {}\n", rule.id)), "{out}");
        assert!(out.contains("## The process"), "{}", rule.id);
    }
}

#[test]
fn completions_and_manual_pages_name_every_command() {
    let commands = [
        "lint", "baseline", "build", "serve", "release", "explain", "man",
    ];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = normwerk().args(["completions", shell]).exits_quietly(0);
        for c in commands {
            assert!(out.contains(c), "{shell}: {c}");
        }
    }
    let page = normwerk().arg("man").exits_quietly(0);
    assert!(page.starts_with(".ie"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    normwerk().args(["man", "--out"]).arg(dir.path()).exits(0);
    for c in commands {
        let text = std::fs::read_to_string(dir.path().join(format!("normwerk-{c}.1"))).unwrap();
        assert!(text.contains(&format!(".TH normwerk-{c} 1")), "{c}");
    }
    // The flags of a command are on its page.
    let lint = std::fs::read_to_string(dir.path().join("normwerk-lint.1")).unwrap();
    assert!(
        lint.contains("baseline") && lint.contains("only\\-new"),
        "{lint}"
    );
}
