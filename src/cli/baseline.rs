//! `normwerk baseline`: records today's findings, for `lint --baseline`.

use super::EXIT_OK;
use crate::lint::baseline::{self, Paths};
use crate::lint::run::{LintRequest, run as lint};
use anyhow::{Context as _, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Files or folders to lint (default: the source folder), as for `lint`.
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline.
    #[arg(long, short, value_name = "FILE", default_value = baseline::FILE)]
    pub output: PathBuf,
}

pub fn run(cli: &super::Cli, args: &BaselineArgs) -> Result<u8> {
    let request = LintRequest {
        paths: args.paths.clone(),
        folder_checks: vec![crate::release::check],
        ..LintRequest::default()
    };
    let run = lint(&cli.selection(), &request)?;
    run.warnings.iter().for_each(|w| super::warn(w));
    super::lint::something_linted(&run, &args.paths)?;
    let sources = run.sources();
    let recorded = baseline::record(&run.diagnostics, &sources, &Paths::of(&args.output));
    crate::output::write_file(&args.output, baseline::to_json(&recorded).as_bytes())
        .with_context(|| format!("writing the baseline {}", args.output.display()))?;
    say!(
        "recorded {} finding(s) of {} document(s) in {}; `normwerk lint --baseline {}` reports only the others",
        run.diagnostics.len(),
        run.documents,
        args.output.display(),
        args.output.display()
    );
    Ok(EXIT_OK)
}
