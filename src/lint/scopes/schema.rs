//! `scope-schema`: every scope file validated against `schemas/scope.schema.json` (the format of
//! scs-0003), each error at the key or value it is about.

use super::ScopeContext;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::frontmatter::Node;
use crate::lint::schema::pointer_segments;
use crate::rules::RuleId;
use crate::scopes::ScopeFile;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value as Json;
use std::sync::LazyLock;

/// The committed schema of scope files.
pub const SCOPE_SCHEMA: &str = include_str!("../../../schemas/scope.schema.json");

/// Compiled once per process: the schema is a constant of the binary.
static VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    let json: Json = serde_json::from_str(SCOPE_SCHEMA).map_err(|e| e.to_string())?;
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&json)
        .map_err(|e| e.to_string())
});

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    let validator = match &*VALIDATOR {
        Ok(v) => v,
        Err(e) => {
            // Not reachable with the committed schema (a unit test compiles it); said, not hidden.
            for file in cx.files {
                out.push(Diagnostic::file(
                    RuleId::ScopeSchema,
                    &file.display,
                    format!("the scope schema does not compile: {e}"),
                ));
            }
            return;
        }
    };
    for file in cx.files {
        let Some(root) = &file.root else { continue };
        let instance = root.to_json();
        for error in validator.iter_errors(&instance) {
            out.push(finding(file, root, &error));
        }
    }
}

fn finding(file: &ScopeFile, root: &Node, error: &jsonschema::ValidationError<'_>) -> Diagnostic {
    let path = pointer_segments(error.instance_path().as_str());
    let node = root.at_pointer(&path, false);
    let span = node.map_or(Span::new(0, 0), |n| n.span);
    let at = if path.is_empty() {
        "the scope file".to_owned()
    } else {
        format!("`{}`", display_path(&path))
    };
    let found = || {
        let v = error.instance();
        v.as_str()
            .map_or_else(|| v.to_string(), |s| format!("`{s}`"))
    };
    let (message, label, help): (String, &str, Option<String>) = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            (
                format!("{at} lacks the required key `{property}`"),
                "incomplete",
                Some(format!("add `{property}:` (see scs-0003)")),
            )
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let keys: Vec<String> = unexpected.iter().map(|k| format!("`{k}`")).collect();
            let key_node = unexpected.first().and_then(|k| {
                let mut p = path.clone();
                p.push(k.clone());
                root.at_pointer(&p, true)
            });
            let d = file
                .diag(
                    RuleId::ScopeSchema,
                    key_node.map_or(span, |n| n.span),
                    format!(
                        "{at} has keys scs-0003 does not define: {}",
                        keys.join(", ")
                    ),
                )
                .with_label("unknown key")
                .with_help("check the spelling against the tables of scs-0003");
            return d;
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            (
                format!("{at} is {}, not one of: {}", found(), allowed.join(", ")),
                "not an allowed value",
                Some(format!("use one of: {}", allowed.join(", "))),
            )
        }
        ValidationErrorKind::Format { format } => (
            format!("{at} is {}, which is not a valid {format}", found()),
            "wrong format",
            Some(match format.as_str() {
                "date" => "write an ISO 8601 calendar date, e.g. 2025-03-31".to_owned(),
                "uuid" => "generate one with `uuidgen`".to_owned(),
                "uri" => "write an absolute address, e.g. https://…".to_owned(),
                other => format!("write a valid {other}"),
            }),
        ),
        ValidationErrorKind::Type { .. } => (
            format!(
                "{at} is {}, which is not allowed here",
                node.map_or("another type", Node::type_name)
            ),
            "wrong type",
            None,
        ),
        ValidationErrorKind::Pattern { .. } => (
            format!(
                "{at} is {}: ids and version names are letters, digits, `.`, `_` and `-`",
                found()
            ),
            "not an id",
            None,
        ),
        ValidationErrorKind::MinLength { .. } => (format!("{at} must not be empty"), "empty", None),
        ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. } => (
            format!("{at} has none of the shapes scs-0003 allows here"),
            "unexpected shape",
            Some("see the tables of scs-0003 for this key".to_owned()),
        ),
        _ => (format!("{at}: {error}"), "here", None),
    };
    let mut d = file
        .diag(RuleId::ScopeSchema, span, message)
        .with_label(label);
    if let Some(help) = help {
        d = d.with_help(help);
    }
    d
}

/// `versions[2].include[0]` from pointer segments.
fn display_path(path: &[String]) -> String {
    let mut out = String::new();
    for seg in path {
        if seg.parse::<usize>().is_ok() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_committed_schema_compiles() {
        assert!(
            super::VALIDATOR.as_ref().is_ok(),
            "{:?}",
            super::VALIDATOR.as_ref().err()
        );
    }
}
