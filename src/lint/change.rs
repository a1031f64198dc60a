//! The rules that judge a change (`lint --base REV`): the source folder at REV against the working
//! tree, uncommitted work included.

use super::normative::Stabilised;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::document::name::{self, Kind, NameClass};
use crate::lifecycle::BaseFile;
use crate::lifecycle::rules;
use crate::lifecycle::similarity::pair_by_similarity;
use crate::lifecycle::snapshot::Snapshot;
use crate::paths;
use crate::rules::RuleId;
use similar::TextDiff;

/// Findings of the change from `base` (the folder's files at the base revision) to `corpus`.
pub fn check(
    corpus: &Corpus,
    config: &Config,
    base: &[BaseFile],
    stabilised: &mut Stabilised<'_>,
) -> Vec<Diagnostic> {
    let profile = &config.profile;
    let mut out = Vec::new();
    let base_snaps: Vec<Snapshot> = base
        .iter()
        .map(|b| Snapshot::parse(&b.text, profile))
        .collect();
    let pair_of = pair_with_base(corpus, base);
    let mut new_primaries = Vec::new();
    for (doc, &pair) in corpus.documents.iter().zip(&pair_of) {
        let now = Snapshot::parse(&doc.text, profile);
        let Some(b) = pair else {
            if let Some(f) = rules::judge_entry(profile, &now) {
                out.push(at_status(doc, f));
            }
            if doc.name.as_ref().is_some_and(|n| n.kind == Kind::Primary) {
                new_primaries.push(doc);
            }
            number_reuse(config, base, None, doc, &mut out);
            continue;
        };
        let (Some(old_file), Some(old)) = (base.get(b), base_snaps.get(b)) else {
            continue;
        };
        changed(
            config,
            doc,
            (b, old_file, old),
            &now,
            (base, &mut *stabilised),
            &mut out,
        );
    }
    multiple_new(&new_primaries, &mut out);
    out
}

/// Each current document's version at the base: same path, else a rename (by similarity).
#[expect(
    clippy::indexing_slicing,
    reason = "indices range over `base` and `corpus.documents` (and `pair_of`, one per document); \
              pair_by_similarity returns positions in the two lists it is given"
)]
pub(super) fn pair_with_base(corpus: &Corpus, base: &[BaseFile]) -> Vec<Option<usize>> {
    let mut pair_of: Vec<Option<usize>> = corpus
        .documents
        .iter()
        .map(|d| base.iter().position(|b| b.rel_path == d.rel_path))
        .collect();
    let unpaired_base: Vec<usize> = (0..base.len())
        .filter(|i| !pair_of.contains(&Some(*i)))
        .collect();
    let unpaired_now: Vec<usize> = (0..corpus.documents.len())
        .filter(|&i| pair_of[i].is_none())
        .collect();
    if !unpaired_base.is_empty() && !unpaired_now.is_empty() {
        let old: Vec<&str> = unpaired_base
            .iter()
            .map(|&i| base[i].text.as_str())
            .collect();
        let new: Vec<&str> = unpaired_now
            .iter()
            .map(|&i| corpus.documents[i].text.as_str())
            .collect();
        for (o, n) in pair_by_similarity(&old, &new) {
            pair_of[unpaired_now[n]] = Some(unpaired_base[o]);
        }
    }
    pair_of
}

/// The rules on a document that existed at the base: its transition, `stabilized_at`, a
/// rename, an edit of a Stable body. (A successor named in `replaced_by` that is not Stable is
/// the static rule `replaced-by-not-stable`.)
fn changed(
    config: &Config,
    doc: &Document,
    (b, old_file, old): (usize, &BaseFile, &Snapshot),
    now: &Snapshot,
    (base, stabilised): (&[BaseFile], &mut Stabilised<'_>),
    out: &mut Vec<Diagnostic>,
) {
    let profile = &config.profile;
    let was_stable = old.status.as_deref() == Some(profile.statuses.stable.as_str())
        || old.field_str("stabilized_at").is_some();
    if let Some(f) = rules::judge_status(
        profile,
        old.status.as_deref(),
        now.status.as_deref(),
        was_stable,
    ) {
        out.push(at_status(doc, f));
    }
    if let Some(f) = rules::judge_stabilized_at(profile, Some(old), now, was_stable, false) {
        let span = doc.fields.stabilized_at.as_ref().map(|d| d.raw.span).or(doc
            .fields
            .status
            .as_ref()
            .map(|s| s.span));
        out.push(doc.place(f.diagnostic(), span));
    }
    if old_file.rel_path != doc.rel_path {
        renamed(config, old_file, doc, out);
        number_reuse(config, base, Some(b), doc, out);
    }
    if old.status.as_deref() == Some(profile.statuses.stable.as_str()) && old.body != now.body {
        // One line diff serves the statements' lines and the diff shown.
        let diff = crate::lifecycle::similarity::line_diff(&old.body, &now.body);
        let changed = super::normative::check(
            doc,
            (&old_file.rel_path, old),
            now,
            (stabilised, diff.as_ref()),
            out,
        );
        stable_edit(doc, (old, now), diff.as_ref(), changed, out);
    }
}

/// multiple-new-documents: a change adds at most one new primary document.
fn multiple_new(new_primaries: &[&Document], out: &mut Vec<Diagnostic>) {
    if new_primaries.len() > 1 {
        let names: Vec<&str> = new_primaries.iter().map(|d| d.file_name.as_str()).collect();
        for d in new_primaries {
            out.push(
                Diagnostic::file(
                    RuleId::MultipleNewDocuments,
                    &d.display,
                    format!(
                        "this change adds {} new documents: {}",
                        names.len(),
                        names.join(", ")
                    ),
                )
                .with_help(
                    "a proposal adds exactly one document (and its supplements): split the change",
                ),
            );
        }
    }
}

fn at_status(doc: &Document, f: Diagnostic) -> Diagnostic {
    doc.place(f, doc.fields.status.as_ref().map(|s| s.span))
}

fn renamed(config: &Config, old: &BaseFile, doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(f) = rules::judge_rename(&config.profile, &old.rel_path, &doc.rel_path) {
        out.push(f.in_file(&doc.display));
    }
    let (NameClass::Document(o), Some(n)) = (
        name::classify(paths::file_name(&old.rel_path), &config.profile.prefix),
        &doc.name,
    ) else {
        return;
    };
    if let (Some(a), Some(b)) = (o.number, n.number)
        && a != b
    {
        out.push(
            Diagnostic::file(
                RuleId::Renumbered,
                &doc.display,
                format!(
                    "renumbered from {} to {} (was `{}`)",
                    o.id(),
                    n.id(),
                    paths::file_name(&old.rel_path)
                ),
            )
            .with_help("numbers are part of links and URLs: renumber only to resolve a collision"),
        );
    }
}

/// A number and version that belonged to another document at the base.
fn number_reuse(
    config: &Config,
    base: &[BaseFile],
    own: Option<usize>,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let Some(n) = &doc.name else { return };
    if n.number.is_none() {
        return;
    }
    for (bi, b) in base.iter().enumerate() {
        let file = paths::file_name(&b.rel_path);
        let NameClass::Document(bn) = name::classify(file, &config.profile.prefix) else {
            continue;
        };
        let same_id = bn.number == n.number && bn.kind == n.kind && bn.version == n.version;
        if same_id && Some(bi) != own && b.rel_path != doc.rel_path {
            let f = rules::judge_number_reuse(&n.id(), file, " (at the base revision)");
            out.push(f.in_file(&doc.display));
        }
    }
}

/// Shows every change to a Stable document, saying whether only whitespace changed and how many
/// normative statements did (those are judged in `normative.rs`).
fn stable_edit<'a>(
    doc: &Document,
    (old, now): (&Snapshot, &Snapshot),
    diff: Option<&'a TextDiff<'a, 'a, 'a, str>>,
    statements: usize,
    out: &mut Vec<Diagnostic>,
) {
    use crate::lifecycle::similarity::{DIFF_MAX_LINES, unmatched};
    let what = if old.body.split_whitespace().eq(now.body.split_whitespace()) {
        "only whitespace and line breaks changed".to_owned()
    } else if statements == 0 {
        "no normative statement changed: check that no implementation becomes non-conforming"
            .to_owned()
    } else {
        format!("{statements} normative statement(s) changed, see the findings at their lines")
    };
    let Some(diff) = diff else {
        // Too large to diff in bounded time: the lines changed regardless of their order.
        let (removed, added) = unmatched(&old.body, &now.body);
        out.push(Diagnostic::file(
            RuleId::StableEdit,
            &doc.display,
            format!(
                "this Stable document is edited: {what} ({} line(s) added, {} removed; over \
                 {DIFF_MAX_LINES} lines, too large to show line by line)",
                added.len(),
                removed.len()
            ),
        ));
        return;
    };
    let body_start_line = doc.lines().position(&doc.text, doc.body.start).line;
    let first_changed = diff
        .ops()
        .iter()
        .find(|op| !matches!(op, similar::DiffOp::Equal { .. }))
        .map_or(body_start_line, |op| body_start_line + op.new_range().start);
    let unified = diff.unified_diff().context_radius(1).to_string();
    // Lines of the file, as the finding's position counts them, not of the body.
    let shown: String = unified
        .lines()
        .take(60)
        .map(|l| file_lines(l, old.body_offset, now.body_offset))
        .collect::<Vec<_>>()
        .join("\n");
    out.push(
        doc.diag(
            RuleId::StableEdit,
            line_span(doc, first_changed),
            format!("this Stable document is edited: {what}"),
        )
        .with_label("first changed line")
        .with_help(format!("the change:\n{shown}")),
    );
}

/// A hunk header `@@ -a,b +c,d @@` with its line numbers moved down by the lines before each
/// side's body; any other line as it is.
fn file_lines(line: &str, old_offset: usize, new_offset: usize) -> String {
    let Some(ranges) = line
        .strip_prefix("@@ ")
        .and_then(|rest| rest.strip_suffix(" @@"))
    else {
        return line.to_owned();
    };
    let moved: Vec<String> = ranges
        .split(' ')
        .map(|range| {
            let (sign, offset, rest) = match (range.strip_prefix('-'), range.strip_prefix('+')) {
                (Some(rest), _) => ("-", old_offset, rest),
                (_, Some(rest)) => ("+", new_offset, rest),
                _ => return range.to_owned(),
            };
            let (start, len) = rest
                .split_once(',')
                .map_or((rest, None), |(s, l)| (s, Some(l)));
            match start.parse::<usize>() {
                // A range of no lines starts before the line it follows: 0 stays 0 only at the top.
                Ok(n) => {
                    let n = if n == 0 && offset == 0 { 0 } else { n + offset };
                    match len {
                        Some(l) => format!("{sign}{n},{l}"),
                        None => format!("{sign}{n}"),
                    }
                }
                Err(_) => range.to_owned(),
            }
        })
        .collect();
    format!("@@ {} @@", moved.join(" "))
}

fn line_span(doc: &Document, line: usize) -> Span {
    let lines = doc.lines();
    let start = lines.line_start(line).unwrap_or(doc.text.len());
    let rest = doc.text.get(start..).unwrap_or_default();
    let line_text = rest.split('\n').next().unwrap_or(rest);
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    Span::new(start, start + line_text.len())
}
