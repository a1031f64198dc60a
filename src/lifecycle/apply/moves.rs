//! The standards folder moved within the repository: every document it holds keeps its
//! timeline under the new prefix, without an event of its own (the move is the history's), and a
//! revision: the commit changed the file's path.

use super::Timelines;
use crate::lifecycle::CommitInfo;

impl Timelines<'_> {
    /// Moves the documents under `from` (a folder prefix ending in `/`, or `""` for the root)
    /// to `to`; each keeps its old path in `paths`.
    pub(in crate::lifecycle) fn move_folder(&mut self, info: &CommitInfo, from: &str, to: &str) {
        let mut moved = Vec::new();
        for (i, d) in self.docs.iter_mut().enumerate() {
            let t = &mut d.timeline;
            let Some(rest) = t.path.strip_prefix(from).filter(|_| t.exists) else {
                continue;
            };
            let new = format!("{to}{rest}");
            self.by_path.remove(&t.path);
            self.by_path.insert(new.clone(), i);
            t.paths.push(new.clone());
            t.path = new.clone();
            moved.push((i, new, d.last.as_ref().map(|(oid, _)| *oid)));
        }
        for (i, path, blob) in moved {
            self.revise(i, info, &path, blob, blob);
        }
    }
}
