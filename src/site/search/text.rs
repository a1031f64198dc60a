//! What the search index reads of a document: its words (lower case, split at anything that is
//! not a letter or digit, as the search box splits a query) and its body as plain text, one
//! section per heading, for the snippets of results.

use crate::document::Document;
use crate::markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

/// Words too common to tell documents apart. Short and English, as the corpus is; the list is
/// shipped in the index so that the search box drops the same words from a query. Normative
/// keywords (must, should, may, not) stay: readers search for them.
pub const STOP_WORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "which", "with",
];

/// Whether `w` is one of [`STOP_WORDS`]; a `match`, since it runs for every word of the corpus.
fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "an" | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "has"
            | "have"
            | "in"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "that"
            | "the"
            | "this"
            | "to"
            | "was"
            | "which"
            | "with"
    )
}

/// Longer "words" are hashes, base64 or URLs run together: nobody types them.
const MAX_WORD: usize = 32;

/// The words of `text` that the index keeps, lower case, in order.
#[cfg(test)]
pub fn words(text: &str) -> Vec<String> {
    let lower = lower_case(text);
    let mut out = Vec::new();
    each_word(&lower, |w| out.push(w.to_owned()));
    out
}

/// `text` in lower case, copied only when it has upper case.
pub fn lower_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Calls `f` with each word of `lower` (already lower case) that the index keeps: split at
/// anything that is not a letter or digit, 2 to 32 characters, no stop word. Borrowed slices,
/// since a large corpus has tens of millions of words and few distinct ones.
pub fn each_word<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    for w in lower.split(|c: char| !c.is_alphanumeric()) {
        let long_enough = w.len() >= 2 && (w.len() <= MAX_WORD || w.chars().count() <= MAX_WORD);
        if long_enough && (w.is_ascii() || w.chars().count() >= 2) && !is_stop_word(w) {
            f(w);
        }
    }
}

/// One section of a body: the heading's anchor and text (both empty before the first heading),
/// and the plain text under it. Serialised as a three-element array.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Section(pub String, pub String, pub String);

impl Section {
    pub fn heading(&self) -> &str {
        &self.1
    }

    pub fn text(&self) -> &str {
        &self.2
    }
}

/// The body of `doc` as plain text by section: text and code, no markup, no raw HTML.
pub fn sections(doc: &Document) -> Vec<Section> {
    let mut headings = doc.headings.iter();
    let mut out = vec![Section::default()];
    let mut in_heading = false;
    for event in Parser::new_ext(doc.body_text(), markdown::options()) {
        match event {
            // The same anchors as the page and the lint, in the same order.
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                let h = headings.next();
                out.push(Section(
                    h.map(|h| h.anchor.clone()).unwrap_or_default(),
                    h.map(|h| h.text.clone()).unwrap_or_default(),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if !in_heading => {
                if let Some(s) = out.last_mut() {
                    push_text(&mut s.2, &t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(s) = out.last_mut() {
                    push_text(&mut s.2, " ");
                }
            }
            // Blocks end with a space; inline markup (`*a*b`) does not split a word.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                if let Some(s) = out.last_mut() {
                    push_text(&mut s.2, " ");
                }
            }
            _ => {}
        }
    }
    if out.first().is_some_and(|s| s.2.is_empty()) {
        out.remove(0);
    }
    for s in &mut out {
        let trimmed = s.2.trim_end().len();
        s.2.truncate(trimmed);
    }
    out
}

/// Appends `t` with its white space collapsed to single spaces.
fn push_text(out: &mut String, t: &str) {
    // Most text has single spaces and no other white space: copied whole. Splitting every
    // text at white space took a quarter of the search index's time.
    if is_plain(t) {
        let t = match t.strip_prefix(' ') {
            Some(rest) if out.is_empty() || out.ends_with(' ') => rest,
            _ => t,
        };
        out.push_str(t);
        return;
    }
    push_collapsed(out, t);
}

/// Whether the only white space of `t` is single spaces: ASCII without control characters
/// (a loop the compiler makes vector code of) and no two spaces in a row.
fn is_plain(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().fold(true, |ok, &c| ok & (0x20..0x80).contains(&c))
        && memchr::memmem::find(b, b"  ").is_none()
}

/// [`push_text`] for any text.
fn push_collapsed(out: &mut String, t: &str) {
    if t.starts_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    let mut pieces = t.split_whitespace().peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_some() {
            out.push(' ');
        }
    }
    if t.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_without_stop_words_or_single_letters() {
        let w: Vec<String> =
            words("The Volume-Snapshot of a VM: MUST be kept, 30 days (scs-0111-v1).");
        assert_eq!(
            w,
            [
                "volume", "snapshot", "vm", "must", "kept", "30", "days", "scs", "0111", "v1"
            ]
        );
    }

    proptest::proptest! {
        /// The fast way for plain text appends what the general one does.
        #[test]
        fn plain_text_is_appended_as_collapsed(
            before in "[a \t]{0,3}",
            t in "[a \t\n\u{a0}\u{b}\u{7f}é]{0,12}",
        ) {
            let mut fast = before.clone();
            push_text(&mut fast, &t);
            let mut general = before;
            push_collapsed(&mut general, &t);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn sections_follow_headings_with_plain_text() {
        let doc = crate::document::Document::parse(
            "x.md".into(),
            "x.md".into(),
            "x.md".into(),
            None,
            "---\ntitle: X\n---\n\nIntro *text*.\n\n## First part\n\nA `code` and\nmore.\n\n<div>raw</div>\n\n- one\n- two\n"
                .to_owned(),
        );
        let s = sections(&doc);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[0],
            Section(String::new(), String::new(), "Intro text.".to_owned())
        );
        assert_eq!(s[1].0, "first-part");
        assert_eq!(s[1].heading(), "First part");
        assert_eq!(s[1].text(), "A code and more. one two");
    }
}
