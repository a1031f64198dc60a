//! Lifecycle dates cross-checked against history (`lint --history`): the commit that made a
//! document Stable, Deprecated or Rejected against the date written in the frontmatter.
//! Backdating is common and sometimes deliberate, so these are infos.

use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::document::{DateField, Document, parse_iso_date};
use crate::lifecycle::{Change, History, Timeline, rules};
use crate::rules::RuleId;

/// How far a date may lie from the commit that made the transition before it is reported (the
/// same tolerance as for a date before the document entered the repository).
const TOLERANCE_DAYS: i32 = rules::STABILIZED_BEFORE_ENTRY_DAYS;

pub fn check(
    corpus: &Corpus,
    history: &History,
    statuses: &crate::config::Statuses,
) -> Vec<Diagnostic> {
    let prefix = if history.folder.is_empty() {
        String::new()
    } else {
        format!("{}/", history.folder)
    };
    let by_path: std::collections::HashMap<&str, &Timeline> = history
        .documents
        .iter()
        .filter(|t| t.exists)
        .map(|t| (t.path.as_str(), t))
        .collect();
    let mut out = Vec::new();
    for doc in &corpus.documents {
        let path = format!("{prefix}{}", doc.rel_path);
        let Some(t) = by_path.get(path.as_str()).copied() else {
            continue;
        };
        let f = &doc.fields;
        for (field, status, future_ok) in [
            (&f.stabilized_at, statuses.stable.as_str(), false),
            (&f.deprecated_at, statuses.deprecated.as_str(), true),
            (&f.rejected_at, statuses.rejected.as_str(), false),
        ] {
            if let Some(field) = field {
                judge(doc, t, field, status, future_ok, &mut out);
            }
        }
    }
    out
}

fn judge(
    doc: &Document,
    t: &Timeline,
    field: &DateField,
    status: &str,
    future_ok: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(date) = field.date else { return };
    let key = field.raw.key_span.text_in(&doc.text).to_owned();
    // A timeline that starts at a shallow clone's boundary does not know when the document
    // entered the repository.
    let added = t.entered().and_then(|e| parse_iso_date(e.commit.day()));
    if let Some(added) = added
        // Not a deprecation date: it may lie anywhere (announced ahead, or recorded late).
        && !future_ok
        && let Some(f) = rules::judge_stabilized_before_entry(&key, date, added)
    {
        out.push(doc.place(f, Some(field.raw.span)));
        return;
    }
    // Nor which commit made the status of a document already there (its `already-there` event
    // is no transition).
    let transition = t.events.iter().rev().find(|e| match &e.change {
        Change::StatusChanged { to: Some(to), .. } => to == status,
        Change::Added {
            status: Some(s), ..
        } => s == status,
        _ => false,
    });
    let Some(e) = transition else { return };
    let Some(commit_day) = parse_iso_date(e.commit.day()) else {
        return;
    };
    let days = (commit_day - date).get_days();
    let implausible = days > TOLERANCE_DAYS || (!future_ok && -days > TOLERANCE_DAYS);
    if implausible {
        let when = if days > 0 {
            format!("{days} days before")
        } else {
            format!("{} days after", -days)
        };
        out.push(
            doc.diag(
                RuleId::DateFromHistory,
                field.raw.span,
                format!(
                    "`{key}` is {date}, {when} the commit that made it {status} ({} on {commit_day})",
                    e.commit.short()
                ),
            )
            .with_label(format!("{status} since {commit_day} in git"))
            .with_help("backdating can be deliberate; otherwise use the date of the decision"),
        );
    }
}
