//! Suppressions written in documents: a finding the authors have judged and accepted is left
//! out where it is, with the reason beside it.
//!
//! - `<!-- normwerk-ignore RULE: reason -->` in the body: findings of RULE on the lines of the
//!   next block (from the line after the comment to the next blank line).
//! - `# normwerk-ignore RULE: reason` in the frontmatter (a YAML comment): the next line.
//! - `<!-- normwerk-ignore-file RULE: reason -->` anywhere: findings of RULE anywhere in the file.
//!
//! Several rules are separated by commas. A suppression without a reason or with an unknown
//! rule is a finding ([`RuleId::SuppressionInvalid`]); one that no finding matched is one too
//! ([`RuleId::SuppressionUnused`]), so that suppressions do not outlive what they were for.

use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::rules::RuleId;
use rayon::prelude::*;

/// One suppression, as written.
#[derive(Debug)]
struct Suppression {
    rules: Vec<RuleId>,
    /// The lines (1-based, inclusive) it covers; `None`: the whole file.
    lines: Option<(usize, usize)>,
    /// Where it is written.
    span: Span,
    used: bool,
}

const MARK: &str = "normwerk-ignore";

/// Leaves out the findings of `corpus` that its documents suppress, and adds a finding for each
/// suppression that is invalid or, among those whose rules were all `judged`, matched nothing
/// (a suppression of a rule of the change, say, is judged only when the change was).
pub fn apply(
    corpus: &Corpus,
    findings: Vec<Diagnostic>,
    judged: impl Fn(RuleId) -> bool,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut written: Vec<(&Document, Vec<Suppression>)> = Vec::new();
    let mut about = Vec::new();
    let mut kept = Vec::new();
    // Every text searched for the mark on all cores, with memchr's search: `str::contains`
    // on one core took 10 ms of a 10,000-document build.
    let marked: Vec<_> = corpus
        .documents
        .par_iter()
        .filter(|d| memchr::memmem::find(d.text.as_bytes(), MARK.as_bytes()).is_some())
        .map(|d| (d, read(d)))
        .collect();
    for (d, (found, invalid)) in marked {
        about.extend(invalid);
        if !found.is_empty() {
            written.push((d, found));
        }
    }
    if written.is_empty() {
        return (findings, about);
    }
    for f in findings {
        let place = written.iter_mut().find(|(d, _)| d.display == f.file);
        let line = f.start.map(|p| p.line);
        let covered = place.and_then(|(_, list)| {
            list.iter_mut().find(|s| {
                s.rules.contains(&f.rule)
                    && match (s.lines, line) {
                        (None, _) => true,
                        (Some((from, to)), Some(l)) => from <= l && l <= to,
                        (Some(_), None) => false,
                    }
            })
        });
        match covered {
            Some(s) => s.used = true,
            None => kept.push(f),
        }
    }
    for (d, list) in &written {
        for s in list.iter().filter(|s| !s.used) {
            if s.rules.iter().all(|&r| judged(r)) {
                let names: Vec<&str> = s.rules.iter().map(|r| r.as_str()).collect();
                about.push(
                    d.diag(
                        RuleId::SuppressionUnused,
                        s.span,
                        format!("no finding of {} is left out here", names.join(", ")),
                    )
                    .with_label("matches nothing")
                    .with_help(
                        "remove the comment: what it was for is gone (or it is in the wrong place)",
                    ),
                );
            }
        }
    }
    (kept, about)
}

/// A comment that holds a suppression: where it is, what it says after the mark's start, and
/// whether it is in the frontmatter.
struct Comment {
    span: Span,
    inner: String,
    in_frontmatter: bool,
}

/// The comments of `d` that start with the mark: YAML comments on lines of their own at the top
/// level of the frontmatter, and HTML comments of the body as Markdown reads it (not in code
/// blocks or code spans: an example of a suppression is no suppression). Marks elsewhere in the
/// frontmatter, where a reader would take them for one, are findings.
fn comments(d: &Document) -> (Vec<Comment>, Vec<Diagnostic>) {
    let text = d.text.as_str();
    let body_start = d.body.start;
    let mut found = Vec::new();
    let mut invalid = Vec::new();
    let frontmatter = text.get(..body_start).unwrap_or_default();
    let mut offset = 0;
    for line in frontmatter.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(at) = line.find(MARK) else { continue };
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = body.strip_prefix('#') {
            found.push(Comment {
                span: Span::new(start, start + body.len()),
                inner: rest.trim().to_owned(),
                in_frontmatter: true,
            });
        } else if !line.starts_with([' ', '\t'])
            && (body.contains("# normwerk-ignore") || body.contains("<!--"))
        {
            // At the end of a key's line, or an HTML comment: YAML reads neither as asked.
            invalid.push(
                d.diag(
                    RuleId::SuppressionInvalid,
                    Span::new(start + at, start + body.len()),
                    "in the frontmatter a suppression is a YAML comment on a line of its own, \
                     before the line it is for",
                )
                .with_label("not a suppression")
                .with_help("write `# normwerk-ignore RULE: reason` on the line above"),
            );
        }
        // Indented: the text of a block scalar or a nested value, not a comment of the document.
    }
    let body = text.get(body_start..).unwrap_or_default();
    if body.contains(MARK) {
        use pulldown_cmark::{Event, Parser, Tag};
        for (event, range) in Parser::new(body).into_offset_iter() {
            let html = matches!(event, Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_));
            let chunk = body.get(range.clone()).unwrap_or_default();
            if !html || !chunk.contains(MARK) {
                continue;
            }
            let mut at = 0;
            while let Some(open) = chunk.get(at..).and_then(|r| r.find("<!--")) {
                let from = at + open + 4;
                let Some(close) = chunk.get(from..).and_then(|r| r.find("-->")) else {
                    break;
                };
                let inner = chunk.get(from..from + close).unwrap_or_default().trim();
                at = from + close + 3;
                if inner.starts_with(MARK) {
                    let begin = body_start + range.start + from - 4;
                    found.push(Comment {
                        span: Span::new(begin, body_start + range.start + at),
                        inner: inner.to_owned(),
                        in_frontmatter: false,
                    });
                }
            }
        }
    }
    (found, invalid)
}

/// The suppressions written in `d`, and the findings about those that are invalid.
fn read(d: &Document) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let text = d.text.as_str();
    let lines = d.lines();
    let (written, mut invalid) = comments(d);
    let mut found = Vec::new();
    for Comment {
        span,
        inner,
        in_frontmatter,
    } in written
    {
        let comment_end = span.end;
        let (whole_file, rest) = match inner.strip_prefix("normwerk-ignore-file") {
            Some(rest) => (true, rest),
            None => (false, inner.get(MARK.len()..).unwrap_or_default()),
        };
        let bad = |message: String| {
            d.diag(RuleId::SuppressionInvalid, span, message)
                .with_label("not a suppression")
                .with_help("write `normwerk-ignore RULE: reason` (rule ids: `normwerk rules`)")
        };
        let Some((names, reason)) = rest.split_once(':') else {
            invalid.push(bad(
                "a suppression names its rules and gives a reason after a colon".into(),
            ));
            continue;
        };
        if reason.trim().is_empty() {
            invalid.push(bad("a suppression needs a reason after the colon".into()));
            continue;
        }
        let mut rules = Vec::new();
        for name in names.split(',').map(str::trim) {
            match RuleId::parse(name) {
                Some(r) => rules.push(r),
                None => invalid.push(bad(format!("`{name}` is not a rule"))),
            }
        }
        if rules.is_empty() {
            continue;
        }
        let lines_covered = match whole_file {
            true => None,
            false => {
                let next = lines.position(text, comment_end).line + 1;
                let end_of_block = next_block_end(text, lines, comment_end, in_frontmatter);
                Some((next, end_of_block.max(next)))
            }
        };
        found.push(Suppression {
            rules,
            lines: lines_covered,
            span,
            used: false,
        });
    }
    (found, invalid)
}

/// The last line (1-based) of what a suppression ending at `end` covers: in the frontmatter the
/// next line, in the body the next block (up to a blank line).
fn next_block_end(
    text: &str,
    lines: &crate::diagnostic::LineIndex,
    end: usize,
    in_frontmatter: bool,
) -> usize {
    let after = text.get(end..).unwrap_or_default();
    // Past the rest of the comment's own line.
    let skip = after.find('\n').map_or(after.len(), |n| n + 1);
    let from = end + skip;
    let next_line = lines.position(text, from).line;
    if in_frontmatter {
        return next_line;
    }
    // The block's lines: those up to the first blank one (none when the next line is blank).
    let block = text
        .get(from..)
        .unwrap_or_default()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .count();
    next_line + block.saturating_sub(1)
}
