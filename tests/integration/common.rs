use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn normwerk() -> Command {
    let mut cmd = Command::cargo_bin("normwerk").expect("the normwerk binary is built");
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Runs `normwerk lint . --format concise` in `dir`; returns standard output and the exit code.
pub fn lint_concise(dir: &Path) -> (String, i32) {
    let out = normwerk()
        .current_dir(dir)
        .args(["lint", ".", "--format", "concise"])
        .output()
        .expect("normwerk runs");
    assert!(
        out.stderr.is_empty(),
        "unexpected stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code().expect("exit code"),
    )
}

/// Compares with a golden file; `NORMWERK_BLESS=1` rewrites it instead (review the diff!).
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("NORMWERK_BLESS").is_some() {
        std::fs::write(path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read golden file {}: {e}", path.display()));
    if expected != actual {
        let diff = similar_lines(&expected, actual);
        panic!(
            "{} differs from the output (NORMWERK_BLESS=1 rewrites it):\n{diff}",
            path.display()
        );
    }
}

fn similar_lines(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string()
}

/// Asserts that `value` validates against a JSON Schema given as text.
pub fn assert_valid(schema: &str, value: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(schema).expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .take(5)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Copies one document of the sample corpus into `dir` (for tests that need any valid document).
pub fn copy_sample_document(dir: &Path) {
    let name = "scs-0001-v1-document-lifecycle.md";
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("standards-src")
            .join(name),
        dir.join(name),
    )
    .expect("the sample document is copied");
}
