//! The machine-readable output formats of `lint` on one fixture corpus: SARIF and JSON, checked
//! for their structure and as snapshots (human, concise and github are cases in tests/cmd/).

use crate::common::{fixture, normwerk};

fn lint(format: &str) -> (String, i32) {
    let out = normwerk()
        .current_dir(fixture("report"))
        .args(["lint", ".", "--color", "never", "--format", format])
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn sarif() {
    let (out, _) = lint("sarif");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    // Every result refers to a rule of the driver by index.
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    insta::assert_snapshot!(out.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

#[test]
fn json_matches_its_schema_and_snapshot() {
    let (out, _) = lint("json");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    crate::common::assert_valid(
        include_str!("../../schemas/lint-report.schema.json"),
        &report,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    let out = normwerk().args(["schema", "lint-report"]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        include_str!("../../schemas/lint-report.schema.json")
    );
    let out = normwerk().args(["schema", "history"]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        include_str!("../../schemas/history.schema.json")
    );
    let out = normwerk()
        .current_dir(fixture("report"))
        .args(["schema", "frontmatter"])
        .output()
        .unwrap();
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let committed: serde_json::Value =
        serde_json::from_str(include_str!("../../schemas/frontmatter.schema.json")).unwrap();
    assert_eq!(printed, committed);
}
