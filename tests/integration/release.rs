//! `normwerk release`: manifests made from git around a stabilisation and a deprecation, their
//! changelog, `verify`, the lint of changed manifests, `query --release`, tags and signatures.

use crate::common::{Expect, assert_valid, normwerk};
use crate::history::TestRepo;
use std::path::Path;

fn doc(title: &str, status: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ntype: Decision Record\nstatus: {status}\ntrack: IaaS\n{extra}---\n\n## Abstract\n\nText.\n\n## Terminology\n\nText.\n\n## Context\n\nText.\n\n## Decision\n\nText.\n\n## Related Documents\n\nNone.\n"
    )
}

const V1: &str = "scs-0111-v1-volumes.md";
const V2: &str = "scs-0111-v2-volumes.md";
const OTHER: &str = "scs-0112-v1-other.md";

/// Commits (days from 2023-11-15 on, one per commit): v1 Draft; v1 Stable and v2 Draft; then
/// v2 Stable with v1 deprecated, and a new Draft.
fn history() -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit("v1", &[(V1, Some(&doc("Volumes", "Draft", "")))]);
    repo.commit(
        "v1 stable, v2 draft",
        &[
            (
                V1,
                Some(&doc("Volumes", "Stable", "stabilized_at: 2023-11-16\n")),
            ),
            (
                V2,
                Some(&doc(
                    "Volumes",
                    "Draft",
                    "replaces:\n  - scs-0111-v1-volumes.md\n",
                )),
            ),
        ],
    );
    repo.commit(
        "v2 stable, v1 deprecated",
        &[
            (
                V1,
                Some(&doc(
                    "Volumes",
                    "Deprecated",
                    "stabilized_at: 2023-11-16\ndeprecated_at: 2023-11-17\nreplaced_by:\n  - scs-0111-v2-volumes.md\n",
                )),
            ),
            (
                V2,
                Some(&doc(
                    "Volumes",
                    "Stable",
                    "stabilized_at: 2023-11-17\nreplaces:\n  - scs-0111-v1-volumes.md\n",
                )),
            ),
            (OTHER, Some(&doc("Other", "Draft", ""))),
        ],
    );
    repo
}

fn release(dir: &Path, args: &[&str], code: i32) -> crate::common::Run {
    normwerk()
        .arg("release")
        .args(args)
        .arg("--source")
        .arg(dir)
        .exits(code)
}

fn manifest(repo: &TestRepo, name: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(repo.dir.path().join(format!("releases/{name}.json"))).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(include_str!("../../schemas/release.schema.json"), &value);
    value
}

#[test]
fn two_releases_around_a_stabilisation_and_a_deprecation() {
    let repo = history();
    let dir = repo.standards();
    // The day of the second commit: what the repository said then, not the working tree.
    let r1 = release(&dir, &["r1", "--as-of", "2023-11-16"], 0);
    assert!(
        r1.stderr
            .contains("made release r1 as of 2023-11-16: 2 document(s)"),
        "{}",
        r1.stderr
    );
    let m1 = manifest(&repo, "r1");
    assert!(m1["previous"].is_null());
    let states = |m: &serde_json::Value| -> Vec<String> {
        m["index"]["standards"][0]["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["id"].as_str().unwrap(),
                    e["state"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(states(&m1), ["scs-0111-v1 effective", "scs-0111-v2 draft"]);
    let files: Vec<&str> = m1["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "Standards/scs-0111-v1-volumes.md",
            "Standards/scs-0111-v2-volumes.md"
        ]
    );

    // A release out of order is refused; so is a name taken.
    let early = release(&dir, &["r0", "--as-of", "2023-11-15"], 1);
    assert!(
        early.stderr.contains("releases are made in order"),
        "{}",
        early.stderr
    );
    let taken = release(&dir, &["r1"], 1);
    assert!(taken.stderr.contains("exists already"), "{}", taken.stderr);

    let r2 = release(&dir, &["r2", "--as-of", "2023-11-18"], 0);
    assert!(
        r2.stderr.contains("since r1: 1 new, 2 transition(s)"),
        "{}",
        r2.stderr
    );
    let m2 = manifest(&repo, "r2");
    assert_eq!(m2["previous"]["name"], "r1");
    assert_eq!(
        states(&m2),
        ["scs-0111-v1 deprecated", "scs-0111-v2 effective"]
    );

    // The changelog lists exactly those transitions.
    let json = release(&dir, &["changelog", "r2", "--format", "json"], 0);
    let log: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let transitions: Vec<String> = log["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {} → {}",
                t["id"].as_str().unwrap(),
                t["from"].as_str().unwrap(),
                t["to"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        transitions,
        [
            "scs-0111-v1 effective → deprecated",
            "scs-0111-v2 draft → effective"
        ]
    );
    assert_eq!(log["added"][0]["id"], "scs-0112-v1");
    assert_eq!(log["removed"].as_array().unwrap().len(), 0);
    let md = release(&dir, &["changelog", "r2"], 0);
    assert!(md.stdout.contains("## Lifecycle transitions\n\n- **scs-0111-v1** Volumes: effective → deprecated\n- **scs-0111-v2** Volumes: draft → effective\n"), "{}", md.stdout);

    // Both verify, and the lint is clean.
    let ok = release(&dir, &["verify"], 0);
    assert!(
        ok.stdout.contains("r1: verified") && ok.stdout.contains("r2: verified"),
        "{}",
        ok.stdout
    );
    normwerk().args(["lint"]).arg(&dir).exits(0);

    // query --release answers from the manifest, as of its day.
    let q = normwerk()
        .args([
            "query",
            "--format",
            "ids",
            "--state",
            "in-force",
            "--release",
            "r1",
            "--source",
        ])
        .arg(&dir)
        .exits(0);
    assert_eq!(q.stdout, "scs-0111-v1\n");

    // Editing the first manifest breaks verify and the lint.
    let path = repo.dir.path().join("releases/r1.json");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"effective\"", "\"deprecated\"");
    std::fs::write(&path, edited).unwrap();
    let bad = release(&dir, &["verify", "r1"], 1);
    assert!(bad.stdout.contains("r1: DOES NOT VERIFY"), "{}", bad.stdout);
    assert!(
        bad.stdout.contains(
            "scs-0111-v1 is recorded as deprecated on 2023-11-16; its files say effective"
        ),
        "{}",
        bad.stdout
    );
    let chain = release(&dir, &["verify", "r2"], 1);
    assert!(
        chain
            .stdout
            .contains("the manifest of the release before it, r1, changed"),
        "{}",
        chain.stdout
    );
    lint_fails_with(&dir, "error[release-unverified]");
}

#[test]
fn a_tag_records_the_manifest_and_the_lint_sees_it_changed_or_deleted() {
    let repo = history();
    let dir = repo.standards();
    git(
        repo.dir.path(),
        &["config", "user.name", "Forum Maintainer"],
    );
    git(
        repo.dir.path(),
        &["config", "user.email", "forum@example.org"],
    );
    let run = release(&dir, &["r1", "--tag"], 0);
    assert!(run.stderr.contains("tagged r1"), "{}", run.stderr);
    let message = git(
        repo.dir.path(),
        &["tag", "-l", "--format=%(contents)", "r1"],
    );
    assert!(
        message.starts_with("normwerk release r1\n\nmanifest-sha256: "),
        "{message}"
    );
    normwerk().args(["lint"]).arg(&dir).exits(0);

    // Only a change of the bytes: one more space.
    let path = repo.dir.path().join("releases/r1.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen('{', "{ ", 1)).unwrap();
    lint_fails_with(
        &dir,
        "error[release-modified]: the manifest changed after its tag r1",
    );
    release(&dir, &["verify", "r1"], 1);

    std::fs::remove_file(&path).unwrap();
    lint_fails_with(&dir, "the release r1 is tagged, but its manifest is gone");
}

#[test]
fn a_signed_release_verifies_and_a_changed_one_does_not() {
    if std::process::Command::new("ssh-keygen")
        .arg("-?")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "ssh-keygen is missing (openssh-client)"
        );
        eprintln!("skipped: no ssh-keygen");
        return;
    }
    let repo = history();
    let dir = repo.standards();
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("id_ed25519");
    let made = std::process::Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "forum@example.org",
            "-f",
        ])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let allowed = keys.path().join("allowed_signers");
    std::fs::write(&allowed, format!("forum@example.org {public}")).unwrap();
    let root = repo.dir.path();
    git(root, &["config", "gpg.format", "ssh"]);
    git(root, &["config", "user.signingkey", key.to_str().unwrap()]);

    let run = release(&dir, &["r1", "--sign"], 0);
    assert!(run.stderr.contains("signed: "), "{}", run.stderr);
    assert!(root.join("releases/r1.json.sig").is_file());
    // Without allowed signers the signature is checked, not its signer.
    let ok = release(&dir, &["verify", "r1"], 0);
    assert!(ok.stdout.contains("signer not checked"), "{}", ok.stdout);
    git(
        root,
        &[
            "config",
            "gpg.ssh.allowedSignersFile",
            allowed.to_str().unwrap(),
        ],
    );
    let ok = release(&dir, &["verify", "r1"], 0);
    assert!(
        ok.stdout.contains("signed by forum@example.org"),
        "{}",
        ok.stdout
    );

    // A key git does not trust.
    std::fs::write(&allowed, "someone@example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBMwhGmUrUgrB2kvQqdq+QCAKF3T4XIU3d2P5k5vJcU\n").unwrap();
    let bad = release(&dir, &["verify", "r1"], 1);
    assert!(
        bad.stdout
            .contains("no signer of git's allowed signers file"),
        "{}",
        bad.stdout
    );
    std::fs::write(&allowed, format!("forum@example.org {public}")).unwrap();

    // Other bytes under the same signature.
    let path = root.join("releases/r1.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen('{', "{ ", 1)).unwrap();
    let bad = release(&dir, &["verify", "r1"], 1);
    assert!(
        bad.stdout.contains("the signature does not verify"),
        "{}",
        bad.stdout
    );
    lint_fails_with(&dir, "release-unverified");
}

#[test]
fn bad_release_arguments_exit_2() {
    let repo = history();
    let dir = repo.standards();
    for (args, message) in [
        (&["../x"][..], "must start with a letter or digit"),
        (&["a/b"][..], "only letters, digits"),
        (&["-x"][..], "unexpected argument"),
        (&["r.lock"][..], "not a valid git tag name"),
        (
            &["r1", "--as-of", "2001-01-01"][..],
            "no commit of HEAD's first-parent line is on or before 2001-01-01",
        ),
        (&["r1", "--commit", "nope"][..], "revision nope"),
        (&["verify", "nope"][..], "no release nope"),
        (&["changelog", "nope"][..], "no release nope"),
    ] {
        let run = release(&dir, args, 2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
    assert!(!repo.dir.path().join("releases").exists());
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every file of a built site by path.
fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn build_site(dir: &Path, out: &Path) {
    normwerk()
        .args(["build", "--as-of", "2023-11-20", "--out"])
        .arg(out)
        .arg("--source")
        .arg(dir)
        .exits(0);
}

#[test]
fn the_site_renders_each_release_frozen_with_its_changelog() {
    let mut repo = history();
    let dir = repo.standards();
    release(&dir, &["r1", "--as-of", "2023-11-16"], 0);
    release(&dir, &["r2", "--as-of", "2023-11-18"], 0);
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    build_site(&dir, &out);
    let page = |rel: &str| String::from_utf8(std::fs::read(out.join(rel)).unwrap()).unwrap();

    // The frozen copy of r1: v1 effective and v2 a Draft, as on 2023-11-16, with the banner.
    let v1 = page("releases/r1/standards/scs-0111-v1-volumes/index.html");
    assert!(
        v1.contains("<strong>Release r1</strong> (2023-11-16)"),
        "{v1}"
    );
    assert!(v1.contains("state-effective"), "{v1}");
    assert!(v1.contains("The current version of this document is <a href=\"../../../../standards/scs-0111/index.html\">on the live site</a>"), "{v1}");
    let v2 = page("releases/r1/standards/scs-0111-v2-volumes/index.html");
    assert!(v2.contains("badge state state-draft"), "{v2}");
    assert!(!out.join("releases/r1/standards/scs-0112-v1-other").exists());
    // Its index is the one the release recorded.
    let api: serde_json::Value =
        serde_json::from_str(&page("releases/r1/api/v1/index.json")).unwrap();
    let m1 = manifest(&repo, "r1");
    assert_eq!(api, m1["index"]);
    // The live page lists the releases that hold the document; the live site is today's.
    let live = page("standards/scs-0111-v1-volumes/index.html");
    assert!(live.contains("<dt>Releases</dt><dd><a href=\"../../releases/r1/standards/scs-0111-v1-volumes/index.html\">r1</a>"), "{live}");
    assert!(live.contains("state-deprecated"), "{live}");
    let other = page("standards/scs-0112-v1-other/index.html");
    assert!(other.contains("<dt>Releases</dt><dd><a href=\"../../releases/r2/standards/scs-0112-v1-other/index.html\">r2</a> <small>(2023-11-18)</small></dd>"), "{other}");

    // The releases page, newest first, and the changelogs.
    let index = page("releases/index.html");
    let (at2, at1) = (index.find(">r2<").unwrap(), index.find(">r1<").unwrap());
    assert!(at2 < at1, "{index}");
    let log = page("releases/r2/changelog/index.html");
    assert!(log.contains("<a href=\"../../../releases/r2/standards/scs-0111-v1-volumes/index.html\"><strong>scs-0111-v1</strong> Volumes</a>: <span class=\"badge state-effective\">effective</span> → <span class=\"badge state-deprecated\">deprecated</span>"), "{log}");
    assert!(page("releases/r2/changelog.md").contains("## Lifecycle transitions"));
    let json: serde_json::Value =
        serde_json::from_str(&page("releases/r2/changelog.json")).unwrap();
    assert_eq!(json["transitions"].as_array().unwrap().len(), 2);
    insta::assert_snapshot!("releases_page", index);
    insta::assert_snapshot!("release_changelog_page", log);

    // A released document changes (and is committed), another is edited and not committed:
    // every file of both frozen copies stays byte for byte the same.
    let frozen = |files: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("releases/r1/") || p.starts_with("releases/r2/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect()
    };
    let before = frozen(&site_files(&out));
    assert!(before.len() > 20, "{}", before.len());
    repo.commit(
        "v2 reworded",
        &[(
            V2,
            Some(&doc(
                "Volumes, reworded",
                "Stable",
                "stabilized_at: 2023-11-17\nreplaces:\n  - scs-0111-v1-volumes.md\n",
            )),
        )],
    );
    std::fs::write(dir.join(OTHER), doc("Other, uncommitted", "Draft", "")).unwrap();
    build_site(&dir, &out);
    let after = frozen(&site_files(&out));
    assert_eq!(before.len(), after.len());
    for ((p, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{p} changed");
    }
    assert!(page("standards/scs-0111-v2-volumes/index.html").contains("Volumes, reworded"));

    // With a base URL: the copies have their own address and no sitemap of their own.
    normwerk()
        .args([
            "build",
            "--as-of",
            "2023-11-20",
            "--base-url",
            "https://example.org/std/",
            "--out",
        ])
        .arg(&out)
        .arg("--source")
        .arg(&dir)
        .exits(0);
    let feed = page("releases/r1/feed.xml");
    assert!(
        feed.contains("https://example.org/std/releases/r1/feed.xml"),
        "{feed}"
    );
    assert!(!page("releases/r1/index.html").contains("sitemap.xml"));
    assert!(page("index.html").contains("sitemap.xml"));
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "the real corpus ../shared/corpus/scs-standards.bundle is missing"
)]
fn the_real_corpus_released_as_of_2025_and_at_its_head() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let dir = clone.join("Standards");
    let early = release(&dir, &["r2025", "--as-of", "2025-01-01"], 0);
    assert!(
        early
            .stderr
            .contains("66 document(s) and 2 scope file(s) of commit 38f971b7cff9 (2024-12-20)"),
        "{}",
        early.stderr
    );
    let head = release(
        &dir,
        &["head", "--as-of", "2026-11-29", "--commit", "HEAD"],
        0,
    );
    assert!(
        head.stderr.contains("since r2025: 36 new, 5 transition(s), 16 Stable document(s) changed, 6 scope version(s) changed, 0 removed"),
        "{}",
        head.stderr
    );
    let verified = release(&dir, &["verify"], 0);
    assert_eq!(
        verified.stdout.matches(": verified").count(),
        2,
        "{}",
        verified.stdout
    );
    let lint = normwerk()
        .args(["lint", "--format", "concise"])
        .arg(&dir)
        .exits(1);
    assert!(!lint.stdout.contains("release-"), "{}", lint.stdout);
    // The site publishes both, with no broken link.
    let site = tempfile::tempdir().unwrap();
    normwerk()
        .args(["build", "--as-of", "2026-11-29", "--out"])
        .arg(site.path().join("s"))
        .arg("--source")
        .arg(&dir)
        .exits(0);
    for page in [
        "releases/index.html",
        "releases/r2025/index.html",
        "releases/head/changelog/index.html",
        "releases/r2025/standards/scs-0100-v3-flavor-naming/index.html",
    ] {
        assert!(site.path().join("s").join(page).is_file(), "{page}");
    }
}

type Edit = Box<dyn Fn(&mut serde_json::Value)>;

/// Edits the manifest `name` as JSON.
fn tamper(repo: &TestRepo, name: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = repo.dir.path().join(format!("releases/{name}.json"));
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

#[test]
fn every_recorded_value_is_verified_and_a_broken_chain_takes_no_new_release() {
    let repo = history();
    let dir = repo.standards();
    release(&dir, &["r1", "--as-of", "2023-11-16"], 0);
    let original = std::fs::read(repo.dir.path().join("releases/r1.json")).unwrap();
    let restore = || std::fs::write(repo.dir.path().join("releases/r1.json"), &original).unwrap();
    let edits: [(&str, Edit); 4] = [
        (
            "`stabilized_at`",
            Box::new(|m| {
                m["index"]["standards"][0]["versions"][0]["stabilized_at"] = "2029-01-01".into()
            }),
        ),
        (
            "`title`",
            Box::new(|m| m["index"]["standards"][0]["versions"][1]["title"] = "Other".into()),
        ),
        (
            "is in its commit but not in the index",
            Box::new(|m| {
                m["index"]["standards"][0]["versions"]
                    .as_array_mut()
                    .unwrap()
                    .pop();
            }),
        ),
        (
            "is listed twice",
            Box::new(|m| {
                let f = m["files"][0].clone();
                m["files"].as_array_mut().unwrap().push(f);
            }),
        ),
    ];
    for (expected, edit) in &edits {
        tamper(&repo, "r1", edit);
        let bad = release(&dir, &["verify", "r1"], 1);
        assert!(bad.stdout.contains(expected), "{expected}: {}", bad.stdout);
        // Untagged, so the lint checks it in full too.
        lint_fails_with(&dir, "release-unverified");
        // No release follows a release that does not verify.
        let next = release(&dir, &["r2", "--as-of", "2023-11-18"], 1);
        assert!(
            next.stderr.contains("the releases do not form one chain"),
            "{}",
            next.stderr
        );
        assert!(!repo.dir.path().join("releases/r2.json").exists());
        restore();
    }
    release(&dir, &["verify", "r1"], 0);
}

#[test]
fn a_release_is_refused_before_anything_is_written() {
    let repo = history();
    let dir = repo.standards();
    let root = repo.dir.path();
    git(root, &["config", "user.name", "Forum Maintainer"]);
    git(root, &["config", "user.email", "forum@example.org"]);
    git(root, &["tag", "-a", "taken", "-m", "not a release"]);
    git(root, &["branch", "side"]);
    for (args, message) in [
        (&["taken", "--tag"][..], "already the name of a tag"),
        (&["side"][..], "already the name of a branch"),
        (
            &["r1", "--commit", "HEAD~1", "--as-of", "2023-11-15"][..],
            "after the release's day 2023-11-15",
        ),
        (
            &["r1", "--as-of", "2999-01-01"][..],
            "a release is of a day that has come",
        ),
    ] {
        let run = release(&dir, args, 1);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(!root.join("releases").exists(), "{args:?} wrote something");
    }
    // Signing that cannot be done is found before writing too (a setting: exit 2).
    let run = release(&dir, &["r1", "--sign"], 2);
    assert!(run.stderr.contains("gpg.format ssh"), "{}", run.stderr);
    assert!(!root.join("releases").exists());
    // A commit of another line of history.
    let main = git(root, &["rev-parse", "--abbrev-ref", "HEAD"]);
    git(root, &["checkout", "-q", "-b", "other"]);
    std::fs::write(dir.join(OTHER), doc("Elsewhere", "Draft", "")).unwrap();
    git(root, &["commit", "-q", "-am", "elsewhere"]);
    git(root, &["checkout", "-q", main.trim()]);
    let run = release(&dir, &["r1", "--commit", "other"], 1);
    assert!(
        run.stderr.contains("is not in the history of HEAD"),
        "{}",
        run.stderr
    );
    assert!(!root.join("releases").exists());
}

#[test]
fn the_configuration_is_read_from_the_released_commit() {
    let mut repo = history();
    let dir = repo.standards();
    repo.commit_paths(
        "configuration",
        &[("normwerk.toml", Some("source = \"Standards\"\n"))],
    );
    release(&dir, &["r1"], 0);
    assert_eq!(manifest(&repo, "r1")["config"], "normwerk.toml");
    // A later, uncommitted configuration does not change what the release is.
    std::fs::write(
        repo.dir.path().join("normwerk.toml"),
        "source = \"Standards\"\n[limits]\ndocument_bytes = 10\n",
    )
    .unwrap();
    release(&dir, &["verify", "r1"], 0);
}

#[test]
fn standards_at_the_root_of_the_repository_keep_their_releases_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    git(root, &["init", "-q"]);
    git(root, &["config", "user.name", "A"]);
    git(root, &["config", "user.email", "a@example.org"]);
    std::fs::write(root.join(V1), doc("Volumes", "Draft", "")).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "v1"]);
    release(root, &["r1"], 0);
    assert!(root.join("releases/r1.json").is_file());
    release(root, &["verify", "r1"], 0);
}

/// Lints `dir` (concise), which fails and names `expected`.
fn lint_fails_with(dir: &Path, expected: &str) {
    let lint = normwerk()
        .args(["lint", "--format", "concise"])
        .arg(dir)
        .exits(1);
    assert!(
        lint.stdout.contains(expected),
        "{expected}: {}",
        lint.stdout
    );
}

#[test]
fn a_released_image_is_frozen_and_the_site_stays_up_to_date() {
    let mut repo = TestRepo::new();
    let text = doc("Volumes", "Draft", "").replace(
        "## Abstract\n\nText.\n",
        "## Abstract\n\n![Diagram](diagram.png)\n",
    );
    repo.commit(
        "v1 with a diagram",
        &[
            (V1, Some(&text)),
            ("diagram.png", Some("png, as committed")),
        ],
    );
    let dir = repo.standards();
    release(&dir, &["r1"], 0);
    std::fs::write(dir.join("diagram.png"), "png, changed later").unwrap();
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    build_site(&dir, &out);
    let frozen = out.join("releases/r1/standards/scs-0111-v1-volumes/diagram.png");
    assert_eq!(
        std::fs::read_to_string(frozen).unwrap(),
        "png, as committed"
    );
    let again = normwerk()
        .args(["build", "--as-of", "2023-11-20", "--out"])
        .arg(&out)
        .arg("--source")
        .arg(&dir)
        .exits(0);
    assert!(again.stderr.contains("up to date"), "{}", again.stderr);
}
