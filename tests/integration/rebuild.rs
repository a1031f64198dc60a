//! A rebuild: nothing to do when the inputs are the same and the site is whole; only the files
//! that changed are written when they are not.

use crate::common::{Expect, copy_sample_corpus, normwerk};
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;

fn build(source: &Path, out: &Path) -> crate::common::Run {
    normwerk()
        .args(["build", "--no-history", "--as-of", "2026-11-27", "--source"])
        .arg(source)
        .arg("--out")
        .arg(out)
        .exits(0)
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn an_unchanged_rebuild_writes_nothing_and_a_change_writes_only_what_it_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("standards");
    copy_sample_corpus(&source);
    let out = tmp.path().join("site");
    build(&source, &out);
    let page = out.join("standards/scs-0111-v1-volume-snapshot-retention/index.html");
    let other = out.join("standards/scs-0300-v1-federated-login-claims/index.html");
    let (page_inode, other_inode) = (inode(&page), inode(&other));

    let again = build(&source, &out);
    assert!(again.stderr.contains("is up to date"), "{}", again.stderr);
    assert_eq!(inode(&page), page_inode);

    // A file of the site gone: the site is made whole again.
    std::fs::remove_file(&page).unwrap();
    let repaired = build(&source, &out);
    assert!(repaired.stderr.contains("built "), "{}", repaired.stderr);
    assert!(page.is_file());
    assert_eq!(
        inode(&other),
        other_inode,
        "an unchanged page was written again"
    );

    // One document changed: its page is new, an unrelated page is the same file.
    let file = source.join("scs-0111-v1-volume-snapshot-retention.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("## Motivation", "## Motivation\n\nOne more sentence."),
    )
    .unwrap();
    build(&source, &out);
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("One more sentence.")
    );
    assert_eq!(
        inode(&other),
        other_inode,
        "an unchanged page was written again"
    );
}

#[test]
fn a_site_changed_by_hand_is_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("standards");
    copy_sample_corpus(&source);
    let out = tmp.path().join("site");
    build(&source, &out);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();

    // A file added, and a page shortened: both seen, the site made as it was.
    std::fs::write(out.join("stray.txt"), "left here").unwrap();
    std::fs::write(out.join("index.html"), "HACKED").unwrap();
    let run = build(&source, &out);
    assert!(!run.stderr.contains("up to date"), "{}", run.stderr);
    assert!(!out.join("stray.txt").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        index
    );

    // A folder of the site replaced by a link: never updated through it.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::rename(out.join("standards"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("standards")).unwrap();
    let file = source.join("scs-0111-v1-volume-snapshot-retention.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("## Motivation", "## Motivation\n\nMore."),
    )
    .unwrap();
    build(&source, &out);
    let standards = std::fs::symlink_metadata(out.join("standards")).unwrap();
    assert!(
        standards.is_dir(),
        "the link is replaced by the site's own folder"
    );
    assert!(
        out.join("standards/scs-0300-v1-federated-login-claims/index.html")
            .is_file()
    );
}

#[test]
fn build_force_builds_a_site_that_is_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("standards");
    copy_sample_corpus(&source);
    let out = tmp.path().join("site");
    build(&source, &out);
    let run = normwerk()
        .args([
            "build",
            "--force",
            "--no-history",
            "--as-of",
            "2026-11-27",
            "--source",
        ])
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .exits(0);
    assert!(run.stderr.contains("built "), "{}", run.stderr);
}
