//! The default format: rustc-style diagnostics with source snippets (annotate-snippets), and a
//! closing count.

use super::LintOutput;
use crate::diagnostic::{Diagnostic, Severity, Sources};
use crate::lint::Summary;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

pub fn render(lint: &LintOutput<'_>) -> String {
    let mut out = render_findings(lint.diagnostics, &lint.sources, lint.color);
    out.push_str(&summary_line(Summary::of(lint.diagnostics), lint.documents));
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
            let (excerpt, first_line, offset) = excerpt(text, span.start, span.end);
            let rel = (span.start - offset)..(span.end.min(offset + excerpt.len()) - offset);
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
    groups
}

/// The whole lines that contain `start..end`: their text, first line number, and byte offset.
fn excerpt(text: &str, start: usize, end: usize) -> (&str, usize, usize) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    // A span that ends right after a newline (a block value) stops at the line before.
    if end > start && text.as_bytes().get(end - 1) == Some(&b'\n') {
        line_end = end - 1;
    }
    let line_end = line_end.max(line_start);
    let first_line = text[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
    (&text[line_start..line_end], first_line, line_start)
}

/// The closing line of a human run.
pub fn summary_line(summary: Summary, documents: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}, {}",
        plural(documents, "document"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    )
}
