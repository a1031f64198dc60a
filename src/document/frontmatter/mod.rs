//! Splitting the frontmatter off a document and reading it into spanned values.
//!
//! The split is done here, not by pulldown-cmark's metadata-block option, which matches `---`
//! blocks anywhere in a document. The frontmatter starts on the first line, which is exactly `---`
//! (after an optional UTF-8 byte order mark, with LF or CRLF line ends) and ends at the next line
//! that is `---` or `...`.

mod yaml;

pub use yaml::{YamlError, parse_yaml};

use crate::diagnostic::Span;

const BOM: &str = "\u{feff}";

/// Where the parts of a document lie in its source text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    Found {
        /// The YAML text between the fences.
        yaml: Span,
        /// The opening fence line, for diagnostics.
        open: Span,
        /// The body after the closing fence.
        body: Span,
    },
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing line.
    Unterminated { open: Span },
}

pub fn split(text: &str) -> Split {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = LinesWithOffsets::new(text, start);
    let Some((open_start, open_line)) = lines.next() else {
        return Split::Missing;
    };
    if open_line != "---" {
        return Split::Missing;
    }
    let open = Span::new(open_start, open_start + 3);
    let yaml_start = lines.offset;
    for (line_start, line) in lines.by_ref() {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body_start = (line_start + line.len()).min(text.len());
            let body_start = skip_line_end(text, body_start);
            return Split::Found {
                yaml: Span::new(yaml_start, line_start),
                open,
                body: Span::new(body_start, text.len()),
            };
        }
    }
    Split::Unterminated { open }
}

fn skip_line_end(text: &str, at: usize) -> usize {
    let rest = text.as_bytes().get(at..).unwrap_or_default();
    if rest.starts_with(b"\r\n") {
        at + 2
    } else if rest.starts_with(b"\n") {
        at + 1
    } else {
        at
    }
}

/// Lines without their line end (LF or CRLF), with the byte offset where each starts.
struct LinesWithOffsets<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> LinesWithOffsets<'a> {
    fn new(text: &'a str, offset: usize) -> Self {
        LinesWithOffsets { text, offset }
    }
}

impl<'a> Iterator for LinesWithOffsets<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.offset >= self.text.len() {
            return None;
        }
        let start = self.offset;
        let rest = self.text.get(start..)?;
        let (line, advance) = match rest.split_once('\n') {
            Some((line, _)) => (line, line.len() + 1),
            None => (rest, rest.len()),
        };
        self.offset += advance;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// A YAML value with the byte span it occupies in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in the order written.
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }

    /// The entry whose key is the string `key`.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// The node at a JSON pointer made of map keys and sequence indices; for a map key the key
    /// node is returned when `key_node` is set (used to point at a forbidden key, not its value).
    pub fn at_pointer<'a>(&'a self, segments: &[String], key_node: bool) -> Option<&'a Node> {
        let Some((first, rest)) = segments.split_first() else {
            return Some(self);
        };
        match &self.value {
            Value::Map(entries) => {
                let (k, v) = entries.iter().find(|(k, _)| key_text(k) == *first)?;
                if rest.is_empty() && key_node {
                    Some(k)
                } else {
                    v.at_pointer(rest, key_node)
                }
            }
            Value::Seq(items) => {
                let i: usize = first.parse().ok()?;
                items.get(i)?.at_pointer(rest, key_node)
            }
            _ => None,
        }
    }

    /// The JSON form of the value, the way the schema sees it.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (key_text(k), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A scalar's text as YAML spells it (`v5.1`, `2024-12-19`, `3`); `None` for null and for
    /// a collection.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// A short human name of the value's YAML type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }
}

/// The text of a mapping key as the schema sees it (non-string keys in their YAML spelling).
pub fn key_text(k: &Node) -> String {
    match &k.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Seq(_) | Value::Map(_) => "<complex key>".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::string_slice, reason = "test code")]
mod tests {
    use super::*;
    use crate::diagnostic::LineIndex;

    #[test]
    fn a_quoted_value_ends_at_its_closing_quote_not_at_a_comment() {
        let text = "a: \"x\\\" y\"  # c\nb: 'it''s'   # d\nc: plain # e\n";
        let root = parse_yaml(text, Span::new(0, text.len())).unwrap().unwrap();
        let value = |k: &str| root.entry(k).unwrap().1.span.text_in(text).to_owned();
        assert_eq!(value("a"), "\"x\\\" y\"");
        assert_eq!(value("b"), "'it''s'");
        assert_eq!(value("c"), "plain");
    }

    fn yaml_of(text: &str) -> Node {
        let Split::Found { yaml, .. } = split(text) else {
            panic!("no frontmatter")
        };
        parse_yaml(text, yaml).unwrap().unwrap()
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n";
        let Split::Found { yaml, body, .. } = split(text) else {
            panic!()
        };
        assert_eq!(&text[yaml.start..yaml.end], "title: A\r\n");
        assert_eq!(&text[body.start..body.end], "body\r\n");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split(""), Split::Missing);
        assert_eq!(split("# Title\n---\n"), Split::Missing);
        assert_eq!(split(" ---\n"), Split::Missing);
        assert!(matches!(
            split("---\ntitle: A\n"),
            Split::Unterminated { .. }
        ));
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "---\ntitle: Ünïcode title\nreplaces:\n  - a.md\n  - b.md\n---\n";
        let root = yaml_of(text);
        let (k, v) = root.entry("replaces").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "replaces");
        let Value::Seq(items) = &v.value else {
            panic!()
        };
        assert_eq!(&text[items[1].span.start..items[1].span.end], "b.md");
        let (_, t) = root.entry("title").unwrap();
        assert_eq!(&text[t.span.start..t.span.end], "Ünïcode title");
    }

    #[test]
    fn aliases_expand_but_not_without_bound() {
        let text = "---\nbase: &b [x, y]\ncopy: *b\n---\n";
        let root = yaml_of(text);
        assert_eq!(
            root.entry("copy").unwrap().1.to_json(),
            serde_json::json!(["x", "y"])
        );
        let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (i, name) in ["b", "c", "d", "e", "f"].iter().enumerate() {
            let prev = ["a", "b", "c", "d", "e"][i];
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        bomb.push_str("---\n");
        let Split::Found { yaml, .. } = split(&bomb) else {
            panic!()
        };
        let e = parse_yaml(&bomb, yaml).unwrap_err();
        assert!(e.message.contains("too many"), "{}", e.message);
    }

    /// The line where parsing a map nested `levels` deep (two spaces a level) fails.
    fn failing_line_of_nested_map(levels: usize) -> (usize, String) {
        let mut text = String::from("---\n");
        for i in 0..levels {
            text.push_str(&"  ".repeat(i));
            text.push_str("a:\n");
        }
        text.push_str("---\n");
        let Split::Found { yaml, .. } = split(&text) else {
            panic!()
        };
        let e = parse_yaml(&text, yaml).unwrap_err();
        (
            LineIndex::new(&text).position(&text, e.span.start).line,
            e.message,
        )
    }

    #[test]
    fn deep_nesting_is_refused_not_built() {
        // Beyond the column bound the parser is not even started…
        let (line, message) = failing_line_of_nested_map(3000);
        assert!(message.contains("nested too deeply"), "{message}");
        assert_eq!(line, 131);
        // …within it, the builder still refuses to build more than 64 levels.
        let (line, message) = failing_line_of_nested_map(100);
        assert!(message.contains("64 levels"), "{message}");
        assert_eq!(line, 66);
    }

    #[test]
    fn scalars_follow_yaml_1_2_core_schema() {
        let text = "---\na: 2024-01-01\nb: 12\nc: true\nd: ~\ne: '12'\nf: yes\n---\n";
        let root = yaml_of(text);
        assert_eq!(
            root.to_json(),
            serde_json::json!({"a": "2024-01-01", "b": 12, "c": true, "d": null, "e": "12", "f": "yes"})
        );
    }

    #[test]
    fn duplicate_key_is_a_syntax_error_at_the_key() {
        let text = "---\ntitle: A\ntitle: B\n---\n";
        let Split::Found { yaml, .. } = split(text) else {
            panic!()
        };
        let e = parse_yaml(text, yaml).unwrap_err();
        assert_eq!(LineIndex::new(text).position(text, e.span.start).line, 3);
    }
}
