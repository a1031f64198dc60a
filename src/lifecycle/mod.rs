//! The lifecycle of every document, reconstructed from git: one pass over the history of the
//! standards folder, diffing trees commit to commit, following renames.

pub mod snapshot;
pub mod transitions;
mod walk;

use serde::Serialize;
use std::path::PathBuf;

pub use walk::{
    BaseFile, Checkout, HistoryError, WalkOptions, base_files, checkout, walk, walk_if_repository,
};

/// Pairs old and new texts that are the same document renamed: at least half of the lines kept,
/// best pairs first, each text in at most one pair. Returns (old index, new index).
pub fn pair_by_similarity<S: AsRef<str>>(old: &[S], new: &[S]) -> Vec<(usize, usize)> {
    let mut scored = Vec::new();
    for (o, ot) in old.iter().enumerate() {
        for (n, nt) in new.iter().enumerate() {
            let ratio = similar::TextDiff::from_lines(ot.as_ref(), nt.as_ref()).ratio();
            if ratio >= 0.5 {
                scored.push((ratio, o, n));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut used_o, mut used_n) = (Vec::new(), Vec::new());
    let mut pairs = Vec::new();
    for (_, o, n) in scored {
        if !used_o.contains(&o) && !used_n.contains(&n) {
            used_o.push(o);
            used_n.push(n);
            pairs.push((o, n));
        }
    }
    pairs
}

/// A commit as the timeline shows it. Author and commit dates differ after rebases; both are
/// kept, and events are ordered by the commits' topology, not by either date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitInfo {
    pub id: String,
    pub author: String,
    /// ISO 8601 with the author's offset.
    pub author_date: String,
    /// ISO 8601 with the committer's offset.
    pub commit_date: String,
    pub summary: String,
}

impl CommitInfo {
    pub fn short(&self) -> &str {
        &self.id[..self.id.len().min(10)]
    }

    /// The commit's date (committer), `YYYY-MM-DD`.
    pub fn day(&self) -> &str {
        &self.commit_date[..self.commit_date.len().min(10)]
    }
}

/// A change of one frontmatter field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<serde_json::Value>,
}

/// What happened to a document in one commit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    Added {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        /// Moved in from another folder of the repository.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<String>,
    },
    Renamed {
        from: String,
        to: String,
        /// Share of lines kept, 0–100.
        similarity: u8,
    },
    StatusChanged {
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    FieldsChanged {
        fields: Vec<FieldChange>,
    },
    BodyChanged {
        lines_added: usize,
        lines_removed: usize,
        normative_added: usize,
        normative_removed: usize,
    },
    Deleted {
        path: String,
    },
    /// An older shape of the process, mapped to today's.
    Era {
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub commit: CommitInfo,
    #[serde(flatten)]
    pub change: Change,
}

/// A rule of the process broken by a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub rule: &'static str,
    /// The rule's level, from the registry and the configuration.
    pub severity: crate::diagnostic::Severity,
    /// The document's path in that commit.
    pub path: String,
    pub commit: String,
    pub commit_date: String,
    pub message: String,
}

/// One document across its renames.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The path today, or the last path before it was deleted (relative to the repository).
    pub path: String,
    /// Every path the document had, oldest first.
    pub paths: Vec<String>,
    /// Whether it exists at the walked revision.
    pub exists: bool,
    pub events: Vec<Event>,
    /// The status at the walked revision (or before deletion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip)]
    pub ever_stable: bool,
}

impl Timeline {
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// Whether any of the document's names or its path is `query` (a path, a file name, or a
    /// file name without `.md`, or a version id like `scs-0100-v3`).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim_end_matches(".md");
        self.paths.iter().any(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            let stem = name.trim_end_matches(".md");
            p == query
                || stem == q
                || p.ends_with(&format!("/{query}"))
                || stem.starts_with(&format!("{q}-"))
        })
    }
}

/// The reconstructed history of a standards folder.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// Version of the JSON shape (`normwerk history --format json`).
    pub history_version: u32,
    #[serde(skip)]
    pub repository: PathBuf,
    /// The standards folder, relative to the repository root (`Standards`).
    pub folder: String,
    /// The walked revision.
    pub head: String,
    /// A shallow clone: history before its boundary is not visible.
    pub shallow: bool,
    pub first_parent: bool,
    pub commits: usize,
    pub documents: Vec<Timeline>,
    pub violations: Vec<Violation>,
}

/// Counts for the whole corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub commits: usize,
    pub documents: usize,
    pub existing: usize,
    pub renames: usize,
    /// `from → to` and how often.
    pub transitions: Vec<(String, usize)>,
    pub violations: usize,
}

impl History {
    pub fn summary(&self) -> Summary {
        let mut transitions: std::collections::BTreeMap<String, usize> = Default::default();
        let mut renames = 0;
        for t in &self.documents {
            for e in &t.events {
                match &e.change {
                    Change::StatusChanged { from, to } => {
                        let key = format!(
                            "{} → {}",
                            from.as_deref().unwrap_or("(none)"),
                            to.as_deref().unwrap_or("(none)")
                        );
                        *transitions.entry(key).or_default() += 1;
                    }
                    Change::Added {
                        status: Some(s), ..
                    } => {
                        *transitions.entry(format!("(new) → {s}")).or_default() += 1;
                    }
                    Change::Renamed { .. } => renames += 1,
                    _ => {}
                }
            }
        }
        Summary {
            commits: self.commits,
            documents: self.documents.len(),
            existing: self.documents.iter().filter(|d| d.exists).count(),
            renames,
            transitions: transitions.into_iter().collect(),
            violations: self.violations.len(),
        }
    }
}
