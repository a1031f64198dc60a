//! The JSON index (`api/v1/index.json`): what downstream tools read to learn which standard
//! versions are in force on a date. These serde types are the contract, documented field by
//! field in `schemas/index.schema.json` and the book. Adding a field is compatible; changing the
//! meaning of one, or removing one, means `api/v2`.
//!
//! Every key is always present (`null` when there is no value), so that consumers see one shape;
//! readers ignore keys they do not know, so that later v1 indexes stay readable.

use crate::catalog::{Catalog, State, StateInputs, Version};
use crate::config::{Profile, Statuses};
use crate::corpus::Corpus;
use crate::document::{Document, RefList, Spanned};
use crate::lifecycle::{Checkout, History};
use crate::site::urls;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const API_VERSION: u32 = 1;

/// JSON Schema 2020-12 of the index; `$defs/standard_file` describes the per-standard files.
pub const SCHEMA: &str = include_str!("../schemas/index.schema.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(flatten)]
    pub header: Header,
    pub tracks: Vec<Track>,
    /// By number.
    pub standards: Vec<Standard>,
    /// Documents without a number yet (`scs-xxxx-v1-slug`), by id.
    pub proposals: Vec<Entry>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Default)]
pub struct IndexOptions<'a> {
    /// The lifecycle events come from here (none without).
    pub history: Option<&'a History>,
    /// `None` outside git.
    pub checkout: Option<&'a Checkout>,
    pub base_url: Option<String>,
    /// Each entry gets `<source_url>/<path>`.
    pub source_url: Option<String>,
}

/// The index of `catalog`.
pub fn build(
    corpus: &Corpus,
    profile: &Profile,
    catalog: &Catalog<'_>,
    opts: &IndexOptions<'_>,
) -> Index {
    let events = opts.history.map(events_by_file);
    let entry_of = |v: &Version<'_>, kind: EntryKind| -> Entry {
        let doc = v.doc;
        let own_events = events.as_ref().map(|by_file| {
            by_file
                .get(doc.file_name.as_str())
                .cloned()
                .unwrap_or_default()
        });
        entry(
            corpus,
            profile,
            catalog,
            v,
            kind,
            own_events,
            opts.source_url.as_deref(),
        )
    };
    // Hashing every file is most of the work: one standard per task.
    let standards = catalog
        .standards
        .par_iter()
        .map(|s| {
            let reference = s.reference();
            let f = reference.map(|r| &r.doc.fields);
            let text = |pick: fn(&crate::document::Fields) -> &Option<Spanned<String>>| {
                f.and_then(|f| pick(f).as_ref()).map(|v| v.value.clone())
            };
            Standard {
                id: s.id.clone(),
                number: s.number,
                track: text(|f| &f.track),
                title: text(|f| &f.title),
                description: text(|f| &f.description),
                url: urls::standard(&s.id),
                api_url: urls::api_standard(&s.id),
                reference: reference.map(|r| r.id.clone()),
                versions: s
                    .versions
                    .iter()
                    .map(|v| entry_of(v, EntryKind::Version))
                    .collect(),
                supplements: s
                    .supplements
                    .iter()
                    .map(|v| entry_of(v, EntryKind::Supplement))
                    .collect(),
            }
        })
        .collect();
    let source = match opts.checkout {
        Some(c) => Source {
            folder: c.folder.clone(),
            commit: c.commit.clone(),
            dirty: Some(c.dirty),
        },
        None => Source {
            // `--source .` names the folder by its real name.
            folder: corpus
                .root
                .canonicalize()
                .unwrap_or_else(|_| corpus.root.clone())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            commit: None,
            dirty: None,
        },
    };
    Index {
        header: Header {
            api_version: API_VERSION,
            generator: Generator {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            as_of: catalog.as_of.to_string(),
            source,
            base_url: opts.base_url.clone(),
            statuses: (&profile.statuses).into(),
        },
        tracks: profile
            .tracks
            .iter()
            .map(|t| {
                let slug = crate::markdown::github_slug(&t.name);
                Track {
                    name: t.name.clone(),
                    url: urls::track(&slug),
                    slug,
                }
            })
            .collect(),
        standards,
        proposals: catalog
            .proposals
            .par_iter()
            .map(|v| entry_of(v, EntryKind::Proposal))
            .collect(),
    }
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

/// Lifecycle events of the documents that exist, by file name, as JSON (`history` shape).
fn events_by_file(history: &History) -> HashMap<&str, Vec<serde_json::Value>> {
    history
        .documents
        .iter()
        .filter(|t| t.exists)
        .map(|t| {
            let events = t
                .events
                .iter()
                .filter_map(|e| serde_json::to_value(e).ok())
                .collect();
            (t.file_name(), events)
        })
        .collect()
}

fn entry(
    corpus: &Corpus,
    profile: &Profile,
    catalog: &Catalog<'_>,
    v: &Version<'_>,
    kind: EntryKind,
    events: Option<Vec<serde_json::Value>>,
    source_url: Option<&str>,
) -> Entry {
    let doc = v.doc;
    let f = &doc.fields;
    let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    let date = |d: &Option<crate::document::DateField>| {
        d.as_ref().and_then(|d| d.date).map(|d| d.to_string())
    };
    let ids = |list: &Option<RefList>| crate::catalog::reference_ids(corpus, profile, list);
    Entry {
        id: v.id.clone(),
        kind,
        standard: doc.name.as_ref().and_then(|n| n.standard_id()),
        file: doc.file_name.clone(),
        path: doc.rel_path.clone(),
        version: v.version,
        slug: doc
            .name
            .as_ref()
            .map(|n| n.slug.clone())
            .unwrap_or_default(),
        title: text(&f.title),
        doc_type: text(&f.doc_type),
        status: text(&f.status),
        track: text(&f.track),
        state: v.state,
        stabilized_at: date(&f.stabilized_at),
        deprecated_at: date(&f.deprecated_at),
        rejected_at: date(&f.rejected_at),
        replaces: ids(&f.replaces),
        replaced_by: ids(&f.replaced_by),
        supplements: ids(&f.supplements),
        successors: catalog.successors_of(&v.id),
        predecessors: catalog.predecessors_of(&v.id),
        description: text(&f.description),
        url: urls::document(doc),
        source_url: source_url.map(|u| urls::source(u, doc)),
        sha256: sha256_hex(doc),
        events,
    }
}

fn sha256_hex(doc: &Document) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    // The file's bytes as read; the text is those bytes (documents are UTF-8 or not loaded).
    let digest = sha2::Sha256::digest(doc.text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn schema() -> Value {
        serde_json::from_str(SCHEMA).unwrap()
    }

    fn sample_index() -> Index {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let profile = Profile::default();
        let corpus = Corpus::load(&root, &profile).unwrap();
        let catalog = Catalog::new(&corpus, &profile, "2026-11-27".parse().unwrap());
        build(&corpus, &profile, &catalog, &IndexOptions::default())
    }

    /// The keys an object writes are exactly the ones its schema definition requires.
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
    }

    #[test]
    fn events_are_described_as_in_the_history_schema() {
        let history: Value =
            serde_json::from_str(include_str!("../schemas/history.schema.json")).unwrap();
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
