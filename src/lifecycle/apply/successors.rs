//! A successor named in `replaced_by` by a commit: it must be, or have been, Stable then.

use super::Timelines;
use crate::lifecycle::CommitInfo;
use crate::lifecycle::rules;
use crate::paths;

impl Timelines<'_> {
    /// A newly listed successor must already be Stable (or have been).
    pub(in crate::lifecycle) fn check_replaced_by(
        &mut self,
        info: &CommitInfo,
        path: &str,
        before: &[String],
    ) {
        let Some(&i) = self.by_path.get(path) else {
            return;
        };
        let now = match &self.docs[i].last {
            Some((_, snap)) => snap.field_list("replaced_by"),
            None => return,
        };
        let dir = paths::parent(path);
        for target in now {
            if before.contains(&target) {
                continue;
            }
            let file = crate::document::name::reference_file_name(&target);
            let target_path = if dir.is_empty() {
                file
            } else {
                format!("{dir}/{file}")
            };
            let Some(&j) = self.by_path.get(&target_path) else {
                continue;
            };
            let status = self.docs[j]
                .last
                .as_ref()
                .and_then(|(_, s)| s.status.clone());
            let ever_stable = self.docs[j].timeline.ever_stable;
            if let Some(f) =
                rules::judge_successor(self.profile, &target, status.as_deref(), ever_stable)
            {
                self.violation(info, path, f);
            }
        }
    }
}
