//! `normwerk rules`: the registry as a table or as JSON.

use crate::rules::RULES;

pub fn render_table() -> String {
    let row = |id: &str, group: &str, level: &str, what: &str| {
        format!("{id:<26} {group:<11} {level:<8} {what}\n")
    };
    let mut out = row("RULE", "GROUP", "DEFAULT", "WHAT IT FINDS");
    for r in RULES {
        out.push_str(&row(
            r.id.as_str(),
            r.group.as_str(),
            &r.severity.to_string(),
            r.summary,
        ));
    }
    out
}

pub fn render_json() -> String {
    crate::index::to_json(&RULES)
}
