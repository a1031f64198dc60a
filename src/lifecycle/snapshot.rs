//! One version of a document as history sees it: its frontmatter read with the rules of its era,
//! and its body.
//!
//! The process changed over time. Old shapes are mapped to today's, with a note, so that history
//! is judged without false violations:
//! - `status: Proposal` (2023–2024) is read as Draft;
//! - `obsoleted_at` is read as `deprecated_at`;
//! - a Supplement's `status` (until 2025) is ignored: supplements are perpetually informative.

use crate::config::Profile;
use crate::diagnostic::Span;
use crate::document::frontmatter::{self, Split};
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// The status as today's process names it (`None` for supplements and unreadable files).
    pub status: Option<String>,
    pub doc_type: Option<String>,
    /// Every frontmatter field, old keys renamed to today's.
    pub fields: BTreeMap<String, Json>,
    /// The body after the frontmatter (the whole text when there is none).
    pub body: String,
    /// How many lines of the file come before the body (the frontmatter's): a line of the body
    /// is this many lines further down in the file.
    pub body_offset: usize,
    /// What was mapped from an older shape of the process.
    pub era_notes: Vec<String>,
    /// The frontmatter could not be read (no block, YAML error).
    pub unreadable: bool,
    /// The body's normative statements, parsed on first use: a version kept from one commit to
    /// the next (as the old side of an edit) is parsed once.
    statements: std::sync::OnceLock<Vec<super::normative::Statement>>,
}

/// Keys renamed by the process: (old, today).
const RENAMED_KEYS: [(&str, &str); 1] = [("obsoleted_at", "deprecated_at")];

/// Statuses that no longer exist: (old, the status it is read as).
const OLD_STATUSES: [(&str, &str); 1] = [("Proposal", "Draft")];

impl Snapshot {
    pub fn parse(text: &str, profile: &Profile) -> Snapshot {
        let mut snap = Snapshot::default();
        let (yaml, body) = match frontmatter::split(text) {
            Split::Found { yaml, body, .. } => (yaml, body),
            _ => {
                snap.unreadable = true;
                snap.body = text.to_owned();
                return snap;
            }
        };
        snap.body = body.text_in(text).to_owned();
        snap.body_offset = text
            .get(..body.start)
            .map_or(0, |before| before.matches('\n').count());
        let root = match frontmatter::parse_yaml(text, Span::new(yaml.start, yaml.end)) {
            Ok(Some(root)) => root,
            _ => {
                snap.unreadable = true;
                return snap;
            }
        };
        let Json::Object(map) = root.to_json() else {
            snap.unreadable = true;
            return snap;
        };
        for (k, v) in map {
            let key =
                RENAMED_KEYS
                    .iter()
                    .find(|(old, _)| *old == k)
                    .map_or(k.clone(), |(old, new)| {
                        snap.era_notes.push(format!("`{old}` read as `{new}`"));
                        (*new).to_owned()
                    });
            snap.fields.insert(key, v);
        }
        snap.doc_type = snap
            .fields
            .get("type")
            .and_then(Json::as_str)
            .map(str::to_owned);
        let mut raw_status = snap
            .fields
            .get("status")
            .and_then(Json::as_str)
            .map(str::to_owned);
        // Early documents named the status `state` (which others used for a free-form note).
        if raw_status.is_none()
            && let Some(state) = snap.field_str("state").map(str::to_owned)
            && (profile.statuses.all().contains(&state.as_str())
                || OLD_STATUSES.iter().any(|(old, _)| *old == state))
        {
            snap.era_notes
                .push(format!("`state: {state}` read as `status: {state}`"));
            raw_status = Some(state);
        }
        let is_supplement = snap
            .doc_type
            .as_deref()
            .is_some_and(|t| profile.is_supplement_type(t));
        snap.status = match raw_status {
            Some(s) if is_supplement => {
                snap.era_notes.push(format!(
                    "a supplement with `status: {s}` (supplements had a status until 2025): ignored"
                ));
                None
            }
            Some(s) => match OLD_STATUSES.iter().find(|(old, _)| *old == s) {
                Some((old, new)) => {
                    snap.era_notes
                        .push(format!("status `{old}` read as `{new}`"));
                    Some((*new).to_owned())
                }
                None => Some(s),
            },
            None => None,
        };
        if is_supplement {
            snap.fields.remove("status");
        }
        snap
    }

    /// The normative statements of the body.
    pub fn statements(&self) -> &[super::normative::Statement] {
        self.statements
            .get_or_init(|| super::normative::statements(&self.body))
    }

    pub fn field_str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Json::as_str)
    }

    /// A list field, also when written as a plain string.
    pub fn field_list(&self, key: &str) -> Vec<String> {
        match self.fields.get(key) {
            Some(Json::String(s)) => vec![s.trim().to_owned()],
            Some(Json::Array(items)) => items
                .iter()
                .filter_map(Json::as_str)
                .map(|s| s.trim().to_owned())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_are_mapped() {
        let p = Profile::default();
        let s = Snapshot::parse(
            "---\ntitle: A\ntype: Standard\nstatus: Proposal\ntrack: IaaS\nobsoleted_at: 2023-01-01\n---\nBody\n",
            &p,
        );
        assert_eq!(s.status.as_deref(), Some("Draft"));
        assert_eq!(s.field_str("deprecated_at"), Some("2023-01-01"));
        assert_eq!(s.era_notes.len(), 2);
        let sup = Snapshot::parse(
            "---\ntitle: A\ntype: Supplement\nstatus: Draft\ntrack: IaaS\n---\n",
            &p,
        );
        assert_eq!(sup.status, None);
        assert!(!sup.fields.contains_key("status"));
        let state = Snapshot::parse("---\ntitle: A\nstate: Draft\n---\n", &p);
        assert_eq!(state.status.as_deref(), Some("Draft"));
        let note = Snapshot::parse("---\ntitle: A\nstate: v1.1 (for R3)\n---\n", &p);
        assert_eq!(note.status, None);
    }
}
