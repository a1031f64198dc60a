//! `normwerk history`.

use super::{Cli, EXIT_OK, emit};
use crate::lifecycle::{WalkOptions, walk};
use crate::report::history::{render_human, render_json};
use anyhow::Result;
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Documents or scopes to show (path, file name, id like `scs-0100-v3`, or a scope's id like
    /// `scs-compatible-iaas`); default: all.
    pub docs: Vec<String>,
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    pub format: HistoryFormat,
    /// Only the summary of the whole corpus (transitions, violations).
    #[arg(long)]
    pub summary: bool,
    /// Include commits of merged branches, not only the first-parent line.
    #[arg(long)]
    pub all_parents: bool,
    /// The revision to walk back from.
    #[arg(long, default_value = "HEAD")]
    pub rev: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Human,
    Json,
}

pub fn run(cli: &Cli, args: &HistoryArgs) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    // The scope files are followed by their paths; their texts now are not needed.
    let (scopes, _) = crate::scopes::load(&ws.source, &ws.config.profile, &ws.config.limits);
    let opts = WalkOptions {
        all_parents: args.all_parents,
        rev: Some(args.rev.clone()),
        scope_files: scopes.into_iter().map(|s| s.rel_path).collect(),
    };
    let progress = super::progress::Progress::start("reading the history from git");
    let walked = walk(&ws.source, &ws.config.profile, &opts);
    drop(progress);
    let mut history = walked?;
    history.apply_levels(&ws.config);
    if !args.docs.is_empty() {
        history.retain_documents(&ws.source, &args.docs)?;
    }
    emit(&match args.format {
        HistoryFormat::Json => render_json(&history),
        HistoryFormat::Human => render_human(&history, args.summary),
    })?;
    Ok(EXIT_OK)
}
