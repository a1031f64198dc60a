//! Every commit that changed a document's file, with the blob ids before and after: the site's
//! history pages list these (not only the events, which leave out changes the process does not
//! read) and show each as a diff.

use super::Timelines;
use crate::lifecycle::{CommitInfo, Revision};
use git2::Oid;

impl Timelines<'_> {
    /// Records that `info` changed document `i` from blob `before` to `after`. One revision per
    /// commit: a second change in the same commit (an addition marked as moved in) keeps the
    /// first `before`.
    pub(in crate::lifecycle) fn revise(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        before: Option<Oid>,
        after: Option<Oid>,
    ) {
        let Some(d) = self.docs.get_mut(i) else {
            return;
        };
        let after = after.map(|o| o.to_string());
        let revisions = &mut d.timeline.revisions;
        if let Some(last) = revisions.last_mut().filter(|r| r.commit.id == info.id) {
            last.path = path.to_owned();
            last.after = after;
            return;
        }
        revisions.push(Revision {
            commit: info.clone(),
            path: path.to_owned(),
            before: before.map(|o| o.to_string()),
            after,
        });
    }

    /// The blob of document `i`'s last known version.
    pub(in crate::lifecycle) fn last_blob(&self, i: usize) -> Option<Oid> {
        self.docs.get(i)?.last.as_ref().map(|(oid, _)| *oid)
    }
}
