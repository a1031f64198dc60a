//! Validation errors of the frontmatter schema mapped back to the document: which rule, at which
//! key or value, with what help.

use super::FieldSchema;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::document::frontmatter::Node;
use crate::rules::RuleId;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value as Json;

impl FieldSchema {
    pub(super) fn map_error(
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
                        doc.first_key_span(),
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
                .with_help("write an ISO 8601 calendar date, e.g. 2025-03-31")
                .with_fix_opt(value_node.and_then(|n| {
                    let written = doc.text.get(n.span.start..n.span.end)?;
                    super::date_fix::fix(n.as_str()?, written, n.span)
                })),
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
                    // Only the spelling is wrong (`stable`): the process's value, written by
                    // YAML's rules in place of the author's.
                    if let Some(node) = value_node.filter(|n| n.as_str().is_some()) {
                        d = d.with_fix(Fix::replace(
                            format!("write `{near}`"),
                            node.span,
                            crate::edit::yaml::scalar(near),
                            Applicability::Safe,
                        ));
                    }
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
        for seg in schema_path.iter().take(branch) {
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
