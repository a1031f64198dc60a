//! The sentence at the top of a document page: its state, and where to go instead.

use super::{Links, date};
use crate::catalog::{State, Version};

/// The sentence at the top of a document page.
pub(super) fn banner(v: &Version<'_>, links: &Links<'_>) -> String {
    let f = &v.doc.fields;
    let successors: Vec<String> = links.successors(&v.id).into_iter().map(|r| r.id).collect();
    let by = if successors.is_empty() {
        String::new()
    } else {
        format!(", replaced by {}", successors.join(", "))
    };
    match v.state {
        State::Draft => "Draft — not normative.".to_owned(),
        State::FutureEffective => format!("Stable — effective from {}.", date(&f.stabilized_at)),
        State::Effective => match f.stabilized_at.as_ref() {
            Some(d) => format!("Effective since {}.", d.raw.value),
            None => "Effective.".to_owned(),
        },
        State::FutureDeprecated => format!(
            "Effective — deprecated from {}{by}.",
            date(&f.deprecated_at)
        ),
        State::Deprecated => format!("Deprecated since {}{by}.", date(&f.deprecated_at)),
        State::Rejected => format!("Rejected on {}{by} — not normative.", date(&f.rejected_at)),
        State::Informative => "Supplement — informative, not normative.".to_owned(),
    }
}
