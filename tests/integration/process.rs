//! Rules of the process that the static lint checks but that meet git or the process's eras:
//! a version gap that history explains, and the levels of a document frozen in an older era.

use crate::common::{Expect, normwerk};
use crate::history::TestRepo;

fn procedural(status: &str, extra: &str) -> String {
    format!(
        "---\ntitle: T\ntype: Procedural\nstatus: {status}\ntrack: Global\n{extra}---\n\nText.\n"
    )
}

fn lint(source: &std::path::Path, extra: &[&str], code: i32) -> String {
    normwerk()
        .args(["lint", "--format", "concise", "--source"])
        .arg(source)
        .args(extra)
        .exits_quietly(code)
}

#[test]
fn a_version_gap_is_forgiven_when_history_knows_the_previous_version() {
    let mut r = TestRepo::new();
    let v1 = procedural(
        "Deprecated",
        "stabilized_at: 2024-01-01\ndeprecated_at: 2024-06-01\nreplaced_by:\n  - scs-0001-v2-b.md\n",
    );
    let v2 = procedural(
        "Stable",
        "stabilized_at: 2024-06-01\nreplaces:\n  - scs-0001-v1-a.md\n",
    );
    r.commit(
        "v1 and v2",
        &[
            ("scs-0001-v1-a.md", Some(&v1)),
            ("scs-0001-v2-b.md", Some(&v2)),
        ],
    );
    let v2_alone = procedural("Stable", "stabilized_at: 2024-06-01\n");
    r.commit(
        "v1 removed",
        &[
            ("scs-0001-v1-a.md", None),
            ("scs-0001-v2-b.md", Some(&v2_alone)),
        ],
    );
    let out = lint(&r.standards(), &[], 1);
    assert!(
        out.contains("error[version-gap]: scs-0001-v2 has no previous version"),
        "{out}"
    );
    // The history shows that v1 existed: no gap, only what else is found.
    let out = lint(&r.standards(), &["--history"], 0);
    assert!(!out.contains("version-gap"), "{out}");
    // A lone v2 that never had a v1 stays a gap with history too.
    r.commit(
        "a lone v2",
        &[("scs-0002-v2-lone.md", Some(&procedural("Draft", "")))],
    );
    let out = lint(&r.standards(), &["--history"], 1);
    assert!(out.contains("error[version-gap]: scs-0002-v2"), "{out}");
    assert!(!out.contains("scs-0001-v2 has no previous"), "{out}");
}

fn standard(status: &str, dates: &str, sections: &str) -> String {
    format!(
        "---\ntitle: T\ntype: Standard\nstatus: {status}\ntrack: Global\n{dates}---\n\n{sections}\n## Standard\n\nIt MUST.\n\n## Terminology\n\nT.\n"
    )
}

#[test]
fn a_document_frozen_before_an_era_is_judged_by_its_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, text: String| std::fs::write(d.join(name), text).unwrap();
    // Before 2024-04-16 every document SHOULD have an Introduction and a Motivation, nothing
    // more: no Conformance Tests, and a missing Motivation is a recommendation.
    let intro = "## Introduction\n\nI.\n";
    write(
        "scs-0001-v1-early.md",
        standard("Stable", "stabilized_at: 2023-05-02\n", intro),
    );
    write(
        "scs-0002-v1-late.md",
        standard("Stable", "stabilized_at: 2024-05-02\n", intro),
    );
    write("scs-0003-v1-draft.md", standard("Draft", "", intro));
    write(
        "scs-0004-v1-early-procedure.md",
        "---\ntitle: P\ntype: Procedural\nstatus: Stable\ntrack: Global\nstabilized_at: 2023-05-02\n---\n\nText.\n".to_owned(),
    );
    let out = lint(d, &[], 1);
    let early: Vec<&str> = out.lines().filter(|l| l.contains("-early")).collect();
    assert_eq!(
        early,
        ["scs-0001-v1-early.md:3:7: info[recommended-section]: missing section `Motivation`: recommended for every document"
            .replace("scs-", &format!("{}/scs-", d.display()))],
        "{out}"
    );
    assert!(
        out.contains("scs-0002-v1-late.md:3:7: error[required-section]: missing sections `Motivation`, `Conformance Tests`"),
        "{out}"
    );
    assert!(
        out.contains("scs-0003-v1-draft.md:3:7: error[required-section]"),
        "{out}"
    );
    let human = normwerk()
        .args(["lint", "--source"])
        .arg(d)
        .exits_quietly(1);
    assert!(
        human
            .contains("judged by the process of its time: frozen on 2023-05-02, before 2024-04-16"),
        "{human}"
    );
    // A profile can declare its own eras (a TOML date or a string), with rule levels.
    std::fs::write(
        d.join("normwerk.toml"),
        "[[profile.eras]]\nuntil = 2025-01-01\nchange = \"sections became a MUST\"\nrules = { required-section = \"info\" }\n",
    )
    .unwrap();
    let out = lint(d, &[], 1);
    assert!(
        out.contains("scs-0002-v1-late.md:3:7: info[required-section]"),
        "{out}"
    );
    assert!(
        out.contains("scs-0003-v1-draft.md:3:7: error[required-section]"),
        "{out}"
    );
    // An explicit level in the configuration wins over the era.
    std::fs::write(
        d.join("normwerk.toml"),
        "[rules]\nrequired-section = \"error\"\n[[profile.eras]]\nuntil = \"2025-01-01\"\nchange = \"x\"\nrules = { required-section = \"info\" }\n",
    )
    .unwrap();
    let out = lint(d, &[], 1);
    assert!(
        out.contains("scs-0002-v1-late.md:3:7: error[required-section]"),
        "{out}"
    );
    // A bad date is a configuration error naming the file.
    std::fs::write(
        d.join("normwerk.toml"),
        "[[profile.eras]]\nuntil = \"soon\"\nchange = \"x\"\n",
    )
    .unwrap();
    let err = normwerk()
        .args(["lint", "--source"])
        .arg(d)
        .assert()
        .code(2);
    let stderr = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("normwerk.toml") && stderr.contains("not a date"),
        "{stderr}"
    );
}

#[test]
fn a_document_without_title_is_published_under_its_first_heading() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(
        src.join("scs-0001-v1-backups.md"),
        "---\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\n# Handling of backups\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        src.join("scs-0002-v1-bare.md"),
        "---\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\nText.\n",
    )
    .unwrap();
    let out = lint(&src, &[], 0);
    assert_eq!(out.matches("warning[missing-title]").count(), 2, "{out}");
    let human = normwerk()
        .args(["lint", "--source"])
        .arg(&src)
        .exits_quietly(0);
    assert!(
        human.contains("pages show its first heading, \"Handling of backups\""),
        "{human}"
    );
    assert!(
        human.contains("the file name, \"scs-0002-v1-bare\""),
        "{human}"
    );
    let index = normwerk()
        .args(["index", "--as-of", "2026-01-01", "--source"])
        .arg(&src)
        .succeeds();
    let v: serde_json::Value = serde_json::from_str(&index).unwrap();
    let titles: Vec<&str> = v["standards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Handling of backups", "scs-0002-v1-bare"]);
    // A title that is written but is not text still stops the build.
    std::fs::write(
        src.join("scs-0003-v1-listed.md"),
        "---\ntitle: [a, b]\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\nText.\n",
    )
    .unwrap();
    normwerk()
        .args(["index", "--source"])
        .arg(&src)
        .assert()
        .code(1);
}
