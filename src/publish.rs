//! What `build`, `index` and `query` publish: the catalog of one day, the lifecycle from git, the
//! checkout, and the JSON index assembled from them. One assembly, so that the site's pages, the
//! index and the answers of `query` cannot disagree.

use crate::asof::AsOf;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::index::{Index, IndexOptions};
use crate::lifecycle::{Checkout, History, HistoryError};
use crate::lint::SchemaError;
use crate::lint::schema::FieldSchema;

/// What the command line says about a publication; unset addresses come from `[site]`.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// Leave out the lifecycle from git (timelines, feed, history pages, index events).
    pub no_history: bool,
    pub base_url: Option<String>,
    pub source_url: Option<String>,
    /// The history, when it was walked already for the same commit and profile (`serve` keeps
    /// it from one build to the next): not walked again.
    pub history: Option<History>,
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
    /// Things the user should know about the publication (a shallow clone's short history).
    pub warnings: Vec<String>,
    /// The profile's frontmatter schema, compiled once for the blockers and kept for the
    /// site's process findings.
    pub schema: FieldSchema,
}

/// Why nothing is published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Documents that cannot be published faithfully ([`crate::lint::publishable`]).
    #[error("{} problem(s) stop the publication", .0.len())]
    Blocked(Vec<Diagnostic>),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// The repository cannot be read: a publication without its history (or with a false one)
    /// would be silently wrong; `--no-history` publishes without it on purpose.
    #[error("cannot read the lifecycle from git (pass --no-history to publish without it)")]
    History(#[source] HistoryError),
}

/// Assembles the publication of `corpus` as of `as_of`, or says why there is none. Outside a
/// repository there is no history and no checkout.
pub fn prepare<'c>(
    corpus: &'c Corpus,
    config: &Config,
    as_of: AsOf,
    opts: &PublishOptions,
) -> Result<Publication<'c>, PublishError> {
    let profile = &config.profile;
    let schema = FieldSchema::new(profile)?;
    let blockers = crate::lint::publishable::blockers(corpus, config, &schema);
    if !blockers.is_empty() {
        return Err(PublishError::Blocked(blockers));
    }
    let catalog = Catalog::new(corpus, profile, as_of);
    let mut warnings = Vec::new();
    let history = if opts.no_history {
        None
    } else if let Some(known) = &opts.history {
        Some(known.clone())
    } else {
        crate::lifecycle::walk_if_repository(&corpus.root, profile, &Default::default())
            .map_err(PublishError::History)?
    };
    if history.is_none() && !opts.no_history {
        warnings.push(format!(
            "{} is not in a git repository with commits: the site and the index have no \
             lifecycle events, timelines, history pages or feed entries from commits (build from \
             a clone of the repository for them; `--no-history` says this is meant)",
            corpus.root.display()
        ));
    }
    if history.as_ref().is_some_and(|h| h.shallow) {
        warnings.push(
            "the repository is a shallow clone: documents' lifecycles start at its oldest commit \
             (fetch the whole history, e.g. `git fetch --unshallow`, for true dates and events)"
                .to_owned(),
        );
    }
    let checkout: Option<Checkout> =
        crate::lifecycle::checkout(&corpus.root).map_err(PublishError::History)?;
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
    Ok(Publication {
        corpus,
        catalog,
        with_history: !opts.no_history,
        history,
        index,
        base_url,
        source_url,
        warnings,
        schema,
    })
}
