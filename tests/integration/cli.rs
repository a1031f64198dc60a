//! The command line contract as data: each `tests/cmd/<case>.toml` is one run of normwerk (its
//! arguments, working folder and exit code) with what it must print, in the file or beside it
//! (`<case>.stdout`, `<case>.stderr`). Runs that write files, or must be outside git, run in a
//! copy of `fs.base` in a temporary folder (`fs.sandbox = true`); `tests/cmd/corpus/` is the
//! small corpus they share. Every case runs with `COLUMNS=100`, `NO_COLOR=1` and
//! `SOURCE_DATE_EPOCH` at 2026-11-27; normwerk's version prints as `[VERSION]`.
//!
//! One case: `cargo test --test integration -- cli::cases trycmd=<part of its name>`;
//! `TRYCMD=overwrite` rewrites the expected output (review the diff!).

#[test]
fn cases() {
    trycmd::TestCases::new()
        .register_bin(
            "normwerk",
            std::path::Path::new(env!("CARGO_BIN_EXE_normwerk")),
        )
        .default_bin_name("normwerk")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795737600") // 2026-11-27T00:00:00Z
        .insert_var("[VERSION]", env!("CARGO_PKG_VERSION"))
        .expect("a valid variable")
        .case("tests/cmd/*.toml");
}
