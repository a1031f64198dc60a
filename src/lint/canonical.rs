//! Links to the body's own published site (`profile.canonical_url`): the absolute address of a
//! document page there is a link into the corpus, checked like a relative one (`broken-link`,
//! `broken-anchor`, `link-text-mismatch`). Other addresses on that host are left alone.

use super::Context;
use super::link_text::{self, Target};
use crate::canonical::{Address, parse, standard_number};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::markdown::{Link, github_slug};
use crate::rules::RuleId;
use std::path::Path;

/// Why an address of a document page does not lead to one of the corpus.
struct Broken {
    message: String,
    help: String,
}

/// Checks one link of `doc` if it leads to a document or standard page of the published site;
/// other links are left alone.
pub fn check(cx: &Context<'_>, doc: &Document, link: &Link, out: &mut Vec<Diagnostic>) {
    let site = cx.config.profile.canonical_url.as_str();
    let Some(address) = parse(site, &link.dest, &cx.config.profile.prefix) else {
        return;
    };
    let span = Span::new(link.range.0, link.range.1);
    let target = match look_up(cx, site, &address) {
        Ok(target) => target,
        Err(broken) => {
            let what = if link.is_image { "image" } else { "link" };
            out.push(
                doc.diag(
                    RuleId::BrokenLink,
                    span,
                    format!("the {what} `{}` {}", link.dest.trim(), broken.message),
                )
                .with_label("no such page of the published site")
                .with_help(broken.help),
            );
            return;
        }
    };
    if let Target::Document(target) = target
        && let Some(fragment) = address.fragment.as_deref().filter(|f| !f.is_empty())
    {
        super::anchor::check(doc, target, fragment, span, out);
    }
    link_text::check(cx, doc, link, target, out);
}

/// The document or standard page an address names, if it is one of the corpus.
fn look_up<'a>(cx: &Context<'a>, site: &str, address: &Address) -> Result<Target<'a>, Broken> {
    let profile = &cx.config.profile;
    let page = |path: &str| format!("{}/standards/{path}", site.trim_end_matches('/'));
    let target = match standard_number(&address.id, &profile.prefix) {
        Some(number) => {
            if !cx
                .corpus
                .documents
                .iter()
                .any(|d| d.name.as_ref().and_then(|n| n.number) == Some(number))
            {
                return Err(Broken {
                    message: format!(
                        "names the standard `{}`, of which there is no document",
                        address.id
                    ),
                    help: "link to the page of a standard or document of the corpus".to_owned(),
                });
            }
            Target::Standard(number)
        }
        None => match cx.corpus.by_file_name(&format!("{}.md", address.id)) {
            Some(d) => Target::Document(d),
            None => {
                let help = match similar_document(cx.corpus, &address.id) {
                    Some(d) => format!("did you mean `{}`?", page(&crate::urls::file_id(d))),
                    None => "a document's page is `/standards/` and its file name without `.md`"
                        .to_owned(),
                };
                return Err(Broken {
                    message: format!("names no document of the corpus (`{}.md`)", address.id),
                    help,
                });
            }
        },
    };
    // A page below a track is only there for the standard's own track.
    if let Some(written) = &address.track {
        let digit = match target {
            Target::Document(d) => d.name.as_ref().and_then(|n| n.track_digit()),
            // Standard ids have four digits (`standard_number`); the second names the track.
            Target::Standard(n) => Some(n / 100 % 10),
        };
        if let Some(track) = digit.and_then(|d| profile.track_by_digit(d))
            && github_slug(&track.name) != *written
        {
            let slug = github_slug(&track.name);
            return Err(Broken {
                message: format!(
                    "is below the track `{written}`, but `{}` is in {}",
                    address.id, track.name
                ),
                help: format!(
                    "did you mean `{}`?",
                    page(&format!("{slug}/{}", address.id))
                ),
            });
        }
    }
    Ok(target)
}

/// A document of the corpus whose file id is close to `id` (a case or a slug differing): for
/// "did you mean". The same document id with another slug counts as close too.
pub(super) fn similar_document<'a>(corpus: &'a Corpus, id: &str) -> Option<&'a Document> {
    let docs = &corpus.documents;
    let file_ids = || docs.iter().map(|d| d.file_name.trim_end_matches(".md"));
    let lower = id.to_lowercase();
    if let Some(found) = file_ids().position(|f| f.to_lowercase() == lower) {
        return docs.get(found);
    }
    if let Some(near) = super::closest(id, file_ids()) {
        return corpus.by_file_name(&format!("{near}.md"));
    }
    // `scs-0100-v3-old-slug`: the document id before the slug.
    docs.iter().find(|d| {
        d.name
            .as_ref()
            .is_some_and(|n| n.number.is_some() && lower.starts_with(&format!("{}-", n.id())))
    })
}

/// For a relative link to a missing `.md` file: the link as written with the file name of a
/// document of the same folder whose name is close to it.
pub(super) fn similar_file(cx: &Context<'_>, decoded: &str, target: &Path) -> Option<String> {
    let written = decoded.rsplit('/').next()?;
    let near = similar_document(cx.corpus, written.strip_suffix(".md")?)?;
    cx.document_at(&target.with_file_name(&near.file_name))?;
    let folder = decoded.strip_suffix(written).unwrap_or_default();
    Some(format!("{folder}{}", near.file_name))
}
