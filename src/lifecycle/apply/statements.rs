//! Normative statements of Stable documents across commits: the statements of the first Stable
//! version are kept, and each later edit of a Stable version is judged against its predecessor
//! (and against them, so that a change back is recognised).

use super::Timelines;
use crate::lifecycle::rules;
use crate::lifecycle::snapshot::Snapshot;
use crate::lifecycle::{CommitInfo, normative};

impl Timelines<'_> {
    /// The first Stable version's statements are kept; only documents that were Stable pay.
    #[expect(
        clippy::indexing_slicing,
        reason = "indices from `by_path`/`holders` are positions in `docs`, which never shrinks"
    )]
    pub(in crate::lifecycle) fn note_stabilised(&mut self, i: usize, snap: &Snapshot) {
        let t = &mut self.docs[i].timeline;
        if snap.status.as_deref() == Some(self.profile.statuses.stable.as_str()) {
            t.ever_stable = true;
            if t.stabilised.is_none() {
                let statements = normative::statements(&snap.body);
                // The next edit compares against this version: parsed once.
                self.last_statements
                    .insert(i, (hash(&snap.body), statements.clone()));
                t.stabilised = Some(statements);
            }
        }
    }

    /// Each changed statement of an edit to a Stable version, a finding of the commit.
    #[expect(
        clippy::indexing_slicing,
        reason = "indices from `by_path`/`holders` are positions in `docs`, which never shrinks"
    )]
    pub(in crate::lifecycle) fn judge_statements(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        old: &Snapshot,
        new: &Snapshot,
    ) {
        let old_hash = hash(&old.body);
        let old_statements = match self.last_statements.remove(&i) {
            Some((h, statements)) if h == old_hash => statements,
            _ => normative::statements(&old.body),
        };
        let new_statements = normative::statements(&new.body);
        let at_stable = self.docs[i].timeline.stabilised.as_deref();
        let found = rules::judge_statement_changes(&old_statements, &new_statements, at_stable);
        for f in found {
            self.violation(info, path, f);
        }
        self.last_statements
            .insert(i, (hash(&new.body), new_statements));
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}
