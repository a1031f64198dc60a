use assert_cmd::Command;
use predicates::str::contains;
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

/// What a finished run of normwerk wrote.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
}

/// The one place where a run's exit code and standard error are checked. On a mismatch
/// assert_cmd's panic message shows the command line, the exit code, stdout and stderr.
pub trait Expect {
    /// Runs the command and checks its exit code; returns what it wrote.
    fn exits(&mut self, code: i32) -> Run;
    /// Runs the command, checks its exit code and that nothing went to standard error; returns
    /// standard output.
    fn exits_quietly(&mut self, code: i32) -> String;
    /// Exit code 0 (standard error may report progress); returns standard output.
    fn succeeds(&mut self) -> String {
        self.exits(0).stdout
    }
    /// A usage or I/O error (exit code 2) whose message contains `message`; returns the message.
    fn fails_with(&mut self, message: &str) -> String;
}

impl Expect for Command {
    fn exits(&mut self, code: i32) -> Run {
        run(self.assert().code(code))
    }

    fn exits_quietly(&mut self, code: i32) -> String {
        run(self.assert().code(code).stderr("")).stdout
    }

    fn fails_with(&mut self, message: &str) -> String {
        let run = run(self.assert().code(2).stderr(contains(message)));
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run.stderr
    }
}

fn run(assert: assert_cmd::assert::Assert) -> Run {
    let out = assert.get_output();
    Run {
        stdout: String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout"),
        stderr: String::from_utf8(out.stderr.clone()).expect("UTF-8 on stderr"),
    }
}

/// Runs `normwerk lint . --format concise` in `dir`; checks the exit code and that nothing went
/// to standard error; returns standard output.
pub fn lint_concise(dir: &Path, code: i32) -> String {
    normwerk()
        .current_dir(dir)
        .args(["lint", ".", "--format", "concise"])
        .exits_quietly(code)
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

/// A copy of the whole sample corpus (`standards-src/`, with its configuration and scopes) at
/// `dir`.
pub fn copy_sample_corpus(dir: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("the sample corpus is readable");
        let to = dir.join(entry.path().strip_prefix(&from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("a folder of the copy");
        } else {
            std::fs::copy(entry.path(), &to).expect("a file of the copy");
        }
    }
}
