//! How alike two versions of a document are: rename pairing by the share of lines kept, and the
//! line counts of a body change.

use super::Change;
use super::normative::is_normative;
use similar::TextDiff;

/// Versions with more lines than this are not diffed line by line. Myers' diff takes time in
/// proportion to the lines times the differences, which a crafted pair of versions (alternating
/// lines) makes quadratic: 37,000 short lines took 10 s. A bound in lines, not a timeout, keeps
/// every output reproducible; SCS documents have a few hundred lines.
pub const DIFF_MAX_LINES: usize = 5_000;

/// Whether two texts are small enough for a line diff ([`DIFF_MAX_LINES`]).
fn diffable(old: &str, new: &str) -> bool {
    let lines = |t: &str| t.bytes().filter(|&b| b == b'\n').count();
    lines(old) < DIFF_MAX_LINES && lines(new) < DIFF_MAX_LINES
}

/// The line diff of two texts, or `None` when they are too large to diff in bounded time: the
/// one way to a line diff, so that no caller forgets the bound.
pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Option<TextDiff<'a, 'a, 'a, str>> {
    diffable(old, new).then(|| TextDiff::from_lines(old, new))
}

/// The lines of `old` not matched by an equal line of `new` and those of `new` not matched in
/// `old`: a diff that ignores order, in linear time, for texts too large to diff.
pub fn unmatched<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut count: std::collections::HashMap<&str, isize> = std::collections::HashMap::new();
    for l in old.lines() {
        *count.entry(l).or_default() += 1;
    }
    let mut added = Vec::new();
    for l in new.lines() {
        match count.get_mut(l) {
            Some(c) if *c > 0 => *c -= 1,
            _ => added.push(l),
        }
    }
    let mut removed = Vec::new();
    for l in old.lines() {
        if let Some(c) = count.get_mut(l)
            && *c > 0
        {
            *c -= 1;
            removed.push(l);
        }
    }
    (removed, added)
}

/// The share of lines two texts have in common, 0–1 (the diff's ratio, or for texts too large
/// to diff, the share of lines matched regardless of order).
fn ratio(old: &str, new: &str) -> f32 {
    if let Some(diff) = line_diff(old, new) {
        return diff.ratio();
    }
    let (removed, added) = unmatched(old, new);
    let total = old.lines().count() + new.lines().count();
    if total == 0 {
        return 1.0;
    }
    let kept = total - removed.len() - added.len();
    kept as f32 / total as f32
}

/// Pairs old and new texts that are the same document renamed: at least half of the lines kept,
/// best pairs first, each text in at most one pair. Returns (old index, new index).
pub fn pair_by_similarity<S: AsRef<str>>(old: &[S], new: &[S]) -> Vec<(usize, usize)> {
    let mut scored = Vec::new();
    for (o, ot) in old.iter().enumerate() {
        for (n, nt) in new.iter().enumerate() {
            let ratio = ratio(ot.as_ref(), nt.as_ref());
            if ratio >= 0.5 {
                scored.push((f64::from(ratio), o, n));
            }
        }
    }
    best_first(scored)
}

/// Greedy matching of scored candidate pairs `(score, old, new)`: best scores first, each side
/// in at most one pair. Returns (old index, new index).
pub fn best_first(mut scored: Vec<(f64, usize, usize)>) -> Vec<(usize, usize)> {
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut used_o, mut used_n) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    let mut pairs = Vec::new();
    for (_, o, n) in scored {
        if !used_o.contains(&o) && !used_n.contains(&n) {
            used_o.insert(o);
            used_n.insert(n);
            pairs.push((o, n));
        }
    }
    pairs
}

/// Line changes of the body, and how many of them are normative.
pub fn body_change(old: &str, new: &str) -> Change {
    let (mut added, mut removed, mut n_added, mut n_removed) = (0, 0, 0, 0);
    let Some(diff) = line_diff(old, new) else {
        let (gone, new_lines) = unmatched(old, new);
        return Change::BodyChanged {
            lines_added: new_lines.len(),
            lines_removed: gone.len(),
            normative_added: new_lines.iter().filter(|l| is_normative(l)).count(),
            normative_removed: gone.iter().filter(|l| is_normative(l)).count(),
        };
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => {
                added += 1;
                n_added += usize::from(is_normative(change.value()));
            }
            similar::ChangeTag::Delete => {
                removed += 1;
                n_removed += usize::from(is_normative(change.value()));
            }
            similar::ChangeTag::Equal => {}
        }
    }
    Change::BodyChanged {
        lines_added: added,
        lines_removed: removed,
        normative_added: n_added,
        normative_removed: n_removed,
    }
}

/// Share of the lines of two bodies that are kept, 0–100.
pub fn of_bodies(old: &str, new: &str) -> u8 {
    (ratio(old, new) * 100.0).round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod bounded_tests {
    use super::*;

    #[test]
    fn versions_too_large_to_diff_are_compared_by_their_lines() {
        let old = "a\nb\n".repeat(DIFF_MAX_LINES);
        let new = format!(
            "{}The provider MUST log.\n",
            "b\na\n".repeat(DIFF_MAX_LINES)
        );
        assert!(!diffable(&old, &new));
        assert_eq!(of_bodies(&old, &new), 100);
        let Change::BodyChanged {
            lines_added,
            lines_removed,
            normative_added,
            ..
        } = body_change(&old, &new)
        else {
            panic!("a body change");
        };
        assert_eq!((lines_added, lines_removed, normative_added), (1, 0, 1));
    }
}
