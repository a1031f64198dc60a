//! The certification section's views: each scope file of the corpus with its versions, their
//! validity on the as-of date, the timeline, the standards and test cases each version includes
//! and what changed from the version before; and, by document, the scope versions that require
//! it. Computed once per build from [`crate::certification::resolve`], so that the templates never
//! reach into the scope model.

mod changes;
mod links;

pub use changes::ChangesView;
pub use links::{DocRef, LinkView};

use crate::catalog::Catalog;
use crate::certification::{Resolved, ResolvedVersion, resolve};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::scopes::{Module, TestCase, Validity};
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
        let ids = page_ids(&resolved);
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
fn page_ids(resolved: &[Resolved<'_>]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for r in resolved {
        let safe: String = r
            .file
            .id()
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

/// The versions oldest first: by `stabilized_at`, then by version number; versions without a
/// date (drafts such as `next`) come last, in file order.
fn ordered<'r, 'c>(r: &'r Resolved<'c>) -> Vec<&'r ResolvedVersion<'c>> {
    let mut versions: Vec<&ResolvedVersion<'c>> = r.versions.iter().collect();
    versions.sort_by_key(|v| {
        let number: Vec<u32> = v
            .version
            .version
            .value
            .trim_start_matches('v')
            .split('.')
            .map(|p| p.parse().unwrap_or(u32::MAX))
            .collect();
        (
            v.version.stabilized_on().is_none(),
            v.version.stabilized_on(),
            number,
        )
    });
    versions
}

fn anchor(version: &str) -> String {
    let safe: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("version-{safe}")
}

fn validity_str(v: Option<Validity>) -> &'static str {
    v.map_or("none", Validity::as_str)
}

fn scope_view(r: &Resolved<'_>, id: String, linker: &Linker<'_>) -> ScopeView {
    let scope = r.scope();
    let day = linker.day();
    let oldest_first = ordered(r);
    let testcases: HashMap<&str, TestCaseView> = scope
        .testcases
        .iter()
        .map(|t| (t.id.value.as_str(), testcase_view(t, linker)))
        .collect();
    let mut versions: Vec<ScopeVersionView> = Vec::with_capacity(oldest_first.len());
    for (i, rv) in oldest_first.iter().enumerate() {
        let name = &rv.version.version.value;
        let validity = scope.validity_on(name, day);
        let changes = i
            .checked_sub(1)
            .and_then(|p| oldest_first.get(p))
            .map(|old| changes::between(old, rv, linker, anchor(&old.version.version.value)));
        let modules: Vec<ModuleView> = rv
            .includes
            .iter()
            .map(|inc| {
                let mut m = inc.module.map_or_else(
                    || undefined_module(&inc.include.module.value),
                    |m| module_view(m, &testcases, linker),
                );
                m.document = inc.document.map(|d| linker.doc(d));
                m.parameters = inc
                    .include
                    .parameters
                    .iter()
                    .map(|(name, value)| ParameterView {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect();
                m
            })
            .collect();
        versions.push(ScopeVersionView {
            name: name.clone(),
            anchor: anchor(name),
            validity: validity_str(validity),
            certifies: validity.is_some_and(Validity::certifies),
            stabilized_at: rv
                .version
                .stabilized_at
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            document: rv.document.map(|d| linker.doc(d)),
            testcases: modules
                .iter()
                .flat_map(|m| &m.targets)
                .map(|t| t.testcases.len())
                .sum(),
            modules,
            changes,
        });
    }
    versions.reverse();
    let names: Vec<&str> = versions.iter().map(|v| v.name.as_str()).collect();
    let current = scope.period_on(day).map(|p| p.start);
    let mut periods: Vec<PeriodView> = scope
        .periods()
        .iter()
        .map(|p| PeriodView {
            start: p.start.to_string(),
            end: p.end.map(|e| e.to_string()).unwrap_or_default(),
            current: current == Some(p.start),
            cells: names
                .iter()
                .map(|n| CellView {
                    validity: validity_str(p.entry.validity(n)),
                    listed: p.entry.versions.iter().any(|(v, _)| v.value == *n),
                })
                .collect(),
        })
        .collect();
    periods.reverse();
    let standard_id = r.number.and_then(|n| linker.standard(n)).map(str::to_owned);
    ScopeView {
        certifiable: versions
            .iter()
            .filter(|v| v.certifies)
            .map(|v| VersionRef {
                name: v.name.clone(),
                anchor: v.anchor.clone(),
                validity: v.validity,
            })
            .collect(),
        id,
        name: scope.name().to_owned(),
        uuid: scope
            .uuid
            .as_ref()
            .map(|u| u.value.clone())
            .unwrap_or_default(),
        url: scope
            .url
            .as_ref()
            .map(|u| linker.url(&u.value))
            .unwrap_or_default(),
        source_path: r.file.rel_path.clone(),
        standard_title: standard_title(r, &versions),
        standard_id,
        versions,
        periods,
    }
}

/// The title of the scope documents: that of the newest version's document.
fn standard_title(r: &Resolved<'_>, newest_first: &[ScopeVersionView]) -> String {
    newest_first
        .iter()
        .find_map(|v| v.document.as_ref().map(|d| d.title.clone()))
        .unwrap_or_else(|| r.scope().name().to_owned())
}

/// An include that names no module of the file.
fn undefined_module(id: &str) -> ModuleView {
    ModuleView {
        id: id.to_owned(),
        name: String::new(),
        defined: false,
        document: None,
        link: LinkView::default(),
        parameters: Vec::new(),
        targets: Vec::new(),
    }
}

fn module_view(
    m: &Module,
    testcases: &HashMap<&str, TestCaseView>,
    linker: &Linker<'_>,
) -> ModuleView {
    let link = m
        .url
        .as_ref()
        .map(|u| linker.url(&u.value))
        .unwrap_or_default();
    ModuleView {
        id: m.id.value.clone(),
        name: m.name.clone().unwrap_or_default(),
        defined: true,
        document: None,
        link,
        parameters: Vec::new(),
        targets: m
            .targets
            .iter()
            .map(|t| TargetView {
                name: t.name.value.clone(),
                testcases: t
                    .testcases
                    .iter()
                    .map(|id| {
                        testcases
                            .get(id.value.as_str())
                            .cloned()
                            .unwrap_or_else(|| TestCaseView {
                                id: id.value.clone(),
                                description: String::new(),
                                lifetime: String::new(),
                                manual: false,
                                defined: false,
                                link: LinkView::default(),
                            })
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn testcase_view(t: &TestCase, linker: &Linker<'_>) -> TestCaseView {
    TestCaseView {
        id: t.id.value.clone(),
        description: t.description.clone().unwrap_or_default(),
        lifetime: t.lifetime.clone().unwrap_or_default(),
        manual: t.manual,
        defined: true,
        link: t
            .url
            .as_ref()
            .map(|u| linker.url(&u.value))
            .unwrap_or_default(),
    }
}
