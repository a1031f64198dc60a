//! What changed from one scope version to the next: standards added, removed or moved to
//! another version (matched by document, as the module ids say nothing reliable), modules added
//! or removed or given other parameters, and the test cases of the `main` target, which decides
//! the certificate.

use super::links::{DocRef, Linker};
use crate::certification::ResolvedVersion;
use serde::Serialize;
use std::collections::BTreeMap;

/// The changes from the version `from` (the one before) to a scope version.
#[derive(Serialize, Debug, Default)]
pub struct ChangesView {
    pub from: String,
    /// The anchor of `from` on the scope page.
    pub from_anchor: String,
    pub standards_added: Vec<DocRef>,
    pub standards_removed: Vec<DocRef>,
    pub standards_changed: Vec<ChangedView>,
    pub modules_added: Vec<String>,
    pub modules_removed: Vec<String>,
    /// `module: name old → new`, for modules both versions include.
    pub parameters_changed: Vec<String>,
    pub testcases_added: Vec<String>,
    pub testcases_removed: Vec<String>,
    /// Nothing of the above changed.
    pub none: bool,
}

/// A standard both versions include, in other versions of its documents.
#[derive(Serialize, Debug)]
pub struct ChangedView {
    pub standard_id: String,
    pub from: Vec<DocRef>,
    pub to: Vec<DocRef>,
}

/// The changes from `old` to `new`, two versions of one scope.
pub fn between(
    old: &ResolvedVersion<'_>,
    new: &ResolvedVersion<'_>,
    linker: &Linker<'_>,
    from_anchor: String,
) -> ChangesView {
    let mut view = ChangesView {
        from: old.version.version.value.clone(),
        from_anchor,
        ..ChangesView::default()
    };
    standards(&mut view, old, new, linker);
    let (old_modules, new_modules) = (module_ids(old), module_ids(new));
    view.modules_added = only_in(&new_modules, &old_modules);
    view.modules_removed = only_in(&old_modules, &new_modules);
    for n in &new.includes {
        let Some(o) = old
            .includes
            .iter()
            .find(|o| o.include.module.value == n.include.module.value)
        else {
            continue;
        };
        let (before, after) = (&o.include.parameters, &n.include.parameters);
        let names = before.iter().chain(after).map(|(name, _)| name.as_str());
        let mut seen: Vec<&str> = Vec::new();
        for name in names {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let value = |list: &[(String, String)]| {
                list.iter()
                    .find(|(k, _)| k == name)
                    .map_or_else(|| "(none)".to_owned(), |(_, v)| v.clone())
            };
            let (b, a) = (value(before), value(after));
            if b != a {
                view.parameters_changed
                    .push(format!("{}: {name} {b} → {a}", n.include.module.value));
            }
        }
    }
    let (old_cases, new_cases) = (main_testcases(old), main_testcases(new));
    view.testcases_added = only_in(&new_cases, &old_cases);
    view.testcases_removed = only_in(&old_cases, &new_cases);
    view.none = view.standards_added.is_empty()
        && view.standards_removed.is_empty()
        && view.standards_changed.is_empty()
        && view.modules_added.is_empty()
        && view.modules_removed.is_empty()
        && view.parameters_changed.is_empty()
        && view.testcases_added.is_empty()
        && view.testcases_removed.is_empty();
    view
}

/// Documents grouped by standard: a standard only `new` includes is added, one only `old`
/// includes removed, one both include in other document versions changed.
fn standards(
    view: &mut ChangesView,
    old: &ResolvedVersion<'_>,
    new: &ResolvedVersion<'_>,
    linker: &Linker<'_>,
) {
    let mut by_standard: BTreeMap<String, (Vec<DocRef>, Vec<DocRef>)> = BTreeMap::new();
    for d in old.documents() {
        let d = linker.doc(d);
        by_standard
            .entry(d.standard_id.clone())
            .or_default()
            .0
            .push(d);
    }
    for d in new.documents() {
        let d = linker.doc(d);
        by_standard
            .entry(d.standard_id.clone())
            .or_default()
            .1
            .push(d);
    }
    for (standard_id, (from, to)) in by_standard {
        match (from.is_empty(), to.is_empty()) {
            (true, _) => view.standards_added.extend(to),
            (_, true) => view.standards_removed.extend(from),
            _ if from != to => view.standards_changed.push(ChangedView {
                standard_id,
                from,
                to,
            }),
            _ => {}
        }
    }
}

fn module_ids(v: &ResolvedVersion<'_>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for i in &v.includes {
        if !ids.contains(&i.include.module.value) {
            ids.push(i.include.module.value.clone());
        }
    }
    ids
}

/// The test cases the `main` targets of the version's modules name (defined or not: the lint
/// reports an unknown one), each once, in include order.
fn main_testcases(v: &ResolvedVersion<'_>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let targets = v
        .includes
        .iter()
        .filter_map(|i| i.module)
        .flat_map(|m| &m.targets)
        .filter(|t| t.name.value == "main");
    for id in targets.flat_map(|t| &t.testcases) {
        if !ids.contains(&id.value) {
            ids.push(id.value.clone());
        }
    }
    ids
}

/// The items of `a` that `b` lacks, in `a`'s order.
fn only_in(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}
