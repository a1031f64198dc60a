//! The JSON index (`api/v1/index.json`): what downstream tools read to learn which standard
//! versions are in force on a date. These serde types are the contract, documented field by
//! field in `schemas/index.schema.json` and the book. Adding a field is compatible; changing the
//! meaning of one, or removing one, means `api/v2`.
//!
//! Every key is always present (`null` when there is no value), so that consumers see one shape;
//! readers ignore keys they do not know, so that later v1 indexes stay readable.

mod build;
mod read;
mod scopes;

pub use build::{IndexOptions, build};
pub use read::{IndexFileError, parse_index, read_index, schema_problems};
pub use scopes::{
    DEFAULT_LIFETIME, Include, Scope, ScopeFile, ScopeVersion, TestCase, TimelineEntry,
};

use crate::catalog::{State, StateInputs};
use crate::config::Statuses;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub const API_VERSION: u32 = 1;

/// JSON Schema 2020-12 of the index; `$defs/standard_file` describes the per-standard files.
pub const SCHEMA: &str = include_str!("../../schemas/index.schema.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(flatten)]
    pub header: Header,
    pub tracks: Vec<Track>,
    /// By number.
    pub standards: Vec<Standard>,
    /// Documents without a number yet (`scs-xxxx-v1-slug`), by id.
    pub proposals: Vec<Entry>,
    /// The certificate scopes, in the order of their files. Added within v1: an index written
    /// before it has none, read as `[]`.
    #[serde(default)]
    pub scopes: Vec<Scope>,
}

/// What the index and every per-standard file begin with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub api_version: u32,
    pub generator: Generator,
    /// Every `state` is computed for this day (`YYYY-MM-DD`).
    pub as_of: String,
    pub source: Source,
    /// The site's public address, when configured; `url` fields are relative to it.
    pub base_url: Option<String>,
    /// The status names of this body's process, by meaning: what a consumer needs to compute a
    /// state from `status` and the dates.
    pub statuses: StatusNames,
}

/// The profile's status names as the index publishes them. A type of its own, not the profile's:
/// the profile refuses unknown keys (typos in a config), the index's reader must accept them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusNames {
    pub draft: String,
    pub stable: String,
    pub deprecated: String,
    pub rejected: String,
}

impl From<&Statuses> for StatusNames {
    fn from(s: &Statuses) -> Self {
        StatusNames {
            draft: s.draft.clone(),
            stable: s.stable.clone(),
            deprecated: s.deprecated.clone(),
            rejected: s.rejected.clone(),
        }
    }
}

impl From<&StatusNames> for Statuses {
    fn from(s: &StatusNames) -> Self {
        Statuses {
            draft: s.draft.clone(),
            stable: s.stable.clone(),
            deprecated: s.deprecated.clone(),
            rejected: s.rejected.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

/// Where the documents came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The standards folder: relative to the repository root in git, else its own name.
    pub folder: String,
    /// The commit checked out (`null` outside git).
    pub commit: Option<String>,
    /// Whether the folder had changes not in `commit` (`null` outside git).
    pub dirty: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// One standard: every version and supplement of one number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standard {
    /// `scs-0100`: stays when titles or slugs change.
    pub id: String,
    pub number: u32,
    /// Title, description and track are the reference version's.
    pub track: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub url: String,
    pub api_url: String,
    /// The current reference on `as_of`: the highest version in force, else the highest that
    /// will be, else the highest Draft, else the highest version.
    pub reference: Option<String>,
    pub versions: Vec<Entry>,
    pub supplements: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Version,
    Supplement,
    Proposal,
}

/// One document: a version, a supplement or a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `scs-0100-v3`, `scs-0100-w1`, `scs-xxxx-v1-slug`.
    pub id: String,
    pub kind: EntryKind,
    /// `scs-0100`; `null` for a proposal.
    pub standard: Option<String>,
    pub file: String,
    /// Relative to the standards folder.
    pub path: String,
    pub version: u32,
    pub slug: String,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub status: Option<String>,
    pub track: Option<String>,
    pub state: State,
    pub stabilized_at: Option<String>,
    pub deprecated_at: Option<String>,
    pub rejected_at: Option<String>,
    pub replaces: Vec<String>,
    pub replaced_by: Vec<String>,
    pub supplements: Vec<String>,
    /// What replaces this document, declared by either side: its own `replaced_by` and every
    /// document whose `replaces` names it. Sorted.
    pub successors: Vec<String>,
    /// What this document replaces, declared by either side. Sorted.
    pub predecessors: Vec<String>,
    pub description: Option<String>,
    pub url: String,
    pub source_url: Option<String>,
    /// SHA-256 of the source file's bytes, hex.
    pub sha256: String,
    /// The lifecycle from git, oldest first (`null` when there is no history).
    pub events: Option<Vec<serde_json::Value>>,
}

impl Entry {
    /// The state on another day, from the same inputs the index was computed from. `statuses`
    /// is the index's `statuses`, converted once by the caller.
    pub fn state_on(&self, statuses: &Statuses, day: Date) -> State {
        let date = |d: &Option<String>| d.as_deref().and_then(crate::document::parse_iso_date);
        StateInputs {
            informative: self.state == State::Informative,
            status: self.status.as_deref(),
            stabilized_at: date(&self.stabilized_at),
            deprecated_at: date(&self.deprecated_at),
        }
        .state(statuses, day)
    }
}

/// `api/v1/standards/scs-NNNN.json`: one standard with the index's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StandardFile {
    #[serde(flatten)]
    pub header: Header,
    pub standard: Standard,
}

impl Index {
    /// The per-standard files, by site path.
    pub fn standard_files(&self) -> Vec<(String, StandardFile)> {
        self.standards
            .iter()
            .map(|s| {
                (
                    s.api_url.clone(),
                    StandardFile {
                        header: self.header.clone(),
                        standard: s.clone(),
                    },
                )
            })
            .collect()
    }

    /// The per-scope files, by site path.
    pub fn scope_files(&self) -> Vec<(String, ScopeFile)> {
        self.scopes
            .iter()
            .map(|s| {
                (
                    s.api_url.clone(),
                    ScopeFile {
                        header: self.header.clone(),
                        scope: s.clone(),
                    },
                )
            })
            .collect()
    }

    /// Every entry: versions and supplements by standard, then proposals.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.standards
            .iter()
            .flat_map(|s| s.versions.iter().chain(&s.supplements))
            .chain(&self.proposals)
    }
}

/// Pretty JSON with a final newline: the bytes written for the index and the standard files.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these types cannot fail: no maps with non-string keys, no foreign types.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// SHA-256 of a file's bytes, lowercase hex. The bytes of a document or scope file are its text
/// (files are UTF-8 or not loaded).
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The index of the sample corpus as of 2026-11-27, for the unit tests of its readers.
#[cfg(test)]
pub(crate) fn sample_index() -> Index {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
    #[allow(clippy::unwrap_used)]
    // the sample corpus and its configuration are part of the repository
    let profile = crate::config::Config::load(&root.join("normwerk.toml"))
        .unwrap()
        .profile;
    #[allow(clippy::unwrap_used)] // the sample corpus is part of the repository
    let corpus = crate::corpus::Corpus::load(&root, &profile).unwrap();
    let day = jiff::civil::date(2026, 11, 27);
    let catalog = crate::catalog::Catalog::new(&corpus, &profile, day);
    build(&corpus, &profile, &catalog, &IndexOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::config::Profile;
    use crate::corpus::Corpus;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn schema() -> Value {
        serde_json::from_str(SCHEMA).unwrap()
    }

    /// Keys added within v1: written and documented, not required (older v1 files lack them;
    /// book/src/design/api.md).
    const ADDED_IN_V1: [&str; 1] = ["scopes"];

    /// The keys an object writes are exactly the ones its schema definition requires (and the
    /// later additions of v1) and documents.
    fn assert_keys_match(value: &Value, def: &Value, what: &str) {
        let written: BTreeSet<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let required: BTreeSet<&str> = def["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .chain(ADDED_IN_V1.into_iter().filter(|k| written.contains(k)))
            .collect();
        let documented: BTreeSet<&str> = def["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(written, required, "{what}: written vs required");
        assert_eq!(written, documented, "{what}: written vs documented");
    }

    #[test]
    fn every_field_written_is_documented_and_required() {
        let schema = schema();
        let defs = &schema["$defs"];
        let index = serde_json::to_value(sample_index()).unwrap();
        assert_keys_match(&index, &schema, "index");
        assert_keys_match(&index["source"], &defs["source"], "source");
        assert_keys_match(&index["statuses"], &defs["statuses"], "statuses");
        assert_keys_match(&index["tracks"][0], &defs["track"], "track");
        let standard = &index["standards"][0];
        assert_keys_match(standard, &defs["standard"], "standard");
        assert_keys_match(&standard["versions"][0], &defs["entry"], "entry");
        let file = serde_json::to_value(&sample_index().standard_files()[0].1).unwrap();
        assert_keys_match(&file, &defs["standard_file"], "standard_file");
        let scope = &index["scopes"][0];
        assert_keys_match(scope, &defs["scope"], "scope");
        assert_keys_match(
            &scope["versions"][0],
            &defs["scope_version"],
            "scope_version",
        );
        let include = &scope["versions"][0]["includes"][0];
        assert_keys_match(include, &defs["scope_include"], "scope_include");
        let testcase = &scope["testcases"][0];
        assert_keys_match(testcase, &defs["scope_testcase"], "scope_testcase");
        let entry = &scope["timeline"][0];
        assert_keys_match(entry, &defs["scope_timeline_entry"], "scope_timeline_entry");
        let file = serde_json::to_value(&sample_index().scope_files()[0].1).unwrap();
        assert_keys_match(&file, &defs["scope_file"], "scope_file");
        for required in ADDED_IN_V1 {
            assert!(schema["properties"].get(required).is_some(), "{required}");
            let listed = schema["required"].as_array().unwrap();
            assert!(
                !listed.contains(&required.into()),
                "{required} is not required"
            );
        }
    }

    #[test]
    fn events_are_described_as_in_the_history_schema() {
        let history: Value =
            serde_json::from_str(include_str!("../../schemas/history.schema.json")).unwrap();
        for def in ["commitId", "dateTime", "commit", "event"] {
            assert_eq!(schema()["$defs"][def], history["$defs"][def], "{def}");
        }
    }

    #[test]
    fn states_enumerated_in_the_schema_are_the_catalog_states() {
        let names: Vec<Value> = State::ALL.iter().map(|s| s.as_str().into()).collect();
        assert_eq!(schema()["$defs"]["state"]["enum"], Value::Array(names));
    }

    #[test]
    fn a_state_recomputed_from_the_index_is_the_catalog_state() {
        let index = sample_index();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let profile = Profile::default();
        let corpus = Corpus::load(&root, &profile).unwrap();
        for day in [
            "2020-01-01",
            "2024-06-30",
            "2026-08-31",
            "2026-09-01",
            "2027-06-30",
        ] {
            let day: Date = day.parse().unwrap();
            let catalog = Catalog::new(&corpus, &profile, day);
            for e in index.entries() {
                let expected = catalog.version(&e.id).unwrap().state;
                assert_eq!(
                    e.state_on(&(&index.header.statuses).into(), day),
                    expected,
                    "{} on {day}",
                    e.id
                );
            }
        }
    }
}
