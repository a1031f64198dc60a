//! `normwerk build`: the static site. Pages are rendered from the catalog on all cores and
//! written at once into a staging folder beside the output (`sink`); their internal links are
//! checked, and only then does the staging folder take the place of the output, so that a failed
//! build leaves the previous site untouched.
//!
//! [`build`] runs the steps; the page kinds are in [`pages`], what the templates see in `views`,
//! the templates themselves in `theme`.

mod attachments;
mod branding;
mod charts;
pub mod diff;
mod fingerprint;
mod incremental;
mod linkcheck;
pub mod markdown;
mod memory;
mod pages;
mod releases;
mod scope_views;
mod search;
mod sink;
mod theme;
mod views;

pub use incremental::{Incremental, Made};
pub use memory::Memory;
pub use sink::Target;

use crate::config::Config;
use crate::publish::Publication;
use crate::urls;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot read {path}: {reason}")]
    Read {
        path: PathBuf,
        reason: crate::confined::Refusal,
    },
    #[error("logo {}: {message}", .path.display())]
    Logo { path: PathBuf, message: String },
    #[error("{} broken internal link(s):\n{}", .0.len(), .0.join("\n"))]
    BrokenLinks(Vec<String>),
    #[error("--base-url / [site] base_url: {0}")]
    BaseUrl(String),
    #[error("{} linked file(s) would replace another file of the site; nothing was written:\n{}", .0.len(), .0.join("\n"))]
    Clashes(Vec<String>),
    #[error("{} file(s) of the site would be made twice, one replacing the other; nothing was written:\n{}", .0.len(), .0.join("\n"))]
    MadeTwice(Vec<String>),
    #[error("release {name}: {message}")]
    Release { name: String, message: String },
}

/// How the site is made: where it goes, which templates, its branding. What it shows comes
/// from the [`Publication`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub branding: branding::Branding,
    /// Document pages note the lint's process findings (`[site] findings`, default on).
    pub findings: bool,
    /// Set for the frozen copy of a release (`releases/NAME/`): its pages say so.
    pub frozen: Option<releases::Frozen>,
    /// Build even when the site in place was made from the same inputs (`build --force`).
    pub force: bool,
}

impl BuildOptions {
    /// The command line's choices, else `[site]` of the configuration (paths relative to its
    /// file), else `site/`, the built-in templates and the profile's branding.
    pub fn resolve(out: Option<PathBuf>, templates: Option<PathBuf>, config: &Config) -> Self {
        let site = &config.site;
        BuildOptions {
            out: out
                .or_else(|| site.out.as_ref().map(|o| config.resolve(o)))
                .unwrap_or_else(|| PathBuf::from("site")),
            templates: templates.or_else(|| site.templates.as_ref().map(|t| config.resolve(t))),
            branding: branding::Branding::resolve(config),
            findings: site.findings.unwrap_or(true),
            frozen: None,
            force: false,
        }
    }
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub pages: usize,
    pub out: PathBuf,
    /// What the reader should know: releases that could not be published.
    pub warnings: Vec<String>,
    /// The site was made from the same inputs before and is whole: nothing was written.
    pub unchanged: bool,
}

/// Builds the site of a publication into `opts.out`; `config` gives the profile and the rule
/// levels of the process findings the pages note. The folder is replaced only when the whole
/// site is made and its links check.
pub fn build(
    publication: &Publication<'_>,
    config: &Config,
    opts: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let force = opts.force;
    crate::output::check_output(&publication.corpus.root, &opts.out)?;
    // Nothing to do when the site was made from the same inputs and is whole.
    let inputs = fingerprint::of(publication, config, opts);
    if !force && fingerprint::unchanged(&opts.out, &inputs) {
        crate::output::Staged::clean_leftovers(&opts.out)?;
        return Ok(BuildReport {
            pages: 0,
            out: opts.out.clone(),
            warnings: Vec::new(),
            unchanged: true,
        });
    }
    let staged = crate::output::Staged::begin(&opts.out)?;
    let rendered = render(publication, config, opts, &staged)?;
    let sizes: Vec<(String, u64)> = rendered
        .files
        .iter()
        .map(|f| (f.clone(), staged.size(f).unwrap_or(u64::MAX)))
        .collect();
    staged.write(
        fingerprint::FILE,
        fingerprint::record(&inputs, &sizes).as_bytes(),
    )?;
    staged.commit()?;
    Ok(BuildReport {
        pages: rendered.pages,
        out: opts.out.clone(),
        warnings: rendered.warnings,
        unchanged: false,
    })
}

/// What [`render`] made.
#[derive(Debug)]
pub struct Rendered {
    /// How many HTML pages.
    pub pages: usize,
    /// Every file, sorted by path, with the links of its pages.
    pub written: sink::Written,
    /// Every file of the site by path: those written and the linked files copied.
    pub files: Vec<String>,
    pub warnings: Vec<String>,
    /// The lint's findings the pages note (none when `opts.findings` is off).
    pub findings: Vec<crate::diagnostic::Diagnostic>,
}

/// Renders the whole site of a publication into `target` (a staging folder, or memory) and
/// checks its links.
pub fn render(
    publication: &Publication<'_>,
    config: &Config,
    opts: &BuildOptions,
    staged: &dyn Target,
) -> Result<Rendered, BuildError> {
    render_with(publication, config, opts, staged, None)
}

/// A rebuild of the preview (incremental.rs): the findings it planned with, the pages it makes
/// (`None`: all), the search index's parts kept between builds, and what the build before made
/// (the files not made again are as it made them).
struct Rebuild<'a> {
    findings: Vec<crate::diagnostic::Diagnostic>,
    partial: Option<&'a pages::Partial>,
    parts: &'a search::Parts,
    before: sink::Written,
}

fn render_with(
    publication: &Publication<'_>,
    config: &Config,
    opts: &BuildOptions,
    staged: &dyn Target,
    rebuild: Option<Rebuild<'_>>,
) -> Result<Rendered, BuildError> {
    let corpus = publication.corpus;
    let profile = &config.profile;
    let (planned, partial, parts, before) = match rebuild {
        Some(r) => (Some(r.findings), r.partial, Some(r.parts), r.before),
        None => (None, None, None, Vec::new()),
    };
    // The static rules (the pages note their findings) beside the rest of the preparation: at
    // 10,000 documents each is a few tens of milliseconds that one core would wait for.
    let (findings, prepared) = rayon::join(
        || match planned {
            Some(findings) => findings,
            // With the schema the publication compiled.
            None if opts.findings => crate::lint::lint_with(corpus, config, &publication.schema),
            None => Vec::new(),
        },
        || -> Result<_, BuildError> {
            let theme = theme::Theme::load(opts.templates.as_deref())?;
            let logo = branding::logo_file(&opts.branding)?;
            // Outside a repository (or with --no-history) the site has no timelines and an
            // empty feed.
            let events = publication
                .history
                .as_ref()
                .map(|h| views::events(h, corpus));
            Ok((theme, logo, events))
        },
    );
    let (theme, logo, events) = prepared?;
    let released = releases::load(corpus, config);
    let ctx = pages::Context::new(
        publication,
        profile,
        &theme,
        opts,
        events.as_deref(),
        &findings,
    )
    .with_releases(&released.views);
    let ctx = match parts {
        Some(parts) => ctx.with_partial(partial, parts),
        None => ctx,
    };
    let sink = sink::Sink::new(staged);
    pages::render(&ctx, &sink)?;
    let mut made_again = Vec::new();
    let mut written = match partial {
        // The sitemap and the releases' copies are as before: the pages are the same ones, and
        // a copy is made from git alone.
        Some(_) => {
            let made = sink.finish()?;
            made_again = made.iter().map(|(p, _)| p.clone()).collect();
            incremental::merge(before, made)?
        }
        None => {
            sink.emit_all(pages::feeds::sitemap(&ctx, &sink.paths())?)?;
            let mut written = sink.finish()?;
            written.extend(releases::render_frozen(
                staged, &released, &ctx, config, &theme,
            )?);
            written
        }
    };
    written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let made = |path: &str| {
        written
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .is_ok()
    };
    let (attached, mut clashes) = attachments::linked_files(corpus);
    // A linked file never replaces a page: `../../api/v1/index.json` from a document two
    // folders down would otherwise put its own file in the place of the published index.
    clashes.extend(
        attached
            .iter()
            .filter(|(path, _)| made(path))
            .map(|(path, a)| {
                format!(
                    "{}: `{}` would be published at {path}, in the place of a page of the site",
                    a.linked_from, a.dest
                )
            }),
    );
    if !clashes.is_empty() {
        return Err(BuildError::Clashes(clashes));
    }
    let copied: BTreeMap<String, PathBuf> = attached
        .into_iter()
        .map(|(path, a)| (path, a.source))
        .chain(logo)
        .collect();
    for (path, from) in &copied {
        staged.copy(path, from)?;
    }
    let sources = corpus
        .documents
        .iter()
        .map(|d| {
            (
                format!("{}index.html", urls::document(d)),
                d.display.clone(),
            )
        })
        .collect();
    let made: Option<rustc_hash::FxHashSet<&str>> =
        partial.map(|_| made_again.iter().map(String::as_str).collect());
    linkcheck::check(&written, &copied, &sources, made.as_ref())?;
    let pages = written.iter().filter(|(p, _)| p.ends_with(".html")).count();
    let mut files: Vec<String> = written
        .iter()
        .map(|(p, _)| p.clone())
        .chain(copied.keys().cloned())
        .collect();
    files.sort_unstable();
    Ok(Rendered {
        pages,
        written,
        files,
        warnings: released.warnings,
        findings,
    })
}
