//! One page per pair of versions of a standard (older → newer, any two, for the picker on the
//! standard page): what changed from one to the other.

use super::{Context, Sink};
use crate::catalog::Version;
use crate::document::Document;
use crate::site::views::version_view;
use crate::site::{BuildError, diff};
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let pairs: Vec<(&str, &Version<'_>, &Version<'_>)> = ctx
        .catalog
        .standards
        .iter()
        .flat_map(|s| {
            s.versions.iter().enumerate().flat_map(move |(i, a)| {
                s.versions
                    .iter()
                    .skip(i + 1)
                    .map(move |b| (s.id.as_str(), a, b))
            })
        })
        .collect();
    // Diffs are the slowest pages: rendered on all cores.
    pairs.par_iter().try_for_each(|&(standard_id, old, new)| {
        let (lines, stats) = diff::diff_lines(body(old.doc), body(new.doc));
        let rows = diff::rows(&lines);
        let path = format!(
            "{}index.html",
            urls::diff(standard_id, old.version, new.version)
        );
        sink.emit(ctx.page(path, "diff.html", |vars| {
            vars.insert("standard_id", standard_id);
            vars.insert("old", &version_view(&ctx.links, old));
            vars.insert("new", &version_view(&ctx.links, new));
            vars.insert("rows", &rows);
            vars.insert("stats", &stats);
        })?)
    })
}

fn body(doc: &Document) -> &str {
    doc.body_text()
}
