//! The link check of a built site: every `href` and `src` that stays inside the site must name a
//! file of the site, and its `#anchor` an `id` on that page. A broken link fails the build.
//!
//! Pages are read as they are written ([`PageLinks::read`]), so the site is never held whole in
//! memory: a page keeps its ids and the distinct links that leave it; links to its own anchors
//! (the contents, heading permalinks) are checked at once. [`check`] then resolves the rest
//! against every file the build wrote.

use super::BuildError;
use crate::urls::resolve;
use memchr::memmem::Finder;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::LazyLock;

/// The anchors and outgoing links of one HTML page.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// The page's `id`s, each followed by a NUL: one allocation per page, not one per id.
    ids: String,
    /// Its distinct links to other pages, as written, NUL-terminated.
    targets: String,
    /// Links to an anchor of the page itself that it does not have.
    broken: Vec<String>,
}

static ID: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" id=\""));
static HREF: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" href=\""));
static SRC: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" src=\""));

impl PageLinks {
    /// Reads the page `page` (its path relative to the site root). The 404 page links from the
    /// site root (it is served at any address): only its ids are read.
    pub fn read(page: &str, html: &str) -> PageLinks {
        let mut links = PageLinks::default();
        for id in attribute_values(html, &ID) {
            links.ids.push_str(&decoded(id));
            links.ids.push('\0');
        }
        if page == "404.html" {
            return links;
        }
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for raw in attribute_values(html, &HREF).chain(attribute_values(html, &SRC)) {
            // Other sites, and site-absolute links (`/standards/`): the site may be served
            // under a sub-path, so those are not ours to resolve (the lint does not check them
            // either).
            if raw.contains(':') || raw.starts_with('/') || !seen.insert(raw) {
                continue;
            }
            let target = decoded(raw);
            match target.strip_prefix('#') {
                Some("") => {}
                Some(anchor) => {
                    if !links.has_id(anchor) {
                        links
                            .broken
                            .push(format!("{target} (no #{anchor} on that page)"));
                    }
                }
                None => {
                    // A NUL would end the link early (not from a template or pulldown-cmark).
                    match target.contains('\0') {
                        true => links.targets.push_str(&target.replace('\0', "")),
                        false => links.targets.push_str(&target),
                    }
                    links.targets.push('\0');
                }
            }
        }
        links
    }

    fn has_id(&self, id: &str) -> bool {
        self.ids.split_terminator('\0').any(|i| i == id)
    }
}

/// Checks the links of every page in `pages` (path and, for HTML pages, what
/// [`PageLinks::read`] found) against `pages` and the `copied` files, all by path relative to
/// the site root. `sources` names the source file of a document's page, where its links are
/// fixed. With `made` (a partial rebuild of the preview, whose files are the same as before),
/// the links of those pages are checked, and the others' links to sections of those pages:
/// no other link can have broken.
pub fn check(
    pages: &[(String, Option<PageLinks>)],
    copied: &BTreeMap<String, PathBuf>,
    sources: &BTreeMap<String, String>,
    made: Option<&FxHashSet<&str>>,
) -> Result<(), BuildError> {
    let files: FxHashMap<&str, Option<&PageLinks>> = pages
        .iter()
        .map(|(path, links)| (path.as_str(), links.as_ref()))
        .chain(copied.keys().map(|path| (path.as_str(), None)))
        .collect();
    let broken: Vec<String> = pages
        .par_iter()
        .filter_map(|(page, links)| Some((page, links.as_ref()?)))
        .flat_map_iter(|(page, links)| {
            let root = "../".repeat(page.matches('/').count());
            let whole = made.is_none_or(|m| m.contains(page.as_str()));
            let mut found = if whole {
                links.broken.clone()
            } else {
                Vec::new()
            };
            let into_made = |target: &&str| {
                whole
                    || target.split_once('#').is_some_and(|(path, _)| {
                        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
                        !path.is_empty()
                            && resolve(page, &path)
                                .is_some_and(|p| made.is_some_and(|m| m.contains(p.as_str())))
                    })
            };
            found.extend(
                links
                    .targets
                    .split_terminator('\0')
                    .filter(into_made)
                    .filter_map(|target| broken_link(page, &root, target, &files)),
            );
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

/// Why the link `target` of `page` is broken, if it is: `target (why)`. `root` leads from the
/// page to the site root (`../../`).
fn broken_link(
    page: &str,
    root: &str,
    target: &str,
    files: &FxHashMap<&str, Option<&PageLinks>>,
) -> Option<String> {
    let (path, fragment) = target
        .split_once('#')
        .map_or((target, None), |(p, f)| (p, Some(f)));
    // The browser requests the percent-decoded path.
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    // Most links lead up to the root and down a plain path (`../../standards/x/index.html`):
    // that path is the file, without the general resolution.
    let plain = path
        .strip_prefix(root)
        .filter(|rest| !rest.is_empty() && !rest.ends_with('/'))
        .filter(|rest| rest.split('/').all(|s| !matches!(s, "" | "." | "..")));
    let resolved = match plain {
        Some(rest) => Cow::Borrowed(rest),
        // A link that leaves the site is not ours to check.
        None => Cow::Owned(resolve(page, &path)?),
    };
    match files.get(resolved.as_ref()) {
        None => Some(format!("{target} (no such page)")),
        Some(links) => {
            let f = fragment.filter(|f| !f.is_empty())?;
            let found = links.is_some_and(|l| l.has_id(f));
            (!found).then(|| format!("{target} (no #{f} on that page)"))
        }
    }
}

/// A value as the browser reads it, with character references (`&amp;`, `&#39;`) decoded.
fn decoded(value: &str) -> Cow<'_, str> {
    if value.contains('&') {
        html_escape::decode_html_entities(value)
    } else {
        Cow::Borrowed(value)
    }
}

/// Values of `name="…"` attributes (`finder` looks for ` name="`) in HTML the site generated
/// (double-quoted, as the templates and the Markdown renderer write them), as written: not a
/// general HTML parser.
fn attribute_values<'h>(
    html: &'h str,
    finder: &'h Finder<'static>,
) -> impl Iterator<Item = &'h str> + 'h {
    let needle = finder.needle().len();
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = finder.find(rest.as_bytes())? + needle;
        let after = rest.get(start..)?;
        let end = memchr::memchr(b'"', after.as_bytes())?;
        let value = after.get(..end)?;
        rest = after.get(end + 1..)?;
        Some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found() {
        let html = r#"<a href="x.html" id="one"><img src="y&amp;z.png">"#;
        assert_eq!(
            attribute_values(html, &HREF).collect::<Vec<_>>(),
            ["x.html"]
        );
        assert_eq!(attribute_values(html, &ID).collect::<Vec<_>>(), ["one"]);
        assert_eq!(
            attribute_values(html, &SRC).collect::<Vec<_>>(),
            ["y&amp;z.png"]
        );
        assert_eq!(decoded("y&amp;z.png"), "y&z.png");
    }

    #[test]
    fn broken_links_and_anchors_are_named() {
        let index = r##"<a href="a%20b/index.html#top"> <a href="gone.html"> <a href="a%20b/#nope"> <a href="https://x/"> <a href="/standards/"> <a href="#here" id="here"> <a href="#there"> <a href="gone.html">"##;
        let other = r#"<h1 id="top">"#;
        let pages = vec![
            (
                "a b/index.html".to_owned(),
                Some(PageLinks::read("a b/index.html", other)),
            ),
            (
                "index.html".to_owned(),
                Some(PageLinks::read("index.html", index)),
            ),
        ];
        let sources = BTreeMap::from([("index.html".to_owned(), "src/a.md".to_owned())]);
        let Err(BuildError::BrokenLinks(broken)) = check(&pages, &BTreeMap::new(), &sources, None)
        else {
            panic!("broken links expected");
        };
        assert_eq!(
            broken,
            [
                "src/a.md: #there (no #there on that page) (on its page index.html)",
                "src/a.md: gone.html (no such page) (on its page index.html)",
                "src/a.md: a%20b/#nope (no #nope on that page) (on its page index.html)"
            ]
        );
    }

    #[test]
    fn a_partial_check_looks_at_the_pages_made_and_at_links_into_them() {
        let index = r##"<a href="a%20b/index.html#top"> <a href="gone.html"> <a href="c.html#x">"##;
        let made = r#"<h1 id="renamed"> <a href="nowhere.html">"#;
        let pages = vec![
            (
                "a b/index.html".to_owned(),
                Some(PageLinks::read("a b/index.html", made)),
            ),
            ("c.html".to_owned(), Some(PageLinks::read("c.html", "<p>"))),
            (
                "index.html".to_owned(),
                Some(PageLinks::read("index.html", index)),
            ),
        ];
        let only: FxHashSet<&str> = ["a b/index.html"].into_iter().collect();
        let Err(BuildError::BrokenLinks(broken)) =
            check(&pages, &BTreeMap::new(), &BTreeMap::new(), Some(&only))
        else {
            panic!("broken links expected");
        };
        // Not `gone.html` nor `c.html#x`: pages not made, links to pages not made.
        assert_eq!(
            broken,
            [
                "a b/index.html: nowhere.html (no such page)",
                "index.html: a%20b/index.html#top (no #top on that page)",
            ]
        );
    }

    #[test]
    fn the_404_page_is_not_checked() {
        let links = PageLinks::read("404.html", r#"<a href="/gone" id="x"><a href="gone.html">"#);
        assert!(links.targets.is_empty() && links.has_id("x"));
    }
}
