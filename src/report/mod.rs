//! Renderers of lint findings: one small function per output format, all over the same data.

pub mod history;
mod human;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Summary;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

pub use human::render_human;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source snippet.
    Human,
    /// One line per finding: `file:line:col: severity[rule]: message`.
    Concise,
    /// A JSON document, see `schemas/lint-report.schema.json`.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on pull requests.
    Github,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

/// The source texts of the files findings point at, by their displayed path.
pub type Sources<'a> = HashMap<&'a str, &'a str>;

/// What a lint run produced, as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct LintReport<'a> {
    /// Version of this report's shape; a change that is not an addition increments it.
    pub report_version: u32,
    pub tool: Tool,
    pub documents: usize,
    pub summary: Summary,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: Tool = Tool {
    name: env!("CARGO_PKG_NAME"),
    version: env!("CARGO_PKG_VERSION"),
};

pub fn render_json(diagnostics: &[Diagnostic], documents: usize) -> String {
    let report = LintReport {
        report_version: 1,
        tool: TOOL,
        documents,
        summary: Summary::of(diagnostics),
        diagnostics,
    };
    let mut s =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

pub fn render_concise(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}: {}[{}]: {}",
            location(d),
            d.severity,
            d.rule,
            d.message
        );
    }
    out
}

fn location(d: &Diagnostic) -> String {
    match d.start {
        Some(p) => format!("{}:{}:{}", d.file, p.line, p.column),
        None => d.file.clone(),
    }
}

/// GitHub Actions workflow commands; values are escaped as the runner expects.
pub fn render_github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!("file={}", escape_property(&d.file));
        if let Some(s) = d.start {
            let _ = write!(props, ",line={},col={}", s.line, s.column);
        }
        if let Some(e) = d.end {
            let _ = write!(props, ",endLine={},endColumn={}", e.line, e.column);
        }
        let _ = write!(
            props,
            ",title={}",
            escape_property(&format!("normwerk {}", d.rule))
        );
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0: one run, the rules that fired as the driver's rules, one result per finding.
/// Columns count Unicode code points (`columnKind`), as in every other output.
pub fn render_sarif(diagnostics: &[Diagnostic]) -> String {
    use serde_json::json;
    let mut rule_ids: Vec<&'static str> = diagnostics.iter().map(|d| d.rule).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<serde_json::Value> = rule_ids
        .iter()
        .filter_map(|id| crate::lint::rules::get(id))
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "group": r.group },
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
            if !region.is_empty() {
                location["region"] = serde_json::Value::Object(region);
            }
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            json!({
                "ruleId": d.rule,
                "ruleIndex": rule_ids.iter().position(|r| *r == d.rule),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location } ],
            })
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

/// The closing line of a human run.
pub fn summary_line(summary: Summary, documents: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}, {}",
        plural(documents, "document"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    )
}
