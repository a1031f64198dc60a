//! `--format sarif`: SARIF 2.1.0, for code-scanning services.

use super::LintOutput;
use super::json::TOOL;
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::rules::RuleId;
use serde_json::json;

/// SARIF 2.1.0: one run, the rules that fired as the driver's rules, one result per finding.
/// Columns count Unicode code points (`columnKind`), as in every other output.
pub fn render(lint: &LintOutput<'_>) -> String {
    use serde_json::json;
    let diagnostics = lint.diagnostics;
    let mut rule_ids: Vec<RuleId> = diagnostics.iter().map(|d| d.rule).collect();
    rule_ids.sort_unstable_by_key(|id| id.as_str());
    rule_ids.dedup();
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<serde_json::Value> = rule_ids
        .iter()
        .map(|id| id.rule())
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": section(r.page, "## Why") },
                "help": { "text": section(r.page, "## Fix"), "markdown": section(r.page, "## Fix") },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "group": r.group, "book": format!("rules/{}.html", r.id) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let mut region = serde_json::Map::new();
            if let Some(s) = d.start {
                region.insert("startLine".into(), json!(s.line));
                region.insert("startColumn".into(), json!(s.column));
            }
            if let Some(e) = d.end {
                region.insert("endLine".into(), json!(e.line));
                region.insert("endColumn".into(), json!(e.column));
            }
            let mut location =
                json!({ "artifactLocation": { "uri": d.file.trim_start_matches("./") } });
            if !region.is_empty()
                && let Some(fields) = location.as_object_mut()
            {
                fields.insert("region".into(), serde_json::Value::Object(region));
            }
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            // A fix SARIF cannot carry (a rename) is told in the message.
            if let Some(fix) = d.fix.as_ref().filter(|f| f.replacement().is_none()) {
                text.push_str("\nfix: ");
                text.push_str(&fix.note());
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": rule_ids.iter().position(|r| *r == d.rule),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location } ],
            });
            if let (Some(fix), Some(fields)) = (
                d.fix.as_ref().and_then(|f| sarif_fix(&d.file, f)),
                result.as_object_mut(),
            ) {
                fields.insert("fixes".into(), json!([fix]));
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": TOOL.name, "version": TOOL.version, "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    s.push('\n');
    s
}

/// A fix as SARIF's `fix` object: a replacement of the finding's bytes (`byteOffset`,
/// `byteLength` into the file as it is). An unsafe fix says so in its description, since SARIF
/// has no field for it. A rename has no SARIF form (an artifact change replaces content); the
/// finding's help names the new file.
fn sarif_fix(file: &str, fix: &Fix) -> Option<serde_json::Value> {
    let (span, replacement) = fix.replacement()?;
    let description = match fix.applicability {
        Applicability::Safe => fix.description.clone(),
        Applicability::Unsafe => {
            format!("{} (unsafe: review before applying)", fix.description)
        }
    };
    Some(json!({
        "description": { "text": description },
        "artifactChanges": [{
            "artifactLocation": { "uri": file.trim_start_matches("./") },
            "replacements": [{
                "deletedRegion": {
                    "byteOffset": span.start,
                    "byteLength": span.end.saturating_sub(span.start),
                },
                "insertedContent": { "text": replacement },
            }],
        }],
    }))
}

/// The text of a section of a rule's book page (up to the next heading of its level).
fn section(page: &str, heading: &str) -> String {
    page.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}
