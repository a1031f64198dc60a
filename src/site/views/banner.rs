//! The banner at the top of a document page: its state, and which version to read instead,
//! followed through successors to the one in force. A sentence of text and links, so that the
//! partial renders it as one plain sentence whatever the styles.

use super::date;
use super::guidance::{Guidance, SupplementView, reference};
use crate::catalog::{State, Version};
use serde::Serialize;

#[derive(Serialize, Clone, Default)]
pub struct BannerView {
    /// The whole banner as plain text.
    pub text: String,
    /// The same sentence in order: text, and links to documents.
    pub parts: Vec<BannerPart>,
    /// The supplements that name this document.
    pub supplemented_by: Vec<SupplementView>,
}

#[derive(Serialize, Clone)]
pub struct BannerPart {
    pub text: String,
    /// The page of the document the part names, when it is a link.
    pub file_id: Option<String>,
}

/// A sentence being written: text and links.
#[derive(Default)]
struct Sentence(Vec<BannerPart>);

impl Sentence {
    fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.0.push(BannerPart {
            text: text.into(),
            file_id: None,
        });
        self
    }

    fn links(&mut self, versions: &[&Version<'_>]) -> &mut Self {
        for (i, v) in versions.iter().enumerate() {
            if i > 0 {
                self.text(if i + 1 == versions.len() {
                    " and "
                } else {
                    ", "
                });
            }
            let r = reference(v);
            self.0.push(BannerPart {
                text: r.id,
                file_id: Some(r.file_id),
            });
        }
        self
    }
}

/// The banner of one document version.
pub(super) fn banner(v: &Version<'_>, guidance: &Guidance<'_>) -> BannerView {
    let f = &v.doc.fields;
    let mut s = Sentence::default();
    match v.state {
        State::Draft => {
            s.text("Draft — not normative.");
            in_force_sentence(&mut s, guidance.in_force_of_standard(v), "");
        }
        State::FutureEffective => {
            s.text(format!(
                "Stable — effective from {}.",
                date(&f.stabilized_at)
            ));
            in_force_sentence(&mut s, guidance.in_force_of_standard(v), "Until then, ");
        }
        State::Effective => {
            s.text(match f.stabilized_at.as_ref() {
                Some(d) => format!("Effective since {}.", d.raw.value),
                None => "Effective.".to_owned(),
            });
        }
        State::FutureDeprecated | State::Deprecated | State::Rejected => {
            s.text(match v.state {
                State::FutureDeprecated => {
                    format!("Effective — deprecated from {}", date(&f.deprecated_at))
                }
                State::Deprecated => format!("Deprecated since {}", date(&f.deprecated_at)),
                _ => format!("Rejected on {}", date(&f.rejected_at)),
            });
            successors(&mut s, v, guidance);
        }
        State::Informative => {
            s.text("Supplement — informative, not normative.");
        }
    }
    let parts = s.0;
    BannerView {
        text: parts.iter().map(|p| p.text.as_str()).collect(),
        parts,
        supplemented_by: guidance.supplemented_by(&v.id),
    }
}

/// ", replaced by X, in force since D." and, when X is not the version in force, which one is.
fn successors(s: &mut Sentence, v: &Version<'_>, guidance: &Guidance<'_>) {
    let direct = guidance.direct_successors(&v.id);
    if !direct.is_empty() {
        s.text(", replaced by ").links(&direct);
        if let [only] = direct.as_slice() {
            s.text(describe(only));
        }
    }
    s.text(if v.state == State::Rejected {
        " — not normative."
    } else {
        "."
    });
    // A version still in force (deprecated later) is the one to read until then.
    if v.state.is_in_force() {
        return;
    }
    let in_force = guidance.in_force_for(v);
    let named = matches!(
        (direct.as_slice(), in_force.as_deref()),
        ([d], Some([f])) if d.id == f.id
    );
    if !named {
        in_force_sentence(s, in_force, "");
    }
}

/// " The version in force is X, in force since D." or that none is, after `lead` ("Until
/// then, "). Nothing for a document of no standard (`None`).
fn in_force_sentence(s: &mut Sentence, in_force: Option<Vec<&Version<'_>>>, lead: &str) {
    let Some(in_force) = in_force else { return };
    let start = |words: &str| match lead {
        "" => {
            let mut c = words.chars();
            let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or(' ');
            format!(" {first}{}", c.as_str())
        }
        lead => format!(" {lead}{words}"),
    };
    match in_force.as_slice() {
        [] => {
            s.text(start("no version of this standard is in force."));
        }
        [one] => {
            s.text(start("the version in force is "))
                .links(&[one])
                .text(describe(one))
                .text(".");
        }
        many => {
            s.text(start("the versions in force are "))
                .links(many)
                .text(".");
        }
    }
}

/// ", in force since D" and the like: what the version named is on the as-of date.
fn describe(v: &Version<'_>) -> String {
    let f = &v.doc.fields;
    let on = |d: &Option<crate::document::DateField>| {
        d.as_ref()
            .map(|d| format!(" {}", d.raw.value))
            .unwrap_or_default()
    };
    match v.state {
        State::Effective | State::FutureDeprecated => match &f.stabilized_at {
            Some(_) => format!(", in force since{}", on(&f.stabilized_at)),
            None => ", in force".to_owned(),
        },
        State::FutureEffective => format!(", effective from{}", on(&f.stabilized_at)),
        State::Draft => ", still a Draft".to_owned(),
        State::Deprecated => format!(", itself deprecated since{}", on(&f.deprecated_at)),
        State::Rejected => ", rejected".to_owned(),
        State::Informative => String::new(),
    }
}
