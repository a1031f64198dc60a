//! Writing what normwerk produces without harming what is there: an output folder is replaced
//! only when it is empty or normwerk built it, and only once the new content is complete; a single
//! file is replaced by a rename. Readers never see a half-written folder or file, nor a page
//! missing while a folder is swapped; builds into the same folder at once do not mix; what a
//! killed build left beside the output is removed by the next (book/src/design/output.md).

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

/// Marks a folder as normwerk's output, so that a rebuild may replace it.
pub const MARKER: &str = ".normwerk-site";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site to {out}: {reason}")]
    Unsafe { out: PathBuf, reason: String },
    #[error("refusing to write {out}: {reason}")]
    UnsafeFile { out: PathBuf, reason: String },
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot copy {from} to {to}")]
    Copy {
        from: PathBuf,
        to: PathBuf,
        source: std::io::Error,
    },
}

fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Read {
        path: path.to_owned(),
        source,
    }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Write {
        path: path.to_owned(),
        source,
    }
}

/// The output folder must not be, contain or sit inside the source folder, and an existing one
/// must be empty or a previous build.
pub fn check_output(source: &Path, out: &Path) -> Result<(), OutputError> {
    let refuse = |reason: &str| OutputError::Unsafe {
        out: out.to_owned(),
        reason: reason.to_owned(),
    };
    let (src, dst) = (absolute(source), absolute(out));
    if src == dst {
        return Err(refuse("it is the source folder"));
    }
    if src.starts_with(&dst) {
        return Err(refuse("it contains the source folder"));
    }
    if dst.starts_with(&src) {
        return Err(refuse(
            "it is inside the source folder, whose documents it would mix with",
        ));
    }
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            "it is a symbolic link (the site would replace the link, not fill its target)",
        ));
    }
    if let Some((tree, real)) = crate::confined::leaves_work_tree(out) {
        return Err(refuse(&format!(
            "it lies in the git work tree {} but leads out of it (to {}) through a symbolic link",
            tree.display(),
            real.display()
        )));
    }
    if dst.exists() {
        ours_or_empty(&dst, out)?;
    }
    Ok(())
}

/// The existing `dst` (the output folder `out`) is a folder, empty or built by normwerk.
fn ours_or_empty(dst: &Path, out: &Path) -> Result<(), OutputError> {
    let refuse = |reason: &str| OutputError::Unsafe {
        out: out.to_owned(),
        reason: reason.to_owned(),
    };
    if !dst.is_dir() {
        return Err(refuse("it exists and is not a folder"));
    }
    let empty = std::fs::read_dir(dst)
        .map_err(read_error(dst))?
        .next()
        .is_none();
    if !empty && !dst.join(MARKER).exists() {
        return Err(refuse(
            "it is a folder that normwerk did not build (no .normwerk-site marker); remove it or choose another",
        ));
    }
    Ok(())
}

/// A single output file (`index --out`) must not lie inside the source folder, where it would
/// mix with (or replace) the documents.
pub fn check_output_file(source: &Path, out: &Path) -> Result<(), OutputError> {
    if let Some((tree, real)) = crate::confined::leaves_work_tree(out) {
        return Err(OutputError::UnsafeFile {
            out: out.to_owned(),
            reason: format!(
                "it lies in the git work tree {} but leads out of it (to {}) through a symbolic link",
                tree.display(),
                real.display()
            ),
        });
    }
    if absolute(out).starts_with(absolute(source)) {
        return Err(OutputError::UnsafeFile {
            out: out.to_owned(),
            reason: "it is inside the source folder, whose documents it would mix with".to_owned(),
        });
    }
    Ok(())
}

/// `p` as an absolute path with its longest existing ancestor canonicalized (links resolved) and
/// the rest kept as written, so that folders that do not exist yet compare correctly.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_owned();
            }
            _ => break,
        }
    }
    let mut base = existing.canonicalize().unwrap_or(existing);
    for part in rest.iter().rev() {
        base.push(part);
    }
    base
}

/// The folder a path lies in; `.` for a bare name.
fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

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

const MARKER_TEXT: &str = "built by normwerk; this folder is replaced on every build\n";
const LOCK_TEXT: &str =
    "normwerk: held by a build while it swaps in the output folder beside this file\n";

/// The folder a build writes into, `.{name}.new-…` beside the output. Its marker is created and
/// locked before anything else, so that a leftover is recognisably normwerk's and a live build's
/// folder is told from a dead one's ([`remove_leftovers`]). Dropped, it removes what is at its
/// path (the whole folder when the build failed).
#[derive(Debug)]
struct Staging {
    path: PathBuf,
    marker: Option<File>,
    removed: bool,
}

impl Staging {
    /// Called with the output's lock held, so that no other build's cleanup sees the folder
    /// before its marker is locked.
    fn create(parent: &Path, name: &str) -> Result<Self, OutputError> {
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
    fn finish(mut self) -> Result<(), OutputError> {
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
struct OutputLock {
    path: PathBuf,
    _file: File,
}

impl OutputLock {
    fn acquire(path: &Path) -> Result<Self, OutputError> {
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
fn remove_leftovers(parent: &Path, name: &str) -> Result<(), OutputError> {
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
fn remove_tree(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        other => other,
    }
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

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so that a reader
/// sees the old file or the new one, never a part. Missing folders on the way are created
/// (`--out public/api/index.json` in a fresh checkout).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let dir = parent_of(path);
    if dir.exists() && !dir.is_dir() {
        let not_a_folder =
            std::io::Error::other(format!("{} is a file, not a folder", dir.display()));
        return Err(write_error(path)(not_a_folder));
    }
    std::fs::create_dir_all(dir).map_err(write_error(dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_error(dir))?;
    tmp.write_all(bytes).map_err(write_error(path))?;
    // A temporary file is private (0600); the result gets the mode of the file it replaces, or
    // the usual 0644, so that a web server can read it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(write_error(path))?;
    }
    tmp.persist(path).map_err(|e| write_error(path)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_beside_the_source_only() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let source = tmp.path().join("docs/Standards");
        std::fs::create_dir_all(&source).expect("source folder");
        for out in [source.clone(), tmp.path().join("docs"), source.join("site")] {
            let e = check_output(&source, &out).expect_err("refused");
            assert!(matches!(e, OutputError::Unsafe { .. }), "{e}");
        }
        let out = tmp.path().join("site/new");
        check_output(&source, &out).expect("a new folder is fine");
        let foreign = tmp.path().join("foreign");
        std::fs::create_dir_all(&foreign).expect("folder");
        std::fs::write(foreign.join("keep.txt"), "mine").expect("file");
        assert!(check_output(&source, &foreign).is_err());
    }

    #[test]
    fn a_folder_is_replaced_whole_and_marked() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let texts = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect()
        };
        let attachment = tmp.path().join("a.png");
        std::fs::write(&attachment, "png").expect("file");
        let copies = BTreeMap::from([("img/a.png".to_owned(), attachment)]);
        replace_folder(&out, &texts(&[("a/index.html", "one")]), &copies).expect("first");
        assert_eq!(
            std::fs::read_to_string(out.join("img/a.png"))
                .ok()
                .as_deref(),
            Some("png")
        );
        check_output(tmp.path().join("src").as_path(), &out).expect("marked as ours");
        replace_folder(&out, &texts(&[("b.html", "two")]), &BTreeMap::new()).expect("second");
        assert!(!out.join("a/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b.html")).ok().as_deref(),
            Some("two")
        );
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names.len(), 2, "no temporary folders left: {names:?}");
    }

    #[test]
    fn a_file_is_replaced_keeping_its_mode() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let path = tmp.path().join("index.json");
        write_file(&path, b"{}").expect("new file");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"{}"[..]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode(&path).ok(), Some(0o644));
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
            write_file(&path, b"[]").expect("replaced");
            assert_eq!(mode(&path).ok(), Some(0o640));
        }
        // Missing folders are created; a file where a folder should be is an error naming it.
        let nested = tmp.path().join("new/folder/x.json");
        write_file(&nested, b"").expect("folders created");
        let blocked = path.join("x.json");
        let e = write_file(&blocked, b"").expect_err("a file is in the way");
        assert!(e.to_string().contains("index.json"), "{e}");
    }

    fn pages(version: usize, extra: usize) -> BTreeMap<String, String> {
        let mut texts = BTreeMap::from([
            ("index.html".to_owned(), format!("<p>index {version}</p>")),
            (
                "standards/scs-0001/index.html".to_owned(),
                format!("<p>scs-0001 {version}</p>"),
            ),
        ]);
        for i in 0..extra {
            texts.insert(format!("standards/d{i}/index.html"), format!("{version}"));
        }
        texts
    }

    /// What is in `dir`, by name.
    fn names(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// A staging folder as a killed build leaves it: marked, no live lock, part of a site.
    fn leftover(parent: &Path, name: &str, marked: bool) -> PathBuf {
        let dir = parent.join(name);
        std::fs::create_dir_all(dir.join("standards")).expect("folder");
        std::fs::write(dir.join("standards/half.html"), "<p>").expect("file");
        if marked {
            std::fs::write(dir.join(MARKER), MARKER_TEXT).expect("marker");
        }
        dir
    }

    #[test]
    fn a_dead_builds_marked_leftovers_are_removed() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let new = leftover(tmp.path(), ".site.new-4242-00000001", true);
        // Set aside by an older version that was killed before it removed the previous site.
        let old = leftover(tmp.path(), ".site.old-4242", true);
        // Another output's leftover is that build's business.
        let other = leftover(tmp.path(), ".other.new-1-1", true);
        replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
        assert!(!new.exists() && !old.exists());
        assert!(other.exists());
        assert_eq!(
            names(tmp.path()),
            BTreeSet::from(["site".into(), ".other.new-1-1".into()])
        );
    }

    #[test]
    fn a_leftover_without_marker_is_kept() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let foreign = leftover(tmp.path(), ".site.new-foreign", false);
        replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
        assert!(foreign.join("standards/half.html").exists());
    }

    #[test]
    fn a_leftover_whose_lock_is_held_is_kept() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let live = leftover(tmp.path(), ".site.new-1-live", true);
        // A live build holds its marker's lock (a separate open file: flock is per open file).
        let held = File::open(live.join(MARKER)).expect("open");
        held.lock().expect("lock");
        replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
        assert!(
            live.join("standards/half.html").exists(),
            "a live build's folder is kept"
        );
        drop(held);
        replace_folder(&out, &pages(2, 0), &BTreeMap::new()).expect("build");
        assert!(!live.exists(), "removed once its build is gone");
    }

    /// Rebuilds `out` 30 times while a reader opens two of its pages in a tight loop; returns
    /// the reader's polls and misses.
    fn poll_during_rebuilds(swap: Swap) -> (u64, u64) {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        replace_folder_with(&out, &pages(0, 50), &BTreeMap::new(), swap).expect("first build");
        let done = std::sync::atomic::AtomicBool::new(false);
        let (polls, misses) = std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let (mut polls, mut misses) = (0u64, 0u64);
                let targets = [
                    out.join("index.html"),
                    out.join("standards/scs-0001/index.html"),
                ];
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    for target in &targets {
                        polls += 1;
                        match std::fs::read_to_string(target) {
                            Ok(text) if text.starts_with("<p>") && text.ends_with("</p>") => {}
                            _ => misses += 1,
                        }
                    }
                }
                (polls, misses)
            });
            for version in 1..=30 {
                // Every other build has fewer pages, so that the per-file swap removes some.
                let extra = if version % 2 == 0 { 10 } else { 50 };
                replace_folder_with(&out, &pages(version, extra), &BTreeMap::new(), swap)
                    .expect("rebuild");
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            reader.join().expect("reader")
        });
        assert_eq!(
            std::fs::read_to_string(out.join("index.html"))
                .ok()
                .as_deref(),
            Some("<p>index 30</p>")
        );
        assert!(!out.join("standards/d10/index.html").exists());
        assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
        (polls, misses)
    }

    #[test]
    fn a_polling_reader_never_misses_a_page_during_an_exchange() {
        let (polls, misses) = poll_during_rebuilds(Swap::Exchange);
        assert!(polls > 0);
        assert_eq!(misses, 0, "{misses} of {polls} opens failed");
    }

    #[test]
    fn a_polling_reader_never_misses_a_page_during_a_per_file_swap() {
        let (polls, misses) = poll_during_rebuilds(Swap::PerFile);
        assert!(polls > 0);
        assert_eq!(misses, 0, "{misses} of {polls} opens failed");
    }

    #[test]
    fn a_per_file_swap_removes_what_is_no_longer_produced() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let texts = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect()
        };
        let first = texts(&[("a/index.html", "1"), ("b/c/d.html", "1"), ("x", "1")]);
        replace_folder_with(&out, &first, &BTreeMap::new(), Swap::PerFile).expect("first");
        // `a` turns from a folder into a file and `x` from a file into a folder; `b` goes.
        let second = texts(&[("a", "2"), ("x/index.html", "2")]);
        replace_folder_with(&out, &second, &BTreeMap::new(), Swap::PerFile).expect("second");
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).ok();
        assert_eq!(read("a").as_deref(), Some("2"));
        assert_eq!(read("x/index.html").as_deref(), Some("2"));
        assert_eq!(
            names(&out),
            BTreeSet::from(["a".into(), "x".into(), MARKER.into()])
        );
        assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
    }

    #[test]
    fn concurrent_builds_each_complete_and_the_last_swap_wins() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("site");
        let site = |who: &str| -> BTreeMap<String, String> {
            (0..40)
                .map(|i| (format!("{who}/{i}/index.html"), format!("{who} {i}")))
                .chain([("index.html".to_owned(), who.to_owned())])
                .collect()
        };
        std::thread::scope(|scope| {
            for who in ["a", "b", "c"] {
                let (out, texts) = (&out, site(who));
                scope.spawn(move || {
                    for _ in 0..10 {
                        replace_folder(out, &texts, &BTreeMap::new()).expect("build");
                    }
                });
            }
        });
        let winner = std::fs::read_to_string(out.join("index.html")).expect("index");
        let expected: BTreeSet<String> = [winner.clone(), "index.html".into(), MARKER.into()]
            .into_iter()
            .collect();
        assert_eq!(names(&out), expected, "one build's site, not a mix");
        assert_eq!(names(&out.join(&winner)).len(), 40);
        assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
    }
}
