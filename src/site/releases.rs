//! Releases in the site: each release as a frozen copy under `releases/NAME/` (its documents read
//! from git at its commit, its states as of its day, a banner that says so and links the live
//! site), and what the live pages show of them (the releases page, each changelog, the releases
//! that contain a document).
//!
//! A frozen copy is made only from the release's manifest and git's objects, so it does not
//! change when the working tree does.

use super::pages::{self, Context};
use super::sink::{Sink, Target, Written};
use super::theme::Theme;
use super::{BuildError, BuildOptions};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::markdown::{LinkDest, classify_link};
use crate::publish::PublishOptions;
use crate::release::{Changelog, Manifest, Releases, Repo};
use crate::urls;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a frozen copy's pages know of their release (the `release` variable of the templates).
#[derive(Debug, Clone, Serialize)]
pub struct Frozen {
    pub name: String,
    pub as_of: String,
    /// The commit, shortened.
    pub commit: String,
    /// The way from the copy's root to the live site's root.
    pub up: String,
    /// The live site's standards and documents (standard ids, file ids): the banner links a
    /// document's current version only where the live site has it.
    #[serde(skip)]
    pub live: Arc<BTreeSet<String>>,
    /// The copy's own address: the live site's, under `releases/NAME`.
    #[serde(skip)]
    pub base_url: Option<String>,
}

/// One release as the live pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseView {
    pub name: String,
    pub as_of: String,
    pub commit: String,
    pub documents: usize,
    /// The changelog's one-line summary.
    pub summary: String,
    pub previous: Option<String>,
    /// The file ids of its documents, for "in releases" on the live pages.
    #[serde(skip)]
    pub file_ids: BTreeSet<String>,
    #[serde(skip)]
    pub changelog: Changelog,
}

/// A document's release, as its live page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct InRelease<'a> {
    pub name: &'a str,
    pub as_of: &'a str,
}

/// The releases the build renders: every manifest of the releases folder that can be read and
/// whose commit is in the repository. `warnings` names the others (the lint says why).
pub struct Loaded {
    pub repo: Option<Repo>,
    pub manifests: Vec<Manifest>,
    pub views: Vec<ReleaseView>,
    pub warnings: Vec<String>,
}

pub fn load(corpus: &Corpus, config: &Config) -> Loaded {
    let mut loaded = Loaded {
        repo: None,
        manifests: Vec::new(),
        views: Vec::new(),
        warnings: Vec::new(),
    };
    let folder = crate::release::folder(&corpus.root, config);
    let releases = match Releases::load(&folder) {
        Ok(r) if !r.found.is_empty() => r,
        Ok(_) => return loaded,
        Err(e) => {
            loaded
                .warnings
                .push(format!("releases are not published: {e}"));
            return loaded;
        }
    };
    let repo = match Repo::open(&corpus.root) {
        Ok(r) => r,
        Err(e) => {
            loaded.warnings.push(format!(
                "the releases in {} are not published: {e}",
                folder.display()
            ));
            return loaded;
        }
    };
    for found in &releases.found {
        let manifest = match &found.manifest {
            Ok(m) if repo.find_commit(&m.commit).is_ok() => m,
            Ok(m) => {
                loaded.warnings.push(format!(
                    "release {} is not published: its commit {} is not in the repository",
                    found.name, m.commit
                ));
                continue;
            }
            Err(e) => {
                loaded.warnings.push(format!(
                    "release {} is not published: {}: {e}",
                    found.name,
                    found.path.display()
                ));
                continue;
            }
        };
        let previous = manifest
            .previous
            .as_ref()
            .and_then(|p| loaded.manifests.iter().find(|m| m.name == p.name));
        let changelog = match crate::release::changelog(&repo, &config.profile, previous, manifest)
        {
            Ok(c) => c,
            Err(e) => {
                loaded
                    .warnings
                    .push(format!("release {} is not published: {e}", found.name));
                continue;
            }
        };
        loaded.views.push(ReleaseView {
            name: manifest.name.clone(),
            as_of: manifest.as_of.clone(),
            commit: crate::lifecycle::first_chars(&manifest.commit, 12).to_owned(),
            documents: manifest.documents().count(),
            summary: changelog.summary(),
            previous: previous.map(|p| p.name.clone()),
            file_ids: manifest
                .documents()
                .map(|e| e.file.trim_end_matches(".md").to_owned())
                .collect(),
            changelog,
        });
        loaded.manifests.push(manifest.clone());
    }
    loaded.repo = Some(repo);
    loaded
}

impl ReleaseView {
    /// The releases that hold the document `file_id`, oldest first.
    pub fn holding<'a>(views: &'a [ReleaseView], file_id: &str) -> Vec<InRelease<'a>> {
        views
            .iter()
            .filter(|r| r.file_ids.contains(file_id))
            .map(|r| InRelease {
                name: &r.name,
                as_of: &r.as_of,
            })
            .collect()
    }
}

/// Renders each release's frozen copy into `releases/NAME/` of the staged site; returns what
/// was written, for the link check.
pub fn render_frozen(
    staged: &dyn Target,
    loaded: &Loaded,
    live: &Context<'_>,
    config: &Config,
    theme: &Theme,
) -> Result<Written, BuildError> {
    let Some(repo) = &loaded.repo else {
        return Ok(Vec::new());
    };
    let live_ids: Arc<BTreeSet<String>> = Arc::new(
        live.catalog
            .standards
            .iter()
            .map(|s| s.id.clone())
            .chain(live.versions.iter().map(|v| urls::file_id(v.doc)))
            .collect(),
    );
    let mut written = Vec::new();
    for m in &loaded.manifests {
        let frozen = Frozen {
            name: m.name.clone(),
            as_of: m.as_of.clone(),
            commit: crate::lifecycle::first_chars(&m.commit, 12).to_owned(),
            up: "../../".to_owned(),
            live: Arc::clone(&live_ids),
            base_url: live
                .publication
                .base_url
                .as_ref()
                .map(|b| format!("{}/releases/{}", b.trim_end_matches('/'), m.name)),
        };
        written.extend(render_one(
            staged, repo, m, live.opts, frozen, config, theme,
        )?);
    }
    Ok(written)
}

fn render_one(
    staged: &dyn Target,
    repo: &Repo,
    m: &Manifest,
    live_opts: &BuildOptions,
    frozen: Frozen,
    config: &Config,
    theme: &Theme,
) -> Result<Written, BuildError> {
    let fail = |message: String| BuildError::Release {
        name: m.name.clone(),
        message,
    };
    let commit = repo
        .find_commit(&m.commit)
        .map_err(|e| fail(e.to_string()))?;
    let (_, corpus) = repo
        .snapshot(&commit, &config.profile, &config.limits)
        .map_err(|e| fail(e.to_string()))?;
    let as_of = crate::document::parse_iso_date(&m.as_of)
        .ok_or_else(|| fail(format!("as_of {:?} is not a date", m.as_of)))?;
    let opts = PublishOptions {
        no_history: true,
        ..Default::default()
    };
    let mut publication = crate::publish::prepare(&corpus, config, as_of.into(), &opts)
        .map_err(|e| fail(e.to_string()))?;
    // The copy's index is the one the release recorded; its pages have no source links (they
    // would show today's file) and their own address.
    publication.index = m.index.clone();
    publication.source_url = None;
    publication.base_url = frozen.base_url.clone();
    let findings = if live_opts.findings {
        crate::lint::lint_with(&corpus, config, &publication.schema)
    } else {
        Vec::new()
    };
    let opts = BuildOptions {
        frozen: Some(frozen),
        ..live_opts.clone()
    };
    let ctx = Context::new(&publication, &config.profile, theme, &opts, None, &findings);
    let prefix = format!("releases/{}/", m.name);
    let sink = Sink::in_folder(staged, prefix.clone());
    pages::render(&ctx, &sink)?;
    // The files its documents link to, as they were at the commit.
    for (path, bytes) in attachments(repo, &m.commit, &corpus) {
        sink.emit_bytes(&path, &bytes)?;
    }
    sink.finish()
}

/// The files the documents of a commit link to inside the standards folder, read from the
/// commit, by their path in the copy. Active content is left out, as the live site refuses it.
fn attachments(repo: &Repo, commit: &str, corpus: &Corpus) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for doc in &corpus.documents {
        let page = format!("{}index.html", urls::document(doc));
        let folder = doc.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
        for link in &doc.links {
            let LinkDest::Relative { path, .. } = classify_link(&link.dest) else {
                continue;
            };
            if path.is_empty() || path.ends_with(".md") {
                continue;
            }
            let joined = if folder.is_empty() {
                path.clone()
            } else {
                format!("{folder}/{path}")
            };
            let rel = crate::paths::normalize(std::path::Path::new(&joined))
                .to_string_lossy()
                .into_owned();
            if rel.starts_with("..") || rel.split('/').any(crate::paths::is_hidden) {
                continue;
            }
            let (Some(site_path), Ok(Some((_, bytes)))) = (
                urls::resolve(&page, &path),
                repo.blob_at(commit, &repo.in_repo(&rel)),
            ) else {
                continue;
            };
            if crate::lint::active::active_bytes(std::path::Path::new(&rel), &bytes).is_some() {
                continue;
            }
            if !out.iter().any(|(p, _)| *p == site_path) {
                out.push((site_path, bytes));
            }
        }
    }
    out
}
