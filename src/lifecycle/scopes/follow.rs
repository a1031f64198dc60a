//! Following scope files through the commits of a walk: the blob at the file's path in each
//! commit (one tree lookup), parsed only when it differs from the parent's. A file that
//! appears under its path by a rename is followed back to its older path.

use super::view::FileView;
use super::{ScopeChange, ScopeEvent, ScopeTimeline};
use crate::diagnostic::{CommitNote, Diagnostic};
use crate::lifecycle::CommitInfo;
use crate::lifecycle::repo::{self, HistoryError};
use crate::lifecycle::rules::scopes::{ScopeFinding, judge_scope_step};
use crate::scopes::ScopeFile;
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository};
use std::collections::HashMap;
use std::path::Path;

/// A finding of the scope history: the element it is about, the commit, and the path of the
/// file in that commit.
#[derive(Debug, Clone)]
pub struct Judged {
    pub finding: ScopeFinding,
    /// Index into the timelines returned with it.
    pub scope: usize,
}

/// The scope files being followed, on a thread of their own beside the documents' walk (it
/// reads other commits' blobs and parses YAML: on two cores it costs the walk nothing).
pub(crate) struct Following {
    thread: Option<std::thread::JoinHandle<Followed>>,
    oids: Vec<Oid>,
}

type Followed = Result<(Vec<ScopeTimeline>, Vec<Judged>), HistoryError>;

/// Starts following the scope files `opts.scope_files` names (paths relative to the
/// repository at `git_dir`) over `oids` (oldest first, as walked).
pub(crate) fn follow(
    git_dir: &Path,
    oids: &[Oid],
    opts: &crate::lifecycle::WalkOptions,
    prefix: &str,
) -> Following {
    let thread = (!opts.scope_files.is_empty()).then(|| {
        let (git_dir, oids, files) = (git_dir.to_owned(), oids.to_vec(), opts.scope_files.clone());
        let (prefix, all_parents) = (prefix.to_owned(), opts.all_parents);
        std::thread::spawn(move || {
            let repo = Repository::open(&git_dir)?;
            follow_all(&repo, &oids, &files, &prefix, all_parents)
        })
    });
    Following {
        thread,
        oids: oids.to_vec(),
    }
}

impl Following {
    /// The timelines and the rules broken, each at the file's path in the commit with the
    /// commit noted; their diagnostics are merged into `violations` in the order of the commits.
    pub(crate) fn finish(self, violations: &mut Vec<Diagnostic>) -> Followed {
        let Some(thread) = self.thread else {
            return Ok(Default::default());
        };
        let (timelines, judged) = thread
            .join()
            .map_err(|_| HistoryError::Git("following the scope files failed".to_owned()))??;
        if !judged.is_empty() {
            violations.extend(judged.iter().map(|j| j.finding.diagnostic.clone()));
            let order: HashMap<String, usize> = self
                .oids
                .iter()
                .enumerate()
                .map(|(i, o)| (o.to_string(), i))
                .collect();
            violations.sort_by_key(|v| v.commit.as_ref().and_then(|c| order.get(&c.id)).copied());
        }
        Ok((timelines, judged))
    }
}

fn follow_all(
    repo: &Repository,
    oids: &[Oid],
    files: &[String],
    prefix: &str,
    all_parents: bool,
) -> Followed {
    // Trees are looked up once for all files.
    let trees: Vec<(git2::Commit<'_>, git2::Tree<'_>)> = oids
        .iter()
        .map(|oid| {
            let c = repo.find_commit(*oid)?;
            let t = c.tree()?;
            Ok((c, t))
        })
        .collect::<Result<_, git2::Error>>()?;
    let mut timelines = Vec::new();
    let mut judged = Vec::new();
    for path in files {
        let index = timelines.len();
        let (timeline, found) = follow_one(repo, &trees, path, prefix, all_parents)?;
        judged.extend(found.into_iter().map(|finding| Judged {
            finding,
            scope: index,
        }));
        timelines.push(timeline);
    }
    Ok((timelines, judged))
}

/// The blob at `path` of a tree.
fn blob_at(tree: &git2::Tree<'_>, path: &str) -> Option<Oid> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    (entry.kind() == Some(git2::ObjectType::Blob)).then(|| entry.id())
}

fn follow_one(
    repo: &Repository,
    trees: &[(git2::Commit<'_>, git2::Tree<'_>)],
    path: &str,
    prefix: &str,
    all_parents: bool,
) -> Result<(ScopeTimeline, Vec<ScopeFinding>), HistoryError> {
    let at = paths_back(repo, trees, path)?;
    let id = {
        let name = crate::paths::file_name(path);
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_owned()
    };
    let mut timeline = ScopeTimeline {
        id,
        path: path.to_owned(),
        paths: Vec::new(),
        events: Vec::new(),
        versions: Vec::new(),
    };
    let mut findings = Vec::new();
    let mut views: HashMap<Oid, Option<FileView>> = HashMap::new();
    let mut last_good: Option<FileView> = None;
    let mut previous: Option<(Oid, String)> = None;
    for ((commit, tree), here) in trees.iter().zip(&at) {
        if all_parents && commit.parent_count() > 1 {
            continue;
        }
        let now = blob_at(tree, here).map(|b| (b, here.clone()));
        // Walking a line of commits, the parent's blob is the previous step's; with merged
        // branches walked too, it is looked up in the parent.
        let before = match commit.parent(0) {
            Ok(parent) if all_parents => {
                let t = parent.tree()?;
                blob_at(&t, here)
                    .map(|b| (b, here.clone()))
                    .or_else(|| previous.clone())
            }
            _ => previous.clone(),
        };
        previous.clone_from(&now);
        if now == before {
            continue;
        }
        let info = repo::commit_info(commit);
        let event = |change| ScopeEvent {
            commit: info.clone(),
            change,
        };
        let Some((blob, file_path)) = now else {
            timeline
                .events
                .push(event(ScopeChange::FileDeleted { path: here.clone() }));
            last_good = None;
            continue;
        };
        match &before {
            None => timeline.events.push(event(ScopeChange::FileAdded {
                path: file_path.clone(),
            })),
            Some((_, old_path)) if *old_path != file_path => {
                timeline.events.push(event(ScopeChange::FileRenamed {
                    from: old_path.clone(),
                    to: file_path.clone(),
                }));
            }
            Some(_) => {}
        }
        if !timeline.paths.contains(&file_path) {
            timeline.paths.push(file_path.clone());
        }
        let view = match views.get(&blob) {
            Some(v) => v.clone(),
            None => {
                let text =
                    repo::blob_text(repo, blob, || format!("{file_path} in commit {}", info.id))?;
                let file = ScopeFile::parse(
                    file_path.clone().into(),
                    file_path.clone(),
                    file_path.clone(),
                    text,
                );
                let v = file.root.is_some().then(|| FileView::of(&file, prefix));
                if v.is_none() {
                    let note = file.load_findings.first().map_or_else(
                        || "the file does not parse".to_owned(),
                        |d| d.message.clone(),
                    );
                    timeline
                        .events
                        .push(event(ScopeChange::Unreadable { note }));
                }
                views.insert(blob, v.clone());
                v
            }
        };
        let Some(view) = view else { continue };
        for change in super::events(last_good.as_ref(), &view) {
            timeline.events.push(event(change));
        }
        if let (Some(old), Some(day)) = (&last_good, crate::document::parse_iso_date(info.day())) {
            for mut f in judge_scope_step(old, &view, day) {
                f.diagnostic = place(f.diagnostic, &file_path, &info);
                findings.push(f);
            }
        }
        last_good = Some(view);
    }
    timeline.summarise();
    Ok((timeline, findings))
}

fn place(d: Diagnostic, path: &str, info: &CommitInfo) -> Diagnostic {
    d.in_file(path).with_commit(CommitNote {
        id: info.id.clone(),
        date: info.commit_date.clone(),
    })
}

/// The file's path in each commit (same order as `trees`): its path now, and before a commit
/// that renamed it into that path, the path it came from.
fn paths_back(
    repo: &Repository,
    trees: &[(git2::Commit<'_>, git2::Tree<'_>)],
    path: &str,
) -> Result<Vec<String>, HistoryError> {
    let mut at = vec![String::new(); trees.len()];
    let mut current = path.to_owned();
    for (i, (commit, tree)) in trees.iter().enumerate().rev() {
        if let Some(slot) = at.get_mut(i) {
            slot.clone_from(&current);
        }
        if blob_at(tree, &current).is_none() {
            continue;
        }
        let Ok(parent_id) = commit.parent_id(0) else {
            continue;
        };
        // On a line of commits the parent is the one before; otherwise it is looked up.
        let parent_tree = match i.checked_sub(1).and_then(|p| trees.get(p)) {
            Some((c, t)) if c.id() == parent_id => t.clone(),
            _ => repo.find_commit(parent_id)?.tree()?,
        };
        if blob_at(&parent_tree, &current).is_some() {
            continue;
        }
        if let Some(from) = renamed_from(repo, &parent_tree, tree, &current)? {
            current = from;
        }
    }
    Ok(at)
}

/// The path `to` was renamed from in the step from `old` to `new` (git's rename detection,
/// within the file's folder).
fn renamed_from(
    repo: &Repository,
    old: &git2::Tree<'_>,
    new: &git2::Tree<'_>,
    to: &str,
) -> Result<Option<String>, HistoryError> {
    let folder = to.rsplit_once('/').map_or("", |(f, _)| f);
    let (Some(a), Some(b)) = (
        repo::tree_at(repo, old, folder)?,
        repo::tree_at(repo, new, folder)?,
    ) else {
        return Ok(None);
    };
    let mut diff = repo.diff_tree_to_tree(Some(&a), Some(&b), Some(&mut DiffOptions::new()))?;
    diff.find_similar(Some(
        DiffFindOptions::new().renames(true).rename_threshold(50),
    ))?;
    let within = |p: &Path| {
        let rel = p.to_string_lossy().replace('\\', "/");
        if folder.is_empty() {
            rel
        } else {
            format!("{folder}/{rel}")
        }
    };
    Ok(diff.deltas().find_map(|d| {
        let new_path = d.new_file().path().map(within)?;
        (d.status() == Delta::Renamed && new_path == to)
            .then(|| d.old_file().path().map(within))
            .flatten()
    }))
}
