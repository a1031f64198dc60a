//! `query --scope` and `query --required-by`: what a certificate scope requires on a day, and
//! which scope versions require a document. Answered from the index's `scopes` alone: validity
//! from the published timeline, document states from the entries' own inputs, so that the
//! source folder and a published index answer alike.

use super::QueryError;
use crate::catalog::State;
use crate::config::Statuses;
use crate::index::{Entry, Include, Index, Scope, ScopeVersion, TestCase};
use crate::scopes::Validity;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// `query --scope`: the scope asked about and what its versions require.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeAnswer {
    pub api_version: u32,
    pub as_of: String,
    pub scope: ScopeName,
    /// The version after `@`; `None`: the versions that certify on the day.
    pub asked: Option<String>,
    pub versions: Vec<Requirement>,
    /// Every version's validity on the day, for saying why none certifies (not in the JSON).
    #[serde(skip)]
    pub all: Vec<(String, Option<Validity>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeName {
    pub id: String,
    pub name: Option<String>,
    pub documents: Option<String>,
}

/// What one scope version requires on the day.
#[derive(Debug, Clone, Serialize)]
pub struct Requirement {
    pub version: String,
    pub validity: Option<Validity>,
    pub stabilized_at: Option<String>,
    pub document: Option<DocumentRef>,
    pub includes: Vec<Include>,
    pub documents: Vec<RequiredDocument>,
    pub targets: BTreeMap<String, Vec<String>>,
    pub testcases: Vec<TestCase>,
}

/// A document with its state on the day (`None` when the index lacks it).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub title: Option<String>,
    pub state: Option<State>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequiredDocument {
    #[serde(flatten)]
    pub document: DocumentRef,
    pub modules: Vec<String>,
}

/// `query --required-by`: the scope versions that include the documents asked about.
#[derive(Debug, Clone, Serialize)]
pub struct RequiredByAnswer {
    pub api_version: u32,
    pub as_of: String,
    pub asked: String,
    pub documents: Vec<DocumentRef>,
    pub scopes: Vec<Requiring>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Requiring {
    pub scope: String,
    pub name: Option<String>,
    pub version: String,
    pub validity: Option<Validity>,
    pub stabilized_at: Option<String>,
    pub modules: Vec<String>,
    pub documents: Vec<String>,
}

/// The state of document `id` on `day`, from the index's entries.
struct States<'i> {
    index: &'i Index,
    statuses: Statuses,
    day: Date,
}

impl States<'_> {
    fn new(index: &Index, day: Date) -> States<'_> {
        States {
            index,
            statuses: (&index.header.statuses).into(),
            day,
        }
    }

    fn of(&self, id: &str) -> DocumentRef {
        let entry = self.index.entries().find(|e| e.id == id);
        DocumentRef {
            id: id.to_owned(),
            title: entry.and_then(|e| e.title.clone()),
            state: entry.map(|e| e.state_on(&self.statuses, self.day)),
        }
    }
}

/// The scope named by `asked`: its id or name (any case), optionally `@VERSION`.
fn find_scope<'i>(
    index: &'i Index,
    asked: &str,
) -> Result<(&'i Scope, Option<String>), QueryError> {
    let named = |q: &str| {
        let q = q.trim();
        index.scopes.iter().find(|s| {
            s.id.eq_ignore_ascii_case(q)
                || s.name
                    .as_deref()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(q))
        })
    };
    if let Some(s) = named(asked) {
        return Ok((s, None));
    }
    if let Some((name, version)) = asked.rsplit_once('@')
        && let Some(s) = named(name)
    {
        return Ok((s, Some(version.trim().to_owned())));
    }
    Err(QueryError::UnknownScope {
        asked: asked.to_owned(),
        known: index
            .scopes
            .iter()
            .map(|s| match &s.name {
                Some(n) => format!("{} ({n})", s.id),
                None => s.id.clone(),
            })
            .collect(),
    })
}

/// What the scope `asked` (`NAME[@VERSION]`) requires on `day`.
pub fn scope(index: &Index, day: Date, asked: &str) -> Result<ScopeAnswer, QueryError> {
    let (scope, version) = find_scope(index, asked)?;
    let all: Vec<(String, Option<Validity>)> = scope
        .versions
        .iter()
        .map(|v| (v.version.clone(), scope.validity_on(&v.version, day)))
        .collect();
    let chosen: Vec<&ScopeVersion> = match &version {
        Some(name) => {
            let found = scope
                .version(name)
                .ok_or_else(|| QueryError::UnknownScopeVersion {
                    scope: scope.title().to_owned(),
                    asked: name.clone(),
                    known: scope.versions.iter().map(|v| v.version.clone()).collect(),
                })?;
            vec![found]
        }
        None => scope
            .versions
            .iter()
            .filter(|v| {
                scope
                    .validity_on(&v.version, day)
                    .is_some_and(Validity::certifies)
            })
            .collect(),
    };
    let states = States::new(index, day);
    Ok(ScopeAnswer {
        api_version: index.header.api_version,
        as_of: day.to_string(),
        scope: ScopeName {
            id: scope.id.clone(),
            name: scope.name.clone(),
            documents: scope.documents.clone(),
        },
        asked: version,
        versions: chosen
            .into_iter()
            .map(|v| requirement(scope, v, &states))
            .collect(),
        all,
    })
}

fn requirement(scope: &Scope, v: &ScopeVersion, states: &States<'_>) -> Requirement {
    let mut documents: Vec<RequiredDocument> = Vec::new();
    let mut targets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut mentioned: Vec<&str> = Vec::new();
    for include in &v.includes {
        if let Some(id) = &include.document {
            match documents.iter_mut().find(|d| &d.document.id == id) {
                Some(d) => d.modules.push(include.module.clone()),
                None => documents.push(RequiredDocument {
                    document: states.of(id),
                    modules: vec![include.module.clone()],
                }),
            }
        }
        for (target, ids) in &include.targets {
            let list = targets.entry(target.clone()).or_default();
            for id in ids {
                if !list.contains(id) {
                    list.push(id.clone());
                }
                if !mentioned.contains(&id.as_str()) {
                    mentioned.push(id);
                }
            }
        }
    }
    Requirement {
        version: v.version.clone(),
        validity: scope.validity_on(&v.version, states.day),
        stabilized_at: v.stabilized_at.clone(),
        document: v.document.as_deref().map(|id| states.of(id)),
        includes: v.includes.clone(),
        documents,
        targets,
        testcases: mentioned
            .iter()
            .filter_map(|id| scope.testcases.iter().find(|t| t.id == *id).cloned())
            .collect(),
    }
}

/// Which scope versions include the document(s) `asked` names on `day`: a version id, a file
/// name (with or without `.md`), or a standard id (all its versions and supplements).
pub fn required_by(index: &Index, day: Date, asked: &str) -> Result<RequiredByAnswer, QueryError> {
    let q = asked.trim().trim_end_matches(".md");
    let names = |e: &Entry| {
        e.id.eq_ignore_ascii_case(q)
            || e.file.trim_end_matches(".md") == q
            || e.standard
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(q))
    };
    let matched: Vec<&Entry> = index.entries().filter(|e| names(e)).collect();
    // A document gone from the corpus may still be included by a scope (its module's url names
    // it only through the id the index kept).
    let included = |id: &str| {
        index
            .scopes
            .iter()
            .flat_map(|s| &s.versions)
            .flat_map(|v| &v.includes)
            .any(|i| i.document.as_deref() == Some(id))
    };
    if matched.is_empty() && !included(q) {
        let mut known: Vec<String> = Vec::new();
        for i in index
            .scopes
            .iter()
            .flat_map(|s| &s.versions)
            .flat_map(|v| &v.includes)
        {
            if let Some(d) = &i.document
                && !known.contains(d)
            {
                known.push(d.clone());
            }
        }
        known.sort();
        return Err(QueryError::UnknownDocument {
            asked: asked.to_owned(),
            known,
        });
    }
    let ids: Vec<String> = if matched.is_empty() {
        vec![q.to_owned()]
    } else {
        matched.iter().map(|e| e.id.clone()).collect()
    };
    let states = States::new(index, day);
    let mut scopes = Vec::new();
    for s in &index.scopes {
        for v in &s.versions {
            let hits: Vec<&Include> = v
                .includes
                .iter()
                .filter(|i| i.document.as_ref().is_some_and(|d| ids.contains(d)))
                .collect();
            if hits.is_empty() {
                continue;
            }
            let mut documents: Vec<String> = Vec::new();
            for d in hits.iter().filter_map(|i| i.document.clone()) {
                if !documents.contains(&d) {
                    documents.push(d);
                }
            }
            scopes.push(Requiring {
                scope: s.id.clone(),
                name: s.name.clone(),
                version: v.version.clone(),
                validity: s.validity_on(&v.version, day),
                stabilized_at: v.stabilized_at.clone(),
                modules: hits.iter().map(|i| i.module.clone()).collect(),
                documents,
            });
        }
    }
    Ok(RequiredByAnswer {
        api_version: index.header.api_version,
        as_of: day.to_string(),
        asked: asked.to_owned(),
        documents: ids.iter().map(|id| states.of(id)).collect(),
        scopes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> Date {
        d.parse().unwrap()
    }

    fn versions(answer: &ScopeAnswer) -> Vec<(&str, Option<Validity>)> {
        answer
            .versions
            .iter()
            .map(|v| (v.version.as_str(), v.validity))
            .collect()
    }

    #[test]
    fn without_a_version_the_certifying_ones_on_the_day() {
        let index = crate::index::sample_index();
        let on = |d: &str| scope(&index, day(d), "compatible iaas").unwrap();
        assert!(on("2025-02-28").versions.is_empty(), "before the timeline");
        assert_eq!(
            versions(&on("2026-11-01")),
            [
                ("v2", Some(Validity::Effective)),
                ("v1", Some(Validity::Warn))
            ]
        );
        // v1 is no longer listed: deprecated, so only v2 certifies.
        assert_eq!(
            versions(&on("2026-12-15")),
            [("v2", Some(Validity::Effective))]
        );
        let v1 = scope(&index, day("2026-12-15"), "COMPATIBLE-IAAS@v1").unwrap();
        assert_eq!(versions(&v1), [("v1", Some(Validity::Deprecated))]);
        assert_eq!(v1.asked.as_deref(), Some("v1"));
    }

    #[test]
    fn a_requirement_lists_documents_with_states_and_test_cases_per_target() {
        let index = crate::index::sample_index();
        let answer = scope(&index, day("2027-07-01"), "Compatible IaaS@v1").unwrap();
        let [v1] = answer.versions.as_slice() else {
            panic!("one version")
        };
        let states: Vec<(&str, Option<State>)> = v1
            .documents
            .iter()
            .map(|d| (d.document.id.as_str(), d.document.state))
            .collect();
        assert_eq!(
            states,
            [
                ("scs-0110-v2", Some(State::Effective)),
                ("scs-0111-v1", Some(State::Deprecated)),
                ("scs-0300-v1", Some(State::Effective)),
            ]
        );
        assert_eq!(v1.targets["main"], ["labels-present", "snapshots-kept"]);
        assert_eq!(v1.targets["preview"], ["claims-documented"]);
        assert_eq!(v1.testcases.len(), 4);
        assert_eq!(
            v1.document.as_ref().map(|d| d.state),
            Some(Some(State::Deprecated))
        );
    }

    #[test]
    fn unknown_names_list_what_exists() {
        let index = crate::index::sample_index();
        let err = scope(&index, day("2026-11-27"), "Compatible KaaS").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no scope \"Compatible KaaS\" in the index; the scopes are: compatible-iaas (Compatible IaaS)"
        );
        let err = scope(&index, day("2026-11-27"), "compatible-iaas@v3").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the scope Compatible IaaS has no version \"v3\"; its versions are: v2, v1"
        );
        let err = required_by(&index, day("2026-11-27"), "scs-0999-v1").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("include are: scs-0110-v2, scs-0111-v1, scs-0111-v2, scs-0300-v1"),
            "{err}"
        );
        let mut without = index.clone();
        without.scopes.clear();
        let err = scope(&without, day("2026-11-27"), "x").unwrap_err();
        assert!(
            err.to_string().contains("has no certificate scopes"),
            "{err}"
        );
    }

    #[test]
    fn required_by_a_version_a_file_or_a_standard() {
        let index = crate::index::sample_index();
        let on = |asked: &str| {
            let a = required_by(&index, day("2026-11-27"), asked).unwrap();
            a.scopes
                .iter()
                .map(|r| format!("{}@{} {}", r.scope, r.version, r.documents.join(",")))
                .collect::<Vec<_>>()
        };
        assert_eq!(on("scs-0111-v1"), ["compatible-iaas@v1 scs-0111-v1"]);
        assert_eq!(
            on("scs-0111-v2-volume-snapshot-retention.md"),
            ["compatible-iaas@v2 scs-0111-v2"]
        );
        assert_eq!(
            on("scs-0111"),
            [
                "compatible-iaas@v2 scs-0111-v2",
                "compatible-iaas@v1 scs-0111-v1"
            ]
        );
        // A document no scope includes: an empty answer, not an error.
        assert!(on("scs-0001-v1").is_empty());
    }
}
