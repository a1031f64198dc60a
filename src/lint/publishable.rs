//! What stops a publication: documents that `build` and `index` cannot publish faithfully. Both
//! refuse the whole corpus when one is found (see the book's "Guarantees"): a site or an index
//! that silently lacks a document, or lists one with no title, type or track, would tell every
//! reader and every compliance checker something false.

use super::{Context, body, names};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::frontmatter::Value;
use crate::rules::RuleId;
use rayon::prelude::*;

use super::schema::FieldSchema;

/// The findings that stop `build` and `index`, in the lint's words, as errors whatever the
/// configuration says (switching a rule off silences the lint, not this), sorted like the lint's.
pub fn blockers(corpus: &Corpus, config: &Config, schema: &FieldSchema) -> Vec<Diagnostic> {
    let cx = Context::new(config, corpus, schema);
    let mut all: Vec<Diagnostic> = corpus
        .documents
        .par_iter()
        .flat_map_iter(|doc| of_document(&cx, doc))
        .collect();
    // Files that could not be read at all (documents and scope files).
    all.extend(corpus.findings.iter().cloned());
    // Scope files that are not YAML mappings: their certification pages and index entries would
    // be missing.
    all.extend(
        corpus
            .scopes
            .iter()
            .flat_map(|s| s.load_findings.iter().cloned()),
    );
    // Two files published under one id (case-only twins included).
    let mut duplicates = Vec::new();
    names::check_duplicates(&cx, &mut duplicates);
    all.extend(duplicates);
    for d in &mut all {
        d.severity = Severity::Error;
    }
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

fn of_document(cx: &Context<'_>, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A frontmatter that is missing, unterminated, not YAML or not a mapping.
    out.extend(
        doc.load_findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned(),
    );
    // A file name that names no document: it would have no id and no page.
    if doc.name.is_none() {
        let mut named = Vec::new();
        names::check_document(cx, doc, &mut named);
        out.extend(named.into_iter().filter(|d| d.rule == RuleId::FileName));
    }
    if doc.frontmatter.is_some() && doc.load_findings.is_empty() {
        let fields = unpublishable_fields(cx, doc);
        if !fields.is_empty() {
            let mut checked = Vec::new();
            cx.schema.check(doc, &mut checked);
            let before = out.len();
            out.extend(checked.into_iter().filter(|d| {
                matches!(d.rule, RuleId::MissingField | RuleId::InvalidValue)
                    && fields.iter().any(|f| d.message.contains(&format!("`{f}`")))
            }));
            // The schema describes every such case; this is a net should it ever not.
            if out.len() == before {
                out.push(Diagnostic::file(
                    RuleId::InvalidValue,
                    &doc.display,
                    format!("`{}` cannot be published as written", fields.join("`, `")),
                ));
            }
        }
    }
    // A link or image that leads outside the source folder (or into a hidden folder) is never
    // published, nor a linked file that would run in readers' browsers.
    let mut links = Vec::new();
    body::check_links(cx, doc, body::Scope::Blockers, &mut links);
    out.extend(
        links
            .into_iter()
            .filter(|d| matches!(d.rule, RuleId::LinkOutside | RuleId::ActiveContent)),
    );
    out
}

/// The fields every published entry has, where this document's value is missing or not one the
/// profile knows: `title` when it is written but is not text, `type`, `track`, and `status` when
/// it is given.
fn unpublishable_fields(cx: &Context<'_>, doc: &Document) -> Vec<&'static str> {
    let profile = &cx.config.profile;
    let f = &doc.fields;
    let mut fields = Vec::new();
    // No `title`, or an empty one, is allowed (pages use the first heading); a `title` that is
    // a list or a number is not.
    let written = doc.frontmatter.as_ref().and_then(|r| r.entry("title"));
    if written.is_some_and(|(_, v)| !matches!(v.value, Value::Null) && f.title.is_none()) {
        fields.push("title");
    }
    if f.doc_type
        .as_ref()
        .is_none_or(|t| profile.doc_type(&t.value).is_none())
    {
        fields.push("type");
    }
    if f.track
        .as_ref()
        .is_none_or(|t| profile.track_by_name(&t.value).is_none())
    {
        fields.push("track");
    }
    if f.status
        .as_ref()
        .is_some_and(|s| !profile.statuses.all().contains(&s.value.as_str()))
    {
        fields.push("status");
    }
    fields
}
