//! Files that documents link to (images, attachments) and that lie in the source folder: copied
//! into the site where the document page's relative link expects them.

use crate::corpus::Corpus;
use crate::markdown::{LinkDest, classify_link};
use crate::urls::{self, resolve};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file a document links to, to be copied into the site.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Its real path, inside the source folder.
    pub source: PathBuf,
    /// The document that links to it, as displayed, and the link as written.
    pub linked_from: String,
    pub dest: String,
}

/// The linked files by their path in the site, and the links whose file would land on another
/// file of the site (a page, or another document's attachment) as messages naming the document.
pub fn linked_files(corpus: &Corpus) -> (BTreeMap<String, Attachment>, Vec<String>) {
    let mut files: BTreeMap<String, Attachment> = BTreeMap::new();
    let mut clashes = Vec::new();
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
            // Hidden folders (`.git`) are not part of the corpus. Links there, and linked files
            // that are active content, stop the build before this (`lint::publishable`, which
            // read each SVG once already).
            if corpus.folder.hidden_part(&source).is_some() {
                continue;
            }
            let Some(site_path) = resolve(&page, &path) else {
                continue;
            };
            match files.get(&site_path) {
                Some(other) if other.source != source => clashes.push(format!(
                    "{}: `{}` would be published at {site_path}, where {} puts `{}`",
                    doc.display, link.dest, other.linked_from, other.dest
                )),
                Some(_) => {}
                None => {
                    files.insert(
                        site_path,
                        Attachment {
                            source,
                            linked_from: doc.display.clone(),
                            dest: link.dest.clone(),
                        },
                    );
                }
            }
        }
    }
    (files, clashes)
}
