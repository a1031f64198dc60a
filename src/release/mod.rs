//! Releases: frozen, verifiable snapshots of the standards. `normwerk release NAME` writes a
//! manifest (`releases/NAME.json`) of every document and scope file at one commit, with their
//! hashes, states on a day, and the hash of the release before it; [`verify`] proves a manifest
//! against git, the chain and its signature; [`changelog`] tells what changed from one release
//! to the next.
//!
//! Everything is read from git objects, never from the working tree: a release is what was
//! committed.

mod changelog;
mod contents;
mod git;
mod lint;
mod make;
mod manifest;
mod sign;
mod verify;

pub use changelog::{Changelog, changelog, markdown as changelog_markdown};
pub use git::Repo;
pub use lint::check;
pub use make::{Made, Published, ReleaseRequest, make, publish};
pub use manifest::{
    FileEntry, FileKind, MANIFEST_VERSION, Manifest, Previous, SCHEMA, ScopeInForce,
};
pub use sign::{NAMESPACE, SignatureCheck, check as check_signature, sign, signature_path};
pub use verify::{Depth, Verification, verify, verify_all};

use crate::config::Config;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("release name {name:?}: {reason}")]
    Name { name: String, reason: &'static str },
    #[error(
        "release {name} exists already ({path}); a release is never rewritten: choose another name"
    )]
    Exists { name: String, path: PathBuf },
    #[error("no release {name} in {folder}{}", list(.known))]
    Unknown {
        name: String,
        folder: PathBuf,
        known: Vec<String>,
    },
    #[error("{path}: {message}")]
    Manifest { path: PathBuf, message: String },
    #[error(
        "releases are made in order of their day: the newest, {newest}, is as of {newest_as_of}, after {as_of}"
    )]
    OutOfOrder {
        newest: String,
        newest_as_of: String,
        as_of: Date,
    },
    #[error(
        "the releases do not form one chain: {0} (`normwerk release verify` names what is wrong)"
    )]
    Chain(String),
    /// A release the process of releasing forbids: exit 1, as a refused lifecycle step.
    #[error("{0}")]
    Refused(String),
    #[error(
        "{0} is not inside a git repository: a release is made from, and verified against, git's objects"
    )]
    NotARepository(PathBuf),
    #[error("revision {rev}: {message}")]
    Revision { rev: String, message: String },
    #[error("no commit of HEAD's first-parent line is on or before {day}; the first is of {first}{}", if *.shallow { " (the clone is shallow: `git fetch --unshallow` fetches the rest)" } else { "" })]
    NoCommitOnDay {
        day: Date,
        first: Date,
        shallow: bool,
    },
    #[error("the standards folder {folder:?} is not in commit {commit}")]
    NoFolder { folder: String, commit: String },
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{} document(s) of the commit cannot be published:\n{}", .0.len(), .0.join("\n"))]
    Blocked(Vec<String>),
    #[error(transparent)]
    History(#[from] crate::lifecycle::HistoryError),
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    #[error(transparent)]
    Publish(crate::publish::PublishError),
    #[error("git: {0}")]
    Git(String),
    #[error("signing {path}: {message}")]
    Sign { path: PathBuf, message: String },
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
}

impl From<git2::Error> for ReleaseError {
    fn from(e: git2::Error) -> Self {
        ReleaseError::Git(e.message().to_owned())
    }
}

fn list(known: &[String]) -> String {
    if known.is_empty() {
        " (there is no release yet)".to_owned()
    } else {
        format!("; the releases are: {}", known.join(", "))
    }
}

/// A release name is a file name and a git tag: letters, digits, `.`, `_`, `-`, starting with a
/// letter or digit (`2025-q1`, `v1.2`).
pub fn check_name(name: &str) -> Result<(), ReleaseError> {
    let refuse = |reason| {
        Err(ReleaseError::Name {
            name: name.to_owned(),
            reason,
        })
    };
    if name.is_empty() || name.len() > 100 {
        return refuse("1 to 100 characters");
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return refuse("must start with a letter or digit");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return refuse("only letters, digits, `.`, `_` and `-`");
    }
    if name.contains("..") || name.ends_with('.') || name.ends_with(".lock") {
        return refuse("not a valid git tag name (`..`, a final `.` or `.lock`)");
    }
    if matches!(name, "verify" | "changelog" | "list" | "help" | "HEAD") {
        return refuse("is a subcommand of `normwerk release`");
    }
    Ok(())
}

/// The folder of the release manifests: `[releases] folder` of the configuration (relative to its
/// file), else `releases/` beside the standards folder, or in it when it is the root of its
/// repository (beside it would be outside the repository).
pub fn folder(source: &Path, config: &Config) -> PathBuf {
    match &config.releases.folder {
        Some(f) => config.resolve(f),
        None => {
            let absolute = std::path::absolute(source).unwrap_or_else(|_| source.to_owned());
            let absolute = crate::paths::normalize(&absolute);
            if absolute.join(".git").symlink_metadata().is_ok() {
                return absolute.join("releases");
            }
            absolute
                .parent()
                .map_or_else(|| PathBuf::from("releases"), |p| p.join("releases"))
        }
    }
}

/// One release as found in the folder: its name, file and manifest (or why it cannot be read).
#[derive(Debug)]
pub struct Found {
    pub name: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub manifest: Result<Manifest, String>,
}

/// Every release of a folder, oldest first by the chain (by day and name where it is broken).
#[derive(Debug, Default)]
pub struct Releases {
    pub folder: PathBuf,
    pub found: Vec<Found>,
}

/// A manifest of 10,000 documents is a few megabytes; anything larger is not one.
const MANIFEST_LIMIT: u64 = 256 << 20;

impl Releases {
    /// Reads the manifests of `folder` (none when it does not exist).
    pub fn load(folder: &Path) -> Result<Releases, ReleaseError> {
        let mut found = Vec::new();
        let entries = match std::fs::read_dir(folder) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Releases {
                    folder: folder.to_owned(),
                    found,
                });
            }
            Err(e) => {
                return Err(ReleaseError::Manifest {
                    path: folder.to_owned(),
                    message: e.to_string(),
                });
            }
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(name) = file.strip_suffix(".json") else {
                continue;
            };
            if crate::paths::is_hidden(&file) {
                continue;
            }
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                found.push(Found {
                    name: name.to_owned(),
                    path,
                    bytes: Vec::new(),
                    manifest: Err("a symbolic link: a manifest is a file of its own".to_owned()),
                });
                continue;
            }
            let (bytes, manifest) = match crate::confined::read_regular(&path, MANIFEST_LIMIT) {
                Ok(bytes) => {
                    let manifest = parse(&bytes, name);
                    (bytes, manifest)
                }
                Err(reason) => (Vec::new(), Err(format!("cannot read: {reason}"))),
            };
            found.push(Found {
                name: name.to_owned(),
                path,
                bytes,
                manifest,
            });
        }
        found.sort_by_key(order_key);
        chain_order(&mut found);
        Ok(Releases {
            folder: folder.to_owned(),
            found,
        })
    }

    pub fn get(&self, name: &str) -> Result<&Found, ReleaseError> {
        self.found
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| ReleaseError::Unknown {
                name: name.to_owned(),
                folder: self.folder.clone(),
                known: self.names(),
            })
    }

    pub fn names(&self) -> Vec<String> {
        self.found.iter().map(|f| f.name.clone()).collect()
    }

    /// The release whose `previous` names `name`'s manifest.
    pub fn after(&self, name: &str) -> Option<&Found> {
        self.found.iter().find(|f| {
            f.manifest
                .as_ref()
                .is_ok_and(|m| m.previous.as_ref().is_some_and(|p| p.name == name))
        })
    }

    /// The newest release: the end of the chain.
    pub fn newest(&self) -> Option<&Found> {
        self.found.last()
    }
}

/// The releases in the order of their chain (each after the one its `previous` names), when the
/// chain is whole; else they stay in the order of [`order_key`] and `verify` says what is wrong.
fn chain_order(found: &mut Vec<Found>) {
    let previous = |f: &Found| {
        f.manifest
            .as_ref()
            .ok()
            .and_then(|m| m.previous.as_ref().map(|p| p.name.clone()))
    };
    let mut order: Vec<usize> = Vec::with_capacity(found.len());
    let mut last: Option<String> = None;
    while order.len() < found.len() {
        let next: Vec<usize> = (0..found.len())
            .filter(|i| found.get(*i).is_some_and(|f| previous(f) == last))
            .collect();
        let [one] = next.as_slice() else { return };
        if order.contains(one) {
            return;
        }
        order.push(*one);
        last = found.get(*one).map(|f| f.name.clone());
    }
    let mut taken: Vec<Option<Found>> = std::mem::take(found).into_iter().map(Some).collect();
    found.extend(
        order
            .into_iter()
            .filter_map(|i| taken.get_mut(i).and_then(Option::take)),
    );
}

/// Releases in the order they were made: by day, then by name.
fn order_key(f: &Found) -> (String, String) {
    let day = f
        .manifest
        .as_ref()
        .map(|m| m.as_of.clone())
        .unwrap_or_default();
    (day, f.name.clone())
}

/// A manifest's bytes read as a manifest named `name`: JSON, its schema, its name.
pub fn parse(bytes: &[u8], name: &str) -> Result<Manifest, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let problems = crate::index::schema_problems(SCHEMA, &value, 5)?;
    if !problems.is_empty() {
        return Err(format!("not a release manifest: {}", problems.join("; ")));
    }
    let manifest: Manifest =
        serde_json::from_value(value).map_err(|e| format!("not a release manifest: {e}"))?;
    if manifest.name != name {
        return Err(format!(
            "the manifest names the release {:?}, its file {name:?}",
            manifest.name
        ));
    }
    Ok(manifest)
}
