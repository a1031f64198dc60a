//! The history of the scope files (scs-0003): every commit that changed one, read as a
//! version of the file, compared with the version before it. What changed becomes events (a
//! scope version added, stabilised, changed or pruned; a timeline entry added, changed or pruned)
//! and the two rules of the scope process are judged on each step
//! (`rules::scopes`). Only the commits that change a scope file's blob are read.

mod diff;
mod follow;
pub mod view;

use super::CommitInfo;
use serde::Serialize;

pub use diff::events;
pub use follow::Judged;
pub(crate) use follow::follow;
pub use view::FileView;

/// One scope file across its commits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeTimeline {
    /// The scope's id (the file name without its extension, `scs-compatible-iaas`).
    pub id: String,
    /// The path at the walked revision, relative to the repository.
    pub path: String,
    /// Every path the file had, oldest first.
    pub paths: Vec<String>,
    pub events: Vec<ScopeEvent>,
    /// Each scope version ever seen, in the order of its first appearance: when it was added,
    /// stabilised, became effective, and pruned.
    pub versions: Vec<VersionSummary>,
}

impl ScopeTimeline {
    /// Whether `query` names this scope: its id, a path, or a file name.
    pub fn matches(&self, query: &str) -> bool {
        self.id == query
            || self.paths.iter().any(|p| {
                p == query
                    || crate::paths::file_name(p) == query
                    || p.ends_with(&format!("/{query}"))
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeEvent {
    pub commit: CommitInfo,
    #[serde(flatten)]
    pub change: ScopeChange,
}

/// A validity code a timeline entry gives a version, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    pub version: String,
    /// `effective`, `warn`, `draft`, `deprecated`, or what the file says instead.
    pub code: String,
}

/// What one commit did to a scope file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ScopeChange {
    FileAdded {
        path: String,
    },
    FileRenamed {
        from: String,
        to: String,
    },
    FileDeleted {
        path: String,
    },
    /// This version of the file does not parse; it is skipped (the next one is compared with
    /// the last that parsed).
    Unreadable {
        note: String,
    },
    VersionAdded {
        version: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        stabilized_at: Option<String>,
        /// The standards it requires (document ids where the url names one).
        standards: Vec<String>,
    },
    VersionStabilized {
        version: String,
        stabilized_at: String,
    },
    /// The descriptor changed: modules, their parameters, `stabilized_at`, or (read through the
    /// modules' urls) the standards.
    VersionChanged {
        version: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        modules_added: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        modules_removed: Vec<String>,
        /// Modules whose include parameters changed.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        parameters_changed: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        standards_entered: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        standards_left: Vec<String>,
        /// `stabilized_at` before and after, when it changed.
        #[serde(skip_serializing_if = "Option::is_none")]
        stabilized_at: Option<(Option<String>, Option<String>)>,
    },
    /// A version whose descriptor reappears, unchanged, under another name in the same commit.
    VersionRenamed {
        from: String,
        to: String,
    },
    VersionPruned {
        version: String,
    },
    TimelineEntryAdded {
        date: String,
        codes: Vec<Code>,
    },
    TimelineEntryChanged {
        date: String,
        from: Vec<Code>,
        to: Vec<Code>,
    },
    TimelineEntryPruned {
        date: String,
    },
}

/// When a scope version was added, stabilised, became effective and was pruned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionSummary {
    pub version: String,
    /// The commit that added it (absent when it was there from the file's first version).
    pub added: Milestone,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stabilized_at: Option<String>,
    /// The first timeline entry that made it effective: its date and the commit that wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<Milestone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pruned: Option<Milestone>,
}

/// A date in a scope's history and the commit that recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// `YYYY-MM-DD`: the entry's date for `effective_from`, else the commit's day.
    pub date: String,
    pub commit: String,
}

impl ScopeTimeline {
    /// The summaries of the versions, from the events.
    pub(crate) fn summarise(&mut self) {
        let mut out: Vec<VersionSummary> = Vec::new();
        let at = |e: &ScopeEvent, date: &str| Milestone {
            date: date.to_owned(),
            commit: e.commit.id.clone(),
        };
        for e in &self.events {
            let day = e.commit.day();
            match &e.change {
                ScopeChange::VersionAdded {
                    version,
                    stabilized_at,
                    ..
                } => {
                    out.retain(|v| &v.version != version || v.pruned.is_none());
                    out.push(VersionSummary {
                        version: version.clone(),
                        added: at(e, day),
                        stabilized_at: stabilized_at.clone(),
                        effective_from: None,
                        pruned: None,
                    });
                }
                ScopeChange::VersionStabilized {
                    version,
                    stabilized_at,
                } => {
                    if let Some(v) = current(&mut out, version) {
                        v.stabilized_at = Some(stabilized_at.clone());
                    }
                }
                ScopeChange::VersionChanged {
                    version,
                    stabilized_at: Some((_, to)),
                    ..
                } => {
                    if let Some(v) = current(&mut out, version) {
                        v.stabilized_at.clone_from(to);
                    }
                }
                ScopeChange::VersionRenamed { from, to } => {
                    if let Some(v) = current(&mut out, from) {
                        v.version.clone_from(to);
                    }
                }
                ScopeChange::VersionPruned { version } => {
                    if let Some(v) = current(&mut out, version) {
                        v.pruned = Some(at(e, day));
                    }
                }
                ScopeChange::TimelineEntryAdded { date, codes }
                | ScopeChange::TimelineEntryChanged {
                    date, to: codes, ..
                } => {
                    for c in codes.iter().filter(|c| c.code == "effective") {
                        if let Some(v) = current(&mut out, &c.version) {
                            let earlier = v.effective_from.as_ref().is_none_or(|m| *date < m.date);
                            if earlier {
                                v.effective_from = Some(at(e, date));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        self.versions = out;
    }
}

/// The summary of the version of that name that is not pruned (the last one).
fn current<'v>(out: &'v mut [VersionSummary], version: &str) -> Option<&'v mut VersionSummary> {
    out.iter_mut()
        .rev()
        .find(|v| v.version == version && v.pruned.is_none())
}
