//! Text-preserving edits of documents: every change a command or a fix makes is a replacement of
//! a byte range of the file's text, made from the spans the document model already has, so that
//! key order, comments, quoting, the byte order mark, line endings and the body stay exactly as
//! they were. Values are written by YAML's rules ([`yaml::scalar`]), never by pasting strings.
//!
//! What edits there are comes from their callers (`lint --fix`, the authoring commands); this
//! module only applies them and shows what they changed ([`diff::unified`]).

pub mod diff;
pub mod frontmatter;
pub mod yaml;

use crate::diagnostic::Span;

/// A replacement of the bytes `span` of a text by `text`; an empty span inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn new(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            span,
            text: text.into(),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("the edit of bytes {start}..{end} does not lie within the text ({len} bytes)")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the edit of bytes {start}..{end} splits a character")]
    SplitsCharacter { start: usize, end: usize },
    #[error("the edits of bytes {first} and {second} overlap")]
    Overlap { first: String, second: String },
    /// The edited text would not say what the document said, but for the edit: the edit is not
    /// made (a file is never written worse).
    #[error("the edited document {0}; nothing was changed")]
    Breaks(String),
}

/// `doc`'s text with `edits` made, checked: the frontmatter still parses, every key the edits
/// do not touch has the value it had, and the body is the same unless an edit is in it.
pub fn apply_checked(doc: &crate::document::Document, edits: &[Edit]) -> Result<String, EditError> {
    use crate::rules::RuleId;
    let new = apply(&doc.text, edits)?;
    let after = crate::document::Document::parse(
        doc.path.clone(),
        doc.rel_path.clone(),
        doc.display.clone(),
        doc.name.clone(),
        new.clone(),
    );
    let broken = after.load_findings.iter().find(|d| {
        matches!(
            d.rule,
            RuleId::YamlSyntax
                | RuleId::FrontmatterNotMapping
                | RuleId::UnterminatedFrontmatter
                | RuleId::MissingFrontmatter
        )
    });
    if let Some(d) = broken {
        return Err(EditError::Breaks(format!(
            "would not parse ({})",
            d.message
        )));
    }
    // An entry reaches to the end of its last line (a comment there, a list item added after
    // it); an insertion there touches it.
    let line_end = |at: usize| {
        doc.text
            .get(at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(doc.text.len(), |i| at + i + 1)
    };
    let touches = |start: usize, end: usize| {
        let end = line_end(end);
        edits.iter().any(|e| {
            (e.span.start < end && e.span.end > start)
                || (e.span.start == e.span.end && e.span.start > start && e.span.start <= end)
        })
    };
    let old_root = doc.frontmatter.as_ref();
    let new_root = after.frontmatter.as_ref();
    for (k, v) in old_root.map(|r| r.entries()).unwrap_or_default() {
        if touches(k.span.start, v.span.end.max(k.span.end)) {
            continue;
        }
        let key = crate::document::frontmatter::key_text(k);
        let now = new_root.and_then(|r| {
            r.entries()
                .iter()
                .find(|(nk, _)| crate::document::frontmatter::key_text(nk) == key)
        });
        match now {
            Some((_, nv)) if nv.to_json() == v.to_json() => {}
            Some(_) => {
                return Err(EditError::Breaks(format!(
                    "would change `{key}`, which it should not touch"
                )));
            }
            None => return Err(EditError::Breaks(format!("would lose `{key}`"))),
        }
    }
    let in_body = edits
        .iter()
        .any(|e| e.span.end > doc.body.start || e.span.start >= doc.body.start);
    if !in_body && after.body_text() != doc.body_text() {
        return Err(EditError::Breaks("would change the body".to_owned()));
    }
    Ok(new)
}

/// `text` with `edits` made, or why they cannot all be made (then nothing is). Edits are made in
/// the order of their spans; two that overlap are refused, as ruff and rustc refuse fixes that
/// touch the same bytes, since one would undo or garble the other. Insertions at the same place
/// keep the order they were given in.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    let mut previous: Option<&Edit> = None;
    for e in sorted {
        let Span { start, end } = e.span;
        if start > end || end > text.len() {
            return Err(EditError::OutOfRange {
                start,
                end,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(EditError::SplitsCharacter { start, end });
        }
        if let Some(p) = previous
            && start < at
        {
            return Err(EditError::Overlap {
                first: format!("{}..{}", p.span.start, p.span.end),
                second: format!("{start}..{end}"),
            });
        }
        out.push_str(text.get(at..start).unwrap_or_default());
        out.push_str(&e.text);
        at = end;
        previous = Some(e);
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {reason}", path.display())]
    Refused {
        path: std::path::PathBuf,
        reason: crate::confined::Refusal,
    },
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// Writes the edited `text` of the document at `path` back, replaced at once (a reader sees the
/// old text or the new), only where it was read: a regular file inside the corpus folder `root`.
/// A document read through a symbolic link is written where the link points, and the link
/// stays one.
pub fn write_back(
    root: &std::path::Path,
    path: &std::path::Path,
    text: &str,
) -> Result<(), WriteError> {
    let target = corpus_folder(root, path)?
        .regular_file(path)
        .map_err(refused(path))?;
    crate::output::write_file(&target, text.as_bytes())?;
    Ok(())
}

/// A refusal to write `path`, for `map_err`.
fn refused(path: &std::path::Path) -> impl Fn(crate::confined::Refusal) -> WriteError + '_ {
    move |reason| WriteError::Refused {
        path: path.to_owned(),
        reason,
    }
}

/// The corpus folder `root`, to confine the writing of `path` to it.
fn corpus_folder(
    root: &std::path::Path,
    path: &std::path::Path,
) -> Result<crate::confined::Folder, WriteError> {
    crate::confined::Folder::new(root).map_err(|e| refused(path)(e.into()))
}

/// Writes a new document at `path`, which must not exist yet, in a folder inside the corpus
/// folder `root`.
pub fn write_new(
    root: &std::path::Path,
    path: &std::path::Path,
    text: &str,
) -> Result<(), WriteError> {
    if path.symlink_metadata().is_ok() {
        return Err(refused(path)(crate::confined::Refusal::Io(
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "it exists already"),
        )));
    }
    let parent = path.parent().unwrap_or(root);
    let real = corpus_folder(root, path)?
        .resolve(parent)
        .map_err(refused(path))?;
    let name = path.file_name().unwrap_or_default();
    crate::output::write_file(&real.join(name), text.as_bytes())?;
    Ok(())
}

/// The line ending a text uses: CRLF when its first line ends so, else LF. New lines an edit
/// writes use it, so that a CRLF file stays CRLF.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests;
