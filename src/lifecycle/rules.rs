//! The rules of the lifecycle, judged between two versions of one document. They are shared:
//! the history walk (`normwerk history`) applies them commit by commit, `lint --base` to the
//! change from a base revision to the working tree. Each returns a [`Diagnostic`] without a
//! place; the caller puts it at a file (and commit) or at a span.
//!
//! Allowed: a new document as Draft (a decision record also as Stable); Draft → Draft, Draft →
//! Stable, Draft → Rejected, Stable → Deprecated. Everything else is a violation: Stable → Draft,
//! Deprecated → Stable, Rejected → anything, Draft → Deprecated without ever being Stable.

pub mod scopes;

use super::normative::{self, Effect, Statement, StatementChange};
use super::snapshot::Snapshot;
use crate::config::Profile;
use crate::diagnostic::Diagnostic;
use crate::document::name::{self, NameClass};
use crate::paths;
use crate::rules::RuleId;

fn finding(rule: RuleId, message: impl Into<String>) -> Diagnostic {
    Diagnostic::unplaced(rule, message)
}

/// The status of a document when it first appears.
pub fn judge_entry(profile: &Profile, new: &Snapshot) -> Option<Diagnostic> {
    let st = &profile.statuses;
    let status = new.status.as_deref()?;
    if status == st.draft {
        return None;
    }
    let may_enter_stable = new
        .doc_type
        .as_deref()
        .and_then(|t| profile.doc_type(t))
        .is_some_and(|t| t.may_enter_stable);
    if status == st.stable && may_enter_stable {
        return None;
    }
    Some(finding(
        RuleId::EnteredWithoutDraft,
        format!(
            "added as {status}{}: a document enters as Draft{}",
            new.doc_type
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default(),
            if profile.types.iter().any(|t| t.may_enter_stable) {
                " (a decision record may enter as Stable)"
            } else {
                ""
            }
        ),
    ))
}

/// A status change between two consecutive versions.
pub fn judge_status(
    profile: &Profile,
    from: Option<&str>,
    to: Option<&str>,
    ever_stable: bool,
) -> Option<Diagnostic> {
    let st = &profile.statuses;
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    if from == to {
        return None;
    }
    let allowed = (from == st.draft && (to == st.stable || to == st.rejected))
        || (from == st.stable && to == st.deprecated);
    if allowed {
        return None;
    }
    if from == st.draft && to == st.deprecated && !ever_stable {
        return Some(finding(
            RuleId::DeprecatedWithoutStable,
            format!("{from} → {to}: deprecated without ever being {}", st.stable),
        ));
    }
    if from == st.draft && to == st.deprecated {
        return None;
    }
    let why = if from == st.rejected {
        "a rejected document stays rejected"
    } else if from == st.stable && to == st.draft {
        "a Stable document does not go back to Draft; changes go into a new version"
    } else if from == st.deprecated {
        "a deprecated document is not revived; a new version replaces it"
    } else {
        "not a step of the lifecycle"
    };
    Some(finding(
        RuleId::IllegalTransition,
        format!("{from} → {to}: {why}"),
    ))
}

/// What is wrong with `stabilized_at` once a document is Stable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StabilizedAt {
    Changed {
        from: String,
        to: String,
    },
    Removed,
    /// Stable (or deprecated after being Stable) without the date.
    Missing {
        status: String,
    },
}

impl StabilizedAt {
    pub fn diagnostic(&self) -> Diagnostic {
        let message = match self {
            StabilizedAt::Changed { from, to } => {
                format!("`stabilized_at` changed from {from} to {to} after stabilization")
            }
            StabilizedAt::Removed => {
                "`stabilized_at` removed from a document that was Stable".to_owned()
            }
            StabilizedAt::Missing { status } => format!("{status} without `stabilized_at`"),
        };
        finding(RuleId::StabilizedAtChanged, message)
    }
}

/// Once a document is Stable, `stabilized_at` is present and stays as it was. `already_flagged`
/// keeps a missing date from being reported again at every later commit.
pub fn judge_stabilized_at(
    profile: &Profile,
    old: Option<&Snapshot>,
    new: &Snapshot,
    was_stable: bool,
    already_flagged: bool,
) -> Option<StabilizedAt> {
    let st = &profile.statuses;
    let stable_now = new.status.as_deref() == Some(st.stable.as_str());
    let retired_now = new.status.as_deref() == Some(st.deprecated.as_str());
    if !(stable_now || (was_stable && retired_now)) {
        return None;
    }
    let before = old.and_then(|o| o.field_str("stabilized_at"));
    match (before, new.field_str("stabilized_at")) {
        (Some(b), Some(a)) if a != b && was_stable => Some(StabilizedAt::Changed {
            from: b.to_owned(),
            to: a.to_owned(),
        }),
        (Some(_), None) if was_stable => Some(StabilizedAt::Removed),
        (None, None) if !already_flagged => Some(StabilizedAt::Missing {
            status: new.status.clone().unwrap_or_default(),
        }),
        _ => None,
    }
}

/// A rename of an accepted (numbered) document that changes its slug within the same version.
pub fn judge_rename(profile: &Profile, from: &str, to: &str) -> Option<Diagnostic> {
    let (NameClass::Document(old), NameClass::Document(new)) = (
        name::classify(paths::file_name(from), &profile.prefix),
        name::classify(paths::file_name(to), &profile.prefix),
    ) else {
        return None;
    };
    if old.number.is_none()
        || old.kind != new.kind
        || old.version != new.version
        || old.slug == new.slug
    {
        return None;
    }
    Some(finding(
        RuleId::SlugChanged,
        format!(
            "the slug of {} changed from `{}` to `{}`: once accepted, a document's slug is part of its URL",
            old.id(),
            old.slug,
            new.slug
        ),
    ))
}

/// A number and version given to a second document. `whereabouts` says where the first holder
/// is now (or was, at the base revision of a change).
pub fn judge_number_reuse(id: &str, earlier_file: &str, whereabouts: &str) -> Diagnostic {
    finding(
        RuleId::NumberReused,
        format!("{id} was given before to another document, `{earlier_file}`{whereabouts}"),
    )
    .with_help("give the document the next unused number")
}

/// How far `stabilized_at` may lie before the document entered the repository before it is
/// reported: documents are often adopted some weeks after the decision.
pub const STABILIZED_BEFORE_ENTRY_DAYS: i32 = 90;

/// A `stabilized_at` far before the day the document entered the repository (an info: a
/// document adopted from elsewhere may carry a true earlier date).
pub fn judge_stabilized_before_entry(
    key: &str,
    date: jiff::civil::Date,
    entered: jiff::civil::Date,
) -> Option<Diagnostic> {
    let days = (entered - date).get_days();
    if days <= STABILIZED_BEFORE_ENTRY_DAYS {
        return None;
    }
    Some(
        finding(
            RuleId::DateFromHistory,
            format!(
                "`{key}` is {date}, {days} days before the document was added to the repository ({entered})"
            ),
        )
        .with_label("before the document existed here")
        .with_help(
            "if the document was adopted from elsewhere, the date may be right; otherwise check it",
        ),
    )
}

/// A deprecation set by a commit dated after the `deprecated_at` it names: it took effect
/// without being announced ahead (SCS-0001, *Deprecation phase*). Same day is not "after".
pub fn judge_deprecation_announced(
    deprecated_at: jiff::civil::Date,
    committed: jiff::civil::Date,
) -> Option<Diagnostic> {
    let days = (committed - deprecated_at).get_days();
    if days <= 0 {
        return None;
    }
    Some(
        finding(
            RuleId::DeprecationUnannounced,
            format!(
                "deprecated by a commit of {committed}, {days} days after the `deprecated_at` it sets ({deprecated_at}): the deprecation was not announced ahead"
            ),
        )
        .with_label("already in effect when set")
        .with_help("announce a deprecation by setting `deprecated_at` to a future date"),
    )
}

/// A successor newly named in `replaced_by` must be, or have been, Stable.
pub fn judge_successor(
    profile: &Profile,
    target: &str,
    target_status: Option<&str>,
    ever_stable: bool,
) -> Option<Diagnostic> {
    if ever_stable {
        return None;
    }
    Some(
        finding(
            RuleId::ReplacedByNotStable,
            format!(
                "`replaced_by` names `{target}`, which is {} and has never been {}",
                target_status.unwrap_or("without status"),
                profile.statuses.stable
            ),
        )
        .with_label("not Stable yet")
        .with_help("stabilize the successor first, or in the same change"),
    )
}

/// The findings of the changed normative statements between two versions of a Stable document.
pub fn judge_statement_changes(
    old: &[Statement],
    new: &[Statement],
    stabilised: Option<&[Statement]>,
) -> Vec<Diagnostic> {
    normative::compare(old, new, stabilised)
        .iter()
        .map(judge_normative)
        .collect()
}

/// A changed normative statement of a Stable document (see `normative.rs`): the rule follows
/// from what the change can do to a conforming implementation.
pub fn judge_normative(change: &StatementChange<'_>) -> Diagnostic {
    let effect = change.effect();
    let rule = effect.rule();
    let keywords = match (change.old, change.new) {
        (Some(o), Some(n)) if o.keywords != n.keywords => {
            format!("{} → {}", o.keyword_list(), n.keyword_list())
        }
        (_, Some(s)) | (Some(s), None) => s.keyword_list(),
        (None, None) => String::new(),
    };
    let consequence = match effect {
        Effect::Breaking => ": it can make a conforming implementation non-conforming",
        Effect::Recommendation => ": a recommendation, which binds no implementation",
        Effect::Relaxation => ": conforming implementations stay conforming",
        Effect::Rewording => ": the keywords are the same, the words are not",
        Effect::Restoration if change.new.is_none() => {
            ", which was not in the text at stabilisation"
        }
        Effect::Restoration => ", back to its text at stabilisation",
    };
    let message = format!(
        "normative statement {} ({keywords}){consequence}",
        change.kind.as_str()
    );
    let advice = match effect {
        Effect::Breaking => {
            "a Stable document's requirements do not change: put the change into a new major version"
        }
        Effect::Recommendation => {
            "what a Stable document recommends changed: check that it belongs in this version, not the next"
        }
        Effect::Relaxation => {
            "check that loosening the statement is intended and that the change is announced"
        }
        Effect::Rewording => {
            "check that the new words ask for nothing more than the old; if they do, this is a new major version"
        }
        Effect::Restoration => {
            "the statement goes back to what the document said when it became Stable"
        }
    };
    let quote = |s: &Statement| super::first_chars(&s.text, 400).to_owned();
    let mut help = String::new();
    if let Some(o) = change.old {
        help.push_str(&format!("was: {}\n", quote(o)));
    }
    if let Some(n) = change.new {
        help.push_str(&format!("now: {}\n", quote(n)));
    }
    help.push_str(advice);
    finding(rule, message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(from: &str, to: &str, ever: bool) -> Option<RuleId> {
        judge_status(&Profile::default(), Some(from), Some(to), ever).map(|d| d.rule)
    }

    #[test]
    fn the_lifecycle() {
        assert_eq!(judge("Draft", "Stable", false), None);
        assert_eq!(judge("Draft", "Rejected", false), None);
        assert_eq!(judge("Stable", "Deprecated", true), None);
        assert_eq!(
            judge("Stable", "Draft", true),
            Some(RuleId::IllegalTransition)
        );
        assert_eq!(
            judge("Deprecated", "Stable", true),
            Some(RuleId::IllegalTransition)
        );
        assert_eq!(
            judge("Rejected", "Draft", false),
            Some(RuleId::IllegalTransition)
        );
        assert_eq!(
            judge("Draft", "Deprecated", false),
            Some(RuleId::DeprecatedWithoutStable)
        );
        assert_eq!(
            judge("Stable", "Rejected", true),
            Some(RuleId::IllegalTransition)
        );
    }

    #[test]
    fn declared_dates_against_git() {
        let d = |s: &str| crate::document::parse_iso_date(s).unwrap();
        let before = |a, b| judge_stabilized_before_entry("stabilized_at", d(a), d(b));
        assert!(before("2024-01-01", "2024-03-01").is_none());
        assert_eq!(
            before("2020-01-01", "2024-03-01").map(|f| f.rule),
            Some(RuleId::DateFromHistory)
        );
        let dep = |a, b| judge_deprecation_announced(d(a), d(b));
        assert!(dep("2025-01-01", "2024-06-01").is_none(), "announced ahead");
        assert!(dep("2025-01-01", "2025-01-01").is_none(), "same day");
        let late = dep("2025-01-01", "2025-01-31").unwrap();
        assert_eq!(late.rule, RuleId::DeprecationUnannounced);
        assert!(
            late.message.contains("2025-01-31, 30 days after"),
            "{}",
            late.message
        );
    }

    #[test]
    fn renames() {
        let p = Profile::default();
        assert!(judge_rename(&p, "S/scs-xxxx-v1-a.md", "S/scs-0100-v1-b.md").is_none());
        assert!(judge_rename(&p, "S/scs-0110-v1-a.md", "S/scs-0410-v1-a.md").is_none());
        assert_eq!(
            judge_rename(&p, "S/scs-0212-v1-a.md", "S/scs-0218-v1-b.md").map(|d| d.rule),
            Some(RuleId::SlugChanged)
        );
    }
}
