//! `lint --fix`: the safe fixes of a lint run, made in the texts of their documents
//! ([`crate::edit`]), checked, and written back or shown.

use super::run::LintRun;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::edit::{self, Edit};
use std::path::PathBuf;

/// The fixes of one document.
#[derive(Debug)]
pub struct FileFix<'a> {
    pub path: PathBuf,
    /// The path as findings show it.
    pub display: &'a str,
    pub old: &'a str,
    /// The text with the fixes made.
    pub new: String,
    /// The findings fixed.
    pub fixed: Vec<&'a Diagnostic>,
    /// Fixes left for another run: they touch bytes an earlier fix of this run changes.
    pub deferred: usize,
}

/// What `--fix` would do to a run's documents: the files whose text changes, in the order of the
/// findings. A fix whose result would not parse as the frontmatter did is dropped with the
/// reason (one never writes a file it makes worse).
pub fn plan(run: &LintRun) -> (Vec<FileFix<'_>>, Vec<String>) {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for doc in run.corpora.iter().flat_map(|c| &c.documents) {
        let mut safe: Vec<&Diagnostic> = run
            .diagnostics
            .iter()
            .filter(|d| d.file == doc.display)
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            })
            .collect();
        if safe.is_empty() {
            continue;
        }
        safe.sort_by_key(|d| d.fix.as_ref().map(|f| (f.span.start, f.span.end)));
        // Of fixes that touch the same bytes, the first is made; the rest wait for a run on
        // the fixed text (their spans would point at bytes that moved).
        let (mut edits, mut fixed, mut deferred, mut end) = (Vec::new(), Vec::new(), 0, 0);
        for d in safe {
            let Some(f) = &d.fix else { continue };
            if !edits.is_empty() && f.span.start < end {
                deferred += 1;
                continue;
            }
            end = f.span.end;
            edits.push(Edit::new(f.span, f.replacement.clone()));
            fixed.push(d);
        }
        match edit::apply(&doc.text, &edits).map_err(|e| e.to_string()) {
            Ok(new) => match still_parses(doc, &new) {
                Ok(()) => files.push(FileFix {
                    path: doc.path.clone(),
                    display: &doc.display,
                    old: &doc.text,
                    new,
                    fixed,
                    deferred,
                }),
                Err(reason) => refused.push(format!("{}: not fixed: {reason}", doc.display)),
            },
            Err(reason) => refused.push(format!("{}: not fixed: {reason}", doc.display)),
        }
    }
    (files, refused)
}

/// Whether `new`, the fixed text of `doc`, still has a frontmatter that parses.
fn still_parses(doc: &Document, new: &str) -> Result<(), String> {
    let fixed = Document::parse(
        doc.path.clone(),
        doc.rel_path.clone(),
        doc.display.clone(),
        None,
        new.to_owned(),
    );
    let broken = |d: &Diagnostic| {
        matches!(
            d.rule,
            crate::rules::RuleId::YamlSyntax | crate::rules::RuleId::FrontmatterNotMapping
        )
    };
    match fixed.load_findings.iter().find(|d| broken(d)) {
        Some(d) => Err(format!(
            "the fixed frontmatter would not parse ({})",
            d.message
        )),
        None => Ok(()),
    }
}

/// Writes the fixed texts, each file replaced at once (a reader sees the old text or the new).
/// A document read through a symbolic link is written where the link points, so that the link
/// stays one.
pub fn write(files: &[FileFix<'_>]) -> Result<(), crate::output::OutputError> {
    for f in files {
        let target = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
        crate::output::write_file(&target, f.new.as_bytes())?;
    }
    Ok(())
}
