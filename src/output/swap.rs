//! Replacing an output folder: the staging folder (marked and locked before any content), the
//! removal of what killed builds left, the output's lock for concurrent builds, and the swap
//! itself (one exchange of two folders, or file by file). The design:
//! book/src/design/output.md.

use super::staging::{MARKER_TEXT, remove_tree};
use super::{MARKER, OutputError, RECORD, ours_or_empty, read_error, write_error};

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// How a staged folder takes the place of the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Swap {
    /// One `renameat2(RENAME_EXCHANGE)` of the two folders where the system and the file system
    /// have it (Linux 3.15 on, most local file systems); [`Swap::PerFile`] where they do not.
    Exchange,
    /// File by file: every file of the staged folder is renamed into `out`, then what the build
    /// did not produce is removed. Each path holds the old file or the new one throughout; until
    /// the last rename the site is a mix of old and new pages. Chosen by the tests; otherwise
    /// where the exchange fails.
    #[cfg_attr(not(test), expect(dead_code, reason = "the tests choose it"))]
    PerFile,
    /// A rebuild of a site normwerk built: only the files that changed were staged; they are
    /// renamed into place like [`Swap::PerFile`]'s, the files left as they were stay untouched,
    /// and what the build no longer makes is removed.
    Update,
}

/// Puts the complete folder `staged` in the place of `out`; called with the output's lock held.
/// A first build is a plain rename.
pub(super) fn swap_in(
    staged: &Path,
    out: &Path,
    swap: Swap,
    kept: &BTreeSet<PathBuf>,
) -> Result<(), OutputError> {
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
    move_files(staged, out, kept)
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
fn move_files(staged: &Path, out: &Path, kept: &BTreeSet<PathBuf>) -> Result<(), OutputError> {
    let walk_error = |e: walkdir::Error| {
        let path = e.path().unwrap_or(staged).to_owned();
        read_error(&path)(e.into())
    };
    // The old record goes first and the new one comes last: a site left half updated (a killed
    // build, a failed rename) has none, and the next build makes it whole.
    let record = out.join(RECORD);
    if record.exists() {
        std::fs::remove_file(&record).map_err(write_error(&record))?;
    }
    // The files kept, and the folders on their way.
    let mut produced: BTreeSet<PathBuf> = kept
        .iter()
        .flat_map(|k| {
            k.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .map(Path::to_path_buf)
        })
        .collect();
    for entry in walkdir::WalkDir::new(staged).min_depth(1) {
        let entry = entry.map_err(walk_error)?;
        let Ok(rel) = entry.path().strip_prefix(staged) else {
            continue;
        };
        if rel == Path::new(MARKER) || rel == Path::new(RECORD) {
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
    let staged_record = staged.join(RECORD);
    if staged_record.exists() {
        std::fs::rename(&staged_record, &record).map_err(write_error(&record))?;
    }
    Ok(())
}
