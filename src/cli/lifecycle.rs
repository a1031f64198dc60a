//! `normwerk new`, `assign`, `stabilize`, `deprecate`, `reject` and `bump` (the changes are
//! planned in `author`; this file parses, shows and writes them).

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
    /// Write the change although it adds errors to the corpus (they are listed).
    #[arg(long)]
    pub force: bool,
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
    /// A document that replaces it (repeat the flag for several; default: the newer version of
    /// its standard that names it in `replaces`, or the only newer one, if it has been Stable).
    /// Its `replaces` is made to name this document.
    #[arg(long, value_name = "DOCUMENT")]
    pub replaced_by: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct BumpArgs {
    /// The version to follow: its file name or its id (`scs-0100-v3`).
    pub document: String,
    /// The new version's slug (default: the old one's).
    #[arg(long)]
    pub slug: Option<String>,
    /// Write nothing: print the new file as a diff.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the change although it adds errors to the corpus (they are listed).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The title; the file name's slug is made from it (lower-case ASCII, hyphens).
    pub title: String,
    /// The file name's slug (default: made from the title).
    #[arg(long)]
    pub slug: Option<String>,
    /// The document's type (`Standard`, `Decision Record`, `Procedural`).
    #[arg(
        long = "type",
        value_name = "TYPE",
        required_unless_present = "supplement_of"
    )]
    pub doc_type: Option<String>,
    /// The track (`IaaS`, `KaaS`, …).
    #[arg(long, required_unless_present = "supplement_of")]
    pub track: Option<String>,
    /// Make a supplement of this document (`scs-0100-v3`): type and track come from it.
    #[arg(long, value_name = "DOCUMENT", conflicts_with_all = ["doc_type", "track"])]
    pub supplement_of: Option<String>,
    /// A folder whose `documents/<type>.md` replaces the built-in template of that type.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<std::path::PathBuf>,
    /// Write nothing: print the new file.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the change although it adds errors to the corpus (they are listed).
    #[arg(long)]
    pub force: bool,
}

pub fn new(cli: &Cli, args: &NewArgs) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let corpus = ws.load()?;
    let request = author::new::Request {
        title: &args.title,
        slug: args.slug.as_deref(),
        doc_type: args.doc_type.as_deref(),
        track: args.track.as_deref(),
        supplement_of: args.supplement_of.as_deref(),
        templates: args.templates.as_deref(),
    };
    let change = author::new::plan(&corpus, &ws.config.profile, &request)?;
    let (writes, parts) = present(cli, change)?;
    carry_out(cli, &ws.config, corpus, writes, parts, args)
}

#[derive(Debug, clap::Args)]
pub struct AssignArgs {
    /// The proposal: its file name (`scs-xxxx-v1-volume-snapshots.md`) or id.
    pub document: String,
    /// Write nothing: print the renames and edits.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the change although it adds errors to the corpus (they are listed).
    #[arg(long)]
    pub force: bool,
}

pub fn assign(cli: &Cli, args: &AssignArgs) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let corpus = ws.load()?;
    let doc = author::find(&corpus, &args.document)?;
    let profile = &ws.config.profile;
    // Every file name the repository's history knows counts: a number freed by a rename or a
    // deletion is not handed out again.
    let history = crate::lifecycle::walk_if_repository(&corpus.root, profile, &Default::default())?;
    let names = history
        .iter()
        .flat_map(|h| &h.documents)
        .flat_map(|t| &t.paths)
        .map(String::as_str);
    let used = author::assign::used_numbers(&corpus, &profile.prefix, names);
    let change = author::assign::plan(&corpus, profile, doc, &used)?;
    let (writes, parts) = present(cli, change)?;
    carry_out(cli, &ws.config, corpus, writes, parts, args)
}

pub fn bump(cli: &Cli, args: &BumpArgs) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let corpus = ws.load()?;
    let doc = author::find(&corpus, &args.document)?;
    let change = author::bump::plan(&corpus, &ws.config.profile, doc, args.slug.as_deref())?;
    let (writes, parts) = present(cli, change)?;
    carry_out(cli, &ws.config, corpus, writes, parts, args)
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
    let corpus = ws.load()?;
    let doc = author::find(&corpus, &args.document)?;
    let date = args.date.unwrap_or_else(crate::asof::today);
    let change = match author::lifecycle::plan(&corpus, &ws.config.profile, doc, step, date)? {
        Ok(change) => change,
        Err(refused) => {
            eprint!("{}", refused.explain());
            return Ok(EXIT_FINDINGS);
        }
    };
    let (writes, parts) = present(cli, change)?;
    carry_out(cli, &ws.config, corpus, writes, parts, args)
}

/// Shows a change as a diff (a new file against the one it was made from, or nothing) with its
/// notes, and turns it into the files it writes and what [`carry_out`] judges.
fn present(cli: &Cli, change: author::Change<'_>) -> Result<(Vec<author::Write>, author::Parts)> {
    let color = cli.color();
    let diff: String = change
        .files
        .iter()
        .map(|f| crate::edit::diff::unified(&f.doc.display, &f.doc.text, &f.new, color))
        .chain(change.renamed.iter().map(|r| {
            let to = r.to.display().to_string();
            let moved = format!("renamed {} → {to}\n", r.doc.display);
            moved + &crate::edit::diff::unified(&to, &r.doc.text, &r.new, color)
        }))
        .chain(change.created.iter().map(|f| {
            let old = f.from.map_or("", |d| d.text.as_str());
            crate::edit::diff::unified(&f.doc.display, old, &f.doc.text, color)
        }))
        .collect();
    emit(&diff)?;
    for note in &change.notes {
        say!("note: {note}");
    }
    let writes = change.writes()?;
    Ok((writes, change.into_parts()))
}

/// The write flags every authoring command has.
trait WriteFlags {
    fn dry_run(&self) -> bool;
    fn force(&self) -> bool;
}

macro_rules! write_flags {
    ($($t:ty),*) => {$(
        impl WriteFlags for $t {
            fn dry_run(&self) -> bool { self.dry_run }
            fn force(&self) -> bool { self.force }
        }
    )*};
}
write_flags!(StepArgs, NewArgs, AssignArgs, BumpArgs);

/// Judges a change by the findings it adds to the corpus, and writes it: unless this is a dry
/// run, or it adds an error and `--force` was not given (then nothing is written, exit 1).
fn carry_out(
    cli: &Cli,
    config: &crate::config::Config,
    mut corpus: crate::corpus::Corpus,
    writes: Vec<author::Write>,
    (replaced, created): author::Parts,
    flags: &impl WriteFlags,
) -> Result<u8> {
    let found = author::new_findings(&mut corpus, config, replaced, created)?;
    let errors = found
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    if !found.is_empty() {
        let output = LintOutput {
            diagnostics: &found,
            documents: 0,
            scope_files: 0,
            sources: corpus.sources(),
            color: cli.color_stderr(),
        };
        say!(
            "the change adds {} finding(s) for the process to settle:",
            found.len()
        );
        if let Some(concise) = LintFormat::named("concise") {
            eprint!("{}", (concise.render)(&output));
        }
    }
    let n = writes.len();
    if flags.dry_run() {
        say!("{n} file(s) would change; nothing was written");
        return Ok(EXIT_OK);
    }
    if errors && !flags.force() {
        say!(
            "refused: the change would add errors; nothing was written (settle them first, or \
             pass --force to make the change anyway)"
        );
        return Ok(EXIT_FINDINGS);
    }
    author::write(&corpus, &writes)?;
    say!("changed {n} file(s)");
    Ok(EXIT_OK)
}
