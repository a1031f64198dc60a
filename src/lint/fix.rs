//! `lint --fix`: the safe fixes of a lint run, made in the texts of their documents
//! ([`crate::edit`]), checked, and written back or shown.

use super::run::LintRun;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::edit::{self, Edit};
use std::collections::HashMap;
use std::path::Path;

/// The fixes of one document.
#[derive(Debug)]
pub struct FileFix<'a> {
    pub doc: &'a Document,
    /// The folder of the document's corpus: the file is written only inside it.
    root: &'a Path,
    /// The text with the fixes made.
    pub new: String,
    /// The findings fixed.
    pub fixed: Vec<&'a Diagnostic>,
    /// Fixes left for another run: they touch bytes an earlier fix of this run changes.
    pub deferred: usize,
}

/// What `--fix` would do to a run's documents: the files whose text changes, in the order of the
/// documents, and the files it leaves alone with the reason. Fixes whose result
/// [`edit::apply_checked`] refuses are not made (a file is never written worse).
pub fn plan(run: &LintRun) -> (Vec<FileFix<'_>>, Vec<String>) {
    // The safe fixes by file, gathered once.
    let mut by_file: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in &run.diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe && f.replacement().is_some())
        {
            by_file.entry(d.file.as_str()).or_default().push(d);
        }
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for corpus in &run.corpora {
        for doc in &corpus.documents {
            let Some(safe) = by_file.get(doc.display.as_str()) else {
                continue;
            };
            match fix_document(doc, safe) {
                Ok((new, fixed, deferred)) => files.push(FileFix {
                    doc,
                    root: &corpus.root,
                    new,
                    fixed,
                    deferred,
                }),
                Err(reason) => refused.push(format!("{}: not fixed: {reason}", doc.display)),
            }
        }
    }
    (files, refused)
}

type Fixed<'a> = (String, Vec<&'a Diagnostic>, usize);

/// The text of `doc` with the fixes of `findings` made. Of fixes that touch the same bytes, the
/// first is made and the others wait for a run on the fixed text (their spans would point at
/// bytes that moved).
fn fix_document<'a>(doc: &Document, findings: &[&'a Diagnostic]) -> Result<Fixed<'a>, String> {
    let mut findings: Vec<(&Diagnostic, crate::diagnostic::Span, &str)> = findings
        .iter()
        .filter_map(|d| {
            let (span, text) = d.fix.as_ref()?.replacement()?;
            Some((*d, span, text))
        })
        .collect();
    findings.sort_by_key(|(_, span, _)| (span.start, span.end));
    let (mut edits, mut fixed, mut deferred) = (Vec::new(), Vec::new(), 0);
    for (d, span, text) in findings {
        if edits.last().is_some_and(|e: &Edit| span.start < e.span.end) {
            deferred += 1;
            continue;
        }
        edits.push(Edit::new(span, text.to_owned()));
        fixed.push(d);
    }
    let new = edit::apply_checked(doc, &edits).map_err(|e| e.to_string())?;
    Ok((new, fixed, deferred))
}

/// Writes the fixed texts (see [`edit::write_back`]).
pub fn write(files: &[FileFix<'_>]) -> Result<(), edit::WriteError> {
    for f in files {
        edit::write_back(f.root, &f.doc.path, &f.new)?;
    }
    Ok(())
}
