//! The certification section: an index of the certificate scopes and one page per scope (its
//! versions, timeline, standards, test cases and the changes between versions). Nothing when
//! the corpus has no scope files.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::charts;
use crate::urls;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let scopes = &ctx.certification.scopes;
    if scopes.is_empty() {
        return Ok(Vec::new());
    }
    let mut pages = Vec::with_capacity(scopes.len() + 1);
    pages.push(ctx.page(
        format!("{}index.html", urls::CERTIFICATION),
        "certification.html",
        |vars| vars.insert("scopes", scopes),
    )?);
    for scope in scopes {
        let path = format!("{}index.html", urls::scope(&scope.id));
        let chart = charts::scope_chart(scope, ctx.catalog.as_of.date);
        let chart = charts::render(&chart);
        pages.push(ctx.page(path, "scope.html", |vars| {
            vars.insert("scope", scope);
            vars.insert("scope_chart", &chart);
        })?);
    }
    Ok(pages)
}
