//! One page per document version: state banner, metadata, contents and the rendered body.

use super::{Context, Page};
use crate::site::BuildError;
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    // Bodies are rendered on all cores.
    ctx.versions
        .par_iter()
        .map(|v| {
            let view = ctx.document_view(v);
            let path = format!("{}index.html", urls::document(v.doc));
            let required_by = ctx.certification.required_by(&view.file_id);
            let findings = ctx.findings(&view.file_id);
            ctx.page(path, "document.html", |vars| {
                vars.insert("doc", &view);
                vars.insert("findings", &findings);
                vars.insert("required_by", required_by);
            })
        })
        .collect()
}
