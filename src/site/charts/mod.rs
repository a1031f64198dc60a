//! Timeline charts: SVG made at build time, inline in the pages, without script. A chart is rows
//! (a version, a standard, a scope version) of lanes of periods (Draft, Effective, Deprecated, …)
//! on one time axis with the as-of date marked. `axis.rs` maps dates to x, `render.rs` writes
//! the SVG, `standard.rs` and `scope.rs` make the rows of each page kind.

mod axis;
mod render;
mod scope;
mod standard;

pub use render::render;
pub use scope::scope_chart;
pub use standard::{overview_chart, standard_chart};

use jiff::civil::Date;
use serde::Serialize;

/// What a period is; its class in the SVG and the word in its text alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Draft,
    Effective,
    Deprecated,
    Rejected,
    /// A scope version about to expire (scs-0003's `warn`).
    Warn,
}

impl Kind {
    pub fn class(self) -> &'static str {
        match self {
            Kind::Draft => "draft",
            Kind::Effective => "effective",
            Kind::Deprecated => "deprecated",
            Kind::Rejected => "rejected",
            Kind::Warn => "warn",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Kind::Draft => "Draft",
            Kind::Effective => "Effective",
            Kind::Deprecated => "Deprecated",
            Kind::Rejected => "Rejected",
            Kind::Warn => "Effective, about to expire",
        }
    }
}

/// One period: from a day (`None`: unknown, drawn from the axis start) to a day (`None`: open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub kind: Kind,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// The periods of one version, on one line.
#[derive(Debug, Clone)]
pub struct Lane {
    pub name: String,
    pub bars: Vec<Bar>,
}

/// One labelled row: a version (one lane) or a standard (a lane per version).
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    /// The row's page, from the site root.
    pub href: Option<String>,
    pub lanes: Vec<Lane>,
}

#[derive(Debug, Clone)]
pub struct Chart {
    /// Prefix of the ids of `<title>` and `<desc>`, unique in the page.
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    pub rows: Vec<Row>,
    pub as_of: Date,
    /// A `<title>` per bar (a tooltip); left out where the chart is long, to keep pages small.
    pub bar_titles: bool,
    /// A visually hidden list of every period, where no table of the page lists the dates.
    pub summary: bool,
}

/// What the chart partials see.
#[derive(Serialize, Debug, Clone)]
pub struct ChartView {
    pub svg: String,
    /// The rows' labels, placed over the SVG's label column by the partial.
    pub labels: Vec<LabelView>,
    /// One sentence per lane, for readers who cannot see the chart (empty: the page's table
    /// says it).
    pub summary: Vec<String>,
    pub rows: usize,
}

/// A row's label: a link to its page when it has one.
#[derive(Serialize, Debug, Clone)]
pub struct LabelView {
    pub text: String,
    /// From the site root.
    pub href: Option<String>,
    /// Its middle, in percent of the chart's height.
    pub top: String,
}

impl Bar {
    /// "Effective from 2024-01-01 until 2024-06-30".
    fn describe(&self) -> String {
        let from = match self.from {
            Some(d) => format!("from {d}"),
            None => "from an unknown date".to_owned(),
        };
        match self.to {
            Some(d) => format!("{} {from} until {d}", self.kind.word()),
            None => format!("{} {from}", self.kind.word()),
        }
    }
}
