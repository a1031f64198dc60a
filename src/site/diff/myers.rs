//! The diff of two sequences of strings (lines, or words): Myers' algorithm on numbers rather
//! than strings, with the items that occur on one side only set aside first.
//!
//! An item that the other side does not have can never be matched; GNU diff and git set such
//! lines aside before the search, too. Myers' time grows with the length times the differences,
//! so a much-changed pair of versions, where most lines are new, gets cheap: only the lines both
//! sides share are searched.

use similar::algorithms::{Capture, DiffHook, Replace};
use similar::{Algorithm, DiffOp, capture_diff_slices};
// FxHash: the keys are the corpus's own lines and words, and hashing them was a fifth of the
// diff pages' time with SipHash.
use rustc_hash::{FxHashMap, FxHashSet};

/// Each string as a number, equal strings the same.
pub fn interned<'a>(
    ids: &mut FxHashMap<&'a str, u32>,
    items: impl IntoIterator<Item = &'a str>,
) -> Vec<u32> {
    items
        .into_iter()
        .map(|item| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(item).or_insert(next)
        })
        .collect()
}

/// The diff of `old` and `new` (as [`interned`] numbers) as similar's operations, a deletion
/// next to an insertion joined into a replacement.
pub fn ops(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    let (old_kept, old_at) = shared(old, new);
    let (new_kept, new_at) = shared(new, old);
    let mut hook = Replace::new(Capture::new());
    // Positions in `old` and `new` up to which everything has been told to the hook.
    let (mut i, mut j) = (0, 0);
    let mut matched = |hook: &mut Replace<Capture>, o: usize, n: usize| {
        if o > i {
            let _ = hook.delete(i, o - i, j);
        }
        if n > j {
            let _ = hook.insert(o, j, n - j);
        }
        let _ = hook.equal(o, n, 1);
        (i, j) = (o + 1, n + 1);
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_kept, &new_kept) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                if let (Some(&o), Some(&n)) = (old_at.get(old_index + k), new_at.get(new_index + k))
                {
                    matched(&mut hook, o, n);
                }
            }
        }
    }
    let (i, j) = (i, j);
    if old.len() > i {
        let _ = hook.delete(i, old.len() - i, j);
    }
    if new.len() > j {
        let _ = hook.insert(old.len(), j, new.len() - j);
    }
    let _ = hook.finish();
    hook.into_inner().into_ops()
}

/// The items of `side` that `other` has too, and where each is in `side`.
fn shared(side: &[u32], other: &[u32]) -> (Vec<u32>, Vec<usize>) {
    let there: FxHashSet<u32> = other.iter().copied().collect();
    side.iter()
        .enumerate()
        .filter(|(_, id)| there.contains(id))
        .map(|(at, &id)| (id, at))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;
    use similar::DiffTag;

    fn diff(old: &str, new: &str) -> Vec<(DiffTag, usize, usize, usize, usize)> {
        let mut ids = FxHashMap::default();
        let a = interned(&mut ids, old.split(' '));
        let b = interned(&mut ids, new.split(' '));
        ops(&a, &b)
            .iter()
            .map(|op| {
                let (o, n) = (op.old_range(), op.new_range());
                (op.tag(), o.start, o.end, n.start, n.end)
            })
            .collect()
    }

    #[test]
    fn the_same_as_a_plain_diff() {
        use DiffTag::*;
        assert_eq!(
            diff("a b c d e", "a x c d y e z"),
            [
                (Equal, 0, 1, 0, 1),
                (Replace, 1, 2, 1, 2),
                (Equal, 2, 4, 2, 4),
                (Insert, 4, 4, 4, 5),
                (Equal, 4, 5, 5, 6),
                (Insert, 5, 5, 6, 7),
            ]
        );
        assert_eq!(diff("a b", "c d"), [(Replace, 0, 2, 0, 2)]);
        assert_eq!(diff("a b", "a b"), [(Equal, 0, 2, 0, 2)]);
        assert_eq!(
            diff("q a b", "a b r"),
            [
                (Delete, 0, 1, 0, 0),
                (Equal, 1, 3, 0, 2),
                (Insert, 3, 3, 2, 3)
            ]
        );
    }

    #[test]
    fn agrees_with_similar_on_what_is_kept() {
        let old = "x a y b z c a b c w";
        let new = "a q b c r a s b c";
        let kept = |ops: &[DiffOp]| -> usize {
            ops.iter()
                .filter(|op| op.tag() == DiffTag::Equal)
                .map(|op| op.old_range().len())
                .sum()
        };
        let mut ids = FxHashMap::default();
        let a = interned(&mut ids, old.split(' '));
        let b = interned(&mut ids, new.split(' '));
        assert_eq!(
            kept(&ops(&a, &b)),
            kept(&capture_diff_slices(Algorithm::Myers, &a, &b))
        );
    }
}
