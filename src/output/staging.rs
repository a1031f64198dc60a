//! The folders and files a build keeps beside the output: its staging folder (marked and locked
//! before any content, so that a leftover is told from a live build's), the output's lock for
//! concurrent builds, and the removal of what killed builds left.

use super::{MARKER, OutputError, read_error, write_error};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

pub(super) const MARKER_TEXT: &str = "built by normwerk; this folder is replaced on every build\n";
pub(super) const LOCK_TEXT: &str =
    "normwerk: held by a build while it swaps in the output folder beside this file\n";

/// The folder a build writes into, `.{name}.new-…` beside the output. Its marker is created and
/// locked before anything else, so that a leftover is recognisably normwerk's and a live build's
/// folder is told from a dead one's ([`remove_leftovers`]). Dropped, it removes what is at its
/// path (the whole folder when the build failed).
#[derive(Debug)]
pub(super) struct Staging {
    pub(super) path: PathBuf,
    marker: Option<File>,
    removed: bool,
}

impl Staging {
    /// Called with the output's lock held, so that no other build's cleanup sees the folder
    /// before its marker is locked.
    pub(super) fn create(parent: &Path, name: &str) -> Result<Self, OutputError> {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut attempt = 0u32;
        let path = loop {
            let path = parent.join(format!(
                ".{name}.new-{}-{:08x}",
                std::process::id(),
                seed.wrapping_add(attempt)
            ));
            match std::fs::create_dir(&path) {
                Ok(()) => break path,
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
                Err(e) => return Err(write_error(&path)(e)),
            }
        };
        let mut staging = Staging {
            path,
            marker: None,
            removed: false,
        };
        let marker = staging.path.join(MARKER);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&marker)
            .map_err(write_error(&marker))?;
        lock(&file).map_err(write_error(&marker))?;
        file.write_all(MARKER_TEXT.as_bytes())
            .map_err(write_error(&marker))?;
        staging.marker = Some(file);
        Ok(staging)
    }

    /// Removes what is at the staging path, reporting a failure.
    pub(super) fn finish(mut self) -> Result<(), OutputError> {
        self.marker = None;
        self.removed = true;
        remove_tree(&self.path).map_err(write_error(&self.path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.marker = None;
        if !self.removed {
            let _ = remove_tree(&self.path);
        }
    }
}

/// The lock file `.{name}.lock` beside the output, created with a text that names normwerk.
/// Its holder removes it before unlocking it, so that it is there only while a build needs it; a
/// waiter that then holds the lock of a removed file tries again with a new one.
#[derive(Debug)]
pub(super) struct OutputLock {
    path: PathBuf,
    _file: File,
}

impl OutputLock {
    pub(super) fn acquire(path: &Path) -> Result<Self, OutputError> {
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(write_error(path))?;
            lock(&file).map_err(write_error(path))?;
            if is_at(&file, path) {
                file.set_len(0)
                    .and_then(|()| file.write_all(LOCK_TEXT.as_bytes()))
                    .map_err(write_error(path))?;
                return Ok(OutputLock {
                    path: path.to_owned(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked (the file is closed, and so unlocked, after this).
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

/// An exclusive lock on `file`, waiting for it; where the platform has no file locks, none.
fn lock(file: &File) -> std::io::Result<()> {
    match file.lock() {
        Err(e) if e.kind() == ErrorKind::Unsupported => Ok(()),
        other => other,
    }
}

/// Whether the open `file` is still the one at `path` (not removed or replaced since it was
/// opened).
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so the open file is the one at its path.
#[cfg(not(unix))]
fn is_at(_: &File, _: &Path) -> bool {
    true
}

/// Removes what builds killed on the way left beside the output: staging folders
/// (`.{name}.new-…`, which after an exchange hold the previous output) and previous outputs set
/// aside by older versions (`.{name}.old-…`). Only folders that carry the [`MARKER`] (or are
/// empty) are removed, and only when their marker's lock can be taken: a live build holds the lock of its
/// staging folder's marker until it is done. Called with the output's lock held.
pub(super) fn remove_leftovers(parent: &Path, name: &str) -> Result<(), OutputError> {
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in std::fs::read_dir(parent)
        .map_err(read_error(parent))?
        .flatten()
    {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str()))
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let path = entry.path();
        let marker = path.join(MARKER);
        if !std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
            // A build killed between creating its staging folder and its marker left it empty;
            // `remove_dir` removes only an empty folder, so nothing of anyone's is lost.
            let _ = std::fs::remove_dir(&path);
            continue;
        }
        let Ok(file) = File::open(&marker) else {
            continue;
        };
        // Would block: a live build's; any other failure: whose it is cannot be told, so kept.
        if file.try_lock().is_ok() {
            remove_tree(&path).map_err(write_error(&path))?;
        }
    }
    Ok(())
}

/// `remove_dir_all` that is content when someone else removed (part of) the folder first.
pub(super) fn remove_tree(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        other => other,
    }
}
