//! Certificate scopes in the JSON index (`scopes`, `api/v1/scopes/<id>.json`) and the scope
//! questions of `normwerk query` (`--scope`, `--required-by`): schema, the files of `build`, and
//! answers on the real corpus checked by hand against `Tests/scs-compatible-iaas.yaml`.

use crate::common::{Expect, assert_valid};
use crate::index::{run_ok, sample_repo, sub_schema};
use serde_json::Value;
use std::path::Path;

const SCHEMA: &str = include_str!("../../schemas/index.schema.json");

#[test]
fn build_writes_one_file_per_scope_with_the_index_header() {
    let repo = sample_repo();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = site.to_str().unwrap();
    run_ok(
        &["build", "--as-of", "2026-11-27", "--out", out],
        &repo.standards(),
    );
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("api/v1/index.json")).unwrap())
            .unwrap();
    assert_valid(SCHEMA, &index);
    let scopes = index["scopes"].as_array().unwrap();
    assert_eq!(scopes.len(), 1);
    let scope = &scopes[0];
    assert_eq!(scope["file"], "Standards/scopes/compatible-iaas.yaml");
    assert_eq!(scope["api_url"], "api/v1/scopes/compatible-iaas.json");
    let own: Value = serde_json::from_str(
        &std::fs::read_to_string(site.join(scope["api_url"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_valid(&sub_schema("scope_file"), &own);
    assert_eq!(&own["scope"], scope);
    assert_eq!(own["as_of"], index["as_of"]);
    assert_eq!(own["source"], index["source"]);
    // The timeline is published oldest first, whatever the file's order (newest first).
    let dates: Vec<&str> = scope["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2025-03-01", "2026-09-01", "2026-11-01", "2026-12-15"]
    );
    // query refuses a scope's own file and names the whole index.
    let file = site.join("api/v1/scopes/compatible-iaas.json");
    crate::common::normwerk()
        .args(["query", "--index"])
        .arg(&file)
        .fails_with("this is one scope's file (api/v1/scopes/…)");
}

#[test]
fn an_index_without_scopes_is_still_valid() {
    let repo = sample_repo();
    let good = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    let mut v: Value = serde_json::from_str(&good).unwrap();
    v.as_object_mut().unwrap().remove("scopes");
    assert_valid(SCHEMA, &v);
}

#[test]
fn scope_answers_on_the_sample_follow_their_schemas() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
    let scope = run_ok(
        &[
            "query",
            "--scope",
            "compatible-iaas",
            "--as-of",
            "2026-11-15",
            "--format",
            "json",
        ],
        &sample,
    );
    let scope: Value = serde_json::from_str(&scope).unwrap();
    assert_valid(&sub_schema("scope_answer"), &scope);
    assert_eq!(scope["asked"], Value::Null);
    assert_eq!(scope["versions"].as_array().unwrap().len(), 2);
    let required = run_ok(
        &["query", "--required-by", "scs-0111", "--format", "json"],
        &sample,
    );
    let required: Value = serde_json::from_str(&required).unwrap();
    assert_valid(&sub_schema("required_by_answer"), &required);
    assert_eq!(required["documents"].as_array().unwrap().len(), 2);
}

/// `query ARGS --format json` from the source folder and from a published index: the same.
fn answer_both(standards: &Path, index_file: &Path, args: &[&str]) -> Value {
    let mut all = vec!["query"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let from_source = run_ok(&all, standards);
    all.extend(["--index", index_file.to_str().unwrap()]);
    let from_file = run_ok(&all, standards);
    assert_eq!(from_source, from_file, "{args:?}");
    serde_json::from_str(&from_source).unwrap()
}

/// `(version, validity)` of each item of a list of scope versions in an answer.
fn validities(list: &Value) -> Vec<(&str, &str)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let text = |key: &str| v[key].as_str().unwrap();
            (text("version"), text("validity"))
        })
        .collect()
}

/// An index of `standards` without history, in `dir`, built for another day than the ones
/// asked about: the answers recompute validity and states for the day asked.
fn index_for_another_day(standards: &Path, dir: &Path) -> std::path::PathBuf {
    let file = dir.join("index.json");
    let out = file.to_str().unwrap();
    run_ok(
        &[
            "index",
            "--no-history",
            "--as-of",
            "2026-11-27",
            "--out",
            out,
        ],
        standards,
    );
    file
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn scope_questions_on_the_real_corpus() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let standards = clone.join("Standards");
    let tmp = tempfile::tempdir().unwrap();
    let file = index_for_another_day(&standards, tmp.path());
    let index: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_valid(SCHEMA, &index);
    let ids: Vec<&str> = index["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["scs-compatible-iaas", "scs-compatible-kaas"]);
    // The real test cases name no lifetime: scs-0003's default.
    assert_eq!(index["scopes"][0]["testcases"][0]["lifetime"], "week");

    // On 2025-03-01 the timeline entry of 2025-02-01 holds: v5.1 effective, v4 warn.
    let answer = answer_both(
        &standards,
        &file,
        &["--scope", "SCS-compatible IaaS", "--as-of", "2025-03-01"],
    );
    assert_valid(&sub_schema("scope_answer"), &answer);
    assert_eq!(
        validities(&answer["versions"]),
        [("v5.1", "effective"), ("v4", "warn")]
    );
    let v51 = &answer["versions"][0];
    assert_eq!(v51["document"]["id"], "scs-0501-v5");
    // Thirteen includes, one document each (opc-v2022.11 names scs-0128-v1).
    let docs: Vec<&str> = v51["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        [
            "scs-0128-v1",
            "scs-0100-v3",
            "scs-0101-v1",
            "scs-0102-v1",
            "scs-0103-v1",
            "scs-0104-v1",
            "scs-0114-v1",
            "scs-0115-v1",
            "scs-0116-v1",
            "scs-0117-v1",
            "scs-0121-v1",
            "scs-0123-v1",
            "scs-0302-v1"
        ]
    );
    // Counted by hand: the main targets of the thirteen modules (2+2+14+15+9+1+1+1+1+8).
    assert_eq!(v51["targets"]["main"].as_array().unwrap().len(), 54);
    assert_eq!(
        answer["versions"][1]["targets"]["main"]
            .as_array()
            .unwrap()
            .len(),
        39
    );

    // scs-0123-v1 entered with v5.1 ("simply forgotten" in v5); `next` has v2 instead.
    let required = answer_both(
        &standards,
        &file,
        &["--required-by", "scs-0123-v1", "--as-of", "2025-03-01"],
    );
    assert_valid(&sub_schema("required_by_answer"), &required);
    assert_eq!(validities(&required["scopes"]), [("v5.1", "effective")]);
    assert_eq!(required["documents"][0]["state"], "effective");

    // Since 2025-07-01 only v5.1 certifies; `next` is a draft and is not listed.
    let later = answer_both(
        &standards,
        &file,
        &["--scope", "scs-compatible-iaas", "--as-of", "2025-10-01"],
    );
    assert_eq!(later["versions"].as_array().unwrap().len(), 1);
    let next = answer_both(
        &standards,
        &file,
        &[
            "--scope",
            "scs-compatible-iaas@next",
            "--as-of",
            "2025-10-01",
        ],
    );
    assert_eq!(next["versions"][0]["validity"], "draft");
    assert_eq!(next["versions"][0]["stabilized_at"], Value::Null);
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn the_validity_example_of_the_book_agrees_with_query() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let standards = clone.join("Standards");
    let book =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/api.md"))
            .unwrap();
    let section = &book[book.find("### Validity on any day").unwrap()..];
    let start = section.find("```python\n").unwrap() + 10;
    let script = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    // The example computes the validity for 2025-03-01 itself.
    index_for_another_day(&standards, dir.path());
    let o = std::process::Command::new("python3")
        .current_dir(dir.path())
        .args(["-c", script])
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut expected = String::new();
    for scope in ["scs-compatible-iaas", "scs-compatible-kaas"] {
        let json = run_ok(
            &[
                "query",
                "--scope",
                scope,
                "--as-of",
                "2025-03-01",
                "--format",
                "json",
            ],
            &standards,
        );
        let answer: Value = serde_json::from_str(&json).unwrap();
        for v in answer["versions"].as_array().unwrap() {
            expected.push_str(&format!("{scope}@{}\n", v["version"].as_str().unwrap()));
        }
    }
    assert_eq!(
        expected,
        "scs-compatible-iaas@v5.1\nscs-compatible-iaas@v4\nscs-compatible-kaas@v1\n"
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);
}
