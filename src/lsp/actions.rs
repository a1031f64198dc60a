//! Quick fixes: every fix the lint knows for a finding in the requested range, as the editor's
//! code action on that finding's diagnostic. Safe fixes (those `lint --fix` makes) are the
//! preferred action; unsafe ones are offered too, for the author to decide, a rename as a file
//! operation.

use super::State;
use super::diagnostics::{range_in, to_lsp, url_of};
use super::position::Encoding;
use crate::diagnostic::{Applicability, FixChange};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChangeOperation, DocumentChanges,
    Range, RenameFile, ResourceOp, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

pub fn actions(
    state: &State,
    encoding: Encoding,
    file: &str,
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let Some(uri) = url_of(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in state.findings.get(file).into_iter().flatten() {
        let Some(fix) = &d.fix else { continue };
        let at = range_in(state, encoding, file, d.span);
        if !overlaps(at, range) {
            continue;
        }
        let safe = fix.applicability == Applicability::Safe;
        let edit = match &fix.change {
            FixChange::Replace { span, replacement } => WorkspaceEdit {
                changes: Some(HashMap::from([(
                    uri.clone(),
                    vec![TextEdit::new(
                        range_in(state, encoding, file, Some(*span)),
                        replacement.clone(),
                    )],
                )])),
                ..WorkspaceEdit::default()
            },
            FixChange::Rename { rename_to } => {
                let Some(new_uri) = std::path::Path::new(file)
                    .parent()
                    .and_then(|p| url_of(&p.join(rename_to).display().to_string()))
                else {
                    continue;
                };
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Operations(vec![
                        DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
                            old_uri: uri.clone(),
                            new_uri,
                            options: None,
                            annotation_id: None,
                        })),
                    ])),
                    ..WorkspaceEdit::default()
                }
            }
        };
        let title = if safe {
            fix.description.clone()
        } else {
            format!("{} (unsafe: review it)", fix.description)
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(state, encoding, d)]),
            edit: Some(edit),
            is_preferred: Some(safe),
            ..CodeAction::default()
        }));
    }
    out
}

/// Whether two ranges share a position (touching counts: a cursor at a finding's end asks
/// for it).
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
