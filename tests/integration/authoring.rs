//! `stabilize`, `deprecate`, `reject`: text-preserving edits, refusals with the rule and the
//! process, bad arguments, and a document's life in a repository with `lint`, `lint --base` and
//! `history` at every step.

use crate::common::{Expect, normwerk};
use crate::history::TestRepo;
use std::path::Path;

const V1: &str = "\u{feff}---\r\n# metadata of the first version\r\ntitle: 'Volumes: snapshots'\r\ntype: Standard\r\nstatus: Draft   # not yet\r\ntrack: IaaS\r\ndescription: |\r\n  What a volume snapshot keeps.\r\n---\r\n\r\n## Introduction\r\n\r\nstatus: this body line is not metadata.\r\n\r\n## Motivation\r\n\r\nText.\r\n\r\n## Design Considerations\r\n\r\nText.\r\n\r\n## Standard\r\n\r\nText.\r\n\r\n## Conformance Tests\r\n\r\nText.\r\n";

fn v2_text() -> String {
    V1.replace("Draft   # not yet", "Draft")
        .replace("# metadata of the first version\r\n", "")
        .replace(
            "track: IaaS\r\n",
            "track: IaaS\r\nreplaces:\r\n  - scs-0111-v1-volumes.md\r\n",
        )
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn step(dir: &Path, args: &[&str]) -> crate::common::Run {
    normwerk()
        .args(["--color", "never", "--source"])
        .arg(dir)
        .args(args)
        .exits(0)
}

/// The command exits 2 with `message` (a bad argument).
fn fails(dir: &Path, args: &[&str], message: &str) {
    normwerk()
        .arg("--source")
        .arg(dir)
        .args(args)
        .fails_with(message);
}

/// `lint` of `dir` finds no error and no warning (judging the change from `base` when given).
fn lints_clean(dir: &Path, base: Option<&str>) {
    let mut cmd = normwerk();
    cmd.args(["lint", "--format", "concise", "--deny", "warnings"])
        .arg(dir);
    if let Some(b) = base {
        cmd.args(["--base", b]);
    }
    let out = cmd.exits(0).stdout;
    assert!(
        !out.contains("error[") && !out.contains("warning["),
        "{out}"
    );
}

/// The lifecycle events `history` finds for `dir`'s documents (`file added Draft`,
/// `file Draft → Stable`, `file renamed from …`), after checking that it finds no violation.
fn lifecycle_events(dir: &Path) -> Vec<String> {
    let history = normwerk()
        .arg("--source")
        .arg(dir)
        .args(["history", "--format", "json"])
        .succeeds();
    let json: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(
        json["violations"].as_array().map_or(0, Vec::len),
        0,
        "{history}"
    );
    let name = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .trim_start_matches("Standards/")
            .to_owned()
    };
    let mut events = Vec::new();
    for d in json["documents"].as_array().unwrap() {
        let file = name(&d["path"]);
        for e in d["events"].as_array().unwrap() {
            let what = match e["kind"].as_str().unwrap() {
                "added" => format!("added {}", e["status"].as_str().unwrap_or_default()),
                "renamed" => format!("renamed from {}", name(&e["from"])),
                "status-changed" => format!(
                    "{} → {}",
                    e["from"].as_str().unwrap(),
                    e["to"].as_str().unwrap()
                ),
                _ => continue,
            };
            events.push(format!("{file} {what}"));
        }
    }
    events
}

#[test]
fn stabilize_changes_only_the_status_and_adds_the_date_after_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("scs-0111-v1-volumes.md"), V1).unwrap();
    let dry = step(
        tmp.path(),
        &[
            "stabilize",
            "scs-0111-v1",
            "--date",
            "2025-03-01",
            "--dry-run",
        ],
    );
    assert!(
        dry.stdout.contains(
            "-status: Draft   # not yet\n+status: Stable   # not yet\n+stabilized_at: 2025-03-01\n"
        ),
        "{}",
        dry.stdout
    );
    assert!(dry.stderr.contains("nothing was written"), "{}", dry.stderr);
    assert_eq!(read(tmp.path(), "scs-0111-v1-volumes.md"), V1);
    step(
        tmp.path(),
        &[
            "stabilize",
            "scs-0111-v1-volumes.md",
            "--date",
            "2025-03-01",
        ],
    );
    assert_eq!(
        read(tmp.path(), "scs-0111-v1-volumes.md"),
        V1.replace(
            "status: Draft   # not yet\r\n",
            "status: Stable   # not yet\r\nstabilized_at: 2025-03-01\r\n"
        )
    );
}

#[test]
fn forbidden_steps_exit_1_citing_the_rule_and_the_process() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), V1).unwrap();
    let refused = |args: &[&str], rule: &str| {
        let run = normwerk().arg("--source").arg(dir).args(args).exits(1);
        assert!(
            run.stderr.contains(&format!("refused [{rule}]")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("the process:\n  > "), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    };
    // A Draft is not deprecated without having been Stable.
    refused(&["deprecate", "scs-0111-v1"], "deprecated-without-stable");
    step(dir, &["stabilize", "scs-0111-v1", "--date", "2025-03-01"]);
    // Stable → Rejected is no step of the lifecycle.
    refused(&["reject", "scs-0111-v1"], "illegal-transition");
    // A second Stable version waits for the first to be deprecated, unless allowed.
    std::fs::write(dir.join("scs-0111-v2-volumes.md"), v2_text()).unwrap();
    refused(&["stabilize", "scs-0111-v2"], "multiple-stable");
    let before = read(dir, "scs-0111-v2-volumes.md");
    assert_eq!(before, v2_text(), "a refused step writes nothing");
    // Rejected stays rejected.
    step(dir, &["reject", "scs-0111-v2", "--date", "2025-04-01"]);
    assert_eq!(
        read(dir, "scs-0111-v2-volumes.md"),
        v2_text().replace(
            "status: Draft\r\n",
            "status: Rejected\r\nrejected_at: 2025-04-01\r\n"
        )
    );
    refused(
        &["stabilize", "scs-0111-v2", "--allow"],
        "illegal-transition",
    );
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), V1).unwrap();
    fails(
        dir,
        &["stabilize", "scs-0111-v7"],
        "no document `scs-0111-v7`",
    );
    fails(
        dir,
        &["stabilize", "scs-0111-v1-volume"],
        "did you mean `scs-0111-v1-volumes`?",
    );
    fails(
        dir,
        &["stabilize", "scs-0111-v1", "--date", "1.3.2025"],
        "not a date (write YYYY-MM-DD)",
    );
    fails(
        dir,
        &["deprecate", "scs-0111-v1", "--replaced-by", "scs-0111-v1"],
        "does not replace itself",
    );
    std::fs::write(
        dir.join("scs-0111-w1-volumes-tests.md"),
        "---\ntitle: Tests\ntype: Supplement\nsupplements:\n  - scs-0111-v1-volumes.md\ntrack: IaaS\n---\n",
    )
    .unwrap();
    fails(dir, &["reject", "scs-0111-w1"], "it has no status");
    // Two files of one version: the id is ambiguous, the file name is not.
    std::fs::write(dir.join("scs-0111-v1-copy.md"), V1).unwrap();
    fails(
        dir,
        &["stabilize", "scs-0111-v1"],
        "`scs-0111-v1` names more than one document: scs-0111-v1-copy.md, scs-0111-v1-volumes.md",
    );
    assert_eq!(read(dir, "scs-0111-v1-volumes.md"), V1);
}

/// The working tree's text of each changed file, committed.
fn commit_tree(repo: &mut TestRepo, message: &str, names: &[&str]) {
    let texts: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.to_string(), read(&repo.standards(), n)))
        .collect();
    let changes: Vec<(&str, Option<&str>)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), Some(t.as_str())))
        .collect();
    repo.commit(message, &changes);
}

#[test]
fn a_documents_life_lints_clean_at_every_step_and_history_shows_it() {
    let mut repo = TestRepo::new();
    let (v1, v2) = ("scs-0111-v1-volumes.md", "scs-0111-v2-volumes.md");
    repo.commit("v1 as a Draft", &[(v1, Some(V1))]);
    let dir = repo.standards();
    lints_clean(&dir, None);

    step(&dir, &["stabilize", "scs-0111-v1", "--date", "2025-03-01"]);
    lints_clean(&dir, Some("HEAD"));
    commit_tree(&mut repo, "stabilize v1", &[v1]);

    // The next version: v1's text as a Draft that replaces v1, its comments kept.
    step(&dir, &["bump", "scs-0111-v1"]);
    let bumped = V1.replace(
        "track: IaaS\r\n",
        "track: IaaS\r\nreplaces:\r\n  - scs-0111-v1-volumes.md\r\n",
    );
    assert_eq!(read(&dir, v2), bumped);
    lints_clean(&dir, None);
    commit_tree(&mut repo, "v2 as a Draft", &[v2]);
    let run = step(
        &dir,
        &[
            "stabilize",
            "scs-0111-v2",
            "--date",
            "2025-06-01",
            "--allow",
        ],
    );
    assert!(
        run.stderr.contains("warning[multiple-stable]"),
        "{}",
        run.stderr
    );
    commit_tree(&mut repo, "stabilize v2", &[v2]);

    // The successor is found (v2 names v1 in `replaces`), and v2 already names it back.
    let run = step(&dir, &["deprecate", "scs-0111-v1", "--date", "2025-07-01"]);
    assert!(!run.stderr.contains("new finding"), "{}", run.stderr);
    assert!(read(&dir, v1).contains("status: Deprecated   # not yet\r\nstabilized_at: 2025-03-01\r\ndeprecated_at: 2025-07-01\r\nreplaced_by:\r\n  - scs-0111-v2-volumes.md\r\n"), "{}", read(&dir, v1));
    assert_eq!(
        read(&dir, v2),
        bumped.replace(
            "status: Draft   # not yet\r\n",
            "status: Stable   # not yet\r\nstabilized_at: 2025-06-01\r\n"
        )
    );
    lints_clean(&dir, Some("HEAD"));
    commit_tree(&mut repo, "deprecate v1", &[v1]);
    lints_clean(&dir, None);

    let events = lifecycle_events(&dir);
    assert_eq!(
        events,
        [
            "scs-0111-v1-volumes.md added Draft",
            "scs-0111-v1-volumes.md Draft → Stable",
            "scs-0111-v1-volumes.md Stable → Deprecated",
            "scs-0111-v2-volumes.md added Draft",
            "scs-0111-v2-volumes.md Draft → Stable",
        ],
    );
}

#[test]
fn deprecate_sets_the_successor_s_replaces_when_it_does_not_name_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let stable = V1.replace(
        "status: Draft   # not yet\r\n",
        "status: Stable\r\nstabilized_at: 2025-01-01\r\n",
    );
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), &stable).unwrap();
    let successor = V1.replace("scs-0111", "scs-0112").replace(
        "status: Draft   # not yet\r\n",
        "status: Stable\r\nstabilized_at: 2025-02-01\r\n",
    );
    std::fs::write(dir.join("scs-0112-v1-volumes.md"), &successor).unwrap();
    step(
        dir,
        &[
            "deprecate",
            "scs-0111-v1",
            "--replaced-by",
            "scs-0112-v1",
            "--date",
            "2025-02-01",
        ],
    );
    assert_eq!(
        read(dir, "scs-0112-v1-volumes.md"),
        successor.replace(
            "track: IaaS\r\n",
            "track: IaaS\r\nreplaces:\r\n  - scs-0111-v1-volumes.md\r\n"
        )
    );
    // Already deprecated: nothing to change, nothing written.
    let again = step(dir, &["deprecate", "scs-0111-v1"]);
    assert!(
        again
            .stderr
            .contains("already Deprecated: nothing to change"),
        "{}",
        again.stderr
    );
}

#[test]
fn bump_refuses_what_has_no_next_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), V1).unwrap();
    std::fs::write(dir.join("scs-0111-v2-volumes.md"), v2_text()).unwrap();
    std::fs::write(dir.join("scs-xxxx-v1-idea.md"), V1).unwrap();
    std::fs::write(
        dir.join("scs-0111-w1-volumes-tests.md"),
        "---\ntitle: Tests\ntype: Supplement\nsupplements:\n  - scs-0111-v1-volumes.md\ntrack: IaaS\n---\n",
    )
    .unwrap();
    fails(dir, &["bump", "scs-xxxx-v1-idea"], "it is a proposal");
    fails(dir, &["bump", "scs-0111-w1"], "it is a supplement");
    fails(
        dir,
        &["bump", "scs-0111-v1"],
        "version 2 exists already: scs-0111-v2-volumes.md",
    );
    fails(
        dir,
        &["bump", "scs-0111-v2", "--slug", "Big Volumes"],
        "(`big-volumes`?)",
    );
    let run = step(
        dir,
        &["bump", "scs-0111-v2", "--slug", "big-volumes", "--dry-run"],
    );
    assert!(run.stdout.contains("+++ "), "{}", run.stdout);
    assert!(!dir.join("scs-0111-v3-big-volumes.md").exists());
    step(dir, &["bump", "scs-0111-v2", "--slug", "big-volumes"]);
    assert!(
        read(dir, "scs-0111-v3-big-volumes.md")
            .contains("replaces:\r\n  - scs-0111-v2-volumes.md\r\n")
    );
}

#[test]
fn new_makes_a_proposal_and_a_supplement_that_lint_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), V1).unwrap();
    let title = "Volume Snapshots: Retention (v2)";
    let run = step(
        dir,
        &["new", "--type", "standard", "--track", "iaas", title],
    );
    let file = "scs-xxxx-v1-volume-snapshots-retention-v2.md";
    let text = read(dir, file);
    assert!(
        text.starts_with("---\ntitle: \"Volume Snapshots: Retention (v2)\"\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n"),
        "{text}"
    );
    assert!(run.stderr.contains("is a proposal"), "{}", run.stderr);
    assert!(!run.stderr.contains("new finding"), "{}", run.stderr);
    // A supplement of a numbered version takes the next free w-number and names it.
    std::fs::write(
        dir.join("scs-0111-w1-volumes-tests.md"),
        "---\ntitle: Tests\ntype: Supplement\nsupplements:\n  - scs-0111-v1-volumes.md\ntrack: IaaS\n---\n\nText.\n",
    )
    .unwrap();
    step(
        dir,
        &["new", "More volume tests", "--supplement-of", "scs-0111-v1"],
    );
    assert!(
        read(dir, "scs-0111-w2-more-volume-tests.md").starts_with(
            "---\ntitle: More volume tests\ntype: Supplement\nsupplements:\n  - scs-0111-v1-volumes.md\ntrack: IaaS\n---\n"
        )
    );
    let lint = normwerk()
        .args(["lint", "--format", "concise", "--deny", "warnings"])
        .arg(dir)
        .exits(0)
        .stdout;
    assert!(!lint.contains("xxxx") && !lint.contains("w2"), "{lint}");

    // A template of one's own; a dry run writes nothing.
    let templates = tmp.path().join("tpl");
    std::fs::create_dir_all(templates.join("documents")).unwrap();
    std::fs::write(
        templates.join("documents/procedural.md"),
        "\n## How we work\n",
    )
    .unwrap();
    let run = normwerk()
        .args(["--color", "never", "--source"])
        .arg(dir)
        .args([
            "new",
            "--type",
            "Procedural",
            "--track",
            "Global",
            "Our way",
            "--dry-run",
            "--templates",
        ])
        .arg(&templates)
        .exits(0);
    assert!(run.stdout.contains("+## How we work"), "{}", run.stdout);
    assert!(!dir.join("scs-xxxx-v1-our-way.md").exists());
}

#[test]
fn new_refuses_bad_arguments() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), V1).unwrap();
    fails(
        dir,
        &["new", "X", "--type", "Nope", "--track", "IaaS"],
        "unknown type `Nope`: one of Standard, Decision Record, Procedural",
    );
    fails(
        dir,
        &["new", "X", "--type", "Standard", "--track", "Space"],
        "unknown track `Space`",
    );
    fails(dir, &["new", "X", "--track", "IaaS"], "--type");
    fails(
        dir,
        &["new", "!!!", "--type", "Standard", "--track", "IaaS"],
        "does not start with an ASCII letter",
    );
    fails(
        dir,
        &["new", "T", "--supplement-of", "scs-0999-v1"],
        "no document `scs-0999-v1`",
    );
    step(
        dir,
        &["new", "Same", "--type", "Standard", "--track", "IaaS"],
    );
    fails(
        dir,
        &["new", "Same", "--type", "Standard", "--track", "IaaS"],
        "exists already",
    );
}

#[test]
fn assign_takes_a_number_never_used_renames_and_rewrites_references() {
    let mut repo = TestRepo::new();
    // scs-0120 existed once and was deleted: its number is not handed out again.
    repo.commit("a standard", &[("scs-0120-v1-gone.md", Some(V1))]);
    repo.commit("deleted", &[("scs-0120-v1-gone.md", None)]);
    let proposal = V1.replace("title: 'Volumes: snapshots'", "title: New thing");
    let supplement = "---\ntitle: Tests\ntype: Supplement\nsupplements:\n  - ./scs-xxxx-v1-new-thing.md # the proposal\ntrack: IaaS\n---\n\nText.\n";
    let citing = V1.replace(
        "Text.\r\n\r\n## Standard",
        "See [the proposal](./scs-xxxx-v1-new-thing.md#motivation), [its text][p] and \
         [again][p].\r\n\r\n[p]: <./scs-xxxx-v1-new-thing.md>\r\n\r\n## Standard",
    );
    repo.commit(
        "a proposal",
        &[
            ("scs-xxxx-v1-new-thing.md", Some(&proposal)),
            ("scs-xxxx-w1-new-thing-tests.md", Some(supplement)),
            ("scs-0111-v1-volumes.md", Some(&citing)),
        ],
    );
    let dir = repo.standards();
    let dry = step(&dir, &["assign", "scs-xxxx-v1-new-thing", "--dry-run"]);
    assert!(dry.stdout.contains("renamed "), "{}", dry.stdout);
    assert!(dir.join("scs-xxxx-v1-new-thing.md").exists());

    let run = step(&dir, &["assign", "scs-xxxx-v1-new-thing.md"]);
    assert!(
        run.stderr.contains("scs-0121 of the track IaaS"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("new finding"), "{}", run.stderr);
    assert!(!dir.join("scs-xxxx-v1-new-thing.md").exists());
    assert_eq!(read(&dir, "scs-0121-v1-new-thing.md"), proposal);
    assert_eq!(
        read(&dir, "scs-0121-w1-new-thing-tests.md"),
        supplement.replace("./scs-xxxx-v1-new-thing.md", "./scs-0121-v1-new-thing.md")
    );
    assert_eq!(
        read(&dir, "scs-0111-v1-volumes.md"),
        citing.replace("./scs-xxxx-v1-new-thing.md", "./scs-0121-v1-new-thing.md")
    );
    // The renames are staged, as `git mv` stages them.
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(repo.dir.path())
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(
        status.contains(
            "R  Standards/scs-xxxx-v1-new-thing.md -> Standards/scs-0121-v1-new-thing.md"
        ),
        "{status}"
    );
    let lint = normwerk()
        .args(["lint", "--format", "concise", "--base", "HEAD"])
        .arg(&dir)
        .exits(0)
        .stdout;
    assert!(
        !lint.contains("error[") && !lint.contains("warning["),
        "{lint}"
    );

    // A document with its number is not assigned another.
    normwerk()
        .arg("--source")
        .arg(&dir)
        .args(["assign", "scs-0121-v1"])
        .fails_with("it is not a proposal");
}

#[test]
fn the_full_life_new_assign_stabilize_bump_stabilize_deprecate() {
    let mut repo = TestRepo::new();
    let dir = repo.standards();
    let steps: Vec<(&[&str], &str)> = vec![
        (
            &[
                "new",
                "--type",
                "Standard",
                "--track",
                "IaaS",
                "Volume snapshots",
            ],
            "new",
        ),
        (&["assign", "scs-xxxx-v1-volume-snapshots"], "assign"),
        (
            &["stabilize", "scs-0100-v1", "--date", "2025-03-01"],
            "stabilize v1",
        ),
        (&["bump", "scs-0100-v1"], "bump"),
        (
            &[
                "stabilize",
                "scs-0100-v2",
                "--date",
                "2025-06-01",
                "--allow",
            ],
            "stabilize v2",
        ),
        (
            &["deprecate", "scs-0100-v1", "--date", "2025-07-01"],
            "deprecate v1",
        ),
    ];
    for (i, (args, message)) in steps.into_iter().enumerate() {
        let run = step(&dir, args);
        // The one finding a step may leave: two Stable versions until v1 is deprecated.
        let expected = usize::from(message == "stabilize v2");
        assert_eq!(
            run.stderr.matches("warning[multiple-stable]").count(),
            expected,
            "{message}: {}",
            run.stderr
        );
        if expected == 0 {
            lints_clean(&dir, None);
            if i > 0 {
                lints_clean(&dir, Some("HEAD"));
            }
        }
        repo.commit(message, &[]);
    }
    lints_clean(&dir, None);
    let events = lifecycle_events(&dir);
    assert_eq!(
        events,
        [
            "scs-0100-v1-volume-snapshots.md added Draft",
            "scs-0100-v1-volume-snapshots.md renamed from scs-xxxx-v1-volume-snapshots.md",
            "scs-0100-v1-volume-snapshots.md Draft → Stable",
            "scs-0100-v1-volume-snapshots.md Stable → Deprecated",
            "scs-0100-v2-volume-snapshots.md added Draft",
            "scs-0100-v2-volume-snapshots.md Draft → Stable",
        ],
    );
}

/// A Stable v1 and a Stable v2 that replaces it, with `extra` lines in v1's frontmatter.
fn pair(dir: &Path, v1_extra: &str) {
    let stable = |extra: &str| {
        V1.replace(
            "status: Draft   # not yet\r\n",
            &format!("status: Stable\r\nstabilized_at: 2025-01-01\r\n{extra}"),
        )
    };
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), stable(v1_extra)).unwrap();
    std::fs::write(
        dir.join("scs-0111-v2-volumes.md"),
        stable("replaces: [scs-0111-v1-volumes.md] # flow\r\n"),
    )
    .unwrap();
}

#[test]
fn odd_yaml_is_edited_right_or_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // A block scalar as the status: replaced, the next key intact.
    let folded = V1.replace("status: Draft   # not yet\r\n", "status: >-\r\n  Draft\r\n");
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), &folded).unwrap();
    step(dir, &["reject", "scs-0111-v1", "--date", "2025-01-01"]);
    assert_eq!(
        read(dir, "scs-0111-v1-volumes.md"),
        folded.replace(
            "status: >-\r\n  Draft\r\n",
            "status: Rejected\r\nrejected_at: 2025-01-01\r\n"
        )
    );
    // A frontmatter in flow style has no lines to edit: refused, nothing written.
    let flow =
        "---\n{title: V, type: Standard, status: Draft, track: IaaS}\n---\n\n## Introduction\n";
    std::fs::write(dir.join("scs-0111-v1-volumes.md"), flow).unwrap();
    fails(
        dir,
        &["stabilize", "scs-0111-v1"],
        "it has no frontmatter to change",
    );
    assert_eq!(read(dir, "scs-0111-v1-volumes.md"), flow);
    // A status in the wrong case is not a lifecycle step to judge.
    std::fs::write(
        dir.join("scs-0111-v1-volumes.md"),
        V1.replace("status: Draft", "status: draft"),
    )
    .unwrap();
    fails(
        dir,
        &["stabilize", "scs-0111-v1"],
        "`normwerk lint --fix` corrects its spelling",
    );
}

#[test]
fn deprecate_keeps_what_is_there_and_refuses_what_adds_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // An existing `replaced_by` keeps its items, quotes and comments; the successor is added on
    // a line like theirs. v2's flow list already names v1 and is left as it is.
    pair(
        dir,
        "replaced_by:\r\n- \"scs-0112-v1-other.md\" # the other one\r\n",
    );
    let other = V1
        .replace("scs-0111", "scs-0112")
        .replace("status: Draft   # not yet\r\n", "status: Stable\r\nstabilized_at: 2025-01-01\r\nreplaces:\r\n  - scs-0111-v1-volumes.md\r\n");
    std::fs::write(dir.join("scs-0112-v1-other.md"), &other).unwrap();
    let v2 = read(dir, "scs-0111-v2-volumes.md");
    // A date before stabilized_at would add an error: refused, nothing written; --force writes.
    let before = read(dir, "scs-0111-v1-volumes.md");
    let run = normwerk()
        .args(["--color", "never", "--source"])
        .arg(dir)
        .args([
            "deprecate",
            "scs-0111-v1",
            "--date",
            "2024-06-01",
            "--replaced-by",
            "scs-0111-v2",
        ])
        .exits(1);
    assert!(
        run.stderr.contains("error[date-order]") && run.stderr.contains("refused"),
        "{}",
        run.stderr
    );
    assert_eq!(read(dir, "scs-0111-v1-volumes.md"), before);
    fails(
        dir,
        &["deprecate", "scs-0111-v1", "--replaced-by", "scs-0111-w9"],
        "no document",
    );
    step(
        dir,
        &[
            "deprecate",
            "scs-0111-v1",
            "--date",
            "2025-06-01",
            "--replaced-by",
            "scs-0111-v2",
            "--replaced-by",
            "scs-0111-v2",
        ],
    );
    let v1 = read(dir, "scs-0111-v1-volumes.md");
    assert!(
        v1.contains("replaced_by:\r\n- \"scs-0112-v1-other.md\" # the other one\r\n- scs-0111-v2-volumes.md\r\n"),
        "{v1}"
    );
    assert_eq!(read(dir, "scs-0111-v2-volumes.md"), v2);
}

#[test]
fn a_supplement_is_no_successor_and_a_proposal_s_supplements_are_numbered() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    pair(dir, "");
    std::fs::write(
        dir.join("scs-0111-w1-volumes-tests.md"),
        "---\ntitle: Tests\ntype: Supplement\nsupplements:\n  - scs-0111-v1-volumes.md\ntrack: IaaS\n---\n",
    )
    .unwrap();
    fails(
        dir,
        &["deprecate", "scs-0111-v1", "--replaced-by", "scs-0111-w1"],
        "a supplement replaces nothing",
    );
    step(
        dir,
        &["new", "--type", "Standard", "--track", "IaaS", "Idea"],
    );
    step(
        dir,
        &["new", "Tests A", "--supplement-of", "scs-xxxx-v1-idea"],
    );
    step(
        dir,
        &["new", "Tests B", "--supplement-of", "scs-xxxx-v1-idea"],
    );
    assert!(dir.join("scs-xxxx-w1-tests-a.md").exists());
    assert!(dir.join("scs-xxxx-w2-tests-b.md").exists());
    // The number's place is taken on disk by something that is no document (a dangling
    // link): nothing is written, nothing renamed.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.md", dir.join("scs-0112-w1-tests-a.md")).unwrap();
        fails(
            dir,
            &["assign", "scs-xxxx-v1-idea"],
            "exists already; nothing was changed",
        );
        assert!(dir.join("scs-xxxx-v1-idea.md").exists());
        assert!(dir.join("scs-xxxx-w1-tests-a.md").exists());
        assert!(!dir.join("scs-0112-v1-idea.md").exists());
    }
}
