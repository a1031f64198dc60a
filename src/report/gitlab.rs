//! `--format gitlab`: GitLab's Code Quality report (a JSON array of Code Climate issues), for
//! `artifacts: reports: codequality:`; GitLab shows the findings in merge requests.

use super::LintOutput;
use crate::diagnostic::Severity;
use serde_json::json;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;

/// One issue per finding. The fingerprint is what GitLab compares between the base and the merge
/// request: made of the rule, the file and the text the finding points at (not its line, which
/// moves with any edit above it), and a count among equal ones.
pub fn render(lint: &LintOutput<'_>) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<serde_json::Value> = lint
        .diagnostics
        .iter()
        .map(|d| {
            let key = format!(
                "{}\0{}\0{}",
                d.rule,
                d.file.trim_start_matches("./"),
                d.pointed_text(&lint.sources)
            );
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            let digest = Sha256::digest(format!("{key}\0{n}").as_bytes());
            let fingerprint: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            let begin = d.start.map_or(1, |p| p.line);
            let end = d.end.map_or(begin, |p| p.line);
            let mut description = d.message.clone();
            if let Some(h) = &d.help {
                description.push_str(" (help: ");
                description.push_str(h);
                description.push(')');
            }
            json!({
                "type": "issue",
                "check_name": d.rule,
                "description": description,
                "categories": ["Style"],
                "severity": severity,
                "fingerprint": fingerprint,
                "location": {
                    "path": d.file.trim_start_matches("./"),
                    "lines": { "begin": begin, "end": end },
                },
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}
