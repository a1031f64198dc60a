//! One page per pair of versions of a standard (older → newer, any two, for the picker on the
//! standard page): what changed from one to the other.

use super::{Context, Sink};
use crate::catalog::Version;
use crate::site::views::version_view;
use crate::site::{BuildError, diff};
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    // Diffs are the slowest pages: rendered on all cores, a standard at a time, its versions'
    // texts prepared once for all their pairs.
    ctx.catalog.standards.par_iter().try_for_each(|s| {
        if !ctx.makes_standard(&s.id) {
            return Ok(());
        }
        let bodies: Vec<&str> = s.versions.iter().map(|v| v.doc.body_text()).collect();
        let texts = diff::Text::prepare(&bodies);
        let versions: Vec<(&Version<'_>, &diff::Text<'_>)> =
            s.versions.iter().zip(&texts).collect();
        versions
            .iter()
            .enumerate()
            .try_for_each(|(i, &(old, old_text))| {
                versions
                    .iter()
                    .skip(i + 1)
                    .try_for_each(|&(new, new_text)| {
                        let (lines, stats) = diff::diff_texts(old_text, new_text);
                        let rows = diff::rows(&lines);
                        let path = urls::diff(&s.id, old.version, new.version);
                        sink.emit(ctx.page(path, "diff.html", |vars| {
                            vars.insert("standard_id", &s.id);
                            vars.insert("old", &version_view(&ctx.links, old));
                            vars.insert("new", &version_view(&ctx.links, new));
                            vars.insert("rows", &rows);
                            vars.insert("stats", &stats);
                        })?)
                    })
            })
    })
}
