//! The normative statements of a Stable document judged between the base and the working tree
//! (`lint --base`): the rules of `lifecycle::rules::judge_normative`, placed at the line of the
//! new statement, or for a removal at the line where it stood.

use crate::config::Profile;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::lifecycle::normative::{self, Statement};
use crate::lifecycle::snapshot::Snapshot;
use crate::lifecycle::{History, HistoryError, WalkOptions, rules, walk_if_repository};
use similar::TextDiff;
use std::path::Path;

/// The statements each document had when it first became Stable. They come from the history
/// walk of the source's repository (one pass, as `normwerk history`): the walk `lint --history`
/// made anyway, else one made only when a Stable document's statements changed. Without a
/// repository, no change is recognised as a return; a damaged one is an error of the run.
#[derive(Debug)]
pub struct Stabilised<'a> {
    source: &'a Path,
    profile: &'a Profile,
    history: Option<Option<History>>,
    error: Option<HistoryError>,
}

impl<'a> Stabilised<'a> {
    pub fn new(source: &'a Path, profile: &'a Profile) -> Stabilised<'a> {
        Stabilised {
            source,
            profile,
            history: None,
            error: None,
        }
    }

    /// From a history already walked.
    pub fn walked(source: &'a Path, profile: &'a Profile, history: History) -> Stabilised<'a> {
        Stabilised {
            history: Some(Some(history)),
            ..Stabilised::new(source, profile)
        }
    }

    /// The history, if it was walked.
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref().and_then(Option::as_ref)
    }

    /// The error of a walk that failed (the repository could not be read).
    pub fn take_error(&mut self) -> Option<HistoryError> {
        self.error.take()
    }

    /// The statements at stabilisation of the document at any of `rel_paths` (relative to the
    /// source folder).
    fn of(&mut self, rel_paths: &[&str]) -> Option<&[Statement]> {
        let history = self.history.get_or_insert_with(|| {
            walk_if_repository(self.source, self.profile, &WalkOptions::default()).unwrap_or_else(
                |e| {
                    self.error = Some(e);
                    None
                },
            )
        });
        let h = history.as_ref()?;
        let prefix = if h.folder.is_empty() {
            String::new()
        } else {
            format!("{}/", h.folder)
        };
        let wanted: Vec<String> = rel_paths.iter().map(|p| format!("{prefix}{p}")).collect();
        h.documents
            .iter()
            .rev()
            .find(|t| t.paths.iter().any(|p| wanted.contains(p)))
            .and_then(|t| t.stabilised.as_deref())
    }
}

/// Every changed normative statement from `old` to `now`, as findings at their lines; returns
/// how many statements changed.
pub fn check<'a>(
    doc: &Document,
    (old_path, old): (&str, &Snapshot),
    now: &Snapshot,
    (stabilised, diff): (&mut Stabilised<'_>, Option<&TextDiff<'a, 'a, 'a, str>>),
    out: &mut Vec<Diagnostic>,
) -> usize {
    let (before, after) = (old.statements(), now.statements());
    // Only a change of statements needs the text at stabilisation (a walk of the history).
    if normative::compare(before, after, None).is_empty() {
        return 0;
    }
    let at_stable = stabilised.of(&[&doc.rel_path, old_path]);
    let changes = normative::compare(before, after, at_stable);
    let line_map = LineMap {
        ops: diff.map_or(&[][..], |d| d.ops()),
    };
    for c in &changes {
        let offset = match (c.new, c.old) {
            (Some(n), _) => n.offset,
            (None, Some(o)) => line_map.new_offset(&old.body, &now.body, o.offset),
            (None, None) => 0,
        };
        let at = doc.body.start + offset.min(now.body.len());
        let label = if c.new.is_some() {
            "this statement"
        } else {
            "the statement stood here"
        };
        let f = rules::judge_normative(c);
        out.push(doc.place(f, Some(line_span(doc, at))).with_label(label));
    }
    changes.len()
}

/// Where each line of the old body went in the new one (by the line diff, when the bodies were
/// small enough for one; else everything maps to the start).
struct LineMap<'d> {
    ops: &'d [similar::DiffOp],
}

impl LineMap<'_> {
    /// The offset in `new` of the line that took the place of the one at `offset` in `old`.
    fn new_offset(&self, old: &str, new: &str, offset: usize) -> usize {
        let line = old
            .get(..offset)
            .map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count());
        let Some(op) = self.ops.iter().find(|op| op.old_range().contains(&line)) else {
            return 0;
        };
        let target = match op {
            similar::DiffOp::Equal { .. } => op.new_range().start + (line - op.old_range().start),
            _ => op.new_range().start,
        };
        new.split_inclusive('\n').take(target).map(str::len).sum()
    }
}

/// The whole line at byte `at` of the document.
fn line_span(doc: &Document, at: usize) -> Span {
    let start = doc
        .text
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let rest = doc.text.get(start..).unwrap_or_default();
    let line = rest.split('\n').next().unwrap_or(rest);
    Span::new(start, start + line.strip_suffix('\r').unwrap_or(line).len())
}
