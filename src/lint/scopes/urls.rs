//! `scope-broken-url` and `scope-broken-anchor`: the `url` of a module or test case that is a
//! page of the body's published site names a document of the corpus, and its `#anchor` a heading
//! of that document. Addresses elsewhere (raw files on GitHub, other hosts) are left alone.

use super::ScopeContext;
use crate::certification::{UrlTarget, url_target};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Document, Spanned};
use crate::lint::anchor::{closest_anchor, has_anchor};
use crate::lint::canonical::similar_document;
use crate::rules::RuleId;
use crate::scopes::ScopeFile;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in cx.files {
        let scope = &file.scope;
        let urls = scope
            .modules
            .iter()
            .filter_map(|m| m.url.as_ref())
            .chain(scope.testcases.iter().filter_map(|t| t.url.as_ref()));
        for url in urls {
            check_url(cx, file, url, out);
        }
    }
}

fn check_url(
    cx: &ScopeContext<'_>,
    file: &ScopeFile,
    url: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let corpus = cx.corpus;
    match url_target(corpus, &cx.config.profile, &url.value) {
        UrlTarget::Elsewhere => {}
        UrlTarget::Standard(number) => {
            let known = corpus
                .documents
                .iter()
                .any(|d| d.name.as_ref().and_then(|n| n.number) == Some(number));
            if !known {
                out.push(
                    file.diag(
                        RuleId::ScopeBrokenUrl,
                        url.span,
                        format!(
                            "`{}` is the page of a standard of which the corpus has no document",
                            url.value
                        ),
                    )
                    .with_label("no such standard")
                    .with_help("point to the page of a document of the corpus"),
                );
            }
        }
        UrlTarget::Missing { id } => {
            let help = match similar_document(corpus, &id) {
                Some(near) => {
                    let near_id = crate::urls::file_id(near);
                    let suggestion = if url.value.contains(id.as_str()) {
                        url.value.replacen(id.as_str(), &near_id, 1)
                    } else {
                        near_id
                    };
                    format!("did you mean `{suggestion}`?")
                }
                None => {
                    "a document's page is `/standards/` and its file name without `.md`".to_owned()
                }
            };
            out.push(
                file.diag(
                    RuleId::ScopeBrokenUrl,
                    url.span,
                    format!(
                        "`{}` names no document of the corpus (`{id}.md`)",
                        url.value
                    ),
                )
                .with_label("no such page of the published site")
                .with_help(help),
            );
        }
        UrlTarget::Document {
            doc,
            fragment: Some(fragment),
        } if !has_anchor(doc, &fragment) => {
            out.push(broken_anchor(file, url, doc, &fragment));
        }
        UrlTarget::Document { .. } => {}
    }
}

fn broken_anchor(
    file: &ScopeFile,
    url: &Spanned<String>,
    doc: &Document,
    fragment: &str,
) -> Diagnostic {
    let help = match closest_anchor(doc, fragment) {
        Some(near) => format!("did you mean `#{near}`?"),
        None => format!(
            "point to a heading of `{}` (its text in lower case, spaces as hyphens, punctuation \
             dropped), or drop the `#…`",
            doc.file_name
        ),
    };
    file.diag(
        RuleId::ScopeBrokenAnchor,
        fragment_span(file, url),
        format!(
            "`#{fragment}` is no heading or anchor of `{}`",
            doc.file_name
        ),
    )
    .with_label("unknown anchor")
    .with_help(help)
}

/// The `#…` of a url value written as it reads (plain, quoted without escapes, or a one-line
/// block); else the whole value.
fn fragment_span(file: &ScopeFile, url: &Spanned<String>) -> Span {
    let written = url.span.text_in(&file.text);
    match (written.find(url.value.as_str()), url.value.find('#')) {
        (Some(at), Some(hash)) => {
            let start = url.span.start + at;
            Span::new(start + hash, start + url.value.len())
        }
        _ => url.span,
    }
}

#[cfg(test)]
mod tests {
    use super::fragment_span;
    use crate::scopes::ScopeFile;

    /// The span of the `#…` of the first test case's url.
    fn fragment(yaml: &str) -> String {
        let file = ScopeFile::parse(
            "x.yaml".into(),
            "x.yaml".into(),
            "x.yaml".into(),
            yaml.into(),
        );
        let url = file.scope.testcases[0].url.clone().unwrap();
        fragment_span(&file, &url).text_in(&file.text).to_owned()
    }

    #[test]
    fn the_anchor_is_pointed_at_however_the_url_is_quoted() {
        let tc = |url: &str| format!("scripts:\n- testcases:\n  - id: a\n    url: {url}\n");
        assert_eq!(fragment(&tc("https://h/s/d#one")), "#one");
        assert_eq!(fragment(&tc("\"https://h/s/d#one\"")), "#one");
        assert_eq!(fragment(&tc("'https://h/s/d#one'  # a comment")), "#one");
        assert_eq!(fragment(&tc(">-\n      https://h/s/d#one\n")), "#one");
        // An escape makes the written text differ from the value: the whole value, quotes and all.
        assert_eq!(
            fragment(&tc("\"https://h/s/d\\x23one\"")),
            "\"https://h/s/d\\x23one\""
        );
    }
}
