//! The transition rules of the lifecycle, judged between two versions of one document.
//!
//! Allowed: a new document as Draft (a decision record also as Stable); Draft → Draft, Draft →
//! Stable, Draft → Rejected, Stable → Deprecated. Everything else is a violation: Stable → Draft,
//! Deprecated → Stable, Rejected → anything, Draft → Deprecated without ever being Stable.

use super::snapshot::Snapshot;
use crate::config::Profile;
use crate::document::name::{self, NameClass};

/// A broken rule: its id and what happened.
pub type Finding = (&'static str, String);

/// The status of a document when it first appears.
pub fn judge_entry(profile: &Profile, new: &Snapshot) -> Option<Finding> {
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
    Some((
        "entered-without-draft",
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
) -> Option<Finding> {
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
        return Some((
            "deprecated-without-stable",
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
    Some(("illegal-transition", format!("{from} → {to}: {why}")))
}

/// Once a document is Stable, `stabilized_at` is present and stays as it was. `already_flagged`
/// keeps a missing date from being reported again at every later commit.
pub fn judge_stabilized_at(
    profile: &Profile,
    old: Option<&Snapshot>,
    new: &Snapshot,
    was_stable: bool,
    already_flagged: bool,
) -> Option<Finding> {
    let st = &profile.statuses;
    let stable_now = new.status.as_deref() == Some(st.stable.as_str());
    let retired_now = new.status.as_deref() == Some(st.deprecated.as_str());
    if !(stable_now || (was_stable && retired_now)) {
        return None;
    }
    let before = old.and_then(|o| o.field_str("stabilized_at"));
    match (before, new.field_str("stabilized_at")) {
        (Some(b), Some(a)) if a != b && was_stable => Some((
            "stabilized-at-changed",
            format!("`stabilized_at` changed from {b} to {a} after stabilization"),
        )),
        (Some(_), None) if was_stable => Some((
            "stabilized-at-changed",
            "`stabilized_at` removed from a document that was Stable".to_owned(),
        )),
        (None, None) if !already_flagged => Some((
            "stabilized-at-changed",
            format!(
                "{} without `stabilized_at`",
                new.status.as_deref().unwrap_or_default()
            ),
        )),
        _ => None,
    }
}

/// A rename of an accepted (numbered) document that changes its slug within the same version.
pub fn judge_rename(profile: &Profile, from: &str, to: &str) -> Option<Finding> {
    let file = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
    let (NameClass::Document(old), NameClass::Document(new)) = (
        name::classify(&file(from), &profile.prefix),
        name::classify(&file(to), &profile.prefix),
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
    Some((
        "slug-changed",
        format!(
            "the slug of {} changed from `{}` to `{}`: once accepted, a document's slug is part of its URL",
            old.id(),
            old.slug,
            new.slug
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(from: &str, to: &str, ever: bool) -> Option<&'static str> {
        judge_status(&Profile::default(), Some(from), Some(to), ever).map(|(r, _)| r)
    }

    #[test]
    fn the_lifecycle() {
        assert_eq!(judge("Draft", "Stable", false), None);
        assert_eq!(judge("Draft", "Rejected", false), None);
        assert_eq!(judge("Stable", "Deprecated", true), None);
        assert_eq!(judge("Stable", "Draft", true), Some("illegal-transition"));
        assert_eq!(
            judge("Deprecated", "Stable", true),
            Some("illegal-transition")
        );
        assert_eq!(
            judge("Rejected", "Draft", false),
            Some("illegal-transition")
        );
        assert_eq!(
            judge("Draft", "Deprecated", false),
            Some("deprecated-without-stable")
        );
        assert_eq!(
            judge("Stable", "Rejected", true),
            Some("illegal-transition")
        );
    }

    #[test]
    fn renames() {
        let p = Profile::default();
        assert!(judge_rename(&p, "S/scs-xxxx-v1-a.md", "S/scs-0100-v1-b.md").is_none());
        assert!(judge_rename(&p, "S/scs-0110-v1-a.md", "S/scs-0410-v1-a.md").is_none());
        assert_eq!(
            judge_rename(&p, "S/scs-0212-v1-a.md", "S/scs-0218-v1-b.md").map(|f| f.0),
            Some("slug-changed")
        );
    }
}
