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

mod frontmatter {
    use super::super::frontmatter::Frontmatter;
    use super::*;
    use crate::document::Document;

    fn doc(text: &str) -> Document {
        Document::parse(
            "x.md".into(),
            "x.md".into(),
            "x.md".into(),
            None,
            text.to_owned(),
        )
    }

    fn edited(text: &str, edit: impl Fn(&Frontmatter<'_>) -> Vec<Edit>) -> String {
        let d = doc(text);
        let f = Frontmatter::new(&d).expect("a frontmatter");
        apply(text, &edit(&f)).expect("applies")
    }

    #[test]
    fn a_value_is_replaced_where_it_stands_and_a_new_key_follows_its_neighbour() {
        let text = "\u{feff}---\r\n# c\r\ntitle: 'A: b'\r\nstatus: Draft   # now\r\ndescription: |\r\n  Text.\r\ntrack: IaaS\r\n---\r\n\r\nstatus: body\r\n";
        let out = edited(text, |f| {
            vec![
                f.set("status", "Stable", &[]),
                f.set("stabilized_at", "2025-01-02", &["status"]),
                f.set_list("replaces", &["a.md", "b: c"], &["description"]),
            ]
        });
        assert_eq!(
            out,
            "\u{feff}---\r\n# c\r\ntitle: 'A: b'\r\nstatus: Stable   # now\r\nstabilized_at: 2025-01-02\r\ndescription: |\r\n  Text.\r\nreplaces:\r\n  - a.md\r\n  - \"b: c\"\r\ntrack: IaaS\r\n---\r\n\r\nstatus: body\r\n"
        );
    }

    #[test]
    fn a_key_is_removed_with_its_lines_and_nothing_else() {
        let text = "---\r\n# dates\r\nstabilized_at: 2025-01-02   # c\r\nreplaced_by:\r\n  - a.md\r\n  - b.md\r\ndescription: |\r\n  T.\r\ntitle: X\r\n---\r\n";
        let out = edited(text, |f| {
            ["stabilized_at", "replaced_by", "description", "nothing"]
                .iter()
                .filter_map(|k| f.remove(k))
                .collect()
        });
        assert_eq!(out, "---\r\n# dates\r\ntitle: X\r\n---\r\n");
    }

    #[test]
    fn an_empty_value_and_a_missing_neighbour() {
        let text = "---\nreplaced_by:\ntitle: X\n---\n";
        let out = edited(text, |f| {
            vec![
                f.set_list("replaced_by", &["v2.md"], &[]),
                f.set("deprecated_at", "2025-01-02", &["no-such-key"]),
            ]
        });
        assert_eq!(
            out,
            "---\nreplaced_by:\n  - v2.md\ntitle: X\ndeprecated_at: 2025-01-02\n---\n"
        );
    }
}

mod frontmatter_properties {
    use super::super::frontmatter::Frontmatter;
    use super::*;
    use crate::document::Document;
    use proptest::prelude::*;

    proptest! {
        // Setting a key (there or not) to any string: the key reads back as that string, every
        // other key reads back as before, and the text outside the edit is the same bytes.
        #[test]
        fn set_then_parse_gives_the_value_and_keeps_the_rest(
            values in proptest::collection::vec("[a-z0-9]([a-z0-9 .-]{0,10}[a-z0-9])?", 1..6),
            pick in 0usize..8,
            new in "\\PC{0,24}",
            crlf in any::<bool>(),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("---{nl}");
            for (i, v) in values.iter().enumerate() {
                text.push_str(&format!("k{i}: {}  # note {i}{nl}", v.trim()));
            }
            text.push_str(&format!("---{nl}body k0: x{nl}"));
            let key = format!("k{pick}");
            let read = |t: &str| {
                Document::parse("x.md".into(), "x.md".into(), "x.md".into(), None, t.to_owned())
            };
            let before = read(&text);
            let f = Frontmatter::new(&before).expect("a frontmatter");
            let edit = f.set(&key, &new, &[]);
            let out = apply(&text, std::slice::from_ref(&edit)).expect("applies");
            prop_assert_eq!(out.get(..edit.span.start), text.get(..edit.span.start));
            prop_assert_eq!(
                out.get(edit.span.start + edit.text.len()..),
                text.get(edit.span.end..)
            );
            let after = read(&out);
            let root = after.frontmatter.as_ref().expect("still parses");
            prop_assert_eq!(root.entry(&key).and_then(|(_, v)| v.as_str()), Some(new.as_str()));
            for (i, _) in values.iter().enumerate() {
                let k = format!("k{i}");
                if k != key {
                    let old = before.frontmatter.as_ref().and_then(|r| r.entry(&k)).map(|(_, v)| v.value.clone());
                    prop_assert_eq!(root.entry(&k).map(|(_, v)| v.value.clone()), old);
                }
            }
            let tail = format!("---{nl}body k0: x{nl}");
            prop_assert!(out.ends_with(&tail));
        }
    }
}
