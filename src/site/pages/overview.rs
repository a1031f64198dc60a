//! The overview: every standard, with its Draft, Effective and Deprecated versions.

use super::{Context, Sink};
use crate::catalog::State;
use crate::site::BuildError;
use crate::site::charts;
use crate::site::views::StandardView;
use serde::Serialize;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let all: Vec<&StandardView> = ctx.standards.iter().collect();
    let filters = Filters::of(ctx, &all);
    let entered = |v: &crate::catalog::Version<'_>| ctx.entered(v);
    let chart = charts::overview_chart(&ctx.catalog.standards, ctx.catalog.as_of.date, &entered);
    let chart = charts::render(&chart);
    sink.emit(ctx.page("index.html".to_owned(), "overview.html", |vars| {
        vars.insert("heading", "Standards");
        vars.insert("is_overview", &true);
        vars.insert("overview_chart", &chart);
        vars.insert("standards", &ctx.standards);
        vars.insert("filters", &filters);
    })?)
}

/// The values the filters offer: only tracks and states that some standard of the page has,
/// so that no choice empties the table.
#[derive(Serialize)]
pub struct Filters {
    pub tracks: Vec<String>,
    pub states: Vec<&'static str>,
}

impl Filters {
    pub fn of(ctx: &Context<'_>, standards: &[&StandardView]) -> Filters {
        let tracks = ctx
            .tracks
            .iter()
            .filter(|t| standards.iter().any(|s| s.track == t.name))
            .map(|t| t.name.clone())
            .collect();
        let states = State::ALL
            .iter()
            .map(|s| s.as_str())
            .filter(|s| {
                standards
                    .iter()
                    .any(|st| st.versions.iter().any(|v| v.state == *s))
            })
            .collect();
        Filters { tracks, states }
    }
}
