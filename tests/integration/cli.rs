//! The command line contract: defaults, paths, exit codes, errors.

use crate::common::{fixture, normwerk};
use std::path::Path;

/// Writes `normwerk.toml` into `dir` and runs `normwerk lint . ARGS` there.
fn lint_with_config(dir: &Path, config: &str, args: &[&str]) -> std::process::Output {
    std::fs::write(dir.join("normwerk.toml"), config).unwrap();
    normwerk()
        .current_dir(dir)
        .args(["lint", "."])
        .args(args)
        .output()
        .unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_arguments_lints_the_sample_corpus_clean() {
    let out = normwerk()
        .current_dir(root())
        .args(["lint", "--deny", "info"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("16 documents checked: 0 errors, 0 warnings, 0 infos"),
        "{text}"
    );
}

#[test]
fn a_single_file_is_linted_with_its_folder_as_context() {
    let file = fixture("rules/missing-replaced-by/fail/scs-0001-v1-a.md");
    let out = normwerk()
        .args(["lint", "--format", "concise"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("scs-0001-v1-a.md:4:9: error[missing-replaced-by]"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn deny_warnings_raises_the_failing_severity() {
    let dir = fixture("rules/list-as-string/fail");
    let ok = normwerk()
        .current_dir(&dir)
        .args(["lint", "."])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let denied = normwerk()
        .current_dir(&dir)
        .args(["lint", ".", "--deny", "warnings"])
        .output()
        .unwrap();
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_missing_path_is_a_usage_error_naming_it() {
    let out = normwerk()
        .args(["lint", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no/such/folder"), "{err}");
    // The cause is said once (the error chain prints it; messages do not repeat it).
    for args in [
        &["--source", "no/such/folder", "lint"][..],
        &["--config", "no/such.toml", "lint"][..],
    ] {
        let out = normwerk().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.matches("No such file").count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_broken_config_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = lint_with_config(dir.path(), "[rules]\nno-such-rule = \"off\"\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("normwerk.toml") && err.contains("no-such-rule"),
        "{err}"
    );

    let out = lint_with_config(dir.path(), "[profile\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("normwerk.toml"), "{err}");
}

#[test]
fn rules_command_lists_every_rule() {
    let out = normwerk().args(["rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for r in normwerk::rules::RULES {
        assert!(text.contains(r.id.as_str()), "{}", r.id);
    }
    let out = normwerk()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), normwerk::rules::RULES.len());
}

#[test]
fn per_file_ignore_switches_a_rule_off() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("rules/unknown-key/fail/scs-0001-v1-a.md");
    std::fs::copy(&src, dir.path().join("scs-0001-v1-a.md")).unwrap();
    std::fs::copy(&src, dir.path().join("scs-0002-v1-a.md")).unwrap();
    let config = "[[overrides]]\nfiles = [\"scs-0001-*\"]\nrules = { unknown-key = \"off\" }\n";
    let out = lint_with_config(dir.path(), config, &["--format", "concise"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("scs-0001-v1-a.md"), "{text}");
    assert_eq!(text.matches("scs-0002-v1-a.md").count(), 2, "{text}");
}
