//! The one place that decides how Markdown is read, and the heading anchors it yields.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// GitHub-flavoured Markdown as the standards are written: tables, footnotes, strikethrough,
/// task lists, `{#id}` heading attributes. The metadata-block option stays off on purpose:
/// it matches `---` blocks anywhere, the frontmatter is split off before parsing.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The anchor a reader's link uses: an explicit `{#id}` or the GitHub-style slug.
    pub anchor: String,
    /// Byte range in the body text.
    pub range: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub is_image: bool,
    /// The text a reader sees (an image's alt text); empty for raw HTML links, whose text is
    /// not followed.
    pub text: String,
    /// Byte range in the body text.
    pub range: (usize, usize),
}

/// Headings, links and explicit HTML anchors (`id="…"`, `name="…"`) of a Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub html_anchors: Vec<String>,
}

/// The outline does not need tables: they hold no headings, and links in cells are found as
/// inline links either way. Leaving them out saves an eighth of the parse.
pub fn outline(body: &str) -> Outline {
    let mut out = Outline::default();
    let mut current: Option<(u8, Option<String>, usize, String)> = None;
    // Links open at this point (a link may hold an image), by index into `out.links`; `None`
    // for an e-mail link, which is not collected but still ends.
    let mut open: Vec<Option<usize>> = Vec::new();
    for (event, range) in
        Parser::new_ext(body, options() - Options::ENABLE_TABLES).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    heading_level(level),
                    id.map(|s| s.to_string()),
                    range.start,
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, start, text)) = current.take() {
                    let text = text.trim().to_owned();
                    let anchor = match id {
                        Some(id) => id,
                        None => unique_slug(github_slug(&text), &out.headings),
                    };
                    out.headings.push(Heading {
                        level,
                        text,
                        anchor,
                        range: (start, range.end),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
                for &i in open.iter().flatten() {
                    if let Some(link) = out.links.get_mut(i) {
                        link.text.push_str(&t);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => open.push(None),
            Event::Start(
                ref tag @ (Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }),
            ) => {
                open.push(Some(out.links.len()));
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    is_image: matches!(tag, Tag::Image { .. }),
                    text: String::new(),
                    range: (range.start, range.end),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open.pop();
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                collect_html_anchors(&h, &mut out.html_anchors);
                // Raw `<img src>` and `<a href>` are links too: the lint checks them and the
                // site copies the files they name.
                for (attr, is_image) in [("src", true), ("href", false)] {
                    for dest in attribute_values(&h, attr) {
                        out.links.push(Link {
                            dest,
                            is_image,
                            text: String::new(),
                            range: (range.start, range.end),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped,
/// spaces turned into hyphens.
pub fn github_slug(text: &str) -> String {
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            match b {
                b' ' => out.push('-'),
                b if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' => {
                    out.push(char::from(b.to_ascii_lowercase()));
                }
                _ => {}
            }
        }
        return out;
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// GitHub numbers repeated anchors: `scope`, `scope-1`, `scope-2`. Documents have few headings,
/// so a scan of the earlier ones is cheaper than a map.
fn unique_slug(slug: String, earlier: &[Heading]) -> String {
    if !earlier.iter().any(|h| h.anchor == slug) {
        return slug;
    }
    (1..)
        .map(|n| format!("{slug}-{n}"))
        .find(|candidate| !earlier.iter().any(|h| h.anchor == *candidate))
        .unwrap_or(slug)
}

fn collect_html_anchors(html: &str, out: &mut Vec<String>) {
    for name in ["id", "name"] {
        out.extend(attribute_values(html, name));
    }
}

/// The values of the attribute `name` in a piece of raw HTML, quoted with `"` or `'` and
/// preceded by white space (so that `data-src` is not `src`); character references decoded.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    // Names are matched in lower case (`SRC=` is `src=`); ASCII lower-casing keeps offsets.
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let space = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_whitespace);
    let mut values = Vec::new();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(name)) {
        let at = from + found;
        from = at + name.len();
        if !at.checked_sub(1).is_some_and(space) {
            continue;
        }
        // `name = "v"`, `name='v'` or `name=v`.
        let mut i = at + name.len();
        while space(i) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while space(i) {
            i += 1;
        }
        let rest = bytes.get(i..).unwrap_or_default();
        let (start, len) = match rest.first() {
            Some(&quote @ (b'"' | b'\'')) => match rest.iter().skip(1).position(|&c| c == quote) {
                Some(n) => (i + 1, n),
                None => continue,
            },
            Some(_) => (
                i,
                rest.iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .unwrap_or(rest.len()),
            ),
            None => continue,
        };
        if let Some(value) = html.get(start..start + len) {
            values.push(html_escape::decode_html_entities(value).into_owned());
        }
        from = start + len;
    }
    values
}

/// What a link destination in a document points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkDest<'a> {
    /// Another site (`https:`, `mailto:`, `//host/…`): never resolved here.
    External,
    /// `/…`: relative to a published site's root, unknown from the source tree.
    SiteAbsolute,
    /// Relative to the document: `path` percent-decoded (empty for `#anchor`), query dropped.
    Relative {
        path: String,
        fragment: Option<String>,
        /// The fragment as written, for links that are rewritten.
        raw_fragment: Option<&'a str>,
    },
}

/// Classifies a link destination; the one place that reads them (lint, site, link copying).
pub fn classify_link(dest: &str) -> LinkDest<'_> {
    let dest = dest.trim();
    if has_scheme(dest) || dest.starts_with("//") {
        return LinkDest::External;
    }
    if dest.starts_with('/') {
        return LinkDest::SiteAbsolute;
    }
    let (path, raw_fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    LinkDest::Relative {
        path: percent_decode(path),
        fragment: raw_fragment.map(percent_decode),
        raw_fragment,
    }
}

/// Whether a destination starts with a URL scheme (`https:`); `./a:b.md` has none.
pub fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() => scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

/// `%20` and the like decoded; bytes that do not form UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(github_slug("Conformance Tests"), "conformance-tests");
        assert_eq!(
            github_slug("Properties (extra_specs)"),
            "properties-extra_specs"
        );
        assert_eq!(github_slug("What's `new`?"), "whats-new");
        assert_eq!(github_slug("Überblick & Ziele"), "überblick--ziele");
    }

    #[test]
    fn link_destinations() {
        assert_eq!(classify_link("https://x/a.md"), LinkDest::External);
        assert_eq!(classify_link("mailto:a@b"), LinkDest::External);
        assert_eq!(classify_link("//host/a"), LinkDest::External);
        assert_eq!(classify_link("/standards/"), LinkDest::SiteAbsolute);
        assert_eq!(
            classify_link("./a:b%20c.md?plain=1#Sec%20x"),
            LinkDest::Relative {
                path: "./a:b c.md".into(),
                fragment: Some("Sec x".into()),
                raw_fragment: Some("Sec%20x"),
            }
        );
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn outline_finds_headings_links_and_anchors() {
        let o = outline(
            "# Top\n\n## Top\n\n## Custom {#my-id}\n\nSee [x](other.md#a) and ![i](img.png).\n\n<a id=\"here\"></a>\n\n```\n## not a heading\n```\n",
        );
        let anchors: Vec<_> = o.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["top", "top-1", "my-id"]);
        assert_eq!(o.links.len(), 2);
        assert_eq!(o.links[0].dest, "other.md#a");
        assert!(o.links[1].is_image);
        assert_eq!(o.html_anchors, ["here"]);
        // Raw HTML links as browsers read them: any case, spaces around `=`, unquoted values.
        let o = outline(
            "<img SRC=\"a.png\"> <a href = 'b.md'>b</a> <img src=c&amp;d.png/> <p data-src=\"no\">\n",
        );
        let dests: Vec<_> = o.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["a.png", "b.md", "c&d.png/"]);
    }

    #[test]
    fn links_keep_their_text() {
        let o = outline(
            "[`scs-0101-v1`: Entropy](a.md), [![logo](l.png) home][h], <a@b.c>, [after](c.md)\n\n[h]: https://x.org/\n",
        );
        let texts: Vec<_> = o
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("a.md", "scs-0101-v1: Entropy"),
                ("https://x.org/", "logo home"),
                ("l.png", "logo"),
                ("c.md", "after"),
            ]
        );
    }
}
