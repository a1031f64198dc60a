//! Field rules from `schemas/frontmatter.schema.json`: every frontmatter is validated against the
//! schema, and every validation error is mapped back to the span of the offending key or value.

use crate::config::Profile;
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::document::Document;
use crate::document::frontmatter::{Node, Value};
use crate::rules::RuleId;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Value as Json, json};

/// The committed schema for the SCS profile; other profiles get their vocabularies patched in.
pub const FRONTMATTER_SCHEMA: &str = include_str!("../../schemas/frontmatter.schema.json");

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
                    instance[key] = json!([s]);
                }
            } else if !self.known_keys.iter().any(|known| known == key)
                && !self.extra_keys.iter().any(|extra| extra == key)
            {
                out.push(unknown_key(doc, key, k, &self.known_keys));
            }
        }
        for error in self.validator.iter_errors(&instance) {
            if let Some(d) = self.map_error(doc, root, &instance, &error) {
                out.push(d);
            }
        }
    }

    fn map_error(
        &self,
        doc: &Document,
        root: &Node,
        instance: &Json,
        error: &jsonschema::ValidationError<'_>,
    ) -> Option<Diagnostic> {
        let path = pointer_segments(error.instance_path().as_str());
        let schema_path = pointer_segments(error.schema_path().as_str());
        let field = path.first().cloned().unwrap_or_default();
        let value_node = root.at_pointer(&path, false);
        let span_of = |n: Option<&Node>| n.map_or(doc.frontmatter_span(), |n| n.span);
        let reason = self.condition(&schema_path, instance);
        Some(match error.kind() {
            ValidationErrorKind::Required { property } => {
                let property = property.as_str().unwrap_or_default();
                let (span, message) = match &reason {
                    Some(r) => (
                        root.entry(&r.key)
                            .map_or(doc.frontmatter_span(), |(_, v)| v.span),
                        format!("`{property}` is required when {}", r.text),
                    ),
                    None => (
                        first_line_of(doc, root),
                        format!("the required field `{property}` is missing"),
                    ),
                };
                doc.diag(RuleId::MissingField, span, message)
                    .with_label(format!("`{property}` is missing"))
                    .with_help(required_help(property))
            }
            ValidationErrorKind::FalseSchema => {
                let key = root.at_pointer(&path, true);
                let message = match &reason {
                    Some(r) => format!("`{field}` is not allowed when {}", r.text),
                    None => format!("`{field}` is not allowed here"),
                };
                doc.diag(RuleId::ForbiddenField, span_of(key), message)
                    .with_label("not allowed here")
                    .with_help(format!("remove `{field}`"))
            }
            ValidationErrorKind::Format { format } if format == "date" => doc
                .diag(
                    RuleId::InvalidDate,
                    span_of(value_node),
                    format!(
                        "`{field}` is not a valid date: {}",
                        error
                            .instance()
                            .as_str()
                            .map_or_else(|| error.instance().to_string(), |s| format!("`{s}`"))
                    ),
                )
                .with_label("expected YYYY-MM-DD")
                .with_help("write an ISO 8601 calendar date, e.g. 2025-03-31"),
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                let found = error.instance();
                let found_text = found
                    .as_str()
                    .map_or_else(|| found.to_string(), str::to_owned);
                let mut d = doc
                    .diag(
                        RuleId::InvalidValue,
                        span_of(value_node),
                        format!(
                            "`{field}` is `{found_text}`, which is not one of: {}",
                            allowed.join(", ")
                        ),
                    )
                    .with_label("not an allowed value");
                if let Some(near) = allowed
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(found_text.trim()))
                {
                    d = d.with_help(format!("did you mean `{near}`?"));
                } else {
                    d = d.with_help(format!("use one of: {}", allowed.join(", ")));
                }
                d
            }
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    jsonschema::error::TypeKind::Single(t) => type_name(&t.to_string()),
                    jsonschema::error::TypeKind::Multiple(_) => "another type".to_owned(),
                };
                let found = value_node.map_or("another type", Node::type_name);
                doc.diag(
                    RuleId::InvalidValue,
                    span_of(value_node),
                    format!(
                        "`{}` must be {expected}, found {found}",
                        display_path(&path)
                    ),
                )
                .with_label(format!("expected {expected}"))
            }
            ValidationErrorKind::MinItems { .. } | ValidationErrorKind::MinLength { .. } => doc
                .diag(
                    RuleId::InvalidValue,
                    span_of(value_node),
                    format!("`{}` must not be empty", display_path(&path)),
                )
                .with_label("empty"),
            _ => doc.diag(
                RuleId::InvalidValue,
                span_of(value_node),
                format!("`{}`: {error}", display_path(&path)),
            ),
        })
    }

    /// For an error inside a conditional (`if`/`then`/`else`), the field and value that made the
    /// condition apply, e.g. "`status` is `Stable`".
    fn condition(&self, schema_path: &[String], instance: &Json) -> Option<Condition> {
        let branch = schema_path
            .iter()
            .rposition(|s| s == "then" || s == "else")?;
        let mut node = &self.json;
        for seg in &schema_path[..branch] {
            node = match node {
                Json::Object(o) => o.get(seg)?,
                Json::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        let key = node
            .get("if")?
            .get("required")?
            .get(0)?
            .as_str()?
            .to_owned();
        // When the deciding field is itself missing, that is the finding to report, not the
        // consequence: the error is then treated as unconditional.
        let text = match instance.get(&key)? {
            Json::String(v) => format!("`{key}` is `{v}`"),
            other => format!("`{key}` is {other}"),
        };
        Some(Condition { key, text })
    }
}

struct Condition {
    key: String,
    text: String,
}

fn required_help(property: &str) -> String {
    match property {
        "stabilized_at" | "deprecated_at" | "rejected_at" => {
            format!("add `{property}: YYYY-MM-DD`")
        }
        "supplements" => {
            "add `supplements:` with the file names of the documents this one extends".to_owned()
        }
        _ => format!("add `{property}:` to the frontmatter"),
    }
}

/// The first key of the frontmatter: where a missing field is reported.
fn first_line_of(doc: &Document, root: &Node) -> Span {
    root.entries()
        .first()
        .map_or(doc.frontmatter_span(), |(k, _)| k.span)
}

fn type_name(json_type: &str) -> String {
    match json_type {
        "string" => "a string".to_owned(),
        "array" => "a list".to_owned(),
        "object" => "a mapping".to_owned(),
        "integer" => "an integer".to_owned(),
        other => format!("a {other}"),
    }
}

fn display_path(path: &[String]) -> String {
    let mut out = String::new();
    for (i, seg) in path.iter().enumerate() {
        if seg.parse::<usize>().is_ok() && i > 0 {
            out.push_str(&format!("[{seg}]"));
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

/// Splits a JSON pointer into unescaped segments.
pub fn pointer_segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn list_as_string(doc: &Document, key: &str, value: &str, node: &Node) -> Diagnostic {
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let replacement = format!("{newline}  - {}", yaml_scalar(value));
    // Replace from the end of `key:` to the end of the value, turning it into a block list.
    let colon_end = doc.text[..node.span.start]
        .rfind(':')
        .map_or(node.span.start, |i| i + 1);
    doc.diag(
        RuleId::ListAsString,
        node.span,
        format!("`{key}` is a list, written here as a plain string"),
    )
    .with_label("a plain string")
    .with_help(format!(
        "write it as a YAML list:\n{key}:\n  - {}",
        yaml_scalar(value)
    ))
    .with_fix(Fix {
        description: format!("turn `{key}` into a list"),
        span: Span::new(colon_end, node.span.end),
        replacement,
    })
}

fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(char::is_whitespace);
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| s.to_owned())
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
