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
    /// `None` when the document has no frontmatter mapping to edit, or one in flow style
    /// (`{title: A, status: Draft}`), whose keys have no lines of their own.
    pub fn new(doc: &'d Document) -> Option<Frontmatter<'d>> {
        let root = doc.frontmatter.as_ref()?;
        root.entries().first()?;
        if doc.text.as_bytes().get(root.span.start) == Some(&b'{') {
            return None;
        }
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
        // A scalar there is replaced alone: the spacing after the colon stays.
        if let Some((k, v)) = self.root.entry(key)
            && matches!(
                v.value,
                Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_)
            )
        {
            let span = self.value_span(k, v);
            let start = v.span.start.clamp(span.start, span.end);
            // Only a scalar on the key's line (not a block scalar's `|` / `>` lines).
            let gap = self.doc.text.get(span.start..start).unwrap_or_default();
            if gap.bytes().all(|b| b == b' ' || b == b'\t') {
                return Edit::new(Span::new(start, span.end), yaml::scalar(value));
            }
        }
        self.put(key, format!(" {}", yaml::scalar(value)), after)
    }

    /// Sets `key` to the list `items`, written as a block list.
    pub fn set_list(&self, key: &str, items: &[&str], after: &[&str]) -> Edit {
        self.put(key, yaml::block_list(items, 2, self.newline), after)
    }

    /// Adds `new` to the list `key`, those it does not name yet. A block list gets a line of its
    /// own for each, after its last item and written like that item's line (indent and dash),
    /// so that the items there, their quoting and their comments stay as they are; a list in
    /// another form, or none, is written as a block list of its items and the new ones.
    pub fn add_to_list(&self, key: &str, new: &[&str], after: &[&str]) -> Option<Edit> {
        let items: Vec<&str> = match self.get(key).map(|v| &v.value) {
            Some(Value::Seq(nodes)) => nodes.iter().filter_map(Node::as_str).collect(),
            Some(Value::Str(s)) => vec![s.as_str()],
            _ => Vec::new(),
        };
        let file = crate::document::name::reference_file_name;
        let mut missing: Vec<&str> = Vec::new();
        for n in new {
            if !items.iter().chain(&missing).any(|i| file(i) == file(n)) {
                missing.push(n);
            }
        }
        if missing.is_empty() {
            return None;
        }
        if let Some(Value::Seq(nodes)) = self.get(key).map(|v| &v.value)
            && let Some(last) = nodes.last()
        {
            let text = &self.doc.text;
            let line_start = text
                .get(..last.span.start)
                .and_then(|h| h.rfind('\n'))
                .map_or(0, |i| i + 1);
            let prefix = text.get(line_start..last.span.start).unwrap_or_default();
            // A block item's line is its indent, `-` and spaces, then the item.
            if prefix.trim() == "-" {
                let at = self.line_end(last.span.end);
                let lines: String = missing
                    .iter()
                    .map(|m| format!("{prefix}{}{}", yaml::scalar(m), self.newline))
                    .collect();
                return Some(Edit::new(Span::new(at, at), lines));
            }
        }
        let mut all = items;
        all.extend(missing);
        Some(self.set_list(key, &all, after))
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
        let mut end = match value.value {
            Value::Null if value.span.start == value.span.end => colon,
            _ => value.span.end.max(colon),
        };
        // A block scalar (`key: |`) ends after its last line's end, which stays.
        while end > colon && matches!(text.as_bytes().get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
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
