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
    for d in &corpus.documents {
        if !d.text.contains(MARK) {
            continue;
        }
        let (found, invalid) = read(d);
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

/// The suppressions written in `d`, and the findings about those that are invalid.
fn read(d: &Document) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let text = d.text.as_str();
    let lines = d.lines();
    let body_start = d.body.start;
    let mut found = Vec::new();
    let mut invalid = Vec::new();
    let mut at = 0;
    while let Some(offset) = text.get(at..).and_then(|rest| rest.find(MARK)) {
        let start = at + offset;
        at = start + MARK.len();
        let in_frontmatter = start < body_start;
        let before = text.get(..start).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let prefix = text.get(line_start..start).unwrap_or_default().trim();
        // Only as a comment of its own: `<!--` before it in the body, `#` in the frontmatter.
        let (comment_end, inner) = if in_frontmatter {
            if prefix != "#" {
                continue;
            }
            let end = text
                .get(start..)
                .and_then(|r| r.find('\n'))
                .map_or(text.len(), |n| start + n);
            (end, text.get(start..end).unwrap_or_default())
        } else {
            if !prefix.ends_with("<!--") {
                continue;
            }
            let Some(end) = text.get(start..).and_then(|r| r.find("-->")) else {
                continue;
            };
            (
                start + end + 3,
                text.get(start..start + end).unwrap_or_default(),
            )
        };
        let span = Span::new(start, comment_end.min(text.len()));
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
