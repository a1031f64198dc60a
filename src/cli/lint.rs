//! `normwerk lint`.

use super::{Cli, EXIT_FINDINGS, EXIT_OK, emit};
use crate::corpus::Corpus;
use crate::diagnostic::Severity;
use crate::lint::run::{LintRequest, run as lint};
use crate::report::{LINT_FORMATS, LintFormat, LintOutput};
use anyhow::Result;
use clap::ValueEnum;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files or folders to lint (default: the source folder). Other documents of a file's folder
    /// are loaded too, so that references between documents are checked.
    pub paths: Vec<PathBuf>,
    #[arg(long, default_value = LINT_FORMATS[0].name, value_parser = format_parser())]
    pub format: &'static LintFormat,
    /// Also fail (exit 1) on findings of this severity and above.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Also judge the change from this revision to the working tree (uncommitted work included):
    /// transitions, edits to Stable documents, renames, new documents.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Also cross-check lifecycle dates against the commits that made the transitions (infos).
    #[arg(long)]
    pub history: bool,
    /// Make the safe fixes in the files (a plain string to a one-item list, …), then report
    /// what is left. Unsafe fixes are only shown.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: write nothing, print the changes as a diff (exit 1 if there are any).
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// Report only findings that are not recorded in this baseline (`normwerk baseline` writes
    /// it), and name the recorded ones that are fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --base: report only the findings the documents did not have at that revision (and
    /// those of the change itself).
    #[arg(long, requires = "base")]
    pub only_new: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
    Info,
}

/// The registered output formats as the values of `--format`.
#[expect(
    clippy::indexing_slicing,
    reason = "LINT_FORMATS is a non-empty constant (its first entry is the flag's default)"
)]
fn format_parser() -> impl clap::builder::TypedValueParser<Value = &'static LintFormat> {
    let values = LINT_FORMATS
        .iter()
        .map(|f| PossibleValue::new(f.name).help(f.help));
    PossibleValuesParser::new(values)
        .map(|name| LintFormat::named(&name).unwrap_or(&LINT_FORMATS[0]))
}

pub fn run(cli: &Cli, args: &LintArgs) -> Result<u8> {
    let request = LintRequest {
        paths: args.paths.clone(),
        base: args.base.clone(),
        history: args.history,
        only_new: args.only_new,
        folder_checks: vec![crate::release::check],
    };
    // Read first: a baseline that cannot be read stops the run before anything is printed.
    let baseline = match &args.baseline {
        Some(file) => Some((file, crate::lint::baseline::read(file)?)),
        None => None,
    };
    let mut run = lint(&cli.selection(), &request)?;
    run.warnings.iter().for_each(|w| super::warn(w));
    something_linted(&run, &args.paths)?;
    if args.fix {
        let (files, refused) = crate::lint::fix::plan(&run);
        refused.iter().for_each(|w| super::warn(w));
        let fixed: usize = files.iter().map(|f| f.fixed.len()).sum();
        let deferred: usize = files.iter().map(|f| f.deferred).sum();
        let what = format!("{fixed} finding(s) in {} file(s)", files.len());
        if args.dry_run {
            let color = cli.color();
            let diff: String = files
                .iter()
                .map(|f| crate::edit::diff::unified(&f.doc.display, &f.doc.text, &f.new, color))
                .collect();
            emit(&diff)?;
            say!("--fix would fix {what}; nothing was written");
            return Ok(if files.is_empty() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            });
        }
        crate::lint::fix::write(&files)?;
        say!("fixed {what}");
        if deferred > 0 {
            say!("{deferred} fix(es) touch the same text as another; run --fix again for them");
        }
        drop(files);
        // What is left, found again in the fixed files.
        run = lint(&cli.selection(), &request)?;
    }
    let mut fixed = Vec::new();
    if let Some((file, baseline)) = &baseline {
        let sources = run.corpora.iter().flat_map(Corpus::sources).collect();
        let all = std::mem::take(&mut run.diagnostics);
        let known = all.len();
        let paths = crate::lint::baseline::Paths::of(file);
        let (new, gone) = crate::lint::baseline::split(all, &sources, baseline, &paths);
        let left_out = known - new.len();
        if left_out > 0 {
            say!(
                "{left_out} finding(s) recorded in the baseline {} left out",
                file.display()
            );
        }
        run.diagnostics = new;
        // Of the files linted: a run of some files says nothing of the others.
        fixed = gone
            .into_iter()
            .filter(|e| paths.covers(&args.paths, &e.file))
            .collect();
    }
    let output = LintOutput {
        diagnostics: &run.diagnostics,
        documents: run.documents,
        scope_files: run.scope_files,
        sources: run.sources(),
        color: cli.color(),
    };
    emit(&(args.format.render)(&output))?;
    let fail_at = match args.deny {
        None => Severity::Error,
        Some(Deny::Warnings) => Severity::Warning,
        Some(Deny::Info) => Severity::Info,
    };
    let code = if run.fails_at(fail_at) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    drop(output);
    if let Some((file, _)) = &baseline
        && !fixed.is_empty()
    {
        let count: usize = fixed.iter().map(|e| e.count).sum();
        say!(
            "{count} finding(s) recorded in the baseline {} are fixed; `normwerk baseline --output {}` \
             records the others without them:",
            file.display(),
            file.display()
        );
        for e in &fixed {
            let times = if e.count > 1 {
                format!(" ({}×)", e.count)
            } else {
                String::new()
            };
            say!("  {}: {}: {}{times}", e.file, e.rule, e.content);
        }
    }
    // The process ends right after this; freeing every document one by one would cost more
    // than the lint of a large corpus takes (measured: ~30 ms for 10,000 documents).
    std::mem::forget(run);
    Ok(code)
}

/// A run that found no document and no scope file where it was pointed is an error, not
/// "0 documents checked": a mistyped path would pass.
pub(super) fn something_linted(run: &crate::lint::run::LintRun, paths: &[PathBuf]) -> Result<()> {
    if run.documents == 0 && run.scope_files == 0 && run.diagnostics.is_empty() {
        let what = match paths {
            [] => "the source folder holds".to_owned(),
            [one] => format!("{} holds", one.display()),
            more => format!(
                "{} hold",
                more.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        anyhow::bail!(
            "nothing to lint: {what} no document (`*.md` files; templates and READMEs aside) and \
             no scope file"
        );
    }
    Ok(())
}
