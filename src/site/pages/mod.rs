//! The pages of the site, one module per kind. A page kind is a function from the build's
//! [`Context`] to the files it produces; [`PAGE_KINDS`] lists them all, so adding a kind is a
//! template, a module here and one line in that list.

mod api;
mod certification;
mod context;
mod diff;
mod document;
mod feed;
pub mod feeds;
mod history;
mod not_found;
mod overview;
mod proposals;
mod releases;
mod revision;
mod search;
mod sidebar;
mod standard;
mod track;

pub use context::{Context, Partial};

use super::BuildError;
use super::markdown::mermaid;
use super::sink::Sink;
use rayon::prelude::*;

pub use super::sink::Page;

/// Renders every file of one kind into the sink.
pub type PageKind = fn(&Context<'_>, &Sink<'_>) -> Result<(), BuildError>;

/// Every kind of file made from the context, each with whether a partial rebuild
/// ([`Partial`]: only some documents' bodies changed) runs it: such a kind makes only the pages
/// the context's `makes_*` name, or all of its files. The others show no body and are as the
/// build before made them. The sitemap lists these, so it is added in `site::build`.
pub const PAGE_KINDS: &[(PageKind, bool)] = &[
    (overview::pages, false),
    (track::pages, false),
    (sidebar::pages, false),
    (standard::pages, true),
    (diff::pages, true),
    (document::pages, true),
    (history::pages, false),
    (revision::pages, false),
    (proposals::pages, false),
    (releases::pages, false),
    // Scope pages link the test sections of documents by their headings.
    (certification::pages, true),
    (not_found::pages, false),
    // The mermaid bundle depends on the bodies: a change of whether any may have a diagram
    // makes the whole site (site/incremental.rs).
    (assets, false),
    (search::pages, true),
    (feed::pages, false),
    // Its header says whether the working tree has changes.
    (api::pages, true),
];

/// Every file of every kind, the kinds side by side (most are one page or a few; the others
/// spread their pages over all cores). Of several failures, the first kind's is reported.
pub fn render(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let results: Vec<Result<(), BuildError>> = PAGE_KINDS
        .par_iter()
        .filter(|(_, partial)| ctx.makes_all() || *partial)
        .map(|(kind, _)| kind(ctx, sink))
        .collect();
    results.into_iter().collect()
}

/// The stylesheet and script of the theme, copied as they are; the mermaid bundle only when a
/// page may load it.
fn assets(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let diagrams = ctx
        .versions
        .par_iter()
        .any(|v| mermaid::may_have_diagram(v.doc.body_text()));
    sink.emit_all(
        ctx.theme
            .assets()
            .map(|(name, text)| (format!("assets/{name}"), text))
            .filter(|(path, _)| diagrams || !mermaid::is_bundle(path))
            .map(|(path, text)| (path, text.to_owned())),
    )
}
