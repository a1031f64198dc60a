//! The fuzz targets' seeds and every crash the fuzzer found (`fuzz/seeds/<target>/`,
//! `fuzz/regressions/<target>/`), replayed on stable through the same `normwerk::fuzzing`
//! functions the targets call (book/src/design/fuzzing.md).

use std::path::Path;

/// Runs every file of `fuzz/{seeds,regressions}/<target>/` through `run`; returns how many.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    let mut failed = Vec::new();
    for kind in ["seeds", "regressions"] {
        let dir = fuzz.join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            assert_eq!(kind, "regressions", "{} is missing", dir.display());
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).unwrap();
            if std::panic::catch_unwind(|| run(&bytes)).is_err() {
                failed.push(path.display().to_string());
            }
            count += 1;
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail: {failed:#?}"
    );
    count
}

#[test]
fn frontmatter_seeds_and_regressions() {
    assert!(replay("frontmatter", normwerk::fuzzing::frontmatter) >= 10);
}

#[test]
fn file_name_seeds_and_regressions() {
    assert!(replay("file_name", normwerk::fuzzing::file_name) >= 10);
}

#[test]
fn markdown_seeds_and_regressions() {
    assert!(replay("markdown", normwerk::fuzzing::markdown) >= 10);
}

#[test]
fn index_seeds_and_regressions() {
    assert!(replay("index", normwerk::fuzzing::index) >= 10);
}

#[test]
fn scope_seeds_and_regressions() {
    assert!(replay("scope", normwerk::fuzzing::scope) >= 10);
}
