//! The rules that judge a change (`lint --base REV`): the source folder at REV against the working
//! tree, uncommitted work included.

use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::document::name::{self, Kind, NameClass};
use crate::lifecycle::BaseFile;
use crate::lifecycle::rules;
use crate::lifecycle::similarity::pair_by_similarity;
use crate::lifecycle::snapshot::{Snapshot, is_normative};
use crate::paths;
use crate::rules::RuleId;
use similar::{ChangeTag, TextDiff};

/// Findings of the change from `base` (the folder's files at the base revision) to `corpus`.
pub fn check(corpus: &Corpus, config: &Config, base: &[BaseFile]) -> Vec<Diagnostic> {
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
        changed(config, doc, (b, old_file, old), &now, base, &mut out);
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
fn pair_with_base(corpus: &Corpus, base: &[BaseFile]) -> Vec<Option<usize>> {
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
    base: &[BaseFile],
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
        stable_edit(doc, old, now, out);
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

/// Shows every change to a Stable document; normative lines are errors.
fn stable_edit(doc: &Document, old: &Snapshot, now: &Snapshot, out: &mut Vec<Diagnostic>) {
    use crate::lifecycle::similarity::{DIFF_MAX_LINES, diffable, unmatched};
    if !diffable(&old.body, &now.body) {
        // Too large to diff in bounded time: the lines changed regardless of their order.
        let (removed, added) = unmatched(&old.body, &now.body);
        out.push(Diagnostic::file(
            RuleId::StableEdit,
            &doc.display,
            format!(
                "a Stable document was edited: {} line(s) added, {} removed (over \
                 {DIFF_MAX_LINES} lines, too large to show line by line)",
                added.len(),
                removed.len()
            ),
        ));
        let normative = added
            .iter()
            .chain(&removed)
            .filter(|l| crate::lifecycle::snapshot::is_normative(l))
            .count();
        if normative > 0 {
            out.push(Diagnostic::file(
                RuleId::NormativeEdit,
                &doc.display,
                format!("{normative} normative line(s) of a Stable document were added or removed"),
            ));
        }
        return;
    }
    let diff = TextDiff::from_lines(&old.body, &now.body);
    let body_start_line = doc.lines().position(&doc.text, doc.body.start).line;
    let mut first_changed: Option<usize> = None;
    let mut new_line = 0usize;
    // Per line of the new text: a normative line added there, and normative lines removed there.
    let mut normative_at: std::collections::BTreeMap<usize, (bool, Vec<String>)> =
        Default::default();
    for change in diff.iter_all_changes() {
        let line = body_start_line + new_line;
        match change.tag() {
            ChangeTag::Equal => new_line += 1,
            ChangeTag::Insert => {
                first_changed.get_or_insert(line);
                if is_normative(change.value()) {
                    normative_at.entry(line).or_default().0 = true;
                }
                new_line += 1;
            }
            ChangeTag::Delete => {
                first_changed.get_or_insert(line);
                if is_normative(change.value()) {
                    normative_at
                        .entry(line)
                        .or_default()
                        .1
                        .push(change.value().trim_end().to_owned());
                }
            }
        }
    }
    for (line, (added, removed)) in normative_at {
        let message = match (added, removed.is_empty()) {
            (true, false) => "a normative line of a Stable document changed",
            (true, true) => "a normative line added to a Stable document",
            (false, _) => "a normative line removed from a Stable document",
        };
        let mut d = doc
            .diag(RuleId::NormativeEdit, line_span(doc, line), message)
            .with_label("normative (RFC 2119 keyword)");
        d = if removed.is_empty() {
            d.with_help("a Stable document's requirements do not change: put the change into a new major version")
        } else {
            d.with_help(format!(
                "it was: {}\na Stable document's requirements do not change: put the change into a new major version",
                removed.join("\n")
            ))
        };
        out.push(d);
    }
    let unified = diff.unified_diff().context_radius(1).to_string();
    let shown: String = unified.lines().take(60).collect::<Vec<_>>().join("\n");
    let line = first_changed.unwrap_or(body_start_line);
    let span = line_span(doc, line);
    out.push(
        doc.diag(
            RuleId::StableEdit,
            span,
            "this Stable document is edited: check that no implementation becomes non-conforming",
        )
        .with_label("first changed line")
        .with_help(format!("the change:\n{shown}")),
    );
}

fn line_span(doc: &Document, line: usize) -> Span {
    let lines = doc.lines();
    let start = lines.line_start(line).unwrap_or(doc.text.len());
    let rest = doc.text.get(start..).unwrap_or_default();
    let line_text = rest.split('\n').next().unwrap_or(rest);
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    Span::new(start, start + line_text.len())
}
