//! How the certification pages show what a scope file names: documents of the corpus with
//! their state on the as-of date, and the `url`s of modules and test cases as links into the
//! site where they name a page of it, else to where they point.

use crate::catalog::{Catalog, state_of};
use crate::certification::{UrlTarget, url_target};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::Document;
use crate::urls::{self, file_id};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

/// A document a scope names, with its state on the as-of date.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DocRef {
    /// `scs-0100-v3`.
    pub id: String,
    pub file_id: String,
    pub title: String,
    pub state: &'static str,
    /// In force on the as-of date (what an effective or warn scope version may include).
    pub in_force: bool,
    /// `scs-0100`: which standard the document is a version of (its file id for a proposal).
    pub standard_id: String,
}

/// Where a `url` of a scope file leads. `href` is relative to the site root when `internal`,
/// else an http(s) address; empty when there is nothing to link.
#[derive(Serialize, Clone, Debug, Default)]
pub struct LinkView {
    pub href: String,
    pub internal: bool,
    /// What the url names: a document id (with its `#anchor`), a standard id, or the address.
    pub text: String,
    /// Why the link is not quite what the url says; empty when it is.
    pub note: String,
}

/// Makes [`DocRef`]s and [`LinkView`]s for one build.
pub struct Linker<'a> {
    corpus: &'a Corpus,
    profile: &'a Profile,
    day: Date,
    /// Standard ids by number: the standards that have a page.
    standards: HashMap<u32, &'a str>,
}

impl<'a> Linker<'a> {
    pub fn new(corpus: &'a Corpus, profile: &'a Profile, catalog: &'a Catalog<'a>) -> Linker<'a> {
        Linker {
            corpus,
            profile,
            day: catalog.as_of.date,
            standards: catalog
                .standards
                .iter()
                .map(|s| (s.number, s.id.as_str()))
                .collect(),
        }
    }

    pub fn day(&self) -> Date {
        self.day
    }

    /// The id of the standard page of `number`, when the corpus has that standard.
    pub fn standard(&self, number: u32) -> Option<&'a str> {
        self.standards.get(&number).copied()
    }

    pub fn doc(&self, doc: &Document) -> DocRef {
        let file_id = file_id(doc);
        let name = doc.name.as_ref();
        let state = state_of(doc, self.profile, self.day);
        DocRef {
            id: name.map_or_else(|| file_id.clone(), |n| n.id()),
            standard_id: name
                .and_then(|n| n.standard_id())
                .unwrap_or_else(|| file_id.clone()),
            title: doc.title().to_owned(),
            state: state.as_str(),
            in_force: state.is_in_force(),
            file_id,
        }
    }

    /// The link for a module's or test case's `url`.
    pub fn url(&self, url: &str) -> LinkView {
        let outside = |note: String| LinkView {
            href: urls::check_address(url).unwrap_or_default(),
            internal: false,
            text: url.to_owned(),
            note,
        };
        match url_target(self.corpus, self.profile, url) {
            UrlTarget::Document { doc, fragment } => {
                let id = self.doc(doc).id;
                let page = format!("{}index.html", urls::document(doc));
                let Some(fragment) = fragment else {
                    return internal(page, id, String::new());
                };
                // Only a heading's anchor is an `id` on the rendered page for certain; anything
                // else would be a broken link, so the page is linked and the anchor named.
                if doc.headings.iter().any(|h| h.anchor == fragment) {
                    internal(format!("{page}#{fragment}"), format!("{id}#{fragment}"), "")
                } else {
                    let note = format!("{id} has no heading #{fragment}");
                    internal(page, format!("{id}#{fragment}"), note)
                }
            }
            UrlTarget::Standard(number) => match self.standard(number) {
                Some(id) => internal(
                    format!("{}index.html", urls::standard(id)),
                    id.to_owned(),
                    "",
                ),
                None => outside(format!("standard {number} is not in this corpus")),
            },
            UrlTarget::Missing { id } => outside(format!("{id} is not in this corpus")),
            UrlTarget::Elsewhere => outside(String::new()),
        }
    }
}

fn internal(href: String, text: String, note: impl Into<String>) -> LinkView {
    LinkView {
        href,
        internal: true,
        text,
        note: note.into(),
    }
}
