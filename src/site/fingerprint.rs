//! What a site was made from, as one SHA-256: every input of the build (the documents and every
//! other file of the source folder, the scope files, the configuration, the templates, the logo,
//! the releases, the commit the history ends at, the day, the options, and the normwerk binary
//! itself). Kept in the site as `.normwerk-inputs` with the list of its files, so that a rebuild
//! whose inputs are the same, over a site whose files are all still there, has nothing to do.

use super::BuildOptions;
use crate::config::Config;
use crate::publish::Publication;
use rayon::prelude::*;
use sha2::{Digest as _, Sha256};
use std::path::Path;

/// The file of the site that records its inputs.
pub const FILE: &str = crate::output::RECORD;

/// The inputs of a build of `publication` with `opts`, hashed.
pub fn of(publication: &Publication<'_>, config: &Config, opts: &BuildOptions) -> String {
    hash(publication, config, opts, true)
}

/// The inputs but the documents' texts (the preview compares those itself).
pub fn of_all_but_documents(
    publication: &Publication<'_>,
    config: &Config,
    opts: &BuildOptions,
) -> String {
    hash(publication, config, opts, false)
}

fn hash(
    publication: &Publication<'_>,
    config: &Config,
    opts: &BuildOptions,
    documents: bool,
) -> String {
    let mut h = Sha256::new();
    let mut part = |label: &str, bytes: &[u8]| {
        h.update(label.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    // The binary: another build of normwerk may make other pages from the same inputs.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|e| std::fs::metadata(e).ok())
    {
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        part("exe", format!("{} {modified}", meta.len()).as_bytes());
    }
    part("version", env!("CARGO_PKG_VERSION").as_bytes());
    part("as_of", publication.catalog.as_of.to_string().as_bytes());
    part(
        "history",
        format!("{}", publication.with_history).as_bytes(),
    );
    let source = &publication.index.header.source;
    // Whether the working tree has changes shows in the JSON index's header alone, which the
    // preview compares itself (an edit of a clean checkout makes the API again, not the site).
    let dirty = match documents {
        true => format!("{:?}", source.dirty),
        false => String::new(),
    };
    part("commit", format!("{:?} {dirty}", source.commit).as_bytes());
    part(
        "addresses",
        format!("{:?} {:?}", publication.base_url, publication.source_url).as_bytes(),
    );
    // Where the site goes is no input of what it holds.
    let options = BuildOptions {
        out: std::path::PathBuf::new(),
        force: false,
        ..opts.clone()
    };
    part("options", format!("{options:?}").as_bytes());
    if let Some(path) = &config.path {
        part("config", &std::fs::read(path).unwrap_or_default());
    }
    let corpus = publication.corpus;
    // The documents as loaded (not read again), then every other file of the source folder
    // (what they link to, READMEs), hidden ones aside.
    // Each hashed on its own core first: at 10,000 documents one core took 50 ms, before any
    // page could be made.
    // Without them (the preview), still their paths: a rename is an input.
    // The JSON index has hashed the documents it holds already: their SHA-256 is taken from it.
    let indexed: std::collections::HashMap<&str, &str> = publication
        .index
        .standards
        .iter()
        .flat_map(|s| s.versions.iter().chain(&s.supplements))
        .chain(&publication.index.proposals)
        .map(|e| (e.path.as_str(), e.sha256.as_str()))
        .collect();
    let digests: Vec<_> = match documents {
        true => corpus
            .documents
            .par_iter()
            .map(|d| match indexed.get(d.rel_path.as_str()) {
                Some(hex) => hex.as_bytes().to_vec(),
                None => Sha256::digest(d.text.as_bytes()).to_vec(),
            })
            .collect(),
        false => Vec::new(),
    };
    for (i, d) in corpus.documents.iter().enumerate() {
        part(&d.rel_path, digests.get(i).map_or(&[][..], Vec::as_slice));
    }
    let loaded: std::collections::HashSet<&str> = corpus
        .documents
        .iter()
        .map(|d| d.rel_path.as_str())
        .collect();
    for (rel, path) in paths(&corpus.root) {
        if !loaded.contains(rel.as_str()) {
            part(&rel, &std::fs::read(path).unwrap_or_default());
        }
    }
    for s in &corpus.scopes {
        part(&s.rel_path, s.text.as_bytes());
    }
    for dir in [
        opts.templates.as_deref(),
        Some(&crate::release::folder(&corpus.root, config)),
    ]
    .into_iter()
    .flatten()
    {
        for (rel, path) in paths(dir) {
            part(&rel, &std::fs::read(path).unwrap_or_default());
        }
    }
    if let Some(logo) = &opts.branding.logo {
        part("logo", &std::fs::read(&logo.path).unwrap_or_default());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The files below `dir` (hidden ones aside), relative and as paths, sorted.
fn paths(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::paths::is_hidden(&e.file_name().to_string_lossy())
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (crate::paths::relative(dir, e.path()), e.into_path()))
        .collect();
    out.sort();
    out
}

/// The record written into the site: the fingerprint, then each file of the site with its size.
pub fn record(fingerprint: &str, files: &[(String, u64)]) -> String {
    let mut text = format!("{fingerprint}\n");
    for (f, size) in files {
        text.push_str(&format!("{size}\t{f}\n"));
    }
    text
}

/// Whether the site at `out` was made from these inputs and is as it was made: every file it was
/// made with there at its size, and no other file (an edit that keeps a file's size is not
/// seen; `build --force` builds anyway).
pub fn unchanged(out: &Path, fingerprint: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(out.join(FILE)) else {
        return false;
    };
    let mut lines = text.lines();
    if lines.next() != Some(fingerprint) {
        return false;
    }
    let mut listed = std::collections::HashSet::new();
    for line in lines {
        let Some((size, file)) = line.split_once('\t') else {
            return false;
        };
        let as_made = std::fs::symlink_metadata(out.join(file))
            .is_ok_and(|m| m.is_file() && size.parse() == Ok(m.len()));
        if !as_made {
            return false;
        }
        listed.insert(file.to_owned());
    }
    // Nothing else: no file added by hand, no link.
    walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .all(|e| {
            e.is_ok_and(|e| {
                let rel = crate::paths::relative(out, e.path());
                e.file_type().is_dir()
                    || rel == FILE
                    || rel == crate::output::MARKER
                    || (e.file_type().is_file() && listed.contains(&rel))
            })
        })
}
