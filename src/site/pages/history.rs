//! One page per document version with its lifecycle events from git; only when the build has
//! history (a source folder in a git repository, without `--no-history`).

use super::{Context, Page};
use crate::site::BuildError;
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    if ctx.events.is_none() {
        return Ok(Vec::new());
    }
    ctx.versions
        .par_iter()
        .map(|v| {
            let view = ctx.document_view(v);
            let events = ctx.events_of_document(&view.file_id);
            let path = format!("{}history/index.html", urls::document(v.doc));
            ctx.page(path, "history.html", |vars| {
                vars.insert("doc", &view);
                vars.insert("events", &events);
            })
        })
        .collect()
}
