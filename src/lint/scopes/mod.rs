//! The certificate scopes checked: each scope file against the scope schema, within itself
//! (ids, includes, timeline), against the documents it names, and against the scope documents
//! that describe its versions. One file per concern; [`check`] runs them all once per corpus.

mod documents;
mod in_force;
mod links;
mod references;
mod schema;
mod structure;
mod unused;
mod urls;

use crate::certification::{Resolved, resolve_files};
use crate::scopes::ScopeFile;
pub use schema::SCOPE_SCHEMA;

use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;

/// What every scope check sees: the corpus, its configuration and the scopes connected to it.
pub struct ScopeContext<'a> {
    pub config: &'a Config,
    pub corpus: &'a Corpus,
    /// The scope files checked (the corpus's own, or others against its documents).
    pub files: &'a [ScopeFile],
    pub scopes: Vec<Resolved<'a>>,
    /// The day findings are ordered for (the period of today first). What is found does not
    /// depend on it, only which period a finding names first.
    pub today: jiff::civil::Date,
}

impl std::fmt::Debug for ScopeContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopeContext").finish_non_exhaustive()
    }
}

/// Every finding about the scope files of `corpus` (and about scope documents, where they
/// disagree with a scope file).
pub fn check(corpus: &Corpus, config: &Config) -> Vec<Diagnostic> {
    check_files(corpus, config, &corpus.scopes)
}

/// The same for given scope files, checked against the documents of `corpus`.
pub fn check_files(corpus: &Corpus, config: &Config, files: &[ScopeFile]) -> Vec<Diagnostic> {
    if files.is_empty() {
        return Vec::new();
    }
    let cx = ScopeContext {
        config,
        corpus,
        files,
        scopes: resolve_files(corpus, &config.profile, files),
        today: crate::asof::today(),
    };
    let mut out = Vec::new();
    for file in files {
        out.extend(file.load_findings.iter().cloned());
    }
    schema::check(&cx, &mut out);
    structure::check(&cx, &mut out);
    references::check(&cx, &mut out);
    urls::check(&cx, &mut out);
    in_force::check(&cx, &mut out);
    documents::check(&cx, &mut out);
    unused::check(&cx, &mut out);
    out
}
