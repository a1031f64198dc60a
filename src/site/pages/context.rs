//! What every page kind gets: the build's inputs and the views computed once from them.

use super::Page;
use crate::catalog::{AsOfSource, Catalog, Version};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::site::theme::Theme;
use crate::site::urls::file_id;
use crate::site::views::{self, DocumentView, EventView, Links, StandardView, TrackView};
use crate::site::{BuildError, BuildOptions};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The inputs of one build, shared by all page kinds. Views used by more than one kind are
/// computed here once (a document's body is rendered for its page and its history page).
pub struct Context<'a> {
    pub catalog: &'a Catalog<'a>,
    pub opts: &'a BuildOptions,
    pub theme: &'a Theme,
    pub links: Links<'a>,
    pub tracks: Vec<TrackView>,
    pub standards: Vec<StandardView>,
    /// Every document version (versions, supplements, proposals) with its view.
    pub documents: Vec<(&'a Version<'a>, DocumentView)>,
    /// Lifecycle events, oldest first; `None` when the build has no history.
    pub events: Option<&'a [EventView]>,
    by_standard: HashMap<&'a str, Vec<&'a EventView>>,
    by_document: HashMap<&'a str, Vec<&'a EventView>>,
}

impl<'a> Context<'a> {
    pub fn new(
        corpus: &'a Corpus,
        profile: &Profile,
        catalog: &'a Catalog<'a>,
        theme: &'a Theme,
        opts: &'a BuildOptions,
        events: Option<&'a [EventView]>,
    ) -> Context<'a> {
        let links = Links::new(catalog);
        let standards: Vec<StandardView> = catalog
            .standards
            .iter()
            .map(|s| views::standard_view(&links, s))
            .collect();
        // The diff page from the previous version, by document (primary versions only).
        let diff_of: BTreeMap<&str, &str> = standards
            .iter()
            .flat_map(|s| &s.versions)
            .filter_map(|v| Some((v.file_id.as_str(), v.diff_from_previous.as_deref()?)))
            .collect();
        let all_versions: Vec<&Version<'_>> = catalog.documents().collect();
        // Bodies are rendered on all cores.
        let documents = all_versions
            .into_par_iter()
            .map(|v| {
                let page = views::DocumentPage {
                    source_url: opts.source_url.as_deref(),
                    has_history: events.is_some(),
                    diff_from_previous: diff_of.get(file_id(v.doc).as_str()).copied(),
                };
                (v, views::document_view(corpus, &links, v, page))
            })
            .collect();
        let (by_standard, by_document) = group_events(events.unwrap_or_default());
        Context {
            catalog,
            opts,
            theme,
            tracks: views::tracks(profile),
            standards,
            documents,
            events,
            by_standard,
            by_document,
            links,
        }
    }

    /// The variables every template sees. `root` is the way from the page to the site root.
    pub fn vars(&self, root: &str) -> tera::Context {
        let mut vars = tera::Context::new();
        vars.insert("root", root);
        vars.insert("tracks", &self.tracks);
        vars.insert("site_title", &self.opts.site_title);
        vars.insert("as_of", &self.opts.as_of.to_string());
        let source = match self.opts.as_of_source {
            AsOfSource::Flag => "set with --as-of",
            AsOfSource::SourceDateEpoch => "from SOURCE_DATE_EPOCH",
            AsOfSource::Today => "the day of the build",
        };
        vars.insert("as_of_source", source);
        vars.insert("version", env!("CARGO_PKG_VERSION"));
        vars.insert("has_history", &self.events.is_some());
        // Why a page has no timeline, when it has none.
        let history_note = if !self.opts.history {
            "This site was built without history (--no-history)."
        } else {
            "The source folder of this build is not in a git repository."
        };
        vars.insert("history_note", history_note);
        vars
    }

    /// Renders `template` as the page at `path` (relative to the site root, which its links are
    /// made relative to), with the common variables and those `fill` adds.
    pub fn page(
        &self,
        path: String,
        template: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<Page, BuildError> {
        let mut vars = self.vars(&"../".repeat(path.matches('/').count()));
        fill(&mut vars);
        let text = self.theme.render(template, &vars)?;
        Ok((path, text))
    }

    /// The lifecycle events of a standard (all its versions), oldest first.
    pub fn events_of_standard(&self, standard_id: &str) -> &[&'a EventView] {
        self.by_standard.get(standard_id).map_or(&[], Vec::as_slice)
    }

    /// The lifecycle events of one document, oldest first.
    pub fn events_of_document(&self, file_id: &str) -> &[&'a EventView] {
        self.by_document.get(file_id).map_or(&[], Vec::as_slice)
    }
}

type ByKey<'a> = HashMap<&'a str, Vec<&'a EventView>>;

/// Events grouped once, by standard and by document.
fn group_events(events: &[EventView]) -> (ByKey<'_>, ByKey<'_>) {
    let mut by_standard: ByKey<'_> = HashMap::new();
    let mut by_document: ByKey<'_> = HashMap::new();
    for e in events {
        if let Some(id) = &e.standard_id {
            by_standard.entry(id.as_str()).or_default().push(e);
        }
        by_document.entry(e.file_id.as_str()).or_default().push(e);
    }
    (by_standard, by_document)
}
