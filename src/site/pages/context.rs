//! What every page kind gets: the build's inputs and the views computed once from them.

use super::Page;
use crate::catalog::{Catalog, Version};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::publish::Publication;
use crate::site::releases::ReleaseView;
use crate::site::scope_views::Certification;
use crate::site::theme::Theme;
use crate::site::views::{
    self, DocChanges, DocumentView, EventView, FindingsView, Guidance, Links, Nav, RevisionView,
    StandardView, TrackView,
};
use crate::site::{BuildError, BuildOptions};
use crate::urls::file_id;
use rayon::prelude::*;
use std::collections::HashMap;

/// The inputs of one build, shared by all page kinds, and the views more than one kind needs.
pub struct Context<'a> {
    pub publication: &'a Publication<'a>,
    pub corpus: &'a Corpus,
    pub catalog: &'a Catalog<'a>,
    pub opts: &'a BuildOptions,
    pub theme: &'a Theme,
    pub links: Links<'a>,
    pub tracks: Vec<TrackView>,
    pub standards: Vec<StandardView>,
    /// The sidebars of the tracks and each standard's previous and next.
    pub nav: Nav,
    /// Every document version: versions, supplements, proposals.
    pub versions: Vec<&'a Version<'a>>,
    /// The certificate scopes, and the scope versions that require each document.
    pub certification: Certification,
    /// Lifecycle events, oldest first; `None` when the build has no history.
    pub events: Option<&'a [EventView]>,
    /// The body's own public site (`profile.canonical_url`), for the links of bodies.
    pub canonical: crate::site::markdown::Canonical,
    /// Every commit that changed each document, by file id, oldest first (empty without
    /// history).
    pub revisions: HashMap<String, Vec<RevisionView>>,
    /// The version in force, supplements, process findings (views/guidance.rs).
    pub guidance: Guidance<'a>,
    /// The releases of the site (none in a release's frozen copy).
    pub releases: &'a [ReleaseView],
    /// The diff page from the previous version, by file id (primary versions only).
    diff_of: HashMap<String, String>,
    /// The variables every page sees but `root`, made once: each page starts from a copy
    /// (whose values are shared, not made again), not from the views themselves.
    common: tera::Context,
    by_standard: ByKey<'a>,
    by_document: ByKey<'a>,
    /// A rebuild of the preview that makes only what a change affects; `None` makes every page.
    pub partial: Option<&'a Partial>,
    /// The search index's parts, kept from one rebuild to the next (the preview's).
    pub search_parts: Option<&'a crate::site::search::Parts>,
}

/// What a rebuild makes again when only the bodies of some documents changed (their
/// frontmatter and titles as before; site/incremental.rs decides): every other page is as the
/// build before made it.
#[derive(Debug, Default)]
pub struct Partial {
    /// The documents (file ids) whose pages are made: those edited, and those whose findings
    /// changed.
    pub documents: std::collections::HashSet<String>,
    /// The standards (ids) whose page and diffs are made.
    pub standards: std::collections::HashSet<String>,
    /// The documents (file ids) whose text changed: their search text file is made again.
    pub bodies: std::collections::HashSet<String>,
    /// The JSON index's header changed (the working tree has changes now): every file of the
    /// API is made again.
    pub header: bool,
}

impl<'a> Context<'a> {
    pub fn new(
        publication: &'a Publication<'a>,
        profile: &Profile,
        theme: &'a Theme,
        opts: &'a BuildOptions,
        events: Option<&'a [EventView]>,
        findings: &[Diagnostic],
    ) -> Context<'a> {
        let (corpus, catalog) = (publication.corpus, &publication.catalog);
        let links = Links::new(catalog);
        // On all cores: at 10,000 documents these took 13 ms of one core before any page.
        let (standards, guidance) = rayon::join(
            || -> Vec<StandardView> {
                catalog
                    .standards
                    .par_iter()
                    .map(|s| views::standard_view(&links, s))
                    .collect()
            },
            || Guidance::new(corpus, catalog, findings),
        );
        let diff_of = standards
            .iter()
            .flat_map(|s| &s.versions)
            .filter_map(|v| Some((v.file_id.clone(), v.diff_from_previous.clone()?)))
            .collect();
        let (by_standard, by_document) = group_events(events.unwrap_or_default());
        let nav = Nav::new(&standards);
        let revisions = publication.history.as_ref().map_or_else(HashMap::new, |h| {
            let source_url = publication.source_url.as_deref();
            views::revisions(h, corpus, source_url, &profile.statuses.stable)
        });
        let mut ctx = Context {
            publication,
            corpus,
            catalog,
            opts,
            theme,
            links,
            tracks: views::tracks(profile),
            standards,
            nav,
            versions: catalog.documents().collect(),
            certification: Certification::new(corpus, profile, catalog),
            events,
            canonical: crate::site::markdown::Canonical {
                url: profile.canonical_url.clone(),
                prefix: profile.prefix.clone(),
            },
            revisions,
            guidance,
            releases: &[],
            diff_of,
            common: tera::Context::new(),
            by_standard,
            by_document,
            partial: None,
            search_parts: None,
        };
        ctx.common = ctx.common_vars();
        ctx
    }

    /// The same context with the releases the live site shows.
    pub fn with_releases(mut self, releases: &'a [ReleaseView]) -> Self {
        self.releases = releases;
        self.common.insert("has_releases", &!releases.is_empty());
        self
    }

    /// The same context making only what `partial` names, and keeping the search index's parts
    /// in `parts` for the next rebuild.
    pub fn with_partial(
        mut self,
        partial: Option<&'a Partial>,
        parts: &'a crate::site::search::Parts,
    ) -> Self {
        self.partial = partial;
        self.search_parts = Some(parts);
        self
    }

    /// Whether the pages that show the whole site (overview, tracks, feeds, history) are made:
    /// not in a partial rebuild, where they are as before.
    pub fn makes_all(&self) -> bool {
        self.partial.is_none()
    }

    /// Whether the page of the document with this file id is made.
    pub fn makes_document(&self, file_id: &str) -> bool {
        self.partial.is_none_or(|p| p.documents.contains(file_id))
    }

    /// Whether the page and the diffs of the standard with this id are made.
    pub fn makes_standard(&self, id: &str) -> bool {
        self.partial.is_none_or(|p| p.standards.contains(id))
    }

    /// The view of one document version, its body rendered. Made again by each kind that shows
    /// it (document and history pages) rather than kept for every document: keeping them raised
    /// the peak memory of a large build by a quarter.
    pub fn document_view(&self, v: &Version<'_>) -> DocumentView {
        let page = views::DocumentPage {
            source_url: self.publication.source_url.as_deref(),
            has_history: self.events.is_some(),
            diff_from_previous: self.diff_of.get(&file_id(v.doc)).map(String::as_str),
            canonical: &self.canonical,
            guidance: &self.guidance,
        };
        views::document_view(self.corpus, &self.links, v, page)
    }

    /// A standard's view by its id (`scs-0100`).
    pub fn standard(&self, id: &str) -> Option<&StandardView> {
        self.standards.get(self.nav.index_of(id)?)
    }

    /// The variables every template sees. `root` is the way from the page to the site root.
    pub fn vars(&self, root: &str) -> tera::Context {
        let mut vars = self.common.clone();
        vars.insert("root", root);
        vars
    }

    fn common_vars(&self) -> tera::Context {
        let mut vars = tera::Context::new();
        vars.insert("tracks", &self.tracks);
        let brand = &self.opts.branding;
        vars.insert("site_title", &brand.title);
        vars.insert("site_description", &brand.description);
        vars.insert("site_footer", &brand.footer);
        vars.insert("site_logo", &brand.logo_asset());
        let as_of = self.catalog.as_of;
        vars.insert("as_of", &as_of.to_string());
        match &self.opts.frozen {
            Some(release) => {
                vars.insert("release", release);
                vars.insert("as_of_source", "the day of the release");
            }
            None => vars.insert("as_of_source", as_of.describe_source()),
        }
        vars.insert("has_releases", &false);
        vars.insert("version", env!("CARGO_PKG_VERSION"));
        vars.insert("has_history", &self.events.is_some());
        // The sitemap is written only for a site with a base URL (pages/feeds.rs).
        vars.insert(
            "has_sitemap",
            &(self.publication.base_url.is_some() && self.opts.frozen.is_none()),
        );
        vars.insert("has_scopes", &!self.certification.scopes.is_empty());
        // Why a page has no timeline, when it has none.
        let history_note = if self.opts.frozen.is_some() {
            "A release shows its documents as they were at its commit, without their history."
        } else if !self.publication.with_history {
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
        // The page's address for Open Graph, only when the site's is known.
        if let Some(base) = &self.publication.base_url {
            let page = path.strip_suffix("index.html").unwrap_or(&path);
            vars.insert(
                "page_url",
                &format!("{}/{page}", base.trim_end_matches('/')),
            );
        }
        fill(&mut vars);
        let text = self.theme.render(template, &vars)?;
        Ok((path, text))
    }

    /// The track's sidebar (`sidebar_track`, its `sidebar_slug`, the `sidebar_current`
    /// standard's id): the page holds its frame, the track's script its list (pages/sidebar.rs).
    pub fn insert_sidebar(&self, vars: &mut tera::Context, track: &str, current: Option<&str>) {
        if self.nav.track(track).is_empty() {
            return;
        }
        vars.insert("sidebar_track", track);
        let slug = self
            .tracks
            .iter()
            .find(|t| t.name == track)
            .map(|t| &t.slug);
        vars.insert("sidebar_slug", &slug);
        vars.insert("sidebar_current", &current);
    }

    /// The process findings note of a document, when the site shows findings and it has some.
    pub fn findings(&self, file_id: &str) -> Option<&FindingsView> {
        self.guidance.findings(file_id)
    }

    /// When the document entered the repository: its first lifecycle event (`None` without
    /// history).
    pub fn entered(&self, v: &Version<'_>) -> Option<jiff::civil::Date> {
        let first = self.events_of_document(&file_id(v.doc)).first()?;
        first.day.parse().ok()
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

impl Context<'_> {
    /// The revisions of one document, oldest first.
    pub fn revisions_of(&self, file_id: &str) -> &[RevisionView] {
        self.revisions.get(file_id).map_or(&[], Vec::as_slice)
    }

    /// When a document last changed and, if it is Stable, how often since.
    pub fn changes_of(&self, file_id: &str) -> DocChanges {
        DocChanges::of(self.revisions_of(file_id))
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
