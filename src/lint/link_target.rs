//! Where a link of a document leads, resolved as the link rules resolve it (`body.rs`,
//! `canonical.rs`): a relative path (percent-decoded, a sibling's file name first, else the
//! path from the document's folder), or an address of the body's published site naming a
//! document or a standard. For the editor, which must know which documents a link names.

use crate::canonical::{parse, standard_number};
use crate::certification::{UrlTarget, url_target};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::Document;
use crate::markdown::{LinkDest, classify_link};
use std::path::Path;

/// The file name of the document `dest` names, as far as the link alone tells (no lookup): the
/// last segment of a relative path, or the id of a document page of the published site with
/// `.md`. `None` for other links, a link within the document, and a standard's page.
pub fn linked_file_name(profile: &Profile, dest: &str) -> Option<String> {
    match classify_link(dest) {
        LinkDest::Relative { path, .. } => {
            let name = path.rsplit(['/', '\\']).next().unwrap_or(&path);
            (!name.is_empty()).then(|| name.to_owned())
        }
        LinkDest::External => {
            let address = parse(&profile.canonical_url, dest, &profile.prefix)?;
            standard_number(&address.id, &profile.prefix)
                .is_none()
                .then(|| format!("{}.md", address.id))
        }
        LinkDest::SiteAbsolute => None,
    }
}

/// The document of `corpus` that `dest` (a link of `doc`) leads to, and the fragment it names.
/// A standard's page leads to its newest version (its anchors are the page's, not the version's).
pub fn link_target<'a>(
    corpus: &'a Corpus,
    profile: &Profile,
    doc: &'a Document,
    dest: &str,
) -> Option<(&'a Document, Option<String>)> {
    match classify_link(dest) {
        LinkDest::Relative { path, fragment, .. } => {
            if path.is_empty() {
                return Some((doc, fragment));
            }
            let at_path = |p: &Path| {
                corpus
                    .documents
                    .iter()
                    .find(|d| crate::paths::normalize(&d.path) == p)
            };
            let target = relative_target(corpus, doc, &path, at_path).ok()?;
            Some((target, fragment))
        }
        LinkDest::External => match url_target(corpus, profile, dest) {
            UrlTarget::Document { doc, fragment } => Some((doc, fragment)),
            UrlTarget::Standard(number) => Some((corpus.newest_version(number)?, None)),
            UrlTarget::Missing { .. } | UrlTarget::Elsewhere => None,
        },
        LinkDest::SiteAbsolute => None,
    }
}

/// Where the percent-decoded `path` of a relative link of `doc` leads: a document of the
/// corpus (a sibling by file name first, else the document at the path from `doc`'s folder,
/// which `at_path` finds by its normalised path), or the normalised path it names.
pub(crate) fn relative_target<'a>(
    corpus: &'a Corpus,
    doc: &Document,
    path: &str,
    at_path: impl Fn(&Path) -> Option<&'a Document>,
) -> Result<&'a Document, std::path::PathBuf> {
    let same_folder = |p: &str| p.rsplit_once('/').map(|(dir, _)| dir.to_owned());
    let sibling = (!path.contains(['/', '\\']))
        .then(|| corpus.by_file_name(path))
        .flatten()
        .filter(|d| same_folder(&d.rel_path) == same_folder(&doc.rel_path));
    if let Some(sibling) = sibling {
        return Ok(sibling);
    }
    let base = doc.path.parent().unwrap_or(Path::new("."));
    let target = crate::paths::normalize(&base.join(path));
    at_path(&target).ok_or(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn a_standard_leads_to_its_newest_version_and_a_page_to_its_document() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let config = Config::default();
        let corpus = Corpus::load(&root, &config.profile).expect("the sample loads");
        let doc = corpus
            .by_file_name("scs-0300-v1-federated-login-claims.md")
            .expect("a sample document");
        let target = |dest: &str| {
            link_target(&corpus, &config.profile, doc, dest)
                .map(|(d, anchor)| (d.file_name.as_str(), anchor))
        };
        // A standard's page: its newest version, not a supplement.
        assert_eq!(
            target("https://docs.scs.community/standards/scs-0110"),
            Some(("scs-0110-v2-instance-metadata-labels.md", None))
        );
        assert_eq!(
            target("https://docs.scs.community/standards/scs-0110-v1-instance-metadata-labels#x"),
            Some((
                "scs-0110-v1-instance-metadata-labels.md",
                Some("x".to_owned())
            ))
        );
        assert_eq!(
            target("scs-0111-v1-volume-snapshot-retention.md"),
            Some(("scs-0111-v1-volume-snapshot-retention.md", None))
        );
        assert_eq!(
            target("https://docs.scs.community/standards/scs-0999"),
            None
        );
        assert_eq!(target("https://example.org/"), None);
    }
}
