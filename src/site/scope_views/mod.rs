//! The certification section's views: each scope file of the corpus with its versions, their
//! validity on the as-of date, the timeline, the standards and test cases each version includes
//! and what changed from the version before; and, by document, the scope versions that require
//! it. Computed once per build from [`crate::certification::resolve`], so that the templates never
//! reach into the scope model.

mod build;
mod changes;
mod links;

pub use changes::ChangesView;
pub use links::{DocRef, LinkView};

use crate::catalog::Catalog;
use crate::certification::resolve;
use crate::config::Profile;
use crate::corpus::Corpus;
use build::{ordered, scope_view};
use links::Linker;
use serde::Serialize;
use std::collections::HashMap;

/// Every scope as its page shows it, and the scope versions that require each document.
pub struct Certification {
    pub scopes: Vec<ScopeView>,
    /// By file id of the document; effective and warn versions first, then drafts.
    required_by: HashMap<String, Vec<RequiredView>>,
}

#[derive(Serialize)]
pub struct ScopeView {
    /// The page's folder name: the scope file's name without extension, made safe for a URL.
    pub id: String,
    pub name: String,
    pub uuid: String,
    /// The scope file's own `url` (where the test tools read it).
    pub url: LinkView,
    /// The scope file in the repository.
    pub source_path: String,
    /// The standard whose versions are the scope documents (`scs-0501`), when there is one.
    pub standard_id: Option<String>,
    pub standard_title: String,
    /// Newest first (by `stabilized_at`; versions without it last in time, so first here).
    pub versions: Vec<ScopeVersionView>,
    /// The timeline, newest period first; its cells follow `versions`.
    pub periods: Vec<PeriodView>,
    /// The versions a cloud can be certified against on the as-of date.
    pub certifiable: Vec<VersionRef>,
}

/// A scope version named on its scope's page.
#[derive(Serialize)]
pub struct VersionRef {
    pub name: String,
    pub anchor: String,
    pub validity: &'static str,
}

#[derive(Serialize)]
pub struct ScopeVersionView {
    pub name: String,
    /// Its section on the scope page.
    pub anchor: String,
    /// `effective`, `warn`, `draft`, `deprecated`, or `none` (before the timeline starts, or a
    /// code scs-0003 does not define).
    pub validity: &'static str,
    pub certifies: bool,
    pub stabilized_at: String,
    /// The scope document of the version's major version.
    pub document: Option<DocRef>,
    pub modules: Vec<ModuleView>,
    /// How many test cases its modules' targets name (all targets).
    pub testcases: usize,
    /// From the version before (none for the first).
    pub changes: Option<ChangesView>,
}

/// A module as one version includes it.
#[derive(Serialize, Clone)]
pub struct ModuleView {
    pub id: String,
    pub name: String,
    /// The scope file defines the module.
    pub defined: bool,
    /// The document its `url` names.
    pub document: Option<DocRef>,
    pub link: LinkView,
    /// What the include gives the module's parameters.
    pub parameters: Vec<ParameterView>,
    pub targets: Vec<TargetView>,
}

#[derive(Serialize, Clone)]
pub struct ParameterView {
    pub name: String,
    pub value: String,
}

#[derive(Serialize, Clone)]
pub struct TargetView {
    pub name: String,
    pub testcases: Vec<TestCaseView>,
}

#[derive(Serialize, Clone)]
pub struct TestCaseView {
    pub id: String,
    pub description: String,
    pub lifetime: String,
    /// Checked by hand (its script has no executable).
    pub manual: bool,
    /// The scope file defines the test case.
    pub defined: bool,
    pub link: LinkView,
}

#[derive(Serialize)]
pub struct PeriodView {
    pub start: String,
    /// Empty: open-ended.
    pub end: String,
    /// The as-of date falls in this period.
    pub current: bool,
    /// One per version of the scope, in the order of `ScopeView::versions`.
    pub cells: Vec<CellView>,
}

#[derive(Serialize)]
pub struct CellView {
    pub validity: &'static str,
    /// The entry names the version (unlisted versions are deprecated).
    pub listed: bool,
}

/// A scope version that requires a document on the as-of date (or, as a draft, will).
#[derive(Serialize, Clone)]
pub struct RequiredView {
    pub scope_id: String,
    pub scope_name: String,
    pub version: String,
    pub anchor: String,
    pub validity: &'static str,
    pub draft: bool,
}

impl Certification {
    pub fn new(corpus: &Corpus, profile: &Profile, catalog: &Catalog<'_>) -> Certification {
        let linker = Linker::new(corpus, profile, catalog);
        let resolved = resolve(corpus, profile);
        let ids = page_ids(resolved.iter().map(|r| r.file.id()));
        let mut required_by: HashMap<String, Vec<RequiredView>> = HashMap::new();
        let scopes = resolved
            .iter()
            .zip(ids)
            .map(|(r, id)| {
                let view = scope_view(r, id, &linker);
                for (v, rv) in view.versions.iter().zip(ordered(r).into_iter().rev()) {
                    if !(v.certifies || v.validity == "draft") {
                        continue;
                    }
                    for doc in rv.documents() {
                        required_by
                            .entry(crate::urls::file_id(doc))
                            .or_default()
                            .push(RequiredView {
                                scope_id: view.id.clone(),
                                scope_name: view.name.clone(),
                                version: v.name.clone(),
                                anchor: v.anchor.clone(),
                                validity: v.validity,
                                draft: !v.certifies,
                            });
                    }
                }
                view
            })
            .collect();
        for list in required_by.values_mut() {
            list.sort_by_key(|r| r.draft);
        }
        Certification {
            scopes,
            required_by,
        }
    }

    /// The scope versions that require the document with this file id.
    pub fn required_by(&self, file_id: &str) -> &[RequiredView] {
        self.required_by.get(file_id).map_or(&[], Vec::as_slice)
    }
}

/// Folder names for the scope pages: the scope ids, with characters other than letters,
/// digits, `.`, `_` and `-` replaced, and a number added to a repeated one (two folders may
/// hold scope files of the same name).
fn page_ids<'a>(scope_ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for scope_id in scope_ids {
        let safe: String = scope_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let safe = if safe.is_empty() || safe.starts_with('.') {
            format!("scope{safe}")
        } else {
            safe
        };
        let id = (1..)
            .map(|n| match n {
                1 => safe.clone(),
                n => format!("{safe}-{n}"),
            })
            .find(|candidate| !ids.contains(candidate))
            .unwrap_or(safe);
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ids_are_safe_in_a_url_and_unique() {
        let ids = page_ids(
            [
                "scs-compatible-iaas",
                "a b/c",
                "scs-compatible-iaas",
                "",
                ".hidden",
            ]
            .into_iter(),
        );
        assert_eq!(
            ids,
            [
                "scs-compatible-iaas",
                "a-b-c",
                "scs-compatible-iaas-2",
                "scope",
                "scope.hidden"
            ]
        );
    }
}
