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

/// The book page of the rule `id` (Markdown, as the book has it), or why there is none: an
/// unknown id, with the nearest ones.
pub fn explain(id: &str) -> Result<String, String> {
    if let Some(rule) = crate::rules::RuleId::parse(id.trim()) {
        let mut page = rule.rule().page.to_owned();
        if !page.ends_with('\n') {
            page.push('\n');
        }
        return Ok(page);
    }
    let hint = match crate::lint::closest(id, RULES.iter().map(|r| r.id.as_str())) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    };
    Err(format!(
        "`{id}` is not a rule{hint}; `normwerk rules` lists them"
    ))
}
