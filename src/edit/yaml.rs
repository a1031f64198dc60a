//! YAML values as text to put into a frontmatter: quoted exactly when YAML needs it, by the
//! rules of saphyr's emitter (the parser's own crate), so that what an edit writes reads back as
//! the value meant.

use saphyr::{Scalar, Yaml, YamlEmitter};

/// `value` as a YAML scalar: plain when it reads back as the same string (`scs-0100-v2.md`,
/// `2024-05-01`), otherwise double-quoted with escapes (`"a: b"`, `"true"`, `"42"`).
pub fn scalar(value: &str) -> String {
    // The emitter quotes more than YAML needs (`./a.md`, `v1.0`): plain is kept when the parser
    // reads the plain text back as the same string, in a flow list as well as after a key.
    if reads_back_plain(value) {
        return value.to_owned();
    }
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

fn reads_back_plain(value: &str) -> bool {
    use saphyr::LoadableYamlNode;
    if value.is_empty() || value.contains(['\n', '\r']) || value.trim() != value {
        return false;
    }
    let as_string = |doc: &str| -> Option<String> {
        let docs = Yaml::load_from_str(doc).ok()?;
        let first = docs.first()?;
        let v = first.as_mapping()?.values().next()?;
        let v = v.as_sequence().and_then(|s| s.first()).unwrap_or(v);
        v.as_str().map(str::to_owned)
    };
    [format!("k: {value}\n"), format!("k: [{value}]\n")]
        .iter()
        .all(|doc| as_string(doc).as_deref() == Some(value))
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
