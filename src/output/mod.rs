//! Writing what normwerk produces without harming what is there: an output folder is replaced
//! only when it is empty or normwerk built it, and only once the new content is complete; a single
//! file is replaced by a rename. Readers never see a half-written folder or file, nor a page
//! missing while a folder is swapped; builds into the same folder at once do not mix; what a
//! killed build left beside the output is removed by the next (book/src/design/output.md).

mod staged;
mod staging;
mod swap;

pub use staged::Staged;

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Marks a folder as normwerk's output, so that a rebuild may replace it.
pub const MARKER: &str = ".normwerk-site";

/// The site's record of what it was made from (`site::fingerprint`): an update removes it before
/// its first rename and puts the new one in after its last, so that a site left half updated
/// is never taken for a whole one.
pub const RECORD: &str = ".normwerk-inputs";

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
    let (src, dst) = (real_path(source), real_path(out));
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
    if let Some(reason) = crate::confined::leaves_work_tree(out) {
        return Err(refuse(&format!("it {reason}")));
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
    if let Some(reason) = crate::confined::leaves_work_tree(out) {
        return Err(OutputError::UnsafeFile {
            out: out.to_owned(),
            reason: format!("it {reason}"),
        });
    }
    if real_path(out).starts_with(real_path(source)) {
        return Err(OutputError::UnsafeFile {
            out: out.to_owned(),
            reason: "it is inside the source folder, whose documents it would mix with".to_owned(),
        });
    }
    Ok(())
}

/// Why an output path that a link leads out of its git work tree is refused, if it does.
use crate::confined::real_path;

/// The folder a path lies in; `.` for a bare name.
fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
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
}
