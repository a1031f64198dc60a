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

/// How much of a release the lint and a new release check: one whose tag records its manifest's
/// bytes is what was made, so its files are checked; one without (not tagged, or changed since)
/// is checked in full, every recorded value made again, since nothing else vouches for it.
pub fn depth_for(repo: &Repo, found: &Found) -> Depth {
    let tagged = repo
        .tagged_manifest(&found.name)
        .is_some_and(|h| h == sha256_hex(&found.bytes));
    if tagged { Depth::Files } else { Depth::Full }
}

/// Verifies every release of the folder, each as deep as [`depth_for`] says.
pub fn verify_each(repo: &Repo, config: &Config, releases: &Releases) -> Vec<Verification> {
    releases
        .found
        .iter()
        .map(|f| verify_found(repo, config, releases, f, depth_for(repo, f)))
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
    if let Some(target) = repo.tag_target(&found.name)
        && target != manifest.commit
    {
        v.problems.push(format!(
            "its tag {} is on commit {target}, the manifest names {}",
            found.name, manifest.commit
        ));
    }
    let commit = match repo.find_commit(&manifest.commit) {
        Ok(c) => c,
        Err(e) => {
            let hint = if repo.repo.is_shallow() {
                " (the clone is shallow: `git fetch --unshallow` fetches the rest of the history)"
            } else {
                ""
            };
            v.problems
                .push(format!("its commit cannot be read: {e}{hint}"));
            return v;
        }
    };
    if let Err(e) = repo.check_in_history(&commit) {
        v.problems.push(e.to_string());
    }
    let Some(as_of) = crate::document::parse_iso_date(&manifest.as_of) else {
        v.problems
            .push(format!("`as_of` {:?} is not a date", manifest.as_of));
        return v;
    };
    let day = super::git::commit_day(&commit).to_string();
    if manifest.commit_date != day {
        v.problems.push(format!(
            "`commit_date` is {}, the commit's day is {day}",
            manifest.commit_date
        ));
    }
    if manifest.folder != repo.folder {
        v.problems.push(format!(
            "the manifest is of the standards folder {:?}, this is {:?}",
            manifest.folder, repo.folder
        ));
        return v;
    }
    // The configuration the release was made with.
    let config = match &manifest.config {
        Some(path) => match repo.config_file_at(&commit, path, config) {
            Ok(c) => c,
            Err(e) => {
                v.problems.push(format!("its configuration: {e}"));
                return v;
            }
        },
        None => config.clone(),
    };
    let mut seen = std::collections::BTreeSet::new();
    for f in &manifest.files {
        if !seen.insert(f.path.as_str()) {
            v.problems.push(format!("{} is listed twice", f.path));
        }
    }
    if depth == Depth::Files {
        match repo.snapshot(&commit, &config.profile, &unlimited(&config)) {
            Ok((files, _)) => compare_files(&manifest.files, &files, &mut v.problems),
            Err(e) => v
                .problems
                .push(format!("the files of its commit cannot be read: {e}")),
        }
        return v;
    }
    // Everything the manifest claims, made again from the commit.
    let limits = crate::config::Config {
        limits: unlimited(&config),
        ..config
    };
    match super::contents::contents(repo, &commit, &limits, as_of) {
        Err(e) => v.problems.push(format!(
            "the release cannot be made again from its commit: {e}"
        )),
        Ok((files, index, scopes_in_force)) => {
            compare_files(&manifest.files, &files, &mut v.problems);
            let before = v.problems.len();
            compare_index(manifest, &index, &mut v.problems);
            let made_by = &manifest.generator.version;
            if v.problems.len() > before && made_by != env!("CARGO_PKG_VERSION") {
                v.problems.push(format!(
                    "(the release was made by normwerk {made_by}, this is {}: where the files agree, a change of normwerk's reading may explain a difference)",
                    env!("CARGO_PKG_VERSION")
                ));
            }
            if manifest.scopes_in_force != scopes_in_force {
                v.problems.push(format!(
                    "`scopes_in_force` lists {}; its files give {}",
                    in_force(&manifest.scopes_in_force),
                    in_force(&scopes_in_force)
                ));
            }
        }
    }
    v
}

/// Files a release lists are read whatever size they have: a limit set later does not undo it.
fn unlimited(_: &Config) -> crate::config::Limits {
    crate::config::Limits {
        document_bytes: u64::MAX >> 1,
    }
}

fn in_force(list: &[super::ScopeInForce]) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter()
        .map(|s| format!("{} {} ({})", s.scope, s.version, s.validity))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The index a manifest records against the one its commit gives: every entry, standard and
/// scope, field by field (the generator aside: a later normwerk may make the same index).
fn compare_index(
    manifest: &super::Manifest,
    made: &crate::index::Index,
    problems: &mut Vec<String>,
) {
    let json = |e: &crate::index::Entry| serde_json::to_value(e).unwrap_or_default();
    let recorded: BTreeMap<&str, &crate::index::Entry> =
        manifest.documents().map(|e| (e.id.as_str(), e)).collect();
    let actual: BTreeMap<&str, &crate::index::Entry> =
        made.entries().map(|e| (e.id.as_str(), e)).collect();
    for (id, e) in &recorded {
        match actual.get(id) {
            None => problems.push(format!(
                "{id} is recorded, but its commit has no such document"
            )),
            Some(a) if a.state != e.state => problems.push(format!(
                "{id} is recorded as {} on {}; its files say {}",
                e.state.as_str(),
                manifest.as_of,
                a.state.as_str()
            )),
            Some(a) => {
                let differing = differing_fields(&json(e), &json(a));
                if !differing.is_empty() {
                    problems.push(format!(
                        "{id}: the recorded {} differ{} from its files",
                        differing.join(", "),
                        if differing.len() == 1 { "s" } else { "" }
                    ));
                }
            }
        }
    }
    for id in actual.keys().filter(|id| !recorded.contains_key(*id)) {
        problems.push(format!("{id} is in its commit but not in the index"));
    }
    let mut rest_recorded = serde_json::to_value(&manifest.index).unwrap_or_default();
    let mut rest_made = serde_json::to_value(made).unwrap_or_default();
    for v in [&mut rest_recorded, &mut rest_made] {
        strip_entries(v);
    }
    let differing = differing_fields(&rest_recorded, &rest_made);
    if !differing.is_empty() {
        problems.push(format!(
            "the index's {} differ{} from what its files give",
            differing.join(", "),
            if differing.len() == 1 { "s" } else { "" }
        ));
    }
}

/// The index without its entries (compared one by one) and its generator.
fn strip_entries(v: &mut serde_json::Value) {
    if let Some(o) = v.as_object_mut() {
        o.remove("generator");
        o.remove("proposals");
        if let Some(standards) = o.get_mut("standards").and_then(|s| s.as_array_mut()) {
            for s in standards {
                if let Some(so) = s.as_object_mut() {
                    so.remove("versions");
                    so.remove("supplements");
                }
            }
        }
    }
}

/// The top-level keys whose values differ between two JSON objects.
fn differing_fields(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return if a == b {
            Vec::new()
        } else {
            vec!["value".to_owned()]
        };
    };
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| format!("`{k}`"))
        .collect()
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
