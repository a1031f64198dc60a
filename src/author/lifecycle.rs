//! `stabilize`, `deprecate` and `reject`: a document's status and its date, set as the process
//! asks, with `replaces` / `replaced_by` kept consistent on both sides. Transitions the
//! lifecycle forbids are refused by the same judgement `lint --base` and `history` make
//! ([`crate::lifecycle::rules::judge_status`]).

use super::{AuthorError, Change, Refused, edited};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::{Document, RefList};
use crate::edit::frontmatter::Frontmatter;
use crate::rules::RuleId;
use jiff::civil::Date;

/// The step a command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Stabilize {
        /// Another version of the standard may stay Stable (`--allow`).
        allow_second: bool,
    },
    /// `replaced_by`: the successors named (`--replaced-by`); empty: the one the corpus shows,
    /// if there is exactly one.
    Deprecate {
        replaced_by: Vec<String>,
    },
    Reject,
}

/// The change `step` makes to `doc` on `date`, or why the process forbids it.
pub fn plan<'c>(
    corpus: &'c Corpus,
    profile: &Profile,
    doc: &'c Document,
    step: &Step,
    date: Date,
) -> Result<Result<Change<'c>, Refused>, AuthorError> {
    let not_applicable = |reason: &str| AuthorError::not_applicable(doc, reason);
    let fm = Frontmatter::new(doc).ok_or_else(|| {
        not_applicable("it has no frontmatter to change (`normwerk lint` says why)")
    })?;
    let st = &profile.statuses;
    let Some(from) = doc.fields.status.as_ref().map(|s| s.value.as_str()) else {
        return Err(not_applicable(
            "it has no status (a supplement takes the lifecycle of the document it supplements)",
        ));
    };
    if !st.all().contains(&from) {
        return Err(AuthorError::not_applicable(
            doc,
            format!(
                "its status `{from}` is none of the process's ({}); `normwerk lint --fix` corrects its spelling",
                st.all().join(", ")
            ),
        ));
    }
    let (to, date_key, after): (&str, &str, &[&str]) = match step {
        Step::Stabilize { .. } => (&st.stable, "stabilized_at", &["status"]),
        Step::Deprecate { .. } => (
            &st.deprecated,
            "deprecated_at",
            &["stabilized_at", "status"],
        ),
        Step::Reject => (&st.rejected, "rejected_at", &["status"]),
    };
    // The documents named as successors are found first: a bad argument is told before a
    // refusal.
    let successors = match step {
        Step::Deprecate { replaced_by } => successors(corpus, doc, replaced_by)?,
        _ => Vec::new(),
    };
    if from == to {
        let mut change = Change::default();
        change.notes.push(format!(
            "{} is already {to}: nothing to change",
            doc.file_name
        ));
        return Ok(Ok(change));
    }
    let ever_stable = doc.fields.stabilized_at.is_some();
    if let Some(d) =
        crate::lifecycle::rules::judge_status(profile, Some(from), Some(to), ever_stable)
    {
        return Ok(Err(Refused {
            rule: d.rule,
            message: format!("{}: {}", doc.file_name, d.message),
            help: d.help.unwrap_or_else(|| lifecycle_help(profile)),
        }));
    }
    let mut change = Change::default();
    let mut edits = vec![
        fm.set("status", to, &[]),
        fm.set(date_key, &date.to_string(), after),
    ];
    match step {
        Step::Stabilize { allow_second } => {
            if let Some(refused) = stabilize_checks(corpus, profile, doc, *allow_second) {
                return Ok(Err(refused));
            }
            change.notes.extend(stabilize_notes(corpus, doc));
        }
        Step::Deprecate { .. } => {
            if successors.is_empty() {
                change.notes.push(format!(
                    "{} names no successor: when a newer version replaces it, add `--replaced-by` \
                     (the process lists a successor in `replaced_by`)",
                    doc.file_name
                ));
            } else {
                let names: Vec<&str> = successors.iter().map(|s| s.file_name.as_str()).collect();
                // Right after the date, which goes after `stabilized_at` or `status`; the
                // successors listed already stay, as they are written.
                let near: Vec<&str> = std::iter::once(date_key)
                    .chain(after.iter().copied())
                    .collect();
                edits.extend(fm.add_to_list("replaced_by", &names, &near));
                for s in &successors {
                    if let Some(e) = replaces_edit(s, doc)? {
                        change.files.push(edited(s, &[e])?);
                    }
                }
            }
            if date > crate::asof::today() {
                change.notes.push(format!(
                    "deprecated_at {date} lies ahead: this announces the deprecation; {} stays in \
                     force until then",
                    doc.file_name
                ));
            }
        }
        Step::Reject => {}
    }
    change.files.insert(0, edited(doc, &edits)?);
    Ok(Ok(change))
}

fn lifecycle_help(profile: &Profile) -> String {
    let st = &profile.statuses;
    format!(
        "the lifecycle is {} → {} → {}, or {} → {}",
        st.draft, st.stable, st.deprecated, st.draft, st.rejected
    )
}

/// What stops a stabilisation besides the lifecycle: a proposal has no number yet, and a
/// second Stable version of a standard waits for the first to be deprecated (unless allowed).
fn stabilize_checks(
    corpus: &Corpus,
    profile: &Profile,
    doc: &Document,
    allow_second: bool,
) -> Option<Refused> {
    let name = doc.name.as_ref()?;
    if name.is_proposal() {
        return Some(Refused {
            rule: RuleId::ProposalStatus,
            message: format!("{} is a proposal: it has no number yet", doc.file_name),
            help: "give it its number first (rename `xxxx` to the next number of its track)"
                .to_owned(),
        });
    }
    if allow_second {
        return None;
    }
    let stable = &profile.statuses.stable;
    let other = corpus.documents.iter().find(|d| {
        !std::ptr::eq(*d, doc)
            && d.name
                .as_ref()
                .is_some_and(|n| n.number == name.number && n.kind == name.kind)
            && d.fields.status.as_ref().is_some_and(|s| &s.value == stable)
    })?;
    Some(Refused {
        rule: RuleId::MultipleStable,
        message: format!(
            "{} is Stable: two Stable versions of {} would leave implementers guessing which applies",
            other.file_name,
            name.standard_id().unwrap_or_default()
        ),
        help: format!(
            "deprecate it when this one is Stable (`normwerk deprecate {} --replaced-by {}`), \
             or pass --allow to keep both in force for a while",
            other.file_stem(),
            doc.file_stem()
        ),
    })
}

/// What the process asks of a document before it becomes Stable that the command cannot judge:
/// conformance tests for a Standard.
fn stabilize_notes(corpus: &Corpus, doc: &Document) -> Vec<String> {
    let is_standard = doc
        .fields
        .doc_type
        .as_ref()
        .is_some_and(|t| t.value == "Standard");
    let has_tests_section = doc
        .headings
        .iter()
        .any(|h| h.text.trim().eq_ignore_ascii_case("Conformance Tests"));
    let has_supplement = corpus
        .documents
        .iter()
        .any(|s| RefList::names(&s.fields.supplements, &doc.file_name));
    if is_standard && !has_tests_section && !has_supplement {
        vec![format!(
            "{} is a Standard without a `Conformance Tests` section or a supplement: the process \
             asks for conformance tests of a Standard before it becomes Stable",
            doc.file_name
        )]
    } else {
        Vec::new()
    }
}

/// The documents that replace `doc`: those named, or else the one newer version of its standard
/// whose `replaces` names it (or, lacking that, the only newer version).
fn successors<'c>(
    corpus: &'c Corpus,
    doc: &Document,
    named: &[String],
) -> Result<Vec<&'c Document>, AuthorError> {
    if !named.is_empty() {
        let mut found: Vec<&Document> = Vec::new();
        for n in named {
            let s = super::find(corpus, n)?;
            if std::ptr::eq(s, doc) {
                return Err(AuthorError::not_applicable(
                    doc,
                    "a document does not replace itself",
                ));
            }
            if s.is_supplement() {
                return Err(AuthorError::not_applicable(
                    s,
                    "a supplement replaces nothing: it has no lifecycle of its own",
                ));
            }
            if !found.iter().any(|f| std::ptr::eq(*f, s)) {
                found.push(s);
            }
        }
        return Ok(found);
    }
    let Some(name) = doc.name.as_ref() else {
        return Ok(Vec::new());
    };
    // Only a successor that is, or was, Stable is named (the process names a successor in
    // `replaced_by` once it is Stable).
    let was_stable = |d: &Document| d.fields.stabilized_at.is_some();
    let newer: Vec<&Document> = corpus
        .documents
        .iter()
        .filter(|d| was_stable(d))
        .filter(|d| {
            d.name.as_ref().is_some_and(|n| {
                n.number.is_some()
                    && n.number == name.number
                    && n.kind == name.kind
                    && n.version > name.version
            })
        })
        .collect();
    let naming: Vec<&Document> = newer
        .iter()
        .copied()
        .filter(|d| RefList::names(&d.fields.replaces, &doc.file_name))
        .collect();
    Ok(match (naming.as_slice(), newer.as_slice()) {
        ([one], _) | ([], [one]) => vec![*one],
        _ => Vec::new(),
    })
}

/// The edit that makes `successor`'s `replaces` name `doc`, if it does not yet.
fn replaces_edit(
    successor: &Document,
    doc: &Document,
) -> Result<Option<crate::edit::Edit>, AuthorError> {
    if RefList::names(&successor.fields.replaces, &doc.file_name) {
        return Ok(None);
    }
    let fm = Frontmatter::new(successor).ok_or_else(|| {
        AuthorError::not_applicable(
            successor,
            "its frontmatter cannot be read, so its `replaces` cannot be set",
        )
    })?;
    Ok(fm.add_to_list("replaces", &[doc.file_name.as_str()], &["track", "status"]))
}
