//! The process's eras: a document frozen (made Stable, or Rejected) before a change of the
//! process text is judged by the rule levels of its time, so that what was then a
//! recommendation is not reported as an error (`[[profile.eras]]`).

use crate::config::{Era, EraSections, Profile};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use jiff::civil::Date;
use std::collections::HashMap;

/// The day a document was frozen: from then on its text may not change in ways that break
/// implementations. Drafts (and supplements, which are never frozen) have none.
pub fn frozen_on(doc: &Document, profile: &Profile) -> Option<Date> {
    let f = &doc.fields;
    let st = &profile.statuses;
    let date = crate::document::DateField::day;
    if f.status_is(&st.stable) || f.status_is(&st.deprecated) {
        date(&f.stabilized_at).or_else(|| date(&f.deprecated_at))
    } else if f.status_is(&st.rejected) {
        date(&f.rejected_at)
    } else {
        None
    }
}

/// The sections asked of a document frozen before an era's end: of the oldest such era that
/// names sections.
pub fn sections_of<'p>(doc: &Document, profile: &'p Profile) -> Option<(&'p Era, &'p EraSections)> {
    let day = frozen_on(doc, profile)?;
    profile
        .eras
        .iter()
        .filter(|e| day < e.until)
        .filter_map(|e| e.sections.as_ref().map(|s| (e, s)))
        .min_by_key(|(e, _)| e.until)
}

/// Why a document is judged by an older process, in a sentence.
pub fn note(doc: &Document, profile: &Profile, era: &Era) -> String {
    match frozen_on(doc, profile) {
        Some(day) => note_for(day, era),
        None => format!("judged by the process before {}: {}", era.until, era.change),
    }
}

fn note_for(day: Date, era: &Era) -> String {
    format!(
        "judged by the process of its time: frozen on {day}, before {}: {}",
        era.until, era.change
    )
}

/// For each document frozen before some era's end, the eras that apply to it (newest first, so
/// that the oldest, applied last, wins where two level the same rule).
pub struct EraLevels<'a> {
    by_file: HashMap<&'a str, (Date, Vec<&'a Era>)>,
}

impl<'a> EraLevels<'a> {
    pub fn new(corpus: &'a Corpus, profile: &'a Profile) -> EraLevels<'a> {
        let mut by_file = HashMap::new();
        if profile.eras.is_empty() {
            return EraLevels { by_file };
        }
        let mut eras: Vec<&Era> = profile.eras.iter().collect();
        eras.sort_by_key(|e| std::cmp::Reverse(e.until));
        for doc in &corpus.documents {
            let Some(day) = frozen_on(doc, profile) else {
                continue;
            };
            let applying: Vec<&Era> = eras.iter().copied().filter(|e| day < e.until).collect();
            if !applying.is_empty() {
                by_file.insert(doc.display.as_str(), (day, applying));
            }
        }
        EraLevels { by_file }
    }

    /// The era that sets this finding's level, if any, with that level (`None` is off).
    fn era_of(&self, d: &Diagnostic) -> Option<(&'a Era, Option<Severity>)> {
        let (_, eras) = self.by_file.get(d.file.as_str())?;
        eras.iter()
            .rev()
            .find_map(|e| e.rules.get(d.rule.as_str()).map(|l| (*e, l.severity())))
    }

    /// The level of a finding before the configuration speaks.
    pub fn default_level(&self, d: &Diagnostic) -> Option<Severity> {
        match self.era_of(d) {
            Some((_, level)) => level,
            None => Some(d.rule.default_severity()),
        }
    }

    /// Says, in the help of each finding an era re-levels, why its level differs (unless the
    /// configuration sets the level itself: `configured(finding)`).
    pub fn explain(&self, all: &mut [Diagnostic], configured: impl Fn(&Diagnostic) -> bool) {
        for d in all {
            let Some((era, _)) = self.era_of(d) else {
                continue;
            };
            if configured(d) {
                continue;
            }
            let Some((day, _)) = self.by_file.get(d.file.as_str()) else {
                continue;
            };
            let note = note_for(*day, era);
            d.help = Some(match d.help.take() {
                Some(h) => format!("{h}\n{note}"),
                None => note,
            });
        }
    }
}
