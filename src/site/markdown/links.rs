//! Where a link in a body goes on the site: a relative link to another document's `.md` file,
//! and an absolute link to a document or standard page of the body's own public site
//! (`profile.canonical_url`), both to the local page. Every other link stays as written, and so
//! does one to a page this site does not have.

use crate::canonical;
use crate::corpus::Corpus;
use crate::markdown::{LinkDest, classify_link};
use crate::urls::file_id;

/// The body's own public site: its address and the prefix of its document names.
#[derive(Debug, Clone, Default)]
pub struct Canonical {
    pub url: String,
    pub prefix: String,
}

/// The page (relative to a document page, `standards/<file-id>/index.html`) a link of a body
/// names, or `None` to keep the link as written.
pub fn body_link(corpus: &Corpus, site: &Canonical, dest: &str) -> Option<String> {
    page_link(corpus, dest).or_else(|| canonical_link(corpus, site, dest))
}

/// A relative link to a document file of the corpus.
fn page_link(corpus: &Corpus, dest: &str) -> Option<String> {
    let LinkDest::Relative {
        path, raw_fragment, ..
    } = classify_link(dest)
    else {
        return None;
    };
    let name = path.rsplit('/').next().unwrap_or(&path);
    let target = corpus.by_file_name(name)?;
    let anchor = raw_fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Some(format!("../{}/index.html{anchor}", file_id(target)))
}

/// An absolute link to the public site's page of a document (`/standards/<file-id>`) or of a
/// standard (`/standards/<track>/<standard-id>`) that this site has too.
fn canonical_link(corpus: &Corpus, site: &Canonical, dest: &str) -> Option<String> {
    if site.url.is_empty() {
        return None;
    }
    let address = canonical::parse(&site.url, dest, &site.prefix)?;
    let fragment = address.fragment.as_deref().filter(|f| !f.is_empty());
    let (folder, anchor) = match canonical::standard_number(&address.id, &site.prefix) {
        // A standard's page has no anchors of the document's: such a link stays as written.
        Some(_) if fragment.is_some() => return None,
        Some(number) => (
            corpus
                .documents
                .iter()
                .filter_map(|d| d.name.as_ref())
                .find(|n| n.number == Some(number) && !n.is_proposal())?
                .standard_id()?,
            None,
        ),
        None => {
            let target = corpus.by_file_name(&format!("{}.md", address.id))?;
            // The anchor as the page has it (the public site ignores its case); one the page
            // lacks keeps the link as written, for the lint's `broken-anchor` to report.
            let anchor = match fragment {
                Some(f) => Some(
                    target
                        .headings
                        .iter()
                        .map(|h| h.anchor.as_str())
                        .chain(target.html_anchors.iter().map(String::as_str))
                        .find(|a| a.eq_ignore_ascii_case(f))?,
                ),
                None => None,
            };
            (file_id(target), anchor)
        }
    };
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    Some(format!("../{folder}/index.html{anchor}"))
}
