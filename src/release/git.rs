//! What a release reads from and writes to git: the commit of a day, the files of a commit (the
//! documents of the standards folder and the scope files), and the release's annotated tag.

use super::ReleaseError;
use super::manifest::{FileEntry, FileKind};
use crate::config::{Config, Limits, Profile};
use crate::corpus::Corpus;
use crate::document::name;
use crate::index::sha256_hex;
use crate::lifecycle::repo::open;
use crate::paths;
use crate::scopes::ScopeFile;
use git2::{Oid, Repository};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// The repository of a standards folder, and the folder's place in it.
pub struct Repo {
    pub repo: Repository,
    /// The standards folder relative to the repository root (`""` for the root).
    pub folder: String,
    /// The standards folder on disk (where a snapshot's documents are said to lie).
    pub source: PathBuf,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("repo", &self.repo.path())
            .field("folder", &self.folder)
            .finish()
    }
}

impl Repo {
    pub fn open(source: &Path) -> Result<Repo, ReleaseError> {
        let (repo, folder) = open(source).map_err(|e| match e {
            crate::lifecycle::HistoryError::NotARepository(p) => ReleaseError::NotARepository(p),
            e => e.into(),
        })?;
        Ok(Repo {
            repo,
            folder,
            source: source.to_owned(),
        })
    }

    /// `rev` as a commit, or the last commit of `HEAD`'s first-parent line made on or before
    /// `day` (committer time, UTC): what the repository said on that day.
    pub fn commit(
        &self,
        rev: Option<&str>,
        day: Option<Date>,
    ) -> Result<git2::Commit<'_>, ReleaseError> {
        let start = self
            .repo
            .revparse_single(rev.unwrap_or("HEAD"))
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| ReleaseError::Revision {
                rev: rev.unwrap_or("HEAD").to_owned(),
                message: if rev.is_none() && self.repo.head().is_err() {
                    "the repository has no commit yet".to_owned()
                } else {
                    e.message().to_owned()
                },
            })?;
        let Some(day) = day.filter(|_| rev.is_none()) else {
            return Ok(start);
        };
        let mut commit = start;
        loop {
            if commit_day(&commit) <= day {
                return Ok(commit);
            }
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => {
                    return Err(ReleaseError::NoCommitOnDay {
                        day,
                        first: commit_day(&commit),
                        shallow: self.repo.is_shallow(),
                    });
                }
            }
        }
    }

    /// Refuses a release name that git already uses for something else: a branch, or a tag that
    /// is not this release's (the release's tag would be refused, or mistaken for it).
    pub fn check_free(&self, name: &str) -> Result<(), ReleaseError> {
        for (kind, reference) in [
            ("branch", format!("refs/heads/{name}")),
            ("tag", format!("refs/tags/{name}")),
        ] {
            if self.repo.find_reference(&reference).is_ok() {
                return Err(ReleaseError::Refused(format!(
                    "{name} is already the name of a {kind} of the repository: choose another name for the release"
                )));
            }
        }
        Ok(())
    }

    /// A release is of the repository's history: its commit is `HEAD` or an ancestor of it.
    pub fn check_in_history(&self, commit: &git2::Commit<'_>) -> Result<(), ReleaseError> {
        let head = self.repo.head().ok().and_then(|h| h.target());
        let inside = head.is_some_and(|h| {
            h == commit.id()
                || self
                    .repo
                    .graph_descendant_of(h, commit.id())
                    .unwrap_or(false)
        });
        if inside {
            Ok(())
        } else {
            Err(ReleaseError::Refused(format!(
                "commit {} is not in the history of HEAD: release what the main line holds (check it out first)",
                crate::lifecycle::first_chars(&commit.id().to_string(), 12)
            )))
        }
    }

    /// The configuration a release of `commit` is made (and verified) with: the file `live` was
    /// read from as it was at the commit (absent then: the built-in defaults), with its path in
    /// the repository; `live` itself when its file is not in the repository's `HEAD`.
    pub fn config_at(
        &self,
        commit: &git2::Commit<'_>,
        live: &Config,
    ) -> Result<(Config, Option<String>), ReleaseError> {
        let Some(path) = self.tracked_config(live) else {
            return Ok((live.clone(), None));
        };
        let config = self.config_file_at(commit, &path, live)?;
        Ok((config, Some(path)))
    }

    /// The configuration at `commit` of the file `path` (a path in the repository, as a manifest
    /// records it): its text then, or the built-in defaults where it did not exist.
    pub fn config_file_at(
        &self,
        commit: &git2::Commit<'_>,
        path: &str,
        live: &Config,
    ) -> Result<Config, ReleaseError> {
        let on_disk = self.workdir().join(path);
        let text = match commit.tree()?.get_path(Path::new(path)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Blob) => {
                let blob = self.repo.find_blob(e.id())?;
                Some(String::from_utf8_lossy(blob.content()).into_owned())
            }
            _ => None,
        };
        let mut config = match text {
            Some(t) => Config::parse(&t, &on_disk).map_err(|e| ReleaseError::File {
                path: format!(
                    "{path} at {}",
                    crate::lifecycle::first_chars(&commit.id().to_string(), 12)
                ),
                message: e.to_string(),
            })?,
            None => Config {
                path: Some(on_disk),
                ..Config::default()
            },
        };
        // Where releases go is today's choice, not the commit's.
        config.releases = live.releases.clone();
        Ok(config)
    }

    /// The path in the repository of `live`'s file, if it is in `HEAD`'s tree.
    fn tracked_config(&self, live: &Config) -> Option<String> {
        let file = live.path.as_ref()?.canonicalize().ok()?;
        let workdir = self.repo.workdir()?.canonicalize().ok()?;
        let rel = file
            .strip_prefix(&workdir)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let head = self.repo.head().ok()?.peel_to_tree().ok()?;
        head.get_path(Path::new(&rel)).ok().map(|_| rel)
    }

    /// The files of the release at `commit`: every document of the standards folder and every
    /// scope file the profile names, with their hashes; and the corpus they make.
    pub fn snapshot(
        &self,
        commit: &git2::Commit<'_>,
        profile: &Profile,
        limits: &Limits,
    ) -> Result<(Vec<FileEntry>, Corpus), ReleaseError> {
        let root = commit.tree()?;
        let mut files = Vec::new();
        let mut texts = Vec::new();
        let folder_tree = match self.folder.as_str() {
            "" => Some(root.clone()),
            f => match root.get_path(Path::new(f)) {
                Ok(e) if e.kind() == Some(git2::ObjectType::Tree) => {
                    Some(self.repo.find_tree(e.id())?)
                }
                _ => None,
            },
        };
        let Some(tree) = folder_tree else {
            return Err(ReleaseError::NoFolder {
                folder: self.folder.clone(),
                commit: commit.id().to_string(),
            });
        };
        let mut failed = None;
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            let file = entry.name().unwrap_or_default();
            if entry.kind() == Some(git2::ObjectType::Tree) {
                return if paths::is_hidden(file) {
                    git2::TreeWalkResult::Skip
                } else {
                    git2::TreeWalkResult::Ok
                };
            }
            let rel_path = format!("{dir}{file}");
            if entry.kind() == Some(git2::ObjectType::Blob)
                && name::is_document_path(&rel_path, &profile.prefix)
            {
                match self.read(entry.id(), &self.in_repo(&rel_path), limits) {
                    Ok(text) => {
                        files.push(self.entry(&rel_path, FileKind::Document, entry.id(), &text));
                        texts.push((rel_path, text));
                    }
                    Err(e) => {
                        failed = Some(e);
                        return git2::TreeWalkResult::Abort;
                    }
                }
            }
            git2::TreeWalkResult::Ok
        })
        .or_else(|e| if failed.is_some() { Ok(()) } else { Err(e) })?;
        if let Some(e) = failed {
            return Err(e);
        }
        let mut scopes = Vec::new();
        for (path, oid) in self.scope_files(&root, profile)? {
            let text = self.read(oid, &path, limits)?;
            files.push(FileEntry {
                path: path.clone(),
                kind: FileKind::Scope,
                sha256: sha256_hex(text.as_bytes()),
                blob: oid.to_string(),
            });
            let on_disk = self.workdir().join(&path);
            scopes.push(ScopeFile::parse(
                on_disk.clone(),
                path,
                on_disk.display().to_string(),
                text,
            ));
        }
        files.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
        let corpus = Corpus::from_texts(&self.source, profile, texts, scopes)?;
        Ok((files, corpus))
    }

    fn entry(&self, rel_path: &str, kind: FileKind, oid: Oid, text: &str) -> FileEntry {
        FileEntry {
            path: self.in_repo(rel_path),
            kind,
            sha256: sha256_hex(text.as_bytes()),
            blob: oid.to_string(),
        }
    }

    /// A path of the standards folder as a path of the repository.
    pub fn in_repo(&self, rel_path: &str) -> String {
        match self.folder.as_str() {
            "" => rel_path.to_owned(),
            f => format!("{f}/{rel_path}"),
        }
    }

    pub fn workdir(&self) -> PathBuf {
        self.repo
            .workdir()
            .map_or_else(|| self.source.clone(), Path::to_owned)
    }

    /// The text of a blob; a release holds only what the lint could read.
    fn read(&self, oid: Oid, path: &str, limits: &Limits) -> Result<String, ReleaseError> {
        let blob = self.repo.find_blob(oid)?;
        if blob.size() as u64 > limits.document_bytes {
            return Err(ReleaseError::File {
                path: path.to_owned(),
                message: format!(
                    "{} bytes, more than `[limits] document_bytes` ({})",
                    blob.size(),
                    limits.document_bytes
                ),
            });
        }
        String::from_utf8(blob.content().to_vec()).map_err(|_| ReleaseError::File {
            path: path.to_owned(),
            message: "not UTF-8".to_owned(),
        })
    }

    /// The scope files of a commit: each pattern of the profile (relative to the standards
    /// folder) resolved in the commit's tree, its file name matched as a glob.
    fn scope_files(
        &self,
        root: &git2::Tree<'_>,
        profile: &Profile,
    ) -> Result<Vec<(String, Oid)>, ReleaseError> {
        let mut found = Vec::new();
        for pattern in &profile.scopes.files {
            let written = Path::new(pattern);
            let (Some(dir), Some(file)) = (written.parent(), written.file_name()) else {
                continue;
            };
            let dir = paths::normalize(&Path::new(&self.folder).join(dir));
            let dir = dir.to_string_lossy().replace('\\', "/");
            if dir.starts_with("..") {
                continue;
            }
            let Ok(glob) = globset::GlobBuilder::new(&file.to_string_lossy())
                .literal_separator(true)
                .build()
            else {
                continue;
            };
            let glob = glob.compile_matcher();
            let tree = match dir.as_str() {
                "" | "." => Some(root.clone()),
                d => match root.get_path(Path::new(d)) {
                    Ok(e) if e.kind() == Some(git2::ObjectType::Tree) => {
                        Some(self.repo.find_tree(e.id())?)
                    }
                    _ => None,
                },
            };
            for entry in tree.iter().flat_map(|t| t.iter()) {
                let file = entry.name().unwrap_or_default();
                if entry.kind() == Some(git2::ObjectType::Blob)
                    && !paths::is_hidden(file)
                    && glob.is_match(file)
                {
                    let path = match dir.as_str() {
                        "" | "." => file.to_owned(),
                        d => format!("{d}/{file}"),
                    };
                    if !found.iter().any(|(p, _)| *p == path) {
                        found.push((path, entry.id()));
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }

    /// The blob of `path` (relative to the repository) at `commit`, if it is a file there.
    pub fn blob_at(
        &self,
        commit: &str,
        path: &str,
    ) -> Result<Option<(Oid, Vec<u8>)>, ReleaseError> {
        let commit = self.find_commit(commit)?;
        let tree = commit.tree()?;
        match tree.get_path(Path::new(path)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Blob) => {
                let blob = self.repo.find_blob(e.id())?;
                Ok(Some((e.id(), blob.content().to_vec())))
            }
            _ => Ok(None),
        }
    }

    pub fn find_commit(&self, id: &str) -> Result<git2::Commit<'_>, ReleaseError> {
        Oid::from_str(id)
            .and_then(|oid| self.repo.find_commit(oid))
            .map_err(|e| ReleaseError::Revision {
                rev: id.to_owned(),
                message: e.message().to_owned(),
            })
    }

    /// The annotated tag `name` on `commit`, its message naming the manifest's SHA-256 so that a
    /// manifest changed later is caught. Refused if the tag exists.
    pub fn tag(&self, name: &str, commit: &str, manifest_sha256: &str) -> Result<(), ReleaseError> {
        let target = self.find_commit(commit)?;
        let tagger = self.repo.signature().map_err(|e| {
            ReleaseError::Git(format!(
                "{} (set git's user.name and user.email)",
                e.message()
            ))
        })?;
        let message = format!("{TAG_MESSAGE} {name}\n\n{TAG_MANIFEST}{manifest_sha256}\n");
        self.repo
            .tag(name, target.as_object(), &tagger, &message, false)
            .map_err(|e| ReleaseError::Git(format!("tag {name}: {}", e.message())))?;
        Ok(())
    }

    /// The manifest SHA-256 the release tag `name` records, if there is such a tag.
    pub fn tagged_manifest(&self, name: &str) -> Option<String> {
        let reference = self
            .repo
            .find_reference(&format!("refs/tags/{name}"))
            .ok()?;
        let tag = reference.peel_to_tag().ok()?;
        let message = tag.message()?;
        message.starts_with(TAG_MESSAGE).then_some(())?;
        message
            .lines()
            .find_map(|l| l.strip_prefix(TAG_MANIFEST))
            .map(|h| h.trim().to_owned())
    }

    /// The commit the tag `name` points to (full id), if there is such a tag.
    pub fn tag_target(&self, name: &str) -> Option<String> {
        let reference = self
            .repo
            .find_reference(&format!("refs/tags/{name}"))
            .ok()?;
        Some(reference.peel_to_commit().ok()?.id().to_string())
    }

    /// The names of every release tag (tags whose message says they are releases).
    pub fn release_tags(&self) -> Vec<String> {
        let mut names = Vec::new();
        let _ = self.repo.tag_foreach(|_, name| {
            let name = String::from_utf8_lossy(name);
            if let Some(short) = name.strip_prefix("refs/tags/")
                && self.tagged_manifest(short).is_some()
            {
                names.push(short.to_owned());
            }
            true
        });
        names.sort();
        names
    }
}

/// The first line of a release tag's message.
const TAG_MESSAGE: &str = "normwerk release";
/// The line of a release tag's message that records the manifest's hash.
const TAG_MANIFEST: &str = "manifest-sha256: ";

/// The day of a commit: its committer time in UTC.
pub fn commit_day(commit: &git2::Commit<'_>) -> Date {
    jiff::Timestamp::from_second(commit.time().seconds())
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}
