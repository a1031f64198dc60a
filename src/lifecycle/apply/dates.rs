//! What the history can say about dates and beginnings: documents first seen at a shallow
//! clone's boundary, and the dates a commit declares (`stabilized_at`, `deprecated_at`) against
//! the commit's own date.

use super::super::rules;
use super::super::snapshot::Snapshot;
use super::Timelines;
use crate::document::parse_iso_date;
use crate::lifecycle::CommitInfo;

impl Timelines<'_> {
    /// A document already there at a shallow clone's boundary: how it entered, who held its
    /// number before and whether it was Stable are not visible, so none of that is judged, and
    /// a Deprecated (or dated) document is taken to have been Stable.
    pub(super) fn seen_at_boundary(&mut self, i: usize, path: &str, snap: &Snapshot) {
        // Holders are recorded, so that a later document taking the number is a reuse; two
        // already there share it since before the boundary.
        let _before_the_boundary = self.take_number(i, path);
        let st = &self.profile.statuses;
        let status = snap.status.as_deref();
        let d = &mut self.docs[i];
        d.timeline.ever_stable = status == Some(st.stable.as_str())
            || status == Some(st.deprecated.as_str())
            || snap.field_str("stabilized_at").is_some();
        // A missing `stabilized_at` is the lint's finding on the file, not this commit's.
        d.missing_stabilized_flagged = true;
    }

    /// Dates a commit declares, against git: a `stabilized_at` far before the document entered
    /// the repository, a deprecation set after the `deprecated_at` it names. Infos.
    pub(super) fn judge_declared_dates(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        old: Option<&Snapshot>,
        new: &Snapshot,
    ) {
        let set = |key: &str| {
            let now = new.field_str(key)?;
            (old.and_then(|o| o.field_str(key)) != Some(now))
                .then(|| parse_iso_date(now))
                .flatten()
        };
        let t = &self.docs[i].timeline;
        let entered = t.entered().and_then(|e| parse_iso_date(e.commit.day()));
        if let (Some(date), Some(entered)) = (set("stabilized_at"), entered)
            && let Some(f) = rules::judge_stabilized_before_entry("stabilized_at", date, entered)
        {
            self.violation(info, path, f);
        }
        let deprecated = self.profile.statuses.deprecated.as_str();
        // A document added as Deprecated was not deprecated by this commit: how it entered is
        // `entered-without-draft`'s to judge.
        let Some(old) = old else { return };
        if new.status.as_deref() != Some(deprecated) {
            return;
        }
        let newly = old.status != new.status;
        let date = match new.field_str("deprecated_at").map(parse_iso_date) {
            Some(Some(d)) if newly => Some(d),
            Some(Some(_)) => set("deprecated_at"),
            _ => None,
        };
        if let (Some(date), Some(committed)) = (date, parse_iso_date(info.day()))
            && let Some(f) = rules::judge_deprecation_announced(date, committed)
        {
            self.violation(info, path, f);
        }
    }
}
