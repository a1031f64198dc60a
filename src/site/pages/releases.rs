//! The releases of the live site: `releases/index.html`, and for each release its changelog as a
//! page (`releases/NAME/changelog/`), Markdown and JSON. A release's frozen copy is made by
//! `site::releases`.

use super::{Context, Sink};
use crate::site::BuildError;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    if ctx.opts.frozen.is_some() || ctx.releases.is_empty() {
        return Ok(());
    }
    // Newest first, as readers look for the latest.
    let newest_first: Vec<_> = ctx.releases.iter().rev().collect();
    sink.emit(
        ctx.page("releases/index.html".to_owned(), "releases.html", |vars| {
            vars.insert("releases", &newest_first);
        })?,
    )?;
    for r in ctx.releases {
        let folder = format!("releases/{}/", r.name);
        sink.emit(ctx.page(
            format!("{folder}changelog/index.html"),
            "changelog.html",
            |vars| {
                vars.insert("rel", r);
                vars.insert("log", &r.changelog);
            },
        )?)?;
        sink.emit((
            format!("{folder}changelog.md"),
            crate::release::changelog_markdown(&r.changelog),
        ))?;
        sink.emit((
            format!("{folder}changelog.json"),
            crate::index::to_json(&r.changelog),
        ))?;
    }
    Ok(())
}
