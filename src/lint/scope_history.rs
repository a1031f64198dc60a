//! The scope rules of history in the lint (`scope-version-changed`, `scope-timeline-rewritten`):
//! with `--history` every commit's findings, with `--base REV` the change from the scope files
//! at REV to the working tree. Each is placed at the version or timeline entry it is about in
//! the file as it is now (the whole file when that element is gone).

use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::lifecycle::rules::scopes::{Element, ScopeFinding, judge_scope_step};
use crate::lifecycle::scopes::FileView;
use crate::lifecycle::{History, HistoryError, first_chars};
use crate::scopes::ScopeFile;
use std::path::Path;

/// The findings of the scope files' history, placed in the files of `corpus`.
pub fn from_history(corpus: &Corpus, history: &History) -> Vec<Diagnostic> {
    history
        .scope_findings
        .iter()
        .filter_map(|j| {
            let path = &history.scopes.get(j.scope)?.path;
            let file = corpus.scopes.iter().find(|f| &f.rel_path == path)?;
            let mut d = place(file, &j.finding);
            // The human formats show no commit: the message names it.
            if let Some(c) = &d.commit {
                d.message = format!(
                    "{} (commit {}, {})",
                    d.message,
                    first_chars(&c.id, 10),
                    first_chars(&c.date, 10)
                );
            }
            Some(d)
        })
        .collect()
}

/// The findings of the change from the scope files at `rev` to the working tree, judged as of
/// `day` (the change is not committed yet).
pub fn from_base(
    corpus: &Corpus,
    source: &Path,
    rev: &str,
    day: jiff::civil::Date,
    prefix: &str,
) -> Result<Vec<Diagnostic>, HistoryError> {
    if corpus.scopes.is_empty() {
        return Ok(Vec::new());
    }
    let paths: Vec<String> = corpus.scopes.iter().map(|f| f.rel_path.clone()).collect();
    let base = crate::lifecycle::repo::repository_files_at(source, rev, &paths)?;
    let mut out = Vec::new();
    for (file, text) in corpus.scopes.iter().zip(base) {
        let Some(text) = text else { continue };
        let old = ScopeFile::parse(
            file.path.clone(),
            file.rel_path.clone(),
            file.display.clone(),
            text,
        );
        // A base that does not parse, or a file that does not now, has nothing to compare.
        if old.root.is_none() || file.root.is_none() {
            continue;
        }
        let (old, new) = (FileView::of(&old, prefix), FileView::of(file, prefix));
        for f in judge_scope_step(&old, &new, day) {
            out.push(place(file, &f));
        }
    }
    Ok(out)
}

fn place(file: &ScopeFile, f: &ScopeFinding) -> Diagnostic {
    let scope = &file.scope;
    let span = match &f.element {
        Element::Version(name) => scope.version(name).map(|v| v.version.span),
        Element::Entry(date) => scope
            .timeline
            .iter()
            .filter_map(|e| e.date.as_ref())
            .find(|d| &d.value == date)
            .map(|d| d.span),
    };
    let d = f.diagnostic.clone();
    match span {
        Some(span) => d.placed(&file.display, &file.text, file.lines(), span),
        None => d.in_file(&file.display),
    }
}
