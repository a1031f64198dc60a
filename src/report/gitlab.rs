//! `--format gitlab`: GitLab's Code Quality report (a JSON array of Code Climate issues), for
//! `artifacts: reports: codequality:`; GitLab shows the findings in merge requests.

use super::LintOutput;
use crate::diagnostic::Severity;
use serde_json::json;
use std::collections::HashMap;
use std::path::Path;

/// One issue per finding. The fingerprint is what GitLab compares between the base and the merge
/// request: made of the rule, the file and the text the finding points at (not its line, which
/// moves with any edit above it), and a count among equal ones.
pub fn render(lint: &LintOutput<'_>) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut roots: HashMap<String, String> = HashMap::new();
    let issues: Vec<serde_json::Value> = lint
        .diagnostics
        .iter()
        .map(|d| {
            let path = roots
                .entry(d.file.clone())
                .or_insert_with(|| repository_path(&d.file))
                .clone();
            let key = format!("{}\0{path}\0{}", d.rule, d.pointed_text(&lint.sources));
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            let digest = crate::index::sha256_hex(format!("{key}\0{n}").as_bytes());
            let fingerprint = crate::lifecycle::first_chars(&digest, 32);
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
                    "path": path,
                    "lines": { "begin": begin, "end": end },
                },
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}

/// The path GitLab links a finding to: relative to the root of the repository the file is in
/// (the nearest folder above it with `.git`), wherever normwerk ran and however the folder was
/// named (`.`, `../Tests`, an absolute path); as shown when the file is in no repository.
fn repository_path(file: &str) -> String {
    let path = Path::new(file);
    let absolute = match path.is_absolute() {
        true => path.to_owned(),
        false => std::env::current_dir().unwrap_or_default().join(path),
    };
    let absolute = absolute
        .canonicalize()
        .unwrap_or_else(|_| crate::paths::normalize(&absolute));
    match absolute.parent().and_then(crate::paths::work_tree) {
        Some(root) => crate::paths::relative(root, &absolute),
        None => file.trim_start_matches("./").to_owned(),
    }
}
