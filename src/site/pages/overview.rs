//! The overview: every standard, with its Draft, Effective and Deprecated versions.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::charts;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let entered = |v: &crate::catalog::Version<'_>| ctx.entered(v);
    let chart = charts::overview_chart(&ctx.catalog.standards, ctx.catalog.as_of.date, &entered);
    let chart = charts::render(&chart);
    let page = ctx.page("index.html".to_owned(), "overview.html", |vars| {
        vars.insert("heading", "Standards");
        vars.insert("overview_chart", &chart);
        vars.insert("standards", &ctx.standards);
    })?;
    Ok(vec![page])
}
