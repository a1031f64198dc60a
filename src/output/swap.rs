//! Replacing an output folder: the staging folder (marked and locked before any content), the
//! removal of what killed builds left, the output's lock for concurrent builds, and the swap
//! itself (one exchange of two folders, or file by file). The design:
//! book/src/design/output.md.

use super::staging::{MARKER_TEXT, OutputLock, Staging, remove_leftovers, remove_tree};
use super::{MARKER, OutputError, ours_or_empty, parent_of, read_error, write_error};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Replaces the folder `out` with `texts` (by path relative to `out`) and copies of `copies`
/// (source file by relative path), plus the [`MARKER`]. Call [`check_output`] first.
///
/// Everything is written into a staging folder `.{name}.new-…` beside `out`, which gets its
/// marker, locked, before any content; the staged folder then takes the place of `out` in one
/// exchange of the two folders where the system can (Linux), else file by file (see [`Swap`]);
/// what `out` held is removed afterwards. A reader of `out` finds the old page or the new one,
/// never none. Builds into the same `out` at once take turns on the lock file `.{name}.lock`
/// beside it for the short steps (removing what killed builds left, making a staging folder,
/// the swap); the last swap wins. The design: book/src/design/output.md.
pub fn replace_folder(
    out: &Path,
    texts: &BTreeMap<String, String>,
    copies: &BTreeMap<String, PathBuf>,
) -> Result<(), OutputError> {
    replace_folder_with(out, texts, copies, Swap::Exchange)
}

/// How a staged folder takes the place of the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swap {
    /// One `renameat2(RENAME_EXCHANGE)` of the two folders where the system and the file system
    /// have it (Linux 3.15 on, most local file systems); [`Swap::PerFile`] where they do not.
    Exchange,
    /// File by file: every file of the staged folder is renamed into `out`, then what the build
    /// did not produce is removed. Each path holds the old file or the new one throughout; until
    /// the last rename the site is a mix of old and new pages. Chosen by the tests; otherwise
    /// where the exchange fails.
    #[cfg_attr(not(test), expect(dead_code, reason = "the tests choose it"))]
    PerFile,
}

fn replace_folder_with(
    out: &Path,
    texts: &BTreeMap<String, String>,
    copies: &BTreeMap<String, PathBuf>,
    swap: Swap,
) -> Result<(), OutputError> {
    let parent = parent_of(out);
    std::fs::create_dir_all(parent).map_err(write_error(parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let lock_path = parent.join(format!(".{name}.lock"));
    let staging = {
        let _turn = OutputLock::acquire(&lock_path)?;
        remove_leftovers(parent, &name)?;
        Staging::create(parent, &name)?
    };
    let root = staging.path.as_path();
    let dirs: BTreeSet<PathBuf> = texts
        .keys()
        .chain(copies.keys())
        .filter_map(|rel| root.join(rel).parent().map(Path::to_owned))
        .collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(write_error(dir))?;
    }
    texts.par_iter().try_for_each(|(rel, content)| {
        let path = root.join(rel);
        std::fs::write(&path, content).map_err(write_error(&path))
    })?;
    for (rel, from) in copies {
        let to = root.join(rel);
        std::fs::copy(from, &to).map_err(|source| OutputError::Copy {
            from: from.clone(),
            to: to.clone(),
            source,
        })?;
    }
    {
        let _turn = OutputLock::acquire(&lock_path)?;
        swap_in(root, out, swap)?;
    }
    // After an exchange the previous output is at the staging path; after a per-file swap the
    // staging folder's marker and empty folders are.
    staging.finish()
}

/// Puts the complete folder `staged` in the place of `out`; called with the output's lock held.
/// A first build is a plain rename.
fn swap_in(staged: &Path, out: &Path, swap: Swap) -> Result<(), OutputError> {
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return std::fs::rename(staged, out).map_err(write_error(out));
        }
        Err(e) => return Err(read_error(out)(e)),
        Ok(_) => {}
    }
    // Once more, now that no other build can swap: what is there may have changed since
    // check_output.
    ours_or_empty(out, out)?;
    if swap == Swap::Exchange {
        match exchange(staged, out) {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return std::fs::rename(staged, out).map_err(write_error(out));
            }
            Err(e) => return Err(write_error(out)(e)),
        }
    }
    move_files(staged, out)
}

/// Exchanges the folders `a` and `b` in one step; `Ok(false)` where the system or the file system
/// cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// The [`Swap::PerFile`] swap: folders are created in `out` first, then every file of `staged`
/// is renamed over its counterpart, then whatever `out` holds that the build did not produce is
/// removed, deepest first. A folder that becomes a file or a file that becomes a folder is
/// removed just before its replacement arrives.
fn move_files(staged: &Path, out: &Path) -> Result<(), OutputError> {
    let walk_error = |e: walkdir::Error| {
        let path = e.path().unwrap_or(staged).to_owned();
        read_error(&path)(e.into())
    };
    let mut produced = BTreeSet::new();
    for entry in walkdir::WalkDir::new(staged).min_depth(1) {
        let entry = entry.map_err(walk_error)?;
        let Ok(rel) = entry.path().strip_prefix(staged) else {
            continue;
        };
        if rel == Path::new(MARKER) {
            continue;
        }
        let to = out.join(rel);
        let there = std::fs::symlink_metadata(&to).ok();
        if entry.file_type().is_dir() {
            if there.as_ref().is_some_and(|m| !m.is_dir()) {
                std::fs::remove_file(&to).map_err(write_error(&to))?;
            }
            if !there.is_some_and(|m| m.is_dir()) {
                std::fs::create_dir(&to).map_err(write_error(&to))?;
            }
        } else {
            if there.is_some_and(|m| m.is_dir()) {
                remove_tree(&to).map_err(write_error(&to))?;
            }
            std::fs::rename(entry.path(), &to).map_err(write_error(&to))?;
        }
        produced.insert(rel.to_owned());
    }
    let marker = out.join(MARKER);
    if !marker.exists() {
        std::fs::write(&marker, MARKER_TEXT).map_err(write_error(&marker))?;
    }
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(walk_error)?;
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        if rel == Path::new(MARKER) || produced.contains(rel) {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_dir() {
            remove_tree(path)
        } else {
            std::fs::remove_file(path)
        }
        .map_err(write_error(path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
