//! What is under the cursor, and where it leads: a document named by file name or id anywhere
//! (frontmatter lists, links, prose), a link's anchor; the outline of a document and the
//! documents of the workspace as symbols.

use super::State;
use super::diagnostics::url_of;
use super::position::{Encoding, Text};
use crate::diagnostic::Span;
use crate::document::Document;
use lsp_types::{DocumentSymbol, Location, Range, SymbolInformation, SymbolKind};

/// A document named at the cursor, and the anchor when a link names one.
#[derive(Debug)]
pub struct Target<'a> {
    pub doc: &'a Document,
    pub anchor: Option<String>,
    /// The bytes of the name in the document at the cursor.
    pub span: Span,
}

/// The document (and anchor) named at byte `offset` of `doc`.
pub fn target_at<'a>(state: &'a State, doc: &'a Document, offset: usize) -> Option<Target<'a>> {
    // A link's destination names its anchor too; it leads where the link rules say.
    for link in &doc.links {
        let (start, end) = link.range;
        if !(start..=end).contains(&offset) {
            continue;
        }
        let profile = &state.config.profile;
        if let Some((target, anchor)) =
            crate::lint::link_target::link_target(&state.corpus, profile, doc, &link.dest)
        {
            return Some(Target {
                doc: target,
                anchor: anchor.filter(|a| !a.is_empty()),
                span: Span::new(start, end),
            });
        }
    }
    let (word, span) = word_at(&doc.text, offset)?;
    Some(Target {
        doc: resolve(state, word)?,
        anchor: None,
        span,
    })
}

/// The document a word names: a file name (with or without `.md`), a version's id
/// (`scs-0100-v3`), or a standard's id (`scs-0100`, its latest version).
pub fn resolve<'a>(state: &'a State, word: &str) -> Option<&'a Document> {
    let word = word.trim_start_matches("./");
    if let Some(d) = state.corpus.resolve(word) {
        return Some(d);
    }
    let word = word.strip_suffix(".md").unwrap_or(word);
    let prefix = &state.config.profile.prefix;
    match crate::canonical::standard_number(word, prefix) {
        Some(number) => state.corpus.newest_version(number),
        None => state
            .corpus
            .documents
            .iter()
            .find(|d| d.id().is_some_and(|id| id.eq_ignore_ascii_case(word))),
    }
}

/// The word of file-name characters around `offset` (letters, digits, `.`, `_`, `-`), without
/// trailing dots (the end of a sentence), and its bytes.
pub fn word_at(text: &str, offset: usize) -> Option<(&str, Span)> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_part(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let after = text.get(offset..)?;
    let end = offset + after.find(|c: char| !is_part(c)).unwrap_or(after.len());
    let word = text.get(start..end)?.trim_end_matches('.');
    (!word.is_empty()).then(|| (word, Span::new(start, start + word.len())))
}

/// Where a target leads: its document, at the heading its anchor names.
pub fn location(encoding: Encoding, target: &Target<'_>) -> Option<Location> {
    let doc = target.doc;
    let span = target
        .anchor
        .as_ref()
        .and_then(|a| doc.headings.iter().find(|h| &h.anchor == a))
        .map_or(Span::new(0, 0), |h| Span::new(h.range.0, h.range.1));
    let text = Text {
        text: &doc.text,
        lines: doc.lines(),
        encoding,
    };
    Some(Location::new(url_of(&doc.display)?, text.range(span)))
}

/// The outline of a document: its headings, each holding those of lower levels below it.
pub fn outline(doc: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let text = Text {
        text: &doc.text,
        lines: doc.lines(),
        encoding,
    };
    let heads: Vec<(u8, String, Range, Range)> = doc
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let end = doc.section_end(i);
            let own = text.range(Span::new(h.range.0, h.range.1));
            let whole = text.range(Span::new(h.range.0, end));
            (h.level, h.text.clone(), whole, own)
        })
        .collect();
    nest(&heads, &mut 0, 0)
}

#[expect(
    deprecated,
    reason = "DocumentSymbol's `deprecated` field is deprecated but must be written"
)]
fn nest(heads: &[(u8, String, Range, Range)], i: &mut usize, above: u8) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    while let Some((level, name, whole, own)) = heads.get(*i) {
        if *level <= above {
            break;
        }
        *i += 1;
        let children = nest(heads, i, *level);
        out.push(DocumentSymbol {
            name: if name.is_empty() {
                "(untitled)".to_owned()
            } else {
                name.clone()
            },
            detail: Some(format!("h{level}")),
            kind: SymbolKind::STRING,
            tags: None,
            deprecated: None,
            range: *whole,
            selection_range: *own,
            children: (!children.is_empty()).then_some(children),
        });
    }
    out
}

/// The documents whose id, title or file name holds `query` (any case), as symbols.
#[expect(
    deprecated,
    reason = "SymbolInformation's `deprecated` field is deprecated but must be written"
)]
pub fn workspace_symbols(state: &State, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    state
        .corpus
        .documents
        .iter()
        .filter_map(|d| {
            let id = d.id().unwrap_or_else(|| d.file_stem().to_owned());
            let name = format!("{id} {}", d.title());
            let hit = query.is_empty()
                || name.to_lowercase().contains(&query)
                || d.file_name.to_lowercase().contains(&query);
            hit.then(|| {
                Some(SymbolInformation {
                    name,
                    kind: SymbolKind::FILE,
                    tags: None,
                    deprecated: None,
                    location: Location::new(url_of(&d.display)?, Range::default()),
                    container_name: d.fields.track.as_ref().map(|t| t.value.clone()),
                })
            })
            .flatten()
        })
        .collect()
}

/// Whether byte `offset` lies in the frontmatter's YAML (between its fences, or after an
/// opening fence that has no closing one yet, as while it is being written).
pub fn in_frontmatter(text: &str, offset: usize) -> bool {
    use crate::document::frontmatter::{Split, split};
    match split(text) {
        Split::Found { yaml, .. } => yaml.start <= offset && offset <= yaml.end,
        Split::Unterminated { open } => offset > open.end,
        Split::Missing => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_file_names_or_ids_without_a_closing_dot() {
        let text = "See scs-0110-v1-instance-metadata-labels.md. Or (scs-0110).";
        let at = |needle: &str| text.find(needle).unwrap_or_default() + 2;
        assert_eq!(
            word_at(text, at("scs-0110-v1")).map(|w| w.0),
            Some("scs-0110-v1-instance-metadata-labels.md")
        );
        assert_eq!(
            word_at(text, at("scs-0110)")).map(|w| w.0),
            Some("scs-0110")
        );
        assert_eq!(word_at(text, 3).map(|w| w.0), Some("See"));
        assert_eq!(word_at(text, text.len()), None);
        assert_eq!(word_at("ä ö", 1), None);
    }

    #[test]
    fn ids_and_file_names_name_documents() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let ws = crate::workspace::Selection::default()
            .workspace_at(&root)
            .expect("the sample's workspace");
        let state = State::load(&ws).expect("the sample loads");
        let named = |word: &str| resolve(&state, word).map(|d| d.file_name.as_str());
        let v2 = "scs-0110-v2-instance-metadata-labels.md";
        assert_eq!(named("scs-0110"), Some(v2));
        assert_eq!(named("SCS-0110"), Some(v2));
        assert_eq!(
            named("scs-0110-v1"),
            Some("scs-0110-v1-instance-metadata-labels.md")
        );
        assert_eq!(named("./scs-0110-v2-instance-metadata-labels.md"), Some(v2));
        assert_eq!(named("scs-0999"), None);
    }

    #[test]
    fn the_frontmatter_is_between_its_fences_or_open_ended() {
        let text = "---\ntype: Standard\n---\n\n# T\n";
        assert!(in_frontmatter(text, 6));
        assert!(!in_frontmatter(text, text.len()));
        assert!(in_frontmatter("---\ntype: Sta", 10));
        assert!(!in_frontmatter("# no frontmatter\n", 3));
    }
}
