//! The YAML between the fences read into a spanned [`Node`] tree, straight from saphyr's parser
//! events, with the limits that keep hostile input (deep nesting, alias bombs) cheap.

use super::{Node, Value, key_text};
use crate::diagnostic::Span;
use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span as ParserSpan, SpannedEventReceiver};
use std::collections::HashMap;

/// A YAML syntax error at a position in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

/// Parses the YAML between the fences. `yaml` is the span from [`super::split`].
///
/// The tree is built straight from the parser's events (one allocation per node, spans kept),
/// rather than through an intermediate document model.
pub fn parse_yaml(text: &str, yaml: Span) -> Result<Option<Node>, YamlError> {
    let Some(src) = text.get(yaml.start..yaml.end) else {
        let at = yaml.start.min(text.len());
        return Err(YamlError {
            message: "the frontmatter does not lie within the text".to_owned(),
            span: Span::new(at, at),
        });
    };
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
        text,
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
        // One character, not one byte: the span must not end inside a multi-byte character.
        let next = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        return Err(YamlError {
            message: e.info().to_owned(),
            span: Span::new(at, next.min(yaml.end)),
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

/// The end of a collection that starts at `start`: a flow collection (`[a, b]`, `{a: 1}`) ends
/// after its closing bracket, which its last item's span does not reach (an edit of the whole
/// value must take the bracket with it); a block collection ends with its last item.
/// `None` for a block collection.
fn flow_end(text: &str, start: usize, last: Option<usize>, open: u8, close: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&open) {
        return None;
    }
    let from = last.unwrap_or(start + 1).max(start + 1);
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == close))
        .map(|i| from + i + 1)
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
    /// The whole text the offsets point into.
    text: &'f str,
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
                // The parser's span of a quoted scalar runs on over spaces and a comment after
                // the closing quote; the node ends at that quote.
                let end = match style {
                    ScalarStyle::SingleQuoted => quoted_end(self.text, start, '\'').unwrap_or(end),
                    ScalarStyle::DoubleQuoted => quoted_end(self.text, start, '"').unwrap_or(end),
                    _ => end,
                }
                .min(end);
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
                        let last = items.last().map(|n| n.span.end);
                        let e = flow_end(self.text, s, last, b'[', b']')
                            .unwrap_or_else(|| last.unwrap_or(end).max(s));
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
                        let last = entries.last().map(|(_, v)| v.span.end);
                        let e = flow_end(self.text, s, last, b'{', b'}')
                            .unwrap_or_else(|| last.unwrap_or(end).max(s));
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

/// The offset just after the closing quote of a quoted scalar that starts at `start`: `''` is
/// an escaped quote in single quotes, `\"` in double quotes.
fn quoted_end(text: &str, start: usize, quote: char) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut chars = rest.char_indices();
    if chars.next()?.1 != quote {
        return None;
    }
    let mut escaped = false;
    while let Some((i, c)) = chars.next() {
        if quote == '"' && escaped {
            escaped = false;
        } else if quote == '"' && c == '\\' {
            escaped = true;
        } else if c == quote {
            if quote == '\'' && rest.get(i + 1..).is_some_and(|r| r.starts_with('\'')) {
                chars.next();
                continue;
            }
            return Some(start + i + c.len_utf8());
        }
    }
    None
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
