//! `normwerk query`.

use super::{Cli, EXIT_OK, emit};
use crate::asof::AsOf;
use crate::index::EntryKind;
use crate::index::read_index;
use crate::publish::PublishOptions;
use crate::query::{Filters, StateFilter, parse_span};
use crate::report::query::{render_ids, render_json, render_table};
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Only these: version ids (`scs-0100-v3`), standard ids (`scs-0100`), numbers or file names.
    pub ids: Vec<String>,
    /// Answer from a published index.json instead of the source folder.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// The day to answer for (default: SOURCE_DATE_EPOCH, else today). States are recomputed
    /// for it, also from an index built for another day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub as_of: Option<jiff::civil::Date>,
    /// Only these tracks (repeat or separate by commas).
    #[arg(long, value_delimiter = ',', value_name = "TRACK")]
    pub track: Vec<String>,
    /// Only these types (Standard, Decision Record, …).
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub doc_type: Vec<String>,
    /// Only these states on the day: draft, future-effective, effective (everything in force,
    /// future-deprecated included), future-deprecated, deprecated, rejected, informative, in-force.
    #[arg(long, value_delimiter = ',', value_name = "STATE", value_parser = StateFilter::parse)]
    pub state: Vec<StateFilter>,
    /// Only these statuses as written (Draft, Stable, …).
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only these standard numbers (100 or 0100).
    #[arg(long, value_delimiter = ',', value_name = "N")]
    pub number: Vec<u32>,
    /// Only these kinds of document.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<EntryKind>,
    /// Only the versions that replace this one (declared by either side).
    #[arg(long, value_name = "ID")]
    pub replaces: Option<String>,
    /// Only versions in force whose deprecation falls after the day and within this span
    /// (`90d`, `6 months`, `P1Y`).
    #[arg(long, value_name = "SPAN", value_parser = parse_span)]
    pub deprecating_within: Option<jiff::Span>,
    /// Only Stable versions that become effective after the day and within this span.
    #[arg(long, value_name = "SPAN", value_parser = parse_span)]
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
            deprecating_within: self.deprecating_within,
            effective_within: self.effective_within,
        }
    }
}

pub fn run(cli: &Cli, args: &QueryArgs) -> Result<u8> {
    let as_of = AsOf::resolve(args.as_of)?;
    let index = match &args.index {
        Some(path) => read_index(path)?,
        None => {
            let ws = cli.selection().workspace("")?;
            let corpus = ws.load()?;
            let no_history = PublishOptions {
                no_history: true,
                ..PublishOptions::default()
            };
            super::prepare(cli, &corpus, &ws.config, as_of, &no_history)?.index
        }
    };
    let answer = crate::query::run(&index, as_of.date, &args.filters())?;
    emit(&match args.format {
        QueryFormat::Json => render_json(&answer),
        QueryFormat::Table => render_table(&answer),
        QueryFormat::Ids => render_ids(&answer),
    })?;
    Ok(EXIT_OK)
}
