//! What the language server keeps between messages: the workspace and its corpus, with the
//! editor's unsaved texts in place of the files, and the findings of the last lint. An edit
//! parses the one document again and lints again only the documents it can change the findings
//! of; the findings of the corpus as a whole are made again each time (they are cheap).

use crate::config::{Config, Profile};
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::name::reference_file_name;
use crate::lint::{self, schema::FieldSchema};
use crate::workspace::{Workspace, WorkspaceError};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Schema(#[from] lint::SchemaError),
}

/// What closing a document did.
#[derive(Debug)]
pub enum Closed {
    /// It was no document of the corpus.
    NotADocument,
    /// The file's text counts again; the files whose findings changed.
    Reverted(Vec<String>),
    /// The file cannot be read as a document any more (deleted, not UTF-8, too large): the
    /// workspace must be read again, as loading judges such files.
    Gone,
}

pub struct State {
    pub config: Config,
    pub corpus: Corpus,
    schema: FieldSchema,
    /// Per document (by index in the corpus): what [`lint::document_findings`] made for it.
    per_doc: Vec<Vec<Diagnostic>>,
    /// Every finding of the last lint, by file (as findings name it).
    pub findings: HashMap<String, Vec<Diagnostic>>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("root", &self.corpus.root)
            .finish_non_exhaustive()
    }
}

impl State {
    /// Reads the workspace's corpus (its folder made absolute, so that findings name files by
    /// absolute paths, which are addresses) and lints it.
    pub fn load(ws: &Workspace) -> Result<State, StateError> {
        State::load_reusing(ws, None)
    }

    /// [`State::load`], taking over the parsed documents of `before` whose files did not change.
    pub fn load_reusing(ws: &Workspace, before: Option<Corpus>) -> Result<State, StateError> {
        let source = std::fs::canonicalize(&ws.source).unwrap_or_else(|_| ws.source.clone());
        let ws = Workspace {
            config: ws.config.clone(),
            source,
        };
        let (corpus, _) = ws.load_reusing(before).map_err(WorkspaceError::from)?;
        let schema = FieldSchema::new(&ws.config.profile)?;
        let mut state = State {
            config: ws.config,
            corpus,
            schema,
            per_doc: Vec::new(),
            findings: HashMap::new(),
        };
        state.relint(None);
        Ok(state)
    }

    /// The frontmatter schema, as JSON.
    pub fn schema_json(&self) -> &serde_json::Value {
        &self.schema.json
    }

    /// The keys the schema defines.
    pub fn known_keys(&self) -> &[String] {
        &self.schema.known_keys
    }

    /// The keys whose value is a list of documents.
    pub fn list_keys(&self) -> &[String] {
        &self.schema.list_keys
    }

    /// Whether `path` lies in the corpus's folder.
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.corpus.root)
    }

    /// The document at `path`, if the corpus has one there.
    pub fn document_at(&self, path: &Path) -> Option<(usize, &Document)> {
        // By file name first (every message asks); a namesake in another folder by search.
        let named = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| self.corpus.index_of(n))
            .and_then(|i| Some((i, self.corpus.documents.get(i)?)))
            .filter(|(_, d)| d.path == path);
        named.or_else(|| {
            self.corpus
                .documents
                .iter()
                .enumerate()
                .find(|(_, d)| d.path == path)
        })
    }

    /// The text of a file findings name: a document's or a scope file's.
    pub fn text_of(&self, file: &str) -> Option<(&str, &crate::diagnostic::LineIndex)> {
        if let Some((_, d)) = self.document_at(Path::new(file)) {
            return Some((&d.text, d.lines()));
        }
        self.corpus
            .scopes
            .iter()
            .find(|s| s.display == file)
            .map(|s| (s.text.as_str(), s.lines()))
    }

    /// The editor holds `text` for `path` (opened or changed): the document is parsed again and
    /// what it touches linted again. Returns the files whose findings changed, or `None` when
    /// `path` is no document of the corpus (nothing is linted).
    pub fn set_text(&mut self, path: &Path, text: String) -> Option<Vec<String>> {
        if !self.contains(path) {
            return None;
        }
        self.put(path, text)
    }

    /// The editor closed `path`: the file's text on disk counts again, read as loading reads it.
    pub fn close(&mut self, path: &Path) -> Closed {
        if self.document_at(path).is_none() {
            return Closed::NotADocument;
        }
        let limit = self.config.limits.document_bytes;
        let text = crate::confined::read_regular(path, limit)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        match text {
            Some(text) => Closed::Reverted(self.put(path, text).unwrap_or_default()),
            None => Closed::Gone,
        }
    }

    /// Puts the document `path` with `text` into the corpus and lints what it touches.
    fn put(&mut self, path: &Path, text: String) -> Option<Vec<String>> {
        let profile = &self.config.profile;
        let before = self
            .document_at(path)
            .map(|(_, d)| Mentions::of(d, profile));
        let (i, added) = self.place(path, text)?;
        let (Some(mut mentions), false) = (before, added) else {
            return Some(self.relint(None));
        };
        // The same path, so the same name: only what it names may have changed.
        let profile = &self.config.profile;
        let docs = &self.corpus.documents;
        if let Some(d) = docs.get(i) {
            mentions.names.extend(names_in(d, profile));
        }
        let touched: BTreeSet<usize> = docs
            .par_iter()
            .enumerate()
            .filter(|(j, d)| *j == i || mentions.touches(d, profile))
            .map(|(j, _)| j)
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Some(self.relint(Some(&touched)))
    }

    /// Puts the document into the corpus: `(its index, whether it is new)`, `None` when `path` is
    /// no document path of the folder.
    fn place(&mut self, path: &Path, text: String) -> Option<(usize, bool)> {
        let doc = self.corpus.parse_at(path, text, &self.config.profile)?;
        // What loading found wrong with the file (unreadable, not UTF-8, too large) is not
        // true of the text the editor holds.
        let display = doc.display.clone();
        self.corpus.findings.retain(|f| f.file != display);
        // By index, not by file name: two folders may hold the same file name.
        match self.document_at(path).map(|(i, _)| i) {
            Some(i) => {
                self.corpus.put_at(i, doc);
                Some((i, false))
            }
            None => Some((self.corpus.insert(doc), true)),
        }
    }

    /// Lints again the documents `touched` (all when `None`) and the corpus as a whole; returns
    /// the files whose findings changed.
    fn relint(&mut self, touched: Option<&BTreeSet<usize>>) -> Vec<String> {
        let cx = lint::Context::new(&self.config, &self.corpus, &self.schema);
        match touched {
            Some(touched) if self.per_doc.len() == self.corpus.documents.len() => {
                let made: Vec<(usize, Vec<Diagnostic>)> = touched
                    .par_iter()
                    .filter_map(|&i| {
                        let d = self.corpus.documents.get(i)?;
                        Some((i, lint::document_findings(&cx, i, d)))
                    })
                    .collect();
                for (i, found) in made {
                    if let Some(slot) = self.per_doc.get_mut(i) {
                        *slot = found;
                    }
                }
            }
            _ => {
                self.per_doc = self
                    .corpus
                    .documents
                    .par_iter()
                    .enumerate()
                    .map(|(i, d)| lint::document_findings(&cx, i, d))
                    .collect();
            }
        }
        let all = lint::finish(&cx, self.per_doc.iter().flatten().cloned().collect());
        let mut by_file: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for d in all {
            by_file.entry(d.file.clone()).or_default().push(d);
        }
        let mut changed: Vec<String> = by_file
            .iter()
            .filter(|(f, list)| self.findings.get(*f) != Some(*list))
            .map(|(f, _)| f.clone())
            .chain(
                self.findings
                    .keys()
                    .filter(|f| !by_file.contains_key(*f))
                    .cloned(),
            )
            .collect();
        changed.sort();
        self.findings = by_file;
        changed
    }
}

/// What a document's findings can depend on in another document: its file name, its standard's
/// number, and the documents it names (frontmatter lists and links; before and after an edit).
/// Another document is touched by an edit of this one when it names this one, shares its number
/// or its file name (in another folder), or is named by it.
struct Mentions {
    path: PathBuf,
    file_name: String,
    number: Option<u32>,
    names: BTreeSet<String>,
}

impl Mentions {
    fn of(d: &Document, profile: &Profile) -> Mentions {
        Mentions {
            path: d.path.clone(),
            file_name: d.file_name.clone(),
            number: d.name.as_ref().and_then(|n| n.number),
            names: names_in(d, profile).collect(),
        }
    }

    fn touches(&self, other: &Document, profile: &Profile) -> bool {
        other.path != self.path
            && (other.file_name == self.file_name
                || self.names.contains(&other.file_name)
                || (self.number.is_some()
                    && other.name.as_ref().and_then(|n| n.number) == self.number)
                || names_in(other, profile).any(|n| n == self.file_name))
    }
}

/// The file names a document names: in its frontmatter lists and as link targets (resolved as
/// the link rules resolve them, so far as the link alone tells).
fn names_in<'d>(d: &'d Document, profile: &'d Profile) -> impl Iterator<Item = String> + 'd {
    let f = &d.fields;
    let listed = [&f.replaces, &f.replaced_by, &f.supplements]
        .into_iter()
        .flatten()
        .flat_map(|l| &l.items)
        .map(|item| reference_file_name(&item.value));
    let linked = d
        .links
        .iter()
        .filter_map(|l| lint::link_target::linked_file_name(profile, &l.dest));
    listed.chain(linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let ws = crate::workspace::Selection::default()
            .workspace_at(&root)
            .expect("the sample's workspace");
        State::load(&ws).expect("the sample loads")
    }

    /// The findings of a whole lint of the state's corpus, by file, as the state keeps them.
    fn full_lint(state: &State) -> HashMap<String, Vec<Diagnostic>> {
        let mut by_file: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for d in lint::lint_with(&state.corpus, &state.config, &state.schema) {
            by_file.entry(d.file.clone()).or_default().push(d);
        }
        by_file
    }

    #[test]
    fn each_edit_leaves_the_findings_of_a_whole_lint() {
        let mut state = sample();
        assert_eq!(state.findings, full_lint(&state));
        let root = state.corpus.root.clone();
        let path = |name: &str| root.join(name);
        let text = |state: &State, name: &str| {
            std::fs::read_to_string(state.corpus.root.join(name)).expect("a sample document")
        };
        let v1 = "scs-0110-v1-instance-metadata-labels.md";
        let v2 = "scs-0110-v2-instance-metadata-labels.md";
        let p0300 = "scs-0300-v1-federated-login-claims.md";
        let edits: Vec<(&str, String)> = vec![
            (
                v2,
                text(&state, v2).replace("status: Stable", "status: Final"),
            ),
            (v2, text(&state, v2).replace("## Standard", "## Norm")),
            (v2, text(&state, v2)),
            (
                v1,
                text(&state, v1).replace(
                    "replaced_by:\n  - scs-0110-v2-instance-metadata-labels.md\n",
                    "",
                ),
            ),
            (
                v2,
                text(&state, v2).replace(
                    "replaces:\n  - scs-0110-v1-instance-metadata-labels.md\n",
                    "",
                ),
            ),
            (v1, text(&state, v1)),
            (v2, text(&state, v2)),
            (
                p0300,
                text(&state, p0300).replace("## Standard", "## Claims"),
            ),
            (
                p0300,
                format!(
                    "{}\nSee [labels](scs-0110-v2-instance-metadata-labels.md#nowhere).\n",
                    text(&state, p0300)
                ),
            ),
            (p0300, "---\ntitle: [broken\n---\n".to_owned()),
            (p0300, text(&state, p0300)),
        ];
        for (i, (name, new)) in edits.into_iter().enumerate() {
            let changed = state
                .set_text(&path(name), new)
                .expect("a document of the sample");
            let whole = full_lint(&state);
            assert_eq!(state.findings, whole, "edit {i} of {name}");
            // Every file whose findings differ from before is reported as changed.
            for f in &changed {
                assert!(f.ends_with(".md") || f.ends_with(".yaml"), "{f}");
            }
        }
        // A new document, only in the editor, and then closed: it is gone again.
        let new = path("scs-0110-v3-instance-metadata-labels.md");
        let draft = text(&state, v2).replace("status: Stable", "status: Draft");
        state.set_text(&new, draft).expect("a document path");
        assert_eq!(state.findings, full_lint(&state));
        assert!(state.document_at(&new).is_some());
        // Closed unsaved, it has no file: the workspace must be read again (the server does).
        assert!(matches!(state.close(&new), Closed::Gone));
        // A document edited and closed without saving: its file's text counts again.
        let edited = text(&state, v2).replace("## Standard", "## Norm");
        state.set_text(&path(v2), edited).expect("a document");
        assert!(matches!(state.close(&path(v2)), Closed::Reverted(changed) if !changed.is_empty()));
        assert!(state.document_at(&new).is_some());
        assert_eq!(state.findings, full_lint(&state));
        assert!(matches!(
            state.close(&path("README.md")),
            Closed::NotADocument
        ));
        // Not documents: a file outside the folder, a README.
        assert!(
            state
                .set_text(Path::new("/elsewhere/scs-0001-v1-x.md"), String::new())
                .is_none()
        );
        assert!(
            state
                .set_text(&path("README.md"), "# x\n".to_owned())
                .is_none()
        );
    }
}
