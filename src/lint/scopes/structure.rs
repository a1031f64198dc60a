//! `scope-duplicate-id` and `scope-timeline-order`: a scope file within itself. Ids of test
//! cases, modules and versions are defined once; the modules a version includes share no test
//! case; the timeline runs from the newest date down, each date once.

use super::ScopeContext;
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::document::Spanned;
use crate::rules::RuleId;
use crate::scopes::{Module, Scope, ScopeFile, ScopeVersion};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in cx.files {
        let scope = &file.scope;
        duplicates(
            file,
            scope.testcases.iter().map(|t| &t.id),
            "test case",
            out,
        );
        duplicates(file, scope.modules.iter().map(|m| &m.id), "module", out);
        duplicates(
            file,
            scope.versions.iter().map(|v| &v.version),
            "version",
            out,
        );
        let modules = first_by_id(scope.modules.iter().map(|m| (m.id.value.as_str(), m)));
        for version in &scope.versions {
            shared_testcases(file, version, &modules, out);
        }
        timeline_order(file, scope, out);
    }
}

/// The first item of each id (later ones are the duplicates reported here).
pub(super) fn first_by_id<'s, T>(
    items: impl Iterator<Item = (&'s str, &'s T)>,
) -> HashMap<&'s str, &'s T> {
    let mut map = HashMap::new();
    for (id, item) in items {
        map.entry(id).or_insert(item);
    }
    map
}

/// A place of the same scope file that explains a finding.
pub(super) fn related(file: &ScopeFile, span: Span, message: impl Into<String>) -> Related {
    Related {
        file: file.display.clone(),
        span: Some(span),
        start: Some(file.lines().position(&file.text, span.start)),
        message: message.into(),
    }
}

/// Every id of `items` after its first definition, at that later definition.
fn duplicates<'s>(
    file: &ScopeFile,
    items: impl Iterator<Item = &'s Spanned<String>>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, &Spanned<String>> = HashMap::new();
    for id in items {
        match first.entry(id.value.as_str()) {
            Entry::Vacant(slot) => {
                slot.insert(id);
            }
            Entry::Occupied(earlier) => out.push(
                file.diag(
                    RuleId::ScopeDuplicateId,
                    id.span,
                    format!("the {what} `{}` is defined twice", id.value),
                )
                .with_label("second definition")
                .with_related(related(file, earlier.get().span, "first defined here"))
                .with_help(format!(
                    "ids are unique within a scope file: rename one {what} or merge the two"
                )),
            ),
        }
    }
}

/// Modules of one version that name the same test case (or one module included twice).
fn shared_testcases(
    file: &ScopeFile,
    version: &ScopeVersion,
    modules: &HashMap<&str, &Module>,
    out: &mut Vec<Diagnostic>,
) {
    // Test case id → the include (its module id as written) that brought it in first.
    let mut owner: HashMap<&str, &Spanned<String>> = HashMap::new();
    let mut included: HashMap<&str, &Spanned<String>> = HashMap::new();
    let name = &version.version.value;
    for include in &version.include {
        let id = &include.module;
        if let Some(earlier) = included.get(id.value.as_str()) {
            out.push(
                file.diag(
                    RuleId::ScopeDuplicateId,
                    id.span,
                    format!("version `{name}` includes the module `{}` twice", id.value),
                )
                .with_label("second include")
                .with_related(related(file, earlier.span, "first included here"))
                .with_help("include each module once"),
            );
            continue;
        }
        included.insert(id.value.as_str(), id);
        let Some(module) = modules.get(id.value.as_str()) else {
            continue; // scope-unknown-module
        };
        // Shared test cases by the module that had them first, in the order met.
        let mut shared: Vec<(&Spanned<String>, Vec<&str>)> = Vec::new();
        for tc in module.targets.iter().flat_map(|t| &t.testcases) {
            let earlier = *owner.entry(tc.value.as_str()).or_insert(id);
            if std::ptr::eq(earlier, id) {
                continue;
            }
            match shared.iter_mut().find(|(m, _)| std::ptr::eq(*m, earlier)) {
                Some((_, list)) if !list.contains(&tc.value.as_str()) => list.push(&tc.value),
                Some(_) => {}
                None => shared.push((earlier, vec![&tc.value])),
            }
        }
        for (earlier, list) in shared {
            let names: Vec<String> = list.iter().map(|t| format!("`{t}`")).collect();
            let (noun, pronoun) = if names.len() == 1 {
                ("test case", "it")
            } else {
                ("test cases", "them")
            };
            out.push(
                file.diag(
                    RuleId::ScopeDuplicateId,
                    id.span,
                    format!(
                        "version `{name}` includes `{}` and `{}`, which both name the {noun} {}",
                        earlier.value,
                        id.value,
                        names.join(", ")
                    ),
                )
                .with_label("shares test cases with an earlier include")
                .with_related(related(
                    file,
                    earlier.span,
                    format!("`{}` is included here", earlier.value),
                ))
                .with_help(format!(
                    "the test cases of the modules a version includes are pairwise different: \
                     keep {pronoun} in one module (or include only one of the two modules)"
                )),
            );
        }
    }
}

/// `scope-timeline-order`: dates newest first, each once.
fn timeline_order(file: &ScopeFile, scope: &Scope, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<jiff::civil::Date, Span> = HashMap::new();
    let mut previous: Option<jiff::civil::Date> = None;
    for entry in &scope.timeline {
        let (Some(day), Some(date)) = (entry.day, &entry.date) else {
            continue; // scope-schema
        };
        if let Some(first) = seen.get(&day) {
            out.push(
                file.diag(
                    RuleId::ScopeTimelineOrder,
                    date.span,
                    format!("two timeline entries begin on {day}"),
                )
                .with_label("same date as an earlier entry")
                .with_related(related(file, *first, "the other entry of this date"))
                .with_help(
                    "a period lasts from its entry's date to the next entry's: with two entries \
                     of one date it is unclear which holds; merge them into one entry",
                ),
            );
        } else if let Some(before) = previous.filter(|p| *p < day) {
            out.push(
                file.diag(
                    RuleId::ScopeTimelineOrder,
                    date.span,
                    format!("the timeline entry of {day} follows the older entry of {before}"),
                )
                .with_label("out of order")
                .with_help(
                    "list the timeline newest first: new entries go to the top (the timeline is \
                     prepend-only)",
                ),
            );
        }
        seen.entry(day).or_insert(date.span);
        previous = Some(day);
    }
}

#[cfg(test)]
mod tests {
    use super::{first_by_id, shared_testcases, timeline_order};
    use crate::scopes::ScopeFile;

    fn parse(yaml: &str) -> ScopeFile {
        ScopeFile::parse(
            "x.yaml".into(),
            "x.yaml".into(),
            "x.yaml".into(),
            yaml.into(),
        )
    }

    /// `(line, message)` of each finding.
    fn lines(out: &[crate::diagnostic::Diagnostic]) -> Vec<(usize, String)> {
        out.iter()
            .map(|d| (d.start.unwrap().line, d.message.clone()))
            .collect()
    }

    #[test]
    fn modules_sharing_test_cases_are_one_finding_per_pair_of_includes() {
        let file = parse(
            "modules:
- id: a
  targets: {main: [t1, t2], recommended: [t1]}
- id: b
  targets: {main: [t2, t3, t1]}
- id: c
  targets: {main: [t3, t4]}
versions:
- version: v1
  include: [a, b, c, a, nowhere]
",
        );
        let modules = first_by_id(file.scope.modules.iter().map(|m| (m.id.value.as_str(), m)));
        let mut out = Vec::new();
        for v in &file.scope.versions {
            shared_testcases(&file, v, &modules, &mut out);
        }
        // `a` naming t1 in two targets is not a clash with itself; `b` shares two test cases
        // with `a` (one finding), `c` one with `b`; the second `a` is a repeated include.
        assert_eq!(
            lines(&out),
            vec![
                (
                    10,
                    "version `v1` includes `a` and `b`, which both name the test cases `t2`, `t1`"
                        .to_owned()
                ),
                (
                    10,
                    "version `v1` includes `b` and `c`, which both name the test case `t3`"
                        .to_owned()
                ),
                (10, "version `v1` includes the module `a` twice".to_owned()),
            ]
        );
        assert_eq!(out[2].related[0].message, "first included here");
    }

    #[test]
    fn the_timeline_is_newest_first_and_each_date_once() {
        let file = parse(
            "timeline:
- date: 2025-06-01
  versions: {v1: effective}
- date: 2025-01-01
  versions: {v1: draft}
- date: 2025-03-01
  versions: {v1: draft}
- date: not a date
  versions: {v1: draft}
- date: 2025-01-01
  versions: {v1: draft}
",
        );
        let mut out = Vec::new();
        timeline_order(&file, &file.scope, &mut out);
        // An undated entry is left to scope-schema and does not break the comparison.
        assert_eq!(
            lines(&out),
            vec![
                (
                    6,
                    "the timeline entry of 2025-03-01 follows the older entry of 2025-01-01"
                        .to_owned()
                ),
                (10, "two timeline entries begin on 2025-01-01".to_owned()),
            ]
        );
    }
}
