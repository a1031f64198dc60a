//! What certification means: the certificate scopes connected to the corpus. The document each
//! module and test case names (by its `url` on the body's published site), and the scope
//! document of each scope version. (`scopes` reads the scope files; it knows no corpus.)

use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::{Document, Kind};
use crate::scopes::{Include, Module, Scope, ScopeFile, ScopeVersion};

/// What the `url` of a module or test case names.
#[derive(Debug, Clone)]
pub enum UrlTarget<'c> {
    /// Not a document or standard page of the body's site (another host, a raw file, …).
    Elsewhere,
    Document {
        doc: &'c Document,
        fragment: Option<String>,
    },
    /// A standard's page (`/standards/scs-0100`), which names no version.
    Standard(u32),
    /// A document page of the site for a document the corpus does not have.
    Missing { id: String },
}

/// Reads `url` as an address of the published site (`profile.canonical_url`).
pub fn url_target<'c>(corpus: &'c Corpus, profile: &Profile, url: &str) -> UrlTarget<'c> {
    let Some(address) = crate::canonical::parse(&profile.canonical_url, url, &profile.prefix)
    else {
        return UrlTarget::Elsewhere;
    };
    if let Some(number) = crate::canonical::standard_number(&address.id, &profile.prefix) {
        return UrlTarget::Standard(number);
    }
    match corpus.by_file_name(&format!("{}.md", address.id)) {
        Some(doc) => UrlTarget::Document {
            doc,
            fragment: address.fragment.filter(|f| !f.is_empty()),
        },
        None => UrlTarget::Missing { id: address.id },
    }
}

/// A scope file with its versions connected to the corpus.
#[derive(Debug, Clone)]
pub struct Resolved<'c> {
    pub file: &'c ScopeFile,
    /// The number of the scope's documents: the standard of the scope track whose title is the
    /// scope's `name` (none, or several: `None`).
    pub number: Option<u32>,
    pub versions: Vec<ResolvedVersion<'c>>,
}

#[derive(Debug, Clone)]
pub struct ResolvedVersion<'c> {
    pub version: &'c ScopeVersion,
    /// The scope document of this version (`v5.1` → version 5 of the scope's number).
    pub document: Option<&'c Document>,
    pub includes: Vec<Included<'c>>,
}

/// One include of a version: its module (if defined) and the document the module's `url` names.
#[derive(Debug, Clone)]
pub struct Included<'c> {
    pub include: &'c Include,
    pub module: Option<&'c Module>,
    pub document: Option<&'c Document>,
    /// The standard the module's `url` names when it is a standard's page (no version).
    pub standard: Option<u32>,
}

impl<'c> Resolved<'c> {
    pub fn scope(&self) -> &'c Scope {
        &self.file.scope
    }

    pub fn version(&self, name: &str) -> Option<&ResolvedVersion<'c>> {
        self.versions
            .iter()
            .find(|v| v.version.version.value == name)
    }
}

impl<'c> ResolvedVersion<'c> {
    /// The documents the version includes, each once, in include order.
    pub fn documents(&self) -> Vec<&'c Document> {
        let mut out: Vec<&Document> = Vec::new();
        for d in self.includes.iter().filter_map(|i| i.document) {
            if !out.iter().any(|o| std::ptr::eq(*o, d)) {
                out.push(d);
            }
        }
        out
    }
}

/// Every scope file of the corpus, connected to its documents.
pub fn resolve<'c>(corpus: &'c Corpus, profile: &Profile) -> Vec<Resolved<'c>> {
    resolve_files(corpus, profile, &corpus.scopes)
}

/// Scope files connected to the documents of `corpus` (their own or others).
pub fn resolve_files<'c>(
    corpus: &'c Corpus,
    profile: &Profile,
    files: &'c [ScopeFile],
) -> Vec<Resolved<'c>> {
    files
        .iter()
        .map(|file| resolve_one(corpus, profile, file))
        .collect()
}

fn resolve_one<'c>(corpus: &'c Corpus, profile: &Profile, file: &'c ScopeFile) -> Resolved<'c> {
    let scope = &file.scope;
    let number = scope_number(corpus, profile, scope);
    let target = |m: &Module| {
        m.url.as_ref().map_or(UrlTarget::Elsewhere, |u| {
            url_target(corpus, profile, &u.value)
        })
    };
    let versions = scope
        .versions
        .iter()
        .map(|version| ResolvedVersion {
            version,
            document: number
                .zip(version.major())
                .and_then(|(n, v)| corpus.version(n, Kind::Primary, v)),
            includes: version
                .include
                .iter()
                .map(|include| {
                    let module = scope.module(&include.module.value);
                    let (document, standard) = match module.map(target) {
                        Some(UrlTarget::Document { doc, .. }) => (Some(doc), None),
                        Some(UrlTarget::Standard(n)) => (None, Some(n)),
                        _ => (None, None),
                    };
                    Included {
                        include,
                        module,
                        document,
                        standard,
                    }
                })
                .collect(),
        })
        .collect();
    Resolved {
        file,
        number,
        versions,
    }
}

/// The number of the standard of the scope track whose title is the scope's name (ignoring case
/// and surrounding space), when exactly one number has such documents.
fn scope_number(corpus: &Corpus, profile: &Profile, scope: &Scope) -> Option<u32> {
    let track = profile.scopes.track.as_str();
    let name = scope.name().trim();
    if track.is_empty() || name.is_empty() {
        return None;
    }
    let mut numbers: Vec<u32> = corpus
        .documents
        .iter()
        .filter(|d| d.fields.track.as_ref().is_some_and(|t| t.value == track))
        .filter(|d| !d.is_supplement() && d.title().trim().eq_ignore_ascii_case(name))
        .filter_map(|d| d.name.as_ref().and_then(|n| n.number))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    match numbers.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
