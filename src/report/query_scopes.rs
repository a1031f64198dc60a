//! The answers of `query --scope` and `query --required-by`: tables for people, one id per line
//! for scripts, or JSON (`#/$defs/scope_answer`, `#/$defs/required_by_answer` of the index
//! schema).

use super::query::aligned;
use crate::query::{DocumentRef, RequiredByAnswer, Requirement, ScopeAnswer};
use crate::scopes::Validity;

fn validity(v: Option<Validity>) -> &'static str {
    v.map_or("-", Validity::as_str)
}

fn state(d: &DocumentRef) -> &'static str {
    d.state.map_or("not in the index", |s| s.as_str())
}

pub fn render_scope_json(answer: &ScopeAnswer) -> String {
    crate::index::to_json(answer)
}

/// The documents the versions require, each once.
pub fn render_scope_ids(answer: &ScopeAnswer) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for d in answer.versions.iter().flat_map(|v| &v.documents) {
        if !ids.contains(&d.document.id.as_str()) {
            ids.push(&d.document.id);
        }
    }
    ids.iter().map(|id| format!("{id}\n")).collect()
}

pub fn render_scope_table(answer: &ScopeAnswer) -> String {
    let s = &answer.scope;
    let title = match &s.name {
        Some(name) => format!("{name} ({})", s.id),
        None => s.id.clone(),
    };
    let mut out = String::new();
    if answer.versions.is_empty() {
        let why = if answer.all.iter().all(|(_, v)| v.is_none()) {
            "no timeline entry covers the day".to_owned()
        } else {
            let codes: Vec<String> = answer
                .all
                .iter()
                .map(|(name, v)| format!("{name} {}", validity(*v)))
                .collect();
            codes.join(", ")
        };
        out.push_str(&format!(
            "No version of {title} certifies on {} ({why}).\n",
            answer.as_of
        ));
        return out;
    }
    let which = match &answer.asked {
        Some(v) => match answer.versions.first().map(|r| r.validity) {
            Some(Some(code)) if code.certifies() => format!("version {v}"),
            Some(code) => format!(
                "version {v}, which does not certify on that day ({})",
                validity(code)
            ),
            None => format!("version {v}"),
        },
        None => {
            let names: Vec<String> = answer
                .versions
                .iter()
                .map(|v| format!("{} {}", v.version, validity(v.validity)))
                .collect();
            format!("the versions that certify: {}", names.join(", "))
        }
    };
    out.push_str(&format!("{title} on {}, {which}\n", answer.as_of));
    for v in &answer.versions {
        out.push('\n');
        out.push_str(&version_table(v));
    }
    out
}

fn version_table(v: &Requirement) -> String {
    let dash = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".to_owned());
    let mut out = format!(
        "{} {}: stabilized {}, scope document {}\n",
        v.version,
        validity(v.validity),
        dash(&v.stabilized_at),
        v.document
            .as_ref()
            .map_or("-".to_owned(), |d| format!("{} ({})", d.id, state(d))),
    );
    let rows: Vec<Vec<String>> = v
        .documents
        .iter()
        .map(|d| {
            vec![
                d.document.id.clone(),
                state(&d.document).to_owned(),
                d.modules.join(","),
                dash(&d.document.title),
            ]
        })
        .collect();
    out.push_str(&aligned(&["DOCUMENT", "STATE", "MODULES", "TITLE"], &rows));
    let without: Vec<&str> = v
        .includes
        .iter()
        .filter(|i| i.document.is_none())
        .map(|i| i.module.as_str())
        .collect();
    if !without.is_empty() {
        out.push_str(&format!(
            "modules whose url names no document of the corpus: {}\n",
            without.join(", ")
        ));
    }
    out.push('\n');
    // One row per test case of a target, with the module that lists it.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for target in v.targets.keys() {
        for include in &v.includes {
            for id in include.targets.get(target).into_iter().flatten() {
                if rows
                    .iter()
                    .any(|r| r.first() == Some(target) && r.get(1) == Some(id))
                {
                    continue;
                }
                let tc = v.testcases.iter().find(|t| &t.id == id);
                rows.push(vec![
                    target.clone(),
                    id.clone(),
                    include.module.clone(),
                    tc.map_or("-".to_owned(), |t| t.lifetime.clone()),
                    match tc {
                        Some(t) if t.manual => "manual".to_owned(),
                        Some(_) => "automated".to_owned(),
                        None => "not defined".to_owned(),
                    },
                ]);
            }
        }
    }
    out.push_str(&aligned(
        &["TARGET", "TEST CASE", "MODULE", "LIFETIME", "CHECK"],
        &rows,
    ));
    let per_target: Vec<String> = v
        .targets
        .iter()
        .map(|(t, ids)| format!("{t} {}", ids.len()))
        .collect();
    out.push_str(&format!(
        "{} document(s), {} test case(s){}\n",
        v.documents.len(),
        rows.len(),
        if per_target.is_empty() {
            String::new()
        } else {
            format!(" ({})", per_target.join(", "))
        }
    ));
    out
}

pub fn render_required_by_json(answer: &RequiredByAnswer) -> String {
    crate::index::to_json(answer)
}

/// `scope@version`, one per line: each a valid `--scope` argument.
pub fn render_required_by_ids(answer: &RequiredByAnswer) -> String {
    answer
        .scopes
        .iter()
        .map(|r| format!("{}@{}\n", r.scope, r.version))
        .collect()
}

pub fn render_required_by_table(answer: &RequiredByAnswer) -> String {
    let docs: Vec<String> = answer
        .documents
        .iter()
        .map(|d| format!("{} ({})", d.id, state(d)))
        .collect();
    let docs = docs.join(", ");
    if answer.scopes.is_empty() {
        return format!(
            "No scope version includes {docs}; validity as of {}.\n",
            answer.as_of
        );
    }
    let dash = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".to_owned());
    let rows: Vec<Vec<String>> = answer
        .scopes
        .iter()
        .map(|r| {
            vec![
                r.scope.clone(),
                r.version.clone(),
                validity(r.validity).to_owned(),
                dash(&r.stabilized_at),
                r.modules.join(","),
                r.documents.join(","),
            ]
        })
        .collect();
    let mut out = aligned(
        &[
            "SCOPE",
            "VERSION",
            "VALIDITY",
            "STABILIZED",
            "MODULES",
            "DOCUMENTS",
        ],
        &rows,
    );
    out.push_str(&format!(
        "{} scope version(s) include {docs}; validity as of {}\n",
        rows.len(),
        answer.as_of
    ));
    out
}
