//! `normwerk build`: the static site. Pages are rendered in memory from the catalog, their
//! internal links checked, then written to a temporary folder beside the output and moved into
//! place, so that a failed build leaves the previous site untouched.

mod attachments;
pub mod diff;
mod linkcheck;
pub mod markdown;
mod theme;
pub mod urls;

use crate::catalog::{AsOfSource, Catalog, State, Version};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::Document;
use crate::markdown::{LinkDest, classify_link};
use jiff::civil::Date;
use markdown::{TocEntry, render_body};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use urls::file_id;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} broken internal link(s):\n{}", .0.len(), .0.join("\n"))]
    BrokenLinks(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    pub templates: Option<PathBuf>,
    pub site_title: String,
    /// Walk git history for timelines and the feed (when the source is in a repository).
    pub history: bool,
    /// The public address of the site, for `sitemap.xml` (which wants absolute URLs).
    pub base_url: Option<String>,
    /// Where the source files can be read online: a link to `<source_url>/<path>` on each page.
    pub source_url: Option<String>,
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub pages: usize,
    pub out: PathBuf,
    /// What the site lacks and why (the history could not be read).
    pub warnings: Vec<String>,
}

/// One lifecycle event as the standard pages and the feed show it.
#[derive(Serialize, Clone)]
struct EventView {
    /// ISO 8601 (author date).
    date: String,
    day: String,
    id: String,
    file_id: String,
    title: String,
    text: String,
    commit: String,
    short: String,
    author: String,
    summary: String,
    standard_id: Option<String>,
}

/// Lifecycle events of every document that exists, oldest first (as walked).
fn events(history: &crate::lifecycle::History, corpus: &Corpus) -> Vec<EventView> {
    use crate::lifecycle::Change;
    let mut out = Vec::new();
    for t in history.documents.iter().filter(|t| t.exists) {
        let Some(doc) = corpus.by_file_name(t.file_name()) else {
            continue;
        };
        for e in &t.events {
            if !matches!(
                e.change,
                Change::Added { .. }
                    | Change::StatusChanged { .. }
                    | Change::Renamed { .. }
                    | Change::Deleted { .. }
            ) {
                continue;
            }
            out.push(EventView {
                date: e.commit.author_date.clone(),
                day: e.commit.author_date.chars().take(10).collect(),
                id: doc.id().unwrap_or_default(),
                file_id: file_id(doc),
                title: field(&doc.fields.title),
                text: crate::report::history::describe(&e.change),
                commit: e.commit.id.clone(),
                short: e.commit.short().to_owned(),
                author: e.commit.author.clone(),
                summary: e.commit.summary.clone(),
                standard_id: doc.name.as_ref().and_then(|n| n.standard_id()),
            });
        }
    }
    out
}

#[derive(Serialize)]
struct TrackView {
    name: String,
    slug: String,
}

#[derive(Serialize, Clone)]
struct VersionView {
    id: String,
    file_id: String,
    version: u32,
    title: String,
    #[serde(rename = "type")]
    doc_type: String,
    status: String,
    state: &'static str,
    track: String,
    stabilized_at: String,
    deprecated_at: String,
    replaces: Vec<RefView>,
    replaced_by: Vec<RefView>,
    /// The diff page from the previous version, relative to the site root.
    diff_from_previous: Option<String>,
}

#[derive(Serialize)]
struct StandardView {
    id: String,
    title: String,
    description: String,
    track: String,
    track_slug: String,
    reference_file_id: String,
    versions: Vec<VersionView>,
    supplements: Vec<VersionView>,
}

#[derive(Serialize)]
struct DocumentView {
    id: String,
    file_id: String,
    has_history: bool,
    source_url: Option<String>,
    standard_id: Option<String>,
    title: String,
    #[serde(rename = "type")]
    doc_type: String,
    status: String,
    state: &'static str,
    banner: String,
    track: String,
    stabilized_at: String,
    deprecated_at: String,
    rejected_at: String,
    replaces: Vec<RefView>,
    replaced_by: Vec<RefView>,
    supplements: Vec<RefView>,
    source_path: String,
    /// The diff page from the previous version, relative to the site root.
    diff_from_previous: Option<String>,
    toc: Vec<TocEntry>,
    body: String,
}

fn field(v: &Option<crate::document::Spanned<String>>) -> String {
    v.as_ref().map(|s| s.value.clone()).unwrap_or_default()
}

fn date(v: &Option<crate::document::DateField>) -> String {
    v.as_ref().map(|d| d.raw.value.clone()).unwrap_or_default()
}

/// A document named by a reference: shown by its id, linked to its page.
#[derive(Serialize, Clone)]
struct RefView {
    id: String,
    file_id: String,
}

/// The documents a reference list names, as far as they exist.
fn refs(corpus: &Corpus, list: &Option<crate::document::RefList>) -> Vec<RefView> {
    list.iter()
        .flat_map(|l| &l.items)
        .filter_map(|i| corpus.resolve_reference(&i.value))
        .map(|i| {
            let doc = &corpus.documents[i];
            RefView {
                id: doc.id().unwrap_or_else(|| file_id(doc)),
                file_id: file_id(doc),
            }
        })
        .collect()
}

fn slug(track: &str) -> String {
    crate::markdown::github_slug(track)
}

/// Successors and predecessors (declared by either side, as the index has them) as links to the
/// pages of the documents that exist.
struct Links<'a> {
    catalog: &'a Catalog<'a>,
    file_ids: HashMap<&'a str, String>,
}

impl<'a> Links<'a> {
    fn new(catalog: &'a Catalog<'a>) -> Links<'a> {
        let file_ids = catalog
            .documents()
            .map(|v| (v.id.as_str(), file_id(v.doc)))
            .collect();
        Links { catalog, file_ids }
    }

    fn views(&self, ids: Vec<String>) -> Vec<RefView> {
        ids.into_iter()
            .filter_map(|id| {
                let file_id = self.file_ids.get(id.as_str())?.clone();
                Some(RefView { id, file_id })
            })
            .collect()
    }

    fn successors(&self, id: &str) -> Vec<RefView> {
        self.views(self.catalog.successors_of(id))
    }

    fn predecessors(&self, id: &str) -> Vec<RefView> {
        self.views(self.catalog.predecessors_of(id))
    }
}

fn version_view(links: &Links<'_>, v: &Version<'_>) -> VersionView {
    let f = &v.doc.fields;
    VersionView {
        id: v.id.clone(),
        file_id: file_id(v.doc),
        version: v.version,
        title: field(&f.title),
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

/// The site path of the diff page between two versions of a standard.
fn diff_path(standard_id: &str, old: u32, new: u32) -> String {
    format!("standards/{standard_id}/diff/v{old}-v{new}/index.html")
}

/// The sentence at the top of a document page.
fn banner(v: &Version<'_>, links: &Links<'_>) -> String {
    let f = &v.doc.fields;
    let successors: Vec<String> = links.successors(&v.id).into_iter().map(|r| r.id).collect();
    let by = if successors.is_empty() {
        String::new()
    } else {
        format!(", replaced by {}", successors.join(", "))
    };
    match v.state {
        State::Draft => "Draft — not normative.".to_owned(),
        State::FutureEffective => format!("Stable — effective from {}.", date(&f.stabilized_at)),
        State::Effective => match f.stabilized_at.as_ref() {
            Some(d) => format!("Effective since {}.", d.raw.value),
            None => "Effective.".to_owned(),
        },
        State::FutureDeprecated => format!(
            "Effective — deprecated from {}{by}.",
            date(&f.deprecated_at)
        ),
        State::Deprecated => format!("Deprecated since {}{by}.", date(&f.deprecated_at)),
        State::Rejected => format!("Rejected on {}{by} — not normative.", date(&f.rejected_at)),
        State::Informative => "Supplement — informative, not normative.".to_owned(),
    }
}

/// Builds the site for `corpus` into `opts.out`.
pub fn build(
    corpus: &Corpus,
    profile: &Profile,
    opts: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    crate::output::check_output(&corpus.root, &opts.out)?;
    let theme = theme::Theme::load(opts.templates.as_deref())?;
    let catalog = Catalog::new(corpus, profile, opts.as_of);
    // Outside a repository (or with --no-history) the site has no timelines and an empty feed;
    // a repository that cannot be read gives the same site, with a warning.
    let mut warnings = Vec::new();
    let history = if opts.history {
        crate::lifecycle::walk_if_repository(&corpus.root, profile, &Default::default())
            .unwrap_or_else(|e| {
                warnings.push(format!("no timelines, feed or index events: {e}"));
                None
            })
    } else {
        None
    };
    let events = history.as_ref().map(|h| events(h, corpus));
    let mut pages = render_pages(corpus, profile, &catalog, &theme, opts, events.as_deref())?;
    // The JSON index from the same catalog, so that its states are the pages' states.
    let checkout = crate::lifecycle::checkout(&corpus.root).ok().flatten();
    let index = crate::index::build(
        corpus,
        profile,
        &catalog,
        &crate::index::IndexOptions {
            history: history.as_ref(),
            checkout: checkout.as_ref(),
            base_url: opts.base_url.clone(),
            source_url: opts.source_url.clone(),
        },
    );
    for (path, file) in index.standard_files() {
        pages.insert(path, crate::index::to_json(&file));
    }
    pages.insert(urls::API_INDEX.to_owned(), crate::index::to_json(&index));
    let files = attachments::linked_files(corpus);
    linkcheck::check_links(&pages, &files)?;
    crate::output::replace_folder(&opts.out, &pages, &files)?;
    Ok(BuildReport {
        pages: pages.keys().filter(|p| p.ends_with(".html")).count(),
        out: opts.out.clone(),
        warnings,
    })
}

fn render_pages(
    corpus: &Corpus,
    profile: &Profile,
    catalog: &Catalog<'_>,
    theme: &theme::Theme,
    opts: &BuildOptions,
    history: Option<&[EventView]>,
) -> Result<BTreeMap<String, String>, BuildError> {
    let has_history = history.is_some();
    let events = history.unwrap_or_default();
    let links = Links::new(catalog);
    let tracks: Vec<TrackView> = profile
        .tracks
        .iter()
        .map(|t| TrackView {
            name: t.name.clone(),
            slug: slug(&t.name),
        })
        .collect();
    let base = |root: &str| {
        let mut ctx = tera::Context::new();
        ctx.insert("root", root);
        ctx.insert("tracks", &tracks);
        ctx.insert("site_title", &opts.site_title);
        ctx.insert("as_of", &opts.as_of.to_string());
        let source = match opts.as_of_source {
            AsOfSource::Flag => "set with --as-of",
            AsOfSource::SourceDateEpoch => "from SOURCE_DATE_EPOCH",
            AsOfSource::Today => "the day of the build",
        };
        ctx.insert("as_of_source", source);
        ctx.insert("version", env!("CARGO_PKG_VERSION"));
        ctx.insert("has_history", &has_history);
        // Why a page has no timeline, when it has none.
        let history_note = if !opts.history {
            "This site was built without history (--no-history)."
        } else {
            "The source folder of this build is not in a git repository."
        };
        ctx.insert("history_note", history_note);
        ctx
    };
    let standards: Vec<StandardView> = catalog
        .standards
        .iter()
        .map(|s| {
            let reference = s.reference();
            let f = reference.map(|r| &r.doc.fields);
            let track = f.map(|f| field(&f.track)).unwrap_or_default();
            StandardView {
                id: s.id.clone(),
                title: f.map(|f| field(&f.title)).unwrap_or_default(),
                description: f.map(|f| field(&f.description)).unwrap_or_default(),
                track_slug: slug(&track),
                track,
                reference_file_id: reference.map(|r| file_id(r.doc)).unwrap_or_default(),
                versions: s
                    .versions
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let mut view = version_view(&links, v);
                        if i > 0 {
                            view.diff_from_previous =
                                Some(diff_path(&s.id, s.versions[i - 1].version, v.version));
                        }
                        view
                    })
                    .collect(),
                supplements: s
                    .supplements
                    .iter()
                    .map(|v| version_view(&links, v))
                    .collect(),
            }
        })
        .collect();
    let mut pages = BTreeMap::new();
    let mut ctx = base("");
    ctx.insert("heading", "Standards");
    ctx.insert("standards", &standards);
    pages.insert(
        "index.html".to_owned(),
        theme.render("overview.html", &ctx)?,
    );
    for t in &tracks {
        let mut ctx = base("../../");
        let own: Vec<&StandardView> = standards.iter().filter(|s| s.track == t.name).collect();
        ctx.insert("heading", &format!("{} standards", t.name));
        ctx.insert("standards", &own);
        pages.insert(
            format!("{}index.html", urls::track(&t.slug)),
            theme.render("track.html", &ctx)?,
        );
    }
    // Events grouped once, by standard and by document.
    let mut by_standard: HashMap<&str, Vec<&EventView>> = HashMap::new();
    let mut by_document: HashMap<&str, Vec<&EventView>> = HashMap::new();
    for e in events {
        if let Some(id) = &e.standard_id {
            by_standard.entry(id.as_str()).or_default().push(e);
        }
        by_document.entry(e.file_id.as_str()).or_default().push(e);
    }
    for s in &standards {
        let mut ctx = base("../../");
        ctx.insert("standard", s);
        let own: &[&EventView] = by_standard.get(s.id.as_str()).map_or(&[], Vec::as_slice);
        ctx.insert("timeline", &own);
        pages.insert(
            format!("{}index.html", urls::standard(&s.id)),
            theme.render("standard.html", &ctx)?,
        );
    }
    // Diff pages and document pages are rendered on all cores.
    let diff_jobs: Vec<(&str, &Version<'_>, &Version<'_>)> = catalog
        .standards
        .iter()
        .flat_map(|s| {
            s.versions
                .windows(2)
                .map(move |w| (s.id.as_str(), &w[0], &w[1]))
        })
        .collect();
    let diff_pages = diff_jobs
        .par_iter()
        .map(|&(standard_id, old, new)| {
            let body = |d: &Document| d.text[d.body.start..d.body.end].to_owned();
            let (lines, stats) = diff::diff_lines(&body(old.doc), &body(new.doc));
            let mut ctx = base("../../../../");
            ctx.insert("standard_id", standard_id);
            ctx.insert("old", &version_view(&links, old));
            ctx.insert("new", &version_view(&links, new));
            ctx.insert("lines", &lines);
            ctx.insert("stats", &stats);
            Ok((
                diff_path(standard_id, old.version, new.version),
                theme.render("diff.html", &ctx)?,
            ))
        })
        .collect::<Result<Vec<(String, String)>, BuildError>>()?;
    pages.extend(diff_pages);
    let diff_of: BTreeMap<String, String> = standards
        .iter()
        .flat_map(|s| &s.versions)
        .filter_map(|v| v.diff_from_previous.clone().map(|d| (v.file_id.clone(), d)))
        .collect();
    let all_versions: Vec<&Version<'_>> = catalog.documents().collect();
    let document_pages = all_versions
        .par_iter()
        .map(|v| {
            let doc = v.doc;
            // Links to other documents go to their pages; the rest stays as written.
            let link_target = |dest: &str| -> Option<String> {
                let LinkDest::Relative {
                    path, raw_fragment, ..
                } = classify_link(dest)
                else {
                    return None;
                };
                let name = path.rsplit('/').next().unwrap_or(&path);
                let target = corpus.by_file_name(name)?;
                let anchor = raw_fragment.map(|f| format!("#{f}")).unwrap_or_default();
                Some(format!("../{}/index.html{anchor}", file_id(target)))
            };
            let body = render_body(doc, &link_target);
            let f = &doc.fields;
            let view = DocumentView {
                id: v.id.clone(),
                file_id: file_id(doc),
                has_history,
                source_url: opts.source_url.as_deref().map(|u| urls::source(u, doc)),
                standard_id: doc.name.as_ref().and_then(|n| n.standard_id()),
                title: field(&f.title),
                doc_type: field(&f.doc_type),
                status: field(&f.status),
                state: v.state.as_str(),
                banner: banner(v, &links),
                track: field(&f.track),
                stabilized_at: date(&f.stabilized_at),
                deprecated_at: date(&f.deprecated_at),
                rejected_at: date(&f.rejected_at),
                replaces: links.predecessors(&v.id),
                replaced_by: links.successors(&v.id),
                supplements: refs(corpus, &f.supplements),
                source_path: doc.rel_path.clone(),
                diff_from_previous: diff_of.get(&file_id(doc)).cloned(),
                toc: body.toc,
                body: body.html,
            };
            let mut ctx = base("../../");
            ctx.insert("doc", &view);
            let mut out = vec![(
                format!("{}index.html", urls::document(doc)),
                theme.render("document.html", &ctx)?,
            )];
            // History pages exist only when there is history (a build in a git repository).
            if view.has_history {
                let own_events: &[&EventView] = by_document
                    .get(view.file_id.as_str())
                    .map_or(&[], Vec::as_slice);
                let mut history_ctx = base("../../../");
                history_ctx.insert("doc", &view);
                history_ctx.insert("events", &own_events);
                out.push((
                    format!("{}history/index.html", urls::document(doc)),
                    theme.render("history.html", &history_ctx)?,
                ));
            }
            Ok(out)
        })
        .collect::<Result<Vec<Vec<(String, String)>>, BuildError>>()?;
    pages.extend(document_pages.into_iter().flatten());
    let proposals: Vec<VersionView> = catalog
        .proposals
        .iter()
        .map(|v| version_view(&links, v))
        .collect();
    let mut ctx = base("../");
    ctx.insert("proposals", &proposals);
    pages.insert(
        "proposals/index.html".to_owned(),
        theme.render("proposals.html", &ctx)?,
    );
    // The 404 page is served for any path, so its links are absolute from the site root.
    pages.insert("404.html".to_owned(), theme.render("404.html", &base("/"))?);
    for (name, text) in theme.assets() {
        pages.insert(format!("assets/{name}"), text.to_owned());
    }
    pages.insert("search.json".to_owned(), search_index(catalog)?);
    // The feed: newest first; its date is the newest event's, not the build's, so that it is
    // reproducible.
    let mut newest_first: Vec<&EventView> = events.iter().collect();
    newest_first.sort_by(|a, b| b.date.cmp(&a.date));
    let mut ctx = base("");
    ctx.insert("events", &newest_first);
    let updated = newest_first
        .first()
        .map_or_else(|| format!("{}T00:00:00Z", opts.as_of), |e| e.date.clone());
    ctx.insert("updated", &updated);
    pages.insert("feed.xml".to_owned(), theme.render("feed.xml", &ctx)?);
    let sitemap = sitemap(&pages, opts.base_url.as_deref());
    pages.insert("sitemap.xml".to_owned(), sitemap);
    Ok(pages)
}

/// `sitemap.xml`: every page, as a folder URL (`standards/scs-0100/`). Without a base URL the
/// locations are relative to the site root.
fn sitemap(pages: &BTreeMap<String, String>, base_url: Option<&str>) -> String {
    let base = base_url.map_or(String::new(), |b| format!("{}/", b.trim_end_matches('/')));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages.keys().filter(|p| p.ends_with("index.html")) {
        let url = path.trim_end_matches("index.html");
        let escaped = url.replace('&', "&amp;").replace('<', "&lt;");
        out.push_str(&format!("<url><loc>{base}{escaped}</loc></url>\n"));
    }
    out.push_str("</urlset>\n");
    out
}

/// The client-side search index: id, title, description and headings of every document page.
fn search_index(catalog: &Catalog<'_>) -> Result<String, BuildError> {
    #[derive(Serialize)]
    struct Entry<'a> {
        id: &'a str,
        url: String,
        title: &'a str,
        description: &'a str,
        headings: Vec<&'a str>,
    }
    let entries: Vec<Entry<'_>> = catalog
        .documents()
        .map(|v| Entry {
            id: &v.id,
            url: format!("{}index.html", urls::document(v.doc)),
            title: v.doc.fields.title.as_ref().map_or("", |t| t.value.as_str()),
            description: v
                .doc
                .fields
                .description
                .as_ref()
                .map_or("", |d| d.value.trim()),
            headings: v.doc.headings.iter().map(|h| h.text.as_str()).collect(),
        })
        .collect();
    serde_json::to_string(&entries).map_err(|e| BuildError::Template {
        name: "search.json".to_owned(),
        message: e.to_string(),
    })
}
