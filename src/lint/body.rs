//! Rules on the body: relative links and anchors, and the order of lifecycle dates (a
//! per-document check that needs no other document). Sections are `sections.rs`.

use super::Context;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::markdown::{LinkDest, classify_link};
use crate::rules::RuleId;
use std::path::Path;

pub fn check_dates(doc: &Document, out: &mut Vec<Diagnostic>) {
    let f = &doc.fields;
    if let (Some(s), Some(d)) = (&f.stabilized_at, &f.deprecated_at)
        && let (Some(sd), Some(dd)) = (s.date, d.date)
        && dd < sd
    {
        out.push(
            doc.diag(
                RuleId::DateOrder,
                d.raw.span,
                format!("deprecated on {dd}, before it was stabilized on {sd}"),
            )
            .with_label("before `stabilized_at`")
            .with_help("a document is deprecated after it was Stable: check both dates"),
        );
    }
    if let (Some(s), Some(r)) = (&f.stabilized_at, &f.rejected_at)
        && let (Some(sd), Some(rd)) = (s.date, r.date)
        && rd < sd
    {
        out.push(
            doc.diag(
                RuleId::DateOrder,
                r.raw.span,
                format!("rejected on {rd}, before `stabilized_at` ({sd})"),
            )
            .with_label("before `stabilized_at`"),
        );
    }
}

/// Which link rules run: all of them, or only those that stop a publication (`link-outside`,
/// `active-content`; see `publishable.rs`), without the lookups the others need.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Blockers,
}

pub fn check_links(cx: &Context<'_>, doc: &Document, scope: Scope, out: &mut Vec<Diagnostic>) {
    for link in &doc.links {
        let (decoded, fragment) = match classify_link(&link.dest) {
            LinkDest::Relative { path, fragment, .. } => (path, fragment),
            // Of other sites only the body's own published site is known.
            LinkDest::External => {
                if scope == Scope::All {
                    super::canonical::check(cx, doc, link, out);
                }
                continue;
            }
            // Site-absolute links cannot be resolved from the source tree.
            LinkDest::SiteAbsolute => continue,
        };
        let span = Span::new(link.range.0, link.range.1);
        let target_doc = if decoded.is_empty() {
            Some(doc)
        } else {
            match super::link_target::relative_target(cx.corpus, doc, &decoded, |p| {
                cx.document_at(p)
            }) {
                Ok(target) => Some(target),
                // Documents of the corpus are known to exist and to lie inside it; only other
                // targets cost a `stat`.
                Err(target) => {
                    let file = FileLink {
                        is_image: link.is_image,
                        span,
                        decoded: &decoded,
                        target: &target,
                    };
                    if check_file_target(cx, doc, &file, scope, out) {
                        continue;
                    }
                    None
                }
            }
        };
        if scope == Scope::Blockers {
            continue;
        }
        if let Some(target) = target_doc.filter(|_| !decoded.is_empty()) {
            super::link_text::check(
                cx,
                doc,
                link,
                super::link_text::Target::Document(target),
                out,
            );
        }
        let (Some(fragment), Some(target)) = (fragment, target_doc) else {
            continue;
        };
        if !fragment.is_empty() {
            super::anchor::check(doc, target, &fragment, span, out);
        }
    }
}

/// A relative link to a file, resolved.
struct FileLink<'a> {
    is_image: bool,
    span: Span,
    /// As written, percent-decoded.
    decoded: &'a str,
    /// Resolved against the document's folder.
    target: &'a Path,
}

/// A link to a file that is not a document of the corpus: it must exist, lie inside the source
/// folder (and not in a hidden folder there), and not be content that would run in a reader's
/// browser. Returns whether the link is settled (a finding was made, or none is wanted).
fn check_file_target(
    cx: &Context<'_>,
    doc: &Document,
    link: &FileLink<'_>,
    scope: Scope,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let &FileLink {
        is_image,
        span,
        decoded,
        target,
    } = link;
    let what = if is_image { "image" } else { "link target" };
    if let Some(label) = outside(cx, target) {
        out.push(
            doc.diag(
                RuleId::LinkOutside,
                span,
                format!("the {what} `{decoded}` leads outside the source folder"),
            )
            .with_label(label)
            .with_help(
                "only files inside the source folder are published; move the file into it, or \
                 link to its published address",
            ),
        );
        return true;
    }
    // One `stat` answers whether it exists, is a folder, is a file.
    let Ok(meta) = std::fs::metadata(target) else {
        if scope == Scope::Blockers {
            return true;
        }
        out.push(
            doc.diag(
                RuleId::BrokenLink,
                span,
                format!("the {what} `{decoded}` does not exist"),
            )
            .with_label(format!("resolves to {}", target.display()))
            .with_help(match super::canonical::similar_file(cx, decoded, target) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    "fix the path (relative to this document) or link to the published page".into()
                }
            }),
        );
        return true;
    };
    // The site publishes documents (as pages) and linked files; a folder or a Markdown file
    // that is no document (a README, a template) has no address there.
    let unpublished = if meta.is_dir() {
        Some("is a folder, which the site does not publish")
    } else if target.extension().is_some_and(|e| e == "md") {
        // As the site reads it (`site::attachments`): `.md` is Markdown, `.MD` an ordinary file.
        Some("is a Markdown file but no document, which the site does not publish")
    } else {
        None
    };
    if let Some(why) = unpublished {
        if scope == Scope::Blockers {
            return true;
        }
        out.push(
            doc.diag(
                RuleId::BrokenLink,
                span,
                format!("the {what} `{decoded}` {why}"),
            )
            .with_label(format!("resolves to {}", target.display()))
            .with_help("link to a document, a file, or the address of the page meant"),
        );
        return true;
    }
    if meta.is_file()
        && let Some(why) = super::active::active_content(target)
    {
        out.push(
            doc.diag(
                RuleId::ActiveContent,
                span,
                format!("the {what} `{decoded}` would run in readers' browsers: {why}"),
            )
            .with_help(
                "link to a PNG or a script-free SVG, or publish the file elsewhere and link to \
                 its address",
            ),
        );
        return true;
    }
    false
}

/// Why an existing link target lies outside the corpus (by `..`, through a symbolic link, or in
/// a hidden folder such as `.git`), as a label; `None` for targets inside it and for those that
/// do not exist.
fn outside(cx: &Context<'_>, target: &Path) -> Option<String> {
    match cx.corpus.folder.resolve(target) {
        Err(crate::confined::Refusal::Outside { target, .. }) => {
            Some(format!("resolves to {}", target.display()))
        }
        Ok(real) => {
            let hidden = cx.corpus.folder.hidden_part(&real)?;
            Some(format!(
                "lies in `{hidden}`, which is hidden and not part of the corpus"
            ))
        }
        Err(_) => None,
    }
}
