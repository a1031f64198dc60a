//! Assembling the index from a catalog: one entry per document, the standards with their
//! reference version, events from the history, hashes of the files.

use super::{API_VERSION, Entry, EntryKind, Generator, Header, Index, Source, Standard, Track};
use crate::catalog::{Catalog, Version};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::{RefList, Spanned};
use crate::lifecycle::{Checkout, History};
use crate::urls;
use rayon::prelude::*;
use std::collections::HashMap;

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
        let own_events = events.as_ref().map(|by_file| {
            by_file
                .get(v.doc.file_name.as_str())
                .cloned()
                .unwrap_or_default()
        });
        let source_url = opts.source_url.as_deref();
        entry(corpus, profile, catalog, v, kind, own_events, source_url)
    };
    // Hashing every file is most of the work: one standard per task.
    let standards = catalog
        .standards
        .par_iter()
        .map(|s| standard(s, &entry_of))
        .collect();
    Index {
        header: Header {
            api_version: API_VERSION,
            generator: Generator {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            as_of: catalog.as_of.to_string(),
            source: source(corpus, opts.checkout),
            base_url: opts.base_url.clone(),
            statuses: (&profile.statuses).into(),
        },
        tracks: tracks(profile),
        standards,
        proposals: catalog
            .proposals
            .par_iter()
            .map(|v| entry_of(v, EntryKind::Proposal))
            .collect(),
        scopes: super::scopes::build(corpus, profile, catalog),
    }
}

/// A standard: its reference version's title and description, its versions and supplements.
fn standard(
    s: &crate::catalog::Standard<'_>,
    entry_of: &(impl Fn(&Version<'_>, EntryKind) -> Entry + Sync),
) -> Standard {
    let reference = s.reference();
    let f = reference.map(|r| &r.doc.fields);
    let text = |pick: fn(&crate::document::Fields) -> &Option<Spanned<String>>| {
        f.and_then(|f| pick(f).as_ref()).map(|v| v.value.clone())
    };
    Standard {
        id: s.id.clone(),
        number: s.number,
        track: text(|f| &f.track),
        title: reference.map(|r| r.doc.title().to_owned()),
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
}

/// Where the documents come from: the checkout in git, else the folder's name.
fn source(corpus: &Corpus, checkout: Option<&Checkout>) -> Source {
    match checkout {
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
    }
}

fn tracks(profile: &Profile) -> Vec<Track> {
    profile
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
        .collect()
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
        crate::document::DateField::day(d).map(|d| d.to_string())
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
        title: Some(doc.title().to_owned()),
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
        sha256: super::sha256_hex(doc.text.as_bytes()),
        events,
    }
}
