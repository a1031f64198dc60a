//! The CI integrations of the repository (`.pre-commit-hooks.yaml`, `action.yml`,
//! `ci/gitlab/normwerk.gitlab-ci.yml`, `ci/zuul/`): their normwerk commands, as written there,
//! run against a repository of the sample corpus (their installation steps need the network).

use crate::common::copy_sample_corpus;
use normwerk::diagnostic::Span;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A file of the repository, as JSON.
fn yaml(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    normwerk::document::frontmatter::parse_yaml(&text, Span::new(0, text.len()))
        .unwrap()
        .unwrap()
        .to_json()
}

/// A git repository with the sample corpus in `Standards/`, committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let standards = dir.path().join("Standards");
    std::fs::create_dir(&standards).unwrap();
    copy_sample_corpus(&standards);
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &[
            "-c",
            "user.name=A",
            "-c",
            "user.email=a@example.org",
            "commit",
            "-qm",
            "sample",
        ],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
    dir
}

/// Runs `script` with bash in `dir`, the normwerk under test first on the PATH.
fn run(dir: &Path, script: &str, env: &[(&str, &str)]) -> (bool, String) {
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("normwerk");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn pre_commit_hooks_lint_the_staged_documents() {
    let dir = repository();
    let files = "Standards/scs-0110-v2-instance-metadata-labels.md Standards/scs-0001-v1-document-lifecycle.md";
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks.len(), 2);
    run(dir.path(), "normwerk baseline", &[]);
    for hook in hooks {
        assert_eq!(hook["language"], "rust", "{hook}");
        let entry = hook["entry"].as_str().unwrap();
        let (ok, out) = run(dir.path(), &format!("{entry} {files}"), &[]);
        assert!(ok, "{}: {out}", hook["id"]);
    }
}

#[test]
fn the_github_action_annotates_and_writes_sarif() {
    let dir = repository();
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let install = steps[0]["run"].as_str().unwrap();
    assert!(install.contains("cargo install --locked"), "{install}");
    let lint = steps
        .iter()
        .find(|s| s["name"] == "Lint")
        .and_then(|s| s["run"].as_str())
        .unwrap();
    let env = [
        ("NORMWERK_SOURCE", "Standards"),
        ("NORMWERK_BASE", "HEAD"),
        ("NORMWERK_ONLY_NEW", "true"),
        ("NORMWERK_BASELINE", ""),
    ];
    let (ok, out) = run(dir.path(), lint, &env);
    assert!(ok, "{out}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("normwerk.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // An error fails the step, with its annotation.
    let doc = dir
        .path()
        .join("Standards/scs-0110-v2-instance-metadata-labels.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replacen("status: Stable", "status: stable", 1)).unwrap();
    let (ok, out) = run(dir.path(), lint, &env);
    assert!(!ok && out.contains("::error file="), "{out}");
}

#[test]
fn the_gitlab_template_reports_code_quality_and_junit_and_publishes_pages() {
    let dir = repository();
    let template = yaml("ci/gitlab/normwerk.gitlab-ci.yml");
    let script = |job: &str| -> String {
        template[job]["script"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let env = [
        ("NORMWERK_SOURCE", "Standards"),
        ("CI_PAGES_URL", "https://standards.example.org/"),
    ];
    let (ok, out) = run(
        dir.path(),
        &format!("set -e\n{}", script("normwerk-lint")),
        &env,
    );
    assert!(ok, "{out}");
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    assert!(report.is_array());
    let junit = std::fs::read_to_string(dir.path().join("normwerk-junit.xml")).unwrap();
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert_eq!(
        template["normwerk-lint"]["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    let (ok, out) = run(dir.path(), &format!("set -e\n{}", script("pages")), &env);
    assert!(ok, "{out}");
    assert!(dir.path().join("public/index.html").is_file());
}

#[test]
fn the_zuul_playbook_lints_the_change() {
    let dir = repository();
    let job = yaml("ci/zuul/zuul.d/normwerk.yaml");
    assert_eq!(job[0]["job"]["run"], "playbooks/normwerk-lint.yaml");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ci/zuul")
            .join(job[0]["job"]["run"].as_str().unwrap())
            .is_file()
    );
    let playbook = yaml("ci/zuul/playbooks/normwerk-lint.yaml");
    let lint = playbook[0]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Lint the standards")
        .and_then(|t| t["ansible.builtin.shell"].as_str())
        .unwrap();
    // The job's variables, as Ansible would put them in.
    let command = lint.replace("{{ normwerk_source }}", "Standards").replace(
        "{{ '--base ' ~ normwerk_base ~ ' --only-new' if normwerk_base else '' }}",
        "--base HEAD --only-new",
    );
    assert!(!command.contains("{{"), "{command}");
    let (ok, out) = run(dir.path(), &command, &[]);
    assert!(ok, "{out}");
}
