use super::*;
use crate::document::frontmatter::{Node, Value, parse_yaml, split};

#[test]
fn edits_are_made_in_order_and_overlaps_refused() {
    let text = "abcdef";
    let edits = [
        Edit::new(Span::new(4, 5), "E"),
        Edit::new(Span::new(0, 1), "A"),
        Edit::new(Span::new(6, 6), "!"),
    ];
    assert_eq!(apply(text, &edits).as_deref(), Ok("AbcdEf!"));
    let overlapping = [
        Edit::new(Span::new(1, 3), "x"),
        Edit::new(Span::new(2, 4), "y"),
    ];
    assert!(matches!(
        apply(text, &overlapping),
        Err(EditError::Overlap { .. })
    ));
    assert!(matches!(
        apply(text, &[Edit::new(Span::new(5, 9), "")]),
        Err(EditError::OutOfRange { .. })
    ));
    assert!(matches!(
        apply("é", &[Edit::new(Span::new(1, 2), "")]),
        Err(EditError::SplitsCharacter { .. })
    ));
}

#[test]
fn line_endings_are_the_file_s() {
    assert_eq!(line_ending("a: 1\r\nb: 2\r\n"), "\r\n");
    assert_eq!(line_ending("a: 1\nb: 2\r\n"), "\n");
    assert_eq!(line_ending("a"), "\n");
}

#[test]
fn scalars_are_quoted_when_yaml_needs_it() {
    assert_eq!(
        yaml::scalar("scs-0100-v2-flavor-naming.md"),
        "scs-0100-v2-flavor-naming.md"
    );
    assert_eq!(yaml::scalar("2024-05-01"), "2024-05-01");
    for needs in [
        "true", "42", "a: b", "", " lead", "#x", "- x", "[a]", "null", "x\ny",
    ] {
        let s = yaml::scalar(needs);
        assert!(
            s.starts_with('"') || s.starts_with('\''),
            "{needs:?} -> {s}"
        );
    }
}

/// The value a frontmatter `key: <text>` reads as.
fn read_back(text: &str) -> Option<Value> {
    let doc = format!("---\nkey: {text}\nnext: 1\n---\n");
    let crate::document::frontmatter::Split::Found { yaml, .. } = split(&doc) else {
        return None;
    };
    let root: Node = parse_yaml(&doc, yaml).ok()??;
    let (_, v) = root.entry("key")?;
    // The edit must not swallow the key after it.
    root.entry("next")?;
    Some(v.value.clone())
}

#[test]
fn a_block_list_reads_back_as_its_items() {
    let list = yaml::block_list(&["a.md", "b: c"], 2, "\n");
    assert_eq!(list, "\n  - a.md\n  - \"b: c\"");
    let Some(Value::Seq(items)) = read_back(&list) else {
        panic!("not a list: {list}");
    };
    let strings: Vec<_> = items.iter().filter_map(Node::as_str).collect();
    assert_eq!(strings, ["a.md", "b: c"]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Whatever the string, the scalar written for it reads back as that string, and the
        // edit stays on its line (the next key is still there).
        #[test]
        fn a_scalar_reads_back_as_its_string(s in "\\PC{0,40}") {
            let text = yaml::scalar(&s);
            prop_assert!(!text.contains('\n'));
            prop_assert_eq!(read_back(&text), Some(Value::Str(s.clone())));
        }

        // Replacing one value changes those bytes only: the text before and after is the same.
        #[test]
        fn an_edit_changes_only_its_bytes(
            before in "[a-z: #\r\n]{0,30}",
            old in "[a-z0-9]{0,10}",
            after in "[a-z: #\r\n]{0,30}",
            new in "\\PC{0,20}",
        ) {
            let text = format!("{before}{old}{after}");
            let span = Span::new(before.len(), before.len() + old.len());
            let edited = apply(&text, &[Edit::new(span, new.clone())]).expect("applies");
            prop_assert_eq!(edited, format!("{before}{new}{after}"));
        }
    }
}

#[test]
fn the_diff_shows_hunks_without_line_ends() {
    let old = "a\r\nb\r\nc\r\n";
    let new = "a\r\nb:\r\n  - x\r\nc\r\n";
    assert_eq!(
        diff::unified("f.md", old, new, false),
        "--- f.md\n+++ f.md\n@@ -1,3 +1,4 @@\n a\n-b\n+b:\n+  - x\n c\n"
    );
    assert_eq!(diff::unified("f.md", old, old, false), "");
    let painted = diff::unified("f.md", old, new, true);
    assert!(painted.contains("\x1b[31m-b\x1b[0m\n"), "{painted:?}");
}
