//! Access to the git repository around a standards folder: finding it, the folder's place in
//! it, the checkout's state, the files at a base revision. The walk (`walk.rs`) reads commits
//! through the same opening.

use super::CommitInfo;
use crate::config::Profile;
use crate::document::name;
use git2::Repository;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "{0} is not inside a git repository: history is unavailable (every other command works without it)"
    )]
    NotARepository(PathBuf),
    #[error("{path}: {message}")]
    Folder { path: PathBuf, message: String },
    #[error("{0} is in a git repository without commits yet: there is no history")]
    NoCommits(PathBuf),
    #[error("no document in the history of {} matches {queries}", folder.display())]
    NoMatch { folder: PathBuf, queries: String },
    /// An object the walk needs cannot be read (missing, corrupt, an unreadable pack): the
    /// history would be false, so there is none.
    #[error(
        "git object {oid} ({what}) cannot be read: {message}; the repository is damaged or incomplete (`git fsck` names what is wrong)"
    )]
    Object {
        oid: String,
        what: String,
        message: String,
    },
    /// A commit, or a tree it needs, cannot be read.
    #[error(
        "git commit {oid} cannot be walked: it or one of its trees cannot be read: {message}; the repository is damaged or incomplete (`git fsck` names what is wrong)"
    )]
    Commit { oid: String, message: String },
    /// libgit2's message only: its class and code say nothing to a reader.
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError::Git(e.message().to_owned())
    }
}

/// libgit2's own messages name no object: a bare git error gets what was being done, and the
/// advice, added.
pub(crate) fn in_context(e: HistoryError, doing: &str, rev: &str) -> HistoryError {
    match e {
        HistoryError::Git(message) => HistoryError::Git(format!(
            "{message} (while {doing} `{rev}`); if the repository is damaged or incomplete, `git fsck` names what is wrong"
        )),
        other => other,
    }
}

/// The text of a blob (lossily UTF-8); `what` says which file it is, for the error.
pub(crate) fn blob_text(
    repo: &Repository,
    oid: git2::Oid,
    what: impl FnOnce() -> String,
) -> Result<String, HistoryError> {
    repo.find_blob(oid)
        .map(|b| String::from_utf8_lossy(b.content()).into_owned())
        .map_err(|e| HistoryError::Object {
            oid: oid.to_string(),
            what: what(),
            message: e.message().to_owned(),
        })
}

/// Opens the repository around `source` for reading, and the folder's place in it.
pub(crate) fn open(source: &Path) -> Result<(Repository, String), HistoryError> {
    // Reading is all this tool does with a repository; re-hashing every object read (libgit2's
    // default, unlike git's) took a third of the walk.
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(source)
        .map_err(|_| HistoryError::NotARepository(source.to_owned()))?;
    let folder = folder_in_repo(&repo, source)?;
    Ok((repo, folder))
}

/// A document of the source folder at a base revision.
#[derive(Debug, Clone)]
pub struct BaseFile {
    /// Relative to the source folder, `/`-separated (as `Document::rel_path`).
    pub rel_path: String,
    pub text: String,
}

/// The documents of the source folder at revision `rev` (for `lint --base`).
pub fn base_files(
    source: &Path,
    rev: &str,
    profile: &Profile,
) -> Result<Vec<BaseFile>, HistoryError> {
    files_at(source, rev, profile).map_err(|e| in_context(e, "reading the documents at", rev))
}

/// The texts of files at revision `rev`, by their paths relative to the repository (`None`:
/// not there); for `lint --base` on the scope files.
pub fn repository_files_at(
    source: &Path,
    rev: &str,
    paths: &[String],
) -> Result<Vec<Option<String>>, HistoryError> {
    let read = || -> Result<Vec<Option<String>>, HistoryError> {
        let (repo, _) = open(source)?;
        let root = repo.revparse_single(rev)?.peel_to_commit()?.tree()?;
        paths
            .iter()
            .map(|p| match root.get_path(Path::new(p)) {
                Ok(e) if e.kind() == Some(git2::ObjectType::Blob) => {
                    blob_text(&repo, e.id(), || format!("{p} at {rev}")).map(Some)
                }
                _ => Ok(None),
            })
            .collect()
    };
    read().map_err(|e| in_context(e, "reading the scope files at", rev))
}

/// The tree at `path` of a commit's root tree, if it is a folder.
pub(super) fn tree_at<'r>(
    repo: &'r Repository,
    root: &git2::Tree<'_>,
    path: &str,
) -> Result<Option<git2::Tree<'r>>, HistoryError> {
    if path.is_empty() {
        return Ok(Some(repo.find_tree(root.id())?));
    }
    match root.get_path(Path::new(path)) {
        Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
            Ok(Some(repo.find_tree(entry.id())?))
        }
        _ => Ok(None),
    }
}

fn files_at(source: &Path, rev: &str, profile: &Profile) -> Result<Vec<BaseFile>, HistoryError> {
    let (repo, folder) = open(source)?;
    let commit = repo.revparse_single(rev)?.peel_to_commit()?;
    let root = commit.tree()?;
    // The folder did not exist at the base: every document is new.
    let Some(tree) = tree_at(&repo, &root, &folder)? else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    let mut failed = None;
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let name = entry.name().unwrap_or_default();
        if entry.kind() == Some(git2::ObjectType::Blob) {
            let rel_path = format!("{dir}{name}");
            if name::is_document_path(&rel_path, &profile.prefix) {
                let what = || format!("{rel_path} at {rev}");
                match blob_text(&repo, entry.id(), what) {
                    Ok(text) => files.push(BaseFile { rel_path, text }),
                    Err(e) => {
                        failed = Some(e);
                        return git2::TreeWalkResult::Abort;
                    }
                }
            }
        }
        // Hidden folders are not part of the corpus (nor walked into).
        if entry.kind() == Some(git2::ObjectType::Tree) && crate::paths::is_hidden(name) {
            git2::TreeWalkResult::Skip
        } else {
            git2::TreeWalkResult::Ok
        }
    })
    .or_else(|e| if failed.is_some() { Ok(()) } else { Err(e) })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(files),
    }
}

/// Where a standards folder stands in git: the commit checked out and whether the folder has
/// changes not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The folder, relative to the repository root (`""` for the root).
    pub folder: String,
    /// `HEAD` (full id); `None` in a repository without commits.
    pub commit: Option<String>,
    /// Modified, staged, deleted or untracked (not ignored) files in the folder.
    pub dirty: bool,
}

/// The checkout of `source`, or `None` outside a git repository.
pub fn checkout(source: &Path) -> Result<Option<Checkout>, HistoryError> {
    let Ok(repo) = Repository::discover(source) else {
        return Ok(None);
    };
    if repo.is_bare() {
        return Ok(None);
    }
    let folder = folder_in_repo(&repo, source)?;
    let commit = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .map(|c| c.id().to_string());
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    if !folder.is_empty() {
        // A literal path, not a pattern: a folder may be named `[draft]`.
        opts.pathspec(format!("{folder}/"))
            .disable_pathspec_match(true);
    }
    let dirty = !repo.statuses(Some(&mut opts))?.is_empty();
    Ok(Some(Checkout {
        folder,
        commit,
        dirty,
    }))
}

/// The source folder relative to the repository's work tree (`Standards`, or `` for the root).
fn folder_in_repo(repo: &Repository, source: &Path) -> Result<String, HistoryError> {
    let folder_err = |message: String| HistoryError::Folder {
        path: source.to_owned(),
        message,
    };
    let workdir = repo
        .workdir()
        .ok_or_else(|| folder_err("the repository has no work tree".to_owned()))?;
    let canon = |p: &Path| p.canonicalize().map_err(|e| folder_err(e.to_string()));
    let (workdir, source) = (canon(workdir)?, canon(source)?);
    let rel = source
        .strip_prefix(&workdir)
        .map_err(|_| folder_err("is outside the repository's work tree".to_owned()))?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

pub(crate) fn iso(time: git2::Time) -> String {
    let zoned = jiff::Timestamp::from_second(time.seconds())
        .ok()
        .zip(jiff::tz::Offset::from_seconds(time.offset_minutes() * 60).ok())
        .map(|(ts, off)| ts.to_zoned(jiff::tz::TimeZone::fixed(off)));
    match zoned {
        Some(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        None => time.seconds().to_string(),
    }
}

pub(crate) fn commit_info(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    CommitInfo {
        id: commit.id().to_string(),
        author: author.name().unwrap_or("").to_owned(),
        author_date: iso(author.when()),
        commit_date: iso(commit.committer().when()),
        summary: commit.summary().unwrap_or("").to_owned(),
    }
}
