//! The JSON index (`normwerk index`, `api/v1/` of `normwerk build`) and `normwerk query`: schema,
//! snapshot, determinism, agreement with the site's pages, answers on the real corpus, and
//! clear errors for broken index files.

use crate::common::{Expect, assert_valid, normwerk};
use serde_json::Value;
use std::path::Path;

const SCHEMA: &str = include_str!("../../schemas/index.schema.json");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The schema with `#/$defs/<def>` as its root, for the per-standard files and query answers.
pub(crate) fn sub_schema(def: &str) -> String {
    let mut schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let defs = schema["$defs"].take();
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": defs,
        "$ref": format!("#/$defs/{def}"),
    })
    .to_string()
}

/// Runs normwerk and returns stdout; fails the test on a non-zero exit.
pub(crate) fn run_ok(args: &[&str], source: &Path) -> String {
    normwerk()
        .env_remove("SOURCE_DATE_EPOCH")
        .arg("--source")
        .arg(source)
        .args(args)
        .succeeds()
}

/// The sample corpus committed into a fresh repository (fixed author and dates, so that the
/// commit ids and the events are the same on every run), then one body edit.
pub(crate) fn sample_repo() -> crate::history::TestRepo {
    let mut repo = crate::history::TestRepo::new();
    let src = root().join("standards-src");
    let files: Vec<(String, String)> = walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    let changes: Vec<(&str, Option<&str>)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), Some(t.as_str())))
        .collect();
    repo.commit("Add the sample standards", &changes);
    let name = "scs-0210-v1-cluster-upgrade-cadence.md";
    let edited = files.iter().find(|(n, _)| n == name).unwrap().1.clone()
        + "\nProviders SHOULD announce upgrades a week ahead.\n";
    repo.commit("Draft: announce upgrades", &[(name, Some(&edited))]);
    repo
}

#[test]
fn the_sample_index_matches_its_snapshot_and_schema() {
    let repo = sample_repo();
    let json = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    let index: Value = serde_json::from_str(&json).unwrap();
    assert_valid(SCHEMA, &index);
    insta::assert_snapshot!("sample_index", json);
    // What the snapshot shows, spelled out.
    assert_eq!(index["source"]["folder"], "Standards");
    assert_eq!(index["source"]["dirty"], false);
    assert_eq!(index["standards"].as_array().unwrap().len(), 11);
    let entry = |id: &str| -> Value {
        index["standards"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                let mut v = s["versions"].as_array().unwrap().clone();
                v.extend(s["supplements"].as_array().unwrap().clone());
                v
            })
            .find(|e| e["id"] == id)
            .unwrap()
    };
    assert_eq!(entry("scs-0111-v1")["state"], "future-deprecated");
    assert_eq!(
        entry("scs-0111-v1")["replaced_by"],
        serde_json::json!(["scs-0111-v2"])
    );
    assert_eq!(entry("scs-0110-w1")["state"], "informative");
    assert_eq!(
        entry("scs-0110-w1")["supplements"],
        serde_json::json!(["scs-0110-v1", "scs-0110-v2"])
    );
    let events = entry("scs-0210-v1")["events"].as_array().unwrap().clone();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["added", "body-changed"]);
    // The hash is of the file's bytes.
    let text = std::fs::read(repo.standards().join("scs-0001-v1-document-lifecycle.md")).unwrap();
    let expected = sha256_hex_of(&text);
    assert_eq!(entry("scs-0001-v1")["sha256"], expected.as_str());
}

/// An independent SHA-256 (the system's `sha256sum`) for the hash check.
fn sha256_hex_of(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum runs");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}

#[test]
fn the_index_is_byte_identical_for_the_same_input_and_date() {
    let repo = sample_repo();
    let a = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    let b = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    assert_eq!(a, b);
    // SOURCE_DATE_EPOCH names the same day: the same bytes.
    let from_epoch = normwerk()
        .env("SOURCE_DATE_EPOCH", "1795737600") // 2026-11-27T00:00:00Z
        .arg("--source")
        .arg(repo.standards())
        .arg("index")
        .succeeds();
    assert_eq!(from_epoch, a);
    // Changes outside the standards folder are not the folder's.
    std::fs::write(repo.dir.path().join("notes.txt"), "elsewhere\n").unwrap();
    assert_eq!(
        run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards()),
        a
    );
    // A dirty folder says so.
    let edited = repo.standards().join("scs-0001-v1-document-lifecycle.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nOne more line.\n")).unwrap();
    let dirty: Value = serde_json::from_str(&run_ok(
        &["index", "--as-of", "2026-11-27"],
        &repo.standards(),
    ))
    .unwrap();
    assert_eq!(dirty["source"]["dirty"], true);
}

#[test]
fn index_writes_a_file_and_build_writes_the_same_index_with_one_file_per_standard() {
    let repo = sample_repo();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("index.json");
    run_ok(
        &[
            "index",
            "--as-of",
            "2026-11-27",
            "--out",
            file.to_str().unwrap(),
        ],
        &repo.standards(),
    );
    let site = tmp.path().join("site");
    run_ok(
        &[
            "build",
            "--as-of",
            "2026-11-27",
            "--out",
            site.to_str().unwrap(),
        ],
        &repo.standards(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "readable by a web server");
    }
    let from_build = std::fs::read_to_string(site.join("api/v1/index.json")).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), from_build);
    let index: Value = serde_json::from_str(&from_build).unwrap();
    let standard_schema = sub_schema("standard_file");
    for s in index["standards"].as_array().unwrap() {
        let path = site.join(s["api_url"].as_str().unwrap());
        let own: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_valid(&standard_schema, &own);
        assert_eq!(&own["standard"], s);
        assert_eq!(own["as_of"], index["as_of"]);
        assert_eq!(own["source"], index["source"]);
        // The standard page links its JSON.
        let page =
            std::fs::read_to_string(site.join(s["url"].as_str().unwrap()).join("index.html"))
                .unwrap();
        assert!(
            page.contains(&format!("{}.json", s["id"].as_str().unwrap())),
            "{page}"
        );
    }
}

/// Every entry of an index: versions, supplements, proposals.
fn entries(index: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for s in index["standards"].as_array().unwrap() {
        out.extend(s["versions"].as_array().unwrap().iter().cloned());
        out.extend(s["supplements"].as_array().unwrap().iter().cloned());
    }
    out.extend(index["proposals"].as_array().unwrap().iter().cloned());
    out
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn the_real_index_validates_and_agrees_with_the_site_pages() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let standards = clone.join("Standards");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    run_ok(
        &[
            "build",
            "--as-of",
            "2025-01-01",
            "--out",
            site.to_str().unwrap(),
        ],
        &standards,
    );
    let json = std::fs::read_to_string(site.join("api/v1/index.json")).unwrap();
    let index: Value = serde_json::from_str(&json).unwrap();
    assert_valid(SCHEMA, &index);
    assert_eq!(index["as_of"], "2025-01-01");
    assert_eq!(index["source"]["folder"], "Standards");
    assert_eq!(index["source"]["dirty"], false);
    assert_eq!(index["source"]["commit"].as_str().unwrap().len(), 40);
    let all = entries(&index);
    assert_eq!(all.len(), 102, "every document");
    for e in &all {
        // The state on the document's page is the index's state.
        let page =
            std::fs::read_to_string(site.join(e["url"].as_str().unwrap()).join("index.html"))
                .unwrap();
        let start = page.find("state state-").unwrap() + 12;
        let page_state = &page[start..start + page[start..].find('"').unwrap()];
        assert_eq!(page_state, e["state"], "{}", e["id"]);
        assert!(
            e["events"].as_array().is_some_and(|v| !v.is_empty()),
            "{}",
            e["id"]
        );
    }
    for s in index["standards"].as_array().unwrap() {
        let page =
            std::fs::read_to_string(site.join(s["url"].as_str().unwrap()).join("index.html"))
                .unwrap();
        for v in s["versions"].as_array().unwrap() {
            let cell = format!("state state-{}", v["state"].as_str().unwrap());
            assert!(page.contains(&cell), "{}: {}", s["id"], v["id"]);
        }
        let own: Value = serde_json::from_str(
            &std::fs::read_to_string(site.join(s["api_url"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        assert_eq!(&own["standard"], s);
    }
    // v1 of 0210 names no successor; v2 says it replaces v1: the index links both ways.
    let v1 = all.iter().find(|e| e["id"] == "scs-0210-v1").unwrap();
    assert_eq!(v1["replaced_by"], serde_json::json!([]));
    assert_eq!(v1["successors"], serde_json::json!(["scs-0210-v2"]));
    let v2 = all.iter().find(|e| e["id"] == "scs-0210-v2").unwrap();
    assert_eq!(v2["predecessors"], serde_json::json!(["scs-0210-v1"]));
    // `normwerk index` gives the same bytes as the build.
    assert_eq!(
        run_ok(&["index", "--as-of", "2025-01-01"], &standards),
        json
    );
}

/// `query --format ids` on the source and on a published index file must agree.
fn query_both(standards: &Path, index_file: &Path, args: &[&str]) -> Vec<String> {
    let mut with_ids = args.to_vec();
    with_ids.extend(["--format", "ids"]);
    let from_source = run_ok(&[&["query"], with_ids.as_slice()].concat(), standards);
    let mut from_file_args = vec!["query", "--index", index_file.to_str().unwrap()];
    from_file_args.extend(&with_ids);
    let from_file = run_ok(&from_file_args, standards);
    assert_eq!(from_source, from_file, "{args:?}");
    from_source.lines().map(str::to_owned).collect()
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn query_answers_the_typical_questions_on_the_real_corpus() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let standards = clone.join("Standards");
    let tmp = tempfile::tempdir().unwrap();
    // The published index is built for another day: states are recomputed for the day asked.
    let file = tmp.path().join("index.json");
    run_ok(
        &[
            "index",
            "--no-history",
            "--as-of",
            "2026-11-27",
            "--out",
            file.to_str().unwrap(),
        ],
        &standards,
    );
    // Which versions are effective on 2025-01-01 (in force: a deprecation announced for later
    // does not end it). Counted by hand from the frontmatter of every Stable and Deprecated
    // version: stabilized on or before the day, deprecated (if at all) after it.
    let effective = query_both(
        &standards,
        &file,
        &[
            "--as-of",
            "2025-01-01",
            "--state",
            "effective",
            "--kind",
            "version",
        ],
    );
    let expected = [
        "scs-0001-v1",
        "scs-0002-v1",
        "scs-0100-v3",
        "scs-0101-v1",
        "scs-0102-v1",
        "scs-0103-v1",
        "scs-0104-v1",
        "scs-0110-v1",
        "scs-0114-v1",
        "scs-0115-v1",
        "scs-0116-v1",
        "scs-0117-v1",
        "scs-0121-v1",
        "scs-0123-v1",
        "scs-0210-v2",
        "scs-0211-v1",
        "scs-0214-v2",
        "scs-0219-v1",
        "scs-0300-v1",
        "scs-0302-v1",
        "scs-0501-v4",
        "scs-0501-v5",
        "scs-0502-v1",
    ];
    assert_eq!(effective, expected);
    // Only those with a deprecation announced.
    assert_eq!(
        query_both(
            &standards,
            &file,
            &["--as-of", "2025-01-01", "--state", "future-deprecated"]
        ),
        ["scs-0002-v1", "scs-0501-v4"]
    );
    // What replaced scs-0210-v1 (v2 says so; v1 itself names no successor).
    assert_eq!(
        query_both(
            &standards,
            &file,
            &["--as-of", "2025-01-01", "--replaces", "scs-0210-v1"]
        ),
        ["scs-0210-v2"]
    );
    // Which versions become deprecated within 90 days.
    assert_eq!(
        query_both(
            &standards,
            &file,
            &["--as-of", "2025-05-01", "--deprecating-within", "90d"]
        ),
        ["scs-0501-v4"]
    );
    assert!(
        query_both(
            &standards,
            &file,
            &["--as-of", "2025-01-01", "--deprecating-within", "90d"]
        )
        .is_empty()
    );
    assert_eq!(
        query_both(
            &standards,
            &file,
            &["--as-of", "2026-01-01", "--deprecating-within", "3 months"]
        ),
        ["scs-0002-v1"]
    );
    // After the day, deprecated.
    assert_eq!(
        query_both(
            &standards,
            &file,
            &[
                "scs-0501-v4",
                "--as-of",
                "2025-07-01",
                "--state",
                "deprecated"
            ]
        ),
        ["scs-0501-v4"]
    );
    // The JSON answer follows its schema.
    let json = run_ok(
        &[
            "query",
            "--as-of",
            "2025-01-01",
            "--number",
            "501",
            "--format",
            "json",
        ],
        &standards,
    );
    let answer: Value = serde_json::from_str(&json).unwrap();
    assert_valid(&sub_schema("query_answer"), &answer);
    let ids: Vec<&str> = answer["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "scs-0501-v1",
            "scs-0501-v2",
            "scs-0501-v3",
            "scs-0501-v4",
            "scs-0501-v5",
            "scs-0501-w1"
        ]
    );
}

#[test]
fn query_json_on_the_sample_follows_its_schema() {
    // The table, the filters and the errors of query are cases in tests/cmd/.
    let json = run_ok(
        &[
            "query",
            "--as-of",
            "2026-11-27",
            "--number",
            "111",
            "--format",
            "json",
        ],
        &root().join("standards-src"),
    );
    assert_valid(
        &sub_schema("query_answer"),
        &serde_json::from_str(&json).unwrap(),
    );
    insta::assert_snapshot!("query_json", json);
}

#[test]
fn a_corrupt_index_file_gives_a_clear_error() {
    let repo = sample_repo();
    let good = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    let tmp = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "not JSON"),
        (
            "truncated",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "not JSON",
        ),
        (
            "array",
            b"[1, 2]".to_vec(),
            "api_version (missing) is not supported",
        ),
        (
            "future",
            good.replace("\"api_version\": 1", "\"api_version\": 2")
                .into_bytes(),
            "api_version 2 is not supported",
        ),
        (
            "bad state",
            good.replacen("\"state\": \"effective\"", "\"state\": \"in-force\"", 1)
                .into_bytes(),
            "/state",
        ),
        (
            "no standards",
            {
                let mut v: Value = serde_json::from_str(&good).unwrap();
                v.as_object_mut().unwrap().remove("standards");
                v.to_string().into_bytes()
            },
            "standards",
        ),
        (
            "wrong type",
            good.replacen("\"version\": 1,", "\"version\": \"one\",", 1)
                .into_bytes(),
            "/version",
        ),
        ("binary", vec![0xff, 0xfe, 0x00, 0x01], "not JSON"),
        (
            "one standard's file",
            {
                let mut v: Value = serde_json::from_str(&good).unwrap();
                let standard = v["standards"][0].clone();
                let o = v.as_object_mut().unwrap();
                for k in ["tracks", "standards", "proposals"] {
                    o.remove(k);
                }
                o.insert("standard".into(), standard);
                v.to_string().into_bytes()
            },
            "query reads the whole index, api/v1/index.json",
        ),
    ];
    for (name, text, message) in cases {
        let file = tmp.path().join(format!("{name}.json"));
        std::fs::write(&file, text).unwrap();
        let err = normwerk()
            .args(["query", "--index"])
            .arg(&file)
            .fails_with(message);
        assert!(err.contains(&file.display().to_string()), "{name}: {err}");
        assert!(
            err.matches("line 1 column 1").count() <= 1,
            "said once: {err}"
        );
    }
}

#[test]
fn schema_index_prints_the_schema() {
    assert_eq!(normwerk().args(["schema", "index"]).succeeds(), SCHEMA);
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn the_python_example_of_the_book_agrees_with_query() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let standards = clone.join("Standards");
    let book = std::fs::read_to_string(root().join("book/src/api.md")).unwrap();
    // The example of the documents' states (the scopes section has its own, tested with them).
    let after = book.find("computing the states for another day").unwrap();
    let start = after + book[after..].find("```python\n").unwrap() + 10;
    let script = &book[start..start + book[start..].find("```").unwrap()];
    assert!(script.contains("def state_on"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    // An index for another day: the example recomputes the states for 2025-01-01.
    run_ok(
        &[
            "index",
            "--no-history",
            "--as-of",
            "2026-11-27",
            "--out",
            dir.path().join("index.json").to_str().unwrap(),
        ],
        &standards,
    );
    let o = std::process::Command::new("python3")
        .current_dir(dir.path())
        .args(["-c", script])
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = run_ok(
        &[
            "query",
            "--as-of",
            "2025-01-01",
            "--state",
            "in-force",
            "--kind",
            "version",
            "--format",
            "ids",
        ],
        &standards,
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);
}

#[test]
fn a_repository_without_commits_has_an_index_without_events_and_no_history() {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init(dir.path()).unwrap();
    let standards = dir.path().join("Standards");
    std::fs::create_dir(&standards).unwrap();
    crate::common::copy_sample_document(&standards);
    let run = normwerk()
        .arg("--source")
        .arg(&standards)
        .args(["index", "--as-of", "2026-11-27"])
        .exits(0);
    // Said, not silently dropped.
    assert!(
        run.stderr
            .contains("is not in a git repository with commits"),
        "{}",
        run.stderr
    );
    let index: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid(SCHEMA, &index);
    assert_eq!(index["source"]["commit"], Value::Null);
    assert_eq!(index["source"]["dirty"], true, "an untracked document");
    assert_eq!(entries(&index)[0]["events"], Value::Null);
    let err = normwerk()
        .arg("--source")
        .arg(&standards)
        .arg("history")
        .fails_with("without commits yet");
    assert!(!err.contains("class="), "{err}");
}

#[test]
fn a_later_v1_index_with_more_fields_is_read() {
    let repo = sample_repo();
    let good = run_ok(&["index", "--as-of", "2026-11-27"], &repo.standards());
    let mut v: Value = serde_json::from_str(&good).unwrap();
    v["licence"] = "CC-BY-SA-4.0".into();
    v["statuses"]["withdrawn"] = "Withdrawn".into();
    v["source"]["branch"] = "main".into();
    v["tracks"][0]["digit"] = 0.into();
    v["standards"][0]["maintainers"] = serde_json::json!(["a"]);
    v["standards"][0]["versions"][0]["authors"] = serde_json::json!(["b"]);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("index.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let ids = normwerk()
        .args([
            "query",
            "--as-of",
            "2026-11-27",
            "--format",
            "ids",
            "--index",
        ])
        .arg(&file)
        .exits_quietly(0);
    assert!(ids.starts_with("scs-0001-v1\n"), "{ids}");
}

#[test]
fn base_and_source_urls_reach_the_index() {
    let sample = root().join("standards-src");
    let json = run_ok(
        &[
            "index",
            "--no-history",
            "--base-url",
            "https://standards.example.org/",
            "--source-url",
            "https://git.example.org/std/blob/main/standards-src/",
        ],
        &sample,
    );
    let index: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(index["base_url"], "https://standards.example.org/");
    let first = &entries(&index)[0];
    assert_eq!(
        first["source_url"],
        "https://git.example.org/std/blob/main/standards-src/scs-0001-v1-document-lifecycle.md"
    );
    assert_eq!(first["events"], Value::Null, "--no-history");
}
