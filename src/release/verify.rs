//! `normwerk release verify NAME`: a manifest proved against git (every file's blob and hash at
//! its commit, nothing left out, the states it records), its tag, the chain of releases, and its
//! signature.

use super::git::Repo;
use super::manifest::FileEntry;
use super::sign::{SignatureCheck, check};
use super::{Found, ReleaseError, Releases, folder};
use crate::config::Config;
use crate::index::sha256_hex;
use std::collections::BTreeMap;
use std::path::Path;

/// What the verification of one release found.
#[derive(Debug, Clone)]
pub struct Verification {
    pub name: String,
    /// The manifest differs from the one its tag records (it changed after it was released).
    pub modified: Option<String>,
    /// Each other thing that does not hold.
    pub problems: Vec<String>,
    pub signature: SignatureCheck,
    /// The commit and day the manifest claims (when it could be read).
    pub commit: Option<String>,
    pub as_of: Option<String>,
    pub files: usize,
}

impl Verification {
    pub fn verified(&self) -> bool {
        self.modified.is_none() && self.problems.is_empty()
    }
}

/// Verifies the release `name` of the standards folder `source`.
pub fn verify(source: &Path, config: &Config, name: &str) -> Result<Verification, ReleaseError> {
    let releases = Releases::load(&folder(source, config))?;
    let found = releases.get(name)?;
    let repo = Repo::open(source)?;
    Ok(verify_found(&repo, config, &releases, found, Depth::Full))
}

/// How much of a release is proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Tag, signature, chain, and every file's blob and SHA-256 at the commit (the lint).
    Files,
    /// Also the states, computed again from the commit's files (`release verify`).
    Full,
}

/// Verifies every release of the folder.
pub fn verify_all(
    repo: &Repo,
    config: &Config,
    releases: &Releases,
    depth: Depth,
) -> Vec<Verification> {
    releases
        .found
        .iter()
        .map(|f| verify_found(repo, config, releases, f, depth))
        .collect()
}

pub(super) fn verify_found(
    repo: &Repo,
    config: &Config,
    releases: &Releases,
    found: &Found,
    depth: Depth,
) -> Verification {
    let mut v = Verification {
        name: found.name.clone(),
        modified: None,
        problems: Vec::new(),
        signature: SignatureCheck::Unsigned,
        commit: None,
        as_of: None,
        files: 0,
    };
    let sha256 = sha256_hex(&found.bytes);
    // The tag records the manifest as it was released.
    if let Some(tagged) = repo.tagged_manifest(&found.name)
        && tagged != sha256
    {
        v.modified = Some(format!(
            "the manifest changed after its tag {}: the tag records SHA-256 {tagged}, the file has {sha256}",
            found.name
        ));
    }
    v.signature = check(Some(repo), &found.path, &found.bytes);
    if let SignatureCheck::Invalid(why) = &v.signature {
        v.problems
            .push(format!("the signature does not verify: {why}"));
    }
    let manifest = match &found.manifest {
        Ok(m) => m,
        Err(e) => {
            v.problems.push(e.clone());
            return v;
        }
    };
    v.commit = Some(manifest.commit.clone());
    v.as_of = Some(manifest.as_of.clone());
    v.files = manifest.files.len();
    chain(releases, found, &mut v.problems);
    let commit = match repo.find_commit(&manifest.commit) {
        Ok(c) => c,
        Err(e) => {
            v.problems.push(format!("its commit cannot be read: {e}"));
            return v;
        }
    };
    let Some(as_of) = crate::document::parse_iso_date(&manifest.as_of) else {
        v.problems
            .push(format!("`as_of` {:?} is not a date", manifest.as_of));
        return v;
    };
    if manifest.folder != repo.folder {
        v.problems.push(format!(
            "the manifest is of the standards folder {:?}, this is {:?}",
            manifest.folder, repo.folder
        ));
        return v;
    }
    if depth == Depth::Files {
        match repo.snapshot(&commit, &config.profile, &config.limits) {
            Ok((files, _)) => compare_files(&manifest.files, &files, &mut v.problems),
            Err(e) => v
                .problems
                .push(format!("the files of its commit cannot be read: {e}")),
        }
        return v;
    }
    // Everything the manifest claims, made again from the commit.
    match super::make::contents(repo, &commit, config, as_of) {
        Err(e) => v.problems.push(format!(
            "the release cannot be made again from its commit: {e}"
        )),
        Ok((files, index, _)) => {
            compare_files(&manifest.files, &files, &mut v.problems);
            let states: BTreeMap<&str, _> =
                index.entries().map(|e| (e.id.as_str(), e.state)).collect();
            for e in manifest.documents() {
                match states.get(e.id.as_str()) {
                    Some(s) if *s == e.state => {}
                    Some(s) => v.problems.push(format!(
                        "{} is recorded as {} on {}; its files say {}",
                        e.id,
                        e.state.as_str(),
                        manifest.as_of,
                        s.as_str()
                    )),
                    None => v.problems.push(format!(
                        "{} is recorded, but its commit has no such document",
                        e.id
                    )),
                }
            }
            for e in manifest.documents() {
                let path = repo.in_repo(&e.path);
                if let Some(f) = manifest.files.iter().find(|f| f.path == path)
                    && f.sha256 != e.sha256
                {
                    v.problems.push(format!(
                        "{}: the index records SHA-256 {}, the file list {}",
                        e.id, e.sha256, f.sha256
                    ));
                }
            }
        }
    }
    v
}

/// The files a manifest lists against those of its commit.
fn compare_files(claimed: &[FileEntry], actual: &[FileEntry], problems: &mut Vec<String>) {
    let actual: BTreeMap<&str, &FileEntry> = actual.iter().map(|f| (f.path.as_str(), f)).collect();
    let claimed_map: BTreeMap<&str, &FileEntry> =
        claimed.iter().map(|f| (f.path.as_str(), f)).collect();
    for (path, c) in &claimed_map {
        match actual.get(path) {
            None => problems.push(format!("{path} is listed, but its commit has no such file")),
            Some(a) if a.blob != c.blob => problems.push(format!(
                "{path}: listed as blob {}, the commit has {}",
                c.blob, a.blob
            )),
            Some(a) if a.sha256 != c.sha256 => problems.push(format!(
                "{path}: listed with SHA-256 {}, its bytes have {}",
                c.sha256, a.sha256
            )),
            Some(_) => {}
        }
    }
    for path in actual.keys().filter(|p| !claimed_map.contains_key(*p)) {
        problems.push(format!("{path} is in the commit but not in the manifest"));
    }
}

/// The release's place in the chain: the release before it exists with the bytes it recorded,
/// and no other release claims the same place.
fn chain(releases: &Releases, found: &Found, problems: &mut Vec<String>) {
    let Ok(manifest) = &found.manifest else {
        return;
    };
    let same_previous: Vec<&str> = releases
        .found
        .iter()
        .filter(|f| f.name != found.name)
        .filter(|f| {
            f.manifest.as_ref().is_ok_and(|m| {
                m.previous.as_ref().map(|p| &p.name) == manifest.previous.as_ref().map(|p| &p.name)
            })
        })
        .map(|f| f.name.as_str())
        .collect();
    if !same_previous.is_empty() {
        problems.push(format!(
            "{} follow{} {} too: the chain forks",
            same_previous.join(", "),
            if same_previous.len() == 1 { "s" } else { "" },
            manifest.previous.as_ref().map_or_else(
                || "no release (each is a first release)".to_owned(),
                |p| p.name.clone()
            )
        ));
    }
    let Some(previous) = &manifest.previous else {
        return;
    };
    match releases.found.iter().find(|f| f.name == previous.name) {
        None => problems.push(format!(
            "the release before it, {}, is missing from {}",
            previous.name,
            releases.folder.display()
        )),
        Some(p) => {
            let actual = sha256_hex(&p.bytes);
            if actual != previous.sha256 {
                problems.push(format!(
                    "the manifest of the release before it, {}, changed: recorded SHA-256 {}, now {actual}",
                    previous.name, previous.sha256
                ));
            }
            if let Ok(pm) = &p.manifest
                && pm.as_of > manifest.as_of
            {
                problems.push(format!(
                    "the release before it, {}, is as of {}, after this one ({})",
                    previous.name, pm.as_of, manifest.as_of
                ));
            }
        }
    }
}
