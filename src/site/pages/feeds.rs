//! `sitemap.xml` and `robots.txt` for search engines (the Atom feeds are `feed.rs`, the search
//! index `search.rs`).

use super::{Context, Page};
use crate::site::BuildError;
use crate::urls;

/// `sitemap.xml` (every page of `site`, as a folder URL under the base URL) and `robots.txt`
/// naming it, only when the site has a base URL: the sitemap protocol wants absolute
/// addresses, and a relative one is worse than none. A base URL that is no http(s) address is an
/// error rather than a sitemap of relative locations.
pub fn sitemap(ctx: &Context<'_>, paths: &[String]) -> Result<Vec<Page>, BuildError> {
    let Some(base) = ctx.publication.base_url.as_deref() else {
        return Ok(Vec::new());
    };
    let base = urls::check_address(base).map_err(BuildError::BaseUrl)?;
    let base_url = format!("{}/", base.trim_end_matches('/'));
    // Every page but the one for missing pages; a folder by its own address.
    let locations: Vec<&str> = paths
        .iter()
        .filter(|path| path.ends_with(".html") && path.as_str() != "404.html")
        .map(|path| path.strip_suffix("index.html").unwrap_or(path))
        .collect();
    let sitemap = ctx.page("sitemap.xml".to_owned(), "sitemap.xml", |vars| {
        vars.insert("base_url", &base_url);
        vars.insert("locations", &locations);
    })?;
    // Crawlers read robots.txt only at a host's root; under a sub-path it is harmless.
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n");
    Ok(vec![sitemap, ("robots.txt".to_owned(), robots)])
}
