//! Normative statements of Stable documents across commits: the statements of the first Stable
//! version are kept, and each later edit of a Stable version is judged against its predecessor
//! (and against them, so that a change back is recognised).

use super::Timelines;
use crate::lifecycle::CommitInfo;
use crate::lifecycle::rules;
use crate::lifecycle::snapshot::Snapshot;

impl Timelines<'_> {
    /// The first Stable version's statements are kept; only documents that were Stable pay.
    pub(in crate::lifecycle) fn note_stabilised(&mut self, i: usize, snap: &Snapshot) {
        let t = &mut self.docs[i].timeline;
        if snap.status.as_deref() == Some(self.profile.statuses.stable.as_str()) {
            t.ever_stable = true;
            if t.stabilised.is_none() {
                t.stabilised = Some(snap.statements().to_vec());
            }
        }
    }

    /// Each changed statement of an edit to a Stable version, a finding of the commit.
    pub(in crate::lifecycle) fn judge_statements(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        old: &Snapshot,
        new: &Snapshot,
    ) {
        // `old` is usually the version kept from the previous commit: its statements are parsed.
        let at_stable = self.docs[i].timeline.stabilised.as_deref();
        let found = rules::judge_statement_changes(old.statements(), new.statements(), at_stable);
        for f in found {
            self.violation(info, path, f);
        }
    }
}
