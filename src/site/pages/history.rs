//! One page per document version with every commit that changed it, newest first; only when
//! the build has history (a source folder in a git repository, without `--no-history`).

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::views::{RevisionView, instant};
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;

/// What the history page shows of the document: not its body, whose rendering (highlighting
/// included) cost a sixth of a build of the SCS corpus for nothing.
#[derive(Serialize)]
struct HistoryDoc<'a> {
    id: &'a str,
    file_id: String,
    title: &'a str,
    source_path: &'a str,
}

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    if ctx.events.is_none() {
        return Ok(());
    }
    ctx.versions.par_iter().try_for_each(|v| {
        let view = HistoryDoc {
            id: &v.id,
            file_id: urls::file_id(v.doc),
            title: v.doc.title(),
            source_path: &v.doc.rel_path,
        };
        let events = ctx.events_of_document(&view.file_id);
        // Newest first, as readers look for the latest change (and as git log lists them);
        // by author date, the date shown.
        let mut revisions: Vec<&RevisionView> = ctx.revisions_of(&view.file_id).iter().collect();
        revisions.sort_by_cached_key(|r| std::cmp::Reverse(instant(&r.date)));
        let changes = ctx.changes_of(&view.file_id);
        let path = format!("{}history/index.html", urls::document(v.doc));
        sink.emit(ctx.page(path, "history.html", |vars| {
            vars.insert("doc", &view);
            vars.insert("events", &events);
            vars.insert("revisions", &revisions);
            vars.insert("changes", &changes);
        })?)
    })
}
