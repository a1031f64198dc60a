//! Reading files of a folder that may hold anything a pull request can put there: a file is
//! opened only if it is a regular file whose real path (symbolic links resolved) lies inside the
//! folder it belongs to, and only up to a size limit. Special files (FIFOs, sockets, devices) are
//! refused before they are opened, so that none can block a run.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Why a file was not read. The messages complete "cannot read FILE: …".
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("it does not exist")]
    Missing,
    #[error("it is a symbolic link that leads outside {} (to {})", root.display(), target.display())]
    Outside { root: PathBuf, target: PathBuf },
    #[error("it is a symbolic link to {}, which does not exist", target.display())]
    Dangling { target: PathBuf },
    #[error("it is a link that leads in a loop, or through too many links")]
    LinkLoop,
    #[error("it is {0}, not a regular file")]
    NotAFile(&'static str),
    #[error("it has {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("it is not valid UTF-8 (byte {0})")]
    NotUtf8(usize),
    #[error("{0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for Refusal {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound {
            return Refusal::Missing;
        }
        // ELOOP has no stable `ErrorKind` yet.
        #[cfg(unix)]
        if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
            return Refusal::LinkLoop;
        }
        Refusal::Io(e)
    }
}

/// A folder whose files may be read: its real path, resolved once.
#[derive(Debug, Clone)]
pub struct Folder {
    real: PathBuf,
}

impl Folder {
    /// The folder `root` (which must exist).
    pub fn new(root: &Path) -> std::io::Result<Folder> {
        Ok(Folder {
            real: root.canonicalize()?,
        })
    }

    /// The real path of the folder.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    /// The real path of `path` if it lies inside the folder (which is not checked to be a file).
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = path
            .canonicalize()
            .map_err(|e| match std::fs::read_link(path) {
                Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
                    Refusal::Dangling { target }
                }
                _ => Refusal::from(e),
            })?;
        if real.starts_with(&self.real) {
            Ok(real)
        } else {
            Err(Refusal::Outside {
                root: self.real.clone(),
                target: real,
            })
        }
    }

    /// The first hidden part (`.git`) of a real path inside the folder, if any: hidden files and
    /// folders are not part of the corpus.
    pub fn hidden_part(&self, real: &Path) -> Option<String> {
        real.strip_prefix(&self.real)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .find(|c| crate::paths::is_hidden(c))
    }

    /// The real path of `path` if it is a regular file inside the folder.
    pub fn regular_file(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = self.resolve(path)?;
        regular(&std::fs::metadata(&real)?)?;
        Ok(real)
    }

    /// The bytes of `path` if it is a regular file inside the folder of at most `limit` bytes.
    pub fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
        read_regular(&self.regular_file(path)?, limit)
    }

    /// The text of `path` (as [`Folder::read`]), which must be UTF-8.
    pub fn read_text(&self, path: &Path, limit: u64) -> Result<String, Refusal> {
        utf8(self.read(path, limit)?)
    }
}

/// A path that lies (as written) in a git work tree but leads out of it through a link.
#[derive(Debug, thiserror::Error)]
#[error(
    "lies in the git work tree {} but leads out of it (to {}) through a symbolic link",
    tree.display(),
    real.display()
)]
pub struct LeavesWorkTree {
    pub tree: PathBuf,
    pub real: PathBuf,
}

/// When `path` lies (as written) in a git work tree but its real path (symbolic links
/// resolved, for the longest part that exists) does not, the work tree and the real path: a
/// link committed in a pull request (`Standards -> /`, `public -> /srv`) must not make normwerk
/// read or write elsewhere. `None` when the path stays inside, or is in no work tree.
pub fn leaves_work_tree(path: &Path) -> Option<LeavesWorkTree> {
    let written = crate::paths::normalize(&std::path::absolute(path).ok()?);
    let tree = crate::paths::work_tree(&written)?;
    let real_tree = tree.canonicalize().ok()?;
    let real = real_path(&written);
    (!real.starts_with(&real_tree)).then(|| LeavesWorkTree {
        tree: tree.to_owned(),
        real,
    })
}

/// `path` made absolute, with the links of its longest resolvable ancestor resolved and the rest
/// kept as written: folders that do not exist yet (an output about to be made) compare
/// correctly.
pub fn real_path(path: &Path) -> PathBuf {
    let written = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    for dir in written.ancestors() {
        if let (Ok(real), Ok(rest)) = (dir.canonicalize(), written.strip_prefix(dir)) {
            return if rest.as_os_str().is_empty() {
                real
            } else {
                real.join(rest)
            };
        }
    }
    written
}

/// The bytes of `path`, which must be a regular file (links followed) of at most `limit` bytes:
/// for files the user names (a configuration, an index), where no folder confines them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    regular(&std::fs::metadata(path)?)?;
    let file = open_nonblocking(path)?;
    // Checked again on the open file: the path may have been replaced since it was looked at.
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // A file that grows while it is read stops at the limit (plus one byte, to notice).
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, Refusal> {
    String::from_utf8(bytes).map_err(|e| Refusal::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Opening never waits: a FIFO swapped in after the check would otherwise block until a writer
/// appears. On regular files the flag has no effect.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let nonblock = rustix::fs::OFlags::NONBLOCK.bits();
        opts.custom_flags(i32::try_from(nonblock).unwrap_or(0));
    }
    opts.open(path)
}

fn regular(meta: &std::fs::Metadata) -> Result<(), Refusal> {
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(());
    }
    Err(Refusal::NotAFile(kind_of(&ft)))
}

/// What a file that is not a regular file is, in words.
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    if ft.is_dir() {
        return "a folder";
    }
    if ft.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_outside_special_and_large() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("src");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.md"), "hello").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        let folder = Folder::new(&root).unwrap();
        assert_eq!(folder.read(&root.join("a.md"), 10).unwrap(), b"hello");
        assert!(matches!(
            folder.read(&root.join("a.md"), 4),
            Err(Refusal::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            folder.read(&root.join("sub/../../secret"), 10),
            Err(Refusal::Outside { .. })
        ));
        assert!(matches!(
            folder.read(&root.join("sub"), 10),
            Err(Refusal::NotAFile("a folder"))
        ));
        assert!(matches!(
            folder.read(&root.join("nope"), 10),
            Err(Refusal::Missing)
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("leak")).unwrap();
            std::os::unix::fs::symlink("a.md", root.join("alias.md")).unwrap();
            std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
            assert!(matches!(
                folder.read(&root.join("leak"), 10),
                Err(Refusal::Outside { .. })
            ));
            assert_eq!(folder.read(&root.join("alias.md"), 10).unwrap(), b"hello");
            let e = folder.read(&root.join("loop"), 10).unwrap_err();
            assert!(matches!(e, Refusal::LinkLoop), "{e:?}");
            let fifo = root.join("pipe.md");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = folder.read(&fifo, 10).unwrap_err();
                assert_eq!(
                    e.to_string(),
                    "it is a named pipe (FIFO), not a regular file"
                );
            }
        }
    }
}
