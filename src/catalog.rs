//! The catalog: documents grouped by standard (number), versions and supplements, and the state
//! of each as of one date. The site and the JSON index show these states; they are a function of
//! the lifecycle dates and the as-of date only, so a build is reproducible.

use crate::asof::AsOf;
use crate::config::{Profile, Statuses};
use crate::corpus::Corpus;
use crate::document::{Document, Kind};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The state of a document version on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Not normative.
    Draft,
    /// Stable, but `stabilized_at` is still ahead.
    FutureEffective,
    /// Stable and in force.
    Effective,
    /// In force, with a deprecation announced for a later date.
    FutureDeprecated,
    /// `deprecated_at` has passed.
    Deprecated,
    Rejected,
    /// A supplement: informative, never normative.
    Informative,
}

impl State {
    pub const ALL: [State; 7] = [
        State::Draft,
        State::FutureEffective,
        State::Effective,
        State::FutureDeprecated,
        State::Deprecated,
        State::Rejected,
        State::Informative,
    ];

    /// The state named as in the JSON index (`future-effective`).
    pub fn from_name(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The versions a conformance check applies to on that date.
    pub fn is_in_force(self) -> bool {
        matches!(self, State::Effective | State::FutureDeprecated)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::FutureEffective => "future-effective",
            State::Effective => "effective",
            State::FutureDeprecated => "future-deprecated",
            State::Deprecated => "deprecated",
            State::Rejected => "rejected",
            State::Informative => "informative",
        }
    }
}

/// The state of one document on `as_of`. A document whose status is missing or unknown is
/// treated as a Draft (the lint reports it); a Stable or Deprecated document without a valid date
/// counts as in force from the start (the lint reports the missing date too).
pub fn state_of(doc: &Document, profile: &Profile, as_of: Date) -> State {
    let f = &doc.fields;
    let informative = doc.is_supplement()
        || f.doc_type
            .as_ref()
            .is_some_and(|t| profile.is_supplement_type(&t.value));
    let day = crate::document::DateField::day;
    StateInputs {
        informative,
        status: f.status.as_ref().map(|s| s.value.as_str()),
        stabilized_at: day(&f.stabilized_at),
        deprecated_at: day(&f.deprecated_at),
    }
    .state(&profile.statuses, as_of)
}

/// What the state of a document depends on besides the date. The JSON index publishes these,
/// so that a consumer (and `normwerk query --index`) can compute the state for any day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateInputs<'a> {
    /// A supplement (by file name or by type): never normative.
    pub informative: bool,
    pub status: Option<&'a str>,
    pub stabilized_at: Option<Date>,
    pub deprecated_at: Option<Date>,
}

impl StateInputs<'_> {
    /// The one place where the state rule lives.
    pub fn state(&self, statuses: &Statuses, as_of: Date) -> State {
        if self.informative {
            return State::Informative;
        }
        let Some(status) = self.status else {
            return State::Draft;
        };
        let reached = |d: Option<Date>| d.map(|d| d <= as_of);
        if status == statuses.rejected {
            State::Rejected
        } else if status == statuses.stable {
            match reached(self.stabilized_at) {
                Some(false) => State::FutureEffective,
                _ => State::Effective,
            }
        } else if status == statuses.deprecated {
            match reached(self.deprecated_at) {
                Some(false) => match reached(self.stabilized_at) {
                    Some(false) => State::FutureEffective,
                    _ => State::FutureDeprecated,
                },
                _ => State::Deprecated,
            }
        } else {
            State::Draft
        }
    }
}

/// One version of a standard (or one supplement), with its state.
#[derive(Debug, Clone)]
pub struct Version<'c> {
    pub doc: &'c Document,
    /// `scs-0100-v3`, `scs-0100-w1`.
    pub id: String,
    pub version: u32,
    pub state: State,
}

/// All versions and supplements of one number.
#[derive(Debug, Clone)]
pub struct Standard<'c> {
    /// `scs-0100`.
    pub id: String,
    pub number: u32,
    /// Primary versions, lowest first.
    pub versions: Vec<Version<'c>>,
    /// Supplements, lowest first.
    pub supplements: Vec<Version<'c>>,
}

impl Standard<'_> {
    /// The version that is the current reference: the highest one in force; else the highest
    /// that will be; else the highest Draft; else the highest version.
    pub fn reference(&self) -> Option<&Version<'_>> {
        let highest =
            |pred: &dyn Fn(State) -> bool| self.versions.iter().rev().find(|v| pred(v.state));
        highest(&|s| s.is_in_force())
            .or_else(|| highest(&|s| s == State::FutureEffective))
            .or_else(|| highest(&|s| s == State::Draft))
            .or_else(|| self.versions.last())
    }
}

/// The whole corpus, grouped, with states as of one date.
#[derive(Debug, Clone)]
pub struct Catalog<'c> {
    /// The day the states are computed for; the one holder of it in a run.
    pub as_of: AsOf,
    /// By number.
    pub standards: Vec<Standard<'c>>,
    /// Documents without a number yet (`xxxx`).
    pub proposals: Vec<Version<'c>>,
    /// By id: what replaces it, declared by either side (its `replaced_by`, and every document
    /// whose `replaces` names it). In the SCS corpus many a predecessor does not name its
    /// successor. Sorted ids; they may name documents that no longer exist.
    pub successors: BTreeMap<String, BTreeSet<String>>,
    /// By id: what it replaces, declared by either side.
    pub predecessors: BTreeMap<String, BTreeSet<String>>,
}

impl<'c> Catalog<'c> {
    pub fn new(corpus: &'c Corpus, profile: &Profile, as_of: impl Into<AsOf>) -> Catalog<'c> {
        let as_of = as_of.into();
        let mut by_number: BTreeMap<u32, Standard<'c>> = BTreeMap::new();
        let mut proposals = Vec::new();
        for doc in &corpus.documents {
            let Some(name) = &doc.name else { continue };
            let version = Version {
                doc,
                id: name.id(),
                version: name.version,
                state: state_of(doc, profile, as_of.date),
            };
            let Some(number) = name.number else {
                proposals.push(version);
                continue;
            };
            let standard = by_number.entry(number).or_insert_with(|| Standard {
                id: name.standard_id().unwrap_or_default(),
                number,
                versions: Vec::new(),
                supplements: Vec::new(),
            });
            match name.kind {
                Kind::Primary => standard.versions.push(version),
                Kind::Supplement => standard.supplements.push(version),
            }
        }
        let mut standards: Vec<Standard<'c>> = by_number.into_values().collect();
        for s in &mut standards {
            s.versions.sort_by_key(|v| v.version);
            s.supplements.sort_by_key(|v| v.version);
        }
        proposals.sort_by(|a, b| a.id.cmp(&b.id));
        let mut catalog = Catalog {
            as_of,
            standards,
            proposals,
            successors: BTreeMap::new(),
            predecessors: BTreeMap::new(),
        };
        let mut successors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut predecessors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for v in catalog.documents() {
            let f = &v.doc.fields;
            for r in reference_ids(corpus, profile, &f.replaced_by) {
                predecessors
                    .entry(r.clone())
                    .or_default()
                    .insert(v.id.clone());
                successors.entry(v.id.clone()).or_default().insert(r);
            }
            for r in reference_ids(corpus, profile, &f.replaces) {
                successors
                    .entry(r.clone())
                    .or_default()
                    .insert(v.id.clone());
                predecessors.entry(v.id.clone()).or_default().insert(r);
            }
        }
        catalog.successors = successors;
        catalog.predecessors = predecessors;
        catalog
    }

    /// Every document: versions and supplements by standard, then proposals.
    pub fn documents(&self) -> impl Iterator<Item = &Version<'c>> {
        self.standards
            .iter()
            .flat_map(|s| s.versions.iter().chain(&s.supplements))
            .chain(&self.proposals)
    }

    /// What replaces the document `id`, declared by either side; sorted.
    pub fn successors_of(&self, id: &str) -> Vec<String> {
        self.successors
            .get(id)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// What the document `id` replaces, declared by either side; sorted.
    pub fn predecessors_of(&self, id: &str) -> Vec<String> {
        self.predecessors
            .get(id)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The version with this id (`scs-0100-v3`), or with this file name.
    pub fn version(&self, id: &str) -> Option<&Version<'c>> {
        self.documents()
            .find(|v| v.id == id || v.doc.file_name == id)
    }
}

/// The ids of the documents a reference list names. A reference to a file that does not exist
/// still gives the id its name spells (the lint reports the missing file); one that is not a
/// document name at all is left out.
pub fn reference_ids(
    corpus: &Corpus,
    profile: &Profile,
    list: &Option<crate::document::RefList>,
) -> Vec<String> {
    list.iter()
        .flat_map(|l| &l.items)
        .filter_map(|item| {
            if let Some(d) = corpus.resolve(&item.value) {
                return d.id();
            }
            let r = item.value.trim().trim_start_matches("./");
            let file = if r.ends_with(".md") {
                r.to_owned()
            } else {
                format!("{r}.md")
            };
            crate::document::name::parse(&file, &profile.prefix)
                .ok()
                .map(|n| n.id())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sample() -> Corpus {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        Corpus::load(&root, &Profile::default()).unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn state(c: &Catalog<'_>, id: &str) -> State {
        c.version(id).unwrap().state
    }

    fn reference(c: &Catalog<'_>, number: u32) -> String {
        let s = c.standards.iter().find(|s| s.number == number).unwrap();
        s.reference().unwrap().id.clone()
    }

    #[test]
    fn states_follow_the_dates() {
        let corpus = sample();
        let p = Profile::default();
        let c = Catalog::new(&corpus, &p, date("2026-11-27"));
        assert_eq!(state(&c, "scs-0110-v1"), State::Deprecated);
        assert_eq!(state(&c, "scs-0110-v2"), State::Effective);
        assert_eq!(state(&c, "scs-0111-v1"), State::FutureDeprecated);
        assert_eq!(state(&c, "scs-0111-v2"), State::Effective);
        assert_eq!(state(&c, "scs-0211-v1"), State::Rejected);
        assert_eq!(state(&c, "scs-0210-v1"), State::Draft);
        assert_eq!(state(&c, "scs-0110-w1"), State::Informative);
        assert_eq!(c.proposals.len(), 1);
        // Before v2 of 0111 was stabilized, v1 alone was in force.
        let c = Catalog::new(&corpus, &p, date("2026-08-31"));
        assert_eq!(state(&c, "scs-0111-v2"), State::FutureEffective);
        assert_eq!(reference(&c, 111), "scs-0111-v1");
        // After the announced deprecation.
        let c = Catalog::new(&corpus, &p, date("2027-06-30"));
        assert_eq!(state(&c, "scs-0111-v1"), State::Deprecated);
        assert_eq!(reference(&c, 111), "scs-0111-v2");
    }

    #[test]
    fn grouping() {
        let corpus = sample();
        let c = Catalog::new(&corpus, &Profile::default(), date("2026-11-27"));
        let s110 = c.standards.iter().find(|s| s.id == "scs-0110").unwrap();
        assert_eq!(s110.versions.len(), 2);
        assert_eq!(s110.supplements.len(), 1);
        assert_eq!(s110.reference().unwrap().id, "scs-0110-v2");
        assert_eq!(c.standards.len(), 11);
    }
}
