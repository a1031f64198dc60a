//! The scope file against the scope documents that describe its versions (the standard of the
//! scope track whose title is the scope's name; version `v5.1` is described by its v5):
//! `scope-stabilized-mismatch`, `scope-validity-mismatch` and `scope-document-mismatch`.

use super::ScopeContext;
use super::in_force::{describe, ordered_periods};
use super::links::linked_documents;
use crate::catalog::state_of;
use crate::certification::{Resolved, ResolvedVersion};
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::document::Document;
use crate::rules::RuleId;
use crate::scopes::ScopeFile;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    for scope in &cx.scopes {
        no_document(cx, scope, out);
        for version in &scope.versions {
            let Some(doc) = version.document else {
                continue;
            };
            stabilized(scope.file, version, doc, out);
            validity(cx, scope, version, doc, out);
            includes(cx, scope.file, version, doc, out);
        }
    }
}

/// A place in a document, as related information of a finding in a scope file.
fn at(doc: &Document, span: Option<Span>, message: String) -> Related {
    Related {
        file: doc.display.clone(),
        span,
        start: span.map(|s| doc.lines().position(&doc.text, s.start)),
        message,
    }
}

/// A scope whose name finds no standard of the scope track (or several), while the track has
/// standards: its versions cannot be compared with their documents, which would go unsaid.
fn no_document(cx: &ScopeContext<'_>, scope: &Resolved<'_>, out: &mut Vec<Diagnostic>) {
    let track = cx.config.profile.scopes.track.as_str();
    let Some(name) = scope
        .scope()
        .name
        .as_ref()
        .filter(|_| scope.number.is_none())
    else {
        return;
    };
    let mut in_track: Vec<&Document> = cx
        .corpus
        .documents
        .iter()
        .filter(|d| !d.is_supplement() && d.fields.track.as_ref().is_some_and(|t| t.value == track))
        .collect();
    if track.is_empty() || in_track.is_empty() {
        return;
    }
    in_track.sort_by_key(|d| d.name.as_ref().and_then(|n| n.number));
    let titled: Vec<&Document> = in_track
        .iter()
        .copied()
        .filter(|d| d.title().trim().eq_ignore_ascii_case(name.value.trim()))
        .collect();
    let list = |docs: &[&Document]| {
        let mut names: Vec<String> = docs
            .iter()
            .map(|d| {
                let number = d.name.as_ref().and_then(|n| n.number).unwrap_or_default();
                format!("`{}` ({}-{number:04})", d.title(), cx.config.profile.prefix)
            })
            .collect();
        names.dedup();
        names.truncate(6);
        names.join(", ")
    };
    let message = if titled.is_empty() {
        format!(
            "no standard of the track {track} is titled `{}`, so the versions of this scope are not compared with scope documents; the track has {}",
            name.value,
            list(&in_track)
        )
    } else {
        format!(
            "standards of several numbers of the track {track} are titled `{}`: {}; the versions of this scope are not compared with scope documents",
            name.value,
            list(&titled)
        )
    };
    out.push(
        scope
            .file
            .diag(RuleId::ScopeDocumentMismatch, name.span, message)
            .with_label("no scope document found")
            .with_help("the scope documents are the standard of the scope track whose title is the scope's `name`: make the two names the same"),
    );
}

/// Where a link's text names the document but the link leads to another: said, so that the
/// reader who sees the name in the document understands the finding.
fn misleading_link(
    cx: &ScopeContext<'_>,
    doc: &Document,
    linked: &super::links::Linked<'_>,
    target: Option<&Document>,
) -> String {
    let Some(name) = target.and_then(|t| t.name.as_ref()) else {
        return String::new();
    };
    let names_target = |text: &str| {
        crate::lint::link_text::named_in(text, &cx.config.profile.prefix)
            .iter()
            .any(|n| Some(n.number) == name.number && n.version == Some((name.kind, name.version)))
    };
    linked
        .texts
        .iter()
        .find(|(d, _, text)| !std::ptr::eq(*d, target.unwrap_or(doc)) && names_target(text))
        .map_or_else(String::new, |(d, span, _)| {
            let line = doc.lines().position(&doc.text, span.start).line;
            format!(
                " (the link on line {line} names `{}` in its text but leads to `{}`)",
                name.id(),
                d.file_name
            )
        })
}

/// `scope-stabilized-mismatch`: the version and its document name different days.
fn stabilized(
    file: &ScopeFile,
    version: &ResolvedVersion<'_>,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let v = version.version;
    let name = &v.version.value;
    let doc_field = doc.fields.stabilized_at.as_ref();
    let doc_day = doc_field.and_then(|d| d.date);
    let (span, message) = match (&v.stabilized_at, v.stabilized_on(), doc_day) {
        (Some(at), Some(day), Some(doc_day)) if day != doc_day => (
            at.span,
            format!(
                "`{name}` is stable from {day}, but its scope document `{}` from {doc_day}",
                doc.file_name
            ),
        ),
        (Some(at), Some(day), None) => (
            at.span,
            format!(
                "`{name}` is stable from {day}, but its scope document `{}` has no `stabilized_at`",
                doc.file_name
            ),
        ),
        (None, _, Some(doc_day)) => (
            v.version.span,
            format!(
                "`{name}` has no `stabilized_at`, but its scope document `{}` is stable from {doc_day}",
                doc.file_name
            ),
        ),
        _ => return,
    };
    let related_span = doc_field
        .map(|d| d.raw.span)
        .or(doc.fields.status.as_ref().map(|s| s.span));
    out.push(
        file.diag(RuleId::ScopeStabilizedMismatch, span, message)
            .with_label("differs from the scope document")
            .with_help("the scope file and the scope document describe the same version: correct whichever is wrong, or name the version after the document it belongs to")
            .with_related(at(doc, related_span, format!("`stabilized_at` of `{}`", doc.file_name))),
    );
}

/// `scope-validity-mismatch`: in a period, the timeline lets the version certify while its
/// document is not in force, or the reverse. Reported once per version, for the period of today
/// first.
fn validity(
    cx: &ScopeContext<'_>,
    scope: &Resolved<'_>,
    version: &ResolvedVersion<'_>,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let name = version.version.version.value.as_str();
    let profile = &cx.config.profile;
    // The document's state changes only on its own dates: those within a period are checked
    // besides its start.
    let dates: Vec<jiff::civil::Date> = [&doc.fields.stabilized_at, &doc.fields.deprecated_at]
        .into_iter()
        .filter_map(crate::document::DateField::day)
        .collect();
    for period in ordered_periods(scope, cx.today) {
        let Some(code) = period.entry.validity(name) else {
            continue;
        };
        let inside = dates
            .iter()
            .copied()
            .filter(|d| *d > period.start && period.end.is_none_or(|e| *d < e));
        let Some((day, state)) = std::iter::once(period.start)
            .chain(inside)
            .map(|day| (day, state_of(doc, profile, day)))
            .find(|(_, state)| code.certifies() != state.is_in_force())
        else {
            continue;
        };
        let listed = period.entry.versions.iter().find(|(n, _)| n.value == name);
        let span = listed.map_or(period.entry.span, |(_, c)| c.span);
        let written = if listed.is_some() {
            ""
        } else {
            " (by not being listed)"
        };
        out.push(
            scope
                .file
                .diag(
                    RuleId::ScopeValidityMismatch,
                    span,
                    format!(
                        "`{name}` is {code}{written} {}, but its scope document `{}` is {} on {day}",
                        describe(&period),
                        doc.file_name,
                        state.as_str(),
                    ),
                )
                .with_label(format!("document {}", state.as_str()))
                .with_help(if code.certifies() {
                    "a version can be certified against only while its scope document is in force: correct the timeline or the document's status and dates"
                } else {
                    "the scope document says this version is in force: deprecate the document (`deprecated_at`) when the timeline ends the version, or correct the timeline"
                })
                .with_related(at(doc, doc.fields.status.as_ref().map(|s| s.span), format!("status of `{}`", doc.file_name))),
        );
        return;
    }
}

/// `scope-document-mismatch`: the documents the version includes (by its modules' urls) and the
/// documents its scope document links in the section that lists them.
fn includes(
    cx: &ScopeContext<'_>,
    file: &ScopeFile,
    version: &ResolvedVersion<'_>,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let name = &version.version.version.value;
    let section = cx.config.profile.scopes.section.as_str();
    let linked = linked_documents(cx, doc, section);
    let where_ = if linked.in_section {
        format!("in its section `{section}`")
    } else {
        "in its text".to_owned()
    };
    let links_number = |n: u32| {
        linked
            .links
            .iter()
            .any(|(d, _)| d.name.as_ref().and_then(|x| x.number) == Some(n))
    };
    for included in &version.includes {
        let what = match (included.document, included.standard) {
            (Some(target), _) if !linked.links.iter().any(|(d, _)| std::ptr::eq(*d, target)) => {
                format!("`{}`", target.file_name)
            }
            // A standard's page: any version of it in the document will do.
            (None, Some(n)) if !links_number(n) => {
                format!("the standard `{}-{n:04}`", cx.config.profile.prefix)
            }
            _ => continue,
        };
        out.push(
            file.diag(
                RuleId::ScopeDocumentMismatch,
                included.include.module.span,
                format!(
                    "`{name}` includes {what} (module `{}`), but its scope document `{}` does not link it {where_}{}",
                    included.include.module.value,
                    doc.file_name,
                    misleading_link(cx, doc, &linked, included.document),
                ),
            )
            .with_label("not in the scope document")
            .with_help(format!(
                "add a link to {what} to the scope document, or remove the include if the document is right"
            ))
            .with_related(at(doc, linked.heading, format!("the section of `{}` that lists the standards", doc.file_name))),
        );
    }
    let included: Vec<&Document> = version.documents();
    let mut reported: Vec<&Document> = Vec::new();
    // A module that names a standard's page (no version) covers every version of it.
    let standards: Vec<u32> = version.includes.iter().filter_map(|i| i.standard).collect();
    for (target, span) in &linked.links {
        let number = target.name.as_ref().and_then(|n| n.number);
        if number.is_some_and(|n| standards.contains(&n)) {
            continue;
        }
        if included.iter().any(|d| std::ptr::eq(*d, *target))
            || reported.iter().any(|d| std::ptr::eq(*d, *target))
        {
            continue;
        }
        reported.push(target);
        out.push(
            doc.diag(
                RuleId::ScopeDocumentMismatch,
                *span,
                format!(
                    "this scope document lists `{}`, but `{name}` of the scope file `{}` includes no module of it",
                    target.file_name,
                    file.file_name()
                ),
            )
            .with_label("not in the scope file")
            .with_help("include a module of this document in the version, or remove the link if the scope file is right")
            .with_related(Related {
                file: file.display.clone(),
                span: Some(version.version.version.span),
                start: Some(file.lines().position(&file.text, version.version.version.span.start)),
                message: format!("version `{name}` in `{}`", file.file_name()),
            }),
        );
    }
}
