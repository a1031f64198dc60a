//! `broken-anchor`: the `#anchor` of a link into the corpus, relative or to the published site.

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::rules::RuleId;

/// `broken-anchor`: `#fragment` of a link from `doc` must be a heading or HTML anchor of `target`.
pub(super) fn check(
    doc: &Document,
    target: &Document,
    fragment: &str,
    span: Span,
    out: &mut Vec<Diagnostic>,
) {
    if has_anchor(target, fragment) {
        return;
    }
    let near = closest_anchor(target, fragment);
    let mut d = doc
        .diag(
            RuleId::BrokenAnchor,
            span,
            format!(
                "`#{fragment}` is no heading or anchor of {}",
                if std::ptr::eq(target, doc) {
                    "this document".to_owned()
                } else {
                    format!("`{}`", target.file_name)
                }
            ),
        )
        .with_label("unknown anchor");
    d = match near {
        Some(a) => d.with_help(format!("did you mean `#{a}`?")),
        None => d.with_help(
            "anchors are heading texts in lower case, spaces as hyphens, punctuation dropped",
        ),
    };
    out.push(d);
}

/// Whether `fragment` is a heading anchor or an HTML anchor of `target` (ignoring case).
pub(super) fn has_anchor(target: &Document, fragment: &str) -> bool {
    target
        .headings
        .iter()
        .map(|h| h.anchor.as_str())
        .chain(target.html_anchors.iter().map(String::as_str))
        .any(|a| a.eq_ignore_ascii_case(fragment))
}

/// The heading anchor of `target` closest to `fragment`: for "did you mean".
pub(super) fn closest_anchor<'t>(target: &'t Document, fragment: &str) -> Option<&'t str> {
    super::closest(
        &fragment.to_lowercase(),
        target.headings.iter().map(|h| h.anchor.as_str()),
    )
}
