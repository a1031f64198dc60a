//! What a release of a commit holds: its files and their index as of a day, made the same way
//! by `release` and by `verify`.

use super::ReleaseError;
use super::git::Repo;
use super::manifest::{FileEntry, ScopeInForce};
use crate::config::Config;
use crate::index::Index;
use crate::publish::{PublishError, PublishOptions};
use crate::scopes::Validity;
use jiff::civil::Date;

/// What a release of `commit` as of `as_of` holds: its files, their index (the commit as its
/// source, no history, no address) and the scope versions in force.
pub fn contents(
    repo: &Repo,
    commit: &git2::Commit<'_>,
    config: &Config,
    as_of: Date,
) -> Result<(Vec<FileEntry>, Index, Vec<ScopeInForce>), ReleaseError> {
    let (files, corpus) = repo.snapshot(commit, &config.profile, &config.limits)?;
    let opts = PublishOptions {
        no_history: true,
        ..Default::default()
    };
    let publication = match crate::publish::prepare(&corpus, config, as_of.into(), &opts) {
        Ok(p) => p,
        Err(PublishError::Blocked(findings)) => {
            return Err(ReleaseError::Blocked(
                findings.iter().map(crate::report::concise::line).collect(),
            ));
        }
        Err(e) => return Err(ReleaseError::Publish(e)),
    };
    let mut index = publication.index;
    index.header.source.commit = Some(commit.id().to_string());
    index.header.source.dirty = Some(false);
    index.header.base_url = None;
    let scopes_in_force = index
        .scopes
        .iter()
        .flat_map(|s| {
            s.versions.iter().filter_map(|v| {
                let validity = v.validity?;
                matches!(validity, Validity::Effective | Validity::Warn).then(|| ScopeInForce {
                    scope: s.id.clone(),
                    version: v.version.clone(),
                    validity: validity.as_str().to_owned(),
                })
            })
        })
        .collect();
    Ok((files, index, scopes_in_force))
}
