//! The server's state between messages: the editor's open texts, the workspace and its
//! [`State`], where the workspace was found; loading it (again) and publishing findings.

use super::position::Encoding;
use super::{State, diagnostics};
use crossbeam_channel::Sender;
use lsp_server::{Message, Notification, Request};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{PublishDiagnosticsParams, Url};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A document the editor has open: its text as the editor has it, and the version it gave.
pub(super) struct Open {
    pub(super) text: String,
    pub(super) version: i32,
}

pub(super) struct Server<'a> {
    pub(super) selection: &'a crate::workspace::Selection,
    pub(super) sender: &'a Sender<Message>,
    pub(super) encoding: Encoding,
    pub(super) state: Option<State>,
    pub(super) open: HashMap<PathBuf, Open>,
    /// The folder the workspace was found from, and the document that named it, if one did.
    pub(super) root: Option<(PathBuf, Option<PathBuf>)>,
}

impl Server<'_> {
    pub(super) fn send(&self, message: Message) {
        // The editor went away when this fails: the receiving loop then ends too.
        let _ = self.sender.send(message);
    }

    /// Loads the workspace of the folder `root` (`file`: a document it must hold); says why in
    /// the editor when it cannot.
    pub(super) fn load(&mut self, root: &Path, file: Option<&Path>) {
        self.root = Some((root.to_owned(), file.map(Path::to_owned)));
        let Some(ws) = self.workspace(root, file) else {
            // No corpus there (any more): what was published of the last one is withdrawn.
            if let Some(gone) = self.state.take() {
                for file in gone.findings.keys() {
                    self.send_diagnostics(file, Vec::new());
                }
            }
            return;
        };
        let before = self.state.take();
        let published: Vec<String> = before
            .as_ref()
            .map(|s| s.findings.keys().cloned().collect())
            .unwrap_or_default();
        match State::load_reusing(&ws, before.map(|s| s.corpus)) {
            Ok(mut state) => {
                // The editor's texts count, not the files.
                for (path, open) in &self.open {
                    state.set_text(path, open.text.clone());
                }
                let mut files: Vec<String> = state.findings.keys().cloned().collect();
                files.extend(published);
                files.sort();
                files.dedup();
                self.state = Some(state);
                self.publish(files, None);
            }
            Err(e) => self.show_error(&format!("normwerk: {}: {e}", ws.source.display())),
        }
    }

    /// The workspace of the folder `root` (`file`: a document it must hold), as the command
    /// line finds it; says why in the editor when it cannot be read.
    fn workspace(&self, root: &Path, file: Option<&Path>) -> Option<crate::workspace::Workspace> {
        let found = match self.selection.workspace_in(root) {
            Ok(found) => found,
            Err(e) => {
                self.show_error(&e.to_string());
                return None;
            }
        };
        let found = found.filter(|ws| {
            file.is_none_or(|f| {
                f.starts_with(std::fs::canonicalize(&ws.source).unwrap_or_default())
            })
        });
        match (found, file) {
            (Some(ws), _) => Some(ws),
            // A document outside any configured folder: its own folder is the corpus, when
            // its name is a document's (not for any Markdown file, whose folder may be large).
            (None, Some(file)) => match self.selection.workspace_at(root) {
                Ok(ws) => is_document_name(file, &ws.config).then_some(ws),
                Err(e) => {
                    self.show_error(&e.to_string());
                    None
                }
            },
            (None, None) => None,
        }
    }

    /// Files changed outside the editor: the workspace is found and read again (the
    /// configuration may have come, gone or changed its `source`), unless every change is the
    /// editor's own save of an open document.
    pub(super) fn files_changed(&mut self, p: lsp_types::DidChangeWatchedFilesParams) {
        let saved = |e: &lsp_types::FileEvent| {
            e.typ == lsp_types::FileChangeType::CHANGED
                && path_of(&e.uri).is_some_and(|path| {
                    self.open
                        .get(&path)
                        .is_some_and(|o| std::fs::read_to_string(&path).is_ok_and(|t| t == o.text))
                })
        };
        if p.changes.iter().all(saved) {
            return;
        }
        self.reload();
    }

    /// Finds the workspace again where it was found, and reads it again.
    pub(super) fn reload(&mut self) {
        if let Some((root, file)) = self.root.clone() {
            self.load(&root, file.as_deref());
        }
    }

    /// Asks the editor to report changes of the files the corpus is made of (documents, scope
    /// files, the configuration), made outside it.
    pub(super) fn watch_files(&self) {
        let watchers = ["**/*.md", "**/*.{yaml,yml}", "**/normwerk.toml"]
            .into_iter()
            .map(|glob| lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(glob.to_owned()),
                kind: None,
            })
            .collect();
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "normwerk-files".to_owned(),
                method: note::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(
                    lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            }],
        };
        let id = lsp_server::RequestId::from("normwerk-watch".to_owned());
        self.send(Request::new(id, req::RegisterCapability::METHOD.to_owned(), params).into());
    }

    /// Publishes the findings of the files `changed` and of `also`.
    pub(super) fn publish(&self, changed: Vec<String>, also: Option<&Path>) {
        let Some(state) = &self.state else { return };
        let mut files = changed;
        if let Some(path) = also
            .and_then(|p| state.document_at(p))
            .map(|(_, d)| &d.display)
            && !files.contains(path)
        {
            files.push(path.clone());
        }
        for file in files {
            let found = diagnostics::of_file(state, self.encoding, &file);
            self.send_diagnostics(&file, found);
        }
    }

    /// The diagnostics of `file` to the editor, with the version of its text when it is open.
    fn send_diagnostics(&self, file: &str, diagnostics: Vec<lsp_types::Diagnostic>) {
        let Some(uri) = diagnostics::url_of(file) else {
            return;
        };
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: self.open.get(Path::new(file)).map(|o| o.version),
        };
        self.send(Notification::new(note::PublishDiagnostics::METHOD.to_owned(), params).into());
    }

    fn show_error(&self, message: &str) {
        let params = lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: message.to_owned(),
        };
        self.send(Notification::new(note::ShowMessage::METHOD.to_owned(), params).into());
    }
}

/// The file path of a `file:` address, made canonical when the file (or its folder) exists, as
/// the corpus's paths are.
pub(super) fn path_of(uri: &Url) -> Option<PathBuf> {
    let path = uri.to_file_path().ok()?;
    if let Ok(real) = std::fs::canonicalize(&path) {
        return Some(real);
    }
    match (path.parent(), path.file_name()) {
        (Some(folder), Some(name)) => std::fs::canonicalize(folder)
            .ok()
            .map(|f| f.join(name))
            .or(Some(path)),
        _ => Some(path),
    }
}

fn is_document_name(file: &Path, config: &crate::config::Config) -> bool {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::document::name::is_document_path(&name, &config.profile.prefix)
}
