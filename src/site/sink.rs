//! Where the files of a build go as they are made: written into the staging folder at once, on
//! whichever core made them, so that the site is never whole in memory (at 10,000 documents it
//! is over 500 MB). What the later steps need is kept: every path (the sitemap, the clash check
//! of linked files) and each page's anchors and links (the link check).

use super::BuildError;
use super::linkcheck::PageLinks;
use crate::output::{OutputError, Staged};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// Where the files of a build land: the staging folder of `build` ([`Staged`]), or the memory
/// of `serve` ([`super::Memory`]). Written from any thread.
pub trait Target: Sync {
    /// Writes the file `rel` (relative to the site root, `/`-separated).
    fn write(&self, rel: &str, content: &[u8]) -> Result<(), OutputError>;
    /// Copies the file `from` (inside the source folder) to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError>;
}

impl Target for Staged {
    fn write(&self, rel: &str, content: &[u8]) -> Result<(), OutputError> {
        Staged::write(self, rel, content)
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        Staged::copy(self, rel, from)
    }
}

/// A file of the site: its path relative to the site root, and its content.
pub type Page = (String, String);

/// The files written so far, by path, with the links of the HTML pages.
pub type Written = Vec<(String, Option<PageLinks>)>;

pub struct Sink<'a> {
    staged: &'a dyn Target,
    written: Mutex<Written>,
    /// Where in the site the files go: empty, or a folder (`releases/2025-q1/`) for a copy of a
    /// site inside the site, whose pages link relative to that folder.
    prefix: String,
}

impl<'a> Sink<'a> {
    pub fn new(staged: &'a dyn Target) -> Self {
        Sink::in_folder(staged, String::new())
    }

    /// A sink that puts every file under `prefix` (a folder path ending in `/`).
    pub fn in_folder(staged: &'a dyn Target, prefix: String) -> Self {
        Sink {
            staged,
            written: Mutex::new(Vec::new()),
            prefix,
        }
    }

    /// Writes one file of the site.
    pub fn emit(&self, (path, text): Page) -> Result<(), BuildError> {
        let path = if self.prefix.is_empty() {
            path
        } else {
            format!("{}{path}", self.prefix)
        };
        let links = path
            .ends_with(".html")
            .then(|| PageLinks::read(&path, &text));
        self.staged.write(&path, text.as_bytes())?;
        self.lock().push((path, links));
        Ok(())
    }

    /// Writes one file that is not a page (an image of a release's copy): recorded, so that the
    /// link check and the site's record know it.
    pub fn emit_bytes(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let path = format!("{}{path}", self.prefix);
        self.staged.write(&path, bytes)?;
        self.lock().push((path, None));
        Ok(())
    }

    pub fn emit_all(&self, pages: impl IntoIterator<Item = Page>) -> Result<(), BuildError> {
        pages.into_iter().try_for_each(|page| self.emit(page))
    }

    /// The paths written so far, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.lock().iter().map(|(p, _)| p.clone()).collect();
        paths.sort_unstable();
        paths
    }

    /// Every file written, sorted by path. Two files at one path are an error: one would
    /// silently replace the other, and which one would depend on timing.
    pub fn finish(self) -> Result<Written, BuildError> {
        let mut written = self
            .written
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let twice: Vec<String> = written
            .windows(2)
            .filter_map(|w| match w {
                [(a, _), (b, _)] if a == b => Some(format!("{a}: made twice")),
                _ => None,
            })
            .collect();
        if twice.is_empty() {
            Ok(written)
        } else {
            Err(BuildError::Clashes(twice))
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
