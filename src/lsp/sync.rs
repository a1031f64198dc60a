//! The editor's texts: documents opened, changed (whole or by ranges) and closed, each time
//! linted and the findings that changed published.

use super::position::{Encoding, Text};
use super::server::{Open, Server, path_of};
use super::state::Closed;
use lsp_server::Notification;
use lsp_types::notification::{self as note, Notification as _};
use std::path::Path;

impl Server<'_> {
    /// A notification; one whose parameters are not valid is dropped (it has no answer).
    pub(super) fn notify(&mut self, n: Notification) {
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
        match self.state.as_mut().map(|s| s.close(path)) {
            Some(Closed::Reverted(changed)) => self.publish(changed, None),
            // Read as loading reads files: the folder again, the open texts put back.
            Some(Closed::Gone) => self.reload(),
            Some(Closed::NotADocument) | None => {}
        }
    }

    /// The editor holds `text` for `path`: lint, and publish what changed and the document's.
    fn edited(&mut self, path: &Path, text: String) {
        let changed = self.state.as_mut().and_then(|s| s.set_text(path, text));
        self.publish(changed.unwrap_or_default(), Some(path));
    }
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
