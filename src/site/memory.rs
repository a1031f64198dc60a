//! A site kept in memory (`normwerk serve`): every file by its path, written from any thread.

use super::sink::Target;
use crate::output::OutputError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

/// The files of a site by path (relative to its root, `/`-separated).
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl Memory {
    /// The files made, to be served.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn put(&self, rel: &str, content: Arc<[u8]>) {
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
