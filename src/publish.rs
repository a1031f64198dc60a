//! What `build`, `index` and `query` publish: the catalog of one day, the lifecycle from git, the
//! checkout, and the JSON index assembled from them. One assembly, so that the site's pages, the
//! index and the answers of `query` cannot disagree.

use crate::asof::AsOf;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::index::{Index, IndexOptions};
use crate::lifecycle::{Checkout, History};

/// What the command line says about a publication; unset addresses come from `[site]`.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// Leave out the lifecycle from git (timelines, feed, history pages, index events).
    pub no_history: bool,
    pub base_url: Option<String>,
    pub source_url: Option<String>,
}

/// Everything published about a corpus on one day.
#[derive(Debug)]
pub struct Publication<'c> {
    pub corpus: &'c Corpus,
    pub catalog: Catalog<'c>,
    /// Whether the lifecycle was asked for (`--no-history` not given).
    pub with_history: bool,
    /// `None` with `--no-history`, outside git, or when the repository cannot be read.
    pub history: Option<History>,
    pub index: Index,
    /// The site's public address (flag, else `[site] base_url`).
    pub base_url: Option<String>,
    /// Where the source files can be read online (flag, else `[site] source_url`).
    pub source_url: Option<String>,
    /// Problems that left something out (a repository that cannot be read), for the user.
    pub warnings: Vec<String>,
}

/// Assembles the publication of `corpus` as of `as_of`. Outside a repository there is no
/// history and no checkout; a repository that cannot be read gives the same publication, with
/// a warning.
pub fn prepare<'c>(
    corpus: &'c Corpus,
    config: &Config,
    as_of: AsOf,
    opts: &PublishOptions,
) -> Publication<'c> {
    let profile = &config.profile;
    let catalog = Catalog::new(corpus, profile, as_of);
    let mut warnings = Vec::new();
    let history = if opts.no_history {
        None
    } else {
        crate::lifecycle::walk_if_repository(&corpus.root, profile, &Default::default())
            .unwrap_or_else(|e| {
                warnings.push(format!("no lifecycle events from git: {e}"));
                None
            })
    };
    let checkout: Option<Checkout> = crate::lifecycle::checkout(&corpus.root).unwrap_or_else(|e| {
        warnings.push(format!("no source commit in the index: {e}"));
        None
    });
    let site = &config.site;
    let base_url = opts.base_url.clone().or_else(|| site.base_url.clone());
    let source_url = opts.source_url.clone().or_else(|| site.source_url.clone());
    let index = crate::index::build(
        corpus,
        profile,
        &catalog,
        &IndexOptions {
            history: history.as_ref(),
            checkout: checkout.as_ref(),
            base_url: base_url.clone(),
            source_url: source_url.clone(),
        },
    );
    Publication {
        corpus,
        catalog,
        with_history: !opts.no_history,
        history,
        index,
        base_url,
        source_url,
        warnings,
    }
}
