//! Findings are data: every rule produces `Diagnostic` values, never errors. A finding of the
//! files, of a change, or of a commit in the history is the same type.

pub use crate::rules::{RuleId, Severity};
use serde::Serialize;

/// A byte range in a document's source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The text of this span in `text`, or `""` when the span does not lie within `text` on
    /// character boundaries (slicing would panic there).
    pub fn text_in(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// A 1-based line and a 1-based column counted in characters (as editors and rustc do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of one text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The position of a byte offset; offsets inside a character or past the end are clamped.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        #[expect(
            clippy::indexing_slicing,
            reason = "line_starts[0] is 0 <= offset: the partition point is >= 1, `line` < len"
        )]
        let start = self.line_starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// Byte offset of a 1-based line and 0-based character column, clamped to the line's end.
    pub fn offset(&self, text: &str, line: usize, char_col: usize) -> usize {
        let Some(start) = self.line_start(line) else {
            return text.len();
        };
        let rest = text.get(start..).unwrap_or_default();
        let line = rest.split('\n').next().unwrap_or(rest);
        let line_len = line.len();
        line.char_indices()
            .nth(char_col)
            .map_or(start + line_len, |(i, _)| start + i)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

/// The source texts of the files findings point at, by their displayed path (for snippets).
pub type Sources<'a> = std::collections::HashMap<&'a str, &'a str>;

/// A machine-applicable change that would resolve a finding, and whether `lint --fix` may make it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    #[serde(flatten)]
    pub change: FixChange,
    pub applicability: Applicability,
}

/// What a fix changes: bytes of the file, or its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FixChange {
    /// Replace the bytes `span` of the file with `replacement`.
    Replace {
        #[serde(rename = "bytes")]
        span: Span,
        replacement: String,
    },
    /// Give the file this name in its folder. Never made by `lint --fix`: what links to the file
    /// must follow, and an accepted document's URL would change.
    Rename { rename_to: String },
}

impl Fix {
    /// A replacement of `span` with `replacement`.
    pub fn replace(
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        Fix {
            description: description.into(),
            change: FixChange::Replace {
                span,
                replacement: replacement.into(),
            },
            applicability,
        }
    }

    /// A new name for the file: always a suggestion ([`FixChange::Rename`]).
    pub fn rename(description: impl Into<String>, to: impl Into<String>) -> Self {
        Fix {
            description: description.into(),
            change: FixChange::Rename {
                rename_to: to.into(),
            },
            applicability: Applicability::Unsafe,
        }
    }

    /// What the fix does and who makes it, as the reports say it.
    pub fn note(&self) -> String {
        let how = match self.applicability {
            Applicability::Safe => "`normwerk lint --fix` makes it",
            Applicability::Unsafe => "unsafe, so only suggested: review it and make it by hand",
        };
        format!("{} ({how})", self.description)
    }

    /// The byte range and its replacement, for a fix that edits the text.
    pub fn replacement(&self) -> Option<(Span, &str)> {
        match &self.change {
            FixChange::Replace { span, replacement } => Some((*span, replacement)),
            FixChange::Rename { .. } => None,
        }
    }
}

/// Whether a fix keeps the document meaning what it meant (as ruff tells safe fixes from unsafe
/// ones): `lint --fix` makes safe fixes only and shows the others as suggestions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Only the form changes (a string written as a one-item list), never what is said.
    Safe,
    /// What is said may change (a document renamed, a date chosen): a person decides.
    Unsafe,
}

/// A secondary place that explains a finding, possibly in another file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: String,
    #[serde(skip)]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Position>,
    pub message: String,
}

/// The commit a finding of the history was made by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommitNote {
    pub id: String,
    /// ISO 8601 with the committer's offset.
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    /// Path of the file as given or found, relative to the working directory when possible.
    pub file: String,
    #[serde(skip)]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Position>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// For findings of the history: the commit that broke the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<CommitNote>,
}

impl Diagnostic {
    /// A finding about a whole file (no position).
    pub fn file(rule: RuleId, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            file: file.to_owned(),
            span: None,
            start: None,
            end: None,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
            commit: None,
        }
    }

    /// A finding judged before its place is known (the shared lifecycle rules): the caller
    /// puts it at a file with [`Diagnostic::in_file`] or at a span with `Document::place`.
    pub fn unplaced(rule: RuleId, message: impl Into<String>) -> Self {
        Diagnostic::file(rule, "", message)
    }

    /// The finding about a whole file.
    pub fn in_file(mut self, file: &str) -> Self {
        file.clone_into(&mut self.file);
        self
    }

    /// The finding at a span of a file whose text and line index are known.
    pub fn placed(mut self, file: &str, text: &str, lines: &LineIndex, span: Span) -> Self {
        file.clone_into(&mut self.file);
        self.span = Some(span);
        self.start = Some(lines.position(text, span.start));
        self.end = Some(lines.position(text, span.end));
        self
    }

    /// A finding at a span of a file whose text and line index are known.
    pub fn at(
        rule: RuleId,
        file: &str,
        text: &str,
        lines: &LineIndex,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::file(rule, file, message).placed(file, text, lines, span)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(self, fix: Fix) -> Self {
        self.with_fix_opt(Some(fix))
    }

    /// The fix, when there is one.
    pub fn with_fix_opt(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.or(self.fix);
        self
    }

    pub fn with_commit(mut self, commit: CommitNote) -> Self {
        self.commit = Some(commit);
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// Sort key: file, then position, then rule.
    /// The text the finding points at, to know it by when its line moves (baselines, stable
    /// fingerprints): the first line of its span with white space collapsed (the rest of the
    /// line for a span of nothing), at most 200 characters; empty for a finding about a file.
    pub fn pointed_text(&self, sources: &Sources<'_>) -> String {
        let Some((span, text)) = self.span.zip(sources.get(self.file.as_str())) else {
            return String::new();
        };
        let from = text.get(span.start..).unwrap_or_default();
        let pointed = from
            .get(..span.end.saturating_sub(span.start))
            .unwrap_or(from);
        let pointed = match pointed.trim().is_empty() {
            true => from,
            false => pointed,
        };
        let line = pointed.trim_start().lines().next().unwrap_or_default();
        let collapsed: Vec<&str> = line.split_whitespace().collect();
        collapsed.join(" ").chars().take(200).collect()
    }

    pub fn sort_key(&self) -> (&str, usize, usize, &'static str, &str) {
        let (line, column) = self.start.map_or((0, 0), |p| (p.line, p.column));
        (&self.file, line, column, self.rule.as_str(), &self.message)
    }
}

/// Counts of findings per severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_text_within_the_text() {
        let text = "b: é\n";
        assert_eq!(Span::new(3, 5).text_in(text), "é");
        assert_eq!(Span::new(0, 6).text_in(text), "b: é\n");
    }

    /// A span inside a character or past the end has no text (slicing would panic).
    #[test]
    fn span_text_outside_the_text_is_empty() {
        let text = "b: é\n";
        assert_eq!(Span::new(3, 4).text_in(text), "");
        assert_eq!(Span::new(4, 5).text_in(text), "");
        assert_eq!(Span::new(2, 99).text_in(text), "");
    }

    #[test]
    fn positions_count_characters() {
        let text = "a: 1\nb: éé\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 10), Position { line: 2, column: 5 });
        // Inside a character: the column of that character.
        assert_eq!(lines.position(text, 11), Position { line: 2, column: 5 });
        assert_eq!(lines.offset(text, 2, 4), 10);
        assert_eq!(lines.offset(text, 2, 99), 12);
        assert_eq!(lines.offset(text, 9, 0), text.len());
    }
}
