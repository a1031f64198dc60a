//! Files that documents link to (images, attachments) and that lie in the source folder: copied
//! into the site where the document page's relative link expects them.

use crate::corpus::Corpus;
use crate::markdown::{LinkDest, classify_link};
use crate::urls::{self, resolve};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The source file of each linked file, by its path in the site.
pub fn linked_files(corpus: &Corpus) -> BTreeMap<String, PathBuf> {
    let root = crate::paths::normalize(&corpus.root);
    let mut files = BTreeMap::new();
    for doc in &corpus.documents {
        let page = format!("{}index.html", urls::document(doc));
        for link in &doc.links {
            let LinkDest::Relative { path, .. } = classify_link(&link.dest) else {
                continue;
            };
            if path.is_empty() || path.ends_with(".md") {
                continue;
            }
            let source =
                crate::paths::normalize(&doc.path.parent().unwrap_or(Path::new(".")).join(&path));
            // Nothing outside the source folder is published.
            if !source.is_file() || !source.starts_with(&root) {
                continue;
            }
            if let Some(site_path) = resolve(&page, &path) {
                files.insert(site_path, source);
            }
        }
    }
    files
}
