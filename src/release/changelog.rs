//! The changelog of a release against the one before it: new and removed documents, lifecycle
//! transitions, Stable documents whose text changed (with their normative statements compared),
//! and scope versions whose validity changed. Made from the two manifests and git's blobs.

use super::ReleaseError;
use super::git::Repo;
use super::manifest::Manifest;
use crate::catalog::State;
use crate::config::Profile;
use crate::index::Entry;
use crate::lifecycle::normative::compare;
use crate::lifecycle::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changelog {
    pub release: ReleaseRef,
    /// `null` for the first release: every document is new.
    pub previous: Option<ReleaseRef>,
    pub added: Vec<DocRef>,
    pub transitions: Vec<Transition>,
    /// Documents Stable in both releases whose text differs (a document that became Stable is a
    /// transition).
    pub changed: Vec<TextChange>,
    pub scopes: Vec<ScopeChange>,
    pub removed: Vec<DocRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseRef {
    pub name: String,
    pub as_of: String,
    pub commit: String,
}

/// A document of a release. `url` is its page, relative to the root of the release's copy of
/// the site (`releases/NAME/`; for a removed document, the previous release's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRef {
    pub id: String,
    pub title: Option<String>,
    pub url: String,
    pub state: State,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub id: String,
    pub title: Option<String>,
    pub url: String,
    pub from: State,
    pub to: State,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    pub id: String,
    pub title: Option<String>,
    pub url: String,
    /// The normative statements that changed; empty when only other text did.
    pub statements: Vec<StatementDiff>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementDiff {
    /// `added`, `removed`, `strengthened`, `relaxed` or `reworded`.
    pub change: &'static str,
    /// The lint rule that judges such a change in a Stable document (`normative-edit`, …).
    pub rule: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeChange {
    pub scope: String,
    pub version: String,
    /// The validity on each release's day (`null`: the version did not exist).
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Changelog {
    /// How many changes of each kind, as one line.
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} transition(s), {} Stable document(s) changed, {} scope version(s) changed, {} removed",
            self.added.len(),
            self.transitions.len(),
            self.changed.len(),
            self.scopes.len(),
            self.removed.len()
        )
    }
}

fn reference(m: &Manifest) -> ReleaseRef {
    ReleaseRef {
        name: m.name.clone(),
        as_of: m.as_of.clone(),
        commit: m.commit.clone(),
    }
}

fn doc(e: &Entry) -> DocRef {
    DocRef {
        id: e.id.clone(),
        title: e.title.clone(),
        url: e.url.clone(),
        state: e.state,
    }
}

/// The changelog of `this` against `previous` (none: the first release).
pub fn changelog(
    repo: &Repo,
    profile: &Profile,
    previous: Option<&Manifest>,
    this: &Manifest,
) -> Result<Changelog, ReleaseError> {
    let before: BTreeMap<&str, &Entry> = previous
        .map(|p| p.documents().map(|e| (e.id.as_str(), e)).collect())
        .unwrap_or_default();
    let after: BTreeMap<&str, &Entry> = this.documents().map(|e| (e.id.as_str(), e)).collect();
    let mut log = Changelog {
        release: reference(this),
        previous: previous.map(reference),
        added: after
            .iter()
            .filter(|(id, _)| !before.contains_key(*id))
            .map(|(_, e)| doc(e))
            .collect(),
        transitions: Vec::new(),
        changed: Vec::new(),
        scopes: Vec::new(),
        removed: before
            .iter()
            .filter(|(id, _)| !after.contains_key(*id))
            .map(|(_, e)| doc(e))
            .collect(),
    };
    let stable = &profile.statuses.stable;
    for (id, new) in &after {
        let Some(old) = before.get(id) else { continue };
        if old.state != new.state {
            log.transitions.push(Transition {
                id: new.id.clone(),
                title: new.title.clone(),
                url: new.url.clone(),
                from: old.state,
                to: new.state,
            });
        }
        // A document that became Stable is a transition; this is for texts changed in force.
        let both_stable =
            old.status.as_ref() == Some(stable) && new.status.as_ref() == Some(stable);
        if let (true, Some(previous)) = (both_stable && old.sha256 != new.sha256, previous) {
            let text_old = blob_text(repo, previous, old)?;
            let text_new = blob_text(repo, this, new)?;
            let (a, b) = (
                Snapshot::parse(&text_old, profile),
                Snapshot::parse(&text_new, profile),
            );
            let statements = compare(a.statements(), b.statements(), None)
                .iter()
                .map(|c| StatementDiff {
                    change: c.kind.as_str(),
                    rule: c.effect().rule().as_str(),
                    old: c.old.map(|s| s.text.clone()),
                    new: c.new.map(|s| s.text.clone()),
                })
                .collect();
            log.changed.push(TextChange {
                id: new.id.clone(),
                title: new.title.clone(),
                url: new.url.clone(),
                statements,
            });
        }
    }
    let validity = |m: Option<&Manifest>| -> BTreeMap<(String, String), String> {
        m.map(|m| {
            m.index
                .scopes
                .iter()
                .flat_map(|s| {
                    s.versions.iter().map(|v| {
                        (
                            (s.id.clone(), v.version.clone()),
                            v.validity
                                .map_or("not valid yet", |v| v.as_str())
                                .to_owned(),
                        )
                    })
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let (was, is) = (validity(previous), validity(Some(this)));
    let mut keys: Vec<&(String, String)> = was.keys().chain(is.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (from, to) = (was.get(key), is.get(key));
        if from != to {
            log.scopes.push(ScopeChange {
                scope: key.0.clone(),
                version: key.1.clone(),
                from: from.cloned(),
                to: to.cloned(),
            });
        }
    }
    Ok(log)
}

/// The text of a document of a release, from git; a blob that cannot be read is an error (a
/// changelog that left the document out would be wrong).
fn blob_text(repo: &Repo, m: &Manifest, e: &Entry) -> Result<String, ReleaseError> {
    let path = match m.folder.as_str() {
        "" => e.path.clone(),
        f => format!("{f}/{}", e.path),
    };
    let fail = |message: String| ReleaseError::File {
        path: format!("{path} (release {})", m.name),
        message,
    };
    let file = m
        .files
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| fail("not in the release's file list".to_owned()))?;
    let blob = git2::Oid::from_str(&file.blob)
        .and_then(|oid| repo.repo.find_blob(oid))
        .map_err(|e| {
            let hint = if repo.repo.is_shallow() {
                " (the clone is shallow: `git fetch --unshallow`)"
            } else {
                ""
            };
            fail(format!(
                "blob {} cannot be read: {}{hint}",
                file.blob,
                e.message()
            ))
        })?;
    Ok(String::from_utf8_lossy(blob.content()).into_owned())
}

/// The changelog as Markdown, for release notes.
pub fn markdown(log: &Changelog) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let r = &log.release;
    let _ = writeln!(out, "# Release {} (as of {})\n", r.name, r.as_of);
    let _ = match &log.previous {
        Some(p) => writeln!(
            out,
            "Commit `{}`, compared with release {} (as of {}, commit `{}`).\n",
            short(&r.commit),
            p.name,
            p.as_of,
            short(&p.commit)
        ),
        None => writeln!(
            out,
            "Commit `{}`. The first release: every document is new.\n",
            short(&r.commit)
        ),
    };
    let _ = writeln!(out, "{}.\n", log.summary());
    let title = |id: &str, t: &Option<String>| match t {
        Some(t) => format!("**{id}** {t}"),
        None => format!("**{id}**"),
    };
    if !log.transitions.is_empty() {
        out.push_str("## Lifecycle transitions\n\n");
        for t in &log.transitions {
            let _ = writeln!(
                out,
                "- {}: {} → {}",
                title(&t.id, &t.title),
                t.from.as_str(),
                t.to.as_str()
            );
        }
        out.push('\n');
    }
    if !log.changed.is_empty() {
        out.push_str("## Stable documents whose text changed\n\n");
        for c in &log.changed {
            let _ = writeln!(out, "- {}", title(&c.id, &c.title));
            if c.statements.is_empty() {
                out.push_str("  - no normative statement changed\n");
            }
            for s in &c.statements {
                let _ = match (&s.old, &s.new) {
                    (Some(o), Some(n)) => {
                        writeln!(out, "  - {} (`{}`): “{o}” → “{n}”", s.change, s.rule)
                    }
                    (None, Some(n)) => writeln!(out, "  - {} (`{}`): “{n}”", s.change, s.rule),
                    (Some(o), None) => writeln!(out, "  - {} (`{}`): “{o}”", s.change, s.rule),
                    (None, None) => Ok(()),
                };
            }
        }
        out.push('\n');
    }
    if !log.scopes.is_empty() {
        out.push_str("## Certificate scopes\n\n");
        for s in &log.scopes {
            let _ = writeln!(
                out,
                "- {} {}: {} → {}",
                s.scope,
                s.version,
                s.from.as_deref().unwrap_or("(new)"),
                s.to.as_deref().unwrap_or("(removed)")
            );
        }
        out.push('\n');
    }
    for (heading, docs) in [
        ("New documents", &log.added),
        ("Removed documents", &log.removed),
    ] {
        if docs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {heading}\n");
        for d in docs {
            let _ = writeln!(out, "- {} ({})", title(&d.id, &d.title), d.state.as_str());
        }
        out.push('\n');
    }
    out
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}
