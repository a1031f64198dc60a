//! The command line contract: defaults, paths, exit codes, errors.

use crate::common::{Expect, fixture, normwerk};
use std::path::Path;

/// Writes `normwerk.toml` into `dir` and returns `normwerk lint . ARGS` to run there.
fn lint_with_config(dir: &Path, config: &str, args: &[&str]) -> assert_cmd::Command {
    std::fs::write(dir.join("normwerk.toml"), config).unwrap();
    let mut cmd = normwerk();
    cmd.current_dir(dir).args(["lint", "."]).args(args);
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_arguments_lints_the_sample_corpus_clean() {
    let text = normwerk()
        .current_dir(root())
        .args(["lint", "--deny", "info"])
        .exits(0)
        .stdout;
    assert!(
        text.contains("16 documents checked: 0 errors, 0 warnings, 0 infos"),
        "{text}"
    );
}

#[test]
fn a_single_file_is_linted_with_its_folder_as_context() {
    let file = fixture("rules/missing-replaced-by/fail/scs-0001-v1-a.md");
    let text = normwerk()
        .args(["lint", "--format", "concise"])
        .arg(&file)
        .exits(1)
        .stdout;
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("scs-0001-v1-a.md:4:9: error[missing-replaced-by]"),
        "{text}"
    );
}

#[test]
fn deny_warnings_raises_the_failing_severity() {
    let dir = fixture("rules/list-as-string/fail");
    normwerk().current_dir(&dir).args(["lint", "."]).exits(0);
    normwerk()
        .current_dir(&dir)
        .args(["lint", ".", "--deny", "warnings"])
        .exits(1);
}

#[test]
fn a_missing_path_is_a_usage_error_naming_it() {
    normwerk()
        .args(["lint", "no/such/folder"])
        .fails_with("no/such/folder");
    // The cause is said once (the error chain prints it; messages do not repeat it).
    for args in [
        &["--source", "no/such/folder", "lint"][..],
        &["--config", "no/such.toml", "lint"][..],
    ] {
        let err = normwerk().args(args).fails_with("No such file");
        assert_eq!(err.matches("No such file").count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_broken_config_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = lint_with_config(dir.path(), "[rules]\nno-such-rule = \"off\"\n", &[])
        .fails_with("normwerk.toml");
    assert!(err.contains("no-such-rule"), "{err}");
    lint_with_config(dir.path(), "[profile\n", &[]).fails_with("normwerk.toml");
}

#[test]
fn rules_command_lists_every_rule() {
    let text = normwerk().args(["rules"]).succeeds();
    for r in normwerk::lint::rules::RULES {
        assert!(text.contains(r.id), "{}", r.id);
    }
    let out = normwerk().args(["rules", "--format", "json"]).succeeds();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        normwerk::lint::rules::RULES.len()
    );
}

#[test]
fn per_file_ignore_switches_a_rule_off() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("rules/unknown-key/fail/scs-0001-v1-a.md");
    std::fs::copy(&src, dir.path().join("scs-0001-v1-a.md")).unwrap();
    std::fs::copy(&src, dir.path().join("scs-0002-v1-a.md")).unwrap();
    let config = "[[overrides]]\nfiles = [\"scs-0001-*\"]\nrules = { unknown-key = \"off\" }\n";
    let text = lint_with_config(dir.path(), config, &["--format", "concise"])
        .exits(0)
        .stdout;
    assert!(!text.contains("scs-0001-v1-a.md"), "{text}");
    assert_eq!(text.matches("scs-0002-v1-a.md").count(), 2, "{text}");
}
