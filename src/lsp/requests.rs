//! The editor's requests, each answered from the model: a result, or the protocol's error.

use super::position::Text;
use super::server::{Server, path_of};
use super::{actions, completion, hover, navigate};
use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{HoverContents, MarkupContent, MarkupKind, Range, Url};

impl Server<'_> {
    pub(super) fn request(&self, request: Request) -> Response {
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
        // Only documents of the corpus: other Markdown files (a README) get nothing.
        let (doc, offset) = self.at(uri, position)?;
        let state = self.state.as_ref()?;
        let offer = completion::complete(state, doc, offset, crate::asof::today())?;
        let text = Text {
            text: &doc.text,
            lines: doc.lines(),
            encoding: self.encoding,
        };
        let range = Range::new(
            text.position(offer.replace.0),
            text.position(offer.replace.1),
        );
        Some(completion::to_lsp(offer, range))
    }
}
