//! The document model: one loaded Markdown file with its parsed name, frontmatter (typed values and
//! the span of every key and value) and the outline of its body.

pub mod frontmatter;
pub mod name;

use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::markdown::{self, Heading, Link};
use crate::rules::RuleId;
use frontmatter::{Node, Split, Value};
pub use name::{DocName, Kind};
use std::path::PathBuf;

/// A value read from the frontmatter, with the spans of its key and of its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
    pub key_span: Span,
}

/// A list of document references (`replaces`, `replaced_by`, `supplements`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefList {
    pub items: Vec<Spanned<String>>,
    /// Written as a plain string rather than a YAML list.
    pub as_string: bool,
    pub span: Span,
    pub key_span: Span,
}

impl RefList {
    /// Whether the list names the document `file_name` (written with or without `.md` or `./`).
    pub fn names(list: &Option<RefList>, file_name: &str) -> bool {
        list.as_ref().is_some_and(|l| {
            l.items
                .iter()
                .any(|i| name::reference_file_name(&i.value) == file_name)
        })
    }
}

/// A date field as written and, if it is a valid ISO date, as a date.
#[derive(Debug, Clone, PartialEq)]
pub struct DateField {
    pub raw: Spanned<String>,
    pub date: Option<jiff::civil::Date>,
}

impl DateField {
    /// The date of an optional date field, when it is there and valid.
    pub fn day(field: &Option<DateField>) -> Option<jiff::civil::Date> {
        field.as_ref().and_then(|d| d.date)
    }
}

/// The frontmatter keys the typed model reads; a test checks that they are exactly the schema's.
pub const FIELD_KEYS: [&str; 11] = [
    "title",
    "type",
    "status",
    "track",
    "supplements",
    "stabilized_at",
    "deprecated_at",
    "rejected_at",
    "replaced_by",
    "replaces",
    "description",
];

/// The keys whose values are lists of document references.
pub const LIST_KEYS: [&str; 3] = ["supplements", "replaced_by", "replaces"];

/// The frontmatter fields of the process, typed. A field whose YAML type does not fit is `None`
/// here; the schema validation reports it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub title: Option<Spanned<String>>,
    pub doc_type: Option<Spanned<String>>,
    pub status: Option<Spanned<String>>,
    pub track: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub stabilized_at: Option<DateField>,
    pub deprecated_at: Option<DateField>,
    pub rejected_at: Option<DateField>,
    pub replaces: Option<RefList>,
    pub replaced_by: Option<RefList>,
    pub supplements: Option<RefList>,
}

impl Fields {
    pub fn from_node(root: &Node) -> Fields {
        let string = |key: &str| -> Option<Spanned<String>> {
            let (k, v) = root.entry(key)?;
            let value = match &v.value {
                Value::Str(s) => s.clone(),
                _ => return None,
            };
            Some(Spanned {
                value,
                span: v.span,
                key_span: k.span,
            })
        };
        let date = |key: &str| -> Option<DateField> {
            let raw = string(key)?;
            let date = parse_iso_date(&raw.value);
            Some(DateField { raw, date })
        };
        let list = |key: &str| -> Option<RefList> {
            let (k, v) = root.entry(key)?;
            let (items, as_string) = match &v.value {
                Value::Str(s) => (
                    vec![Spanned {
                        value: s.clone(),
                        span: v.span,
                        key_span: k.span,
                    }],
                    true,
                ),
                Value::Seq(items) => (
                    items
                        .iter()
                        .filter_map(|i| {
                            i.as_str().map(|s| Spanned {
                                value: s.to_owned(),
                                span: i.span,
                                key_span: k.span,
                            })
                        })
                        .collect(),
                    false,
                ),
                _ => return None,
            };
            Some(RefList {
                items,
                as_string,
                span: v.span,
                key_span: k.span,
            })
        };
        Fields {
            title: string("title"),
            doc_type: string("type"),
            status: string("status"),
            track: string("track"),
            description: string("description"),
            stabilized_at: date("stabilized_at"),
            deprecated_at: date("deprecated_at"),
            rejected_at: date("rejected_at"),
            replaces: list("replaces"),
            replaced_by: list("replaced_by"),
            supplements: list("supplements"),
        }
    }

    pub fn status_is(&self, status: &str) -> bool {
        self.status.as_ref().is_some_and(|s| s.value == status)
    }
}

/// A strict ISO 8601 calendar date `YYYY-MM-DD` (what the process asks for).
pub fn parse_iso_date(s: &str) -> Option<jiff::civil::Date> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    s.parse().ok()
}

/// One document file, loaded once and kept with its source text.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// Path relative to the source folder, with `/` separators.
    pub rel_path: String,
    /// Path as shown in diagnostics.
    pub display: String,
    pub file_name: String,
    pub name: Option<DocName>,
    pub text: String,
    /// Built on first use: most documents never need line numbers.
    lines: std::sync::OnceLock<LineIndex>,
    /// The frontmatter's root node, when it could be read.
    pub frontmatter: Option<Node>,
    pub fields: Fields,
    /// Byte range of the body (after the frontmatter).
    pub body: Span,
    /// Headings with byte ranges in `text` (not relative to the body).
    pub headings: Vec<Heading>,
    /// Links with byte ranges in `text`.
    pub links: Vec<Link>,
    /// Anchors defined by raw HTML (`<a id="…">`).
    pub html_anchors: Vec<String>,
    /// Problems found while reading the file (frontmatter missing, YAML syntax, …).
    pub load_findings: Vec<Diagnostic>,
}

impl Document {
    /// Builds a document from its text; never fails: problems become `load_findings`.
    pub fn parse(
        path: PathBuf,
        rel_path: String,
        display: String,
        name: Option<DocName>,
        text: String,
    ) -> Document {
        let file_name = rel_path.rsplit('/').next().unwrap_or(&rel_path).to_owned();
        let mut doc = Document {
            path,
            rel_path,
            display,
            file_name,
            name,
            lines: std::sync::OnceLock::new(),
            frontmatter: None,
            fields: Fields::default(),
            body: Span::new(0, text.len()),
            headings: Vec::new(),
            links: Vec::new(),
            html_anchors: Vec::new(),
            load_findings: Vec::new(),
            text,
        };
        doc.read_frontmatter();
        doc.read_outline();
        doc
    }

    fn read_frontmatter(&mut self) {
        let text = &self.text;
        match frontmatter::split(text) {
            Split::Missing => {
                let message = if text.trim().is_empty() {
                    "the file is empty: a document starts with a `---` line and its frontmatter"
                } else {
                    "the document has no frontmatter: its first line must be `---`"
                };
                let first_line_end = text.find('\n').unwrap_or(text.len());
                let d = if text.is_empty() {
                    Diagnostic::file(RuleId::MissingFrontmatter, &self.display, message)
                } else {
                    Diagnostic::at(
                        RuleId::MissingFrontmatter,
                        &self.display,
                        text,
                        self.lines(),
                        Span::new(0, first_line_end),
                        message,
                    )
                };
                self.load_findings.push(d.with_help(
                    "start the file with a YAML block between two `---` lines (title, type, status, track)",
                ));
            }
            Split::Unterminated { open } => {
                self.load_findings.push(
                    Diagnostic::at(
                        RuleId::UnterminatedFrontmatter,
                        &self.display,
                        text,
                        self.lines(),
                        open,
                        "the frontmatter is never closed",
                    )
                    .with_label("opened here")
                    .with_help("end the frontmatter with a line that is exactly `---`"),
                );
                self.body = Span::new(text.len(), text.len());
            }
            Split::Found { yaml, body, .. } => {
                self.body = body;
                match frontmatter::parse_yaml(text, yaml) {
                    Ok(Some(node)) if matches!(node.value, Value::Map(_)) => {
                        self.fields = Fields::from_node(&node);
                        self.frontmatter = Some(node);
                    }
                    Ok(other) => {
                        let (span, what) = match &other {
                            Some(n) => (n.span, n.type_name()),
                            None => (yaml, "empty"),
                        };
                        self.load_findings.push(
                            Diagnostic::at(
                                RuleId::FrontmatterNotMapping,
                                &self.display,
                                text,
                                self.lines(),
                                span,
                                format!("the frontmatter must be a mapping of keys to values, found {what}"),
                            )
                            .with_help("write one `key: value` per line"),
                        );
                    }
                    Err(e) => {
                        self.load_findings.push(
                            Diagnostic::at(
                                RuleId::YamlSyntax,
                                &self.display,
                                text,
                                self.lines(),
                                e.span,
                                format!("the frontmatter is not valid YAML: {}", e.message),
                            )
                            .with_label(e.message),
                        );
                    }
                }
            }
        }
    }

    fn read_outline(&mut self) {
        let offset = self.body.start;
        let outline = markdown::outline(self.body_text());
        let shift = |(a, b): (usize, usize)| (a + offset, b + offset);
        self.headings = outline
            .headings
            .into_iter()
            .map(|h| Heading {
                range: shift(h.range),
                ..h
            })
            .collect();
        self.links = outline
            .links
            .into_iter()
            .map(|l| Link {
                range: shift(l.range),
                ..l
            })
            .collect();
        self.html_anchors = outline.html_anchors;
    }

    /// The span of a key's value, or of the key itself, found by a JSON pointer.
    pub fn node_at(&self, segments: &[String], key_node: bool) -> Option<&Node> {
        self.frontmatter.as_ref()?.at_pointer(segments, key_node)
    }

    /// The span of the whole frontmatter mapping (or the file's start when there is none).
    pub fn frontmatter_span(&self) -> Span {
        self.frontmatter
            .as_ref()
            .map_or(Span::new(0, 0), |n| n.span)
    }

    /// The text of [`Self::body`]: the Markdown after the frontmatter.
    pub fn body_text(&self) -> &str {
        self.body.text_in(&self.text)
    }

    /// Line starts of the text, for turning byte offsets into lines and columns.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The version id (`scs-0100-v3`), when the file name parses.
    pub fn id(&self) -> Option<String> {
        self.name.as_ref().map(DocName::id)
    }

    /// A diagnostic at a span of this document.
    pub fn diag(&self, rule: RuleId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(rule, &self.display, &self.text, self.lines(), span, message)
    }

    /// Puts a finding judged elsewhere at a span of this document, or at the whole file.
    pub fn place(&self, d: Diagnostic, span: Option<Span>) -> Diagnostic {
        match span {
            Some(span) => d.placed(&self.display, &self.text, self.lines(), span),
            None => d.in_file(&self.display),
        }
    }

    /// The first key of the frontmatter (else the whole block): where a finding about a field
    /// that is not there is reported.
    pub fn first_key_span(&self) -> Span {
        self.frontmatter
            .as_ref()
            .and_then(|root| root.entries().first().map(|(k, _)| k.span))
            .unwrap_or_else(|| self.frontmatter_span())
    }

    /// The title shown for the document: its `title`, else the text of its first level-1
    /// heading, else its file name without `.md` (the process does not require a `title`).
    pub fn title(&self) -> &str {
        self.fields
            .title
            .as_ref()
            .map(|t| t.value.trim())
            .filter(|t| !t.is_empty())
            .or_else(|| self.heading_title())
            .unwrap_or_else(|| self.file_stem())
    }

    /// The text of the first level-1 heading of the body.
    pub fn heading_title(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// The file name without `.md`.
    pub fn file_stem(&self) -> &str {
        self.file_name
            .strip_suffix(".md")
            .unwrap_or(&self.file_name)
    }

    /// Where the section of the heading at index `i` ends: at the next heading of its level
    /// or above, else at the end of the text.
    pub fn section_end(&self, i: usize) -> usize {
        let Some(h) = self.headings.get(i) else {
            return self.text.len();
        };
        self.headings
            .iter()
            .skip(i + 1)
            .find(|next| next.level <= h.level)
            .map_or(self.text.len(), |next| next.range.0)
    }

    pub fn is_supplement(&self) -> bool {
        self.name
            .as_ref()
            .is_some_and(|n| n.kind == Kind::Supplement)
    }
}
