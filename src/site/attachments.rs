//! Files that documents link to (images, attachments) and that lie in the source folder: copied
//! into the site where the document page's relative link expects them.

use crate::corpus::Corpus;
use crate::markdown::{LinkDest, classify_link};
use crate::urls::{self, resolve};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The source file of each linked file, by its path in the site.
pub fn linked_files(corpus: &Corpus) -> BTreeMap<String, PathBuf> {
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
            // Nothing outside the source folder is published, nor anything but a regular file:
            // the copy is made from the file's real path, checked to lie inside the folder
            // (links that leave it stop the build before this: `lint::publishable`).
            let Ok(source) = corpus.folder.regular_file(&source) else {
                continue;
            };
            if let Some(site_path) = resolve(&page, &path) {
                files.insert(site_path, source);
            }
        }
    }
    files
}
