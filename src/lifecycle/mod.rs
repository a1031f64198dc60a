//! The lifecycle of every document, reconstructed from git: one pass over the history of the
//! standards folder, diffing trees commit to commit, following renames.

mod apply;
mod folders;
pub mod normative;
mod pairing;
pub mod repo;
pub mod rules;
pub mod scopes;
pub mod similarity;
pub mod snapshot;
mod walk;

use crate::diagnostic::Diagnostic;
use serde::{Serialize, Serializer};
use std::path::PathBuf;

pub use repo::{BaseFile, Checkout, HistoryError, base_files, checkout};
pub use walk::{WalkOptions, walk, walk_if_repository};

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
        first_chars(&self.id, 10)
    }

    /// The commit's date (committer), `YYYY-MM-DD`.
    pub fn day(&self) -> &str {
        first_chars(&self.commit_date, 10)
    }
}

/// The first `n` characters of `s` (all of it when it is shorter): the short form of a commit id
/// or the day of an ISO 8601 date. Counted in characters, so that no cut splits one.
pub fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices()
        .nth(n)
        .and_then(|(i, _)| s.get(..i))
        .unwrap_or(s)
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
    /// First seen at a shallow clone's boundary: the document was there before, how it entered
    /// is not visible.
    AlreadyThere {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
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

/// One commit's change to a document's file: the blob ids of its text before and after (none
/// before an addition, none after a deletion), so that the change can be shown as a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub commit: CommitInfo,
    /// The document's path after the commit (before it, for a deletion).
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
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
    /// Every commit that changed the document's file (content or path), oldest first, with its
    /// blob ids before and after: also the commits whose change nothing in `events` describes
    /// (an old key renamed to today's, a supplement's ignored status removed).
    pub revisions: Vec<Revision>,
    #[serde(skip)]
    pub ever_stable: bool,
    /// The normative statements of the version that was first Stable: a change back to them is
    /// a restoration, not a violation (`lint --base` reads them from here too).
    #[serde(skip)]
    pub stabilised: Option<Vec<normative::Statement>>,
}

impl Timeline {
    /// The event by which the document entered the repository, if it is visible (not before a
    /// shallow clone's boundary).
    pub fn entered(&self) -> Option<&Event> {
        self.events
            .first()
            .filter(|e| matches!(e.change, Change::Added { .. }))
    }

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
    /// A shallow clone's oldest commits (more than one with `--all-parents`): what came before
    /// each is not visible.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub boundaries: Vec<Boundary>,
    /// Moves of the standards folder within the repository, oldest first; the documents'
    /// timelines go on across them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folder_moves: Vec<FolderMove>,
    pub first_parent: bool,
    pub commits: usize,
    pub documents: Vec<Timeline>,
    /// The scope files followed (`WalkOptions::scope_files`), each across its commits.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<scopes::ScopeTimeline>,
    /// Rules broken by commits, each at the document's (or scope file's) path in that commit,
    /// with the commit.
    #[serde(serialize_with = "violations_json")]
    pub violations: Vec<Diagnostic>,
    /// The scope rules broken, with what each is about (a version, a timeline entry), so that
    /// `lint --history` can place them in the file as it is now; also in `violations`.
    #[serde(skip)]
    pub scope_findings: Vec<scopes::Judged>,
}

/// A commit of a shallow clone whose parents are not in the clone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boundary {
    pub commit: String,
    /// ISO 8601 with the committer's offset.
    pub commit_date: String,
    /// Documents already there at that commit (their addition is not visible).
    pub documents: usize,
}

/// The standards folder moved (`git mv Standards a/b/Standards`) in a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderMove {
    pub commit: String,
    /// ISO 8601 with the committer's offset.
    pub commit_date: String,
    /// The folder before and after, relative to the repository root.
    pub from: String,
    pub to: String,
}

/// The history JSON's shape of a violation (`schemas/history.schema.json`), kept from before
/// violations were diagnostics.
fn violations_json<S: Serializer>(violations: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Violation<'a> {
        rule: &'static str,
        severity: crate::diagnostic::Severity,
        path: &'a str,
        commit: &'a str,
        commit_date: &'a str,
        message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        help: Option<&'a str>,
    }
    s.collect_seq(violations.iter().map(|d| Violation {
        rule: d.rule.as_str(),
        severity: d.severity,
        path: &d.file,
        commit: d.commit.as_ref().map_or("", |c| c.id.as_str()),
        commit_date: d.commit.as_ref().map_or("", |c| c.date.as_str()),
        message: &d.message,
        help: d.help.as_deref(),
    }))
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
    /// Rules broken (errors).
    pub violations: usize,
    /// Warnings: changes worth a reviewer's eye (normative statements relaxed or reworded).
    pub warnings: usize,
    /// Infos: things worth a look that break no rule (declared dates against git).
    pub infos: usize,
    /// Changed normative statements of Stable documents (violations and infos), by rule id.
    pub normative: Vec<(&'static str, usize)>,
}

impl History {
    /// Levels the violations by the configuration (rule levels and per-file overrides apply to
    /// history too); `off` drops a violation.
    pub fn apply_levels(&mut self, config: &crate::config::Config) {
        let prefix = format!("{}/", self.folder);
        config.apply_levels(&mut self.violations, |path| {
            path.strip_prefix(&prefix).unwrap_or(path).to_owned()
        });
    }

    /// Keeps the documents and scopes any of `queries` names (see [`Timeline::matches`],
    /// [`scopes::ScopeTimeline::matches`]) and their violations; a query that names none is an
    /// error (naming `source`, the folder as given).
    pub fn retain_documents(
        &mut self,
        source: &std::path::Path,
        queries: &[String],
    ) -> Result<(), HistoryError> {
        let unknown: Vec<String> = queries
            .iter()
            .filter(|q| {
                !self.documents.iter().any(|t| t.matches(q))
                    && !self.scopes.iter().any(|s| s.matches(q))
            })
            .map(|q| format!("`{q}`"))
            .collect();
        if !unknown.is_empty() {
            return Err(HistoryError::NoMatch {
                folder: source.to_owned(),
                queries: unknown.join(", "),
            });
        }
        self.documents
            .retain(|t| queries.iter().any(|q| t.matches(q)));
        self.scopes.retain(|t| queries.iter().any(|q| t.matches(q)));
        let kept: Vec<&String> = self
            .documents
            .iter()
            .flat_map(|t| &t.paths)
            .chain(self.scopes.iter().flat_map(|s| &s.paths))
            .collect();
        self.violations.retain(|v| kept.contains(&&v.file));
        Ok(())
    }

    pub fn summary(&self) -> Summary {
        let mut transitions: std::collections::BTreeMap<String, usize> = Default::default();
        let mut renames = 0;
        for t in &self.documents {
            for e in &t.events {
                match &e.change {
                    Change::StatusChanged { from, to } => {
                        let key = format!(
                            "{} → {}",
                            from.as_deref().unwrap_or("no status"),
                            to.as_deref().unwrap_or("no status")
                        );
                        *transitions.entry(key).or_default() += 1;
                    }
                    Change::Added {
                        status: Some(s), ..
                    } => {
                        *transitions.entry(format!("added as {s}")).or_default() += 1;
                    }
                    Change::AlreadyThere {
                        status: Some(s), ..
                    } => {
                        *transitions
                            .entry(format!("there before the first commit walked, as {s}"))
                            .or_default() += 1;
                    }
                    Change::Renamed { .. } => renames += 1,
                    _ => {}
                }
            }
        }
        let levels = crate::diagnostic::Summary::of(&self.violations);
        Summary {
            commits: self.commits,
            documents: self.documents.len(),
            existing: self.documents.iter().filter(|d| d.exists).count(),
            renames,
            transitions: transitions.into_iter().collect(),
            violations: levels.errors,
            warnings: levels.warnings,
            infos: levels.infos,
            normative: self.normative_counts(),
        }
    }

    fn normative_counts(&self) -> Vec<(&'static str, usize)> {
        normative::Effect::ALL
            .into_iter()
            .map(normative::Effect::rule)
            .map(|r| {
                (
                    r.as_str(),
                    self.violations.iter().filter(|v| v.rule == r).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::first_chars;

    #[test]
    fn first_chars_of_ids_and_dates() {
        assert_eq!(first_chars("0123456789abcdef", 10), "0123456789");
        assert_eq!(first_chars("2026-11-28T09:25:53+00:00", 10), "2026-11-28");
        assert_eq!(first_chars("abc", 10), "abc");
        assert_eq!(first_chars("", 10), "");
    }

    /// Counted in characters: a cut at byte 10 would split the `é` (bytes 9 and 10).
    #[test]
    fn first_chars_does_not_split_a_character() {
        assert_eq!(first_chars("2026-11-2é8", 10), "2026-11-2é");
        assert_eq!(first_chars("ééééééééééé", 10), "éééééééééé");
    }
}
