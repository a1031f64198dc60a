//! Rules on file names: grammar, slug, proposals, duplicates, and agreement with the frontmatter.

use super::Context;
use crate::config::Profile;
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::document::Document;
use crate::document::name::{self, DocName, Kind, NameClass};
use crate::rules::RuleId;
use std::collections::BTreeMap;

/// The name rules of one document.
pub fn check_document(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let profile = &cx.config.profile;
    let Some(n) = &doc.name else {
        file_name(profile, doc, out);
        return;
    };
    slug(cx, doc, n, out);
    proposal_version(doc, n, out);
    type_kind(profile, doc, n, out);
    track(profile, doc, n, out);
}

/// file-name: the name does not parse.
fn file_name(profile: &Profile, doc: &Document, out: &mut Vec<Diagnostic>) {
    if let NameClass::Invalid(e) = name::classify(&doc.file_name, &profile.prefix) {
        let (a, b) = e.range;
        let part = doc.file_name.get(a..b).unwrap_or(&doc.file_name);
        out.push(
                Diagnostic::file(
                    RuleId::FileName,
                    &doc.display,
                    format!("the file name `{}` is not a document name: {}", doc.file_name, e.message),
                )
                .with_label(format!("at `{part}`"))
                .with_help(format!(
                    "name documents `{p}-NNNN-vN-slug.md` (supplements `{p}-NNNN-wN-slug.md`, proposals `{p}-xxxx-v1-slug.md`)",
                    p = profile.prefix
                )),
            );
    }
}

/// slug-charset and slug-style, with the file name they suggest as a rename (a suggestion only:
/// what links to the file must follow, and an accepted document's URL changes).
fn slug(cx: &Context<'_>, doc: &Document, n: &DocName, out: &mut Vec<Diagnostic>) {
    let slug = &n.slug;
    let bad: Vec<char> = slug
        .chars()
        .filter(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        .collect();
    let suggested = crate::document::name::slugify(slug);
    // A name nobody has in this folder, that the rules would take.
    let new_name = rename(doc, n, &suggested);
    let fix = (!suggested.is_empty()
        && suggested.starts_with(|c: char| c.is_ascii_lowercase())
        && !cx
            .corpus
            .documents
            .iter()
            .any(|d| d.file_name == new_name && d.path.parent() == doc.path.parent()))
    .then(|| Fix::rename(format!("rename the file to `{new_name}`"), &new_name));
    if !bad.is_empty() || slug.starts_with('-') {
        let what = if bad.is_empty() {
            "starts with a hyphen".to_owned()
        } else {
            let mut uniq: Vec<String> = bad.iter().map(|c| format!("`{c}`")).collect();
            uniq.dedup();
            uniq.sort();
            uniq.dedup();
            format!("contains {}", uniq.join(", "))
        };
        let d = Diagnostic::file(
                RuleId::SlugCharset,
                &doc.display,
                format!("the slug `{slug}` {what}: a slug is lower-case ASCII letters, digits and hyphens, not starting with a hyphen"),
            )
            .with_help(format!(
                "{} and the links to it{}",
                if fix.is_some() { "rename the file (`git mv`)" } else { "choose a slug of lower-case ASCII letters, digits and hyphens, rename the file" },
                if n.is_proposal() { "" } else { " (once a document is accepted, its slug is part of its URL: coordinate the rename)" }
            ));
        out.push(d.with_fix_opt(fix));
    } else if !slug.starts_with(|c: char| c.is_ascii_lowercase()) || slug.contains("--") {
        let what = if slug.contains("--") {
            "contains `--`"
        } else {
            "does not start with a letter"
        };
        let d = Diagnostic::file(
            RuleId::SlugStyle,
            &doc.display,
            format!(
                "the slug `{slug}` {what}: a slug should start with a lower-case letter and not repeat hyphens"
            ),
        );
        let d = match fix {
            Some(_) => d.with_help(
                "rename the file (`git mv`) and the links to it, while it is a proposal",
            ),
            None => d.with_help(
                "choose a slug that starts with a lower-case letter (`second-try`, not `2nd-try`)",
            ),
        };
        out.push(d.with_fix_opt(fix));
    }
}

/// proposal-version: a proposal is a primary document at version 1. A supplement of a proposal
/// carries the proposal's `xxxx` ("uses the document number of the document it refers to") at
/// any `w` version; `supplement-target` checks that it extends a proposal.
fn proposal_version(doc: &Document, n: &DocName, out: &mut Vec<Diagnostic>) {
    if n.is_proposal() && n.kind == Kind::Primary && n.version != 1 {
        out.push(
            Diagnostic::file(
                RuleId::ProposalVersion,
                &doc.display,
                format!(
                    "a proposal is a new primary document at version 1, but `{}` is `v{}`",
                    doc.file_name, n.version
                ),
            )
            .with_help("name a proposal `…-xxxx-v1-slug.md`; a supplement carries the number of the document it extends, and a new version keeps the number of its predecessor"),
        );
    }
}

/// type-kind-mismatch: `w` in the name exactly for supplement types.
fn type_kind(profile: &Profile, doc: &Document, n: &DocName, out: &mut Vec<Diagnostic>) {
    if let Some(t) = &doc.fields.doc_type {
        let is_supplement_type = profile.is_supplement_type(&t.value);
        let known_type = profile.doc_type(&t.value).is_some();
        if known_type && is_supplement_type != (n.kind == Kind::Supplement) {
            let message = if is_supplement_type {
                format!(
                    "a {} is named with `w` before its version, this file uses `v`",
                    t.value
                )
            } else {
                format!(
                    "a {} is named with `v` before its version; `w` marks supplements",
                    t.value
                )
            };
            out.push(
                doc.diag(RuleId::TypeKindMismatch, t.span, message)
                    .with_label("the type")
                    .with_help("either change `type` or rename the file"),
            );
        }
    }
}

/// track-mismatch: the track digit of the number names the declared track.
fn track(profile: &Profile, doc: &Document, n: &DocName, out: &mut Vec<Diagnostic>) {
    if let (Some(track), Some(digit)) = (&doc.fields.track, n.track_digit())
        && let Some(declared) = profile.track_by_name(&track.value)
        && declared.digit != digit
    {
        let by_number = profile.track_by_digit(digit).map_or_else(
            || format!("digit {digit}, which names no track"),
            |t| format!("{} (digit {digit})", t.name),
        );
        out.push(
            doc.diag(
                RuleId::TrackMismatch,
                track.span,
                format!(
                    "the track is `{}` (digit {}), but the number {} belongs to {by_number}",
                    track.value,
                    declared.digit,
                    n.standard_id().unwrap_or_default()
                ),
            )
            .with_label(format!("the number says {by_number}"))
            .with_help("the second digit of the number names the track: fix `track` or the number"),
        );
    }
}

fn rename(doc: &Document, n: &crate::document::DocName, slug: &str) -> String {
    match doc.file_name.get(..n.slug_range.0) {
        Some(head) => format!("{head}{slug}.md"),
        None => format!("{}-{slug}.md", n.id()),
    }
}

/// Two files with the same number, kind and version.
pub fn check_duplicates(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<(u32, Kind, u32), Vec<&Document>> = BTreeMap::new();
    for d in &cx.corpus.documents {
        if let Some(n) = &d.name
            && let Some(number) = n.number
        {
            groups
                .entry((number, n.kind, n.version))
                .or_default()
                .push(d);
        }
    }
    for docs in groups.values().filter(|g| g.len() > 1) {
        let [first, rest @ ..] = docs.as_slice() else {
            continue;
        };
        for d in rest {
            out.push(
                Diagnostic::file(
                    RuleId::DuplicateDocument,
                    &d.display,
                    format!(
                        "`{}` has the same number and version as `{}`",
                        d.file_name, first.file_name
                    ),
                )
                .with_related(Related {
                    file: first.display.clone(),
                    span: None,
                    start: None,
                    message: "the other document with this id".to_owned(),
                })
                .with_help("a number and version name exactly one document: bump the version or pick another number"),
            );
        }
    }
}
