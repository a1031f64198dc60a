//! `normwerk query`: questions about the index, asked of the source tree or of a published
//! `index.json`. Both go through the same [`Index`] values, and states for another day are
//! computed from the index's own inputs (status and dates), so that both answer alike.

mod scopes;

pub use scopes::{
    DocumentRef, RequiredByAnswer, RequiredDocument, Requirement, Requiring, ScopeAnswer,
    ScopeName, required_by, scope,
};

use crate::catalog::State;
use crate::index::{Entry, EntryKind, Index};
use jiff::Span;
use jiff::civil::Date;
use serde::Serialize;

/// A value of `--state`: a state, or `in-force` (effective and future-deprecated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    /// `effective` matches every version in force: `effective` and `future-deprecated`.
    Is(State),
    InForce,
}

impl StateFilter {
    pub fn parse(text: &str) -> Result<StateFilter, String> {
        if text == "in-force" {
            return Ok(StateFilter::InForce);
        }
        State::from_name(text).map(StateFilter::Is).ok_or_else(|| {
            let names: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
            format!("expected one of {}, in-force", names.join(", "))
        })
    }

    fn matches(self, state: State) -> bool {
        match self {
            StateFilter::InForce | StateFilter::Is(State::Effective) => state.is_in_force(),
            StateFilter::Is(s) => s == state,
        }
    }
}

/// Parses a span of days, weeks or months (`90d`, `6 months`, `P90D`).
pub fn parse_span(text: &str) -> Result<Span, String> {
    text.parse::<Span>()
        .map_err(|e| format!("{e} (write e.g. 90d, 12w, 6 months or P90D)"))
}

/// What to select; an empty list means no condition. Conditions combine with AND; the values
/// of one list with OR.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Ids (`scs-0100-v3`), standard ids (`scs-0100`), file names or numbers.
    pub ids: Vec<String>,
    pub tracks: Vec<String>,
    pub types: Vec<String>,
    pub statuses: Vec<String>,
    pub states: Vec<StateFilter>,
    pub numbers: Vec<u32>,
    pub kinds: Vec<EntryKind>,
    /// The document types the body's profile names (besides those of the index's documents),
    /// so that a type no document has yet is no unknown value.
    pub known_types: Vec<String>,
    /// Versions that replace this one (declared on either side).
    pub replacing: Option<String>,
    /// In force, with `deprecated_at` after the day and at most this far ahead.
    pub deprecating_within: Option<Span>,
    /// Stable, with `stabilized_at` after the day and at most this far ahead.
    pub effective_within: Option<Span>,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("no document with the id {0:?} in the index, and none that replaces it")]
    UnknownId(String),
    #[error(
        "no scope {asked:?} in the index; {}",
        list_or(
            known,
            "the scopes are",
            "the index has no certificate scopes (the profile's `[profile.scopes] files` match no file, or the index was written before scopes were indexed)"
        )
    )]
    UnknownScope { asked: String, known: Vec<String> },
    #[error(
        "the scope {scope} has no version {asked:?}; {}",
        list_or(known, "its versions are", "it has no versions")
    )]
    UnknownScopeVersion {
        scope: String,
        asked: String,
        known: Vec<String>,
    },
    #[error(
        "no document {asked:?} in the index; {}",
        list_or(
            known,
            "the documents scope versions include are",
            "no scope version includes a document"
        )
    )]
    UnknownDocument { asked: String, known: Vec<String> },
    #[error(
        "no document, standard or number {asked:?} in the index{}",
        match suggestion { Some(s) => format!(" (did you mean {s:?}?)"), None => String::new() }
    )]
    NoSuchDocument {
        asked: String,
        suggestion: Option<String>,
    },
    #[error(
        "{asked:?} is not a {field} of the index; {}",
        list_or(known, "they are", "it has none")
    )]
    UnknownValue {
        field: &'static str,
        asked: String,
        known: Vec<String>,
    },
    #[error("{day} + {span} is not a date: {message}")]
    Span {
        day: Date,
        span: String,
        message: String,
    },
}

/// Ids, tracks and types the index does not have are errors, as unknown values are for every
/// other command, not an empty answer: a typo would otherwise read as "nothing is in force".
fn check_values(
    index: &Index,
    filters: &Filters,
    by_id: &dyn Fn(&Entry, &str) -> bool,
) -> Result<(), QueryError> {
    for q in &filters.ids {
        if !index.entries().any(|e| by_id(e, q)) {
            let suggestion =
                crate::lint::closest(q, index.entries().map(|e| e.id.as_str())).map(str::to_owned);
            return Err(QueryError::NoSuchDocument {
                asked: q.clone(),
                suggestion,
            });
        }
    }
    let check = |field: &'static str, asked: &[String], of: &dyn Fn(&Entry) -> Option<String>| {
        let mut known: Vec<String> = index.entries().filter_map(of).collect();
        if field == "track" {
            known.extend(index.tracks.iter().map(|t| t.name.clone()));
        }
        known.sort_unstable_by_key(|k| k.to_lowercase());
        known.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        match asked
            .iter()
            .find(|a| !known.iter().any(|k| k.eq_ignore_ascii_case(a)))
        {
            Some(a) => Err(QueryError::UnknownValue {
                field,
                asked: a.clone(),
                known,
            }),
            None => Ok(()),
        }
    };
    check("track", &filters.tracks, &|e| e.track.clone())?;
    let mut with_profile = filters.types.clone();
    with_profile.retain(|t| {
        !filters
            .known_types
            .iter()
            .any(|k| k.eq_ignore_ascii_case(t))
    });
    check("type", &with_profile, &|e| e.doc_type.clone())
}

/// `known` as a sentence's end: `"<intro>: a, b, c"`, or `empty` when there is none.
fn list_or(known: &[String], intro: &str, empty: &str) -> String {
    if known.is_empty() {
        empty.to_owned()
    } else {
        format!("{intro}: {}", known.join(", "))
    }
}

/// The answer: the matching entries with their state on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub api_version: u32,
    pub as_of: String,
    pub versions: Vec<Entry>,
}

/// Runs `filters` against `index` on `day` (which may differ from the index's own `as_of`).
pub fn run(index: &Index, day: Date, filters: &Filters) -> Result<Answer, QueryError> {
    // A document is named by its id, its file name, or its file name without `.md`.
    // A path (as a shell completes it) names its file; ids are matched in any case.
    let names = |e: &Entry, q: &str| {
        let q = q
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(q)
            .trim_end_matches(".md");
        e.id.eq_ignore_ascii_case(q) || e.file.trim_end_matches(".md").eq_ignore_ascii_case(q)
    };
    let lookup = |q: &str| index.entries().find(|e| names(e, q));
    // The version asked about may be gone from the corpus while successors still name it.
    let replaced: Option<(String, Vec<String>)> = match &filters.replacing {
        Some(q) => match lookup(q) {
            Some(e) => Some((e.id.clone(), e.successors.clone())),
            None => {
                let id = q.trim_end_matches(".md").to_owned();
                if !index.entries().any(|e| e.replaces.contains(&id)) {
                    return Err(QueryError::UnknownId(q.clone()));
                }
                Some((id, Vec::new()))
            }
        },
        None => None,
    };
    let horizon = |span: &Option<Span>| -> Result<Option<Date>, QueryError> {
        span.map(|s| {
            day.checked_add(s).map_err(|e| QueryError::Span {
                day,
                span: s.to_string(),
                message: e.to_string(),
            })
        })
        .transpose()
    };
    let deprecation_horizon = horizon(&filters.deprecating_within)?;
    let effective_horizon = horizon(&filters.effective_within)?;
    let parse = |d: &Option<String>| d.as_deref().and_then(crate::document::parse_iso_date);
    let by_id = |e: &Entry, q: &str| {
        names(e, q)
            || e.standard
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(q))
            || q.parse::<u32>()
                .is_ok_and(|n| e.kind != EntryKind::Proposal && number(e) == Some(n))
    };
    let any = |list: &[String], value: &Option<String>| {
        list.is_empty()
            || value
                .as_deref()
                .is_some_and(|v| list.iter().any(|x| x.eq_ignore_ascii_case(v)))
    };
    check_values(index, filters, &by_id)?;
    let statuses: crate::config::Statuses = (&index.header.statuses).into();
    let mut versions = Vec::new();
    for e in index.entries() {
        let state = e.state_on(&statuses, day);
        let keep = (filters.ids.is_empty() || filters.ids.iter().any(|q| by_id(e, q)))
            && any(&filters.tracks, &e.track)
            && any(&filters.types, &e.doc_type)
            && any(&filters.statuses, &e.status)
            && (filters.states.is_empty() || filters.states.iter().any(|s| s.matches(state)))
            && (filters.numbers.is_empty()
                || number(e).is_some_and(|n| filters.numbers.contains(&n)))
            && (filters.kinds.is_empty() || filters.kinds.contains(&e.kind))
            && replaced.as_ref().is_none_or(|(id, successors)| {
                e.replaces.contains(id) || successors.contains(&e.id)
            })
            && deprecation_horizon.is_none_or(|h| {
                state == State::FutureDeprecated && parse(&e.deprecated_at).is_some_and(|d| d <= h)
            })
            && effective_horizon.is_none_or(|h| {
                state == State::FutureEffective && parse(&e.stabilized_at).is_some_and(|d| d <= h)
            });
        if keep {
            let mut e = e.clone();
            e.state = state;
            versions.push(e);
        }
    }
    Ok(Answer {
        api_version: index.header.api_version,
        as_of: day.to_string(),
        versions,
    })
}

fn number(e: &Entry) -> Option<u32> {
    e.standard
        .as_deref()
        .and_then(|s| s.rsplit('-').next())
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Index {
        crate::index::sample_index()
    }

    fn ids(index: &Index, day: &str, filters: &Filters) -> Vec<String> {
        run(index, day.parse().unwrap(), filters)
            .unwrap()
            .versions
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    #[test]
    fn successors_are_found_from_either_side_and_for_removed_versions() {
        let mut index = sample();
        let replacing = |id: &str| Filters {
            replacing: Some(id.to_owned()),
            ..Filters::default()
        };
        assert_eq!(
            ids(&index, "2026-11-27", &replacing("scs-0110-v1")),
            ["scs-0110-v2"]
        );
        assert_eq!(
            ids(
                &index,
                "2026-11-27",
                &replacing("scs-0110-v1-instance-metadata-labels.md")
            ),
            ["scs-0110-v2"]
        );
        // v1 is no longer in the corpus; v2 still says it replaces it.
        index
            .standards
            .iter_mut()
            .for_each(|s| s.versions.retain(|v| v.id != "scs-0110-v1"));
        assert_eq!(
            ids(&index, "2026-11-27", &replacing("scs-0110-v1")),
            ["scs-0110-v2"]
        );
        assert!(matches!(
            run(
                &index,
                "2026-11-27".parse().unwrap(),
                &replacing("scs-0999-v1")
            ),
            Err(QueryError::UnknownId(_))
        ));
    }

    #[test]
    fn effective_means_in_force_and_spans_bound_the_announcements() {
        let index = sample();
        let state = |s: &str| Filters {
            states: vec![StateFilter::parse(s).unwrap()],
            numbers: vec![111],
            ..Filters::default()
        };
        // v1 of 0111 is in force with its deprecation announced for 2027-06-30.
        assert_eq!(
            ids(&index, "2026-11-27", &state("effective")),
            ["scs-0111-v1", "scs-0111-v2"]
        );
        assert_eq!(
            ids(&index, "2026-11-27", &state("in-force")),
            ["scs-0111-v1", "scs-0111-v2"]
        );
        assert_eq!(
            ids(&index, "2026-11-27", &state("future-deprecated")),
            ["scs-0111-v1"]
        );
        assert!(StateFilter::parse("active").is_err());
        let within = |span: &str| Filters {
            deprecating_within: Some(span.parse().unwrap()),
            ..Filters::default()
        };
        assert!(
            ids(&index, "2027-03-31", &within("90d")).is_empty(),
            "91 days ahead"
        );
        assert_eq!(
            ids(&index, "2027-04-01", &within("90d")),
            ["scs-0111-v1"],
            "the last day counts"
        );
        assert!(
            ids(&index, "2027-06-30", &within("90d")).is_empty(),
            "already deprecated"
        );
    }
}
