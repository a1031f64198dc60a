//! Edits of a document's frontmatter by key: a value replaced where it stands, or a new key
//! written on a line of its own after the keys it belongs with. Everything else of the text
//! stays as it was.

use super::{Edit, line_ending, yaml};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::document::frontmatter::{Node, Value};

/// The frontmatter of one document, to be edited. Edits are made from the text as it was read;
/// apply them together with [`super::apply`].
#[derive(Debug)]
pub struct Frontmatter<'d> {
    doc: &'d Document,
    root: &'d Node,
    newline: &'static str,
}

impl<'d> Frontmatter<'d> {
    /// `None` when the document has no frontmatter mapping to edit.
    pub fn new(doc: &'d Document) -> Option<Frontmatter<'d>> {
        let root = doc.frontmatter.as_ref()?;
        root.entries().first()?;
        Some(Frontmatter {
            doc,
            root,
            newline: line_ending(&doc.text),
        })
    }

    /// The value of `key`, if the frontmatter has it.
    pub fn get(&self, key: &str) -> Option<&'d Node> {
        self.root.entry(key).map(|(_, v)| v)
    }

    /// Sets `key` to the string `value`: in place when the key is there, else on a new line after
    /// the first of `after` that is there (else after the last key).
    pub fn set(&self, key: &str, value: &str, after: &[&str]) -> Edit {
        self.put(key, format!(" {}", yaml::scalar(value)), after)
    }

    /// Sets `key` to the list `items`, written as a block list.
    pub fn set_list(&self, key: &str, items: &[&str], after: &[&str]) -> Edit {
        self.put(key, yaml::block_list(items, 2, self.newline), after)
    }

    /// Removes `key` with its value: the lines from the key's to the value's last (a comment
    /// on the lines above stays). `None` when the key is not there.
    pub fn remove(&self, key: &str) -> Option<Edit> {
        let (k, v) = self.root.entry(key)?;
        let text = &self.doc.text;
        let start = text
            .get(..k.span.start)
            .and_then(|head| head.rfind('\n'))
            .map_or(0, |i| i + 1);
        let end = self.line_end(v.span.end.max(k.span.end));
        Some(Edit::new(Span::new(start, end), ""))
    }

    /// `rest` is what follows `key:`, its leading space or line end included.
    fn put(&self, key: &str, rest: String, after: &[&str]) -> Edit {
        match self.root.entry(key) {
            Some((k, v)) => Edit::new(self.value_span(k, v), rest),
            None => {
                let at = self.line_after(after);
                Edit::new(Span::new(at, at), format!("{key}:{rest}{}", self.newline))
            }
        }
    }

    /// The bytes from the end of `key:` to the end of its value (a comment after the value
    /// stays).
    fn value_span(&self, key: &Node, value: &Node) -> Span {
        let text = &self.doc.text;
        let colon = text
            .get(key.span.end..)
            .and_then(|rest| rest.find(':'))
            .map_or(key.span.end, |i| key.span.end + i + 1);
        // An empty value (`key:`) ends where it starts: nothing after the colon is replaced.
        let end = match value.value {
            Value::Null if value.span.start == value.span.end => colon,
            _ => value.span.end.max(colon),
        };
        Span::new(colon, end)
    }

    /// Where a new key's line goes: after the line on which the entry of the first of `after`
    /// that is there ends, else after the last entry.
    fn line_after(&self, after: &[&str]) -> usize {
        let entry_end = after
            .iter()
            .find_map(|k| self.root.entry(k))
            .or_else(|| self.root.entries().last().map(|(k, v)| (k, v)))
            .map_or(self.root.span.end, |(k, v)| v.span.end.max(k.span.end));
        self.line_end(entry_end)
    }

    /// The start of the line after the one `at` lies on.
    fn line_end(&self, at: usize) -> usize {
        let text = &self.doc.text;
        // A block scalar (`description: |`) ends after its last line's end.
        if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\n') {
            return at;
        }
        text.get(at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| at + i + 1)
    }
}
