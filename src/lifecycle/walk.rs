//! The git walk: one pass over the commits, diffing trees commit to commit (not one `git log` per
//! file), with git's rename detection at its default similarity. What each change means for a
//! document's timeline, and the rules judged on it, is `apply.rs`.

use super::apply::Timelines;
use super::folders;
use super::pairing::{self, Blob};
use super::repo::{self, HistoryError};
use super::similarity::pair_by_similarity;
use super::snapshot::Snapshot;
use super::{Boundary, CommitInfo, FolderMove, History};
use crate::config::Profile;
use crate::document::name;
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

mod moved_in;

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Include commits of merged branches, not only the first-parent line.
    pub all_parents: bool,
    /// The revision to walk back from (default `HEAD`).
    pub rev: Option<String>,
    /// Scope files to follow too, by their paths in the repository (`ScopeFile::rel_path`).
    pub scope_files: Vec<String>,
}

pub(super) struct Walker<'r> {
    repo: &'r Repository,
    /// The standards folder at the walked revision.
    folder: String,
    /// Where it was in each commit, when it moved ([`folders::per_commit`]).
    folders: HashMap<Oid, String>,
    /// `folders` has been traced; otherwise it is empty and the walk stops (`retrace`) at a
    /// commit where the folder appears from elsewhere.
    traced: bool,
    retrace: bool,
    /// The last commit walked and its folder tree.
    previous: Option<(Oid, Option<git2::Tree<'r>>)>,
    profile: &'r Profile,
    /// The documents' timelines, to which each commit's changes are applied.
    timelines: Timelines<'r>,
    /// The repository is a shallow clone.
    shallow: bool,
    boundaries: Vec<Boundary>,
    folder_moves: Vec<FolderMove>,
}

/// One commit's changes to documents of the folder, as paths and blob ids.
#[derive(Default)]
struct Deltas {
    added: Vec<(String, Oid)>,
    deleted: Vec<(String, Oid)>,
    /// Edits and renames: from, to, old blob, new blob.
    changed: Vec<(String, String, Oid, Oid)>,
}

pub fn walk(source: &Path, profile: &Profile, opts: &WalkOptions) -> Result<History, HistoryError> {
    let rev = opts.rev.as_deref().unwrap_or("HEAD");
    walk_from(source, profile, opts)
        .map_err(|e| repo::in_context(e, "walking the history from", rev))
}

fn walk_from(
    source: &Path,
    profile: &Profile,
    opts: &WalkOptions,
) -> Result<History, HistoryError> {
    let (repo, folder) = repo::open(source)?;
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
    let oids = revwalk.collect::<Result<Vec<Oid>, _>>()?;
    let following = super::scopes::follow(repo.path(), &oids, opts, &profile.prefix);
    // The folder is traced back through moves only when the walk finds it appearing in a
    // commit that has a parent where it may have been elsewhere: a walk of the common case
    // does not pay for it.
    let mut folders = None;
    let (walker, commits) = loop {
        let mut walker = Walker {
            repo: &repo,
            traced: folders.is_some(),
            folders: folders.take().unwrap_or_default(),
            retrace: false,
            folder: folder.clone(),
            previous: None,
            profile,
            timelines: Timelines::new(&repo, profile),
            shallow: repo.is_shallow(),
            boundaries: Vec::new(),
            folder_moves: Vec::new(),
        };
        let commits = walker.walk(&oids, opts.all_parents)?;
        if walker.retrace {
            folders = Some(folders::per_commit(
                &repo,
                &oids,
                &folder,
                opts.all_parents,
            )?);
            continue;
        }
        break (walker, commits);
    };
    let (documents, mut violations) = walker.timelines.finish();
    let (scopes, scope_findings) = following.finish(&mut violations)?;
    Ok(History {
        history_version: 1,
        repository: repo.workdir().unwrap_or_else(|| repo.path()).to_owned(),
        folder,
        head: head.id().to_string(),
        shallow: repo.is_shallow(),
        boundaries: walker.boundaries,
        folder_moves: walker.folder_moves,
        first_parent: !opts.all_parents,
        commits,
        documents,
        scopes,
        violations,
        scope_findings,
    })
}

/// A folder as the prefix of its paths: `Standards/`, or `` for the root.
fn prefix_of(folder: &str) -> String {
    if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    }
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

impl<'r> Walker<'r> {
    /// Applies every commit of `oids` (oldest first), until the folder must be traced
    /// (`retrace`); returns how many commits were walked.
    fn walk(&mut self, oids: &[Oid], all_parents: bool) -> Result<usize, HistoryError> {
        let mut commits = 0;
        for &oid in oids {
            // libgit2's messages name no object: say which commit was being read.
            let damaged = |e: HistoryError| match e {
                HistoryError::Git(message) => HistoryError::Commit {
                    oid: oid.to_string(),
                    message,
                },
                other => other,
            };
            let commit = self.repo.find_commit(oid).map_err(|e| damaged(e.into()))?;
            commits += 1;
            // With merged branches walked too, a merge's own diff against its first parent
            // would repeat every change of the branch; those changes are taken from the
            // branch's commits.
            if all_parents && commit.parent_count() > 1 {
                continue;
            }
            self.commit(&commit).map_err(damaged)?;
            if self.retrace {
                break;
            }
        }
        Ok(commits)
    }

    /// The standards folder in a commit (the walked revision's unless it moved).
    fn folder_of(&self, commit: Oid) -> &str {
        self.folders
            .get(&commit)
            .map_or(self.folder.as_str(), String::as_str)
    }

    fn commit(&mut self, commit: &git2::Commit<'_>) -> Result<(), HistoryError> {
        let here = self.folder_of(commit.id()).to_owned();
        let parent_id = commit.parent_id(0).ok();
        let there = parent_id
            .map_or(here.as_str(), |p| self.folder_of(p))
            .to_owned();
        // Diff only the standards folder's own trees: unchanged subtrees are skipped by id, and no
        // path has to be matched against a pathspec.
        let new_tree = repo::tree_at(self.repo, &commit.tree()?, &here)?;
        // Walking a line of commits, the parent's folder tree is the one of the previous step.
        let old_tree = match (parent_id, self.previous.take()) {
            (Some(parent), Some((prev, tree))) if parent == prev => tree,
            (Some(_), _) => repo::tree_at(self.repo, &commit.parent(0)?.tree()?, &there)?,
            (None, _) => None,
        };
        self.previous = Some((commit.id(), new_tree.clone()));
        let info = repo::commit_info(commit);
        let moved = there != here && old_tree.is_some();
        // The folder appears: if it was elsewhere in the parent, walk again with its paths.
        if !self.traced
            && old_tree.is_none()
            && new_tree.is_some()
            && let Ok(parent) = commit.parent(0)
            && folders::origin(self.repo, &commit.tree()?, &parent.tree()?, &here)?.is_some()
        {
            self.retrace = true;
            return Ok(());
        }
        // In a shallow clone the oldest commit shows no parent: its documents existed before.
        self.timelines.at_boundary = self.shallow && commit.parent_count() == 0;
        if old_tree.as_ref().map(git2::Tree::id) == new_tree.as_ref().map(git2::Tree::id) {
            if moved {
                self.move_folder(&info, there, &here, Vec::new());
            }
            return Ok(());
        }
        let prefix = prefix_of(&here);
        let diff = self.diff(old_tree.as_ref(), new_tree.as_ref())?;
        let mut deltas = self.deltas(&diff, &prefix);
        let id = commit.id().to_string();
        let renamed = self.pair_renames(&mut deltas.added, &mut deltas.deleted, &id)?;
        deltas.changed.extend(renamed);
        if !deltas.added.is_empty() {
            let mut subject = |old: &Blob, new: &Blob| self.same_subject(old, new, &id);
            pairing::pair_by_number(
                self.profile,
                &mut deltas.added,
                &mut deltas.deleted,
                &mut deltas.changed,
                &mut subject,
            );
        }
        let moved_in = self.moved_in(commit, &deltas.added, &here)?;
        if self.timelines.at_boundary {
            self.boundaries.push(Boundary {
                commit: info.id.clone(),
                commit_date: info.commit_date.clone(),
                documents: deltas.added.len() + deltas.changed.len(),
            });
        }
        if moved {
            let deleted = std::mem::take(&mut deltas.deleted);
            self.move_folder(&info, there, &here, deleted);
        }
        // Renames and edits first, so that a number freed by a rename in this commit is seen
        // as freed; then deletions and additions.
        for (from, to, old_id, new_id) in &deltas.changed {
            self.timelines.modified(&info, from, to, *old_id, *new_id)?;
        }
        for (path, _) in &deltas.deleted {
            self.timelines.deleted(&info, path);
        }
        for (path, id) in &deltas.added {
            self.timelines.added(&info, path, *id)?;
            if let Some(from) = moved_in.get(path) {
                self.timelines.moved_in_from(path, from);
            }
        }
        // Successors are judged once the whole commit is applied: a commit that stabilizes v2
        // and deprecates v1 is fine.
        self.timelines.end_commit(&info);
        Ok(())
    }

    /// The standards folder moved from `there` to `here` in this commit: documents it no
    /// longer holds (`deleted`, at their new path) are deleted where they were, the others go
    /// on under the new path.
    fn move_folder(&mut self, info: &CommitInfo, there: String, here: &str, deleted: Vec<Blob>) {
        let (from, to) = (prefix_of(&there), prefix_of(here));
        for (path, _) in deleted {
            let rest = path.strip_prefix(&to).unwrap_or(&path);
            self.timelines.deleted(info, &format!("{from}{rest}"));
        }
        self.timelines.move_folder(info, &from, &to);
        self.folder_moves.push(FolderMove {
            commit: info.id.clone(),
            commit_date: info.commit_date.clone(),
            from: there,
            to: here.to_owned(),
        });
    }

    /// The diff of two folder trees, with renames found when there are both additions and
    /// deletions.
    fn diff(
        &self,
        old: Option<&git2::Tree<'_>>,
        new: Option<&git2::Tree<'_>>,
    ) -> Result<git2::Diff<'r>, HistoryError> {
        let mut diff = self
            .repo
            .diff_tree_to_tree(old, new, Some(&mut DiffOptions::new()))?;
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
        Ok(diff)
    }

    /// The documents a diff adds, deletes and changes; paths relative to the repository.
    fn deltas(&self, diff: &git2::Diff<'_>, prefix: &str) -> Deltas {
        let mut out = Deltas::default();
        let path_of = |f: git2::DiffFile<'_>| {
            f.path().map(|p| {
                let rel = p.to_string_lossy().replace('\\', "/");
                let is_doc = name::is_document_path(&rel, &self.profile.prefix);
                (format!("{prefix}{rel}"), is_doc)
            })
        };
        for delta in diff.deltas() {
            let (old, new) = (path_of(delta.old_file()), path_of(delta.new_file()));
            let old_doc = old.as_ref().is_some_and(|(_, d)| *d);
            let new_doc = new.as_ref().is_some_and(|(_, d)| *d);
            let (old_id, new_id) = (delta.old_file().id(), delta.new_file().id());
            match (delta.status(), old.map(|o| o.0), new.map(|n| n.0)) {
                (Delta::Added, _, Some(p)) if new_doc => out.added.push((p, new_id)),
                (Delta::Deleted, Some(p), _) if old_doc => out.deleted.push((p, old_id)),
                (Delta::Modified, Some(p), _) if new_doc => {
                    out.changed.push((p.clone(), p, old_id, new_id));
                }
                (Delta::Renamed, Some(from), Some(to)) => match (old_doc, new_doc) {
                    (true, true) => out.changed.push((from, to, old_id, new_id)),
                    (false, true) => out.added.push((to, new_id)),
                    (true, false) => out.deleted.push((from, old_id)),
                    (false, false) => {}
                },
                _ => {}
            }
        }
        out
    }

    /// git's rename detection (libgit2) scores some renames lower than `git` itself does; pairs
    /// that it left as a deletion and an addition are matched here by the share of lines kept
    /// (at least half, best pairs first).
    fn pair_renames(
        &self,
        added: &mut Vec<(String, Oid)>,
        deleted: &mut Vec<(String, Oid)>,
        commit: &str,
    ) -> Result<Vec<(String, String, Oid, Oid)>, HistoryError> {
        const MAX_CANDIDATES: usize = 64;
        if added.is_empty()
            || deleted.is_empty()
            || added.len() * deleted.len() > MAX_CANDIDATES * MAX_CANDIDATES
        {
            return Ok(Vec::new());
        }
        let added_texts = self.blob_texts(added, commit)?;
        let deleted_texts = self.blob_texts(deleted, commit)?;
        let matched = pair_by_similarity(&deleted_texts, &added_texts);
        let pairs = matched
            .iter()
            .filter_map(|&(d, a)| {
                let ((from, old), (to, new)) = (deleted.get(d)?, added.get(a)?);
                Some((from.clone(), to.clone(), *old, *new))
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
        Ok(pairs)
    }

    /// Whether two versions are about the same subject (their slugs and titles); an unreadable
    /// blob is not.
    fn same_subject(&self, old: &Blob, new: &Blob, commit: &str) -> bool {
        let words = |(path, oid): &Blob| {
            let text = repo::blob_text(self.repo, *oid, || format!("{path} in commit {commit}"));
            let title = text
                .ok()
                .and_then(|t| {
                    Snapshot::parse(&t, self.profile)
                        .field_str("title")
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            (crate::paths::file_name(path).to_owned(), title)
        };
        let ((a, b), (c, d)) = (words(old), words(new));
        pairing::shares_subject(&[&a, &b], &[&c, &d])
    }

    /// The texts of blobs (a file's versions), or the error naming the first that cannot be
    /// read.
    fn blob_texts(
        &self,
        blobs: &[(String, Oid)],
        commit: &str,
    ) -> Result<Vec<String>, HistoryError> {
        blobs
            .iter()
            .map(|(path, oid)| {
                repo::blob_text(self.repo, *oid, || format!("{path} in commit {commit}"))
            })
            .collect()
    }
}
