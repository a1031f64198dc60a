//! Diff pages between consecutive versions of a standard: a line diff with in-line word
//! highlights, normative lines (RFC 2119 keywords) marked.

use crate::lifecycle::normative::is_normative;
mod myers;
mod words;

use crate::lifecycle::similarity::DIFF_MAX_LINES;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use similar::{DiffTag, group_diff_ops};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// `equal`, `insert`, `delete`, or `skip` (unchanged lines left out between hunks).
    pub kind: &'static str,
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    /// Escaped HTML; changed words inside a changed line are wrapped in `<mark>`.
    pub html: String,
    pub normative: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffStats {
    /// Fewer than three in ten lines were kept: no line diff is shown.
    pub rewritten: bool,
    pub added: usize,
    pub removed: usize,
    pub normative_added: usize,
    pub normative_removed: usize,
}

/// A text made ready for the diffs it takes part in (each version of a standard is diffed with
/// every other): its lines, their numbers in a numbering shared with the texts it is compared
/// with, and what a rewritten pair's summary counts.
#[derive(Debug)]
pub struct Text<'a> {
    lines: Vec<&'a str>,
    ids: Vec<u32>,
    /// Non-blank lines.
    content: usize,
    /// Lines with an RFC 2119 keyword.
    normative: usize,
}

impl<'a> Text<'a> {
    /// Each of `texts`, their lines numbered alike.
    pub fn prepare(texts: &[&'a str]) -> Vec<Text<'a>> {
        let mut numbers = FxHashMap::default();
        texts
            .iter()
            .map(|text| {
                let lines: Vec<&str> = text.lines().collect();
                Text {
                    ids: myers::interned(&mut numbers, lines.iter().copied()),
                    content: lines.iter().filter(|l| !l.trim().is_empty()).count(),
                    normative: lines.iter().filter(|l| is_normative(l)).count(),
                    lines,
                }
            })
            .collect()
    }
}

/// The diff of two texts, with three lines of context around each change.
pub fn diff_lines(old: &str, new: &str) -> (Vec<DiffLine>, DiffStats) {
    match Text::prepare(&[old, new]).as_slice() {
        [old, new] => diff_texts(old, new),
        _ => (Vec::new(), DiffStats::default()),
    }
}

/// The diff of two texts [prepared](Text::prepare) together.
pub fn diff_texts(old: &Text<'_>, new: &Text<'_>) -> (Vec<DiffLine>, DiffStats) {
    let mut lines = Vec::new();
    let mut stats = DiffStats::default();
    let (old_lines, new_lines) = (&old.lines, &new.lines);
    let (a, b) = (&old.ids, &new.ids);
    // A rewritten text (fewer than three in ten non-blank lines kept) gets no line diff: it would
    // list every line twice, and unrelated texts are the slowest case of Myers' algorithm.
    // Versions too large for a line diff in bounded time are shown as rewritten, too.
    let old_set: FxHashSet<u32> = a.iter().copied().collect();
    let kept = new_lines
        .iter()
        .zip(b)
        .filter(|(l, id)| !l.trim().is_empty() && old_set.contains(id))
        .count();
    let diffable = old_lines.len() < DIFF_MAX_LINES && new_lines.len() < DIFF_MAX_LINES;
    if !diffable || kept * 10 < old.content.max(new.content) * 3 {
        stats.rewritten = true;
        stats.removed = old_lines.len();
        stats.normative_removed = old.normative;
        stats.added = new_lines.len();
        stats.normative_added = new.normative;
        return (lines, stats);
    }
    let ops = myers::ops(a, b);
    let mut push = |tag, old_index, new_index, html, text: &str| {
        push_line(
            &mut lines, &mut stats, tag, old_index, new_index, html, text,
        );
    };
    for (i, group) in group_diff_ops(ops, 3).iter().enumerate() {
        if i > 0 {
            push(Kind::Skip, None, None, "…".to_owned(), "");
        }
        for op in group {
            let (old_range, new_range) = (op.old_range(), op.new_range());
            let old_part = old_lines.get(old_range.clone()).unwrap_or_default();
            let new_part = new_lines.get(new_range.clone()).unwrap_or_default();
            if op.tag() == DiffTag::Equal {
                for ((o, n), text) in old_range.zip(new_range).zip(old_part) {
                    push(Kind::Equal, Some(o), Some(n), escape(text), text);
                }
                continue;
            }
            // Word highlights only where a few lines were replaced by a few others: across a
            // rewritten section they are noise, and expensive.
            let inline =
                (op.tag() == DiffTag::Replace && old_part.len() <= 8 && new_part.len() <= 8)
                    .then(|| words::emphasis(old_part, new_part))
                    .flatten();
            match inline {
                Some((old_runs, new_runs)) => {
                    for ((o, runs), text) in old_range.zip(&old_runs).zip(old_part) {
                        push(Kind::Delete, Some(o), None, marked(runs), text);
                    }
                    for ((n, runs), text) in new_range.zip(&new_runs).zip(new_part) {
                        push(Kind::Insert, None, Some(n), marked(runs), text);
                    }
                }
                None => {
                    for (o, text) in old_range.zip(old_part) {
                        push(Kind::Delete, Some(o), None, escape(text), text);
                    }
                    for (n, text) in new_range.zip(new_part) {
                        push(Kind::Insert, None, Some(n), escape(text), text);
                    }
                }
            }
        }
    }
    (lines, stats)
}

/// The kinds of line of a diff.
#[derive(Clone, Copy)]
enum Kind {
    Equal,
    Insert,
    Delete,
    Skip,
}

/// A line's runs as HTML, the changed ones in `<mark>`.
fn marked(runs: &words::Runs<'_>) -> String {
    let mut html = String::new();
    for &(emphasized, text) in runs {
        if emphasized {
            html.push_str("<mark>");
            html_escape::encode_text_to_string(text, &mut html);
            html.push_str("</mark>");
        } else {
            html_escape::encode_text_to_string(text, &mut html);
        }
    }
    html
}

fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

fn push_line(
    lines: &mut Vec<DiffLine>,
    stats: &mut DiffStats,
    tag: Kind,
    old_index: Option<usize>,
    new_index: Option<usize>,
    html: String,
    text: &str,
) {
    let normative = is_normative(text);
    let kind = match tag {
        Kind::Equal => "equal",
        Kind::Skip => "skip",
        Kind::Insert => {
            stats.added += 1;
            stats.normative_added += usize::from(normative);
            "insert"
        }
        Kind::Delete => {
            stats.removed += 1;
            stats.normative_removed += usize::from(normative);
            "delete"
        }
    };
    lines.push(DiffLine {
        kind,
        old_line: old_index.map(|i| i + 1),
        new_line: new_index.map(|i| i + 1),
        html,
        normative,
    });
}

/// One row of the side-by-side table: the old line on the left, the new on the right. Equal
/// lines stand on both sides; a run of deleted lines is paired with the run of inserted lines
/// that follows it; `skip` rows mark left-out unchanged lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row<'a> {
    /// `equal`, `change` or `skip`.
    pub kind: &'static str,
    pub old: Option<&'a DiffLine>,
    pub new: Option<&'a DiffLine>,
}

/// The lines of a unified diff as side-by-side rows.
pub fn rows(lines: &[DiffLine]) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        match l.kind {
            "delete" | "insert" => {
                let rest = lines.get(i..).unwrap_or_default();
                let deleted: Vec<&DiffLine> =
                    rest.iter().take_while(|l| l.kind == "delete").collect();
                let inserted: Vec<&DiffLine> = rest
                    .iter()
                    .skip(deleted.len())
                    .take_while(|l| l.kind == "insert")
                    .collect();
                i += deleted.len() + inserted.len();
                for k in 0..deleted.len().max(inserted.len()) {
                    out.push(Row {
                        kind: "change",
                        old: deleted.get(k).copied(),
                        new: inserted.get(k).copied(),
                    });
                }
            }
            kind => {
                out.push(Row {
                    kind,
                    old: Some(l),
                    new: Some(l),
                });
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_pair_with_the_insertions_that_follow() {
        let (lines, _) = diff_lines("a\nb\nc\nd\n", "a\nB\nc\nx\ny\n");
        let kinds: Vec<(&str, Option<usize>, Option<usize>)> = rows(&lines)
            .iter()
            .map(|r| {
                (
                    r.kind,
                    r.old.and_then(|l| l.old_line),
                    r.new.and_then(|l| l.new_line),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("equal", Some(1), Some(1)),
                ("change", Some(2), Some(2)),
                ("equal", Some(3), Some(3)),
                ("change", Some(4), Some(4)),
                ("change", None, Some(5)),
            ]
        );
    }

    #[test]
    fn a_rewritten_text_gets_no_line_diff() {
        let (lines, stats) = diff_lines("a\nb\nc\n", "x\ny\n");
        assert_eq!((stats.added, stats.removed, stats.rewritten), (2, 3, true));
        assert!(lines.is_empty());
    }

    #[test]
    fn words_are_highlighted_and_normative_lines_marked() {
        let old = "Intro.\nProviders MUST keep backups for 30 days.\nEnd.\n";
        let new = "Intro.\nProviders MUST keep backups for 7 days.\nEnd <b>.\n";
        let (lines, stats) = diff_lines(old, new);
        assert_eq!(
            stats,
            DiffStats {
                rewritten: false,
                added: 2,
                removed: 2,
                normative_added: 1,
                normative_removed: 1
            }
        );
        let inserted: Vec<&DiffLine> = lines.iter().filter(|l| l.kind == "insert").collect();
        assert!(inserted[0].normative);
        assert!(
            inserted[0].html.contains("<mark>7</mark>"),
            "{}",
            inserted[0].html
        );
        assert!(
            inserted[1].html.contains("&lt;b&gt;"),
            "{}",
            inserted[1].html
        );
        assert_eq!(inserted[0].new_line, Some(2));
    }
}
