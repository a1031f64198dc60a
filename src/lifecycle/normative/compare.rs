//! Two versions' normative statements compared: unchanged statements drop out (wherever they
//! moved), the rest are paired by the likeness of their text with the keywords masked, and each
//! change is classified and given its effect on conformance.

use super::{Keyword, Statement};
use std::collections::{HashMap, HashSet};

/// What happened to one statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementKind {
    Added,
    Removed,
    /// A stronger keyword (MAY → SHOULD → MUST), a prohibition where there was none, or a
    /// permission taken out of the statement.
    Strengthened,
    /// The reverse: a weaker keyword, a permission added, a requirement taken out.
    Relaxed,
    /// The same keywords, other words.
    Reworded,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Added => "added",
            StatementKind::Removed => "removed",
            StatementKind::Strengthened => "strengthened",
            StatementKind::Relaxed => "relaxed",
            StatementKind::Reworded => "reworded",
        }
    }
}

/// What a change can do to an implementation that conformed before it; each effect is a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A requirement added or strengthened, a permission removed: `normative-edit`.
    Breaking,
    /// A recommendation added or strengthened (never binding): `normative-recommended`.
    Recommendation,
    /// Loosened: `normative-relaxed`.
    Relaxation,
    /// The words changed, the keywords did not: `normative-reworded`.
    Rewording,
    /// Back to the text at stabilisation: `normative-restored`.
    Restoration,
}

impl Effect {
    pub const ALL: [Effect; 5] = [
        Effect::Breaking,
        Effect::Recommendation,
        Effect::Relaxation,
        Effect::Rewording,
        Effect::Restoration,
    ];

    /// The rule that reports a change with this effect.
    pub fn rule(self) -> crate::rules::RuleId {
        use crate::rules::RuleId;
        match self {
            Effect::Breaking => RuleId::NormativeEdit,
            Effect::Recommendation => RuleId::NormativeRecommended,
            Effect::Relaxation => RuleId::NormativeRelaxed,
            Effect::Rewording => RuleId::NormativeReworded,
            Effect::Restoration => RuleId::NormativeRestored,
        }
    }
}

/// One changed statement: the old and the new (one is missing for an addition or removal).
#[derive(Clone, Debug, PartialEq)]
pub struct StatementChange<'a> {
    pub kind: StatementKind,
    pub old: Option<&'a Statement>,
    pub new: Option<&'a Statement>,
    /// The change goes back to the text the document had when it became Stable.
    pub restores: bool,
}

impl StatementChange<'_> {
    pub fn effect(&self) -> Effect {
        if self.restores {
            return Effect::Restoration;
        }
        let added = |k: Keyword| {
            self.new.is_some_and(|n| n.keywords.contains(&k))
                && !self.old.is_some_and(|o| o.keywords.contains(&k))
        };
        let removed = |k: Keyword| {
            self.old.is_some_and(|o| o.keywords.contains(&k))
                && !self.new.is_some_and(|n| n.keywords.contains(&k))
        };
        let new_requirement = added(Keyword::Must) || added(Keyword::MustNot);
        // A permission that became a recommendation still permits what it did.
        let lost_permission =
            removed(Keyword::May) && !added(Keyword::Should) && !added(Keyword::ShouldNot);
        match self.kind {
            StatementKind::Added | StatementKind::Strengthened if new_requirement => {
                Effect::Breaking
            }
            StatementKind::Removed | StatementKind::Strengthened if lost_permission => {
                Effect::Breaking
            }
            StatementKind::Added if self.new.is_some_and(|n| n.level() == 1) => Effect::Relaxation,
            StatementKind::Added | StatementKind::Strengthened => Effect::Recommendation,
            StatementKind::Removed | StatementKind::Relaxed => Effect::Relaxation,
            StatementKind::Reworded => Effect::Rewording,
        }
    }
}

/// Statements closer than this (Sørensen–Dice of the masked texts) are one statement changed.
const PAIR_THRESHOLD: f64 = 0.6;

/// Above this many candidate pairs (removed × added), statements are not paired: each is an
/// addition or a removal. Bounds the time on a rewritten document; no SCS edit comes near.
const MAX_PAIRS: usize = 10_000;

/// The changes from `old` to `new`. `stabilised` holds the statements of the version that was
/// made Stable, when known: a change back to them is a restoration.
pub fn compare<'a>(
    old: &'a [Statement],
    new: &'a [Statement],
    stabilised: Option<&[Statement]>,
) -> Vec<StatementChange<'a>> {
    // Unchanged statements drop out, wherever they are.
    let mut left: HashMap<&str, usize> = HashMap::new();
    for s in old {
        *left.entry(s.text.as_str()).or_default() += 1;
    }
    let added: Vec<&Statement> = new
        .iter()
        .filter(|s| match left.get_mut(s.text.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    let removed: Vec<&Statement> = old
        .iter()
        .filter(|s| match left.get_mut(s.text.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .collect();
    let pairs = pair(&removed, &added);
    let at_stable: Option<HashSet<&str>> =
        stabilised.map(|s| s.iter().map(|s| s.text.as_str()).collect());
    let was_stable = |s: &Statement| at_stable.as_ref().map(|a| a.contains(s.text.as_str()));
    let mut out = Vec::new();
    let (mut old_paired, mut new_paired) = (HashSet::new(), HashSet::new());
    for (o, n) in pairs {
        old_paired.insert(o);
        new_paired.insert(n);
        let (Some(&o), Some(&n)) = (removed.get(o), added.get(n)) else {
            continue;
        };
        out.push(StatementChange {
            kind: classify(o, n),
            old: Some(o),
            new: Some(n),
            restores: was_stable(n) == Some(true),
        });
    }
    for (i, &o) in removed.iter().enumerate() {
        if !old_paired.contains(&i) {
            out.push(StatementChange {
                kind: StatementKind::Removed,
                old: Some(o),
                new: None,
                // Taking out what was added after stabilisation.
                restores: was_stable(o) == Some(false),
            });
        }
    }
    for (i, &n) in added.iter().enumerate() {
        if !new_paired.contains(&i) {
            out.push(StatementChange {
                kind: StatementKind::Added,
                old: None,
                new: Some(n),
                restores: was_stable(n) == Some(true),
            });
        }
    }
    out.sort_by_key(|c| c.new.or(c.old).map_or(0, |s| s.offset));
    out
}

/// Removed and added statements that are one statement changed: best pairs first.
fn pair(removed: &[&Statement], added: &[&Statement]) -> Vec<(usize, usize)> {
    if removed.len().saturating_mul(added.len()) > MAX_PAIRS {
        return Vec::new();
    }
    // Bigrams once per statement: scoring a pair is then one merge, without allocating.
    let grams_r: Vec<Vec<u64>> = removed.iter().map(|s| bigrams(&s.masked)).collect();
    let grams_a: Vec<Vec<u64>> = added.iter().map(|s| bigrams(&s.masked)).collect();
    let mut scored = Vec::new();
    for (o, r) in grams_r.iter().enumerate() {
        for (n, a) in grams_a.iter().enumerate() {
            let score = dice(r, a);
            if score >= PAIR_THRESHOLD {
                scored.push((score, o, n));
            }
        }
    }
    crate::lifecycle::similarity::best_first(scored)
}

/// The character bigrams of a text without its whitespace, sorted (as strsim's Sørensen–Dice
/// reads a text).
pub(super) fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<u64> = chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(u64::from(*a) << 32 | u64::from(*b)),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice of two sorted bigram lists: twice the shared bigrams over all of them.
pub(super) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f64 / (a.len() + b.len()) as f64
}

fn classify(old: &Statement, new: &Statement) -> StatementKind {
    if old.keywords == new.keywords {
        return StatementKind::Reworded;
    }
    let (lo, ln) = (old.level(), new.level());
    if ln != lo {
        return if ln > lo {
            StatementKind::Strengthened
        } else {
            StatementKind::Relaxed
        };
    }
    // The same strongest level, other keywords: a new keyword at that level (MUST → MUST NOT)
    // or a permission taken out strengthens; anything else loosens.
    let gained_top = new
        .keywords
        .iter()
        .any(|k| k.level() == ln && !old.keywords.contains(k));
    let lost_permission =
        old.keywords.contains(&Keyword::May) && !new.keywords.contains(&Keyword::May);
    if gained_top || lost_permission {
        StatementKind::Strengthened
    } else {
        StatementKind::Relaxed
    }
}
