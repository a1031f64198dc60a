//! The overview: every standard, with its Draft, Effective and Deprecated versions.

use super::{Context, Page};
use crate::site::BuildError;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let page = ctx.page("index.html".to_owned(), "overview.html", |vars| {
        vars.insert("heading", "Standards");
        vars.insert("standards", &ctx.standards);
    })?;
    Ok(vec![page])
}
