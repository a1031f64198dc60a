//! The git walk: one pass over the commits, diffing trees commit to commit (not one `git log` per
//! file), with git's rename detection at its default similarity.

use super::snapshot::{Snapshot, is_normative};
use super::transitions::{self, Finding};
use super::{Change, CommitInfo, Event, FieldChange, History, Timeline, Violation};
use crate::config::Profile;
use crate::document::name::{self, Kind, NameClass};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
use std::collections::{BTreeSet, HashMap};
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
    /// libgit2's message only: its class and code say nothing to a reader.
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError::Git(e.message().to_owned())
    }
}

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Include commits of merged branches, not only the first-parent line.
    pub all_parents: bool,
    /// The revision to walk back from (default `HEAD`).
    pub rev: Option<String>,
}

/// Per document: the timeline, and the last version seen (by blob id) to compare the next with.
struct Tracked {
    timeline: Timeline,
    last: Option<(Oid, Snapshot)>,
    era_noted: BTreeSet<String>,
    /// A missing `stabilized_at` is reported once per document.
    missing_stabilized_flagged: bool,
}

struct Walker<'r> {
    repo: &'r Repository,
    folder: String,
    /// The last commit walked and its folder tree.
    previous: Option<(Oid, Option<git2::Tree<'r>>)>,
    profile: &'r Profile,
    docs: Vec<Tracked>,
    by_path: HashMap<String, usize>,
    /// Which documents ever held a number, kind and version, and under which path.
    holders: HashMap<(u32, Kind, u32), Vec<(usize, String)>>,
    violations: Vec<Violation>,
    /// Documents whose `replaced_by` is judged at the end of the commit, with the list before.
    pending_successors: Vec<(String, Vec<String>)>,
}

pub fn walk(source: &Path, profile: &Profile, opts: &WalkOptions) -> Result<History, HistoryError> {
    // Reading is all this tool does with a repository; re-hashing every object read (libgit2's
    // default, unlike git's) took a third of the walk.
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(source)
        .map_err(|_| HistoryError::NotARepository(source.to_owned()))?;
    let folder = folder_in_repo(&repo, source)?;
    let rev = opts.rev.as_deref().unwrap_or("HEAD");
    if rev == "HEAD"
        && repo
            .head()
            .is_err_and(|e| e.code() == git2::ErrorCode::UnbornBranch)
    {
        return Err(HistoryError::NoCommits(source.to_owned()));
    }
    let head = repo.revparse_single(rev)?.peel_to_commit()?;
    let mut revwalk = repo.revwalk()?;
    revwalk.push(head.id())?;
    revwalk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    if !opts.all_parents {
        revwalk.simplify_first_parent()?;
    }
    let mut walker = Walker {
        repo: &repo,
        folder: folder.clone(),
        previous: None,
        profile,
        docs: Vec::new(),
        by_path: HashMap::new(),
        holders: HashMap::new(),
        violations: Vec::new(),
        pending_successors: Vec::new(),
    };
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut commits = 0;
    for oid in revwalk {
        let commit = repo.find_commit(oid?)?;
        // With merged branches walked too, a merge's own diff against its first parent would
        // repeat every change of the branch; those changes are taken from the branch's commits.
        if opts.all_parents && commit.parent_count() > 1 {
            commits += 1;
            continue;
        }
        commits += 1;
        walker.commit(&commit, &prefix)?;
    }
    let Walker {
        docs, violations, ..
    } = walker;
    let documents = docs
        .into_iter()
        .map(|d| {
            let mut t = d.timeline;
            t.status = d.last.and_then(|(_, s)| s.status);
            t
        })
        .collect();
    Ok(History {
        history_version: 1,
        repository: repo.workdir().unwrap_or_else(|| repo.path()).to_owned(),
        folder,
        head: head.id().to_string(),
        shallow: repo.is_shallow(),
        first_parent: !opts.all_parents,
        commits,
        documents,
        violations,
    })
}

/// The history when `source` is in a git repository, `None` outside one. Other failures (a
/// damaged repository, a folder outside the work tree) are errors for the caller to report.
pub fn walk_if_repository(
    source: &Path,
    profile: &Profile,
    opts: &WalkOptions,
) -> Result<Option<History>, HistoryError> {
    match walk(source, profile, opts) {
        Ok(h) => Ok(Some(h)),
        Err(HistoryError::NotARepository(_) | HistoryError::NoCommits(_)) => Ok(None),
        Err(e) => Err(e),
    }
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
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(source)
        .map_err(|_| HistoryError::NotARepository(source.to_owned()))?;
    let folder = folder_in_repo(&repo, source)?;
    let commit = repo.revparse_single(rev)?.peel_to_commit()?;
    let root = commit.tree()?;
    let tree = if folder.is_empty() {
        root
    } else {
        match root.get_path(Path::new(&folder)) {
            Ok(entry) => repo.find_tree(entry.id())?,
            // The folder did not exist at the base: every document is new.
            Err(_) => return Ok(Vec::new()),
        }
    };
    let mut files = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let name = entry.name().unwrap_or_default();
        if entry.kind() == Some(git2::ObjectType::Blob) {
            let rel_path = format!("{dir}{name}");
            if is_document(&rel_path, "", profile)
                && let Ok(blob) = repo.find_blob(entry.id())
            {
                files.push(BaseFile {
                    rel_path,
                    text: text_of(blob.content()).into_owned(),
                });
            }
        }
        // Hidden folders are not part of the corpus.
        if entry.kind() == Some(git2::ObjectType::Tree) && name.starts_with('.') {
            git2::TreeWalkResult::Skip
        } else {
            git2::TreeWalkResult::Ok
        }
    })?;
    Ok(files)
}

/// The source folder relative to the repository's work tree (`Standards`, or `` for the root).
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

/// Whether a path in the repository is a document of the folder (not a README or template).
fn is_document(path: &str, prefix: &str, profile: &Profile) -> bool {
    let Some(rest) = path.strip_prefix(prefix) else {
        return false;
    };
    let file = rest.rsplit('/').next().unwrap_or(rest);
    file.ends_with(".md")
        && !matches!(
            name::classify(file, &profile.prefix),
            NameClass::Readme | NameClass::Template
        )
}

impl<'r> Walker<'r> {
    fn commit(&mut self, commit: &git2::Commit<'_>, prefix: &str) -> Result<(), HistoryError> {
        // Diff only the standards folder's own trees: unchanged subtrees are skipped by id, and no
        // path has to be matched against a pathspec.
        let new_tree = self.folder_tree(&commit.tree()?)?;
        // Walking a line of commits, the parent's folder tree is the one of the previous step.
        let old_tree = match (commit.parent_id(0).ok(), self.previous.take()) {
            (Some(parent), Some((prev, tree))) if parent == prev => tree,
            (Some(_), _) => self.folder_tree(&commit.parent(0)?.tree()?)?,
            (None, _) => None,
        };
        self.previous = Some((commit.id(), new_tree.clone()));
        if old_tree.as_ref().map(git2::Tree::id) == new_tree.as_ref().map(git2::Tree::id) {
            return Ok(());
        }
        let mut diff = self.repo.diff_tree_to_tree(
            old_tree.as_ref(),
            new_tree.as_ref(),
            Some(&mut DiffOptions::new()),
        )?;
        let (mut adds, mut deletes) = (0, 0);
        for d in diff.deltas() {
            match d.status() {
                Delta::Added => adds += 1,
                Delta::Deleted => deletes += 1,
                _ => {}
            }
        }
        if adds > 0 && deletes > 0 {
            diff.find_similar(Some(
                DiffFindOptions::new().renames(true).rename_threshold(50),
            ))?;
        }
        let info = commit_info(commit);
        let path_of = |f: git2::DiffFile<'_>| {
            f.path()
                .map(|p| format!("{prefix}{}", p.to_string_lossy().replace('\\', "/")))
        };
        let mut added: Vec<(String, Oid)> = Vec::new();
        let mut deleted: Vec<(String, Oid)> = Vec::new();
        let mut changed: Vec<(String, String, Oid, Oid)> = Vec::new();
        for delta in diff.deltas() {
            let old_path = path_of(delta.old_file());
            let new_path = path_of(delta.new_file());
            let old_doc = old_path
                .as_deref()
                .is_some_and(|p| is_document(p, prefix, self.profile));
            let new_doc = new_path
                .as_deref()
                .is_some_and(|p| is_document(p, prefix, self.profile));
            let (old_id, new_id) = (delta.old_file().id(), delta.new_file().id());
            match (delta.status(), old_path, new_path) {
                (Delta::Added, _, Some(p)) if new_doc => added.push((p, new_id)),
                (Delta::Deleted, Some(p), _) if old_doc => deleted.push((p, old_id)),
                (Delta::Modified, Some(p), _) if new_doc => {
                    changed.push((p.clone(), p, old_id, new_id))
                }
                (Delta::Renamed, Some(from), Some(to)) => match (old_doc, new_doc) {
                    (true, true) => changed.push((from, to, old_id, new_id)),
                    (false, true) => added.push((to, new_id)),
                    (true, false) => deleted.push((from, old_id)),
                    (false, false) => {}
                },
                _ => {}
            }
        }
        for (from, to, old_id, new_id) in self.pair_renames(&mut added, &mut deleted) {
            changed.push((from, to, old_id, new_id));
        }
        // A document may come from another folder of the repository (moved in, not written anew).
        let mut moved_in: HashMap<String, String> = HashMap::new();
        if !added.is_empty() && !prefix.is_empty() {
            let outside = self.deleted_outside(commit)?;
            if !outside.is_empty() {
                let old: Vec<String> = outside.iter().map(|(_, o)| self.blob_text(*o)).collect();
                let new: Vec<String> = added.iter().map(|(_, o)| self.blob_text(*o)).collect();
                for (o, n) in super::pair_by_similarity(&old, &new) {
                    moved_in.insert(added[n].0.clone(), outside[o].0.clone());
                }
            }
        }
        // Renames and edits first, so that a number freed by a rename in this commit is seen
        // as freed; then deletions and additions.
        for (from, to, old_id, new_id) in &changed {
            self.modified(&info, from, to, *old_id, *new_id);
        }
        for (path, _) in &deleted {
            self.deleted(&info, path);
        }
        for (path, id) in &added {
            self.added(&info, path, *id);
            if let Some(from) = moved_in.get(path)
                && let Some(&i) = self.by_path.get(path)
            {
                let t = &mut self.docs[i].timeline;
                t.paths.insert(0, from.clone());
                if let Some(Event {
                    change: Change::Added { from: f, .. },
                    ..
                }) = t.events.last_mut()
                {
                    *f = Some(from.clone());
                }
            }
        }
        // Successors are judged once the whole commit is applied: a commit that stabilizes v2
        // and deprecates v1 is fine.
        for (path, before) in std::mem::take(&mut self.pending_successors) {
            self.check_replaced_by(&info, &path, &before);
        }
        Ok(())
    }

    /// git's rename detection (libgit2) scores some renames lower than `git` itself does; pairs
    /// that it left as a deletion and an addition are matched here by the share of lines kept
    /// (at least half, best pairs first).
    fn pair_renames(
        &self,
        added: &mut Vec<(String, Oid)>,
        deleted: &mut Vec<(String, Oid)>,
    ) -> Vec<(String, String, Oid, Oid)> {
        const MAX_CANDIDATES: usize = 64;
        if added.is_empty()
            || deleted.is_empty()
            || added.len() * deleted.len() > MAX_CANDIDATES * MAX_CANDIDATES
        {
            return Vec::new();
        }
        let added_texts: Vec<String> = added.iter().map(|(_, o)| self.blob_text(*o)).collect();
        let deleted_texts: Vec<String> = deleted.iter().map(|(_, o)| self.blob_text(*o)).collect();
        let matched = super::pair_by_similarity(&deleted_texts, &added_texts);
        let pairs = matched
            .iter()
            .map(|&(d, a)| {
                (
                    deleted[d].0.clone(),
                    added[a].0.clone(),
                    deleted[d].1,
                    added[a].1,
                )
            })
            .collect();
        let (used_d, used_a): (BTreeSet<usize>, BTreeSet<usize>) = matched.into_iter().unzip();
        let mut i = 0;
        deleted.retain(|_| {
            i += 1;
            !used_d.contains(&(i - 1))
        });
        let mut i = 0;
        added.retain(|_| {
            i += 1;
            !used_a.contains(&(i - 1))
        });
        pairs
    }

    /// Markdown files deleted by a commit outside the standards folder's top-level folder.
    fn deleted_outside(
        &self,
        commit: &git2::Commit<'_>,
    ) -> Result<Vec<(String, Oid)>, HistoryError> {
        let Ok(parent) = commit.parent(0) else {
            return Ok(Vec::new());
        };
        let (old_root, new_root) = (parent.tree()?, commit.tree()?);
        let top = self.folder.split('/').next().unwrap_or("");
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

    /// The tree of the standards folder in a commit's tree (`None` when it does not exist).
    fn folder_tree(&self, root: &git2::Tree<'_>) -> Result<Option<git2::Tree<'r>>, HistoryError> {
        if self.folder.is_empty() {
            return Ok(Some(self.repo.find_tree(root.id())?));
        }
        match root.get_path(Path::new(&self.folder)) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Ok(Some(self.repo.find_tree(entry.id())?))
            }
            _ => Ok(None),
        }
    }

    /// A blob's text (empty when it cannot be read).
    fn blob_text(&self, oid: Oid) -> String {
        self.repo
            .find_blob(oid)
            .map(|b| text_of(b.content()).into_owned())
            .unwrap_or_default()
    }

    fn snapshot(&self, blob: Oid) -> Snapshot {
        match self.repo.find_blob(blob) {
            Ok(b) => Snapshot::parse(&text_of(b.content()), self.profile),
            Err(_) => Snapshot {
                unreadable: true,
                ..Snapshot::default()
            },
        }
    }

    fn violation(&mut self, info: &CommitInfo, path: &str, finding: Finding) {
        self.violations.push(Violation {
            rule: finding.0,
            severity: crate::lint::rules::default_severity(finding.0),
            path: path.to_owned(),
            commit: info.id.clone(),
            commit_date: info.commit_date.clone(),
            message: finding.1,
        });
    }

    fn push_event(&mut self, i: usize, info: &CommitInfo, change: Change) {
        self.docs[i].timeline.events.push(Event {
            commit: info.clone(),
            change,
        });
    }

    fn added(&mut self, info: &CommitInfo, path: &str, blob: Oid) {
        let snap = self.snapshot(blob);
        // A document deleted and added again at the same path keeps its identity.
        let i = match self.by_path.get(path) {
            Some(&i) if !self.docs[i].timeline.exists => i,
            _ => {
                self.docs.push(Tracked {
                    timeline: Timeline {
                        path: path.to_owned(),
                        paths: vec![path.to_owned()],
                        exists: true,
                        events: Vec::new(),
                        status: None,
                        ever_stable: false,
                    },
                    last: None,
                    era_noted: BTreeSet::new(),
                    missing_stabilized_flagged: false,
                });
                self.docs.len() - 1
            }
        };
        self.by_path.insert(path.to_owned(), i);
        self.docs[i].timeline.exists = true;
        self.push_event(
            i,
            info,
            Change::Added {
                path: path.to_owned(),
                status: snap.status.clone(),
                from: None,
            },
        );
        if let Some(f) = transitions::judge_entry(self.profile, &snap) {
            self.violation(info, path, f);
        }
        self.hold_number(info, i, path);
        self.pending_successors.push((path.to_owned(), Vec::new()));
        self.judge_stabilized_at(i, info, path, None, &snap);
        self.note_eras(i, info, &snap);
        self.docs[i].timeline.ever_stable |=
            snap.status.as_deref() == Some(&self.profile.statuses.stable);
        self.docs[i].last = Some((blob, snap));
    }

    fn deleted(&mut self, info: &CommitInfo, path: &str) {
        let Some(&i) = self.by_path.get(path) else {
            return;
        };
        self.docs[i].timeline.exists = false;
        self.push_event(
            i,
            info,
            Change::Deleted {
                path: path.to_owned(),
            },
        );
    }

    fn modified(&mut self, info: &CommitInfo, from: &str, to: &str, old_blob: Oid, new_blob: Oid) {
        let i = match self.by_path.get(from) {
            Some(&i) => i,
            // Seen for the first time (a shallow boundary): start its timeline here.
            None => {
                self.added(info, to, new_blob);
                return;
            }
        };
        let old = match self.docs[i].last.take() {
            Some((oid, snap)) if oid == old_blob => snap,
            _ => self.snapshot(old_blob),
        };
        let new = if old_blob == new_blob {
            old.clone()
        } else {
            self.snapshot(new_blob)
        };
        if from != to {
            self.by_path.remove(from);
            self.by_path.insert(to.to_owned(), i);
            let t = &mut self.docs[i].timeline;
            t.path = to.to_owned();
            t.paths.push(to.to_owned());
            let similarity = if old_blob == new_blob {
                100
            } else {
                similarity(&old, &new)
            };
            self.push_event(
                i,
                info,
                Change::Renamed {
                    from: from.to_owned(),
                    to: to.to_owned(),
                    similarity,
                },
            );
            if let Some(f) = transitions::judge_rename(self.profile, from, to) {
                self.violation(info, to, f);
            }
            self.hold_number(info, i, to);
        }
        self.compare(i, info, to, &old, &new);
        self.docs[i].last = Some((new_blob, new));
    }

    fn compare(&mut self, i: usize, info: &CommitInfo, path: &str, old: &Snapshot, new: &Snapshot) {
        let stable = self.profile.statuses.stable.clone();
        let was_stable = self.docs[i].timeline.ever_stable;
        if old.status != new.status {
            self.push_event(
                i,
                info,
                Change::StatusChanged {
                    from: old.status.clone(),
                    to: new.status.clone(),
                },
            );
            if let Some(f) = transitions::judge_status(
                self.profile,
                old.status.as_deref(),
                new.status.as_deref(),
                was_stable,
            ) {
                self.violation(info, path, f);
            }
        }
        let mut fields = Vec::new();
        let keys: BTreeSet<&String> = old.fields.keys().chain(new.fields.keys()).collect();
        for k in keys {
            let (a, b) = (old.fields.get(k), new.fields.get(k));
            if a != b && k != "status" {
                fields.push(FieldChange {
                    field: k.clone(),
                    from: a.cloned(),
                    to: b.cloned(),
                });
            }
        }
        if !fields.is_empty() {
            self.push_event(i, info, Change::FieldsChanged { fields });
        }
        if old.body != new.body {
            let change = body_change(&old.body, &new.body);
            self.push_event(i, info, change);
        }
        self.judge_stabilized_at(i, info, path, Some(old), new);
        self.pending_successors
            .push((path.to_owned(), old.field_list("replaced_by")));
        self.note_eras(i, info, new);
        self.docs[i].timeline.ever_stable |= new.status.as_deref() == Some(stable.as_str());
    }

    fn judge_stabilized_at(
        &mut self,
        i: usize,
        info: &CommitInfo,
        path: &str,
        old: Option<&Snapshot>,
        new: &Snapshot,
    ) {
        let d = &self.docs[i];
        let finding = transitions::judge_stabilized_at(
            self.profile,
            old,
            new,
            d.timeline.ever_stable,
            d.missing_stabilized_flagged,
        );
        if let Some(f) = finding {
            if f.1.contains("without") {
                self.docs[i].missing_stabilized_flagged = true;
            }
            self.violation(info, path, f);
        }
    }

    /// Records who holds a number and version; a second document taking it is a reuse.
    fn hold_number(&mut self, info: &CommitInfo, i: usize, path: &str) {
        let file = path.rsplit('/').next().unwrap_or(path);
        let NameClass::Document(n) = name::classify(file, &self.profile.prefix) else {
            return;
        };
        let Some(number) = n.number else { return };
        let holders = self.holders.entry((number, n.kind, n.version)).or_default();
        if holders.iter().any(|(h, _)| *h == i) {
            return;
        }
        let earlier = holders.first().map(|(h, p)| (*h, p.clone()));
        holders.push((i, path.to_owned()));
        if let Some((h, then)) = earlier {
            let now = &self.docs[h].timeline.path;
            let file = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
            let whereabouts = if !self.docs[h].timeline.exists {
                " (since deleted)".to_owned()
            } else if *now != then {
                format!(" (now `{}`)", file(now))
            } else {
                " (still there)".to_owned()
            };
            let finding = (
                "number-reused",
                format!(
                    "{} was given before to another document, `{}`{whereabouts}",
                    n.id(),
                    file(&then)
                ),
            );
            self.violation(info, path, finding);
        }
    }

    /// A newly listed successor must already be Stable (or have been).
    fn check_replaced_by(&mut self, info: &CommitInfo, path: &str, before: &[String]) {
        let Some(&i) = self.by_path.get(path) else {
            return;
        };
        let now = match &self.docs[i].last {
            Some((_, snap)) => snap.field_list("replaced_by"),
            None => return,
        };
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for target in now {
            if before.contains(&target) {
                continue;
            }
            let target_path = if dir.is_empty() {
                target.clone()
            } else {
                format!("{dir}/{target}")
            };
            let target_path = if target_path.ends_with(".md") {
                target_path
            } else {
                format!("{target_path}.md")
            };
            let Some(&j) = self.by_path.get(&target_path) else {
                continue;
            };
            if !self.docs[j].timeline.ever_stable {
                let status = self.docs[j]
                    .last
                    .as_ref()
                    .and_then(|(_, s)| s.status.clone());
                let finding = (
                    "replaced-by-not-stable",
                    format!(
                        "`replaced_by` names `{target}`, which is {} and has never been {}",
                        status.as_deref().unwrap_or("without status"),
                        self.profile.statuses.stable
                    ),
                );
                self.violation(info, path, finding);
            }
        }
    }

    fn note_eras(&mut self, i: usize, info: &CommitInfo, snap: &Snapshot) {
        for note in &snap.era_notes {
            if self.docs[i].era_noted.insert(note.clone()) {
                self.push_event(i, info, Change::Era { note: note.clone() });
            }
        }
    }
}

fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Line changes of the body, and how many of them are normative.
pub fn body_change(old: &str, new: &str) -> Change {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed, mut n_added, mut n_removed) = (0, 0, 0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => {
                added += 1;
                n_added += usize::from(is_normative(change.value()));
            }
            similar::ChangeTag::Delete => {
                removed += 1;
                n_removed += usize::from(is_normative(change.value()));
            }
            similar::ChangeTag::Equal => {}
        }
    }
    Change::BodyChanged {
        lines_added: added,
        lines_removed: removed,
        normative_added: n_added,
        normative_removed: n_removed,
    }
}

/// Share of the lines of the two versions that are kept, 0–100.
fn similarity(old: &Snapshot, new: &Snapshot) -> u8 {
    let ratio = similar::TextDiff::from_lines(&old.body, &new.body).ratio();
    (ratio * 100.0).round().clamp(0.0, 100.0) as u8
}
