//! `normwerk history`: small git repositories built with git2 in a temporary folder, one per
//! transition rule, rename case, era case and a shallow clone (a folder outside
//! git: case history-outside-git in tests/cmd/).

use crate::common::{Expect, normwerk};
use git2::{Repository, Signature, Time};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A repository whose commits are made from lists of file changes under `Standards/`.
pub struct TestRepo {
    pub dir: tempfile::TempDir,
    repo: Repository,
    clock: i64,
}

impl TestRepo {
    pub fn new() -> TestRepo {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join("Standards")).unwrap();
        TestRepo {
            dir,
            repo,
            clock: 1_700_000_000,
        }
    }

    /// A `git clone --depth N` of the repository, and its `Standards` folder.
    pub fn shallow_clone(&self, depth: u32) -> (tempfile::TempDir, PathBuf) {
        let clone = tempfile::tempdir().unwrap();
        let url = format!("file://{}", self.dir.path().display());
        let status = std::process::Command::new("git")
            .args(["clone", "-q", "--depth", &depth.to_string(), &url])
            .arg(clone.path().join("c"))
            .status()
            .unwrap();
        assert!(status.success());
        let source = clone.path().join("c/Standards");
        (clone, source)
    }

    pub fn standards(&self) -> PathBuf {
        self.dir.path().join("Standards")
    }

    /// Writes (`Some`) or deletes (`None`) files under `Standards/` and commits them all.
    pub fn commit(&mut self, message: &str, changes: &[(&str, Option<&str>)]) {
        let changes: Vec<(String, Option<&str>)> = changes
            .iter()
            .map(|(name, content)| (format!("Standards/{name}"), *content))
            .collect();
        let refs: Vec<(&str, Option<&str>)> =
            changes.iter().map(|(p, c)| (p.as_str(), *c)).collect();
        self.commit_paths(message, &refs);
    }

    /// The same with paths relative to the repository root.
    pub fn commit_paths(&mut self, message: &str, changes: &[(&str, Option<&str>)]) {
        for (rel, content) in changes {
            let path = self.dir.path().join(rel);
            match content {
                Some(text) => {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, text).unwrap();
                }
                None => std::fs::remove_file(&path).unwrap(),
            }
        }
        let mut index = self.repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        self.clock += 86_400;
        let sig =
            Signature::new("Ada Author", "ada@example.org", &Time::new(self.clock, 60)).unwrap();
        let parents: Vec<git2::Commit<'_>> = self
            .repo
            .head()
            .ok()
            .and_then(|h| h.peel_to_commit().ok())
            .into_iter()
            .collect();
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parent_refs)
            .unwrap();
    }
}

pub fn doc(status: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: T\ntype: Standard\nstatus: {status}\ntrack: Global\n{extra}---\n\n{body}")
}

pub fn history_json(source: &Path) -> Value {
    let out = normwerk()
        .args(["history", "--format", "json", "--source"])
        .arg(source)
        .exits_quietly(0);
    let h: Value = serde_json::from_str(&out).unwrap();
    // Every history these tests produce is checked against the documented schema.
    crate::common::assert_valid(include_str!("../../schemas/history.schema.json"), &h);
    h
}

pub fn violations(h: &Value) -> Vec<String> {
    h["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v["rule"].as_str().unwrap(),
                v["path"].as_str().unwrap()
            )
        })
        .collect()
}

pub const BODY: &str = "## Introduction\n\nThe cloud MUST work.\n\nMore text here.\nAnd more.\n";

#[test]
fn a_clean_lifecycle_has_no_violations_and_follows_renames() {
    let mut r = TestRepo::new();
    r.commit(
        "propose",
        &[("scs-xxxx-v1-idea.md", Some(&doc("Draft", "", BODY)))],
    );
    // Accepted with a number, and edited a lot in the same commit (just over half kept).
    let edited = BODY.replace("More text here.\nAnd more.\n", "Rewritten.\nAll new.\n");
    r.commit(
        "accept",
        &[
            ("scs-xxxx-v1-idea.md", None),
            ("scs-0001-v1-idea.md", Some(&doc("Draft", "", &edited))),
        ],
    );
    r.commit(
        "stabilize",
        &[(
            "scs-0001-v1-idea.md",
            Some(&doc("Stable", "stabilized_at: 2024-01-01\n", &edited)),
        )],
    );
    r.commit(
        "v2",
        &[(
            "scs-0001-v2-idea.md",
            Some(&doc("Draft", "replaces:\n  - scs-0001-v1-idea.md\n", BODY)),
        )],
    );
    r.commit(
        "stabilize v2, deprecate v1",
        &[
            (
                "scs-0001-v1-idea.md",
                Some(&doc(
                    "Deprecated",
                    "stabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0001-v2-idea.md\n",
                    &edited,
                )),
            ),
            (
                "scs-0001-v2-idea.md",
                Some(&doc("Stable", "stabilized_at: 2025-01-01\nreplaces:\n  - scs-0001-v1-idea.md\n", BODY)),
            ),
        ],
    );
    let h = history_json(&r.standards());
    assert_eq!(violations(&h), Vec::<String>::new());
    assert_eq!(h["commits"], 5);
    let docs = h["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let v1 = &docs[0];
    assert_eq!(v1["path"], "Standards/scs-0001-v1-idea.md");
    assert_eq!(v1["paths"][0], "Standards/scs-xxxx-v1-idea.md");
    let kinds: Vec<&str> = v1["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "added",
            "renamed",
            "body-changed",
            "status-changed",
            "fields-changed",
            "status-changed",
            "fields-changed"
        ]
    );
    let body = &v1["events"][2];
    assert_eq!(
        (
            body["lines_added"].as_u64(),
            body["normative_added"].as_u64()
        ),
        (Some(2), Some(0))
    );
    assert!(
        v1["events"][0]["commit"]["author_date"]
            .as_str()
            .unwrap()
            .ends_with("+01:00")
    );
}

fn single(steps: &[(&str, &str)]) -> Vec<String> {
    let mut r = TestRepo::new();
    for (i, (status, extra)) in steps.iter().enumerate() {
        r.commit(
            &format!("step {i}"),
            &[("scs-0001-v1-a.md", Some(&doc(status, extra, BODY)))],
        );
    }
    violations(&history_json(&r.standards()))
}

#[test]
fn each_transition_rule() {
    let stable = "stabilized_at: 2024-01-01\n";
    // (status, extra frontmatter) per commit, and the rules expected to be broken.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case<'_>; 7] = [
        (
            &[("Draft", ""), ("Stable", stable), ("Draft", stable)],
            &["illegal-transition"],
        ),
        (
            &[
                ("Draft", ""),
                ("Stable", stable),
                (
                    "Deprecated",
                    "stabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\n",
                ),
                ("Stable", stable),
            ],
            &["illegal-transition"],
        ),
        (
            &[
                ("Draft", ""),
                ("Rejected", "rejected_at: 2024-01-01\n"),
                ("Draft", ""),
            ],
            &["illegal-transition"],
        ),
        (
            &[("Draft", ""), ("Deprecated", "deprecated_at: 2024-01-01\n")],
            &["deprecated-without-stable"],
        ),
        (&[("Stable", stable)], &["entered-without-draft"]),
        (
            &[
                ("Draft", ""),
                ("Stable", stable),
                ("Stable", "stabilized_at: 2024-06-01\n"),
            ],
            &["stabilized-at-changed"],
        ),
        (&[("Draft", ""), ("Stable", "")], &["stabilized-at-changed"]),
    ];
    for (steps, expected) in cases {
        let found = single(steps);
        let rules: Vec<&str> = found.iter().map(|v| v.split(' ').next().unwrap()).collect();
        assert_eq!(rules, expected, "{steps:?}");
    }
}

#[test]
fn a_decision_record_may_enter_as_stable() {
    let mut r = TestRepo::new();
    let dr = "---\ntitle: D\ntype: Decision Record\nstatus: Stable\ntrack: Global\nstabilized_at: 2024-01-01\n---\n";
    r.commit("add", &[("scs-0001-v1-choice.md", Some(dr))]);
    assert!(violations(&history_json(&r.standards())).is_empty());
}

#[test]
fn slug_change_number_reuse_and_unstable_successor() {
    let mut r = TestRepo::new();
    r.commit(
        "a",
        &[("scs-0001-v1-first.md", Some(&doc("Draft", "", BODY)))],
    );
    r.commit(
        "b",
        &[
            ("scs-0001-v1-first.md", None),
            ("scs-0001-v1-renamed.md", Some(&doc("Draft", "", BODY))),
        ],
    );
    r.commit(
        "c",
        &[(
            "scs-0002-v1-other.md",
            Some(&doc("Draft", "", "Other text entirely.\n")),
        )],
    );
    r.commit(
        "d",
        &[(
            "scs-0002-v1-again.md",
            Some(&doc("Draft", "", "A third, unrelated text.\n")),
        )],
    );
    r.commit(
        "e",
        &[
            ("scs-0003-v1-x.md", Some(&doc("Draft", "", "x\n"))),
            (
                "scs-0003-v2-y.md",
                Some(&doc("Draft", "replaces:\n  - scs-0003-v1-x.md\n", "y\n")),
            ),
        ],
    );
    r.commit(
        "f",
        &[(
            "scs-0003-v1-x.md",
            Some(&doc("Stable", "stabilized_at: 2024-01-01\n", "x\n")),
        )],
    );
    r.commit(
        "g",
        &[("scs-0003-v1-x.md", Some(&doc("Deprecated", "stabilized_at: 2024-01-01\ndeprecated_at: 2024-02-01\nreplaced_by:\n  - scs-0003-v2-y.md\n", "x\n")))],
    );
    assert_eq!(
        violations(&history_json(&r.standards())),
        [
            "slug-changed Standards/scs-0001-v1-renamed.md",
            "number-reused Standards/scs-0002-v1-again.md",
            "replaced-by-not-stable Standards/scs-0003-v1-x.md",
        ]
    );
}

#[test]
fn older_shapes_of_the_process_are_mapped_not_reported() {
    let mut r = TestRepo::new();
    let old = "---\ntitle: T\ntype: Standard\nstatus: Proposal\ntrack: Global\n---\nBody\n";
    r.commit("proposal era", &[("scs-0001-v1-a.md", Some(old))]);
    r.commit(
        "state era",
        &[(
            "scs-0002-v1-b.md",
            Some("---\ntitle: B\ntype: Procedural\nstate: Draft\ntrack: Global\n---\n"),
        )],
    );
    let sup = "---\ntitle: S\ntype: Supplement\nstatus: Draft\ntrack: Global\nsupplements:\n  - scs-0001-v1-a.md\n---\n";
    r.commit(
        "supplement with status",
        &[("scs-0001-w1-notes.md", Some(sup))],
    );
    r.commit(
        "now",
        &[("scs-0001-v1-a.md", Some(&doc("Draft", "", "Body\n")))],
    );
    r.commit(
        "stable",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc("Stable", "stabilized_at: 2024-01-01\n", "Body\n")),
        )],
    );
    r.commit(
        "obsoleted",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc(
                "Deprecated",
                "stabilized_at: 2024-01-01\nobsoleted_at: 2025-01-01\n",
                "Body\n",
            )),
        )],
    );
    let h = history_json(&r.standards());
    assert!(violations(&h).is_empty(), "{:?}", violations(&h));
    let notes: Vec<String> = h["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["events"].as_array().unwrap().clone())
        .filter(|e| e["kind"] == "era")
        .map(|e| e["note"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    let a = &h["documents"][0];
    assert_eq!(a["status"], "Deprecated");
}

#[test]
fn shallow_clones_say_so() {
    let mut r = TestRepo::new();
    r.commit(
        "one",
        &[("scs-0001-v1-a.md", Some(&doc("Draft", "", BODY)))],
    );
    r.commit(
        "two",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc("Stable", "stabilized_at: 2024-01-01\n", BODY)),
        )],
    );
    let (_clone, source) = r.shallow_clone(1);
    let h = history_json(&source);
    assert_eq!(h["shallow"], true);
    assert_eq!(h["commits"], 1);
    let out = normwerk()
        .args(["history", "--summary", "--source"])
        .arg(&source)
        .exits_quietly(0);
    assert!(out.contains("shallow clone"), "{out}");
}

/// A procedural document (no required sections to distract the output).
pub fn procedural(status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: P\ntype: Procedural\nstatus: {status}\ntrack: Global\n{extra}---\n\n{body}"
    )
}

/// `normwerk lint --base HEAD --format concise` on the repository's `Standards/`: checks the exit
/// code and that nothing went to standard error; returns standard output.
fn lint_base(r: &TestRepo, code: i32) -> String {
    normwerk()
        .args(["lint", "--base", "HEAD", "--format", "concise"])
        .arg(r.standards())
        .exits_quietly(code)
}

const STABLE_BODY: &str =
    "## Scope\n\nThis docuemnt covers clouds.\n\nProviders MUST keep backups for 30 days.\n";

fn stable_repo() -> TestRepo {
    let mut r = TestRepo::new();
    r.commit(
        "draft",
        &[(
            "scs-0001-v1-backups.md",
            Some(&procedural("Draft", "", STABLE_BODY)),
        )],
    );
    r.commit(
        "stable",
        &[(
            "scs-0001-v1-backups.md",
            Some(&procedural(
                "Stable",
                "stabilized_at: 2024-01-01\n",
                STABLE_BODY,
            )),
        )],
    );
    r
}

#[test]
fn lint_base_warns_only_on_a_typo_fix_in_a_stable_document() {
    let r = stable_repo();
    let fixed = STABLE_BODY.replace("docuemnt", "document");
    std::fs::write(
        r.standards().join("scs-0001-v1-backups.md"),
        procedural("Stable", "stabilized_at: 2024-01-01\n", &fixed),
    )
    .unwrap();
    let out = lint_base(&r, 0);
    assert_eq!(
        out.trim(),
        format!(
            "{}/scs-0001-v1-backups.md:11:1: warning[stable-edit]: this Stable document is edited: no normative statement changed: check that no implementation becomes non-conforming",
            r.standards().display()
        )
    );
}

#[test]
fn lint_base_judges_transitions_renames_and_new_documents() {
    let r = stable_repo();
    let s = r.standards();
    // Stable → Draft, a slug change, and two new proposals, all uncommitted.
    std::fs::remove_file(s.join("scs-0001-v1-backups.md")).unwrap();
    std::fs::write(
        s.join("scs-0001-v1-keep-backups.md"),
        procedural("Draft", "stabilized_at: 2024-01-01\n", STABLE_BODY),
    )
    .unwrap();
    std::fs::write(
        s.join("scs-xxxx-v1-one.md"),
        procedural("Draft", "", "One.\n"),
    )
    .unwrap();
    std::fs::write(
        s.join("scs-xxxx-v1-two.md"),
        procedural("Stable", "stabilized_at: 2024-01-01\n", "Two.\n"),
    )
    .unwrap();
    let out = lint_base(&r, 1);
    let rules: Vec<&str> = out
        .lines()
        .map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "slug-changed",
            "illegal-transition",
            // The static rules see the same tree: a Draft with `stabilized_at`, a Stable proposal.
            "status-date",
            "multiple-new-documents",
            "multiple-new-documents",
            "entered-without-draft",
            "proposal-status",
        ],
        "{out}"
    );
}

#[test]
fn a_document_moved_in_from_another_folder_keeps_its_old_path() {
    let mut r = TestRepo::new();
    r.commit_paths(
        "draft elsewhere",
        &[("Drafts/idea.md", Some(&doc("Draft", "", BODY)))],
    );
    r.commit_paths(
        "propose",
        &[
            ("Drafts/idea.md", None),
            (
                "Standards/scs-xxxx-v1-idea.md",
                Some(&doc("Draft", "", BODY)),
            ),
        ],
    );
    let h = history_json(&r.standards());
    let d = &h["documents"][0];
    assert_eq!(d["paths"][0], "Drafts/idea.md");
    assert_eq!(d["events"][0]["kind"], "added");
    assert_eq!(d["events"][0]["from"], "Drafts/idea.md");
}

#[test]
fn all_parents_walks_merged_branches() {
    let mut r = TestRepo::new();
    r.commit("a", &[("scs-0001-v1-a.md", Some(&doc("Draft", "", BODY)))]);
    let main_id = r.repo.head().unwrap().peel_to_commit().unwrap().id();
    // A branch commit that stabilizes the document, merged back with a merge commit.
    r.commit(
        "on branch",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc("Stable", "stabilized_at: 2024-01-01\n", BODY)),
        )],
    );
    let branch_head = r.repo.head().unwrap().peel_to_commit().unwrap();
    let main_head = r.repo.find_commit(main_id).unwrap();
    let sig = Signature::new("M", "m@example.org", &Time::new(1_800_000_000, 0)).unwrap();
    let tree = branch_head.tree().unwrap();
    let merge = r
        .repo
        .commit(
            None,
            &sig,
            &sig,
            "merge",
            &tree,
            &[&main_head, &branch_head],
        )
        .unwrap();
    r.repo.head().unwrap().set_target(merge, "merge").unwrap();
    let first_parent = history_json(&r.standards());
    let out = normwerk()
        .args(["history", "--all-parents", "--format", "json", "--source"])
        .arg(r.standards())
        .exits_quietly(0);
    let all: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(first_parent["commits"], 2);
    assert_eq!(all["commits"], 3);
    assert_eq!(all["first_parent"], false);
    let statuses = |h: &Value| -> usize {
        h["documents"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "status-changed")
            .count()
    };
    assert_eq!(statuses(&first_parent), 1);
    assert_eq!(statuses(&all), 1);
}

#[test]
fn lint_history_cross_checks_lifecycle_dates() {
    let mut r = TestRepo::new();
    r.commit(
        "draft",
        &[(
            "scs-0001-v1-a.md",
            Some(&procedural("Draft", "", "Text.\n")),
        )],
    );
    r.commit(
        "draft",
        &[(
            "scs-0002-v1-b.md",
            Some(&procedural("Draft", "", "Text.\n")),
        )],
    );
    // The commits are made in November 2023, one day apart.
    r.commit(
        "stabilize",
        &[
            (
                "scs-0001-v1-a.md",
                Some(&procedural(
                    "Stable",
                    "stabilized_at: 2020-01-01\n",
                    "Text.\n",
                )),
            ),
            (
                "scs-0002-v1-b.md",
                Some(&procedural(
                    "Stable",
                    "stabilized_at: 2023-11-15\n",
                    "Text.\n",
                )),
            ),
        ],
    );
    let text = normwerk()
        .args(["lint", "--history", "--format", "concise"])
        .arg(r.standards())
        .exits_quietly(0);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains(
            "scs-0001-v1-a.md:6:16: info[date-from-history]: `stabilized_at` is 2020-01-01"
        ),
        "{text}"
    );
}

#[test]
fn lint_base_requires_a_stable_successor() {
    let mut r = TestRepo::new();
    r.commit(
        "v1 stable, v2 draft",
        &[
            (
                "scs-0001-v1-a.md",
                Some(&procedural("Stable", "stabilized_at: 2024-01-01\n", "A.\n")),
            ),
            (
                "scs-0001-v2-a.md",
                Some(&procedural(
                    "Draft",
                    "replaces:\n  - scs-0001-v1-a.md\n",
                    "B.\n",
                )),
            ),
        ],
    );
    let v1 = r.standards().join("scs-0001-v1-a.md");
    let deprecated = "stabilized_at: 2024-01-01\ndeprecated_at: 2025-01-01\nreplaced_by:\n  - scs-0001-v2-a.md\n";
    std::fs::write(&v1, procedural("Deprecated", deprecated, "A.\n")).unwrap();
    let out = lint_base(&r, 1);
    assert!(
        out.contains("scs-0001-v1-a.md:9:5: error[replaced-by-not-stable]"),
        "{out}"
    );
    // Stabilizing v2 in the same change makes it right.
    let v2 = r.standards().join("scs-0001-v2-a.md");
    std::fs::write(
        &v2,
        procedural(
            "Stable",
            "stabilized_at: 2025-01-01\nreplaces:\n  - scs-0001-v1-a.md\n",
            "B.\n",
        ),
    )
    .unwrap();
    let out = lint_base(&r, 0);
    assert!(!out.contains("replaced-by-not-stable"), "{out}");
}

/// The history, the loader and `lint --base` agree on what a document is: Markdown files in
/// hidden folders, READMEs and templates are not documents.
#[test]
fn hidden_folders_readmes_and_templates_are_not_in_the_history() {
    let mut r = TestRepo::new();
    r.commit(
        "documents and others",
        &[
            ("scs-0001-v1-a.md", Some(&doc("Draft", "", BODY))),
            (".drafts/scs-0002-v1-b.md", Some(&doc("Stable", "", BODY))),
            (".scs-0003-v1-c.md", Some(&doc("Stable", "", BODY))),
            ("README.md", Some("# Standards\n")),
            ("scs-XXXX-vN-template.md", Some(&doc("Stable", "", BODY))),
        ],
    );
    let h = history_json(&r.standards());
    let paths: Vec<&str> = h["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["Standards/scs-0001-v1-a.md"]);
    assert_eq!(violations(&h), Vec::<String>::new());
    // The loader sees the same single document.
    let out = normwerk()
        .args(["lint", "--format", "json"])
        .arg(r.standards())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 1);
}
