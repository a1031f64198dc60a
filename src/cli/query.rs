//! `normwerk query`.

use super::{Cli, EXIT_OK, emit};
use crate::asof::AsOf;
use crate::index::EntryKind;
use crate::index::read_index;
use crate::publish::PublishOptions;
use crate::query::{Filters, StateFilter, parse_span};
use crate::report::query::{render_ids, render_json, render_table};
use crate::report::query_scopes as scopes;
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("filters").multiple(true)))]
pub struct QueryArgs {
    /// Only these: version ids (`scs-0100-v3`), standard ids (`scs-0100`), numbers or file names.
    #[arg(group = "filters")]
    pub ids: Vec<String>,
    /// Answer from a published index.json instead of the source folder.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// Answer from a release (`releases/NAME.json`): its documents, as of its day unless
    /// --as-of says otherwise.
    #[arg(long, value_name = "NAME", conflicts_with = "index")]
    pub release: Option<String>,
    /// The day to answer for (default: SOURCE_DATE_EPOCH, else today). States are recomputed
    /// for it, also from an index built for another day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub as_of: Option<jiff::civil::Date>,
    /// What a certificate scope requires on the day: its documents (with their states) and test
    /// cases. NAME is the scope's id or name (any case); without @VERSION, the versions that
    /// certify on the day (effective or warn).
    #[arg(long, value_name = "NAME[@VERSION]", conflicts_with_all = ["filters", "required_by"])]
    pub scope: Option<String>,
    /// Which scope versions include a document (a version id, a file name, or a standard id for
    /// all its versions), with their validity on the day.
    #[arg(long, value_name = "DOC", conflicts_with = "filters")]
    pub required_by: Option<String>,
    /// Only these tracks (repeat or separate by commas).
    #[arg(long, value_delimiter = ',', value_name = "TRACK", group = "filters")]
    pub track: Vec<String>,
    /// Only these types (Standard, Decision Record, …).
    #[arg(
        long = "type",
        value_delimiter = ',',
        value_name = "TYPE",
        group = "filters"
    )]
    pub doc_type: Vec<String>,
    /// Only these states on the day: draft, future-effective, effective (everything in force,
    /// future-deprecated included), future-deprecated, deprecated, rejected, informative, in-force.
    #[arg(long, value_delimiter = ',', value_name = "STATE", value_parser = StateFilter::parse, group = "filters")]
    pub state: Vec<StateFilter>,
    /// Only these statuses as written (Draft, Stable, …).
    #[arg(long, value_delimiter = ',', value_name = "STATUS", group = "filters")]
    pub status: Vec<String>,
    /// Only these standard numbers (100 or 0100).
    #[arg(long, value_delimiter = ',', value_name = "N", group = "filters")]
    pub number: Vec<u32>,
    /// Only these kinds of document.
    #[arg(long, value_enum, value_delimiter = ',', group = "filters")]
    pub kind: Vec<EntryKind>,
    /// Only the versions that replace this one (declared by either side).
    #[arg(long, value_name = "ID", group = "filters")]
    pub replaces: Option<String>,
    /// Only versions in force whose deprecation falls after the day and within this span
    /// (`90d`, `6 months`, `P1Y`).
    #[arg(long, value_name = "SPAN", value_parser = parse_span, group = "filters")]
    pub deprecating_within: Option<jiff::Span>,
    /// Only Stable versions that become effective after the day and within this span.
    #[arg(long, value_name = "SPAN", value_parser = parse_span, group = "filters")]
    pub effective_within: Option<jiff::Span>,
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Ids,
}

impl QueryArgs {
    fn filters(&self) -> Filters {
        Filters {
            ids: self.ids.clone(),
            tracks: self.track.clone(),
            types: self.doc_type.clone(),
            statuses: self.status.clone(),
            states: self.state.clone(),
            numbers: self.number.clone(),
            kinds: self.kind.clone(),
            replacing: self.replaces.clone(),
            known_types: Vec::new(),
            deprecating_within: self.deprecating_within,
            effective_within: self.effective_within,
        }
    }
}

pub fn run(cli: &Cli, args: &QueryArgs) -> Result<u8> {
    let released = match &args.release {
        Some(name) => Some(released_index(cli, name)?),
        None => None,
    };
    let as_of = match (&released, args.as_of) {
        (Some((_, day)), None) => AsOf::from(*day),
        _ => AsOf::resolve(args.as_of)?,
    };
    // The types the profile names: only known when the answer comes from the source folder.
    let mut known_types = Vec::new();
    let index = match (&args.index, released) {
        (_, Some((index, _))) => index,
        (Some(path), None) => read_index(path)?,
        (None, None) => {
            let ws = cli.selection().workspace("")?;
            known_types = ws
                .config
                .profile
                .types
                .iter()
                .map(|t| t.name.clone())
                .collect();
            let corpus = ws.load()?;
            let no_history = PublishOptions {
                no_history: true,
                ..PublishOptions::default()
            };
            super::prepare(cli, &corpus, &ws.config, as_of, &no_history)?.index
        }
    };
    let day = as_of.date;
    let text = if let Some(asked) = &args.scope {
        let answer = crate::query::scope(&index, day, asked)?;
        match args.format {
            QueryFormat::Json => scopes::render_scope_json(&answer),
            QueryFormat::Table => scopes::render_scope_table(&answer),
            QueryFormat::Ids => scopes::render_scope_ids(&answer),
        }
    } else if let Some(asked) = &args.required_by {
        let answer = crate::query::required_by(&index, day, asked)?;
        match args.format {
            QueryFormat::Json => scopes::render_required_by_json(&answer),
            QueryFormat::Table => scopes::render_required_by_table(&answer),
            QueryFormat::Ids => scopes::render_required_by_ids(&answer),
        }
    } else {
        let filters = crate::query::Filters {
            known_types,
            ..args.filters()
        };
        let answer = crate::query::run(&index, day, &filters)?;
        match args.format {
            QueryFormat::Json => render_json(&answer),
            QueryFormat::Table => render_table(&answer),
            QueryFormat::Ids => render_ids(&answer),
        }
    };
    emit(&text)?;
    Ok(EXIT_OK)
}

/// The index a release recorded, and its day.
fn released_index(cli: &Cli, name: &str) -> Result<(crate::index::Index, jiff::civil::Date)> {
    let ws = cli.selection().workspace("")?;
    let releases = crate::release::Releases::load(&crate::release::folder(&ws.source, &ws.config))?;
    let found = releases.get(name)?;
    let manifest = found
        .manifest
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{}: {e}", found.path.display()))?;
    let day = crate::document::parse_iso_date(&manifest.as_of)
        .ok_or_else(|| anyhow::anyhow!("{}: as_of is not a date", found.path.display()))?;
    Ok((manifest.index.clone(), day))
}
