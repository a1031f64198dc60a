//! Documents moved into the standards folder one by one from another folder of the repository
//! (a draft folder, say): an addition paired with a Markdown file deleted elsewhere in the same
//! commit, by the share of lines kept.

use super::Walker;
use crate::lifecycle::repo::HistoryError;
use crate::lifecycle::similarity::pair_by_similarity;
use git2::{Delta, Oid};
use std::collections::HashMap;

impl Walker<'_> {
    /// Added documents that come from another folder of the repository (moved in, not written
    /// anew): new path → old path.
    pub(super) fn moved_in(
        &self,
        commit: &git2::Commit<'_>,
        added: &[(String, Oid)],
        folder: &str,
    ) -> Result<HashMap<String, String>, HistoryError> {
        let mut moved_in = HashMap::new();
        if added.is_empty() || folder.is_empty() {
            return Ok(moved_in);
        }
        let outside = self.deleted_outside(commit, folder)?;
        if !outside.is_empty() {
            let id = commit.id().to_string();
            let old = self.blob_texts(&outside, &id)?;
            let new = self.blob_texts(added, &id)?;
            for (o, n) in pair_by_similarity(&old, &new) {
                if let (Some((to, _)), Some((from, _))) = (added.get(n), outside.get(o)) {
                    moved_in.insert(to.clone(), from.clone());
                }
            }
        }
        Ok(moved_in)
    }

    /// Markdown files deleted by a commit outside the standards folder's top-level folder.
    fn deleted_outside(
        &self,
        commit: &git2::Commit<'_>,
        folder: &str,
    ) -> Result<Vec<(String, Oid)>, HistoryError> {
        let Ok(parent) = commit.parent(0) else {
            return Ok(Vec::new());
        };
        let (old_root, new_root) = (parent.tree()?, commit.tree()?);
        let top = folder.split('/').next().unwrap_or("");
        let mut out = Vec::new();
        for entry in old_root.iter() {
            let name = entry.name().unwrap_or_default().to_owned();
            let now = new_root.get_name(&name);
            if name == top || now.as_ref().map(git2::TreeEntry::id) == Some(entry.id()) {
                continue;
            }
            match entry.kind() {
                Some(git2::ObjectType::Blob) if name.ends_with(".md") && now.is_none() => {
                    out.push((name, entry.id()));
                }
                Some(git2::ObjectType::Tree) => {
                    let old_sub = self.repo.find_tree(entry.id())?;
                    let new_sub = match &now {
                        Some(e) if e.kind() == Some(git2::ObjectType::Tree) => {
                            Some(self.repo.find_tree(e.id())?)
                        }
                        _ => None,
                    };
                    let diff =
                        self.repo
                            .diff_tree_to_tree(Some(&old_sub), new_sub.as_ref(), None)?;
                    for d in diff.deltas() {
                        if d.status() == Delta::Deleted
                            && let Some(p) = d.old_file().path()
                        {
                            let p = p.to_string_lossy().replace('\\', "/");
                            if p.ends_with(".md") {
                                out.push((format!("{name}/{p}"), d.old_file().id()));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }
}
