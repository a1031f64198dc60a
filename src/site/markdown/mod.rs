//! A document body as safe HTML: GitHub-flavoured Markdown, heading anchors that match the ones
//! the lint checks (each with a permalink), links between documents rewritten to their pages,
//! Docusaurus admonitions as callouts, code highlighted at build time, mermaid diagrams, tables
//! in a box of their own, and raw HTML sanitised so that no document can run script in a
//! reader's browser.
//!
//! One parse, the lint's: the events are rewritten (callouts, code, tables, headings) and then
//! written as HTML. Markup added here carries document text only as escaped text.

mod callouts;
mod highlight;
mod links;
pub mod mermaid;

pub use links::{Canonical, body_link};

use crate::document::Document;
use crate::markdown;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
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
    /// Whether the body has a mermaid diagram (its page then loads the mermaid script).
    pub diagrams: bool,
}

/// The sanitiser: the tags and attributes pulldown-cmark produces for GitHub-flavoured Markdown
/// and this module adds (callouts, table boxes, permalinks), plus the anchors authors write
/// (`<a id>`, `<a name>`); no script, no event handlers, no `javascript:` URLs.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "role", "aria-label"])
        .add_tags(["input", "aside"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("div", ["tabindex"])
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
    let mut diagrams = false;
    let parsed: Vec<Event<'_>> = Parser::new_ext(body, markdown::options()).collect();
    let events = if memchr::memmem::find(body.as_bytes(), b":::").is_some() {
        callouts::rewrite(parsed)
    } else {
        parsed
    };
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 8);
    // The fenced block being read: its language and its text so far.
    let mut code: Option<(String, String)> = None;
    // The anchor of the heading being written, for its permalink.
    let mut heading_anchor: Option<String> = None;
    let mut tables = 0;
    for event in events {
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text)) = code.take() {
                        diagrams |= mermaid::is_mermaid(&lang);
                        out.push(Event::Html(CowStr::from(code_block(&lang, &text))));
                    }
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or_default();
                code = Some((lang.to_owned(), String::new()));
                continue;
            }
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
                let id = anchor.map(CowStr::from).or(id);
                heading_anchor = id.as_ref().map(|i| i.to_string());
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(anchor) = heading_anchor.take() {
                    out.push(Event::InlineHtml(CowStr::from(permalink(&anchor))));
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table {tables}\">\n"
                ))));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                Event::Html(CowStr::from("</div>\n"))
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
        };
        out.push(event);
    }
    // A fence left open runs to the end of the body.
    if let Some((lang, text)) = code.take() {
        diagrams |= mermaid::is_mermaid(&lang);
        out.push(Event::Html(CowStr::from(code_block(&lang, &text))));
    }
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, out.into_iter());
    let html = if needs_sanitizing {
        SANITIZER.clean(&raw).to_string()
    } else {
        raw
    };
    RenderedBody {
        html,
        toc,
        diagrams,
    }
}

/// A fenced block: a mermaid diagram, highlighted code, or plain escaped code.
fn code_block(lang: &str, text: &str) -> String {
    if mermaid::is_mermaid(lang) {
        return mermaid::html(text);
    }
    let class = html_escape::encode_double_quoted_attribute(lang);
    match highlight::highlight(lang, text) {
        Some(spans) => {
            format!("<pre class=\"hl\"><code class=\"language-{class}\">{spans}</code></pre>\n")
        }
        None if lang.is_empty() => format!(
            "<pre><code>{}</code></pre>\n",
            html_escape::encode_text(text)
        ),
        None => format!(
            "<pre><code class=\"language-{class}\">{}</code></pre>\n",
            html_escape::encode_text(text)
        ),
    }
}

/// The link from a heading to itself. Its text (`#`) comes from the stylesheet, so that the
/// heading's text stays what the table of contents, the lint and search read.
fn permalink(anchor: &str) -> String {
    format!(
        "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\"></a>",
        html_escape::encode_double_quoted_attribute(anchor)
    )
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
mod tests;
