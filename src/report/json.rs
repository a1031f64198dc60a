//! `--format json`: one document, see `schemas/lint-report.schema.json`.

use super::LintOutput;
use crate::diagnostic::Diagnostic;
use crate::lint::Summary;
use serde::Serialize;

/// What a lint run produced, as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct LintReport<'a> {
    /// Version of this report's shape; a change that is not an addition increments it.
    pub report_version: u32,
    pub tool: Tool,
    pub documents: usize,
    pub scope_files: usize,
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

pub fn render(out: &LintOutput<'_>) -> String {
    let report = LintReport {
        report_version: 1,
        tool: TOOL,
        documents: out.documents,
        scope_files: out.scope_files,
        summary: Summary::of(out.diagnostics),
        diagnostics: out.diagnostics,
    };
    let mut s =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
