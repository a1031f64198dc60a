//! The files for machines: the Atom feed of lifecycle events, and `sitemap.xml` and `robots.txt`
//! for search engines.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::views::EventView;
use crate::urls;
use std::collections::BTreeMap;

/// `feed.xml`: lifecycle events, newest first.
pub fn feed(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let mut newest_first: Vec<&EventView> = ctx.events.unwrap_or_default().iter().collect();
    newest_first.sort_by(|a, b| b.date.cmp(&a.date));
    // The feed's date is its newest event's, not the build's, so that it is reproducible.
    let updated = newest_first.first().map_or_else(
        || format!("{}T00:00:00Z", ctx.catalog.as_of),
        |e| e.date.clone(),
    );
    let page = ctx.page("feed.xml".to_owned(), "feed.xml", |vars| {
        vars.insert("events", &newest_first);
        vars.insert("updated", &updated);
    })?;
    Ok(vec![page])
}

/// `sitemap.xml` (every page of `site`, as a folder URL under the base URL) and `robots.txt`
/// naming it, only when the site has a base URL: the sitemap protocol wants absolute
/// addresses, and a relative one is worse than none. A base URL that is no http(s) address is an
/// error rather than a sitemap of relative locations.
pub fn sitemap(
    ctx: &Context<'_>,
    site: &BTreeMap<String, String>,
) -> Result<Vec<Page>, BuildError> {
    let Some(base) = ctx.publication.base_url.as_deref() else {
        return Ok(Vec::new());
    };
    let base = urls::check_address(base).map_err(BuildError::BaseUrl)?;
    let base_url = format!("{}/", base.trim_end_matches('/'));
    let locations: Vec<&str> = site
        .keys()
        .filter_map(|path| path.strip_suffix("index.html"))
        .collect();
    let sitemap = ctx.page("sitemap.xml".to_owned(), "sitemap.xml", |vars| {
        vars.insert("base_url", &base_url);
        vars.insert("locations", &locations);
    })?;
    // Crawlers read robots.txt only at a host's root; under a sub-path it is harmless.
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n");
    Ok(vec![sitemap, ("robots.txt".to_owned(), robots)])
}
