//! The standards a scope document lists: the documents its links lead to (relative links and
//! addresses of the published site) in the section that lists them (`[profile.scopes] section`),
//! or in its whole text when it has no such section.

use super::ScopeContext;
use crate::config::Section;
use crate::diagnostic::Span;
use crate::document::Document;
use crate::markdown::{LinkDest, classify_link};

/// The documents a scope document links, each with the span of its (first) link.
pub(super) struct Linked<'c> {
    pub links: Vec<(&'c Document, Span)>,
    /// Every link of the section that leads to a document, with its text: to explain a
    /// document missing from `links` whose link text names it but leads elsewhere.
    pub texts: Vec<(&'c Document, Span, String)>,
    /// Whether the section was found (else the whole text was read).
    pub in_section: bool,
    /// The heading of the section, when found.
    pub heading: Option<Span>,
}

pub(super) fn linked_documents<'c>(
    cx: &ScopeContext<'c>,
    doc: &Document,
    section: &str,
) -> Linked<'c> {
    let wanted = Section::Name(section.to_owned());
    let found = (!section.is_empty())
        .then(|| doc.headings.iter().position(|h| wanted.matches(&h.text)))
        .flatten();
    let (range, heading) = match found.and_then(|i| doc.headings.get(i).map(|h| (i, h))) {
        Some((i, h)) => (
            (h.range.1, doc.section_end(i)),
            Some(Span::new(h.range.0, h.range.1)),
        ),
        None => ((doc.body.start, doc.text.len()), None),
    };
    let own_number = doc.name.as_ref().and_then(|n| n.number);
    let mut links: Vec<(&Document, Span)> = Vec::new();
    let mut texts = Vec::new();
    for link in doc
        .links
        .iter()
        .filter(|l| l.range.0 >= range.0 && l.range.1 <= range.1 && !l.is_image)
    {
        let Some(target) = target(cx, doc, &link.dest) else {
            continue;
        };
        texts.push((
            target,
            Span::new(link.range.0, link.range.1),
            link.text.clone(),
        ));
        // Links to other versions of the scope itself, or to supplements, list no standard.
        let number = target.name.as_ref().and_then(|n| n.number);
        if target.is_supplement()
            || number == own_number
            || links.iter().any(|(d, _)| std::ptr::eq(*d, target))
        {
            continue;
        }
        links.push((target, Span::new(link.range.0, link.range.1)));
    }
    Linked {
        links,
        texts,
        in_section: heading.is_some(),
        heading,
    }
}

/// The document of the corpus a link of `doc` leads to.
fn target<'c>(cx: &ScopeContext<'c>, doc: &Document, dest: &str) -> Option<&'c Document> {
    let profile = &cx.config.profile;
    match classify_link(dest) {
        LinkDest::Relative { path, .. } if path.ends_with(".md") => {
            let folder = crate::paths::parent(&doc.rel_path);
            let joined = if folder.is_empty() {
                path
            } else {
                format!("{folder}/{path}")
            };
            let rel = crate::paths::normalize(std::path::Path::new(&joined));
            let rel = rel.to_string_lossy().replace('\\', "/");
            cx.corpus.documents.iter().find(|d| d.rel_path == rel)
        }
        LinkDest::External => match crate::certification::url_target(cx.corpus, profile, dest) {
            crate::certification::UrlTarget::Document { doc, .. } => Some(doc),
            _ => None,
        },
        _ => None,
    }
}
