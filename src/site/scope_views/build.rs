//! The views of one scope: its versions oldest to newest, each with its modules, documents and
//! test cases, the changes from the version before, and the timeline.

use super::links::{LinkView, Linker};
use super::{
    CellView, ModuleView, ParameterView, PeriodView, ScopeVersionView, ScopeView, TargetView,
    TestCaseView, VersionRef, changes,
};
use crate::certification::{Resolved, ResolvedVersion};
use crate::scopes::{Module, TestCase, Validity};
use std::collections::HashMap;

/// The versions oldest first: by `stabilized_at`, then by version number; versions without a
/// date (drafts such as `next`) come last, in file order.
pub(super) fn ordered<'r, 'c>(r: &'r Resolved<'c>) -> Vec<&'r ResolvedVersion<'c>> {
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

pub(super) fn scope_view(r: &Resolved<'_>, id: String, linker: &Linker<'_>) -> ScopeView {
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
