use super::text::Section;
use super::*;

fn section(heading: &str, text: &str) -> Section {
    Section(
        heading.to_lowercase().replace(' ', "-"),
        heading.to_owned(),
        text.to_owned(),
    )
}

fn input<'a>(
    file_id: &str,
    id: &'a str,
    title: &'a str,
    state: &'static str,
    sections: &'a [Section],
) -> Input<'a> {
    Input {
        file_id: file_id.to_owned(),
        id,
        title,
        state,
        description: "Retention of volume backups.",
        sections,
    }
}

fn sample() -> Index {
    let a = [
        section("", "Intro about snapshots."),
        section(
            "Retention period",
            "Snapshots MUST be kept. Snapshots snapshots snapshots and more snapshots; snapshots, snapshots, snapshots.",
        ),
    ];
    let b = [section(
        "Quota",
        "A tenant quota; the word lifecycle only here.",
    )];
    let mut index = Index::default();
    index.add(&input(
        "scs-0111-v1-snap",
        "scs-0111-v1",
        "Volume snapshot retention",
        "deprecated",
        &a,
    ));
    // The second document from an index of its own, appended: numbered after the first.
    let mut second = Index::default();
    second.add(&input(
        "scs-0111-v2-snap",
        "scs-0111-v2",
        "Volume snapshot retention",
        "effective",
        &b,
    ));
    index.append(second);
    index
}

#[test]
fn each_word_carries_the_best_field_it_occurs_in() {
    let index = sample();
    assert_eq!(index.postings("0111"), [(0, ID), (1, ID)]);
    // In the title of both, in the body of the first too: the title wins.
    assert_eq!(index.postings("snapshot"), [(0, TITLE), (1, TITLE)]);
    assert_eq!(
        index.postings("backups"),
        [(0, DESCRIPTION), (1, DESCRIPTION)]
    );
    assert_eq!(index.postings("retention"), [(0, TITLE), (1, TITLE)]);
    assert_eq!(index.postings("period"), [(0, HEADING)]);
    assert_eq!(index.postings("quota"), [(1, HEADING)]);
    // Body words by how often: once → 0, eight times → 3.
    assert_eq!(index.postings("lifecycle"), [(1, 0)]);
    assert_eq!(index.postings("snapshots"), [(0, 3)]);
    // Stop words are not indexed.
    assert!(index.postings("the").is_empty());
}

#[test]
fn rows_carry_the_state() {
    let index = sample();
    assert_eq!(
        index.rows(),
        [
            Row(
                "scs-0111-v1-snap".into(),
                "scs-0111-v1".into(),
                "Volume snapshot retention".into(),
                "deprecated"
            ),
            Row(
                "scs-0111-v2-snap".into(),
                "scs-0111-v2".into(),
                "Volume snapshot retention".into(),
                "effective"
            ),
        ]
    );
}

#[test]
fn postings_are_delta_coded_in_base_36() {
    assert_eq!(encode(&[(0, 7), (1, 6), (40, 0)]), "7,e,8o");
    let script = sample().to_script().unwrap();
    assert!(
        script.starts_with("window.normwerkSearchIndex={\"version\":2,\"shard\":32,"),
        "{script}"
    );
    assert!(
        script.contains(
            r#"["scs-0111-v2-snap","scs-0111-v2","Volume snapshot retention","effective"]"#
        ),
        "{script}"
    );
    // The body is not in the index.
    assert!(!script.contains("only here"), "{script}");
}

#[test]
fn the_text_script_files_the_sections_under_the_file_id() {
    let (one, two) = ([section("Part", "x </script> y")], [section("B", "z")]);
    let s = text_script([("a\"b", &one[..]), ("c", &two[..])]).unwrap();
    assert_eq!(
        s,
        "(function(t){t[\"a\\\"b\"]=[[\"part\",\"Part\",\"x </script> y\"]];t[\"c\"]=[[\"b\",\"B\",\"z\"]];})(window.normwerkSearchText=window.normwerkSearchText||{});\n"
    );
}
