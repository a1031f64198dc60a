//! The files for machines: `search.json` for the search box and `sitemap.xml` for search
//! engines (the Atom feeds are `feed.rs`).

use super::{Context, Page};
use crate::site::BuildError;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// `search.json`: id, title, description and headings of every document page.
pub fn search_index(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    #[derive(Serialize)]
    struct Entry<'a> {
        id: &'a str,
        url: String,
        title: &'a str,
        description: &'a str,
        headings: Vec<&'a str>,
    }
    let entries: Vec<Entry<'_>> = ctx
        .versions
        .iter()
        .map(|v| {
            let f = &v.doc.fields;
            Entry {
                id: &v.id,
                url: format!("{}index.html", urls::document(v.doc)),
                title: v.doc.title(),
                description: f.description.as_ref().map_or("", |d| d.value.trim()),
                headings: v.doc.headings.iter().map(|h| h.text.as_str()).collect(),
            }
        })
        .collect();
    let json = serde_json::to_string(&entries).map_err(|e| BuildError::Template {
        name: "search.json".to_owned(),
        message: e.to_string(),
    })?;
    Ok(vec![("search.json".to_owned(), json)])
}

/// `sitemap.xml`: every page of `site`, as a folder URL (`standards/scs-0100/`). Without a base
/// URL the locations are relative to the site root.
pub fn sitemap(ctx: &Context<'_>, site: &BTreeMap<String, String>) -> Result<Page, BuildError> {
    let base_url = ctx
        .publication
        .base_url
        .as_deref()
        .map_or(String::new(), |b| format!("{}/", b.trim_end_matches('/')));
    let locations: Vec<&str> = site
        .keys()
        .filter_map(|path| path.strip_suffix("index.html"))
        .collect();
    ctx.page("sitemap.xml".to_owned(), "sitemap.xml", |vars| {
        vars.insert("base_url", &base_url);
        vars.insert("locations", &locations);
    })
}
