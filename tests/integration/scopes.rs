//! Certificate scopes end to end: scope files found with zero configuration, linted by name,
//! broken or hostile scope files reported without stopping the rest, and the real SCS scope
//! files' findings, each one explained in the book's Certificate scopes chapter.

use crate::common::{Expect, fixture, lint_concise, normwerk};
use crate::real_corpus::clone_real_corpus;
use std::path::Path;

/// A copy of a rule fixture's passing corpus, to break on purpose.
fn scope_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = fixture("rules/scope-not-in-force/pass");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    tmp
}

#[test]
fn a_scope_file_named_on_the_command_line_is_linted_with_its_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = normwerk()
        .current_dir(root)
        .args(["lint", "standards-src/scopes/compatible-iaas.yaml"])
        .exits_quietly(0);
    assert!(
        out.ends_with("0 documents and 1 scope file checked: 0 errors, 0 warnings, 0 infos\n"),
        "{out}"
    );
    let json = normwerk()
        .current_dir(root)
        .args(["lint", "--format", "json"])
        .exits_quietly(0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["scope_files"], 1);
}

#[test]
fn a_broken_scope_file_is_reported_and_the_documents_are_still_checked() {
    let tmp = scope_corpus();
    std::fs::write(
        tmp.path().join("scopes/demo.yaml"),
        "name: Demo scope\nversions: [v1\n",
    )
    .unwrap();
    // A document problem elsewhere is still found.
    std::fs::write(
        tmp.path().join("scs-0103-v1-gamma.md"),
        "---\ntitle: Gamma\ntype: Procedural\nstatus: Final\ntrack: IaaS\n---\n",
    )
    .unwrap();
    let out = lint_concise(tmp.path(), 1);
    assert!(
        out.contains("scopes/demo.yaml:3:1: error[yaml-syntax]: the scope file is not valid YAML"),
        "{out}"
    );
    assert!(
        out.contains("scs-0103-v1-gamma.md:4:9: error[invalid-value]"),
        "{out}"
    );
    // Nothing is published from a corpus whose scope file cannot be read.
    let site = tmp.path().join("site");
    let err = normwerk()
        .current_dir(tmp.path())
        .args(["build", "--source", ".", "--no-history", "--out"])
        .arg(&site)
        .exits(1)
        .stderr;
    assert!(err.contains("cannot be published"), "{err}");
    assert!(err.contains("scopes/demo.yaml"), "{err}");
    assert!(!site.exists());
}

#[test]
#[cfg(unix)]
fn a_scope_file_that_leads_outside_the_repository_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "name: Top secret\n").unwrap();
    let tmp = scope_corpus();
    // A repository, so that the work tree is what confines the scope files.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    std::fs::remove_file(tmp.path().join("scopes/demo.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        tmp.path().join("scopes/demo.yaml"),
    )
    .unwrap();
    let out = lint_concise(tmp.path(), 1);
    assert!(
        out.contains("scopes/demo.yaml: error[unreadable]: cannot read the scope file: it is a symbolic link that leads outside"),
        "{out}"
    );
    assert!(!out.contains("Top secret"), "{out}");
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn the_real_scope_files_are_found_without_configuration_and_each_finding_is_known() {
    let (_tmp, clone) = clone_real_corpus();
    let json = normwerk()
        .current_dir(&clone)
        .args(["lint", "Standards", "--format", "json"])
        .exits_quietly(1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["scope_files"], 2);
    let out = lint_concise(&clone.join("Standards"), 1);
    let scope_findings: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[scope-") || l.starts_with("../Tests/"))
        .collect();
    // Each is explained in book/src/scopes.md ("In the real SCS repository").
    let known = [
        // the module opc-v2022.11 has no `targets`
        "../Tests/scs-compatible-iaas.yaml:295:5: error[scope-schema]",
        // v5.1, v4 (and v3) include scs-0128-v1 (a Draft) through opc-v2022.11
        "../Tests/scs-compatible-iaas.yaml:596:9: error[scope-not-in-force]",
        "../Tests/scs-compatible-iaas.yaml:614:9: error[scope-not-in-force]",
        // the KaaS v1 includes scs-0201-v1 (a Draft)
        "../Tests/scs-compatible-kaas.yaml:97:9: error[scope-not-in-force]",
        // v5.1 and v4 include scs-0101-v1, which their documents' links do not name
        "../Tests/scs-compatible-iaas.yaml:598:9: error[scope-document-mismatch]",
        "../Tests/scs-compatible-iaas.yaml:616:9: error[scope-document-mismatch]",
        // v4 and v3 include scs-0128-v1, which their documents name only as text
        "../Tests/scs-compatible-iaas.yaml:614:9: error[scope-document-mismatch]",
        "../Tests/scs-compatible-iaas.yaml:628:9: error[scope-document-mismatch]",
        // v3 of the file is not the v3 of the document
        "../Tests/scs-compatible-iaas.yaml:626:20: error[scope-stabilized-mismatch]",
    ];
    for k in known {
        assert!(
            scope_findings.iter().any(|l| l.starts_with(k)),
            "missing `{k}`:\n{}",
            scope_findings.join("\n")
        );
    }
}
