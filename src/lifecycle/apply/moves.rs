//! The standards folder moved within the repository: every document it holds keeps its
//! timeline under the new prefix, without an event of its own (the move is the history's).

use super::Timelines;

impl Timelines<'_> {
    /// Moves the documents under `from` (a folder prefix ending in `/`, or `""` for the root)
    /// to `to`; each keeps its old path in `paths`.
    pub(in crate::lifecycle) fn move_folder(&mut self, from: &str, to: &str) {
        for (i, d) in self.docs.iter_mut().enumerate() {
            let t = &mut d.timeline;
            let Some(rest) = t.path.strip_prefix(from).filter(|_| t.exists) else {
                continue;
            };
            let new = format!("{to}{rest}");
            self.by_path.remove(&t.path);
            self.by_path.insert(new.clone(), i);
            t.paths.push(new.clone());
            t.path = new;
        }
    }
}
