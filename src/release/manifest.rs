//! The release manifest (`releases/NAME.json`): what a release froze, with the hashes that prove
//! it. These serde types are the contract, documented in `schemas/release.schema.json` and the
//! book; a change of meaning is a new `manifest_version`.

use crate::index::{Generator, Index};
use serde::{Deserialize, Serialize};

pub const MANIFEST_VERSION: u32 = 1;

/// JSON Schema 2020-12 of a manifest.
pub const SCHEMA: &str = include_str!("../../schemas/release.schema.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub manifest_version: u32,
    /// The release's name: its file is `NAME.json`, its tag `NAME`.
    pub name: String,
    /// Every state is computed for this day (`YYYY-MM-DD`).
    pub as_of: String,
    /// The commit whose files the release holds (full id).
    pub commit: String,
    /// The day of that commit (committer time, UTC).
    pub commit_date: String,
    /// The standards folder, relative to the repository root (`""` for the root).
    pub folder: String,
    /// The configuration the release was made with, as a path in the repository, read from the
    /// commit (absent there: the built-in defaults); `null` when it is not in the repository
    /// (none, or an untracked file), so that the configuration of the day of verifying is used.
    pub config: Option<String>,
    pub generator: Generator,
    /// The release before this one, and the SHA-256 of its manifest's bytes: the chain that
    /// shows no release was removed, rewritten or put in between. `null` for the first.
    pub previous: Option<Previous>,
    /// Every file of the release: the documents of the folder and the scope files, by path.
    pub files: Vec<FileEntry>,
    /// The scope versions in force on `as_of` (effective or in their warning period).
    pub scopes_in_force: Vec<ScopeInForce>,
    /// The index (`api/v1`) of the release's documents as of `as_of`, without history: what
    /// `query --release` answers from.
    pub index: Index,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub name: String,
    /// SHA-256 of the previous manifest's bytes, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Document,
    Scope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// The git blob id of the file at `commit`.
    pub blob: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeInForce {
    /// The scope's id (its file name without extension).
    pub scope: String,
    pub version: String,
    /// `effective` or `warn`.
    pub validity: String,
}

impl Manifest {
    /// The manifest's bytes as written: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::index::to_json(self)
    }

    /// The document entries of the index, with their files.
    pub fn documents(&self) -> impl Iterator<Item = &crate::index::Entry> {
        self.index.entries()
    }
}
