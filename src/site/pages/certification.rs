//! The certification section: an index of the certificate scopes and one page per scope (its
//! versions, timeline, standards, test cases and the changes between versions). Nothing when
//! the corpus has no scope files.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::charts;
use crate::urls;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let scopes = &ctx.certification.scopes;
    if scopes.is_empty() {
        return Ok(());
    }
    sink.emit(ctx.page(
        format!("{}index.html", urls::CERTIFICATION),
        "certification.html",
        |vars| vars.insert("scopes", scopes),
    )?)?;
    for scope in scopes {
        let path = format!("{}index.html", urls::scope(&scope.id));
        let chart = charts::scope_chart(scope, ctx.catalog.as_of.date);
        let chart = charts::render(&chart);
        sink.emit(ctx.page(path, "scope.html", |vars| {
            vars.insert("scope", scope);
            vars.insert("scope_chart", &chart);
        })?)?;
    }
    Ok(())
}
