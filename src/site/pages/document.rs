//! One page per document version: state banner, metadata, contents and the rendered body, with
//! the track's sidebar, the version switcher and the neighbouring standards.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::releases::ReleaseView;
use crate::site::views::{switcher, toc_tree};
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    // Bodies are rendered on all cores.
    ctx.versions.par_iter().try_for_each(|v| {
        if !ctx.makes_document(&urls::file_id(v.doc)) {
            return Ok(());
        }
        let view = ctx.document_view(v);
        let path = format!("{}index.html", urls::document(v.doc));
        let required_by = ctx.certification.required_by(&view.file_id);
        let standard = view.standard_id.as_deref().and_then(|id| ctx.standard(id));
        let switcher = standard.map(|s| switcher(s, &view.file_id));
        let neighbours = view
            .standard_id
            .as_deref()
            .and_then(|id| ctx.nav.neighbours(id));
        let title = match (&view.standard_id, switcher.as_ref().and_then(|s| s.current)) {
            (Some(id), Some(n)) => format!("{} v{n}: {}", id.to_uppercase(), view.title),
            _ => format!("{}: {}", view.id.to_uppercase(), view.title),
        };
        let description = match view.description.trim() {
            "" => view.title.as_str(),
            d => d,
        };
        let changes = ctx.changes_of(&view.file_id);
        let findings = ctx.findings(&view.file_id);
        sink.emit(ctx.page(path, "document.html", |vars| {
            vars.insert("page_title", &title);
            vars.insert("page_description", description);
            vars.insert("toc", &toc_tree(&view.toc));
            vars.insert("standard", &standard);
            vars.insert("switcher", &switcher);
            ctx.insert_sidebar(vars, &view.track, view.standard_id.as_deref());
            vars.insert("neighbours", &neighbours);
            vars.insert("doc", &view);
            vars.insert("findings", &findings);
            vars.insert("required_by", required_by);
            vars.insert("changes", &changes);
            vars.insert(
                "in_releases",
                &ReleaseView::holding(ctx.releases, &view.file_id),
            );
            if let Some(release) = &ctx.opts.frozen {
                // The current version on the live site: its standard's page, else the same
                // document, else the live overview.
                let live = [view.standard_id.as_deref(), Some(view.file_id.as_str())]
                    .into_iter()
                    .flatten()
                    .find(|id| release.live.contains(*id))
                    .map(|id| format!("standards/{id}/index.html"));
                vars.insert("release_live", &live);
            }
        })?)
    })
}
