//! `normwerk lsp`: the Language Server Protocol over stdio, for the Markdown documents of a
//! corpus. The editor's texts replace the files as they are typed; each edit is linted at once
//! ([`state`]) and the findings of every file whose findings changed are published. Requests
//! are answered from the same model: quick fixes ([`actions`]), hover ([`hover`]), completion
//! ([`completion`]), definitions and symbols ([`navigate`]). One thread answers messages in
//! order (lsp-server's stdio transport reads and writes on two more), as rust-analyzer's
//! scaffold intends; a lint of one edit takes milliseconds.

pub mod actions;
pub mod completion;
pub mod diagnostics;
pub mod hover;
pub mod navigate;
pub mod position;
pub mod state;

pub use state::State;

use crate::workspace::Selection;
use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverContents, HoverProviderCapability,
    InitializeParams, MarkupContent, MarkupKind, OneOf, PublishDiagnosticsParams, Range,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use position::{Encoding, Text};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("the language server's connection failed: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the language server's input or output failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the editor's initialize request is not valid: {0}")]
    Initialize(#[from] serde_json::Error),
    /// The protocol wants exit code 1 for an `exit` without a `shutdown` before it.
    #[error("the editor ended the server without asking it to shut down")]
    ExitWithoutShutdown,
}

/// Serves the editor on stdin and stdout until it asks the server to exit or goes away.
pub fn run_stdio(selection: &Selection) -> Result<(), LspError> {
    let (connection, io) = Connection::stdio();
    let served = serve(&connection, selection);
    // The writer thread ends when the last sender is gone; the reader ends after `exit` or at
    // the end of the input.
    drop(connection);
    let joined = io.join();
    served?;
    Ok(joined?)
}

/// Serves one editor on `connection`: the protocol's lifecycle (`initialize`, requests and
/// notifications, `shutdown`, `exit`) by hand, so that every message gets its answer.
pub fn serve(connection: &Connection, selection: &Selection) -> Result<(), LspError> {
    let sender = &connection.sender;
    let Some((id, params)) = initialize(connection)? else {
        return Ok(());
    };
    let encoding = Encoding::choose(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "(".into(), "/".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "normwerk", "version": env!("CARGO_PKG_VERSION") },
    });
    let _ = sender.send(Response::new_ok(id, result).into());
    let mut server = Server {
        selection,
        sender,
        encoding,
        state: None,
        open: HashMap::new(),
        root: None,
    };
    if watches(&params) {
        server.watch_files();
    }
    if let Some(root) = root_of(&params) {
        server.load(&root, None);
    }
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(r) if shut_down => {
                let message = "the server is shutting down".to_owned();
                server.send(
                    Response::new_err(r.id, ErrorCode::InvalidRequest as i32, message).into(),
                );
            }
            Message::Request(r) if r.method == req::Shutdown::METHOD => {
                shut_down = true;
                server.send(Response::new_ok(r.id, serde_json::Value::Null).into());
            }
            Message::Request(request) => {
                let response = server.request(request);
                server.send(response.into());
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => {
                return match shut_down {
                    true => Ok(()),
                    false => Err(LspError::ExitWithoutShutdown),
                };
            }
            Message::Notification(n) if !shut_down => server.notify(n),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    // The editor went away (its end of stdin closed).
    Ok(())
}

/// Waits for the editor's `initialize` request: other requests before it get the protocol's
/// "not initialized" error, an invalid one "invalid params" (and the server waits for a valid
/// one); `exit` ends the server. `None` when the editor went away.
fn initialize(
    connection: &Connection,
) -> Result<Option<(lsp_server::RequestId, InitializeParams)>, LspError> {
    let answer = |id, code: ErrorCode, message: String| {
        let _ = connection
            .sender
            .send(Response::new_err(id, code as i32, message).into());
    };
    for message in &connection.receiver {
        match message {
            Message::Request(r) if r.method == req::Initialize::METHOD => {
                match serde_json::from_value::<InitializeParams>(r.params) {
                    Ok(params) => return Ok(Some((r.id, params))),
                    Err(e) => answer(
                        r.id,
                        ErrorCode::InvalidParams,
                        format!("the initialize request is not valid: {e}"),
                    ),
                }
            }
            Message::Request(r) => answer(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".to_owned(),
            ),
            Message::Notification(n) if n.method == note::Exit::METHOD => {
                return Err(LspError::ExitWithoutShutdown);
            }
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    Ok(None)
}

/// Whether the editor lets the server ask it to watch files.
fn watches(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// The editor's project folder: its first workspace folder, else its root.
#[expect(
    deprecated,
    reason = "`root_uri` and `root_path` are what older editors send"
)]
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref());
    match uri {
        Some(uri) => uri.to_file_path().ok(),
        None => params.root_path.as_ref().map(PathBuf::from),
    }
}

/// A document the editor has open: its text as the editor has it, and the version it gave.
struct Open {
    text: String,
    version: i32,
}

struct Server<'a> {
    selection: &'a Selection,
    sender: &'a Sender<Message>,
    encoding: Encoding,
    state: Option<State>,
    open: HashMap<PathBuf, Open>,
    /// The folder the workspace was found from, and the document that named it, if one did.
    root: Option<(PathBuf, Option<PathBuf>)>,
}

impl Server<'_> {
    fn send(&self, message: Message) {
        // The editor went away when this fails: the receiving loop then ends too.
        let _ = self.sender.send(message);
    }

    /// Loads the workspace of the folder `root` (`file`: a document it must hold); says why in
    /// the editor when it cannot.
    fn load(&mut self, root: &Path, file: Option<&Path>) {
        self.root = Some((root.to_owned(), file.map(Path::to_owned)));
        let Some(ws) = self.workspace(root, file) else {
            // No corpus there (any more): what was published of the last one is withdrawn.
            if let Some(gone) = self.state.take() {
                for file in gone.findings.keys() {
                    self.publish_empty(file);
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
    fn files_changed(&mut self, p: lsp_types::DidChangeWatchedFilesParams) {
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
        if let Some((root, file)) = self.root.clone() {
            self.load(&root, file.as_deref());
        }
    }

    /// Asks the editor to report changes of the files the corpus is made of (documents, scope
    /// files, the configuration), made outside it.
    fn watch_files(&self) {
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

    fn publish_empty(&self, file: &str) {
        if let Some(uri) = diagnostics::url_of(file) {
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            };
            self.send(
                Notification::new(note::PublishDiagnostics::METHOD.to_owned(), params).into(),
            );
        }
    }

    fn show_error(&self, message: &str) {
        let params = lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: message.to_owned(),
        };
        self.send(Notification::new(note::ShowMessage::METHOD.to_owned(), params).into());
    }

    /// A notification; one whose parameters are not valid is dropped (it has no answer).
    fn notify(&mut self, n: Notification) {
        fn params<T: serde::de::DeserializeOwned>(n: Notification) -> Option<T> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                params(n).and_then(|p| self.did_open(p));
            }
            note::DidChangeTextDocument::METHOD => {
                params(n).and_then(|p| self.did_change(p));
            }
            note::DidCloseTextDocument::METHOD => {
                if let Some(path) = params::<lsp_types::DidCloseTextDocumentParams>(n)
                    .and_then(|p| path_of(&p.text_document.uri))
                {
                    self.did_close(&path);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Some(p) = params(n) {
                    self.files_changed(p);
                }
            }
            _ => {}
        }
    }

    fn did_open(&mut self, p: lsp_types::DidOpenTextDocumentParams) -> Option<()> {
        let path = path_of(&p.text_document.uri)?;
        let text = p.text_document.text;
        let version = p.text_document.version;
        self.open.insert(
            path.clone(),
            Open {
                text: text.clone(),
                version,
            },
        );
        // The first document opened names the workspace when the editor's folder did not; a
        // document outside a loaded workspace gets no findings.
        if self.state.is_none()
            && let Some(folder) = path.parent()
        {
            self.load(folder, Some(&path));
        }
        self.edited(&path, text);
        Some(())
    }

    fn did_change(&mut self, p: lsp_types::DidChangeTextDocumentParams) -> Option<()> {
        let path = path_of(&p.text_document.uri)?;
        let encoding = self.encoding;
        let open = self.open.get_mut(&path)?;
        for change in p.content_changes {
            apply(&mut open.text, change, encoding);
        }
        open.version = p.text_document.version;
        let text = open.text.clone();
        self.edited(&path, text);
        Some(())
    }

    fn did_close(&mut self, path: &Path) {
        self.open.remove(path);
        let changed = self.state.as_mut().and_then(|s| s.close(path));
        self.publish(changed.unwrap_or_default(), None);
    }

    /// The editor holds `text` for `path`: lint, and publish what changed and the document's.
    fn edited(&mut self, path: &Path, text: String) {
        let changed = self.state.as_mut().and_then(|s| s.set_text(path, text));
        self.publish(changed.unwrap_or_default(), Some(path));
    }

    /// Publishes the findings of the files `changed` and of `also`.
    fn publish(&self, changed: Vec<String>, also: Option<&Path>) {
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
            let Some(uri) = diagnostics::url_of(&file) else {
                continue;
            };
            let version = self.open.get(Path::new(&file)).map(|o| o.version);
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics: diagnostics::of_file(state, self.encoding, &file),
                version,
            };
            self.send(
                Notification::new(note::PublishDiagnostics::METHOD.to_owned(), params).into(),
            );
        }
    }

    fn request(&self, request: Request) -> Response {
        let id = request.id.clone();
        match self.answer(request) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer(&self, r: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params = |value: serde_json::Value| value;
        let invalid = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match r.method.as_str() {
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams =
                    serde_json::from_value(params(r.params)).map_err(invalid)?;
                let at = &p.text_document_position_params;
                let found =
                    self.at(&at.text_document.uri, at.position)
                        .and_then(|(doc, offset)| {
                            let state = self.state.as_ref()?;
                            hover::hover(state, doc, offset, crate::asof::today())
                        });
                json(serde_json::to_value(found.map(|value| lsp_types::Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    }),
                    range: None,
                })))
            }
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams =
                    serde_json::from_value(r.params).map_err(invalid)?;
                let at = &p.text_document_position;
                json(serde_json::to_value(
                    self.completion(&at.text_document.uri, at.position),
                ))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams =
                    serde_json::from_value(r.params).map_err(invalid)?;
                let at = &p.text_document_position_params;
                let found =
                    self.at(&at.text_document.uri, at.position)
                        .and_then(|(doc, offset)| {
                            let target = navigate::target_at(self.state.as_ref()?, doc, offset)?;
                            navigate::location(self.encoding, &target)
                        });
                json(serde_json::to_value(
                    found.map(lsp_types::GotoDefinitionResponse::Scalar),
                ))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams =
                    serde_json::from_value(r.params).map_err(invalid)?;
                let found = self.document(&p.text_document.uri).map(|doc| {
                    lsp_types::DocumentSymbolResponse::Nested(navigate::outline(doc, self.encoding))
                });
                json(serde_json::to_value(found))
            }
            req::WorkspaceSymbolRequest::METHOD => {
                let p: lsp_types::WorkspaceSymbolParams =
                    serde_json::from_value(r.params).map_err(invalid)?;
                let found = self.state.as_ref().map(|s| {
                    lsp_types::WorkspaceSymbolResponse::Flat(navigate::workspace_symbols(
                        s, &p.query,
                    ))
                });
                json(serde_json::to_value(found))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams =
                    serde_json::from_value(r.params).map_err(invalid)?;
                let found = self.document(&p.text_document.uri).and_then(|doc| {
                    let state = self.state.as_ref()?;
                    Some(actions::actions(
                        state,
                        self.encoding,
                        &doc.display,
                        p.range,
                    ))
                });
                json(serde_json::to_value(found))
            }
            req::Initialize::METHOD => Err((
                ErrorCode::InvalidRequest,
                "the server is initialized already".to_owned(),
            )),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("normwerk does not answer `{other}`"),
            )),
        }
    }

    /// The document of the corpus at `uri`.
    fn document(&self, uri: &Url) -> Option<&crate::document::Document> {
        let path = path_of(uri)?;
        self.state.as_ref()?.document_at(&path).map(|(_, d)| d)
    }

    /// The document at `uri` and the byte offset of `position` in it.
    fn at(
        &self,
        uri: &Url,
        position: lsp_types::Position,
    ) -> Option<(&crate::document::Document, usize)> {
        let doc = self.document(uri)?;
        let text = Text {
            text: &doc.text,
            lines: doc.lines(),
            encoding: self.encoding,
        };
        Some((doc, text.offset(position)))
    }

    fn completion(
        &self,
        uri: &Url,
        position: lsp_types::Position,
    ) -> Option<Vec<lsp_types::CompletionItem>> {
        let state = self.state.as_ref()?;
        let path = path_of(uri)?;
        // Only documents of the corpus: other Markdown files (a README) get nothing.
        let (_, doc) = state.document_at(&path)?;
        let text = doc.text.as_str();
        let lines = crate::diagnostic::LineIndex::new(text);
        let at = Text {
            text,
            lines: &lines,
            encoding: self.encoding,
        };
        let today = crate::asof::today();
        let offer = completion::complete(state, doc, at.offset(position), today)?;
        let range = Range::new(at.position(offer.replace.0), at.position(offer.replace.1));
        Some(completion::to_lsp(offer, range))
    }
}

/// The file path of a `file:` address, made canonical when the file (or its folder) exists, as
/// the corpus's paths are.
fn path_of(uri: &Url) -> Option<PathBuf> {
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

/// Applies one change the editor sent: the whole text, or a range replaced.
fn apply(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent, encoding: Encoding) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let lines = crate::diagnostic::LineIndex::new(text);
    let at = Text {
        text,
        lines: &lines,
        encoding,
    };
    let (start, end) = (at.offset(range.start), at.offset(range.end));
    let (start, end) = (start.min(end), end.max(start));
    text.replace_range(start..end, &change.text);
}
