//! A staging folder being filled: pages are written into it as they are made, from any thread,
//! and it takes the place of the output only when [`Staged::commit`] is called. Dropped without
//! a commit (a failed build), it is removed and the output is untouched.

use super::staging::{OutputLock, Staging, remove_leftovers};
use super::swap::{Swap, swap_in};
use super::{MARKER, OutputError, parent_of, write_error};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The folder a build writes into before it replaces `out`: `.{name}.new-…` beside it, which
/// gets its marker, locked, before any content. [`Staged::commit`] puts it in the place of `out`
/// in one exchange of the two folders where the system can (Linux), else file by file (see
/// [`Swap`]); what `out` held is removed afterwards. A reader of `out` finds the old page or the
/// new one, never none. Builds into the same `out` at once take turns on the lock file
/// `.{name}.lock` beside it for the short steps (removing what killed builds left, making a
/// staging folder, the swap); the last swap wins. The design: book/src/design/output.md.
///
/// When `out` is a site normwerk built, only the files whose bytes differ from its files are
/// written (into the staging folder); the others are left as they are, and [`Staged::commit`]
/// renames the new files into place and removes what the build no longer makes
/// ([`Swap::Update`]): a rebuild that changes nothing writes nothing.
#[derive(Debug)]
pub struct Staged {
    out: PathBuf,
    lock_path: PathBuf,
    staging: Staging,
    /// Whether files equal to the output's are left there rather than written again.
    reuse: bool,
    /// The files left as they are in the output, relative to it.
    kept: Mutex<BTreeSet<PathBuf>>,
    /// The size of each file written, copied or kept, by its path relative to the output: the
    /// build's record lists them, and asking the system afterwards was a call per file.
    sizes: Mutex<rustc_hash::FxHashMap<String, u64>>,
    /// The folders made in the staging folder so far, relative to it.
    folders: Mutex<rustc_hash::FxHashSet<String>>,
    /// An update holds the output's lock from its first comparison to its last rename: another
    /// build's commit in between would make "unchanged" files another site's.
    held: Option<OutputLock>,
}

impl Staged {
    /// Takes the output's lock, removes what killed builds left, creates the marked staging
    /// folder beside `out`. Call [`super::check_output`] first.
    pub fn begin(out: &Path) -> Result<Self, OutputError> {
        Staged::begin_with(out, true)
    }

    /// Removes what killed builds into `out` left beside it, under the output's lock: for a
    /// build that finds nothing to do and so never begins.
    pub fn clean_leftovers(out: &Path) -> Result<(), OutputError> {
        let parent = parent_of(out);
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let _turn = OutputLock::acquire(&parent.join(format!(".{name}.lock")))?;
        remove_leftovers(parent, &name)
    }

    /// `reuse`: update the output in place when it is a site normwerk built (and holds no
    /// symbolic link, through which "unchanged" files could lie elsewhere).
    pub(super) fn begin_with(out: &Path, reuse: bool) -> Result<Self, OutputError> {
        let parent = parent_of(out);
        std::fs::create_dir_all(parent).map_err(write_error(parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let lock_path = parent.join(format!(".{name}.lock"));
        let turn = OutputLock::acquire(&lock_path)?;
        remove_leftovers(parent, &name)?;
        let staging = Staging::create(parent, &name)?;
        let reuse = reuse && out.join(MARKER).is_file() && !has_link(out);
        Ok(Staged {
            out: out.to_owned(),
            lock_path,
            staging,
            reuse,
            kept: Mutex::default(),
            sizes: Mutex::default(),
            folders: Mutex::default(),
            held: reuse.then_some(turn),
        })
    }

    /// Whether the output already holds `rel` with these bytes (then it is kept, not written).
    fn unchanged(&self, rel: &str, content: &[u8]) -> bool {
        // The record is renamed in last, never kept (swap.rs).
        if !self.reuse || rel == super::RECORD {
            return false;
        }
        let there = self.out.join(rel);
        let same = std::fs::symlink_metadata(&there)
            .is_ok_and(|m| m.is_file() && m.len() == content.len() as u64)
            && std::fs::read(&there).is_ok_and(|b| b == content);
        if same {
            self.kept
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(PathBuf::from(rel));
        }
        same
    }

    /// Writes the file `rel` (a path relative to the output, `/`-separated) with `content`,
    /// creating its folders.
    pub fn write(&self, rel: &str, content: &[u8]) -> Result<(), OutputError> {
        self.note_size(rel, content.len() as u64);
        if self.unchanged(rel, content) {
            return Ok(());
        }
        let path = self.prepare(rel)?;
        std::fs::write(&path, content).map_err(write_error(&path))?;
        self.keep_mode(rel, &path)
    }

    fn note_size(&self, rel: &str, size: u64) {
        self.sizes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel.to_owned(), size);
    }

    /// In an update, a file that replaces one keeps that file's permissions (as `write_file`
    /// does): a site whose files a host made group-writable stays so.
    fn keep_mode(&self, rel: &str, staged: &Path) -> Result<(), OutputError> {
        if !self.reuse {
            return Ok(());
        }
        match std::fs::symlink_metadata(self.out.join(rel)) {
            Ok(m) if m.is_file() => {
                std::fs::set_permissions(staged, m.permissions()).map_err(write_error(staged))
            }
            _ => Ok(()),
        }
    }

    /// The size of the file `rel` of the site being made: staged, or kept in the output.
    pub fn size(&self, rel: &str) -> Option<u64> {
        if let Some(&size) = self
            .sizes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(rel)
        {
            return Some(size);
        }
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(Path::new(rel));
        let path = if kept {
            self.out.join(rel)
        } else {
            self.staging.path.join(rel)
        };
        std::fs::metadata(path).ok().map(|m| m.len())
    }

    /// Copies the file `from` to `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        if self.reuse
            && let Ok(bytes) = std::fs::read(from)
            && self.unchanged(rel, &bytes)
        {
            self.note_size(rel, bytes.len() as u64);
            return Ok(());
        }
        let to = self.prepare(rel)?;
        std::fs::copy(from, &to)
            .map(|size| self.note_size(rel, size))
            .map_err(|source| OutputError::Copy {
                from: from.to_owned(),
                to: to.clone(),
                source,
            })
    }

    fn prepare(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let path = self.staging.path.join(rel);
        // Each folder once: asking the system for it again for each of its files was two
        // failing calls per file.
        if let Some((folder, _)) = rel.rsplit_once('/')
            && let Some(dir) = path.parent()
        {
            let made = self
                .folders
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(folder);
            if !made {
                std::fs::create_dir_all(dir).map_err(write_error(dir))?;
                self.folders
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(folder.to_owned());
            }
        }
        Ok(path)
    }

    /// Puts the complete staging folder in the place of the output.
    pub fn commit(self) -> Result<(), OutputError> {
        let swap = if self.reuse {
            Swap::Update
        } else {
            Swap::Exchange
        };
        self.commit_with(swap)
    }

    pub(super) fn commit_with(mut self, swap: Swap) -> Result<(), OutputError> {
        {
            let _turn = match self.held.take() {
                Some(held) => held,
                None => OutputLock::acquire(&self.lock_path)?,
            };
            let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            swap_in(&self.staging.path, &self.out, swap, &kept)?;
        }
        // After an exchange the previous output is at the staging path; after a per-file swap
        // the staging folder's marker and empty folders are.
        self.staging.finish()
    }
}

/// Whether the folder `out` holds a symbolic link anywhere (or cannot be walked).
fn has_link(out: &Path) -> bool {
    walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .any(|e| e.map_or(true, |e| e.path_is_symlink()))
}

#[cfg(test)]
mod tests;
