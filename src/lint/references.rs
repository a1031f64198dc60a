//! Rules on references between documents: `replaces`, `replaced_by`, `supplements`, successors,
//! and the number of Stable versions of a standard.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Related};
use crate::document::{DocName, Document, Kind, RefList, Spanned};
use crate::edit::frontmatter::Frontmatter;
use crate::rules::RuleId;
use std::collections::BTreeMap;

fn related(doc: &Document, message: impl Into<String>) -> Related {
    let span = doc.fields.status.as_ref().map(|s| s.span);
    Related {
        file: doc.display.clone(),
        span,
        start: span.map(|s| doc.lines().position(&doc.text, s.start)),
        message: message.into(),
    }
}

pub fn check_document(cx: &Context<'_>, index: usize, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(own) = &doc.name else { return };
    let f = &doc.fields;
    let lists: [(&str, &Option<RefList>); 3] = [
        ("replaces", &f.replaces),
        ("replaced_by", &f.replaced_by),
        ("supplements", &f.supplements),
    ];
    for (key, list) in lists {
        let Some(list) = list else { continue };
        for item in &list.items {
            let Some(target) = cx.corpus.resolve(&item.value) else {
                out.push(missing(cx, doc, key, item));
                continue;
            };
            if std::ptr::eq(target, doc) {
                out.push(
                    doc.diag(
                        RuleId::SelfReference,
                        item.span,
                        format!("`{key}` names this document itself"),
                    )
                    .with_label("this file")
                    .with_help(match key {
                        "replaces" => "name the earlier version this document replaces",
                        "replaced_by" => "name the document that replaces this one",
                        _ => "a supplement names the primary documents it extends",
                    }),
                );
                continue;
            }
            let Some(t) = &target.name else { continue };
            let r = Reference {
                own,
                item,
                target,
                t,
            };
            let found = match key {
                "replaces" => replaces(doc, &r),
                "replaced_by" => {
                    out.extend(successor_not_stable(cx, doc, &r));
                    replaced_by(cx, doc, &r)
                }
                _ => supplements(doc, &r),
            };
            out.extend(found);
        }
    }
    check_successors(cx, index, doc, out);
}

/// A reference from a document (named `own`) to a `target` of the corpus (named `t`).
#[derive(Clone, Copy)]
struct Reference<'a> {
    own: &'a DocName,
    item: &'a Spanned<String>,
    target: &'a Document,
    t: &'a DocName,
}

/// replaces-version: `replaces` names an earlier version of the same number, or a primary
/// document of another number (a breaking change may get a new number, SCS-0001 *Stabilized
/// phase*), never a later or the same version, nor a supplement.
fn replaces(doc: &Document, r: &Reference<'_>) -> Option<Diagnostic> {
    let Reference {
        own,
        item,
        target,
        t,
    } = *r;
    // An earlier version of the same number, or a document under another number: "a new
    // document with a new number shall be created and the old document SHOULD be deprecated".
    if t.kind == Kind::Primary && (t.number != own.number || t.version < own.version) {
        return None;
    }
    Some(
        doc.diag(
            RuleId::ReplacesVersion,
            item.span,
            format!(
                "`replaces` names `{}`, which is not an earlier version of {}",
                target.file_name,
                own.standard_id().unwrap_or_else(|| own.id())
            ),
        )
        .with_label("not an earlier version of this number")
        .with_help("a new version keeps its number and replaces a lower version; a different subject gets a new number"),
    )
}

/// replaces-version (an earlier version named as successor) and replacement-reciprocity.
fn replaced_by(cx: &Context<'_>, doc: &Document, r: &Reference<'_>) -> Option<Diagnostic> {
    let Reference {
        own,
        item,
        target,
        t,
    } = *r;
    if t.number == own.number && t.kind == own.kind && t.version <= own.version {
        return Some(
            doc.diag(
                RuleId::ReplacesVersion,
                item.span,
                format!(
                    "`replaced_by` names `{}`, an earlier version",
                    target.file_name
                ),
            )
            .with_label("not a later version")
            .with_help("the successor of a version is a later version (or another document)"),
        );
    }
    let lists_us = target.fields.replaces.as_ref().is_some_and(|r| {
        r.items.iter().any(|i| {
            cx.corpus
                .resolve(&i.value)
                .is_some_and(|d| std::ptr::eq(d, doc))
        })
    });
    if lists_us {
        return None;
    }
    Some(
        doc.diag(
            RuleId::ReplacementReciprocity,
            item.span,
            format!(
                "`{}` is named as the successor, but its `replaces` does not name `{}`",
                target.file_name, doc.file_name
            ),
        )
        .with_label("successor does not list this document")
        .with_related(related(target, "the successor"))
        .with_help(format!(
            "add `{}` to `replaces` in `{}`",
            doc.file_name, target.file_name
        )),
    )
}

/// replaced-by-not-stable: a successor "can only be" named "once the new document is `Stable`"
/// (SCS-0001, *Proposal of a major update*). A Deprecated successor has been Stable.
fn successor_not_stable(cx: &Context<'_>, doc: &Document, r: &Reference<'_>) -> Option<Diagnostic> {
    let st = &cx.config.profile.statuses;
    let f = &r.target.fields;
    // The sentence is about deprecating the previous version for a new one; a Rejected
    // document lists whatever replaces it ("it MUST be listed", SCS-0001 *Rejection*).
    if f.status_is(&st.stable)
        || f.status_is(&st.deprecated)
        || r.target.is_supplement()
        || doc.fields.status_is(&st.rejected)
    {
        return None;
    }
    let status = f
        .status
        .as_ref()
        .map_or("without status", |s| s.value.as_str());
    Some(
        doc.diag(
            RuleId::ReplacedByNotStable,
            r.item.span,
            format!(
                "`replaced_by` names `{}`, which is {status}: a successor is named once it is {}",
                r.target.file_name, st.stable
            ),
        )
        .with_label(format!("not {} yet", st.stable))
        .with_related(related(r.target, "the successor"))
        .with_help(format!(
            "stabilize `{}` first (or in the same change), then name it here",
            r.target.file_name
        )),
    )
}

/// supplement-target: a supplement extends primary documents of its own number; a supplement
/// of a proposal (`xxxx`) extends a proposal.
fn supplements(doc: &Document, r: &Reference<'_>) -> Option<Diagnostic> {
    let Reference {
        own,
        item,
        target,
        t,
    } = *r;
    if t.kind == Kind::Primary && t.number == own.number {
        return None;
    }
    Some(
        doc.diag(
            RuleId::SupplementTarget,
            item.span,
            format!(
                "a supplement extends primary documents of its own number ({}), not `{}`",
                own.standard_id()
                    .unwrap_or_else(|| format!("{}-xxxx", own.prefix)),
                target.file_name
            ),
        )
        .with_label("not a primary document of this number")
        .with_help(match (own.number, t.number) {
            (None, Some(_)) => format!(
                "a supplement \"uses the document number of the document it refers to\": name it \
                 `{}-{}-w{}-{}.md`",
                own.prefix,
                t.standard_id()
                    .and_then(|s| s.rsplit('-').next().map(str::to_owned))
                    .unwrap_or_default(),
                own.version,
                own.slug
            ),
            _ => "list the primary documents this supplement extends, of its own number".to_owned(),
        }),
    )
}

fn missing(cx: &Context<'_>, doc: &Document, key: &str, item: &Spanned<String>) -> Diagnostic {
    let mut d = doc
        .diag(
            RuleId::ReferenceMissing,
            item.span,
            format!(
                "`{key}` names `{}`, which is not a document of this corpus",
                item.value
            ),
        )
        .with_label("no such document");
    // Suggest the document with the same id, if the slug changed or was mistyped.
    let wanted = crate::document::name::parse(item.value.trim(), &cx.config.profile.prefix).ok();
    if let Some(w) = wanted
        && let Some(number) = w.number
        && let Some(other) = cx.corpus.version(number, w.kind, w.version)
    {
        d = d.with_help(format!("did you mean `{}`?", other.file_name));
    } else {
        d = d.with_help("references are file names of documents in the same folder, e.g. `scs-0100-v1-flavor-naming.md`");
    }
    d
}

/// A Deprecated or Rejected document lists every document that replaces it (and has been Stable).
fn check_successors(cx: &Context<'_>, index: usize, doc: &Document, out: &mut Vec<Diagnostic>) {
    let st = &cx.config.profile.statuses;
    let Some(status) = &doc.fields.status else {
        return;
    };
    if status.value != st.deprecated && status.value != st.rejected {
        return;
    }
    let listed: Vec<&Document> = doc
        .fields
        .replaced_by
        .iter()
        .flat_map(|l| &l.items)
        .filter_map(|i| cx.corpus.resolve(&i.value))
        .collect();
    let missing: Vec<&Document> = cx
        .replacers
        .get(index)
        .into_iter()
        .flatten()
        .filter(|&&j| j != index)
        .filter_map(|&j| cx.corpus.documents.get(j))
        .filter(|successor| {
            // A Deprecated document names its successor once that is Stable; a Rejected one
            // names any document that replaces it.
            let was_stable = successor.fields.status_is(&st.stable)
                || successor.fields.status_is(&st.deprecated);
            (was_stable || status.value == st.rejected)
                && !listed.iter().any(|l| std::ptr::eq(*l, *successor))
        })
        .collect();
    for successor in &missing {
        let (span, label) = match &doc.fields.replaced_by {
            Some(list) => (list.span, "the successor is missing here"),
            None => (status.span, "no `replaced_by`"),
        };
        let mut d = doc
            .diag(
                RuleId::MissingReplacedBy,
                span,
                format!(
                    "`{}` replaces this {} document, but `replaced_by` does not list it",
                    successor.file_name, status.value
                ),
            )
            .with_label(label)
            .with_related(related(
                successor,
                "the successor, which names this document in `replaces`",
            ))
            .with_help(format!(
                "add `{}` to `replaced_by` (a list of file names)",
                successor.file_name
            ));
        // With one successor missing, what to add is unambiguous: a safe fix.
        if let ([_], Some(fm)) = (missing.as_slice(), Frontmatter::new(doc)) {
            let after = ["deprecated_at", "rejected_at", "stabilized_at", "status"];
            if let Some(edit) = fm.add_to_list("replaced_by", &[&successor.file_name], &after) {
                d = d.with_fix(Fix::replace(
                    format!("add `{}` to `replaced_by`", successor.file_name),
                    edit.span,
                    edit.text,
                    Applicability::Safe,
                ));
            }
        }
        out.push(d);
    }
}

/// At most one version of a number is Stable at a time.
pub fn check_multiple_stable(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let stable = &cx.config.profile.statuses.stable;
    let mut by_number: BTreeMap<u32, Vec<&Document>> = BTreeMap::new();
    for d in &cx.corpus.documents {
        if let Some(n) = &d.name
            && let Some(number) = n.number
            && n.kind == Kind::Primary
            && d.fields.status_is(stable)
        {
            by_number.entry(number).or_default().push(d);
        }
    }
    for docs in by_number.values().filter(|v| v.len() > 1) {
        let newest = docs
            .iter()
            .max_by_key(|d| d.name.as_ref().map(|n| n.version))
            .copied();
        for d in docs {
            let Some(status) = &d.fields.status else {
                continue;
            };
            if newest.is_some_and(|n| std::ptr::eq(n, *d)) {
                continue;
            }
            let mut diag = doc_diag_multiple(d, status.span, docs.len());
            if let Some(n) = newest {
                diag = diag.with_related(related(n, "the newer Stable version"));
            }
            out.push(diag);
        }
    }
}

fn doc_diag_multiple(d: &Document, span: crate::diagnostic::Span, count: usize) -> Diagnostic {
    d.diag(
        RuleId::MultipleStable,
        span,
        format!(
            "{count} versions of {} are Stable; only one version of a number is Stable at a time",
            d.name.as_ref().and_then(|n| n.standard_id()).unwrap_or_default()
        ),
    )
    .with_label("also Stable")
    .with_help("deprecate the older version (`status: Deprecated`, `deprecated_at`, `replaced_by`) when the newer one becomes Stable")
}
