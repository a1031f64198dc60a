//! How alike two versions of a document are: rename pairing by the share of lines kept, and the
//! line counts of a body change.

use super::Change;
use super::snapshot::is_normative;

/// Pairs old and new texts that are the same document renamed: at least half of the lines kept,
/// best pairs first, each text in at most one pair. Returns (old index, new index).
pub fn pair_by_similarity<S: AsRef<str>>(old: &[S], new: &[S]) -> Vec<(usize, usize)> {
    let mut scored = Vec::new();
    for (o, ot) in old.iter().enumerate() {
        for (n, nt) in new.iter().enumerate() {
            let ratio = similar::TextDiff::from_lines(ot.as_ref(), nt.as_ref()).ratio();
            if ratio >= 0.5 {
                scored.push((ratio, o, n));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut used_o, mut used_n) = (Vec::new(), Vec::new());
    let mut pairs = Vec::new();
    for (_, o, n) in scored {
        if !used_o.contains(&o) && !used_n.contains(&n) {
            used_o.push(o);
            used_n.push(n);
            pairs.push((o, n));
        }
    }
    pairs
}

/// Line changes of the body, and how many of them are normative.
pub fn body_change(old: &str, new: &str) -> Change {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed, mut n_added, mut n_removed) = (0, 0, 0, 0);
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
    let ratio = similar::TextDiff::from_lines(old, new).ratio();
    (ratio * 100.0).round().clamp(0.0, 100.0) as u8
}
