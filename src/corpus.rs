//! Discovery and loading of the documents of a source folder, in parallel, each file read once.

use crate::config::{Limits, Profile};
use crate::confined::Folder;
use crate::diagnostic::{Diagnostic, LineIndex, Sources, Span};
use crate::document::Document;
use crate::document::name::{self, Kind};
use crate::paths;
use crate::rules::RuleId;
use crate::scopes::ScopeFile;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("source folder {path}")]
    Source {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("source folder {0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("source folder {path} {reason}; refusing to read there")]
    LeavesWorkTree {
        path: PathBuf,
        reason: crate::confined::LeavesWorkTree,
    },
}

/// Every document of a source folder, plus what could not be read.
#[derive(Debug)]
pub struct Corpus {
    pub root: PathBuf,
    /// The source folder's real path, to which every file read is confined.
    pub folder: Folder,
    /// Sorted by relative path.
    pub documents: Vec<Document>,
    /// Files that could not be read as documents at all (I/O errors, not UTF-8, bad names).
    pub findings: Vec<Diagnostic>,
    /// Templates and README files that were recognised and skipped.
    pub skipped: Vec<PathBuf>,
    /// The certificate scope files the profile names (`[profile.scopes] files`).
    pub scopes: Vec<ScopeFile>,
    by_file_name: HashMap<String, usize>,
    /// Numbered documents by number, kind and version (the first by path where two share one).
    by_version: HashMap<(u32, Kind, u32), usize>,
}

enum Loaded {
    Document(Box<Document>),
    /// The document of the last load, its file unchanged.
    Taken(Box<Document>),
    Finding(Box<Diagnostic>),
    Skipped(PathBuf),
}

impl Corpus {
    /// Loads every `*.md` file below `root` (hidden folders excluded), with the default limits.
    pub fn load(root: &Path, profile: &Profile) -> Result<Corpus, CorpusError> {
        Corpus::load_limited(root, profile, &Limits::default())
    }

    /// Loads every `*.md` file below `root` (hidden folders excluded). A file is read only if it
    /// is a regular file inside `root` (links followed within it) of at most
    /// `limits.document_bytes`; any other is a finding naming it.
    pub fn load_limited(
        root: &Path,
        profile: &Profile,
        limits: &Limits,
    ) -> Result<Corpus, CorpusError> {
        Corpus::load_reusing(root, profile, limits, None).map(|(corpus, _)| corpus)
    }

    /// [`Corpus::load_limited`], taking over from `before` (the preview's last load) the parsed
    /// document of each file whose text and name are the same: at 10,000 documents parsing or
    /// even copying them is most of a load. Says for each document whether it was taken.
    pub fn load_reusing(
        root: &Path,
        profile: &Profile,
        limits: &Limits,
        before: Option<Corpus>,
    ) -> Result<(Corpus, Vec<bool>), CorpusError> {
        let source_error = |source| CorpusError::Source {
            path: root.to_owned(),
            source,
        };
        let meta = std::fs::metadata(root).map_err(source_error)?;
        if !meta.is_dir() {
            return Err(CorpusError::NotAFolder(root.to_owned()));
        }
        if let Some(reason) = crate::confined::leaves_work_tree(root) {
            return Err(CorpusError::LeavesWorkTree {
                path: root.to_owned(),
                reason,
            });
        }
        let folder = Folder::new(root).map_err(source_error)?;
        let mut candidates = Vec::new();
        let mut findings = Vec::new();
        let walker = walkdir::WalkDir::new(root).into_iter().filter_entry(|e| {
            e.depth() == 0 || !paths::is_hidden(&e.file_name().to_string_lossy())
        });
        for entry in walker {
            match entry {
                Ok(e) if e.depth() > 0 && e.file_name().to_string_lossy().ends_with(".md") => {
                    let linked = e.path_is_symlink();
                    candidates.push((e.into_path(), linked));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| root.to_owned(), Path::to_owned);
                    findings.push(Diagnostic::file(
                        RuleId::Unreadable,
                        &path.display().to_string(),
                        format!("cannot read: {e}"),
                    ));
                }
            }
        }
        // Sorting the paths (small) rather than the loaded documents (large): the parallel map
        // keeps the order.
        candidates.sort_unstable();
        // Each document of the last load, to be taken by the one file at its path.
        let known: HashMap<PathBuf, std::sync::Mutex<Option<Document>>> = before
            .map(|b| b.documents)
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.path.clone(), std::sync::Mutex::new(Some(d))))
            .collect();
        let loaded: Vec<Loaded> = candidates
            .par_iter()
            .map(|(path, linked)| {
                let before = known.get(path).and_then(|d| {
                    d.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .take()
                });
                load_one(root, &folder, path, *linked, profile, limits, before)
            })
            .collect();
        let mut documents = Vec::new();
        let mut taken = Vec::new();
        let mut skipped = Vec::new();
        for l in loaded {
            match l {
                Loaded::Document(d) => {
                    documents.push(*d);
                    taken.push(false);
                }
                Loaded::Taken(d) => {
                    documents.push(*d);
                    taken.push(true);
                }
                Loaded::Finding(f) => findings.push(*f),
                Loaded::Skipped(p) => skipped.push(p),
            }
        }
        // Scope files lie beside a standards folder: a folder without documents (`Tests/`
        // itself) has none, or its scopes would be checked against nothing.
        let (scopes, unreadable) = match documents.is_empty() {
            true => (Vec::new(), Vec::new()),
            false => crate::scopes::load(root, profile, limits),
        };
        findings.extend(unreadable);
        let corpus = Corpus::assemble(root, folder, documents, findings, skipped, scopes);
        Ok((corpus, taken))
    }

    /// A corpus of texts read elsewhere (a commit of the repository, for a release): documents
    /// by their paths relative to `root`, which is where they would lie (nothing is read there).
    /// Names and contents are judged as [`Corpus::load`] judges files.
    pub fn from_texts(
        root: &Path,
        profile: &Profile,
        texts: Vec<(String, String)>,
        scopes: Vec<ScopeFile>,
    ) -> Result<Corpus, CorpusError> {
        let folder = Folder::new(root).map_err(|source| CorpusError::Source {
            path: root.to_owned(),
            source,
        })?;
        let mut documents = Vec::new();
        let mut skipped = Vec::new();
        for (rel_path, text) in texts {
            let path = root.join(&rel_path);
            match parse_document(path.clone(), rel_path, text, profile) {
                Some(doc) => documents.push(doc),
                None => skipped.push(path),
            }
        }
        documents.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        Ok(Corpus::assemble(
            root,
            folder,
            documents,
            Vec::new(),
            skipped,
            scopes,
        ))
    }

    fn assemble(
        root: &Path,
        folder: Folder,
        documents: Vec<Document>,
        mut findings: Vec<Diagnostic>,
        skipped: Vec<PathBuf>,
        scopes: Vec<ScopeFile>,
    ) -> Corpus {
        findings.sort_by(|a, b| a.file.cmp(&b.file));
        let (by_file_name, by_version) = indexes(&documents);
        Corpus {
            root: root.to_owned(),
            folder,
            documents,
            findings,
            skipped,
            scopes,
            by_file_name,
            by_version,
        }
    }

    /// The texts of the documents by displayed path, for snippets in reports.
    pub fn sources(&self) -> Sources<'_> {
        self.documents
            .iter()
            .map(|d| (d.display.as_str(), d.text.as_str()))
            .chain(
                self.scopes
                    .iter()
                    .map(|s| (s.display.as_str(), s.text.as_str())),
            )
            .collect()
    }

    /// The document with this file name (`scs-0100-v1-flavor-naming.md`).
    pub fn by_file_name(&self, file_name: &str) -> Option<&Document> {
        self.index_of(file_name).and_then(|i| self.documents.get(i))
    }

    /// The document a frontmatter reference names: a file name, with or without `.md` or a
    /// leading `./`.
    pub fn resolve_reference(&self, reference: &str) -> Option<usize> {
        self.index_of(&name::reference_file_name(reference))
    }

    /// The document a reference names (see [`Corpus::resolve_reference`]).
    pub fn resolve(&self, reference: &str) -> Option<&Document> {
        self.resolve_reference(reference)
            .and_then(|i| self.documents.get(i))
    }

    /// The document with this number, kind and version (`scs-0100-v3`), if the corpus has one.
    pub fn version(&self, number: u32, kind: Kind, version: u32) -> Option<&Document> {
        self.by_version
            .get(&(number, kind, version))
            .and_then(|&i| self.documents.get(i))
    }

    /// The newest version of the standard `number` (`scs-0100` → its highest `vN`), not a
    /// supplement.
    pub fn newest_version(&self, number: u32) -> Option<&Document> {
        self.documents
            .iter()
            .filter_map(|d| Some((d, d.name.as_ref()?)))
            .filter(|(_, n)| n.number == Some(number) && n.kind == Kind::Primary)
            .max_by_key(|(_, n)| n.version)
            .map(|(d, _)| d)
    }

    /// Puts `doc` in the place of the document with the file name `file_name` (an edit, or a
    /// rename, judged before or without writing it); the indexes follow its name.
    pub fn replace(&mut self, file_name: &str, doc: Document) -> bool {
        let Some(i) = self.index_of(file_name) else {
            return false;
        };
        self.by_file_name.remove(file_name);
        self.by_version.retain(|_, v| *v != i);
        self.by_file_name.insert(doc.file_name.clone(), i);
        if let Some(n) = &doc.name
            && let Some(number) = n.number
        {
            self.by_version
                .entry((number, n.kind, n.version))
                .or_insert(i);
        }
        match self.documents.get_mut(i) {
            Some(slot) => {
                *slot = doc;
                true
            }
            None => false,
        }
    }

    /// Adds a document made in memory (a new version before, or without, it is written), to
    /// judge it with the others.
    pub fn add(&mut self, doc: Document) {
        let i = self.documents.len();
        self.by_file_name.entry(doc.file_name.clone()).or_insert(i);
        if let Some(n) = &doc.name
            && let Some(number) = n.number
        {
            self.by_version
                .entry((number, n.kind, n.version))
                .or_insert(i);
        }
        self.documents.push(doc);
    }

    /// The document at `path` (inside this corpus's folder) with `text` as an editor holds it,
    /// not read from disk, judged as [`Corpus::load`] judges files; `None` when `path` is not a
    /// document path inside the folder.
    pub fn parse_at(&self, path: &Path, text: String, profile: &Profile) -> Option<Document> {
        path.strip_prefix(&self.root).ok()?;
        let rel_path = paths::relative(&self.root, path);
        parse_document(path.to_owned(), rel_path, text, profile)
    }

    /// Puts `doc` in the place of the document at index `i` (the same path, so the same name:
    /// the indexes stay as they are). Returns whether there was one.
    pub fn put_at(&mut self, i: usize, doc: Document) -> bool {
        match self.documents.get_mut(i) {
            Some(slot) if slot.path == doc.path => {
                *slot = doc;
                true
            }
            _ => false,
        }
    }

    /// Adds a document where [`Corpus::load`] would have put it (in the order of paths), with
    /// the indexes made again as loading makes them; returns its index.
    pub fn insert(&mut self, doc: Document) -> usize {
        let i = self.documents.partition_point(|d| d.path < doc.path);
        self.documents.insert(i, doc);
        (self.by_file_name, self.by_version) = indexes(&self.documents);
        i
    }

    /// The position in `documents` of the document with this file name.
    pub fn index_of(&self, file_name: &str) -> Option<usize> {
        self.by_file_name.get(file_name).copied()
    }
}

/// The corpus's indexes of its documents by file name and by version: the same as loading
/// makes them (a file name found twice names the last, a version the first).
type Indexes = (HashMap<String, usize>, HashMap<(u32, Kind, u32), usize>);

fn indexes(documents: &[Document]) -> Indexes {
    let by_file_name = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file_name.clone(), i))
        .collect();
    let mut by_version = HashMap::new();
    for (i, d) in documents.iter().enumerate() {
        if let Some(n) = &d.name
            && let Some(number) = n.number
        {
            by_version.entry((number, n.kind, n.version)).or_insert(i);
        }
    }
    (by_file_name, by_version)
}

/// The document `text` at `path` (`rel_path` below the source folder) makes, named by its
/// file name; `None` when the path is no document's (a README, a template, not Markdown).
fn parse_document(
    path: PathBuf,
    rel_path: String,
    text: String,
    profile: &Profile,
) -> Option<Document> {
    if !name::is_document_path(&rel_path, &profile.prefix) {
        return None;
    }
    let name = name::document_name(paths::file_name(&rel_path), &profile.prefix);
    let display = path.display().to_string();
    Some(Document::parse(path, rel_path, display, name, text))
}

fn load_one(
    root: &Path,
    folder: &Folder,
    path: &Path,
    linked: bool,
    profile: &Profile,
    limits: &Limits,
    before: Option<Document>,
) -> Loaded {
    let display = path.display().to_string();
    let rel_path = paths::relative(root, path);
    if !name::is_document_path(&rel_path, &profile.prefix) {
        return Loaded::Skipped(path.to_owned());
    }
    let name = name::document_name(paths::file_name(&rel_path), &profile.prefix);
    // The walk does not follow links into folders, so a file it found that is no link itself
    // lies inside the folder: only links need resolving.
    let read = if linked {
        folder.read(path, limits.document_bytes)
    } else {
        crate::confined::read_regular(path, limits.document_bytes)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(reason) => {
            // The limit of documents is a setting; the refusal names it only here.
            let setting = match reason {
                crate::confined::Refusal::TooLarge { .. } => {
                    " (`[limits] document_bytes` in normwerk.toml)"
                }
                _ => "",
            };
            return Loaded::Finding(Box::new(Diagnostic::file(
                RuleId::Unreadable,
                &display,
                format!("cannot read: {reason}{setting}"),
            )));
        }
    };
    // Parsing depends on the path, the name and the text alone (the same bytes are valid UTF-8).
    if let Some(d) = before.filter(|d| {
        d.text.as_bytes() == bytes.as_slice() && d.name == name && d.rel_path == rel_path
    }) {
        return Loaded::Taken(Box::new(d));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Loaded::Finding(Box::new(not_utf8(&display, e))),
    };
    Loaded::Document(Box::new(Document::parse(
        path.to_owned(),
        rel_path,
        display,
        name,
        text,
    )))
}

/// Points at the first byte that is not UTF-8, showing the valid text before it.
fn not_utf8(display: &str, e: std::string::FromUtf8Error) -> Diagnostic {
    let valid_up_to = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    // The lossy text keeps every byte before the error, so offsets up to it are the same.
    let lines = LineIndex::new(&text);
    Diagnostic::at(
        RuleId::InvalidUtf8,
        display,
        &text,
        &lines,
        Span::new(valid_up_to, valid_up_to + 1),
        format!("the file is not valid UTF-8 (byte {valid_up_to})"),
    )
    .with_help("save the file as UTF-8")
}
