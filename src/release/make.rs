//! `normwerk release NAME`: the manifest of the files of one commit, their states on a day, and
//! the hash of the release before it.

use super::git::{Repo, commit_day};
use super::manifest::{MANIFEST_VERSION, Manifest, Previous};
use super::{ReleaseError, Releases, check_name, folder};
use crate::config::Config;
use crate::index::{Generator, sha256_hex};
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
    /// The annotated tag and the signature that [`publish`] will make: checked before anything
    /// is written.
    pub tag: bool,
    pub sign: bool,
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

/// The manifest of `req` for the standards folder `source`. Refused, before anything is
/// written: a name taken (by a release, a branch or another tag), a chain of releases that does
/// not verify, a day before the newest release's or after today, a commit after the day or not
/// in the history of `HEAD`, and a tag or signature that could not be made.
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
    repo.check_free(req.name)?;
    let commit = repo.commit(req.commit, req.as_of)?;
    repo.check_in_history(&commit)?;
    let day = commit_day(&commit);
    let as_of = match (req.as_of, req.commit) {
        (Some(d), _) => d,
        (None, Some(_)) => day,
        (None, None) => crate::asof::today(),
    };
    if as_of < day {
        return Err(ReleaseError::Refused(format!(
            "commit {} is of {day}, after the release's day {as_of}: a release holds what was committed by its day",
            crate::lifecycle::first_chars(&commit.id().to_string(), 12)
        )));
    }
    let today = crate::asof::today();
    if as_of > today {
        return Err(ReleaseError::Refused(format!(
            "{as_of} is after today ({today}): a release is of a day that has come"
        )));
    }
    let previous = previous(&repo, config, &releases, as_of)?;
    if req.sign {
        super::sign::ready(&repo, &path)?;
    }
    if req.tag {
        repo.repo.signature().map_err(|e| {
            ReleaseError::Git(format!(
                "{} (the tag's author: set git's user.name and user.email)",
                e.message()
            ))
        })?;
    }
    let (config, config_path) = repo.config_at(&commit, config)?;
    let (files, index, scopes_in_force) =
        super::contents::contents(&repo, &commit, &config, as_of)?;
    let manifest = Manifest {
        manifest_version: MANIFEST_VERSION,
        name: req.name.to_owned(),
        as_of: as_of.to_string(),
        commit: commit.id().to_string(),
        commit_date: day.to_string(),
        folder: repo.folder.clone(),
        config: config_path,
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

/// The release a new one follows: the newest, when every release verifies and the new day is not
/// before its day.
fn previous(
    repo: &Repo,
    config: &Config,
    releases: &Releases,
    as_of: Date,
) -> Result<Option<Previous>, ReleaseError> {
    let broken: Vec<String> = super::verify::verify_each(repo, config, releases)
        .into_iter()
        .flat_map(|v| {
            let name = v.name.clone();
            v.modified
                .into_iter()
                .chain(v.problems)
                .map(move |p| format!("{name}: {p}"))
        })
        .collect();
    if !broken.is_empty() {
        return Err(ReleaseError::Chain(broken.join("; ")));
    }
    let Some(newest) = releases.newest() else {
        return Ok(None);
    };
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
    Ok(Some(Previous {
        name: newest.name.clone(),
        sha256: sha256_hex(&newest.bytes),
    }))
}

/// What [`publish`] made.
#[derive(Debug, Default)]
pub struct Published {
    pub signature: Option<PathBuf>,
    pub tagged: bool,
}

/// Writes a made manifest at once (a reader sees no half-written file, and another release of
/// the same name made meanwhile is not replaced), then signs and tags it as asked. If signing
/// or tagging fails, what was written is removed again: a release is all of it or nothing.
pub fn publish(made: &Made, repo: &Repo, sign: bool, tag: bool) -> Result<Published, ReleaseError> {
    write(made)?;
    let mut done = Published::default();
    let undo = |done: &Published| {
        let _ = std::fs::remove_file(&made.path);
        if let Some(sig) = &done.signature {
            let _ = std::fs::remove_file(sig);
        }
    };
    if sign {
        match super::sign::sign(repo, &made.path) {
            Ok(sig) => done.signature = Some(sig),
            Err(e) => {
                undo(&done);
                return Err(e);
            }
        }
    }
    if tag {
        let m = &made.manifest;
        if let Err(e) = repo.tag(&m.name, &m.commit, &sha256_hex(made.json.as_bytes())) {
            undo(&done);
            return Err(e);
        }
        done.tagged = true;
    }
    Ok(done)
}

fn write(made: &Made) -> Result<(), ReleaseError> {
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
