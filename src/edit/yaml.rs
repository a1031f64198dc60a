//! YAML values as text to put into a frontmatter: quoted exactly when YAML needs it, by the
//! rules of saphyr's emitter (the parser's own crate), so that what an edit writes reads back as
//! the value meant.

use saphyr::{Scalar, Yaml, YamlEmitter};

/// `value` as a YAML scalar: plain when it reads back as the same string (`scs-0100-v2.md`,
/// `2024-05-01`), otherwise double-quoted with escapes (`"a: b"`, `"true"`, `"42"`).
pub fn scalar(value: &str) -> String {
    let mut out = String::new();
    let doc = Yaml::Value(Scalar::String(value.into()));
    let emitted = YamlEmitter::new(&mut out).dump(&doc);
    match (
        emitted,
        out.strip_prefix("---\n").or(out.strip_prefix("--- ")),
    ) {
        (Ok(()), Some(text)) if !text.contains('\n') => text.to_owned(),
        // The emitter writes one line for every string (multi-line ones escaped); should that
        // ever change, JSON's string syntax is also YAML's double-quoted style.
        _ => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// `items` as a block list under a key: each on its own line, `indent` spaces in, each line
/// started with `newline` (so that the list follows `key:` on the key's line).
pub fn block_list(items: &[&str], indent: usize, newline: &str) -> String {
    let pad = " ".repeat(indent);
    items
        .iter()
        .map(|item| format!("{newline}{pad}- {}", scalar(item)))
        .collect()
}
