//! `normwerk release NAME`: the manifest of the files of one commit, their states on a day, and
//! the hash of the release before it.

use super::git::{Repo, commit_day};
use super::manifest::{FileEntry, MANIFEST_VERSION, Manifest, Previous, ScopeInForce};
use super::{ReleaseError, Releases, check_name, folder};
use crate::config::Config;
use crate::index::{Generator, Index, sha256_hex};
use crate::publish::{PublishError, PublishOptions};
use crate::scopes::Validity;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What to release.
#[derive(Debug, Clone, Default)]
pub struct ReleaseRequest<'a> {
    pub name: &'a str,
    /// The day of the states; without `commit`, also the day whose last commit is released.
    /// Default: today (or `SOURCE_DATE_EPOCH`), with `HEAD`.
    pub as_of: Option<Date>,
    /// Release this commit rather than the day's.
    pub commit: Option<&'a str>,
}

/// A manifest made, not yet written.
#[derive(Debug)]
pub struct Made {
    pub manifest: Manifest,
    /// Its bytes, as they will be written.
    pub json: String,
    /// Where it goes.
    pub path: PathBuf,
    pub releases: Releases,
}

/// The manifest of `req` for the standards folder `source`.
pub fn make(
    source: &Path,
    config: &Config,
    req: &ReleaseRequest<'_>,
) -> Result<Made, ReleaseError> {
    check_name(req.name)?;
    let releases = Releases::load(&folder(source, config))?;
    let path = releases.folder.join(format!("{}.json", req.name));
    if let Ok(found) = releases.get(req.name) {
        return Err(ReleaseError::Exists {
            name: req.name.to_owned(),
            path: found.path.clone(),
        });
    }
    let repo = Repo::open(source)?;
    let commit = repo.commit(req.commit, req.as_of)?;
    let as_of = match (req.as_of, req.commit) {
        (Some(day), _) => day,
        (None, Some(_)) => commit_day(&commit),
        (None, None) => crate::asof::today(),
    };
    let previous = match releases.newest() {
        None => None,
        Some(newest) => {
            let m = newest.manifest.as_ref().map_err(|e| {
                ReleaseError::Chain(format!(
                    "the newest release, {}, cannot be read: {e}",
                    newest.name
                ))
            })?;
            if m.as_of.as_str() > as_of.to_string().as_str() {
                return Err(ReleaseError::OutOfOrder {
                    newest: newest.name.clone(),
                    newest_as_of: m.as_of.clone(),
                    as_of,
                });
            }
            Some(Previous {
                name: newest.name.clone(),
                sha256: sha256_hex(&newest.bytes),
            })
        }
    };
    let (files, index, scopes_in_force) = contents(&repo, &commit, config, as_of)?;
    let manifest = Manifest {
        manifest_version: MANIFEST_VERSION,
        name: req.name.to_owned(),
        as_of: as_of.to_string(),
        commit: commit.id().to_string(),
        commit_date: commit_day(&commit).to_string(),
        folder: repo.folder.clone(),
        generator: Generator {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        previous,
        files,
        scopes_in_force,
        index,
    };
    let json = manifest.to_json();
    Ok(Made {
        manifest,
        json,
        path,
        releases,
    })
}

/// What a release of `commit` as of `as_of` holds: its files, their index (the commit as its
/// source, no history, no address) and the scope versions in force.
pub(super) fn contents(
    repo: &Repo,
    commit: &git2::Commit<'_>,
    config: &Config,
    as_of: Date,
) -> Result<(Vec<FileEntry>, Index, Vec<ScopeInForce>), ReleaseError> {
    let (files, corpus) = repo.snapshot(commit, &config.profile, &config.limits)?;
    let opts = PublishOptions {
        no_history: true,
        ..Default::default()
    };
    let publication = match crate::publish::prepare(&corpus, config, as_of.into(), &opts) {
        Ok(p) => p,
        Err(PublishError::Blocked(findings)) => {
            return Err(ReleaseError::Blocked(
                findings
                    .iter()
                    .map(|d| format!("  {}: {} [{}]", d.file, d.message, d.rule))
                    .collect(),
            ));
        }
        Err(e) => return Err(ReleaseError::Publish(e)),
    };
    let mut index = publication.index;
    index.header.source.commit = Some(commit.id().to_string());
    index.header.source.dirty = Some(false);
    index.header.base_url = None;
    let scopes_in_force = index
        .scopes
        .iter()
        .flat_map(|s| {
            s.versions.iter().filter_map(|v| {
                let validity = v.validity?;
                matches!(validity, Validity::Effective | Validity::Warn).then(|| ScopeInForce {
                    scope: s.id.clone(),
                    version: v.version.clone(),
                    validity: validity.as_str().to_owned(),
                })
            })
        })
        .collect();
    Ok((files, index, scopes_in_force))
}

/// Writes a made manifest, at once (a reader sees no half-written file), refusing to replace one.
pub fn write(made: &Made) -> Result<(), ReleaseError> {
    let fail = |message: String| ReleaseError::Write {
        path: made.path.clone(),
        message,
    };
    std::fs::create_dir_all(&made.releases.folder).map_err(|e| fail(e.to_string()))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(&made.releases.folder).map_err(|e| fail(e.to_string()))?;
    std::io::Write::write_all(&mut tmp, made.json.as_bytes()).map_err(|e| fail(e.to_string()))?;
    // Readable by all, as git checks files out (a temporary file is the owner's alone).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail(e.to_string()))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    // `persist_noclobber`: another release of the same name made meanwhile is not replaced.
    tmp.persist_noclobber(&made.path)
        .map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}
