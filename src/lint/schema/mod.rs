//! Field rules from `schemas/frontmatter.schema.json`: every frontmatter is validated against the
//! schema, and every validation error is mapped back to the span of the offending key or value.

use crate::config::Profile;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::document::frontmatter::{Node, Value};
use crate::edit::frontmatter::Frontmatter;
use crate::rules::RuleId;
use serde_json::{Value as Json, json};

mod date_fix;
mod errors;

pub use errors::pointer_segments;

/// The committed schema for the SCS profile; other profiles get their vocabularies patched in.
pub const FRONTMATTER_SCHEMA: &str = include_str!("../../../schemas/frontmatter.schema.json");

#[derive(Debug, thiserror::Error)]
#[error("the frontmatter schema is not valid: {0}")]
pub struct SchemaError(String);

/// The frontmatter schema of a profile, compiled.
pub struct FieldSchema {
    pub json: Json,
    validator: jsonschema::Validator,
    /// The keys the schema defines (`properties`), in schema order.
    pub known_keys: Vec<String>,
    /// The keys whose value is a list of documents.
    pub list_keys: Vec<String>,
    extra_keys: Vec<String>,
}

impl std::fmt::Debug for FieldSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldSchema")
            .field("known_keys", &self.known_keys)
            .finish_non_exhaustive()
    }
}

/// The schema document for a profile: the committed schema with the profile's vocabularies.
pub fn schema_for(profile: &Profile) -> Result<Json, SchemaError> {
    let mut schema: Json =
        serde_json::from_str(FRONTMATTER_SCHEMA).map_err(|e| SchemaError(e.to_string()))?;
    let defs = schema
        .get_mut("$defs")
        .and_then(Json::as_object_mut)
        .ok_or_else(|| SchemaError("no $defs".to_owned()))?;
    let names = |it: &mut dyn Iterator<Item = &String>| -> Json {
        Json::Array(it.map(|s| Json::String(s.clone())).collect())
    };
    let s = &profile.statuses;
    let patch: [(&str, &str, Json); 8] = [
        (
            "type",
            "enum",
            names(&mut profile.types.iter().map(|t| &t.name)),
        ),
        (
            "supplementType",
            "enum",
            names(
                &mut profile
                    .types
                    .iter()
                    .filter(|t| t.supplement)
                    .map(|t| &t.name),
            ),
        ),
        ("status", "enum", json!(s.all())),
        ("statusStable", "const", json!(s.stable)),
        ("statusDeprecated", "const", json!(s.deprecated)),
        ("statusRejected", "const", json!(s.rejected)),
        ("statusRetired", "enum", json!([s.deprecated, s.rejected])),
        (
            "track",
            "enum",
            names(&mut profile.tracks.iter().map(|t| &t.name)),
        ),
    ];
    for (def, keyword, value) in patch {
        let slot = defs
            .get_mut(def)
            .and_then(Json::as_object_mut)
            .ok_or_else(|| SchemaError(format!("$defs/{def} is missing")))?;
        slot.insert(keyword.to_owned(), value);
    }
    Ok(schema)
}

impl FieldSchema {
    pub fn new(profile: &Profile) -> Result<FieldSchema, SchemaError> {
        let json = schema_for(profile)?;
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&json)
            .map_err(|e| SchemaError(e.to_string()))?;
        let props = json
            .get("properties")
            .and_then(Json::as_object)
            .ok_or_else(|| SchemaError("no properties".to_owned()))?;
        let known_keys = props.keys().cloned().collect();
        let list_keys = props
            .iter()
            .filter(|(_, v)| v.get("$ref").and_then(Json::as_str) == Some("#/$defs/documentList"))
            .map(|(k, _)| k.clone())
            .collect();
        Ok(FieldSchema {
            json,
            validator,
            known_keys,
            list_keys,
            extra_keys: profile.extra_keys.clone(),
        })
    }

    /// Validates one document's frontmatter; also reports unknown keys and lists written as strings.
    pub fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let Some(root) = &doc.frontmatter else {
            return;
        };
        let mut instance = root.to_json();
        for (k, v) in root.entries() {
            let Some(key) = k.as_str() else { continue };
            if self.list_keys.iter().any(|l| l == key) {
                if let Value::Str(s) = &v.value {
                    out.push(list_as_string(doc, key, s, v));
                    if let Some(fields) = instance.as_object_mut() {
                        fields.insert(key.to_owned(), json!([s]));
                    }
                }
            } else if !self.known_keys.iter().any(|known| known == key)
                && !self.extra_keys.iter().any(|extra| extra == key)
            {
                out.push(unknown_key(doc, key, k, &self.known_keys));
            }
        }
        match root.entry("title") {
            None => out.push(missing_title(doc, None)),
            Some((_, v))
                if matches!(&v.value, Value::Null)
                    || v.as_str().is_some_and(|t| t.trim().is_empty()) =>
            {
                out.push(missing_title(doc, Some(v)));
            }
            Some(_) => {}
        }
        for error in self.validator.iter_errors(&instance) {
            if let Some(d) = self.map_error(doc, root, &instance, &error) {
                out.push(d);
            }
        }
    }
}

/// missing-title: the process's metadata table does not list `title`, but every page, feed and
/// index entry shows one.
fn missing_title(doc: &Document, empty: Option<&Node>) -> Diagnostic {
    let span = empty.map_or_else(|| doc.first_key_span(), |v| v.span);
    let (message, label) = match empty {
        Some(_) => ("the document's `title` is empty", "an empty title"),
        None => (
            "the document has no `title`",
            "no `title` in this frontmatter",
        ),
    };
    doc.diag(RuleId::MissingTitle, span, message)
        .with_label(label)
        .with_help(format!(
            "write the title in `title:`; until then pages show {}",
            match doc.heading_title() {
                Some(h) => format!("its first heading, \"{h}\""),
                None => format!("the file name, \"{}\"", doc.file_stem()),
            }
        ))
}

fn list_as_string(doc: &Document, key: &str, value: &str, node: &Node) -> Diagnostic {
    let d = doc
        .diag(
            RuleId::ListAsString,
            node.span,
            format!("`{key}` is a list, written here as a plain string"),
        )
        .with_label("a plain string")
        .with_help(format!(
            "write it as a YAML list:\n{key}:{}",
            crate::edit::yaml::block_list(&[value], 2, "\n")
        ));
    // The value turned into a block list where it stands.
    match Frontmatter::new(doc).map(|f| f.set_list(key, &[value.trim()], &[])) {
        Some(edit) => d.with_fix(Fix::replace(
            format!("turn `{key}` into a list"),
            edit.span,
            edit.text,
            Applicability::Safe,
        )),
        None => d,
    }
}

fn unknown_key(doc: &Document, key: &str, key_node: &Node, known: &[String]) -> Diagnostic {
    let mut d = doc
        .diag(
            RuleId::UnknownKey,
            key_node.span,
            format!("`{key}` is not a field of the document process"),
        )
        .with_label("unknown key");
    let lower = key.to_lowercase().replace('-', "_");
    if let Some(k) = super::closest(&lower, known.iter().map(String::as_str)) {
        d = d.with_help(format!("did you mean `{k}`?"));
    } else {
        d = d.with_help(format!(
            "known fields: {}; to accept `{key}`, add it to `extra_keys` in normwerk.toml",
            known.join(", ")
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FIELD_KEYS, LIST_KEYS};
    use jsonschema::error::ValidationErrorKind;
    use std::collections::BTreeSet;

    #[test]
    fn committed_schema_is_the_builtin_profile() {
        let committed: Json = serde_json::from_str(FRONTMATTER_SCHEMA).unwrap();
        assert_eq!(schema_for(&Profile::default()).unwrap(), committed);
    }

    #[test]
    fn typed_model_reads_exactly_the_schema_fields() {
        let s = FieldSchema::new(&Profile::default()).unwrap();
        let schema_keys: BTreeSet<&str> = s.known_keys.iter().map(String::as_str).collect();
        assert_eq!(schema_keys, FIELD_KEYS.into_iter().collect());
        let list_keys: BTreeSet<&str> = s.list_keys.iter().map(String::as_str).collect();
        assert_eq!(list_keys, LIST_KEYS.into_iter().collect());
    }

    /// The process table of DESIGN.md, restated independently of the schema: for a type, a
    /// status and the set of present fields, the fields that are missing and forbidden.
    fn process_rules(
        doc_type: &str,
        status: Option<&str>,
        present: &BTreeSet<&str>,
    ) -> BTreeSet<(&'static str, String)> {
        let mut v = BTreeSet::new();
        let supplement = doc_type == "Supplement";
        let mut need = |field: &str| {
            if !present.contains(field) {
                v.insert(("missing", field.to_owned()));
            }
        };
        if supplement {
            need("supplements");
        } else {
            need("status");
        }
        match status {
            Some("Stable") => need("stabilized_at"),
            Some("Deprecated") => {
                need("deprecated_at");
                need("stabilized_at");
            }
            Some("Rejected") => need("rejected_at"),
            _ => {}
        }
        let mut forbid = |field: &str, cond: bool| {
            if cond && present.contains(field) {
                v.insert(("forbidden", field.to_owned()));
            }
        };
        forbid("status", supplement);
        forbid("supplements", !supplement);
        forbid(
            "replaced_by",
            !matches!(status, Some("Deprecated" | "Rejected")),
        );
        v
    }

    #[test]
    fn schema_agrees_with_the_process_rules() {
        let s = FieldSchema::new(&Profile::default()).unwrap();
        let optional = [
            "supplements",
            "stabilized_at",
            "deprecated_at",
            "rejected_at",
            "replaced_by",
        ];
        let mut cases = 0;
        for doc_type in ["Standard", "Decision Record", "Procedural", "Supplement"] {
            for status in [
                None,
                Some("Draft"),
                Some("Stable"),
                Some("Deprecated"),
                Some("Rejected"),
            ] {
                for mask in 0..(1u32 << optional.len()) {
                    let present: BTreeSet<&str> = optional
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, f)| *f)
                        .chain(status.map(|_| "status"))
                        .collect();
                    let mut instance = json!({"title": "T", "type": doc_type, "track": "Global"});
                    if let Some(st) = status {
                        instance["status"] = json!(st);
                    }
                    for f in &present {
                        if *f != "status" {
                            instance[*f] = if LIST_KEYS.contains(f) {
                                json!(["scs-0001-v1-a.md"])
                            } else {
                                json!("2024-01-01")
                            };
                        }
                    }
                    let found: BTreeSet<(&'static str, String)> = s
                        .validator
                        .iter_errors(&instance)
                        .map(|e| match e.kind() {
                            ValidationErrorKind::Required { property } => {
                                ("missing", property.as_str().unwrap_or_default().to_owned())
                            }
                            ValidationErrorKind::FalseSchema => (
                                "forbidden",
                                pointer_segments(e.instance_path().as_str()).join("/"),
                            ),
                            other => panic!("unexpected error {other:?} for {instance}"),
                        })
                        .collect();
                    assert_eq!(
                        found,
                        process_rules(doc_type, status, &present),
                        "{instance}"
                    );
                    cases += 1;
                }
            }
        }
        assert_eq!(cases, 4 * 5 * 32);
    }
}
