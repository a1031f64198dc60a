//! The certificate scopes checked: each scope file against the scope schema, within itself
//! (ids, includes, timeline), against the documents it names, and against the scope documents
//! that describe its versions. One file per concern; [`check`] runs them all once per corpus.

mod documents;
mod in_force;
mod references;
mod schema;
mod structure;
mod unused;
mod urls;

use crate::certification::{Resolved, resolve};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;

/// What every scope check sees: the corpus, its configuration and the scopes connected to it.
pub struct ScopeContext<'a> {
    pub config: &'a Config,
    pub corpus: &'a Corpus,
    pub scopes: Vec<Resolved<'a>>,
}

impl std::fmt::Debug for ScopeContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopeContext").finish_non_exhaustive()
    }
}

/// Every finding about the scope files of `corpus` (and about scope documents, where they
/// disagree with a scope file).
pub fn check(corpus: &Corpus, config: &Config) -> Vec<Diagnostic> {
    if corpus.scopes.is_empty() {
        return Vec::new();
    }
    let cx = ScopeContext {
        config,
        corpus,
        scopes: resolve(corpus, &config.profile),
    };
    let mut out = Vec::new();
    for file in &corpus.scopes {
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
