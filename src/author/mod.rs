//! Authoring commands: changes of documents that authors and Forum maintainers would otherwise
//! make by hand (`new`, `assign`, `stabilize`, `deprecate`, `reject`, `bump`). Each is planned as text edits of the files
//! it touches ([`crate::edit`]), so that it can be shown (`--dry-run`) before it is written, and
//! refused, with the rule and the sentence of the process, when the process forbids it.

pub mod assign;
pub mod bump;
pub mod lifecycle;
pub mod new;

use crate::corpus::Corpus;
use crate::document::Document;
use crate::edit::{self, Edit, EditError};
use crate::rules::RuleId;
use std::path::PathBuf;

/// A planned change: the new text of each file it touches, and what else the process asks for.
#[derive(Debug, Default)]
pub struct Change<'c> {
    pub files: Vec<FileChange<'c>>,
    pub created: Vec<NewFile<'c>>,
    /// Documents given a new file name (and possibly a new text).
    pub renamed: Vec<Rename<'c>>,
    /// Things the process asks for that the command does not do (shown, not enforced).
    pub notes: Vec<String>,
}

/// What [`new_findings`] judges: each changed or renamed document's old file name and new
/// form, and the new documents.
pub type Parts = (Vec<(String, Document)>, Vec<Document>);

impl Change<'_> {
    /// What [`new_findings`] judges, without the borrows of the corpus: each changed or renamed
    /// document's file name and its new form, and the new documents.
    pub fn into_parts(self) -> Parts {
        let again = |d: &Document, path: PathBuf, text: String| {
            let file_name = path
                .file_name()
                .map_or_else(|| d.file_name.clone(), |n| n.to_string_lossy().into_owned());
            let beside = |p: &str| beside(p, &file_name);
            let name = match path == d.path {
                true => d.name.clone(),
                false => d
                    .name
                    .as_ref()
                    .and_then(|n| crate::document::name::parse(&file_name, &n.prefix).ok()),
            };
            Document::parse(path, beside(&d.rel_path), beside(&d.display), name, text)
        };
        let replaced = self
            .files
            .into_iter()
            .map(|f| {
                (
                    f.doc.file_name.clone(),
                    again(f.doc, f.doc.path.clone(), f.new),
                )
            })
            .chain(
                self.renamed
                    .into_iter()
                    .map(|r| (r.doc.file_name.clone(), again(r.doc, r.to, r.new))),
            )
            .collect();
        let created = self.created.into_iter().map(|f| f.doc).collect();
        (replaced, created)
    }
}

/// The path `path` (a document's, `/`-separated) with its file name replaced by `file_name`.
pub fn beside(path: &str, file_name: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{file_name}"),
        None => file_name.to_owned(),
    }
}

/// A document moved to a new file name beside it, with its (possibly edited) text.
#[derive(Debug)]
pub struct Rename<'c> {
    pub doc: &'c Document,
    pub to: PathBuf,
    pub new: String,
}

/// A new document: where it goes, its text, and the document it was made from (its diff is
/// shown against that one).
#[derive(Debug)]
pub struct NewFile<'c> {
    /// The new document, read from its text as if it were in the corpus.
    pub doc: Document,
    pub from: Option<&'c Document>,
}

#[derive(Debug)]
pub struct FileChange<'c> {
    pub doc: &'c Document,
    pub new: String,
}

/// What the process forbids: the rule, what is wrong, and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub rule: RuleId,
    pub message: String,
    pub help: String,
}

impl Refused {
    /// The refusal as a person reads it: rule, message, help, and the process's own words.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "refused [{}]: {}\nhelp: {}\n",
            self.rule, self.message, self.help
        );
        if let Some(quote) = self.rule.process() {
            out.push_str("the process:\n");
            for line in quote.lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    #[error("no document `{name}` in {}{hint}", folder.display())]
    Unknown {
        name: String,
        folder: PathBuf,
        hint: String,
    },
    #[error("`{name}` names more than one document: {}; give the file name", candidates.join(", "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("{file}: {reason}")]
    NotApplicable { file: String, reason: String },
    #[error("{0}")]
    Argument(String),
    #[error("{file}: the change cannot be made: {reason}")]
    Edit { file: String, reason: EditError },
    #[error(transparent)]
    Write(#[from] edit::WriteError),
}

impl AuthorError {
    /// `doc` cannot take the step, for `reason`.
    pub fn not_applicable(doc: &Document, reason: impl Into<String>) -> AuthorError {
        AuthorError::NotApplicable {
            file: doc.display.clone(),
            reason: reason.into(),
        }
    }
}

/// The document `name` names: a file name or path (`scs-0100-v1-flavor-naming.md`), or a
/// version's id (`scs-0100-v1`, `scs-xxxx-v1-slug` for a proposal).
pub fn find<'c>(corpus: &'c Corpus, name: &str) -> Result<&'c Document, AuthorError> {
    let file_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some(doc) = corpus.resolve(file_name) {
        return Ok(doc);
    }
    let id = file_name.trim_end_matches(".md").to_ascii_lowercase();
    let matches: Vec<&Document> = corpus
        .documents
        .iter()
        .filter(|d| d.id().is_some_and(|i| i == id))
        .collect();
    match matches.as_slice() {
        [doc] => Ok(doc),
        [] => {
            let near = crate::lint::closest(&id, corpus.documents.iter().map(|d| d.file_stem()));
            Err(AuthorError::Unknown {
                name: name.to_owned(),
                folder: corpus.root.clone(),
                hint: near.map_or_else(String::new, |n| format!("; did you mean `{n}`?")),
            })
        }
        many => Err(AuthorError::Ambiguous {
            name: name.to_owned(),
            candidates: many.iter().map(|d| d.file_name.clone()).collect(),
        }),
    }
}

/// The new text of `doc` with `edits` made.
fn edited<'c>(doc: &'c Document, edits: &[Edit]) -> Result<FileChange<'c>, AuthorError> {
    let new = edit::apply_checked(doc, edits).map_err(|reason| AuthorError::Edit {
        file: doc.display.clone(),
        reason,
    })?;
    Ok(FileChange { doc, new })
}

/// The findings a change would add to the corpus's lint (errors and warnings; compared by
/// rule, file and message, since positions move): what else the process asks for once it is
/// made, such as a scope version that includes a document being deprecated. `replaced` are the
/// changed files' old names and new documents, `created` the new documents; the corpus is left with
/// them.
pub fn new_findings(
    corpus: &mut Corpus,
    config: &crate::config::Config,
    replaced: Vec<(String, Document)>,
    created: Vec<Document>,
) -> Result<Vec<crate::diagnostic::Diagnostic>, crate::lint::schema::SchemaError> {
    use crate::diagnostic::Severity;
    let key = |d: &crate::diagnostic::Diagnostic| (d.rule, d.file.clone(), d.message.clone());
    let before: std::collections::HashSet<_> =
        crate::lint::lint(corpus, config)?.iter().map(key).collect();
    for (file_name, doc) in replaced {
        corpus.replace(&file_name, doc);
    }
    for doc in created {
        corpus.add(doc);
    }
    Ok(crate::lint::lint(corpus, config)?
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning && !before.contains(&key(d)))
        .collect())
}

/// One file a change writes: a document's new text, in its place (`from` is `to`), under a new
/// name (`from` is its old path), or a new document (`from` is `None`).
#[derive(Debug, Clone)]
pub struct Write {
    pub from: Option<PathBuf>,
    pub to: PathBuf,
    pub text: String,
}

impl Change<'_> {
    /// The files the change writes, each checked before any is written: a new or renamed
    /// file's place must be free (a half-made change is worse than none).
    pub fn writes(&self) -> Result<Vec<Write>, AuthorError> {
        let edited = self.files.iter().map(|f| Write {
            from: Some(f.doc.path.clone()),
            to: f.doc.path.clone(),
            text: f.new.clone(),
        });
        let renamed = self.renamed.iter().map(|r| Write {
            from: Some(r.doc.path.clone()),
            to: r.to.clone(),
            text: r.new.clone(),
        });
        let created = self.created.iter().map(|c| Write {
            from: None,
            to: c.doc.path.clone(),
            text: c.doc.text.clone(),
        });
        let writes: Vec<Write> = edited.chain(renamed).chain(created).collect();
        for (i, w) in writes.iter().enumerate() {
            if writes.iter().skip(i + 1).any(|o| o.to == w.to) {
                return Err(AuthorError::Argument(format!(
                    "two files would become {}; nothing was changed",
                    w.to.display()
                )));
            }
            if w.from.as_ref() != Some(&w.to) && w.to.symlink_metadata().is_ok() {
                return Err(AuthorError::Argument(format!(
                    "{} exists already; nothing was changed",
                    w.to.display()
                )));
            }
        }
        Ok(writes)
    }
}

/// Writes a change's files (see [`edit::write_back`] and [`edit::write_new`]); renames are
/// staged in a repository that tracks the file.
pub fn write(corpus: &Corpus, writes: &[Write]) -> Result<(), AuthorError> {
    for w in writes {
        match &w.from {
            None => edit::write_new(&corpus.root, &w.to, &w.text)?,
            Some(from) => {
                edit::write_back(&corpus.root, from, &w.text)?;
                if from != &w.to {
                    rename(&corpus.root, from, &w.to)?;
                }
            }
        }
    }
    Ok(())
}

/// Moves a document to its new name beside it; when a git repository tracks the file, the
/// move is staged (as `git mv` does), so that the next commit records a rename.
fn rename(
    root: &std::path::Path,
    from: &std::path::Path,
    to: &std::path::Path,
) -> Result<(), AuthorError> {
    let refused = |path: &std::path::Path, e: std::io::Error| {
        AuthorError::Write(edit::WriteError::Refused {
            path: path.to_owned(),
            reason: e.into(),
        })
    };
    if to.symlink_metadata().is_ok() {
        return Err(AuthorError::Argument(format!(
            "{} exists already",
            to.display()
        )));
    }
    std::fs::rename(from, to).map_err(|e| refused(from, e))?;
    let Ok(repo) = git2::Repository::discover(root) else {
        return Ok(());
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return Ok(());
    };
    let rel = |p: &std::path::Path| -> Option<PathBuf> {
        let dir = p.parent()?.canonicalize().ok()?;
        Some(dir.strip_prefix(&workdir).ok()?.join(p.file_name()?))
    };
    let (Some(old), Some(new)) = (rel(from), rel(to)) else {
        return Ok(());
    };
    let stage = || -> Result<(), git2::Error> {
        let mut index = repo.index()?;
        if index.get_path(&old, 0).is_none() {
            return Ok(());
        }
        index.remove_path(&old)?;
        index.add_path(&new)?;
        index.write()
    };
    stage().map_err(|e| {
        AuthorError::Argument(format!(
            "{} was renamed to {}, but the rename could not be staged: {}",
            from.display(),
            to.display(),
            e.message()
        ))
    })
}
