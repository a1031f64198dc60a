//! The lint: every rule of the document process, run over a loaded corpus.

pub mod active;
mod anchor;
pub mod baseline;
mod body;
mod canonical;
pub mod change;
pub mod dates;
mod eras;
pub mod fix;
pub mod link_target;
pub(crate) mod link_text;
mod names;
pub mod normative;
pub mod publishable;
mod references;
pub mod run;
pub mod schema;
mod scope_history;
pub mod scopes;
mod sections;
mod status;
pub mod suppress;
pub mod versions;

use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use rayon::prelude::*;
use schema::FieldSchema;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use schema::SchemaError;

/// What every rule can see: the configuration and the whole corpus, with indexes built once.
pub struct Context<'a> {
    pub config: &'a Config,
    pub corpus: &'a Corpus,
    pub schema: &'a FieldSchema,
    /// For each document (by index), the documents that name it in `replaces`.
    replacers: Vec<Vec<usize>>,
    by_path: HashMap<PathBuf, usize>,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a Config, corpus: &'a Corpus, schema: &'a FieldSchema) -> Self {
        let mut replacers = vec![Vec::new(); corpus.documents.len()];
        for (j, d) in corpus.documents.iter().enumerate() {
            for item in d.fields.replaces.iter().flat_map(|l| &l.items) {
                if let Some(r) = corpus
                    .resolve_reference(&item.value)
                    .and_then(|i| replacers.get_mut(i))
                    && !r.contains(&j)
                {
                    r.push(j);
                }
            }
        }
        let by_path = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (crate::paths::normalize(&d.path), i))
            .collect();
        Context {
            config,
            corpus,
            schema,
            replacers,
            by_path,
        }
    }

    /// Whether some document of the corpus names `doc` in its `replaces`.
    pub fn has_replacers(&self, doc: &Document) -> bool {
        self.corpus
            .index_of(&doc.file_name)
            .and_then(|i| self.replacers.get(i))
            .is_some_and(|r| !r.is_empty())
    }

    /// The loaded document at a (normalised) path, if the path is one of the corpus.
    pub fn document_at(&self, path: &Path) -> Option<&'a Document> {
        self.by_path
            .get(path)
            .and_then(|&i| self.corpus.documents.get(i))
    }
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").finish_non_exhaustive()
    }
}

/// Runs every rule; returns the findings levelled by the configuration, sorted by file and
/// position. Rules switched off (globally or for a file) are dropped.
pub fn lint(corpus: &Corpus, config: &Config) -> Result<Vec<Diagnostic>, SchemaError> {
    let schema = FieldSchema::new(&config.profile)?;
    Ok(lint_with(corpus, config, &schema))
}

pub fn lint_with(corpus: &Corpus, config: &Config, schema: &FieldSchema) -> Vec<Diagnostic> {
    let cx = Context::new(config, corpus, schema);
    let all: Vec<Diagnostic> = corpus
        .documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, doc)| document_findings(&cx, i, doc))
        .collect();
    finish(&cx, all)
}

/// The findings of the document at index `i` that the document-by-document rules make (with
/// the rest of the corpus in view), before levels and suppressions: the part of a lint that an
/// editor makes again for the documents an edit touches ([`finish`] adds the rest).
pub fn document_findings(cx: &Context<'_>, i: usize, doc: &Document) -> Vec<Diagnostic> {
    let mut out = doc.load_findings.clone();
    names::check_document(cx, doc, &mut out);
    if doc.frontmatter.is_some() {
        cx.schema.check(doc, &mut out);
        body::check_dates(doc, &mut out);
        references::check_document(cx, i, doc, &mut out);
        versions::check_document(cx, doc, &mut out);
        status::check_document(cx, doc, &mut out);
        sections::check_sections(cx, doc, &mut out);
    }
    body::check_links(cx, doc, body::Scope::All, &mut out);
    out
}

/// The lint's result from the [`document_findings`] of every document: with the findings of
/// the corpus as a whole (unreadable files, scopes, duplicates, more than one Stable version),
/// levelled by the configuration, without what the documents suppress.
pub fn finish(cx: &Context<'_>, mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (corpus, config) = (cx.corpus, cx.config);
    all.extend(corpus.findings.iter().cloned());
    all.extend(scopes::check(corpus, config));
    names::check_duplicates(cx, &mut all);
    references::check_multiple_stable(cx, &mut all);
    let all = apply_levels(corpus, config, all);
    // Suppressions of the rules of history and change are judged where those are.
    suppressed(corpus, config, all, |r| !r.rule().group.is_history(), true)
}

/// `findings` (levelled) without those the documents suppress, with the findings about the
/// suppressions: those whose rules were all `judged` and matched nothing, and (with
/// `report_invalid`) invalid ones.
pub fn suppressed(
    corpus: &Corpus,
    config: &Config,
    findings: Vec<Diagnostic>,
    judged: impl Fn(crate::rules::RuleId) -> bool,
    report_invalid: bool,
) -> Vec<Diagnostic> {
    let (mut kept, mut about) = suppress::apply(corpus, findings, judged);
    // An invalid suppression is reported once, by the static lint.
    if !report_invalid {
        about.retain(|d| d.rule != crate::rules::RuleId::SuppressionInvalid);
    }
    if !about.is_empty() {
        kept.extend(apply_levels(corpus, config, about));
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    kept
}

/// Levels findings of `corpus` by the configuration (dropping those switched off) and sorts
/// them by file and position.
pub fn apply_levels(corpus: &Corpus, config: &Config, mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Scope files lie outside the source folder: they are matched by their path in the
    // repository (`Tests/scs-compatible-iaas.yaml`).
    let rel_of: HashMap<&str, &str> = corpus
        .documents
        .iter()
        .map(|d| (d.display.as_str(), d.rel_path.as_str()))
        .chain(
            corpus
                .scopes
                .iter()
                .map(|s| (s.display.as_str(), s.rel_path.as_str())),
        )
        .collect();
    let rel = |file: &str| rel_of.get(file).copied().unwrap_or(file).to_owned();
    let eras = eras::EraLevels::new(corpus, &config.profile);
    eras.explain(&mut all, |d| config.sets_level(d.rule, &rel(&d.file)));
    config.apply_levels_with(&mut all, rel, |d| eras.default_level(d));
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

pub use crate::diagnostic::Summary;

/// The candidate within a small edit distance of `word` (for "did you mean" hints).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 4).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
