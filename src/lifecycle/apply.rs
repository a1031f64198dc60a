//! What one commit's changes mean for the documents: their timelines (added, renamed, status
//! and field changes, body changes, deletions) and the lifecycle rules judged on each step.
//! The walk (`walk.rs`) finds the changes and hands them to [`Timelines`]; this module knows
//! nothing of trees and diffs.
#![expect(
    clippy::indexing_slicing,
    reason = "indices from `by_path`/`holders` are positions in `docs`, which never shrinks"
)]

use super::repo::HistoryError;
use super::rules::{self, StabilizedAt};
use super::similarity;
use super::snapshot::Snapshot;
use super::{Change, CommitInfo, Event, FieldChange, Timeline};
use crate::config::Profile;
use crate::diagnostic::{CommitNote, Diagnostic};
use crate::document::name::{self, Kind, NameClass};
use crate::paths;
use git2::{Oid, Repository};
use std::collections::{BTreeSet, HashMap};

mod dates;
mod moves;
mod revisions;
mod statements;
mod successors;

/// Per document: the timeline, and the last version seen (by blob id) to compare the next with.
struct Tracked {
    timeline: Timeline,
    last: Option<(Oid, Snapshot)>,
    era_noted: BTreeSet<String>,
    /// A missing `stabilized_at` is reported once per document.
    missing_stabilized_flagged: bool,
}

/// Every document seen so far, and the rules its steps broke.
pub(super) struct Timelines<'r> {
    /// Blobs are read from here when a version must be compared.
    repo: &'r Repository,
    profile: &'r Profile,
    /// Only ever grows: the indices kept in `by_path` and `holders` stay valid.
    docs: Vec<Tracked>,
    by_path: HashMap<String, usize>,
    /// Which documents ever held a number, kind and version, and under which path.
    holders: HashMap<(u32, Kind, u32), Vec<(usize, String)>>,
    /// Rules broken by commits: diagnostics at the path in that commit, with the commit.
    violations: Vec<Diagnostic>,
    /// Documents whose `replaced_by` is judged at the end of the commit, with the list before.
    pending_successors: Vec<(String, Vec<String>)>,
    /// The commit being applied is a shallow clone's boundary: its documents are seen for the
    /// first time, not added, so how they entered is unknown and not judged.
    pub(super) at_boundary: bool,
}

impl<'r> Timelines<'r> {
    pub(super) fn new(repo: &'r Repository, profile: &'r Profile) -> Timelines<'r> {
        Timelines {
            repo,
            profile,
            docs: Vec::new(),
            by_path: HashMap::new(),
            holders: HashMap::new(),
            violations: Vec::new(),
            pending_successors: Vec::new(),
            at_boundary: false,
        }
    }

    /// The timelines (with each document's last status) and the violations.
    pub(super) fn finish(self) -> (Vec<Timeline>, Vec<Diagnostic>) {
        let documents = self
            .docs
            .into_iter()
            .map(|d| {
                let mut t = d.timeline;
                t.status = d.last.and_then(|(_, s)| s.status);
                t
            })
            .collect();
        (documents, self.violations)
    }

    /// Successors are judged once the whole commit is applied: a commit that stabilizes v2
    /// and deprecates v1 is fine.
    pub(super) fn end_commit(&mut self, info: &CommitInfo) {
        for (path, before) in std::mem::take(&mut self.pending_successors) {
            self.check_replaced_by(info, &path, &before);
        }
    }

    /// One version of a document as history reads it.
    fn snapshot(&self, blob: Oid, path: &str, info: &CommitInfo) -> Result<Snapshot, HistoryError> {
        let what = || format!("{path} in commit {}", info.id);
        let text = super::repo::blob_text(self.repo, blob, what)?;
        Ok(Snapshot::parse(&text, self.profile))
    }

    /// Marks a document added in this commit as moved in from another folder.
    pub(super) fn moved_in_from(&mut self, path: &str, from: &str) {
        let Some(&i) = self.by_path.get(path) else {
            return;
        };
        let t = &mut self.docs[i].timeline;
        t.paths.insert(0, from.to_owned());
        if let Some(Event {
            change: Change::Added { from: f, .. },
            ..
        }) = t.events.last_mut()
        {
            *f = Some(from.to_owned());
        }
    }

    /// A rule broken by a commit: the finding at the document's path in that commit.
    fn violation(&mut self, info: &CommitInfo, path: &str, finding: Diagnostic) {
        self.violations
            .push(finding.in_file(path).with_commit(CommitNote {
                id: info.id.clone(),
                date: info.commit_date.clone(),
            }));
    }

    fn push_event(&mut self, i: usize, info: &CommitInfo, change: Change) {
        self.docs[i].timeline.events.push(Event {
            commit: info.clone(),
            change,
        });
    }

    pub(super) fn added(
        &mut self,
        info: &CommitInfo,
        path: &str,
        blob: Oid,
    ) -> Result<(), HistoryError> {
        let snap = self.snapshot(blob, path, info)?;
        // A document deleted and added again at the same path keeps its identity.
        let i = match self.by_path.get(path) {
            Some(&i) if !self.docs[i].timeline.exists => i,
            _ => {
                self.docs.push(Tracked {
                    timeline: Timeline {
                        path: path.to_owned(),
                        paths: vec![path.to_owned()],
                        exists: true,
                        events: Vec::new(),
                        revisions: Vec::new(),
                        status: None,
                        ever_stable: false,
                        stabilised: None,
                    },
                    last: None,
                    era_noted: BTreeSet::new(),
                    missing_stabilized_flagged: false,
                });
                self.docs.len() - 1
            }
        };
        self.by_path.insert(path.to_owned(), i);
        self.docs[i].timeline.exists = true;
        // At a shallow clone's boundary the document was there before: not added here.
        let change = if self.at_boundary {
            Change::AlreadyThere {
                path: path.to_owned(),
                status: snap.status.clone(),
            }
        } else {
            Change::Added {
                path: path.to_owned(),
                status: snap.status.clone(),
                from: None,
            }
        };
        self.push_event(i, info, change);
        self.revise(i, info, path, None, Some(blob));
        self.note_eras(i, info, &snap);
        if self.at_boundary {
            self.seen_at_boundary(i, path, &snap);
            // The text at the boundary is the earliest known: edits after it are judged.
            self.note_stabilised(i, &snap);
            self.docs[i].last = Some((blob, snap));
            return Ok(());
        }
        if let Some(f) = rules::judge_entry(self.profile, &snap) {
            self.violation(info, path, f);
        }
        self.hold_number(info, i, path);
        self.pending_successors.push((path.to_owned(), Vec::new()));
        self.judge_stabilized_at(i, info, path, None, &snap);
        self.judge_declared_dates(i, info, path, None, &snap);
        self.note_stabilised(i, &snap);
        self.docs[i].last = Some((blob, snap));
        Ok(())
    }

    pub(super) fn deleted(&mut self, info: &CommitInfo, path: &str) {
        let Some(&i) = self.by_path.get(path) else {
            return;
        };
        self.docs[i].timeline.exists = false;
        let before = self.last_blob(i);
        self.revise(i, info, path, before, None);
        self.push_event(
            i,
            info,
            Change::Deleted {
                path: path.to_owned(),
            },
        );
    }

    pub(super) fn modified(
        &mut self,
        info: &CommitInfo,
        from: &str,
        to: &str,
        old_blob: Oid,
        new_blob: Oid,
    ) -> Result<(), HistoryError> {
        let i = match self.by_path.get(from) {
            Some(&i) => i,
            // Seen for the first time (a shallow boundary): start its timeline here.
            None => return self.added(info, to, new_blob),
        };
        let old = match self.docs[i].last.take() {
            Some((oid, snap)) if oid == old_blob => snap,
            _ => self.snapshot(old_blob, from, info)?,
        };
        let new = if old_blob == new_blob {
            old.clone()
        } else {
            self.snapshot(new_blob, to, info)?
        };
        self.revise(i, info, to, Some(old_blob), Some(new_blob));
        if from != to {
            self.by_path.remove(from);
            self.by_path.insert(to.to_owned(), i);
            let t = &mut self.docs[i].timeline;
            t.path = to.to_owned();
            t.paths.push(to.to_owned());
            let similarity = if old_blob == new_blob {
                100
            } else {
                similarity::of_bodies(&old.body, &new.body)
            };
            self.push_event(
                i,
                info,
                Change::Renamed {
                    from: from.to_owned(),
                    to: to.to_owned(),
                    similarity,
                },
            );
            if let Some(f) = rules::judge_rename(self.profile, from, to) {
                self.violation(info, to, f);
            }
            self.hold_number(info, i, to);
        }
        self.compare(i, info, to, &old, &new);
        self.docs[i].last = Some((new_blob, new));
        Ok(())
    }

    fn compare(&mut self, i: usize, info: &CommitInfo, path: &str, old: &Snapshot, new: &Snapshot) {
        let stable = self.profile.statuses.stable.clone();
        let was_stable = self.docs[i].timeline.ever_stable;
        if old.status != new.status {
            self.push_event(
                i,
                info,
                Change::StatusChanged {
                    from: old.status.clone(),
                    to: new.status.clone(),
                },
            );
            if let Some(f) = rules::judge_status(
                self.profile,
                old.status.as_deref(),
                new.status.as_deref(),
                was_stable,
            ) {
                self.violation(info, path, f);
            }
        }
        let mut fields = Vec::new();
        let keys: BTreeSet<&String> = old.fields.keys().chain(new.fields.keys()).collect();
        for k in keys {
            let (a, b) = (old.fields.get(k), new.fields.get(k));
            if a != b && k != "status" {
                fields.push(FieldChange {
                    field: k.clone(),
                    from: a.cloned(),
                    to: b.cloned(),
                });
            }
        }
        if !fields.is_empty() {
            self.push_event(i, info, Change::FieldsChanged { fields });
        }
        if old.body != new.body {
            let change = similarity::body_change(&old.body, &new.body);
            self.push_event(i, info, change);
            if old.status.as_deref() == Some(stable.as_str()) {
                self.judge_statements(i, info, path, old, new);
            }
        }
        self.judge_stabilized_at(i, info, path, Some(old), new);
        self.judge_declared_dates(i, info, path, Some(old), new);
        self.pending_successors
            .push((path.to_owned(), old.field_list("replaced_by")));
        self.note_eras(i, info, new);
        self.note_stabilised(i, new);
    }

    fn judge_stabilized_at(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        old: Option<&Snapshot>,
        new: &Snapshot,
    ) {
        let d = &self.docs[i];
        let finding = rules::judge_stabilized_at(
            self.profile,
            old,
            new,
            d.timeline.ever_stable,
            d.missing_stabilized_flagged,
        );
        if let Some(f) = finding {
            if matches!(f, StabilizedAt::Missing { .. }) {
                self.docs[i].missing_stabilized_flagged = true;
            }
            self.violation(info, path, f.diagnostic());
        }
    }

    /// Records who holds a number and version; a second document taking it is a reuse.
    fn hold_number(&mut self, info: &CommitInfo, i: usize, path: &str) {
        if let Some(finding) = self.take_number(i, path) {
            self.violation(info, path, finding);
        }
    }

    /// Records who holds a number and version, and the reuse when another document held it
    /// first.
    fn take_number(&mut self, i: usize, path: &str) -> Option<Diagnostic> {
        let NameClass::Document(n) = name::classify(paths::file_name(path), &self.profile.prefix)
        else {
            return None;
        };
        let number = n.number?;
        let holders = self.holders.entry((number, n.kind, n.version)).or_default();
        if holders.iter().any(|(h, _)| *h == i) {
            return None;
        }
        let earlier = holders.first().map(|(h, p)| (*h, p.clone()));
        holders.push((i, path.to_owned()));
        let (h, then) = earlier?;
        let now = &self.docs[h].timeline.path;
        let whereabouts = if !self.docs[h].timeline.exists {
            " (since deleted)".to_owned()
        } else if *now != then {
            format!(" (now `{}`)", paths::file_name(now))
        } else {
            " (still there)".to_owned()
        };
        Some(rules::judge_number_reuse(
            &n.id(),
            paths::file_name(&then),
            &whereabouts,
        ))
    }

    fn note_eras(&mut self, i: usize, info: &CommitInfo, snap: &Snapshot) {
        for note in &snap.era_notes {
            if self.docs[i].era_noted.insert(note.clone()) {
                self.push_event(i, info, Change::Era { note: note.clone() });
            }
        }
    }
}
