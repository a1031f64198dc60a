//! `normwerk stabilize`, `deprecate` and `reject` (the changes are planned in `author::lifecycle`).

use super::{Cli, EXIT_FINDINGS, EXIT_OK, emit};
use crate::author::{self, lifecycle::Step};
use crate::report::{LintFormat, LintOutput};
use anyhow::Result;
use jiff::civil::Date;

/// What the three commands share.
#[derive(Debug, clap::Args)]
pub struct StepArgs {
    /// The document: its file name (`scs-0100-v1-flavor-naming.md`) or its id (`scs-0100-v1`).
    pub document: String,
    /// The day of the step (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub date: Option<Date>,
    /// Write nothing: print the change as a diff.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct StabilizeArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Stabilise although another version of the standard is Stable (both stay in force until
    /// one is deprecated).
    #[arg(long)]
    pub allow: bool,
}

#[derive(Debug, clap::Args)]
pub struct DeprecateArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// The documents that replace it (default: the one newer version of its standard, if there
    /// is exactly one). Their `replaces` is made to name it.
    #[arg(long, value_name = "DOCUMENT", num_args = 1..)]
    pub replaced_by: Vec<String>,
}

pub fn stabilize(cli: &Cli, args: &StabilizeArgs) -> Result<u8> {
    let step = Step::Stabilize {
        allow_second: args.allow,
    };
    run(cli, &args.step, &step)
}

pub fn deprecate(cli: &Cli, args: &DeprecateArgs) -> Result<u8> {
    let step = Step::Deprecate {
        replaced_by: args.replaced_by.clone(),
    };
    run(cli, &args.step, &step)
}

pub fn reject(cli: &Cli, args: &StepArgs) -> Result<u8> {
    run(cli, args, &Step::Reject)
}

fn run(cli: &Cli, args: &StepArgs, step: &Step) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let mut corpus = ws.load()?;
    let doc = author::find(&corpus, &args.document)?;
    let date = args.date.unwrap_or_else(crate::asof::today);
    let change = match author::lifecycle::plan(&corpus, &ws.config.profile, doc, step, date)? {
        Ok(change) => change,
        Err(refused) => {
            eprint!("{}", refused.explain());
            return Ok(EXIT_FINDINGS);
        }
    };
    let color = cli.color();
    let diff: String = change
        .files
        .iter()
        .map(|f| crate::edit::diff::unified(&f.doc.display, &f.doc.text, &f.new, color))
        .collect();
    emit(&diff)?;
    for note in &change.notes {
        eprintln!("note: {note}");
    }
    if args.dry_run {
        eprintln!(
            "{} file(s) would change; nothing was written",
            change.files.len()
        );
    } else {
        author::write(&corpus, &change)?;
        eprintln!("changed {} file(s)", change.files.len());
    }
    let texts: Vec<(String, String)> = change
        .files
        .into_iter()
        .map(|f| (f.doc.file_name.clone(), f.new))
        .collect();
    let found = author::new_findings(&mut corpus, &ws.config, texts)?;
    if !found.is_empty() {
        let output = LintOutput {
            diagnostics: &found,
            documents: 0,
            scope_files: 0,
            sources: corpus.sources(),
            color: cli.color_stderr(),
        };
        eprintln!(
            "the change leaves {} new finding(s) for the process to settle:",
            found.len()
        );
        if let Some(concise) = LintFormat::named("concise") {
            eprint!("{}", (concise.render)(&output));
        }
    }
    Ok(EXIT_OK)
}
