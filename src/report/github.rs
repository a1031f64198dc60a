//! `--format github`: GitHub Actions workflow commands, shown as annotations on pull requests.

use super::LintOutput;
use crate::diagnostic::Severity;
use std::fmt::Write as _;

/// GitHub Actions workflow commands; values are escaped as the runner expects.
pub fn render(lint: &LintOutput<'_>) -> String {
    let mut out = String::new();
    for d in lint.diagnostics {
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
        if let Some(fix) = &d.fix {
            message.push_str("\nfix: ");
            message.push_str(&fix.note());
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
