//! Hover: on a document named anywhere, what a reader needs to know of it (title, type, status,
//! its state today, its dates, what replaces it); on a frontmatter key, what the schema says of
//! it; on a finding, what its rule is for.

use super::State;
use super::navigate::{self, Target};
use crate::catalog::state_of;
use crate::document::{DateField, Document};
use crate::rules::RuleId;
use serde_json::Value as Json;

/// The hover text (Markdown) at byte `offset` of `doc`, as of `today`.
pub fn hover(
    state: &State,
    doc: &Document,
    offset: usize,
    today: jiff::civil::Date,
) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(key) = key_at(doc, offset) {
        parts.push(key_help(state, &key));
    } else if let Some(target) = navigate::target_at(state, doc, offset) {
        parts.push(card(state, &target, today));
    }
    // The rules of the findings under the cursor.
    for d in state.findings.get(&doc.display).into_iter().flatten() {
        if d.span.is_some_and(|s| s.start <= offset && offset <= s.end) {
            parts.push(rule_help(d.rule));
        }
    }
    parts.dedup();
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

/// The frontmatter key whose name is at `offset`: a line `key:` of the frontmatter, the cursor
/// on `key`.
pub fn key_at(doc: &Document, offset: usize) -> Option<String> {
    if !navigate::in_frontmatter(&doc.text, offset) {
        return None;
    }
    let line_start = doc.text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = doc.text.get(line_start..)?.lines().next()?;
    let (key, _) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && offset <= line_start + key.len();
    ok.then(|| key.to_owned())
}

/// What the schema says of a key: its description and the values it takes.
fn key_help(state: &State, key: &str) -> String {
    let schema = state.schema_json();
    let prop = schema.pointer(&format!("/properties/{key}"));
    let Some(prop) = prop else {
        return format!("`{key}` is not a field of the frontmatter schema.");
    };
    // A `$ref` to `$defs` holds the description and the values.
    let def = prop
        .get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| schema.pointer(p));
    let description = prop
        .get("description")
        .or_else(|| def.and_then(|d| d.get("description")))
        .and_then(Json::as_str)
        .unwrap_or("");
    let mut out = format!("**`{key}`**: {description}");
    let values = def.and_then(|d| d.get("enum")).and_then(Json::as_array);
    if let Some(values) = values {
        let names: Vec<String> = values
            .iter()
            .filter_map(Json::as_str)
            .map(|v| format!("`{v}`"))
            .collect();
        out.push_str(&format!("\n\nOne of {}.", names.join(", ")));
    }
    if state.list_keys().iter().any(|k| k == key) {
        out.push_str("\n\nA list of file names (`- scs-0100-v1-name.md`).");
    }
    if key.ends_with("_at") {
        out.push_str("\n\nAn ISO date (`YYYY-MM-DD`).");
    }
    let required = schema
        .get("required")
        .and_then(Json::as_array)
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)));
    if required {
        out.push_str("\n\nRequired.");
    }
    out
}

/// What a reader needs to know of the document a target names.
fn card(state: &State, target: &Target<'_>, today: jiff::civil::Date) -> String {
    let d = target.doc;
    let f = &d.fields;
    let value = |s: &Option<crate::document::Spanned<String>>| {
        s.as_ref().map_or("—".to_owned(), |s| s.value.clone())
    };
    let id = d.id().unwrap_or_else(|| d.file_stem().to_owned());
    let mut out = format!("**{id}**: {}\n\n", d.title());
    let here = state_of(d, &state.config.profile, today);
    out.push_str(&format!(
        "{} · status `{}` · track {}\n\n",
        value(&f.doc_type),
        value(&f.status),
        value(&f.track)
    ));
    out.push_str(&format!(
        "State today ({today}): **{}**",
        capitalised(here.as_str())
    ));
    let date = |name: &str, field: &Option<DateField>| {
        DateField::day(field).map(|day| format!("\n\n{name} {day}"))
    };
    out.extend(date("Stable since", &f.stabilized_at));
    out.extend(date("Deprecated from", &f.deprecated_at));
    out.extend(date("Rejected on", &f.rejected_at));
    let mut successors: Vec<String> = f
        .replaced_by
        .iter()
        .flat_map(|l| &l.items)
        .map(|i| i.value.clone())
        .collect();
    for other in &state.corpus.documents {
        let names_it = other
            .fields
            .replaces
            .iter()
            .flat_map(|l| &l.items)
            .any(|i| {
                state
                    .corpus
                    .resolve(&i.value)
                    .is_some_and(|r| r.path == d.path)
            });
        if names_it && !successors.contains(&other.file_name) {
            successors.push(other.file_name.clone());
        }
    }
    if !successors.is_empty() {
        let list: Vec<String> = successors.iter().map(|s| format!("`{s}`")).collect();
        out.push_str(&format!("\n\nReplaced by {}", list.join(", ")));
    }
    if let Some(anchor) = &target.anchor {
        match d.headings.iter().find(|h| &h.anchor == anchor) {
            Some(h) => out.push_str(&format!("\n\nSection: {}", h.text)),
            None => out.push_str(&format!("\n\nNo heading has the anchor `#{anchor}`")),
        }
    }
    out.push_str(&format!("\n\n`{}`", d.rel_path));
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A rule's summary, and where its page is.
fn rule_help(rule: RuleId) -> String {
    let r = rule.rule();
    format!(
        "**{}** ({} rule): {}\n\n`normwerk explain {}` shows its page of the book.",
        r.id,
        r.group.as_str(),
        r.summary,
        r.id
    )
}
