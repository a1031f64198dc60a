//! Rules on the status against the file name and the lifecycle dates: a proposal is a Draft;
//! dates that say something the status does not; a retired document without a successor.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::document::{DateField, Document};
use crate::rules::RuleId;

pub fn check_document(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    proposal_status(cx, doc, out);
    status_dates(cx, doc, out);
    no_successor(cx, doc, out);
}

/// proposal-status: "the `status` MUST be set to `Draft`" for a proposal (SCS-0001, *Proposal
/// of a new document*). Supplements of proposals have no status.
fn proposal_status(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let profile = &cx.config.profile;
    let st = &profile.statuses;
    let draft = &st.draft;
    let (Some(name), Some(status)) = (&doc.name, &doc.fields.status) else {
        return;
    };
    // An unknown status is `invalid-value`; a supplement's status is `forbidden-field`.
    if !name.is_proposal()
        || status.value == *draft
        || !st.all().contains(&status.value.as_str())
        || doc.is_supplement()
        || doc
            .fields
            .doc_type
            .as_ref()
            .is_some_and(|t| profile.is_supplement_type(&t.value))
    {
        return;
    }
    // "Documents on the `Design Record` track MAY be proposed or accepted directly into
    // `Stable` state" (SCS-0001, *Proposal of a new document*): types that may enter Stable.
    let may_enter_stable = doc
        .fields
        .doc_type
        .as_ref()
        .and_then(|t| profile.doc_type(&t.value))
        .is_some_and(|t| t.may_enter_stable);
    if may_enter_stable && status.value == st.stable {
        return;
    }
    out.push(
        doc.diag(
            RuleId::ProposalStatus,
            status.span,
            format!(
                "a proposal (`xxxx`) is a {draft}, but this one is {}",
                status.value
            ),
        )
        .with_label(format!("not {draft}"))
        .with_help(format!(
            "set `status: {draft}`; a document becomes {} after it has been given a number",
            cx.config.profile.statuses.stable
        )),
    );
}

/// status-date: a date that contradicts the status. A Draft has never been Stable (Stable →
/// Draft is not a step of the lifecycle), so its `stabilized_at` is false, and sites that read
/// only dates show it as in force; `rejected_at` belongs to Rejected documents; `deprecated_at`
/// to Deprecated ones, or to Stable ones announcing their deprecation.
fn status_dates(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let st = &cx.config.profile.statuses;
    let Some(status) = &doc.fields.status else {
        return;
    };
    let s = status.value.as_str();
    if !st.all().contains(&s) {
        return;
    }
    let f = &doc.fields;
    let mut report = |field: &DateField, why: String, help: String| {
        let key = field.raw.key_span.text_in(&doc.text).to_owned();
        out.push(
            doc.diag(
                RuleId::StatusDate,
                field.raw.key_span,
                format!("`{key}` on a {s} document: {why}"),
            )
            .with_label(format!("contradicts `status: {s}`"))
            .with_help(help),
        );
    };
    if s == st.draft
        && let Some(d) = &f.stabilized_at
    {
        report(
            d,
            format!(
                "a {s} has never been {}, and readers that go by the dates take it for one",
                st.stable
            ),
            format!(
                "remove `stabilized_at` until the document is made {}, or set `status: {}` if it is",
                st.stable, st.stable
            ),
        );
    }
    if s != st.rejected
        && let Some(d) = &f.rejected_at
    {
        report(
            d,
            format!("only a {} document has a rejection date", st.rejected),
            format!("remove `rejected_at`, or set `status: {}`", st.rejected),
        );
    }
    if (s == st.draft || s == st.rejected)
        && let Some(d) = &f.deprecated_at
    {
        report(
            d,
            format!("only a document that has been {} is deprecated", st.stable),
            if s == st.draft {
                "remove `deprecated_at`: a Draft that is given up is rejected (`rejected_at`)"
                    .to_owned()
            } else {
                "remove `deprecated_at`: a rejected document keeps only `rejected_at`".to_owned()
            },
        );
    }
}

/// no-successor: "`replaced_by` RECOMMENDED if `status` is `Deprecated` or `Rejected`" (SCS-0001,
/// metadata table). Where a successor names this document in `replaces`, `missing-replaced-by`
/// says so instead.
fn no_successor(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let st = &cx.config.profile.statuses;
    let Some(status) = &doc.fields.status else {
        return;
    };
    if (status.value != st.deprecated && status.value != st.rejected)
        || doc.fields.replaced_by.is_some()
        || cx.has_replacers(doc)
    {
        return;
    }
    out.push(
        doc.diag(
            RuleId::NoSuccessor,
            status.span,
            format!(
                "this {} document names no successor in `replaced_by`",
                status.value
            ),
        )
        .with_label("no `replaced_by`")
        .with_help(
            "if a document takes its place, list it (`replaced_by:` with file names); if none \
             does, this is fine",
        ),
    );
}
