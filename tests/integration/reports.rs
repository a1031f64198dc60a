//! The machine-readable output formats of `lint` on one fixture corpus: SARIF and JSON, checked
//! for their structure and as snapshots (human, concise and github are cases in tests/cmd/).

use crate::common::{Expect, fixture, normwerk};

/// The report of the fixture corpus, which has errors (exit code 1), in `format`.
fn lint(format: &str) -> String {
    normwerk()
        .current_dir(fixture("report"))
        .args(["lint", ".", "--color", "never", "--format", format])
        .exits_quietly(1)
}

#[test]
fn sarif() {
    let out = lint("sarif");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    // Every result refers to a rule of the driver by index.
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    insta::assert_snapshot!(out.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_the_rules_help() {
    let out = lint("sarif");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    crate::common::assert_valid(
        include_str!("../fixtures/schemas/sarif-schema-2.1.0.json"),
        &v,
    );
    for rule in v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty(), "{rule}");
        assert!(
            !rule["fullDescription"]["text"].as_str().unwrap().is_empty(),
            "{rule}"
        );
    }
}

#[test]
fn gitlab_code_quality_is_valid_with_stable_fingerprints() {
    let out = lint("gitlab");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    crate::common::assert_valid(
        include_str!("../fixtures/schemas/gitlab-code-quality.schema.json"),
        &v,
    );
    let fingerprints: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = fingerprints.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), fingerprints.len());
    // Paths are relative to the repository's root, wherever normwerk runs.
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("tests/fixtures/report/")),
        "{paths:?}"
    );
    insta::assert_snapshot!(out);
    // The corpus in a repository of its own, with lines added above every finding in a second
    // one: the same fingerprints, from the root or from inside the folder.
    let fingerprints_of = |moved: bool, from_inside: bool| -> Vec<String> {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir(repo.path().join(".git")).unwrap();
        let dir = repo.path().join("Standards");
        std::fs::create_dir(&dir).unwrap();
        for entry in std::fs::read_dir(fixture("report")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let text = match text.strip_prefix("---\n").filter(|_| moved) {
                Some(rest) => format!("---\n# a comment\n# and another\n{rest}"),
                None => text,
            };
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
        let (cwd, folder) = match from_inside {
            true => (dir.clone(), "."),
            false => (repo.path().to_owned(), "Standards"),
        };
        let out = normwerk()
            .current_dir(cwd)
            .args(["lint", folder, "--format", "gitlab"])
            .exits_quietly(1);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut prints: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
            .collect();
        prints.sort();
        prints
    };
    let first = fingerprints_of(false, false);
    assert_eq!(first.len(), fingerprints.len());
    assert_eq!(fingerprints_of(true, false), first);
    assert_eq!(fingerprints_of(true, true), first);
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(lint("junit"));
}

/// Every output format on the same findings (those above, and these).
#[test]
fn human_concise_and_github_snapshots() {
    for format in ["human", "concise", "github"] {
        insta::assert_snapshot!(format, lint(format));
    }
    // Every registered format has a snapshot here.
    let here = include_str!("reports.rs");
    for f in normwerk::report::LINT_FORMATS {
        assert!(
            here.contains(&format!("\"{}\"", f.name)),
            "{} has no snapshot",
            f.name
        );
    }
}

#[test]
fn json_matches_its_schema_and_snapshot() {
    let out = lint("json");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    crate::common::assert_valid(
        include_str!("../../schemas/lint-report.schema.json"),
        &report,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    assert_eq!(
        normwerk().args(["schema", "lint-report"]).exits_quietly(0),
        include_str!("../../schemas/lint-report.schema.json")
    );
    assert_eq!(
        normwerk().args(["schema", "history"]).exits_quietly(0),
        include_str!("../../schemas/history.schema.json")
    );
    let out = normwerk()
        .current_dir(fixture("report"))
        .args(["schema", "frontmatter"])
        .exits_quietly(0);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let committed: serde_json::Value =
        serde_json::from_str(include_str!("../../schemas/frontmatter.schema.json")).unwrap();
    assert_eq!(printed, committed);
}
