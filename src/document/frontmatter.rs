//! Splitting the frontmatter off a document and reading it into spanned values.
//!
//! The split is done here, not by pulldown-cmark's metadata-block option, which matches `---`
//! blocks anywhere in a document. The frontmatter starts on the first line, which is exactly `---`
//! (after an optional UTF-8 byte order mark, with LF or CRLF line ends) and ends at the next line
//! that is `---` or `...`.

use crate::diagnostic::Span;
use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, Span as ParserSpan, SpannedEventReceiver};
use std::collections::HashMap;

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
    let rest = &text.as_bytes()[at..];
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
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
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

/// A YAML syntax error at a position in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

/// Parses the YAML between the fences. `yaml` is the span from [`split`].
///
/// The tree is built straight from the parser's events (one allocation per node, spans kept),
/// rather than through an intermediate document model.
pub fn parse_yaml(text: &str, yaml: Span) -> Result<Option<Node>, YamlError> {
    let src = &text[yaml.start..yaml.end];
    // saphyr counts positions in characters; map them to byte offsets of the document. For the
    // usual ASCII frontmatter the two are the same and no table is built.
    let char_starts: Option<Vec<usize>> =
        (!src.is_ascii()).then(|| src.char_indices().map(|(i, _)| i).collect());
    let to_offset = |m: &Marker| -> usize {
        let i = m.index();
        let byte = match &char_starts {
            None => i.min(src.len()),
            Some(starts) => starts.get(i).copied().unwrap_or(src.len()),
        };
        yaml.start + byte
    };
    if let Some((line_start, column)) = too_deep(src) {
        let at = yaml.start + line_start;
        return Err(YamlError {
            message: format!("the values are nested too deeply (a block at column {column})"),
            span: Span::new(at, at + 1),
        });
    }
    let mut builder = TreeBuilder {
        to_offset: &to_offset,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        error: None,
        expanded: 0,
        skipped_depth: 0,
    };
    let result = Parser::new_from_str(src).load(&mut builder, false);
    if let Err(e) = result {
        let at = to_offset(e.marker()).min(yaml.end);
        return Err(YamlError {
            message: e.info().to_owned(),
            span: Span::new(at, (at + 1).min(yaml.end.max(at))),
        });
    }
    match builder.error {
        Some(e) => Err(e),
        None => Ok(builder.root),
    }
}

/// The YAML parser recurses once per level of block nesting. Block nesting cannot be deeper than
/// the column where a line's content starts (after its `- ` and `? ` indicators), so a line that
/// starts further right than any real frontmatter would is refused before parsing.
const MAX_BLOCK_COLUMN: usize = 256;

fn too_deep(src: &str) -> Option<(usize, usize)> {
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let mut rest = line.trim_start_matches([' ', '\t']);
        loop {
            let next = rest
                .strip_prefix("- ")
                .or_else(|| rest.strip_prefix("? "))
                .or_else(|| rest.strip_prefix("-\t"));
            match next {
                Some(r) => rest = r.trim_start_matches([' ', '\t']),
                None => break,
            }
        }
        let column = line.len() - rest.len();
        if column > MAX_BLOCK_COLUMN && !rest.trim().is_empty() {
            return Some((line_start, column));
        }
        line_start += line.len();
    }
    None
}

/// An alias may repeat a large anchored node; expansion stops here (a "billion laughs" guard).
const MAX_EXPANDED_NODES: usize = 10_000;

/// Frontmatter is flat; nesting beyond this is refused rather than built (and later walked and
/// dropped recursively).
const MAX_DEPTH: usize = 64;

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

struct TreeBuilder<'f> {
    to_offset: &'f dyn Fn(&Marker) -> usize,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    error: Option<YamlError>,
    expanded: usize,
    /// How deep we are inside collections that are not built (beyond `MAX_DEPTH`).
    skipped_depth: usize,
}

impl TreeBuilder<'_> {
    fn push(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let text = key_text(&node);
                    if self.error.is_none() && entries.iter().any(|(k, _)| key_text(k) == text) {
                        self.error = Some(YamlError {
                            message: "duplicated key in mapping".to_owned(),
                            span: node.span,
                        });
                    }
                    *key = Some(node);
                }
            },
        }
    }
}

fn count_nodes(n: &Node) -> usize {
    1 + match &n.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| count_nodes(k) + count_nodes(v))
            .sum(),
        _ => 0,
    }
}

impl<'input> SpannedEventReceiver<'input> for TreeBuilder<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: ParserSpan) {
        let start = (self.to_offset)(&span.start);
        let end = (self.to_offset)(&span.end);
        let opens = matches!(ev, Event::SequenceStart(..) | Event::MappingStart(..));
        let closes = matches!(ev, Event::SequenceEnd | Event::MappingEnd);
        if self.skipped_depth > 0 || (opens && self.stack.len() >= MAX_DEPTH) {
            if opens {
                if self.skipped_depth == 0 && self.error.is_none() {
                    self.error = Some(YamlError {
                        message: format!("values are nested more than {MAX_DEPTH} levels deep"),
                        span: Span::new(start, end.max(start + 1)),
                    });
                }
                self.skipped_depth += 1;
                return;
            }
            if closes {
                self.skipped_depth -= 1;
                return;
            }
            if self.skipped_depth > 0 {
                return;
            }
        }
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let value = match Scalar::parse_from_cow_and_metadata(text, style, tag.as_ref()) {
                    Some(s) => scalar(&s),
                    None => Value::Null,
                };
                self.push(
                    Node {
                        span: Span::new(start, end),
                        value,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq {
                start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map {
                start,
                anchor,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start: s,
                        anchor,
                        items,
                    }) => {
                        let e = items.last().map_or(end, |n| n.span.end).max(s);
                        (
                            Node {
                                span: Span::new(s, e),
                                value: Value::Seq(items),
                            },
                            anchor,
                        )
                    }
                    Some(Frame::Map {
                        start: s,
                        anchor,
                        entries,
                        ..
                    }) => {
                        let e = entries.last().map_or(end, |(_, v)| v.span.end).max(s);
                        (
                            Node {
                                span: Span::new(s, e),
                                value: Value::Map(entries),
                            },
                            anchor,
                        )
                    }
                    None => return,
                };
                self.push(node, anchor);
            }
            Event::Alias(id) => {
                let node = match self.anchors.get(&id) {
                    Some(n) => {
                        self.expanded += count_nodes(n);
                        if self.expanded > MAX_EXPANDED_NODES {
                            if self.error.is_none() {
                                self.error = Some(YamlError {
                                    message: "aliases expand to too many values".to_owned(),
                                    span: Span::new(start, end),
                                });
                            }
                            Node {
                                span: Span::new(start, end),
                                value: Value::Null,
                            }
                        } else {
                            Node {
                                span: Span::new(start, end),
                                ..n.clone()
                            }
                        }
                    }
                    None => Node {
                        span: Span::new(start, end),
                        value: Value::Null,
                    },
                };
                self.push(node, 0);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }
}

fn scalar(s: &Scalar<'_>) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Int(*i),
        Scalar::FloatingPoint(f) => Value::Float(f.into_inner()),
        Scalar::String(s) => Value::Str(s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::LineIndex;

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
