//! A site kept in memory (`normwerk serve`): every file by its path, written from any thread.

use super::sink::Target;
use crate::output::OutputError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The files of a site by path (relative to its root, `/`-separated).
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
    /// How many files were written (a partial rebuild writes over some of the files it starts
    /// with).
    written: AtomicUsize,
}

impl Memory {
    /// A site that starts as `files`.
    pub fn from_files(files: HashMap<String, Arc<[u8]>>) -> Self {
        Memory {
            files: Mutex::new(files),
            written: AtomicUsize::new(0),
        }
    }

    /// How many files were written into it.
    pub fn len_written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// The files made, to be served.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn put(&self, rel: &str, content: Arc<[u8]>) {
        self.written.fetch_add(1, Ordering::Relaxed);
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel.to_owned(), content);
    }
}

impl Target for Memory {
    fn write(&self, rel: &str, content: &[u8]) -> Result<(), OutputError> {
        self.put(rel, Arc::from(content));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        let bytes = std::fs::read(from).map_err(|source| OutputError::Read {
            path: from.to_owned(),
            source,
        })?;
        self.put(rel, Arc::from(bytes));
        Ok(())
    }
}
