//! Links to the body's own published site (`profile.canonical_url`): the absolute address of a
//! document page there is a link into the corpus, checked like a relative one (`broken-link`,
//! `broken-anchor`, `link-text-mismatch`). Other addresses on that host are left alone.

use super::Context;
use super::link_text::{self, Target};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::markdown::{Link, github_slug, percent_decode};
use crate::rules::RuleId;
use std::path::Path;

/// A page address of the published site that names a document or a standard, not yet looked
/// up: `/standards/<id>` or `/standards/<track>/<id>`, where `<id>` starts with `PREFIX-NNNN`
/// (or `PREFIX-xxxx`), with or without a trailing `/`, `.md`, `.html` or `/index.html`.
#[derive(Debug, PartialEq, Eq)]
struct Address {
    /// The track segment as written, if the address has one.
    track: Option<String>,
    /// The file id (`scs-0100-v3-flavor-naming`) or standard id (`scs-0100`), percent-decoded.
    id: String,
    /// The part after `#`, percent-decoded.
    fragment: Option<String>,
}

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
                let help = match similar_document(cx, &address.id) {
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
pub(super) fn similar_document<'a>(cx: &Context<'a>, id: &str) -> Option<&'a Document> {
    let docs = &cx.corpus.documents;
    let file_ids = || docs.iter().map(|d| d.file_name.trim_end_matches(".md"));
    let lower = id.to_lowercase();
    if let Some(found) = file_ids().position(|f| f.to_lowercase() == lower) {
        return docs.get(found);
    }
    if let Some(near) = super::closest(id, file_ids()) {
        return cx.corpus.by_file_name(&format!("{near}.md"));
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
    let near = similar_document(cx, written.strip_suffix(".md")?)?;
    cx.document_at(&target.with_file_name(&near.file_name))?;
    let folder = decoded.strip_suffix(written).unwrap_or_default();
    Some(format!("{folder}{}", near.file_name))
}

/// Reads `dest` as an address of a document or standard page of the site at `site`; `None` for
/// any other address (another host, another path on the same host, an empty `site`).
fn parse(site: &str, dest: &str, prefix: &str) -> Option<Address> {
    let rest = on_site(site, dest.trim())?;
    let (rest, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (rest, None),
    };
    let path = percent_decode(rest.split('?').next().unwrap_or(rest));
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.last() == Some(&"index.html") {
        segments.pop();
    }
    let (track, id) = match segments.as_slice() {
        ["standards", id] => (None, *id),
        ["standards", track, id] => (Some((*track).to_owned()), *id),
        _ => return None,
    };
    let id = id
        .strip_suffix(".md")
        .or_else(|| id.strip_suffix(".html"))
        .unwrap_or(id);
    names_a_document(id, prefix).then(|| Address {
        track,
        id: id.to_owned(),
        fragment,
    })
}

/// The part of `dest` after the site's address (`/standards/…`, or empty), when `dest` lies on
/// that site; `http` and `https` and the case of the host do not matter.
fn on_site<'d>(site: &str, dest: &'d str) -> Option<&'d str> {
    fn without_scheme(url: &str) -> Option<&str> {
        let (scheme, rest) = url.split_once("://")?;
        ["http", "https"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
            .then_some(rest)
    }
    let site = without_scheme(site.trim())?.trim_end_matches('/');
    let dest = without_scheme(dest)?;
    if site.is_empty() {
        return None;
    }
    let head = dest.get(..site.len())?;
    let rest = dest.get(site.len()..)?;
    (head.eq_ignore_ascii_case(site) && (rest.is_empty() || rest.starts_with(['/', '?', '#'])))
        .then_some(rest)
}

/// Whether a page name is meant to name a document or standard: `PREFIX-NNNN` or
/// `PREFIX-xxxx`, alone or followed by `-` (any case). `scs-compatible-iaas` is not.
fn names_a_document(id: &str, prefix: &str) -> bool {
    let Some(head) = id.get(..prefix.len()) else {
        return false;
    };
    let Some(rest) = id.get(prefix.len()..).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let number = rest.get(..4).unwrap_or_default();
    let after = rest.get(4..).unwrap_or_default();
    head.eq_ignore_ascii_case(prefix)
        && number.len() == 4
        && (number.bytes().all(|b| b.is_ascii_digit())
            || number.bytes().all(|b| b.eq_ignore_ascii_case(&b'x')))
        && (after.is_empty() || after.starts_with('-'))
}

/// The number of a standard id (`scs-0100`, `SCS-0100`: the prefix in any case, four digits).
fn standard_number(id: &str, prefix: &str) -> Option<u32> {
    let head = id.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let digits = id.get(prefix.len()..)?.strip_prefix('-')?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests;
