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
mod requests;
mod server;
pub mod state;
mod sync;

pub use state::State;

use crate::workspace::Selection;
use lsp_server::{Connection, ErrorCode, Message, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    OneOf, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use position::Encoding;
use server::Server;
use std::collections::HashMap;
use std::path::PathBuf;

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
