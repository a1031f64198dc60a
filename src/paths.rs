//! Paths as the corpus names them: `/`-separated, relative to the source folder (or to the
//! repository in the history), normalised without touching the file system.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and folds `..` into its parent, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `..` cancels a name, not another `..` nor the root (`/..` is `/`).
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// The last part of a `/`-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder part of a `/`-separated path (`` for a file at the top).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// `path` relative to `root`, `/`-separated (the path itself when it is not below `root`).
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a name is hidden (`.git`, `.github`): hidden folders are not part of a corpus.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether a relative `/`-separated path is hidden: the file or any folder on the way.
pub fn is_hidden_path(rel_path: &str) -> bool {
    rel_path.split('/').any(is_hidden)
}

/// The git work tree holding `path` (an absolute, normalised path): the nearest of it and its
/// folders with a `.git` (a folder, or the file of a worktree or submodule).
pub fn work_tree(path: &Path) -> Option<&Path> {
    path.ancestors()
        .find(|dir| dir.join(".git").symlink_metadata().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("../a")), PathBuf::from("../a"));
        assert_eq!(normalize(Path::new("../../a")), PathBuf::from("../../a"));
        assert_eq!(normalize(Path::new("x/../../a")), PathBuf::from("../a"));
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
    }

    #[test]
    fn hidden_paths() {
        assert!(is_hidden_path(".github/x.md"));
        assert!(is_hidden_path("a/.b/x.md"));
        assert!(is_hidden_path("a/.x.md"));
        assert!(is_hidden_path(".x.md"));
        assert!(!is_hidden_path("a/x.md"));
    }
}
