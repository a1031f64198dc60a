//! A document body as safe HTML: GitHub-flavoured Markdown, heading anchors that match the ones
//! the lint checks, links between documents rewritten to their pages, and raw HTML sanitised so
//! that no document can run script in a reader's browser.

use crate::document::Document;
use crate::markdown;
use pulldown_cmark::{CowStr, Event, Parser, Tag};
use serde::Serialize;
use std::sync::LazyLock;

/// One entry of a document's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// The sanitiser: the tags and attributes pulldown-cmark produces for GitHub-flavoured Markdown,
/// plus the anchors authors write (`<a id>`, `<a name>`); no script, no event handlers, no
/// `javascript:` URLs.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("a", ["name"]);
    b
});

/// Renders the body of `doc`. `link_target` maps a link destination that names another document
/// (a relative `.md` path, as written) to the URL of its page; other links are kept.
pub fn render_body(doc: &Document, link_target: &dyn Fn(&str) -> Option<String>) -> RenderedBody {
    let body = doc.body_text();
    let mut headings = doc.headings.iter();
    let mut toc = Vec::new();
    // Without raw HTML and with only ordinary link schemes, pulldown-cmark's output is already
    // safe, and the sanitiser (an HTML parse of the whole page) can be skipped.
    let mut needs_sanitizing = false;
    let events = Parser::new_ext(body, markdown::options()).map(|event| match event {
        // The same anchors as the lint's outline, in the same order (tables hold no headings).
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            // `{key=value}` attributes are written as given (`{onclick=…}` too).
            needs_sanitizing |= !attrs.is_empty();
            let anchor = headings.next().map(|h| {
                toc.push(TocEntry {
                    level: h.level,
                    text: h.text.clone(),
                    anchor: h.anchor.clone(),
                });
                h.anchor.clone()
            });
            Event::Start(Tag::Heading {
                level,
                id: anchor.map(CowStr::from).or(id),
                classes,
                attrs,
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = link_target(&dest_url).map_or(dest_url, CowStr::from);
            needs_sanitizing |= !is_plain_url(&dest);
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            needs_sanitizing |= !is_plain_url(&dest_url);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Html(h) => {
            needs_sanitizing = true;
            Event::Html(h)
        }
        Event::InlineHtml(h) => {
            needs_sanitizing = true;
            Event::InlineHtml(h)
        }
        other => other,
    });
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events);
    let html = if needs_sanitizing {
        SANITIZER.clean(&raw).to_string()
    } else {
        raw
    };
    RenderedBody { html, toc }
}

/// A link destination that cannot carry script: relative, or http(s) / mailto.
fn is_plain_url(dest: &str) -> bool {
    !markdown::has_scheme(dest)
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(body: &str) -> Document {
        let text = format!("---\ntitle: T\n---\n{body}");
        Document::parse(
            PathBuf::from("x.md"),
            "x.md".into(),
            "x.md".into(),
            None,
            text,
        )
    }

    fn render(body: &str) -> RenderedBody {
        render_body(&doc(body), &|dest| {
            dest.strip_suffix(".md")
                .map(|stem| format!("../{stem}/"))
                .or_else(|| {
                    dest.split_once(".md#")
                        .map(|(stem, frag)| format!("../{stem}/#{frag}"))
                })
        })
    }

    #[test]
    fn headings_get_the_lint_anchors_and_a_toc() {
        let r = render("## Scope\n\n## Scope\n\n### Custom {#mine}\n");
        assert!(
            r.html.contains(r#"<h2 id="scope">Scope</h2>"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<h2 id="scope-1">Scope</h2>"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<h3 id="mine">Custom</h3>"#),
            "{}",
            r.html
        );
        let anchors: Vec<&str> = r.toc.iter().map(|t| t.anchor.as_str()).collect();
        assert_eq!(anchors, ["scope", "scope-1", "mine"]);
    }

    #[test]
    fn links_between_documents_point_to_their_pages() {
        let r = render(
            "See [v1](scs-0100-v1-a.md) and [a part](scs-0100-v1-a.md#scope) and [web](https://example.org/).\n",
        );
        assert!(r.html.contains(r#"href="../scs-0100-v1-a/""#), "{}", r.html);
        assert!(
            r.html.contains(r#"href="../scs-0100-v1-a/#scope""#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"href="https://example.org/""#),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_cannot_run_script() {
        let r = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n\n<a id=\"keep\"></a>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains(r#"<a id="keep""#), "{}", r.html);
    }

    #[test]
    fn heading_attributes_cannot_run_script() {
        let r = render("# Hi {#hi .x onclick=alert(1)}\n");
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(r.html.contains(r#"id="hi""#), "{}", r.html);
    }

    #[test]
    fn github_flavoured_markdown() {
        let r = render(
            "| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~gone~~ and a note[^n].\n\n[^n]: The note.\n\n```yaml\nkey: {{ not a template }}\n```\n",
        );
        for needle in [
            "<table>",
            r#"type="checkbox" checked"#,
            "<del>gone</del>",
            "footnote-definition",
            r#"<code class="language-yaml">"#,
            "{{ not a template }}",
        ] {
            assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
        }
    }
}
