//! The pages of the site, one module per kind. A page kind is a function from the build's
//! [`Context`] to the files it produces; [`PAGE_KINDS`] lists them all, so adding a kind is a
//! template, a module here and one line in that list.

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
mod revision;
mod search;
mod standard;
mod track;

pub use context::Context;

use super::BuildError;
use super::markdown::mermaid;
use std::collections::BTreeMap;

/// A file of the site: its path relative to the site root, and its content.
pub type Page = (String, String);

/// Renders every file of one kind.
pub type PageKind = fn(&Context<'_>) -> Result<Vec<Page>, BuildError>;

/// Every kind of file rendered from the context, in the order they are rendered (the first
/// that fails stops the build). The sitemap lists these and the JSON index is not rendered from
/// templates, so both are added in `site::build`.
pub const PAGE_KINDS: &[PageKind] = &[
    overview::pages,
    track::pages,
    standard::pages,
    diff::pages,
    document::pages,
    history::pages,
    revision::pages,
    proposals::pages,
    certification::pages,
    not_found::pages,
    assets,
    search::pages,
    feed::pages,
];

/// Every file of every kind, by path.
pub fn render(ctx: &Context<'_>) -> Result<BTreeMap<String, String>, BuildError> {
    let mut site = BTreeMap::new();
    for kind in PAGE_KINDS {
        site.extend(kind(ctx)?);
    }
    Ok(site)
}

/// The stylesheet and script of the theme, copied as they are; the mermaid bundle only when a
/// page may load it.
fn assets(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let diagrams = ctx
        .versions
        .iter()
        .any(|v| mermaid::may_have_diagram(v.doc.body_text()));
    Ok(ctx
        .theme
        .assets()
        .map(|(name, text)| (format!("assets/{name}"), text))
        .filter(|(path, _)| diagrams || !mermaid::is_bundle(path))
        .map(|(path, text)| (path, text.to_owned()))
        .collect())
}
