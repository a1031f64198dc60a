//! Adopting a corpus that has findings: `normwerk baseline`, `lint --baseline`, and
//! `lint --base REV --only-new`.

use crate::common::{Expect, copy_sample_corpus, normwerk};
use crate::real_corpus::clone_real_corpus;
use std::path::Path;

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, change(text)).unwrap();
}

fn concise(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let run = normwerk()
        .current_dir(dir)
        .args(["lint", "--format", "concise"])
        .args(args)
        .exits(code);
    (run.stdout, run.stderr)
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "the real corpus (../shared/corpus) is missing"
)]
fn the_real_corpus_is_adopted_with_a_baseline() {
    let (_dir, repo) = clone_real_corpus();
    // Today it has errors.
    concise(&repo, &[], 1);
    let recorded = normwerk()
        .current_dir(&repo)
        .arg("baseline")
        .exits(0)
        .stderr;
    assert!(recorded.contains("in normwerk-baseline.json"), "{recorded}");
    let (out, err) = concise(&repo, &["--baseline", "normwerk-baseline.json"], 0);
    assert_eq!(out, "");
    assert!(err.contains("left out"), "{err}");
    // One file linted (as the pre-commit hook does): the others' entries are not "fixed".
    let one = "Standards/scs-0002-v1-standards-docs-org.md";
    let (out, err) = concise(&repo, &["--baseline", "normwerk-baseline.json", one], 0);
    assert_eq!(out, "");
    assert!(!err.contains("fixed"), "{err}");
    // Reached through a symbolic link, the same files.
    let link = repo.parent().unwrap().join("through-a-link");
    std::os::unix::fs::symlink(&repo, &link).unwrap();
    let (out, _) = concise(&link, &["--baseline", "normwerk-baseline.json"], 0);
    assert_eq!(out, "");
    // Lines above every finding of a document move, and one new defect is added.
    let doc = repo.join("Standards/scs-0002-v1-standards-docs-org.md");
    edit(&doc, |t| t.replacen("---\n", "---\ncolour: red\n", 1));
    let known = ["--baseline", "normwerk-baseline.json", "--deny", "warnings"];
    let (out, _) = concise(&repo, &known, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].contains("warning[unknown-key]"), "{out}");
    // An old finding fixed (a `replaced_by` written as a string): listed as droppable.
    edit(&doc, |t| {
        t.replace("colour: red\n", "").replace(
            "replaced_by: scs-0002-v2-standards-docs-org.md",
            "replaced_by:\n  - scs-0002-v2-standards-docs-org.md",
        )
    });
    let (out, err) = concise(&repo, &known, 0);
    assert_eq!(out, "");
    assert!(
        err.contains("1 finding(s) recorded in the baseline normwerk-baseline.json are fixed")
            && err.contains(
                "Standards/scs-0002-v1-standards-docs-org.md: list-as-string: \
                 scs-0002-v2-standards-docs-org.md"
            ),
        "{err}"
    );
    // From another folder the same baseline holds (its paths are relative to its own folder).
    let run = normwerk()
        .current_dir(repo.join("Standards"))
        .args([
            "lint",
            ".",
            "--format",
            "concise",
            "--baseline",
            "../normwerk-baseline.json",
        ])
        .exits(0);
    assert_eq!(run.stdout, "");
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "the real corpus (../shared/corpus) is missing"
)]
fn only_new_on_a_clean_checkout_of_the_real_corpus_finds_nothing() {
    let (_dir, repo) = clone_real_corpus();
    let (out, _) = concise(&repo, &["--base", "HEAD", "--only-new"], 0);
    assert_eq!(out, "");
    // An uncommitted defect is new.
    let doc = repo.join("Standards/scs-0002-v1-standards-docs-org.md");
    edit(&doc, |t| t.replacen("---\n", "---\ncolour: red\n", 1));
    let (out, _) = concise(
        &repo,
        &["--base", "HEAD", "--only-new", "--deny", "warnings"],
        1,
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("warning[unknown-key]"), "{out}");
    // A renamed document keeps its old findings known: only the rename's own finding.
    edit(&doc, |t| t.replacen("colour: red\n", "", 1));
    let status = std::process::Command::new("git")
        .args([
            "mv",
            "Standards/scs-0400-v1-status-page-create-decision.md",
            "Standards/scs-0400-v1-status-page-decision.md",
        ])
        .current_dir(&repo)
        .status()
        .unwrap();
    assert!(status.success());
    let (out, _) = concise(&repo, &["--base", "HEAD", "--only-new"], 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("error[slug-changed]"), "{out}");
}

#[test]
fn a_second_equal_finding_is_new_and_a_baseline_that_cannot_be_read_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_corpus(dir.path());
    let doc = dir.path().join("scs-0110-v2-instance-metadata-labels.md");
    edit(&doc, |t| t.replacen("---\n", "---\ncolour: red\n", 1));
    normwerk()
        .current_dir(dir.path())
        .args(["baseline", "--output", "adopt/known.json"])
        .exits(0);
    concise(dir.path(), &["--baseline", "adopt/known.json"], 0);
    edit(&doc, |t| t.replacen("---\n", "---\nshade: blue\n", 1));
    let known = ["--baseline", "adopt/known.json", "--deny", "warnings"];
    let (out, _) = concise(dir.path(), &known, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("shade"), "{out}");
    normwerk()
        .current_dir(dir.path())
        .args(["lint", "--baseline", "missing.json"])
        .fails_with("cannot read the baseline missing.json");
    std::fs::write(dir.path().join("bad.json"), "{\"findings\": 3}").unwrap();
    normwerk()
        .current_dir(dir.path())
        .args(["lint", "--baseline", "bad.json"])
        .fails_with("the baseline bad.json is not a normwerk baseline");
    normwerk()
        .current_dir(dir.path())
        .args(["lint", "--only-new"])
        .fails_with("--base");
}
