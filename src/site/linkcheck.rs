//! The link check of a built site: every `href` and `src` that stays inside the site must name a
//! file of the site, and its `#anchor` an `id` on that page. A broken link fails the build.

use super::BuildError;
use crate::urls::resolve;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Checks the links of every HTML page in `site` against `site` and the `copied` files (both by
/// path relative to the site root).
pub fn check_links(
    site: &BTreeMap<String, String>,
    copied: &BTreeMap<String, PathBuf>,
    sources: &BTreeMap<String, String>,
) -> Result<(), BuildError> {
    // Anchors are read from HTML pages only, on all cores: the other files (feeds, the JSON
    // index, the search texts) are link targets without anchors, and together as large as the
    // pages at 10,000 documents.
    let pages: Vec<(&str, BTreeSet<Cow<'_, str>>)> = site
        .par_iter()
        .map(|(path, text)| {
            let anchors = if path.ends_with(".html") {
                attribute_values(text, "id").collect()
            } else {
                BTreeSet::new()
            };
            (path.as_str(), anchors)
        })
        .collect();
    let ids: BTreeMap<&str, BTreeSet<Cow<'_, str>>> = pages
        .into_iter()
        .chain(copied.keys().map(|path| (path.as_str(), BTreeSet::new())))
        .collect();
    // The 404 page links from the site root (it is served at any address): not checked here.
    let broken: Vec<String> = site
        .par_iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != "404.html")
        .flat_map_iter(|(page, html)| {
            let found = broken_links(page, html, &ids);
            // A document's page names its source file: that is where the link is fixed.
            let source = sources.get(page.as_str());
            found.into_iter().map(move |b| match source {
                Some(file) => format!("{file}: {b} (on its page {page})"),
                None => format!("{page}: {b}"),
            })
        })
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(BuildError::BrokenLinks(broken))
    }
}

/// The broken links of one page, each as `target (why)`.
fn broken_links(
    page: &str,
    html: &str,
    ids: &BTreeMap<&str, BTreeSet<Cow<'_, str>>>,
) -> Vec<String> {
    let mut found = Vec::new();
    for target in attribute_values(html, "href").chain(attribute_values(html, "src")) {
        let target = target.as_ref();
        // Other sites, and site-absolute links (`/standards/`): the site may be served under a
        // sub-path, so those are not ours to resolve (the lint does not check them either).
        if target.contains(':') || target.starts_with('/') {
            continue;
        }
        let (path, fragment) = target
            .split_once('#')
            .map_or((target, None), |(p, f)| (p, Some(f)));
        // The browser requests the percent-decoded path.
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let Some(resolved) = resolve(page, &path) else {
            continue; // Leaves the site: not ours to check.
        };
        match ids.get(resolved.as_str()) {
            None => found.push(format!("{target} (no such page)")),
            Some(anchors) => {
                if let Some(f) = fragment.filter(|f| !f.is_empty())
                    && !anchors.contains(&Cow::Borrowed(f))
                {
                    found.push(format!("{target} (no #{f} on that page)"));
                }
            }
        }
    }
    found
}

/// Values of `name="…"` attributes in HTML the site generated (double-quoted, as the templates
/// and the Markdown renderer write them): not a general HTML parser. Values are returned as the
/// browser reads them, with character references (`&amp;`, `&#39;`) decoded.
fn attribute_values<'h>(html: &'h str, name: &str) -> impl Iterator<Item = Cow<'h, str>> + 'h {
    let needle = format!(" {name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        let (_, after) = rest.split_once(needle.as_str())?;
        let (value, tail) = after.split_once('"')?;
        rest = tail;
        Some(html_escape::decode_html_entities(value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found() {
        let html = r#"<a href="x.html" id="one"><img src="y&amp;z.png">"#;
        assert_eq!(
            attribute_values(html, "href").collect::<Vec<_>>(),
            ["x.html"]
        );
        assert_eq!(attribute_values(html, "id").collect::<Vec<_>>(), ["one"]);
        assert_eq!(
            attribute_values(html, "src").collect::<Vec<_>>(),
            ["y&z.png"]
        );
    }

    #[test]
    fn broken_links_and_anchors_are_named() {
        let site = BTreeMap::from([
            (
                "index.html".to_owned(),
                r#"<a href="a%20b/index.html#top"> <a href="gone.html"> <a href="a%20b/#nope"> <a href="https://x/"> <a href="/standards/">"#.to_owned(),
            ),
            ("a b/index.html".to_owned(), r#"<h1 id="top">"#.to_owned()),
        ]);
        let sources = BTreeMap::from([("index.html".to_owned(), "src/a.md".to_owned())]);
        let Err(BuildError::BrokenLinks(broken)) = check_links(&site, &BTreeMap::new(), &sources)
        else {
            panic!("broken links expected");
        };
        assert_eq!(
            broken,
            [
                "src/a.md: gone.html (no such page) (on its page index.html)",
                "src/a.md: a%20b/#nope (no #nope on that page) (on its page index.html)"
            ]
        );
    }
}
