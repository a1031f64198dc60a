#![allow(clippy::string_slice, reason = "test code: a panic is a test failure")]

use super::*;

fn texts(body: &str) -> Vec<String> {
    statements(body).into_iter().map(|s| s.text).collect()
}

/// The kinds and effects of the changes from `old` to `new`.
fn changes(old: &str, new: &str, stabilised: Option<&str>) -> Vec<(StatementKind, Effect)> {
    let (o, n) = (statements(old), statements(new));
    let s = stabilised.map(statements);
    compare(&o, &n, s.as_deref())
        .iter()
        .map(|c| (c.kind, c.effect()))
        .collect()
}

#[test]
fn sentences_with_keywords_are_statements() {
    let body = "# Scope\n\nThis is prose. Providers MUST keep logs.\nUsers MAY read them. Done.\n";
    assert_eq!(
        texts(body),
        ["Providers MUST keep logs.", "Users MAY read them."]
    );
    let s = statements(body);
    assert_eq!(s[0].keywords, [Keyword::Must]);
    assert_eq!(s[0].masked, "Providers § keep logs.");
    // The offset points at the line the sentence starts on.
    assert_eq!(
        body[s[1].offset..].lines().next(),
        Some("Users MAY read them. Done.")
    );
}

#[test]
fn keywords_are_upper_case_whole_words_with_their_synonyms() {
    let kw = |t: &str| keywords(t).0;
    assert_eq!(kw("It MUST NOT fail."), [Keyword::MustNot]);
    assert_eq!(kw("It is FORBIDDEN."), [Keyword::MustNot]);
    assert_eq!(kw("It SHALL NOT fail."), [Keyword::MustNot]);
    assert_eq!(kw("It is NOT RECOMMENDED."), [Keyword::ShouldNot]);
    assert_eq!(
        kw("It is REQUIRED; x is OPTIONAL."),
        [Keyword::May, Keyword::Must]
    );
    assert!(kw("It must be lower case, MAYBE not, MUSTARD, NOT really.").is_empty());
    assert_eq!(keywords("Ça MUST être").1, "Ça § être");
}

#[test]
fn a_reflow_whitespace_or_emphasis_change_is_the_same_statement() {
    let old = "Providers MUST keep\nlogs for 30 days.\n";
    for new in [
        "Providers MUST keep logs\nfor 30 days.\n",
        "Providers   MUST keep logs for 30 days.\n",
        "Providers **MUST** keep _logs_ for 30 days.\n",
        "Providers MUST keep `logs` for 30 days.\n",
    ] {
        assert_eq!(texts(old), texts(new), "{new}");
        assert!(changes(old, new, None).is_empty(), "{new}");
    }
}

#[test]
fn table_rows_and_list_items() {
    let body = "| key | rule |\n| --- | --- |\n| `a` | MUST be set |\n| `b` | free |\n\n\
                - first item MAY apply\n- second item\n  - nested SHOULD apply\n";
    assert_eq!(
        texts(body),
        [
            "a | MUST be set |",
            "first item MAY apply",
            "nested SHOULD apply"
        ]
    );
}

#[test]
fn keywords_in_code_blocks_are_not_statements() {
    let body = "```\nX MUST be\n```\n\n    Y MUST be\n\nNothing here.\n";
    assert!(texts(body).is_empty());
}

#[test]
fn link_targets_are_part_of_the_statement() {
    let a = texts("Clouds MUST follow [the spec](https://a.example/v1).\n");
    let b = texts("Clouds MUST follow [the spec](https://a.example/v2).\n");
    assert_ne!(a, b);
    // A link added to a sentence is a rewording of it, not a new statement.
    let plain = "Clouds MUST follow the spec.\n";
    let linked = "Clouds MUST follow [the spec](https://a.example/v1).\n";
    assert_eq!(
        changes(plain, linked, None),
        [(StatementKind::Reworded, Effect::Rewording)]
    );
    assert_eq!(without_targets("a <x://y> b <= c >"), "a  b <= c >");
}

const MUST: &str = "Providers MUST keep logs for 30 days.\n";

#[test]
fn must_to_should_is_relaxed() {
    let new = MUST.replace("MUST", "SHOULD");
    assert_eq!(
        changes(MUST, &new, None),
        [(StatementKind::Relaxed, Effect::Relaxation)]
    );
}

#[test]
fn should_to_must_is_strengthened_and_breaking() {
    let old = MUST.replace("MUST", "SHOULD");
    assert_eq!(
        changes(&old, MUST, None),
        [(StatementKind::Strengthened, Effect::Breaking)]
    );
    // MAY → SHOULD strengthens, but a recommendation binds nobody.
    let may = MUST.replace("MUST", "MAY");
    assert_eq!(
        changes(&may, &old, None),
        [(StatementKind::Strengthened, Effect::Recommendation)]
    );
    // MUST → MUST NOT inverts a requirement.
    let not = MUST.replace("MUST", "MUST NOT");
    assert_eq!(
        changes(MUST, &not, None),
        [(StatementKind::Strengthened, Effect::Breaking)]
    );
}

#[test]
fn additions_and_removals() {
    let base = "Intro text.\n\nUsers MAY export data.\n";
    let with_must = format!("{base}\nProviders MUST encrypt disks.\n");
    assert_eq!(
        changes(base, &with_must, None),
        [(StatementKind::Added, Effect::Breaking)]
    );
    assert_eq!(
        changes(&with_must, base, None),
        [(StatementKind::Removed, Effect::Relaxation)]
    );
    // The permission removed.
    assert_eq!(
        changes(base, "Intro text.\n", None),
        [(StatementKind::Removed, Effect::Breaking)]
    );
    let with_should = format!("{base}\nProviders SHOULD encrypt disks.\n");
    assert_eq!(
        changes(base, &with_should, None),
        [(StatementKind::Added, Effect::Recommendation)]
    );
}

#[test]
fn other_words_with_the_same_keywords_are_reworded() {
    let new = MUST.replace("30 days", "7 days");
    assert_eq!(
        changes(MUST, &new, None),
        [(StatementKind::Reworded, Effect::Rewording)]
    );
}

#[test]
fn going_back_to_the_stabilised_text_is_a_restoration() {
    let stabilised = MUST;
    let edited = MUST.replace("30 days", "7 days");
    // Back from the edit.
    assert_eq!(
        changes(&edited, MUST, Some(stabilised)),
        [(StatementKind::Reworded, Effect::Restoration)]
    );
    // A requirement added after stabilisation taken out again.
    let added = format!("{MUST}\nProviders MUST encrypt disks.\n");
    assert_eq!(
        changes(&added, MUST, Some(stabilised)),
        [(StatementKind::Removed, Effect::Restoration)]
    );
    // Without the stabilised text, the same edit is judged on its own.
    assert_eq!(
        changes(&edited, MUST, None),
        [(StatementKind::Reworded, Effect::Rewording)]
    );
}

#[test]
fn moved_statements_are_unchanged_and_unrelated_ones_are_not_paired() {
    let old = "A MUST hold.\n\nB MUST hold too.\n";
    let new = "B MUST hold too.\n\nA MUST hold.\n";
    assert!(changes(old, new, None).is_empty());
    let other = "Completely different wording about SHOULD routers.\n";
    let kinds: Vec<StatementKind> = changes("A MUST hold.\n", other, None)
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(kinds, [StatementKind::Removed, StatementKind::Added]);
}

#[test]
fn dice_agrees_with_strsim() {
    // On ASCII only: strsim divides by byte lengths.
    for (a, b) in [
        (
            "Providers X keep logs for 30 days.",
            "Providers X keep logs for 7 days.",
        ),
        ("A X hold.", "Completely different wording about X routers."),
        ("aX b", "aX b"),
    ] {
        let ours = compare::dice(&compare::bigrams(a), &compare::bigrams(b));
        assert!(
            (ours - strsim::sorensen_dice(a, b)).abs() < 1e-9,
            "{a} / {b}"
        );
    }
}

#[test]
fn normative_lines() {
    assert!(is_normative("Providers MUST NOT do this."));
    assert!(is_normative("| `x` | FORBIDDEN |"));
    assert!(is_normative("It MAY be used."));
    assert!(!is_normative("This must be lower case."));
    assert!(!is_normative("MAYBE not, MUSTARD"));
}

proptest::proptest! {
    /// The quick test for a capital pair never hides a keyword: a line is normative exactly
    /// when one of its words (split at anything but ASCII letters and digits) is a keyword.
    #[test]
    fn normative_lines_are_those_with_a_keyword_word(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "MUST", "SHALL", "REQUIRED", "FORBIDDEN", "SHOULD", "RECOMMENDED", "MAY",
                "OPTIONAL", "NOT", "Must", "MUSTARD", "OK", "SOME", "RO", "ä", "x", "1", "MAYä",
            ]),
            0..8,
        ),
        seps in proptest::collection::vec(
            proptest::sample::select(vec![" ", "", "-", "|", "`", "é", "\t"]),
            8,
        ),
    ) {
        let line: String = words
            .iter()
            .zip(&seps)
            .flat_map(|(w, s)| [*w, *s])
            .collect();
        let expected = line
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| keyword_of(w).is_some());
        proptest::prop_assert_eq!(is_normative(&line), expected, "{}", line);
    }
}
