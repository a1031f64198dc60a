//! `--format concise`: one line per finding, `file:line:col: severity[rule]: message`.

use super::LintOutput;
use crate::diagnostic::Diagnostic;
use std::fmt::Write as _;

pub fn render(lint: &LintOutput<'_>) -> String {
    let mut out = String::new();
    for d in lint.diagnostics {
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
