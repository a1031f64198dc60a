//! The lifecycle events from git as the history pages, the standard pages and the feed show them.

use crate::corpus::Corpus;
use crate::urls::file_id;
use serde::Serialize;

/// One lifecycle event as the standard pages and the feed show it.
#[derive(Serialize, Clone)]
pub struct EventView {
    /// ISO 8601 (author date).
    pub date: String,
    pub day: String,
    pub id: String,
    /// The change's kind as in the history's JSON (`added`, `status-changed`, …).
    pub kind: &'static str,
    pub file_id: String,
    pub title: String,
    pub text: String,
    pub commit: String,
    pub short: String,
    pub author: String,
    pub summary: String,
    pub standard_id: Option<String>,
}

/// Lifecycle events of every document that exists, oldest first by author date (a rebase can
/// put the walk's topological order out of date order, and the tables show dates).
pub fn events(history: &crate::lifecycle::History, corpus: &Corpus) -> Vec<EventView> {
    use crate::lifecycle::Change;
    let mut out = Vec::new();
    for t in history.documents.iter().filter(|t| t.exists) {
        let Some(doc) = corpus.by_file_name(t.file_name()) else {
            continue;
        };
        for e in &t.events {
            if !matches!(
                e.change,
                Change::Added { .. }
                    | Change::AlreadyThere { .. }
                    | Change::StatusChanged { .. }
                    | Change::Renamed { .. }
                    | Change::Deleted { .. }
            ) {
                continue;
            }
            out.push(EventView {
                date: e.commit.author_date.clone(),
                day: e.commit.author_date.chars().take(10).collect(),
                id: doc.id().unwrap_or_default(),
                kind: kind(&e.change),
                file_id: file_id(doc),
                title: doc.title().to_owned(),
                text: crate::report::history::describe(&e.change),
                commit: e.commit.id.clone(),
                short: e.commit.short().to_owned(),
                author: e.commit.author.clone(),
                summary: e.commit.summary.clone(),
                standard_id: doc.name.as_ref().and_then(|n| n.standard_id()),
            });
        }
    }
    // Stable: events of one commit keep the walk's order.
    out.sort_by_cached_key(|e| instant(&e.date));
    out
}

fn kind(change: &crate::lifecycle::Change) -> &'static str {
    use crate::lifecycle::Change;
    match change {
        Change::Added { .. } => "added",
        Change::AlreadyThere { .. } => "already-there",
        Change::Renamed { .. } => "renamed",
        Change::StatusChanged { .. } => "status-changed",
        Change::FieldsChanged { .. } => "fields-changed",
        Change::BodyChanged { .. } => "body-changed",
        Change::Deleted { .. } => "deleted",
        Change::Era { .. } => "era",
    }
}

/// An ISO 8601 date with its offset as an instant, so that dates of different offsets compare.
pub fn instant(date: &str) -> Option<jiff::Timestamp> {
    date.parse().ok()
}
