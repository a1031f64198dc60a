//! `normwerk history`: the section of each scope file (its events, then when each scope version
//! was added, stabilised, became effective and was pruned).

use crate::lifecycle::first_chars;
use crate::lifecycle::scopes::{Code, Milestone, ScopeChange, ScopeTimeline};
use std::fmt::Write as _;

pub fn describe(change: &ScopeChange) -> String {
    let list = |items: &[String]| items.join(", ");
    match change {
        ScopeChange::FileAdded { path } => format!("scope file added: {path}"),
        ScopeChange::FileRenamed { from, to } => format!("scope file renamed from {from} to {to}"),
        ScopeChange::FileDeleted { path } => format!("scope file deleted: {path}"),
        ScopeChange::Unreadable { note } => format!("this version does not parse, skipped: {note}"),
        ScopeChange::VersionAdded {
            version,
            stabilized_at,
            standards,
        } => {
            let stable = stabilized_at
                .as_ref()
                .map(|s| format!(", stabilized_at {s}"))
                .unwrap_or_default();
            format!("version {version} added{stable}: {}", list(standards))
        }
        ScopeChange::VersionStabilized {
            version,
            stabilized_at,
        } => format!("version {version} stabilised (stabilized_at {stabilized_at})"),
        ScopeChange::VersionChanged {
            version,
            modules_added,
            modules_removed,
            parameters_changed,
            standards_entered,
            standards_left,
            stabilized_at,
        } => {
            let mut parts = Vec::new();
            for (label, items) in [
                ("modules +", modules_added),
                ("modules -", modules_removed),
                ("parameters of ", parameters_changed),
                ("standards entered: ", standards_entered),
                ("standards left: ", standards_left),
            ] {
                if !items.is_empty() {
                    parts.push(format!("{label}{}", list(items)));
                }
            }
            if let Some((from, to)) = stabilized_at {
                let d = |s: &Option<String>| s.clone().unwrap_or_else(|| "(none)".to_owned());
                parts.push(format!("stabilized_at {} → {}", d(from), d(to)));
            }
            format!("version {version} changed: {}", parts.join("; "))
        }
        ScopeChange::VersionRenamed { from, to } => format!("version {from} renamed to {to}"),
        ScopeChange::VersionPruned { version } => format!("version {version} pruned"),
        ScopeChange::TimelineEntryAdded { date, codes } => {
            format!("timeline from {date}: {}", code_list(codes))
        }
        ScopeChange::TimelineEntryChanged { date, from, to } => format!(
            "timeline entry of {date} changed: {} (was {})",
            code_list(to),
            code_list(from)
        ),
        ScopeChange::TimelineEntryPruned { date } => format!("timeline entry of {date} pruned"),
    }
}

fn code_list(codes: &[Code]) -> String {
    if codes.is_empty() {
        return "no version listed".to_owned();
    }
    codes
        .iter()
        .map(|c| format!("{} {}", c.version, c.code))
        .collect::<Vec<_>>()
        .join(", ")
}

fn milestone(m: &Milestone) -> String {
    format!("{} ({})", m.date, first_chars(&m.commit, 10))
}

/// One scope file's section (its findings are added by the caller, as for documents).
pub fn render(t: &ScopeTimeline) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  (scope {})", t.path, t.id);
    for e in &t.events {
        let _ = writeln!(
            out,
            "  {}  {}  {}  — {}",
            e.commit.day(),
            e.commit.short(),
            describe(&e.change),
            e.commit.author
        );
    }
    if !t.versions.is_empty() {
        out.push_str("  versions:\n");
    }
    for v in &t.versions {
        let mut line = format!("    {}: added {}", v.version, milestone(&v.added));
        if let Some(s) = &v.stabilized_at {
            let _ = write!(line, ", stabilized_at {s}");
        }
        match &v.effective_from {
            Some(m) => {
                let _ = write!(line, ", effective from {}", milestone(m));
            }
            None => line.push_str(", never effective"),
        }
        if let Some(p) = &v.pruned {
            let _ = write!(line, ", pruned {}", milestone(p));
        }
        let _ = writeln!(out, "{line}");
    }
    out
}
