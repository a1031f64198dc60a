//! `normwerk rules`: the registry as a table or as JSON.

use crate::rules::RULES;

pub fn render_table() -> String {
    RULES
        .iter()
        .map(|r| {
            format!(
                "{:<26} {:<10} {:<8} {}\n",
                r.id.as_str(),
                r.group.as_str(),
                r.severity.to_string(),
                r.summary
            )
        })
        .collect()
}

pub fn render_json() -> String {
    crate::index::to_json(&RULES)
}
