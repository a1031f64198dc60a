//! The command line: clap definitions and dispatch, the edge of the program where library
//! errors become messages and exit codes. Each command has a file with its arguments and a
//! `run` that resolves what it works on, calls the library, renders and emits; nothing else.

/// A line on standard error for the reader (what was written, notes), left out with `--quiet`.
macro_rules! say {
    ($($arg:tt)*) => {
        if !$crate::cli::quiet() {
            eprintln!($($arg)*);
        }
    };
}

mod baseline;
mod build;
mod completions;
mod explain;
mod history;
mod index;
mod init;
mod lifecycle;
mod lint;
mod lsp;
mod progress;
mod query;
mod release;
mod rules;
mod schema;
mod serve;

use crate::asof::AsOf;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::publish::{Publication, PublishError, PublishOptions};
use crate::report::{LintFormat, LintOutput};
use crate::workspace::{Selection, Workspace};
use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Exit codes, as documented in the book.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "normwerk",
    version,
    about = "Lint, track and publish technical standards kept as Markdown with YAML frontmatter in git"
)]
pub struct Cli {
    /// Configuration file (default: normwerk.toml in the source folder or a parent).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder with the documents (default: from normwerk.toml, else ./standards-src, else ./Standards).
    #[arg(long, global = true, value_name = "DIR")]
    pub source: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only the answer and errors: no warnings, notes or progress on standard error.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say how long the command took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The commands; a new one is a file in `cli/` and a line here and in [`run`].
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents against the schema and the rules of the process.
    Lint(lint::LintArgs),
    /// Record today's findings (`normwerk-baseline.json`), so that `lint --baseline` reports
    /// only new ones: for adopting a corpus that already has findings.
    Baseline(baseline::BaselineArgs),
    /// The lifecycle of documents, reconstructed from git.
    History(history::HistoryArgs),
    /// Render the static site (overview, tracks, standards, documents, history, diffs, feed) and
    /// the JSON index under api/v1/.
    Build(build::BuildArgs),
    /// Write the JSON index (api/v1/index.json) alone, without the site: for pipelines.
    Index(index::IndexArgs),
    /// Which versions are in force, what replaces what, what is deprecated soon: asked of the
    /// source folder or of a published index.json.
    Query(Box<query::QueryArgs>),
    /// List the lint rules with their ids, groups and default severities.
    Rules(rules::RulesArgs),
    /// A rule's page of the book: why it exists, the sentence of the process it enforces,
    /// examples, how to fix what it finds.
    Explain(explain::ExplainArgs),
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Write a commented normwerk.toml for another body (prefix, tracks, types from flags).
    Init(init::InitArgs),
    /// Print the manual page (roff), or write one per command with `--out DIR`.
    Man(completions::ManArgs),
    /// Print one of normwerk's JSON Schemas.
    Schema(schema::SchemaArgs),
    /// Start a proposal (`scs-xxxx-v1-<slug>.md`) or a supplement from the template of its type.
    New(lifecycle::NewArgs),
    /// Give a proposal the next unused number of its track: rename it and its supplements, and
    /// rewrite the references to them.
    Assign(lifecycle::AssignArgs),
    /// Make a Draft Stable: `status` and `stabilized_at`, refused where the process forbids it.
    Stabilize(lifecycle::StabilizeArgs),
    /// Deprecate a Stable document: `status`, `deprecated_at` (a future date announces it) and
    /// `replaced_by`, with the successor's `replaces` made to match.
    Deprecate(lifecycle::DeprecateArgs),
    /// Reject a Draft: `status` and `rejected_at`.
    Reject(lifecycle::StepArgs),
    /// Start the next major version of a standard: a Draft copy that replaces it.
    Bump(lifecycle::BumpArgs),
    /// Freeze the standards of one commit as a release (`releases/NAME.json`: every file with
    /// its hashes, every state on a day, the chain of releases); `release verify`, `changelog`,
    /// `list`.
    Release(release::ReleaseArgs),
    /// Preview the site: built in memory and served on 127.0.0.1, rebuilt on every change of the
    /// source folder, templates or configuration; open pages reload, findings show on them.
    Serve(serve::ServeArgs),
    /// The Language Server Protocol over stdio, for editors: the lint's findings as you type,
    /// quick fixes, hover, completion, go to definition and symbols.
    Lsp(lsp::LspArgs),
}

/// What `build` and `index` share: the day, the history, and the addresses published.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// Compute every state as of this date (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub as_of: Option<jiff::civil::Date>,
    /// Leave out the lifecycle from git: timelines, feed, history pages, index events.
    #[arg(long)]
    pub no_history: bool,
    /// The site's public address: absolute URLs in sitemap.xml, the index's `base_url`.
    #[arg(long, value_name = "URL", value_parser = crate::urls::check_address)]
    pub base_url: Option<String>,
    /// Where the source files can be read online (each page links `<URL>/<file>`, each index
    /// entry has it as `source_url`), e.g. a repository browser's address of the folder.
    #[arg(long, value_name = "URL", value_parser = crate::urls::check_address)]
    pub source_url: Option<String>,
}

impl PublishArgs {
    /// Loads the workspace, prepares its publication for the day, reports the warnings, and
    /// hands both to `f` (`build` and `index` differ only in what they write).
    fn publish<T>(
        &self,
        cli: &Cli,
        f: impl FnOnce(&Workspace, &Publication<'_>) -> Result<T>,
    ) -> Result<T> {
        let ws = cli.selection().workspace("")?;
        let as_of = AsOf::resolve(self.as_of)?;
        let corpus = ws.load()?;
        let opts = PublishOptions {
            no_history: self.no_history,
            base_url: self.base_url.clone(),
            source_url: self.source_url.clone(),
            history: None,
        };
        let publication = prepare(cli, &corpus, &ws.config, as_of, &opts)?;
        let done = f(&ws, &publication);
        // The command ends here: freeing tens of thousands of documents and pages one by one
        // (15 ms of a 10,000-document build, on one core) is left to the process's exit.
        std::mem::forget(publication);
        std::mem::forget(corpus);
        done
    }
}

/// The publication of `corpus`, its warnings printed; when documents stop it, their findings
/// are printed as the lint prints them and the command ends with [`Refused`].
fn prepare<'c>(
    cli: &Cli,
    corpus: &'c Corpus,
    config: &Config,
    as_of: AsOf,
    opts: &PublishOptions,
) -> Result<Publication<'c>> {
    match crate::publish::prepare(corpus, config, as_of, opts) {
        Ok(publication) => {
            publication.warnings.iter().for_each(|w| warn(w));
            Ok(publication)
        }
        Err(PublishError::Blocked(findings)) => {
            let output = LintOutput {
                diagnostics: &findings,
                documents: corpus.documents.len(),
                scope_files: corpus.scopes.len(),
                sources: corpus.sources(),
                color: cli.color_stderr(),
            };
            if let Some(human) = LintFormat::named("human") {
                eprint!("{}", (human.render)(&output));
            }
            let files: BTreeSet<&str> = findings.iter().map(|d| d.file.as_str()).collect();
            Err(Refused(format!(
                "{} file(s) cannot be published as they are, so nothing was written \
                 (an earlier output is unchanged); `normwerk lint` shows the same findings",
                files.len()
            ))
            .into())
        }
        Err(e) => Err(e.into()),
    }
}

impl Cli {
    /// The folder and configuration the global flags name.
    fn selection(&self) -> Selection {
        Selection {
            config: self.config.clone(),
            source: self.source.clone(),
        }
    }

    /// Whether standard error gets colour.
    fn color_stderr(&self) -> bool {
        self.color_on(std::io::stderr().is_terminal())
    }

    /// Whether standard output gets colour.
    fn color(&self) -> bool {
        self.color_on(std::io::stdout().is_terminal())
    }

    /// `--color` for a stream that is or is not a terminal.
    fn color_on(&self, terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Runs the program; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    // Parsers recurse on nested input; give worker threads the main thread's stack size. An
    // error means the pool already exists (a second call in the same process), which is fine.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    let started = std::time::Instant::now();
    let result = match &cli.command {
        Command::Lint(args) => lint::run(&cli, args),
        Command::Baseline(args) => baseline::run(&cli, args),
        Command::History(args) => history::run(&cli, args),
        Command::Build(args) => build::run(&cli, args),
        Command::Index(args) => index::run(&cli, args),
        Command::Query(args) => query::run(&cli, args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Init(args) => init::run(args),
        Command::Man(args) => completions::man(args),
        Command::Schema(args) => schema::run(&cli, args),
        Command::New(args) => lifecycle::new(&cli, args),
        Command::Assign(args) => lifecycle::assign(&cli, args),
        Command::Stabilize(args) => lifecycle::stabilize(&cli, args),
        Command::Deprecate(args) => lifecycle::deprecate(&cli, args),
        Command::Reject(args) => lifecycle::reject(&cli, args),
        Command::Bump(args) => lifecycle::bump(&cli, args),
        Command::Release(args) => release::run(&cli, args),
        Command::Serve(args) => serve::run(&cli, args),
        Command::Lsp(args) => lsp::run(&cli, args),
    };
    if cli.verbose {
        eprintln!(
            "normwerk: {} took {} ms",
            cli.command.name(),
            started.elapsed().as_millis()
        );
    }
    match result {
        Err(e) if e.is::<Refused>() => {
            eprintln!("normwerk: error: {e}");
            Ok(EXIT_FINDINGS)
        }
        other => other,
    }
}

impl Command {
    /// The command's name, as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Lint(_) => "lint",
            Command::Baseline(_) => "baseline",
            Command::History(_) => "history",
            Command::Build(_) => "build",
            Command::Index(_) => "index",
            Command::Query(_) => "query",
            Command::Rules(_) => "rules",
            Command::Explain(_) => "explain",
            Command::Completions(_) => "completions",
            Command::Init(_) => "init",
            Command::Man(_) => "man",
            Command::Schema(_) => "schema",
            Command::New(_) => "new",
            Command::Assign(_) => "assign",
            Command::Stabilize(_) => "stabilize",
            Command::Deprecate(_) => "deprecate",
            Command::Reject(_) => "reject",
            Command::Bump(_) => "bump",
            Command::Release(_) => "release",
            Command::Serve(_) => "serve",
            Command::Lsp(_) => "lsp",
        }
    }
}

/// A command that refused to go on because of findings it has printed: exit code 1 (findings),
/// not 2 (usage or I/O).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refused(String);

/// Writes to standard output; a closed pipe (`normwerk … | head`) is not an error.
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Prints a warning of the library on standard error.
fn warn(message: &str) {
    if !quiet() {
        eprintln!("normwerk: warning: {message}");
    }
}

/// `--quiet`, for the whole process.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(crate) fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}
