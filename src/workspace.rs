//! Where a run's documents and settings come from: `--config` and `--source` as given, the
//! `normwerk.toml` found from the source folder or the working directory, the default folders
//! (`standards-src`, `Standards`), and the corpus loaded from there.

use crate::config::{Config, ConfigError};
use crate::corpus::{Corpus, CorpusError};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// `hint` names what this command also accepts, e.g. a folder argument.
    #[error("no source folder: {hint}use --source, or set `source` in normwerk.toml")]
    NoSource { hint: &'static str },
}

/// What the command line names (the global `--config` and `--source`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub config: Option<PathBuf>,
    pub source: Option<PathBuf>,
}

/// A source folder with its configuration.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub config: Config,
    pub source: PathBuf,
}

impl Selection {
    /// The configuration for a folder: `--config`, else `normwerk.toml` in the folder or its
    /// parents, else in the working directory or its parents, else the built-in SCS profile.
    pub fn config_for(&self, folder: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => folder.and_then(Config::discover).or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| Config::discover(&d))
            }),
        };
        path.map_or_else(|| Ok(Config::default()), |p| Config::load(&p))
    }

    /// The workspace of the source folder: `--source`, else `source` in the configuration,
    /// else `standards-src` or `Standards` in the working directory. `hint` completes the
    /// message when there is none (what else the command accepts).
    pub fn workspace(&self, hint: &'static str) -> Result<Workspace, WorkspaceError> {
        let found = self.locate(hint)?;
        match found.config {
            Some(config) => Ok(Workspace {
                config,
                source: found.source,
            }),
            None => self.workspace_at(&found.source),
        }
    }

    /// The source folder, and the configuration when the one that named it is also the one
    /// the folder would find (so that it is read once).
    fn locate(&self, hint: &'static str) -> Result<Located, WorkspaceError> {
        if let Some(s) = &self.source {
            return Ok(Located {
                source: s.clone(),
                config: None,
            });
        }
        let config = self.config_for(None)?;
        if let Some(source) = config.source_dir() {
            let same = self.config.is_some() || Config::discover(&source) == config.path;
            return Ok(Located {
                source,
                config: same.then_some(config),
            });
        }
        default_source()
            .map(|source| Located {
                source,
                config: None,
            })
            .ok_or(WorkspaceError::NoSource { hint })
    }

    /// The workspace of an editor's project folder `root`: `--source` or `--config` as given
    /// (relative to `root`), else the `normwerk.toml` found from `root` and its `source`, else `standards-src` or
    /// `Standards` in `root`; `None` when `root` names none of these.
    pub fn workspace_in(&self, root: &Path) -> Result<Option<Workspace>, WorkspaceError> {
        // Relative paths given to the server are the project's, not those of the folder the
        // editor happened to start it in.
        let within = Selection {
            config: self.config.as_ref().map(|c| root.join(c)),
            source: self.source.as_ref().map(|s| root.join(s)),
        };
        if let Some(s) = &within.source {
            return within.workspace_at(s).map(Some);
        }
        let config = within.config_for(Some(root))?;
        let source = config.source_dir().or_else(|| default_source_in(root));
        Ok(source.map(|source| Workspace { config, source }))
    }

    /// The workspace of a given folder (a path given to `lint`).
    pub fn workspace_at(&self, folder: &Path) -> Result<Workspace, WorkspaceError> {
        Ok(Workspace {
            config: self.config_for(Some(folder))?,
            source: folder.to_owned(),
        })
    }
}

impl Workspace {
    /// Reads every document of the source folder.
    pub fn load(&self) -> Result<Corpus, CorpusError> {
        Corpus::load_limited(&self.source, &self.config.profile, &self.config.limits)
    }

    /// [`Workspace::load`], taking over the parsed documents of `before` that did not change
    /// (and saying, per document, whether it was taken).
    pub fn load_reusing(&self, before: Option<Corpus>) -> Result<(Corpus, Vec<bool>), CorpusError> {
        Corpus::load_reusing(
            &self.source,
            &self.config.profile,
            &self.config.limits,
            before,
        )
    }
}

/// A source folder as found, with its configuration when that is already read.
struct Located {
    source: PathBuf,
    config: Option<Config>,
}

/// The default source folder when neither the command line nor a config names one.
fn default_source() -> Option<PathBuf> {
    default_source_in(Path::new(""))
}

/// `standards-src` or `Standards` in `dir`, the first that is a folder.
fn default_source_in(dir: &Path) -> Option<PathBuf> {
    ["standards-src", "Standards"]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_dir())
}
