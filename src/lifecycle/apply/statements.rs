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
            t.stabilised
                .get_or_insert_with(|| normative::statements(&snap.body));
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
        let at_stable = self.docs[i].timeline.stabilised.as_deref();
        for f in rules::judge_normative_edits(&old.body, &new.body, at_stable) {
            self.violation(info, path, f);
        }
    }
}
