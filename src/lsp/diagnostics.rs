//! Findings as the protocol's diagnostics: the range of the finding's span, its severity, the
//! rule's id as the code (with the rule's page when `[editor] rules_url` says where the book
//! is), the help and fix notes in the message, other places as related information.

use super::State;
use super::position::{Encoding, Text};
use crate::diagnostic::{Diagnostic, Severity, Span};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Range, Url,
};

/// The address of a file findings name (absolute paths, as the server loads the corpus).
pub fn url_of(file: &str) -> Option<Url> {
    Url::from_file_path(file).ok()
}

/// The range of `span` in `file`, or the file's start when the span or the file's text is
/// unknown (a finding about a whole file).
pub fn range_in(state: &State, encoding: Encoding, file: &str, span: Option<Span>) -> Range {
    match (span, state.text_of(file)) {
        (Some(span), Some((text, lines))) => Text {
            text,
            lines,
            encoding,
        }
        .range(span),
        _ => Range::default(),
    }
}

pub fn to_lsp(state: &State, encoding: Encoding, d: &Diagnostic) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    // The label is what the human report writes under the span: here only when it adds to the
    // message.
    if let Some(label) = d
        .label
        .as_ref()
        .filter(|l| !l.is_empty() && !d.message.contains(l.as_str()))
    {
        message.push_str(&format!(" ({label})"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    if let Some(fix) = &d.fix {
        message.push_str(&format!("\nfix: {}", fix.note()));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    url_of(&r.file)?,
                    range_in(state, encoding, &r.file, r.span),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    let rule = d.rule.as_str();
    lsp_types::Diagnostic {
        range: range_in(state, encoding, &d.file, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(rule.to_owned())),
        code_description: rule_url(state, rule).map(|href| CodeDescription { href }),
        source: Some("normwerk".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The rule's page of the book at the configured address (`{rule}` replaced by its id).
fn rule_url(state: &State, rule: &str) -> Option<Url> {
    let pattern = state.config.editor.rules_url.as_deref()?;
    Url::parse(&pattern.replace("{rule}", rule)).ok()
}

/// The diagnostics of `file` as of the last lint.
pub fn of_file(state: &State, encoding: Encoding, file: &str) -> Vec<lsp_types::Diagnostic> {
    state
        .findings
        .get(file)
        .into_iter()
        .flatten()
        .map(|d| to_lsp(state, encoding, d))
        .collect()
}
