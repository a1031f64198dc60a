//! The rules of the scope process (scs-0003, *Process*), judged between two versions of a scope
//! file: a stable version's descriptor is not changed, and a timeline entry that has begun is
//! not rewritten. Deleting a version or an old entry is pruning, which the process allows.
//! Shared like the document rules: `history` judges each commit, `lint --base` the change from
//! a revision to the working tree.

use crate::diagnostic::Diagnostic;
use crate::lifecycle::scopes::view::{EntryView, FileView, Include, VersionView};
use crate::rules::RuleId;
use jiff::civil::Date;

/// What a finding is about, so that the caller can place it in the file as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A scope version, by name.
    Version(String),
    /// A timeline entry, by its date as written.
    Entry(String),
}

#[derive(Debug, Clone)]
pub struct ScopeFinding {
    pub element: Element,
    pub diagnostic: Diagnostic,
}

/// How long a timeline entry must have been over before it may be deleted (scs-0003: "not
/// been valid for at least 6 months").
const PRUNE_AFTER_MONTHS: i8 = 6;

/// The findings of the step from `old` to `new`, made on `day` (a commit's day, or today for a
/// change not yet committed).
pub fn judge_scope_step(old: &FileView, new: &FileView, day: Date) -> Vec<ScopeFinding> {
    let mut out = Vec::new();
    for o in &old.versions {
        if let Some(f) = judge_version(o, old, new) {
            out.push(f);
        }
    }
    for o in &old.timeline {
        if let Some(f) = judge_entry(o, old, new, day) {
            out.push(f);
        }
    }
    for n in new.timeline.iter().filter(|n| old.entry(&n.date).is_none()) {
        if let Some(f) = judge_backdated(n, old, day) {
            out.push(f);
        }
    }
    out
}

/// scope-timeline-rewritten, for an entry added with a date already past: it rewrites periods
/// that had begun when it changes a version's validity from its date on. (Adding the first
/// timeline of a file, or an entry that changes nothing, rewrites nothing.)
fn judge_backdated(new: &EntryView, before: &FileView, day: Date) -> Option<ScopeFinding> {
    let start = new.day?;
    if start >= day {
        return None;
    }
    // The period of the file before the change that the new entry cuts into.
    let covering = before
        .timeline
        .iter()
        .filter(|e| e.day.is_some_and(|d| d < start))
        .max_by_key(|e| e.day)?;
    // Draft and deprecated both certify nothing: a change between them rewrites no certificate.
    let certifies = |c: &Option<String>| matches!(c.as_deref(), Some("effective" | "warn"));
    let changes = code_changes(covering, new, |a, b| certifies(a) || certifies(b));
    if changes.is_empty() {
        return None;
    }
    Some(ScopeFinding {
        element: Element::Entry(new.date.clone()),
        diagnostic: Diagnostic::unplaced(
            RuleId::ScopeTimelineRewritten,
            format!(
                "a timeline entry dated {} was added on {day}, rewriting days that had passed: {}",
                new.date,
                changes.join(", ")
            ),
        )
        .with_label("dated before it was added")
        .with_help(
            "the timeline is prepend-only: give a new entry the day of the change or a later one,              announced ahead",
        ),
    })
}

/// scope-version-changed: the descriptor of a version that had `stabilized_at` changed. In the
/// module format (scs-0003 since August 2024) the whole descriptor is protected; in the older
/// shape the process protected only the date ("this field may not be changed").
fn judge_version(old: &VersionView, before: &FileView, new: &FileView) -> Option<ScopeFinding> {
    let since = old.stabilized_at.as_deref()?;
    let modular = old.includes.is_some();
    let Some(now) = new.version(&old.name) else {
        // Gone: pruned, unless the same descriptor stands under another name now.
        let renamed = new
            .versions
            .iter()
            .find(|n| n.same_descriptor(old) && !n.name.is_empty())
            .filter(|_| modular)?;
        return Some(version_finding(
            &renamed.name,
            format!(
                "the stable scope version {} (stabilized_at {since}) was renamed to {}",
                old.name, renamed.name
            ),
        ));
    };
    let mut what = Vec::new();
    if now.stabilized_at != old.stabilized_at {
        what.push(format!(
            "stabilized_at {since} → {}",
            now.stabilized_at.as_deref().unwrap_or("(removed)")
        ));
    }
    if modular && let (Some(o), Some(n)) = (&old.includes, &now.includes) {
        // A module renamed and nothing else (its definition the same, under a new id in both
        // the module list and the include) leaves what the version requires unchanged.
        let renamed = |a: &Include, b: &Include| {
            a.1 == b.1
                && old
                    .checks
                    .get(&a.0)
                    .is_some_and(|d| now.checks.get(&b.0) == Some(d))
        };
        let added: Vec<&str> = n
            .iter()
            .filter(|i| !o.iter().any(|oi| oi.0 == i.0 || renamed(oi, i)))
            .map(|(m, _)| m.as_str())
            .collect();
        let removed: Vec<&str> = o
            .iter()
            .filter(|oi| !n.iter().any(|i| oi.0 == i.0 || renamed(oi, i)))
            .map(|(m, _)| m.as_str())
            .collect();
        let parameters: Vec<&str> = n
            .iter()
            .filter(|(m, p)| o.iter().any(|(om, op)| om == m && op != p))
            .map(|(m, _)| m.as_str())
            .collect();
        for (label, list) in [
            ("modules added", added),
            ("modules removed", removed),
            ("parameters changed", parameters),
        ] {
            if !list.is_empty() {
                what.push(format!("{label}: {}", list.join(", ")));
            }
        }
    }
    if what.is_empty() {
        return None;
    }
    // The old descriptor kept under a new name in the same step (`v3` redefined, the old one
    // kept as `v3-orig`): say so.
    let kept = new
        .versions
        .iter()
        .find(|n| before.version(&n.name).is_none() && n.same_descriptor(old))
        .map(|n| format!("; its former descriptor now stands under {}", n.name))
        .unwrap_or_default();
    Some(version_finding(
        &old.name,
        format!(
            "the stable scope version {} (stabilized_at {since}) was changed: {}{kept}",
            old.name,
            what.join("; ")
        ),
    ))
}

fn version_finding(name: &str, message: String) -> ScopeFinding {
    ScopeFinding {
        element: Element::Version(name.to_owned()),
        diagnostic: Diagnostic::unplaced(RuleId::ScopeVersionChanged, message)
            .with_label("stable: its descriptor may no longer be changed")
            .with_help(
                "put the change into a new scope version (a new name, e.g. v5.1) and give it a \
                 timeline entry; the stable version stays as it was",
            ),
    }
}

/// The validity codes that differ between two entries (`v5 effective → deprecated`), for the
/// versions either lists, in name order, where `counts` says the change matters.
fn code_changes(
    a: &EntryView,
    b: &EntryView,
    counts: impl Fn(&Option<String>, &Option<String>) -> bool,
) -> Vec<String> {
    let mut names: Vec<&str> = a
        .codes
        .iter()
        .chain(&b.codes)
        .map(|(v, _)| v.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|v| {
            let (x, y) = (a.validity(v), b.validity(v));
            (x != y && counts(&x, &y)).then(|| {
                format!(
                    "{v} {} → {}",
                    x.as_deref().unwrap_or("?"),
                    y.as_deref().unwrap_or("?")
                )
            })
        })
        .collect()
}

/// scope-timeline-rewritten: an entry whose date had come was changed, moved to another date,
/// or deleted before it had been over for six months.
fn judge_entry(
    old: &EntryView,
    before: &FileView,
    new: &FileView,
    day: Date,
) -> Option<ScopeFinding> {
    let start = old.day?;
    if start > day {
        return None;
    }
    let message = if let Some(now) = new.entry(&old.date) {
        if old.same_codes(now) {
            return None;
        }
        let changes = code_changes(old, now, |_, _| true);
        format!(
            "the timeline entry of {}, which had begun, was changed: {}",
            old.date,
            changes.join(", ")
        )
    } else if let Some(moved) = new
        .timeline
        .iter()
        .find(|n| before.entry(&n.date).is_none() && n.same_codes(old))
    {
        format!(
            "the timeline entry of {}, which had begun, was moved to {}",
            old.date, moved.date
        )
    } else {
        // The period ends where the chronologically next entry begins (one added by the same
        // change counts: it ends the period as well).
        let end = before
            .timeline
            .iter()
            .chain(&new.timeline)
            .filter_map(|e| e.day)
            .filter(|d| *d > start)
            .min();
        let over_long_enough = end
            .and_then(|e| {
                e.checked_add(jiff::Span::new().months(PRUNE_AFTER_MONTHS))
                    .ok()
            })
            .is_some_and(|limit| limit <= day);
        if over_long_enough {
            return None;
        }
        match end {
            Some(end) => format!(
                "the timeline entry of {} was deleted less than six months after its period ended ({end})",
                old.date
            ),
            None => format!(
                "the timeline entry of {}, the period in force, was deleted",
                old.date
            ),
        }
    };
    Some(ScopeFinding {
        element: Element::Entry(old.date.clone()),
        diagnostic: Diagnostic::unplaced(RuleId::ScopeTimelineRewritten, message)
            .with_label("this period had begun")
            .with_help(
                "the timeline is prepend-only: add a new entry with a later date instead; an entry \
                 may be pruned once it has not been valid for six months",
            ),
    })
}
