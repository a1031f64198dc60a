//! The values the templates see: serializable views of the catalog's standards, versions and
//! documents, and of the lifecycle events from git. Every field a template may show is here, so
//! that the templates never reach into the document model.

use super::markdown::{Canonical, TocEntry, body_link, render_body};
use crate::catalog::{Catalog, Standard, Version};
use crate::corpus::Corpus;
use crate::urls::{self, file_id};
use serde::Serialize;

mod banner;
mod events;
mod guidance;
mod nav;
mod revisions;

pub use banner::BannerView;
use banner::banner;
pub use events::{EventView, events, instant};
pub use guidance::{FindingsView, Guidance};
pub use nav::{Nav, switcher, toc_tree};
pub use revisions::{DocChanges, RevisionView, revisions};
use std::collections::HashMap;

#[derive(Serialize)]
pub struct TrackView {
    pub name: String,
    pub slug: String,
}

#[derive(Serialize, Clone)]
pub struct VersionView {
    pub id: String,
    pub file_id: String,
    pub version: u32,
    pub title: String,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub status: String,
    pub state: &'static str,
    pub track: String,
    pub stabilized_at: String,
    pub deprecated_at: String,
    pub replaces: Vec<RefView>,
    pub replaced_by: Vec<RefView>,
    /// The diff page from the previous version, relative to the site root.
    pub diff_from_previous: Option<String>,
}

#[derive(Serialize)]
pub struct StandardView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub track: String,
    pub track_slug: String,
    pub reference_file_id: String,
    /// The state of the reference version (the one in force, else the newest).
    pub state: &'static str,
    pub versions: Vec<VersionView>,
    pub supplements: Vec<VersionView>,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub id: String,
    pub file_id: String,
    pub has_history: bool,
    pub source_url: Option<String>,
    pub standard_id: Option<String>,
    pub title: String,
    /// The frontmatter's `description`, if any.
    pub description: String,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub status: String,
    pub state: &'static str,
    pub banner: BannerView,
    pub track: String,
    pub stabilized_at: String,
    pub deprecated_at: String,
    pub rejected_at: String,
    pub replaces: Vec<RefView>,
    pub replaced_by: Vec<RefView>,
    pub supplements: Vec<RefView>,
    pub source_path: String,
    /// The diff page from the previous version, relative to the site root.
    pub diff_from_previous: Option<String>,
    pub toc: Vec<TocEntry>,
    pub body: String,
    /// Whether the body has a mermaid diagram: the page then loads the diagram script.
    pub diagrams: bool,
}

fn field(v: &Option<crate::document::Spanned<String>>) -> String {
    v.as_ref().map(|s| s.value.clone()).unwrap_or_default()
}

pub(super) fn date(v: &Option<crate::document::DateField>) -> String {
    v.as_ref().map(|d| d.raw.value.clone()).unwrap_or_default()
}

/// A document named by a reference: shown by its id, linked to its page.
#[derive(Serialize, Clone)]
pub struct RefView {
    pub id: String,
    pub file_id: String,
}

/// The documents a reference list names, as far as they exist.
fn refs(corpus: &Corpus, list: &Option<crate::document::RefList>) -> Vec<RefView> {
    list.iter()
        .flat_map(|l| &l.items)
        .filter_map(|i| corpus.resolve(&i.value))
        .map(|doc| RefView {
            id: doc.id().unwrap_or_else(|| file_id(doc)),
            file_id: file_id(doc),
        })
        .collect()
}

/// The tracks of the profile, with the slugs of their pages.
pub fn tracks(profile: &crate::config::Profile) -> Vec<TrackView> {
    profile
        .tracks
        .iter()
        .map(|t| TrackView {
            name: t.name.clone(),
            slug: slug(&t.name),
        })
        .collect()
}

fn slug(track: &str) -> String {
    crate::markdown::github_slug(track)
}

/// Successors and predecessors (declared by either side, as the index has them) as links to the
/// pages of the documents that exist.
pub struct Links<'a> {
    catalog: &'a Catalog<'a>,
    file_ids: HashMap<&'a str, String>,
}

impl<'a> Links<'a> {
    pub fn new(catalog: &'a Catalog<'a>) -> Links<'a> {
        let file_ids = catalog
            .documents()
            .map(|v| (v.id.as_str(), file_id(v.doc)))
            .collect();
        Links { catalog, file_ids }
    }

    /// The pages of `ids` that exist, `own` left out (a source may name a document in its own
    /// `replaces`; the lint reports that, the page does not show it as a fact).
    fn views(&self, ids: Vec<String>, own: &str) -> Vec<RefView> {
        ids.into_iter()
            .filter(|id| id != own)
            .filter_map(|id| {
                let file_id = self.file_ids.get(id.as_str())?.clone();
                Some(RefView { id, file_id })
            })
            .collect()
    }

    pub fn successors(&self, id: &str) -> Vec<RefView> {
        self.views(self.catalog.successors_of(id), id)
    }

    pub fn predecessors(&self, id: &str) -> Vec<RefView> {
        self.views(self.catalog.predecessors_of(id), id)
    }
}

/// One version as a row of a standard's versions table or of the proposals.
pub fn version_view(links: &Links<'_>, v: &Version<'_>) -> VersionView {
    let f = &v.doc.fields;
    VersionView {
        id: v.id.clone(),
        file_id: file_id(v.doc),
        version: v.version,
        title: v.doc.title().to_owned(),
        doc_type: field(&f.doc_type),
        status: field(&f.status),
        state: v.state.as_str(),
        track: field(&f.track),
        stabilized_at: date(&f.stabilized_at),
        deprecated_at: date(&f.deprecated_at),
        replaces: links.predecessors(&v.id),
        replaced_by: links.successors(&v.id),
        diff_from_previous: None,
    }
}

/// A standard as the overview, its track's page and its own page show it; each version after the
/// first links the diff from its predecessor.
pub fn standard_view(links: &Links<'_>, s: &Standard<'_>) -> StandardView {
    let reference = s.reference();
    let f = reference.map(|r| &r.doc.fields);
    let track = f.map(|f| field(&f.track)).unwrap_or_default();
    let mut versions: Vec<VersionView> =
        s.versions.iter().map(|v| version_view(links, v)).collect();
    for (view, pair) in versions.iter_mut().skip(1).zip(s.versions.windows(2)) {
        let [previous, this] = pair else { continue };
        view.diff_from_previous = Some(urls::diff(&s.id, previous.version, this.version));
    }
    StandardView {
        id: s.id.clone(),
        title: reference
            .map(|r| r.doc.title().to_owned())
            .unwrap_or_default(),
        description: f.map(|f| field(&f.description)).unwrap_or_default(),
        track_slug: slug(&track),
        track,
        reference_file_id: reference.map(|r| file_id(r.doc)).unwrap_or_default(),
        state: reference.map_or("draft", |r| r.state.as_str()),
        versions,
        supplements: s
            .supplements
            .iter()
            .map(|v| version_view(links, v))
            .collect(),
    }
}

/// What a document page shows besides the catalog: where the source is online, whether history
/// pages exist, the diff page from the previous version.
#[derive(Clone, Copy)]
pub struct DocumentPage<'a> {
    pub source_url: Option<&'a str>,
    pub has_history: bool,
    pub diff_from_previous: Option<&'a str>,
    /// The body's own public site, whose document links go to the local pages.
    pub canonical: &'a Canonical,
    pub guidance: &'a Guidance<'a>,
}

/// One document version with its body rendered; links to other documents go to their pages.
pub fn document_view(
    corpus: &Corpus,
    links: &Links<'_>,
    v: &Version<'_>,
    page: DocumentPage<'_>,
) -> DocumentView {
    let doc = v.doc;
    let body = render_body(doc, &|dest| body_link(corpus, page.canonical, dest));
    let f = &doc.fields;
    DocumentView {
        id: v.id.clone(),
        file_id: file_id(doc),
        has_history: page.has_history,
        source_url: page.source_url.map(|u| urls::source(u, doc)),
        standard_id: doc.name.as_ref().and_then(|n| n.standard_id()),
        title: doc.title().to_owned(),
        description: field(&f.description),
        doc_type: field(&f.doc_type),
        status: field(&f.status),
        state: v.state.as_str(),
        banner: banner(v, page.guidance),
        track: field(&f.track),
        stabilized_at: date(&f.stabilized_at),
        deprecated_at: date(&f.deprecated_at),
        rejected_at: date(&f.rejected_at),
        replaces: links.predecessors(&v.id),
        replaced_by: links.successors(&v.id),
        supplements: refs(corpus, &f.supplements),
        source_path: doc.rel_path.clone(),
        diff_from_previous: page.diff_from_previous.map(str::to_owned),
        toc: body.toc,
        body: body.html,
        diagrams: body.diagrams,
    }
}
