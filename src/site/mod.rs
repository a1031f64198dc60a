//! `normwerk build`: the static site. Pages are rendered in memory from the catalog, their
//! internal links checked, then written to a temporary folder beside the output and moved into
//! place, so that a failed build leaves the previous site untouched.
//!
//! [`build`] runs the steps; the page kinds are in [`pages`], what the templates see in `views`,
//! the templates themselves in `theme`.

mod attachments;
pub mod diff;
mod feeds;
mod linkcheck;
pub mod markdown;
mod pages;
mod theme;
pub mod urls;
mod views;

use crate::catalog::{AsOfSource, Catalog};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::lifecycle::History;
use jiff::civil::Date;
use pages::Page;
use std::path::PathBuf;

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
    let events = history.as_ref().map(|h| views::events(h, corpus));
    let ctx = pages::Context::new(corpus, profile, &catalog, &theme, opts, events.as_deref());
    let mut site = pages::render(&ctx)?;
    let (path, sitemap) = feeds::sitemap(&ctx, &site)?;
    site.insert(path, sitemap);
    // The JSON index (api/v1/): one step, to become the publish step shared with `index`.
    site.extend(json_index(
        corpus,
        profile,
        &catalog,
        history.as_ref(),
        opts,
    ));
    let copied = attachments::linked_files(corpus);
    linkcheck::check_links(&site, &copied)?;
    crate::output::replace_folder(&opts.out, &site, &copied)?;
    Ok(BuildReport {
        pages: site.keys().filter(|p| p.ends_with(".html")).count(),
        out: opts.out.clone(),
        warnings,
    })
}

/// The JSON index (`api/v1/`), from the same catalog so that its states are the pages' states.
/// Kept as one function on purpose: a `publish` step shared by `build` and `index` replaces it.
fn json_index(
    corpus: &Corpus,
    profile: &Profile,
    catalog: &Catalog<'_>,
    history: Option<&History>,
    opts: &BuildOptions,
) -> Vec<Page> {
    let checkout = crate::lifecycle::checkout(&corpus.root).ok().flatten();
    let index = crate::index::build(
        corpus,
        profile,
        catalog,
        &crate::index::IndexOptions {
            history,
            checkout: checkout.as_ref(),
            base_url: opts.base_url.clone(),
            source_url: opts.source_url.clone(),
        },
    );
    let mut files: Vec<Page> = index
        .standard_files()
        .into_iter()
        .map(|(path, file)| (path, crate::index::to_json(&file)))
        .collect();
    files.push((urls::API_INDEX.to_owned(), crate::index::to_json(&index)));
    files
}
