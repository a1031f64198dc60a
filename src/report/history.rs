//! `normwerk history`: lifecycle timelines and the corpus summary for people, or JSON.

use crate::diagnostic::Diagnostic;
use crate::lifecycle::{Change, History, Timeline, first_chars};
use std::fmt::Write as _;

pub fn describe(change: &Change) -> String {
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "(no status)".to_owned());
    match change {
        Change::Added { path, status, from } => {
            let moved = from
                .as_ref()
                .map(|f| format!(" (moved in from {f})"))
                .unwrap_or_default();
            match status {
                Some(s) => format!("added as {s}: {path}{moved}"),
                None => format!("added: {path}{moved}"),
            }
        }
        Change::AlreadyThere { path, status } => match status {
            Some(s) => format!("already there as {s} (history before is not visible): {path}"),
            None => format!("already there (history before is not visible): {path}"),
        },
        Change::Renamed {
            from,
            to,
            similarity,
        } => {
            let file = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
            format!(
                "renamed from {} to {} ({similarity}% of lines kept)",
                file(from),
                file(to)
            )
        }
        Change::StatusChanged { from, to } => format!("status {} → {}", opt(from), opt(to)),
        Change::FieldsChanged { fields } => {
            let list: Vec<String> = fields
                .iter()
                .map(|f| match (&f.from, &f.to) {
                    (None, Some(v)) => format!("+{} {}", f.field, short(v)),
                    (Some(_), None) => format!("-{}", f.field),
                    (_, Some(v)) => format!("{} {}", f.field, short(v)),
                    (None, None) => f.field.clone(),
                })
                .collect();
            format!("fields: {}", list.join(", "))
        }
        Change::BodyChanged {
            lines_added,
            lines_removed,
            normative_added,
            normative_removed,
        } => {
            let mut s = format!("body +{lines_added} -{lines_removed} lines");
            if normative_added + normative_removed > 0 {
                let _ = write!(s, " (normative +{normative_added} -{normative_removed})");
            }
            s
        }
        Change::Deleted { path } => format!("deleted: {path}"),
        Change::Era { note } => format!("older process: {note}"),
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let s = s.replace('\n', " ");
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(39).collect::<String>())
    } else {
        s
    }
}

/// `normwerk history`'s human output: each document's timeline with the rules its commits broke
/// (unless `summary_only`), then the summary of the whole history.
pub fn render_human(history: &History, summary_only: bool) -> String {
    let mut out = String::new();
    if !summary_only {
        for t in &history.documents {
            let own: Vec<&Diagnostic> = history
                .violations
                .iter()
                .filter(|v| t.paths.contains(&v.file))
                .collect();
            out.push_str(&render_timeline(t, &own));
            out.push('\n');
        }
        for t in &history.scopes {
            let own: Vec<&Diagnostic> = history
                .violations
                .iter()
                .filter(|v| t.paths.contains(&v.file))
                .collect();
            out.push_str(&super::scope_history::render(t));
            out.push_str(&violation_lines(&own));
            out.push('\n');
        }
    }
    out.push_str(&render_summary(history));
    out
}

/// The history as JSON (`schemas/history.schema.json`).
pub fn render_json(history: &History) -> String {
    crate::index::to_json(history)
}

/// What a finding is called: a rule broken (an error), a warning, or something worth a look.
fn kind(v: &Diagnostic) -> &'static str {
    match v.severity {
        crate::diagnostic::Severity::Error => "violation",
        crate::diagnostic::Severity::Warning => "warning",
        crate::diagnostic::Severity::Info => "info",
    }
}

/// The commit of a violation: the day and the short id.
fn commit_of(v: &Diagnostic) -> (&str, &str) {
    v.commit.as_ref().map_or(("", ""), |c| {
        (first_chars(&c.date, 10), first_chars(&c.id, 10))
    })
}

fn render_timeline(t: &Timeline, violations: &[&Diagnostic]) -> String {
    let mut out = String::new();
    let state = match (&t.status, t.exists) {
        (_, false) => "deleted".to_owned(),
        (Some(s), true) => s.clone(),
        (None, true) => "no status".to_owned(),
    };
    let _ = writeln!(out, "{}  ({state})", t.path);
    for e in &t.events {
        let date = first_chars(&e.commit.author_date, 10);
        let committed = e.commit.day();
        let dates = if date == committed {
            date.to_owned()
        } else {
            format!("{date} (committed {committed})")
        };
        let _ = writeln!(
            out,
            "  {dates}  {}  {}  — {}",
            e.commit.short(),
            describe(&e.change),
            e.commit.author
        );
    }
    out.push_str(&violation_lines(violations));
    out
}

/// The findings of one timeline, a line each.
fn violation_lines(violations: &[&Diagnostic]) -> String {
    let mut out = String::new();
    for v in violations {
        let (day, commit) = commit_of(v);
        let _ = writeln!(
            out,
            "  {}[{}] {day} {commit}: {}",
            kind(v),
            v.rule,
            v.message
        );
    }
    out
}

fn render_summary(history: &History) -> String {
    let s = history.summary();
    let mut out = String::new();
    if history.shallow {
        out.push_str(
            "note: this is a shallow clone: documents seen first at its boundary start their \
             timeline there, and how they entered is not judged\n",
        );
    }
    for b in &history.boundaries {
        let _ = writeln!(
            out,
            "shallow clone: history before {} ({}) is not visible; {} documents were already there",
            first_chars(&b.commit_date, 10),
            first_chars(&b.commit, 10),
            b.documents
        );
    }
    for m in &history.folder_moves {
        let _ = writeln!(
            out,
            "the standards folder moved from {} to {} on {} ({}); its documents' timelines go on",
            m.from,
            m.to,
            first_chars(&m.commit_date, 10),
            first_chars(&m.commit, 10)
        );
    }
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let _ = writeln!(
        out,
        "{} ({}); {} ever, {} of them at commit {}; {}",
        plural(s.commits, "commit", "commits"),
        if history.first_parent {
            "first-parent"
        } else {
            "all parents"
        },
        plural(s.documents, "document", "documents"),
        s.existing,
        first_chars(&history.head, 10),
        plural(s.renames, "rename", "renames")
    );
    out.push_str("transitions:\n");
    for (t, n) in &s.transitions {
        let _ = writeln!(out, "  {t}: {n}");
    }
    let _ = writeln!(
        out,
        "violations: {}, warnings: {}, infos: {}",
        s.violations, s.warnings, s.infos
    );
    if !s.normative.is_empty() {
        let counts: Vec<String> = s
            .normative
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        let total: usize = s.normative.iter().map(|(_, n)| n).sum();
        let _ = writeln!(
            out,
            "  changed normative statements of Stable documents: {total} ({})",
            counts.join(", ")
        );
    }
    for v in &history.violations {
        let (day, commit) = commit_of(v);
        let _ = writeln!(
            out,
            "  {day} {commit} {}: {}[{}]: {}",
            v.file,
            kind(v),
            v.rule,
            v.message
        );
    }
    out
}
