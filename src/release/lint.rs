//! The lint's rules on releases, release-modified and release-unverified (run by `lint` through
//! [`crate::lint::run::LintRequest::folder_checks`]): the published releases beside the standards folder
//! are what was released. Files, chain, tag and signature are checked (`release verify` also
//! recomputes every state).

use super::{Releases, Repo};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::RuleId;
use std::path::Path;

pub fn check(source: &Path, config: &Config) -> Vec<Diagnostic> {
    let folder = super::folder(source, config);
    let display = |name: &str| folder.join(format!("{name}.json")).display().to_string();
    let releases = match Releases::load(&folder) {
        Ok(r) => r,
        Err(e) => {
            return vec![Diagnostic::file(
                RuleId::ReleaseUnverified,
                &folder.display().to_string(),
                format!("the releases cannot be read: {e}"),
            )];
        }
    };
    let Ok(repo) = Repo::open(source) else {
        return releases
            .found
            .iter()
            .map(|f| {
                Diagnostic::file(
                    RuleId::ReleaseUnverified,
                    &f.path.display().to_string(),
                    "the release cannot be verified outside its git repository",
                )
            })
            .collect();
    };
    let mut out = Vec::new();
    for tag in repo.release_tags() {
        if releases.get(&tag).is_err() {
            out.push(
                Diagnostic::file(
                    RuleId::ReleaseModified,
                    &display(&tag),
                    format!("the release {tag} is tagged, but its manifest is gone: a release is never deleted"),
                )
                .with_help(format!("restore it: `git show {tag}:…` of the commit that added it, or `git checkout <commit> -- {}`", display(&tag))),
            );
        }
    }
    let verified = super::verify::verify_each(&repo, config, &releases);
    for v in verified {
        let file = display(&v.name);
        if let Some(m) = &v.modified {
            out.push(
                Diagnostic::file(RuleId::ReleaseModified, &file, m.clone())
                    .with_help("a published release never changes: restore the manifest as tagged, and make a new release for what changed"),
            );
        }
        for p in &v.problems {
            out.push(
                Diagnostic::file(
                    RuleId::ReleaseUnverified,
                    &file,
                    format!("release {}: {p}", v.name),
                )
                .with_help(format!(
                    "`normwerk release verify {}` checks it in full",
                    v.name
                )),
            );
        }
    }
    out
}
