//! The default format: rustc-style diagnostics with source snippets (annotate-snippets), and a
//! closing count.

use super::LintOutput;
use crate::diagnostic::{Diagnostic, Severity, Sources, Span};
use crate::lint::Summary;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::ops::Range;

pub fn render(lint: &LintOutput<'_>) -> String {
    let mut out = render_findings(lint.diagnostics, &lint.sources, lint.color);
    out.push_str(&summary_line(
        Summary::of(lint.diagnostics),
        lint.documents,
        lint.scope_files,
    ));
    out.push('\n');
    out
}

fn render_findings(diagnostics: &[Diagnostic], sources: &Sources<'_>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&renderer.render(&report(d, sources)));
        out.push_str("\n\n");
    }
    out
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn report<'a>(d: &'a Diagnostic, sources: &Sources<'a>) -> Vec<Group<'a>> {
    let title = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.rule.as_str());
    let source = sources.get(d.file.as_str()).copied();
    let mut main = match (d.span, source) {
        (Some(span), Some(text)) => {
            let line = d.start.map(|p| p.line);
            let (excerpt, first_line, offset) = excerpt(text, span.start, span.end, line);
            let rel = relative(excerpt, offset, span);
            let mut annotation = AnnotationKind::Primary.span(rel);
            if let Some(label) = &d.label {
                annotation = annotation.label(label.as_str());
            }
            title.element(
                Snippet::source(excerpt)
                    .line_start(first_line)
                    .path(d.file.as_str())
                    .annotation(annotation),
            )
        }
        _ => {
            let mut origin = Origin::path(d.file.as_str());
            if let Some(p) = d.start {
                origin = origin.line(p.line).char_column(p.column);
            }
            title.element(origin)
        }
    };
    for r in &d.related {
        let mut origin = Origin::path(r.file.as_str());
        if let Some(p) = r.start {
            origin = origin.line(p.line).char_column(p.column);
        }
        main = main
            .element(origin)
            .element(Level::NOTE.message(r.message.as_str()));
    }
    let mut groups = vec![main];
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    if let Some(fix) = &d.fix {
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(format!("fix: {}", fix.note())),
        ));
    }
    groups
}

/// The whole lines around `start..end`, their first line's number, and their offset. `line` is
/// the number of the line of `start` when the finding knows it: counting the lines before it for
/// every finding made a report quadratic in the size of the file (20,000 findings: 20 s).
fn excerpt(text: &str, start: usize, end: usize, line: Option<usize>) -> (&str, usize, usize) {
    // Searched as bytes: `start` and `end` may lie inside a character (a span of a broken
    // input), the line bounds found next to a `\n` or at an end of the text never do.
    let bytes = text.as_bytes();
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    // A line is shown up to WINDOW bytes either side of the span: a file of one long line with
    // many findings would otherwise be scanned (and printed) whole for each of them.
    const WINDOW: usize = 2_000;
    let lo = start.saturating_sub(WINDOW);
    let line_start = match bytes
        .get(lo..start)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
    {
        Some(i) => lo + i + 1,
        None => (lo..=start)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(start),
    };
    let hi = end.saturating_add(WINDOW).min(text.len());
    let mut line_end = match bytes
        .get(end..hi)
        .and_then(|b| b.iter().position(|&c| c == b'\n'))
    {
        Some(i) => end + i,
        None => (end..=hi)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(end),
    };
    // A span that ends right after a newline (a block value) stops at the line before.
    if end > start && bytes.get(end - 1) == Some(&b'\n') {
        line_end = end - 1;
    }
    let line_end = line_end.max(line_start);
    let first_line = line.unwrap_or_else(|| {
        bytes
            .get(..line_start)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    });
    let lines = text.get(line_start..line_end).unwrap_or_default();
    (lines, first_line, line_start)
}

/// `span` relative to an excerpt that starts at byte `offset` of the text, within the excerpt
/// and on character boundaries: annotate-snippets slices the excerpt there. A span of a broken
/// input may start or end inside a character (it then covers that character) or past the text.
fn relative(excerpt: &str, offset: usize, span: Span) -> Range<usize> {
    let within = |at: usize| at.saturating_sub(offset).min(excerpt.len());
    let mut start = within(span.start);
    while !excerpt.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = within(span.end).max(start);
    while !excerpt.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The closing line of a human run.
pub fn summary_line(summary: Summary, documents: usize, scope_files: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let checked = match scope_files {
        0 => plural(documents, "document"),
        n => format!(
            "{} and {}",
            plural(documents, "document"),
            plural(n, "scope file")
        ),
    };
    format!(
        "{checked} checked: {}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{LineIndex, RuleId};

    #[test]
    fn a_long_line_is_shown_around_the_span() {
        let text = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let (shown, line, offset) = excerpt(&text, 5_000, 5_001, Some(1));
        assert_eq!((line, offset, shown.len()), (1, 3_000, 4_001));
        assert!(shown.contains('X'));
        // Inside a character the window still starts on one.
        let text = "é".repeat(3_000);
        let (shown, _, _) = excerpt(&text, 3_001, 3_001, None);
        assert!(!shown.is_empty());
    }

    #[test]
    fn excerpt_is_whole_lines() {
        let text = "a: 1\nb: é\nc: 3\n";
        assert_eq!(excerpt(text, 5, 10, None), ("b: é", 2, 5));
        assert_eq!(excerpt(text, 5, 11, None), ("b: é", 2, 5));
        assert_eq!(excerpt(text, 5, 12, None), ("b: é\nc: 3", 2, 5));
    }

    /// A span that starts or ends inside a character (here inside the two bytes of `é`, at 9)
    /// used to panic when the text around it was sliced; the excerpt is still its whole lines.
    #[test]
    fn excerpt_of_a_span_inside_a_character() {
        let text = "a: 1\nb: é\nc: 3\n";
        assert!(!text.is_char_boundary(9));
        assert_eq!(excerpt(text, 8, 9, None), ("b: é", 2, 5));
        assert_eq!(excerpt(text, 9, 9, None), ("b: é", 2, 5));
        assert_eq!(excerpt(text, 9, 13, None), ("b: é\nc: 3", 2, 5));
        assert_eq!(excerpt(text, 99, 100, None), ("", 4, 16));
    }

    #[test]
    fn a_finding_inside_a_character_renders() {
        let text = "---\nb: é\n---\n";
        let lines = LineIndex::new(text);
        let d = Diagnostic::at(
            RuleId::YamlSyntax,
            "x.md",
            text,
            &lines,
            Span::new(8, 9),
            "a finding",
        );
        let sources: Sources<'_> = [("x.md", text)].into();
        let out = render_findings(&[d], &sources, false);
        assert!(out.contains("b: é"), "{out}");
    }

    #[test]
    fn relative_spans_end_on_characters() {
        let excerpt = "b: é";
        assert_eq!(relative(excerpt, 5, Span::new(8, 10)), 3..5);
        assert_eq!(relative(excerpt, 5, Span::new(8, 9)), 3..5);
        assert_eq!(relative(excerpt, 5, Span::new(9, 10)), 3..5);
        assert_eq!(relative(excerpt, 5, Span::new(5, 99)), 0..5);
        assert_eq!(relative(excerpt, 5, Span::new(99, 100)), 5..5);
    }
}
