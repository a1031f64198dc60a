//! `--format concise`: one line per finding, `file:line:col: severity[rule]: message`.

use super::LintOutput;
use crate::diagnostic::Diagnostic;
use std::fmt::Write as _;

pub fn render(lint: &LintOutput<'_>) -> String {
    let mut out = String::new();
    for d in lint.diagnostics {
        let _ = writeln!(out, "{}", line(d));
    }
    out
}

/// One finding as its line (without the line end): also what `serve` prints.
pub fn line(d: &Diagnostic) -> String {
    format!("{}: {}[{}]: {}", location(d), d.severity, d.rule, d.message)
}

fn location(d: &Diagnostic) -> String {
    match d.start {
        Some(p) => format!("{}:{}:{}", d.file, p.line, p.column),
        None => d.file.clone(),
    }
}
