//! Where the standards folder was in each commit. A folder moved within the repository
//! (`git mv Standards a/b/Standards`, possibly with edits in the same commit) keeps its history:
//! walking from the newest commit back, when the folder's path does not exist in a parent, the
//! parent's folder is the tree with the same id, or else the folder that held most of the moved
//! folder's file names and no longer holds them.

use super::repo::{HistoryError, tree_at};
use git2::{ObjectType, Oid, Repository, Tree, TreeWalkMode, TreeWalkResult};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The folder of every commit of `oids` (oldest first, as walked), relative to the repository
/// root; `head` is the folder at the newest. Only the parents the walk follows are traced.
pub(super) fn per_commit(
    repo: &Repository,
    oids: &[Oid],
    head: &str,
    all_parents: bool,
) -> Result<HashMap<Oid, String>, HistoryError> {
    let mut folders: HashMap<Oid, String> = HashMap::new();
    // The root folder cannot move.
    if head.is_empty() {
        return Ok(folders);
    }
    for &oid in oids.iter().rev() {
        let here = folders
            .entry(oid)
            .or_insert_with(|| head.to_owned())
            .clone();
        let commit = repo.find_commit(oid)?;
        let parents = commit
            .parent_ids()
            .take(if all_parents { usize::MAX } else { 1 });
        for parent in parents {
            if folders.contains_key(&parent) {
                continue;
            }
            let Ok(parent_commit) = repo.find_commit(parent) else {
                // Outside a shallow clone's boundary: not walked.
                continue;
            };
            let there = origin(repo, &commit.tree()?, &parent_commit.tree()?, &here)?;
            folders.insert(parent, there.unwrap_or_else(|| here.clone()));
        }
    }
    Ok(folders)
}

/// Where the folder at `path` of `child` was in `parent`, when it was elsewhere: `None` when
/// it is at the same path, or was not there at all.
pub(super) fn origin(
    repo: &Repository,
    child: &Tree<'_>,
    parent: &Tree<'_>,
    path: &str,
) -> Result<Option<String>, HistoryError> {
    if parent.get_path(Path::new(path)).is_ok() {
        return Ok(None);
    }
    let Some(moved) = tree_at(repo, child, path)? else {
        return Ok(None);
    };
    let names: HashSet<String> = moved
        .iter()
        .filter(|e| e.kind() == Some(ObjectType::Blob))
        .filter_map(|e| e.name().map(str::to_owned))
        .collect();
    // One walk of the parent's tree: the same tree anywhere, and per folder how many of the
    // moved folder's file names it holds.
    let mut same = None;
    let mut held: BTreeMap<String, usize> = BTreeMap::new();
    parent
        .walk(TreeWalkMode::PreOrder, |dir, entry| {
            let name = entry.name().unwrap_or_default();
            match entry.kind() {
                Some(ObjectType::Tree) if entry.id() == moved.id() => {
                    same = Some(format!("{dir}{name}"));
                    TreeWalkResult::Abort
                }
                Some(ObjectType::Blob) if names.contains(name) => {
                    *held
                        .entry(dir.trim_end_matches('/').to_owned())
                        .or_default() += 1;
                    TreeWalkResult::Ok
                }
                _ => TreeWalkResult::Ok,
            }
        })
        .or_else(|e| if same.is_some() { Ok(()) } else { Err(e) })?;
    if same.is_some() {
        return Ok(same);
    }
    // The folder holding most of the names (the first in path order on a tie), if it held at
    // least half of them and gave them up in the child (moved, not copied).
    let Some((best, count)) =
        held.into_iter()
            .fold(None, |best: Option<(String, usize)>, (dir, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((dir, n)),
            })
    else {
        return Ok(None);
    };
    if count * 2 < names.len() || best == path {
        return Ok(None);
    }
    let kept = match tree_at(repo, child, &best)? {
        Some(t) => t
            .iter()
            .filter(|e| e.name().is_some_and(|n| names.contains(n)))
            .count(),
        None => 0,
    };
    Ok((kept * 2 < count).then_some(best))
}
