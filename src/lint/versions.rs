//! Rules on the chain of major versions: "the major version number MUST be incremented by 1"
//! and "It MUST refer to the old document in its `replaces` metadata" (SCS-0001, *Proposal of a
//! major update to a stable document*); "the numbering starts at one for each document"
//! (*Document format*).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::document::{DocName, Document, Kind};
use crate::rules::RuleId;

/// missing-replaces and version-gap for one document.
pub fn check_document(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(own) = &doc.name else { return };
    let Some(number) = own.number else { return };
    if own.kind != Kind::Primary || own.version < 2 {
        return;
    }
    let previous_version = own.version - 1;
    let previous = cx.corpus.version(number, Kind::Primary, previous_version);
    let previous_id = format!(
        "{}-v{previous_version}",
        own.standard_id().unwrap_or_default()
    );
    let Some(previous) = previous else {
        out.push(gap(cx, doc, own, &previous_id));
        return;
    };
    let named: Vec<Option<&Document>> = doc
        .fields
        .replaces
        .iter()
        .flat_map(|l| &l.items)
        .map(|i| cx.corpus.resolve(&i.value))
        .collect();
    // An empty list, a name that resolves to nothing or to this document itself: reported at
    // the same place by `invalid-value`, `reference-missing`, `self-reference`.
    let broken = doc.fields.replaces.is_some()
        && (named.is_empty() || named.iter().any(|d| d.is_none_or(|d| std::ptr::eq(d, doc))));
    if broken {
        return;
    }
    let names_previous = named.iter().flatten().any(|d| std::ptr::eq(*d, previous));
    if names_previous {
        return;
    }
    let (span, label) = match (&doc.fields.replaces, &doc.fields.doc_type) {
        (Some(list), _) => (list.span, "the previous version is not named here"),
        (None, Some(t)) => (t.key_span, "no `replaces`"),
        (None, None) => (doc.first_key_span(), "no `replaces`"),
    };
    out.push(
        doc.diag(
            RuleId::MissingReplaces,
            span,
            format!(
                "{} is a new major version, but `replaces` does not name the previous version, `{}`",
                own.id(),
                previous.file_name
            ),
        )
        .with_label(label)
        .with_help(format!(
            "add it to the frontmatter:\nreplaces:\n  - {}",
            previous.file_name
        )),
    );
}

fn gap(cx: &Context<'_>, doc: &Document, own: &DocName, previous_id: &str) -> Diagnostic {
    let highest_below = cx
        .corpus
        .documents
        .iter()
        .filter_map(|d| d.name.as_ref())
        .filter(|n| n.number == own.number && n.kind == Kind::Primary && n.version < own.version)
        .map(|n| n.version)
        .max();
    let help = match highest_below {
        Some(v) => format!(
            "the highest earlier version is v{v}: the next version is v{}; if {previous_id} was \
             removed from the repository, `lint --history` finds it in git",
            v + 1
        ),
        None => format!(
            "versions start at v1: a new document is `…-v1-…`; if {previous_id} was removed from \
             the repository, `lint --history` finds it in git"
        ),
    };
    // The version is in the file name, not the text: the finding is on the file.
    Diagnostic::file(
        RuleId::VersionGap,
        &doc.display,
        format!(
            "{} has no previous version: {previous_id} is not a document of this corpus",
            own.id()
        ),
    )
    .with_help(help)
}

/// With history at hand (`lint --history`): a previous version that existed in git but was
/// removed since is not a gap ("no v1 in the corpus or its history").
pub fn drop_gaps_known_to(
    corpus: &crate::corpus::Corpus,
    history: &crate::lifecycle::History,
    prefix: &str,
    found: &mut Vec<Diagnostic>,
) {
    use crate::document::name::{NameClass, classify};
    let ever: std::collections::HashSet<(u32, u32)> = history
        .documents
        .iter()
        .flat_map(|t| &t.paths)
        .filter_map(|p| match classify(crate::paths::file_name(p), prefix) {
            NameClass::Document(n) if n.kind == Kind::Primary => Some((n.number?, n.version)),
            _ => None,
        })
        .collect();
    found.retain(|d| {
        if d.rule != RuleId::VersionGap {
            return true;
        }
        let named = corpus
            .documents
            .iter()
            .find(|doc| doc.display == d.file)
            .and_then(|doc| doc.name.as_ref());
        !named.is_some_and(|n| {
            n.number
                .is_some_and(|number| ever.contains(&(number, n.version.saturating_sub(1))))
        })
    });
}
