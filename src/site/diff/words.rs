//! Which words of a few replaced lines changed: the emphasis inside a changed line of a diff.
//!
//! The words (runs of whitespace and of other characters) of the old lines and of the new are
//! diffed with Myers' algorithm on interned ids (similar's own in-line diff uses Patience on the
//! strings, and was a tenth of a 10,000-document build).

use rustc_hash::FxHashMap;
use similar::DiffTag;

/// A line as runs of text, each emphasized (changed) or not.
pub type Runs<'a> = Vec<(bool, &'a str)>;

/// More words than this in one replaced block get no emphasis: the diff's time grows with the
/// words times the differences.
const MAX_WORDS: usize = 4_000;

/// Emphasis only where at least half of the words (spaces not counted) are kept; below that it
/// marks nearly everything and helps no one (similar's rule, too, with the spaces).
const MIN_KEPT: f32 = 0.5;

/// The runs of each old line and of each new line, or `None` when the lines share too little
/// (or are too long) for word emphasis.
pub fn emphasis<'a>(old: &[&'a str], new: &[&'a str]) -> Option<(Vec<Runs<'a>>, Vec<Runs<'a>>)> {
    let (old_words, new_words) = (words(old), words(new));
    if old_words.len() + new_words.len() > MAX_WORDS {
        return None;
    }
    let mut ids =
        FxHashMap::with_capacity_and_hasher(old_words.len() + new_words.len(), Default::default());
    let a = super::myers::interned(&mut ids, old_words.iter().map(|w| w.text));
    let b = super::myers::interned(&mut ids, new_words.iter().map(|w| w.text));
    // What counts is words, not the spaces between them, which every line shares.
    let total = old_words
        .iter()
        .chain(&new_words)
        .filter(|w| w.is_word())
        .count();
    // The words both sides have, counted with repeats, bound what the diff can keep: where even
    // they fall short, the diff (the costly part) is not run. The answer is the same.
    let mut count = vec![0u32; ids.len()];
    for (_, &id) in old_words.iter().zip(&a).filter(|(w, _)| w.is_word()) {
        if let Some(c) = count.get_mut(id as usize) {
            *c += 1;
        }
    }
    let mut common = 0;
    for (_, &id) in new_words.iter().zip(&b).filter(|(w, _)| w.is_word()) {
        if let Some(c) = count.get_mut(id as usize).filter(|c| **c > 0) {
            *c -= 1;
            common += 1;
        }
    }
    if !enough(common, total) {
        return None;
    }
    let ops = super::myers::ops(&a, &b);
    let mut old_changed = vec![true; a.len()];
    let mut new_changed = vec![true; b.len()];
    let mut kept = 0;
    for op in &ops {
        if op.tag() == DiffTag::Equal {
            kept += old_words
                .get(op.old_range())
                .unwrap_or_default()
                .iter()
                .filter(|w| w.is_word())
                .count();
            for flag in old_changed.get_mut(op.old_range()).into_iter().flatten() {
                *flag = false;
            }
            for flag in new_changed.get_mut(op.new_range()).into_iter().flatten() {
                *flag = false;
            }
        }
    }
    if !enough(kept, total) {
        return None;
    }
    Some((
        runs(old, &old_words, &old_changed),
        runs(new, &new_words, &new_changed),
    ))
}

/// Whether `kept` of the `total` words of both sides are enough for emphasis ([`MIN_KEPT`]).
fn enough(kept: usize, total: usize) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "a ratio of word counts")]
    let ratio = 2.0 * kept as f32 / total.max(1) as f32;
    ratio >= MIN_KEPT
}

/// A word: its line, and where it is in that line.
#[derive(Clone, Copy)]
struct Word<'a> {
    line: usize,
    start: usize,
    text: &'a str,
}

impl Word<'_> {
    /// A word, not the white space between words.
    fn is_word(&self) -> bool {
        !self.text.starts_with(char::is_whitespace)
    }
}

/// The words of each line: runs of whitespace and runs of anything else.
fn words<'a>(lines: &[&'a str]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for (line, text) in lines.iter().enumerate() {
        let mut start = 0;
        let mut space = None;
        for (at, c) in text.char_indices() {
            let is_space = c.is_whitespace();
            if space.is_some_and(|s| s != is_space) {
                out.extend(text.get(start..at).map(|w| Word {
                    line,
                    start,
                    text: w,
                }));
                start = at;
            }
            space = Some(is_space);
        }
        out.extend(text.get(start..).filter(|w| !w.is_empty()).map(|w| Word {
            line,
            start,
            text: w,
        }));
    }
    out
}

/// Adjacent words of one line with the same emphasis joined into one run.
fn runs<'a>(lines: &[&'a str], words: &[Word<'a>], changed: &[bool]) -> Vec<Runs<'a>> {
    // Per line: (emphasis, start, end) of each run, then the text of each.
    let mut spans: Vec<Vec<(bool, usize, usize)>> = vec![Vec::new(); lines.len()];
    for (w, &flag) in words.iter().zip(changed) {
        let Some(line) = spans.get_mut(w.line) else {
            continue;
        };
        let end = w.start + w.text.len();
        match line.last_mut() {
            Some(run) if run.0 == flag => run.2 = end,
            _ => line.push((flag, w.start, end)),
        }
    }
    spans
        .iter()
        .zip(lines)
        .map(|(line, text)| {
            line.iter()
                .filter_map(|&(flag, start, end)| Some((flag, text.get(start..end)?)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_emphasized() {
        let (old, new) = emphasis(
            &["Providers MUST keep backups for 30 days."],
            &["Providers MUST keep backups for 7 days."],
        )
        .expect("emphasis");
        assert_eq!(
            new[0],
            [
                (false, "Providers MUST keep backups for "),
                (true, "7"),
                (false, " days.")
            ]
        );
        assert_eq!(old[0][1], (true, "30"));
    }

    #[test]
    fn unrelated_lines_get_no_emphasis() {
        assert!(emphasis(&["alpha beta gamma"], &["one two three four"]).is_none());
    }

    #[test]
    fn words_across_lines_keep_their_line() {
        let (old, new) = emphasis(&["a b", "c d"], &["a b", "c e"]).expect("emphasis");
        assert_eq!(old[0], [(false, "a b")]);
        assert_eq!(new[1], [(false, "c "), (true, "e")]);
    }
}
