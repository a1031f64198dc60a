//! The preview's rebuilds (`normwerk serve`): each keeps what it made, so that the next one,
//! when only the bodies of some documents changed, makes again only the pages they affect: the
//! documents' own pages, their standards' pages and diffs, the pages whose findings changed,
//! the search files of their documents, and the API (whose header says whether the working tree
//! has changes). Everything else (overview, tracks, sidebars, feeds, history, scopes) shows
//! frontmatter, titles and git only, and is kept. Any other change (frontmatter, a title, a
//! document added or removed, configuration, templates, scopes, linked files, the day, the
//! commit) makes the whole site, as does a partial rebuild that would not make the same files.
//! The links of the whole site are checked either way. A test compares each kind of edit with a
//! full build, byte for byte.

use super::pages::Partial;
use super::sink::Written;
use super::{BuildError, BuildOptions, Memory, Rebuild, search};
use crate::config::Config;
use crate::corpus::{Corpus, CorpusError};
use crate::diagnostic::Diagnostic;
use crate::publish::Publication;
use crate::urls::file_id;
use crate::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The rebuilds of one preview, one after another.
#[derive(Debug, Default)]
pub struct Incremental {
    kept: Option<Kept>,
    /// The corpus the last site was made from, for the next load to take its parsed documents
    /// whose files did not change.
    corpus: Option<Corpus>,
    /// Which documents of the corpus being built the load took unchanged from the last site's
    /// (`None`: a load without one, after which everything is made).
    taken: Option<Vec<bool>>,
}

/// What the last build made.
#[derive(Debug)]
struct Kept {
    /// Everything the site is made from but the documents (site/fingerprint.rs).
    inputs: String,
    /// Shared with the server, which serves them until the next build.
    files: Arc<HashMap<String, Arc<[u8]>>>,
    written: Written,
    /// Every file of the site, sorted.
    list: Vec<String>,
    parts: search::Parts,
    /// The findings as terminal lines, by file.
    findings: HashMap<String, Vec<String>>,
    /// Each document's path and what other pages show of it.
    documents: Vec<Shown>,
    /// Whether a body may hold a diagram (the mermaid bundle is published only then).
    diagrams: bool,
    /// The JSON index's header, as JSON.
    header: String,
}

/// A site made in memory.
#[derive(Debug)]
pub struct Made {
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    /// The lint's findings, which the pages note.
    pub findings: Vec<Diagnostic>,
    /// Each finding as a line for the terminal, in the same order.
    pub lines: Vec<String>,
    /// How many files were made again: all, or those a partial rebuild made.
    pub made: usize,
    /// Whether only what changed was made.
    pub partial: bool,
}

impl Incremental {
    /// Loads the corpus of `ws`, taking over the last site's parsed documents whose files did
    /// not change (and noting which, for [`Incremental::render`]).
    pub fn load(&mut self, ws: &Workspace) -> Result<Corpus, CorpusError> {
        let before = self.corpus.take();
        let known = before.is_some();
        let (corpus, taken) = ws.load_reusing(before)?;
        self.taken = known.then_some(taken);
        Ok(corpus)
    }

    /// Makes the site of `publication` in memory: only what changed since the last call, when
    /// that was only bodies; else all of it. A failure forgets the last build (the next one
    /// makes everything).
    pub fn render(
        &mut self,
        publication: &Publication<'_>,
        config: &Config,
        opts: &BuildOptions,
    ) -> Result<Made, BuildError> {
        let mut kept = self.kept.take();
        let taken = self.taken.take();
        let before = kept.as_mut().map(|k| std::mem::take(&mut k.documents));
        let (documents, changes) = compare(&publication.corpus.documents, before, taken.as_deref());
        // The lint beside the hashing of the other inputs (which reads the source folder's
        // other files, the templates and the releases).
        let (findings, inputs) = rayon::join(
            || match opts.findings {
                true => crate::lint::lint_with(publication.corpus, config, &publication.schema),
                false => Vec::new(),
            },
            || super::fingerprint::of_all_but_documents(publication, config, opts),
        );
        // As the terminal shows them, made once: the preview prints them, the next build compares
        // them by file.
        let lines: Vec<String> = findings.iter().map(crate::report::concise::line).collect();
        let by_file = lines_by_file(&findings, &lines);
        let header = serde_json::to_string(&publication.index.header).unwrap_or_default();
        let diagrams = documents.iter().any(|s| s.diagram) && {
            let published: HashSet<&str> = publication
                .catalog
                .documents()
                .map(|v| v.doc.rel_path.as_str())
                .collect();
            documents
                .iter()
                .any(|s| s.diagram && published.contains(s.path.as_str()))
        };
        if let Some(kept) = kept
            && inputs == kept.inputs
            && diagrams == kept.diagrams
            && let Some(changes) = changes
        {
            let mut partial = plan(&kept, changes, publication, &by_file);
            partial.header = header != kept.header;
            let Kept {
                files,
                written,
                list,
                parts,
                ..
            } = kept;
            // Copied only when the server still serves them (it does, until this build ends).
            let memory = Memory::from_files(Arc::unwrap_or_clone(files));
            let rebuild = Rebuild {
                findings: findings.clone(),
                partial: Some(&partial),
                parts: &parts,
                before: written,
            };
            if let Ok(rendered) =
                super::render_with(publication, config, opts, &memory, Some(rebuild))
                && rendered.files == list
            {
                let made = memory.len_written();
                self.kept = Some(Kept {
                    inputs,
                    files: Arc::new(memory.into_files()),
                    written: rendered.written,
                    list,
                    parts: parts.next(),
                    findings: by_file,
                    documents,
                    diagrams,
                    header,
                });
                return Ok(self.made((findings, lines), made, true));
            }
            // Not the same files, or a failure that a full build reports in its own words.
        }
        let memory = Memory::default();
        let parts = search::Parts::default();
        let rebuild = Rebuild {
            findings: findings.clone(),
            partial: None,
            parts: &parts,
            before: Vec::new(),
        };
        let rendered = super::render_with(publication, config, opts, &memory, Some(rebuild))?;
        let made = memory.len_written();
        self.kept = Some(Kept {
            inputs,
            files: Arc::new(memory.into_files()),
            written: rendered.written,
            list: rendered.files,
            parts: parts.next(),
            findings: by_file,
            documents,
            diagrams,
            header,
        });
        Ok(self.made((findings, lines), made, false))
    }

    /// Keeps the corpus the last [`Incremental::render`] made its site from, if it made one.
    pub fn keep_corpus(&mut self, corpus: Corpus) {
        self.corpus = self.kept.is_some().then_some(corpus);
    }

    fn made(
        &self,
        (findings, lines): (Vec<Diagnostic>, Vec<String>),
        made: usize,
        partial: bool,
    ) -> Made {
        Made {
            files: self
                .kept
                .as_ref()
                .map(|k| Arc::clone(&k.files))
                .unwrap_or_default(),
            findings,
            lines,
            made,
            partial,
        }
    }
}

/// What changed in the documents, when only bodies did.
#[derive(Debug, Default)]
struct Changes {
    /// The documents (file ids) whose text changed.
    bodies: HashSet<String>,
    /// Those of them whose anchors changed: pages that link them choose among their anchors.
    anchors: Vec<String>,
}

/// Each document as other pages show it, the entry of `before` (the last site's) taken for each
/// document the load took unchanged; and what changed, when only bodies did (`None` when
/// anything else did, or there is nothing to compare with).
fn compare(
    docs: &[crate::document::Document],
    before: Option<Vec<Shown>>,
    taken: Option<&[bool]>,
) -> (Vec<Shown>, Option<Changes>) {
    let Some((before, taken)) = before
        .zip(taken)
        .filter(|(b, t)| b.len() == docs.len() && t.len() == docs.len())
    else {
        return (docs.iter().map(Shown::of).collect(), None);
    };
    let mut changes = Some(Changes::default());
    let shown = before
        .into_iter()
        .zip(docs.iter().zip(taken))
        .map(|(old, (d, same))| {
            if old.path != d.rel_path {
                changes = None;
                return Shown::of(d);
            }
            if *same {
                return old;
            }
            let now = Shown::of(d);
            if now.shown != old.shown {
                changes = None;
            }
            if let Some(c) = &mut changes {
                if now.anchors != old.anchors {
                    c.anchors.push(file_id(d));
                }
                c.bodies.insert(file_id(d));
            }
            now
        })
        .collect();
    (shown, changes)
}

/// What a rebuild of `publication` makes after `kept`, given what changed in the documents.
fn plan(
    kept: &Kept,
    changes: Changes,
    publication: &Publication<'_>,
    findings: &HashMap<String, Vec<String>>,
) -> Partial {
    let new = &publication.corpus.documents;
    let mut partial = Partial {
        bodies: changes.bodies,
        ..Partial::default()
    };
    // A link to a document by its file or its public address (`…/standards/<file id>#Anchor`)
    // is written with the anchor as the target has it.
    if !changes.anchors.is_empty() {
        for d in new {
            let links = |id: &String| d.links.iter().any(|l| l.dest.contains(id.as_str()));
            if changes.anchors.iter().any(links) {
                partial.documents.insert(file_id(d));
            }
        }
    }
    // A document whose findings changed has its note made again, wherever the edit was.
    let empty = Vec::new();
    let files: HashSet<&String> = findings.keys().chain(kept.findings.keys()).collect();
    for file in files {
        let (now, then) = (
            findings.get(file).unwrap_or(&empty),
            kept.findings.get(file).unwrap_or(&empty),
        );
        if now != then
            && let Some(d) = new.iter().find(|d| &d.display == file)
        {
            partial.documents.insert(file_id(d));
        }
    }
    partial.documents.extend(partial.bodies.iter().cloned());
    for s in &publication.catalog.standards {
        let touched = s
            .versions
            .iter()
            .chain(&s.supplements)
            .any(|v| partial.bodies.contains(&file_id(v.doc)));
        if touched {
            partial.standards.insert(s.id.clone());
        }
    }
    partial
}

/// What other pages show of a document: its frontmatter and title (overview, tracks,
/// references), its anchors (links into it, from the pages of documents that link it), and
/// whether it may hold a diagram (the mermaid bundle).
#[derive(Debug, PartialEq)]
struct Shown {
    path: String,
    shown: String,
    anchors: Vec<String>,
    diagram: bool,
}

impl Shown {
    fn of(d: &crate::document::Document) -> Shown {
        Shown {
            path: d.rel_path.clone(),
            shown: format!(
                "{}\0{}",
                d.text.get(..d.body.start).unwrap_or_default(),
                d.title()
            ),
            anchors: d
                .headings
                .iter()
                .map(|h| h.anchor.clone())
                .chain(d.html_anchors.iter().cloned())
                .collect(),
            diagram: super::markdown::mermaid::may_have_diagram(d.body_text()),
        }
    }
}

fn lines_by_file(findings: &[Diagnostic], lines: &[String]) -> HashMap<String, Vec<String>> {
    let mut by_file: HashMap<String, Vec<String>> = HashMap::new();
    for (d, line) in findings.iter().zip(lines) {
        by_file
            .entry(d.file.clone())
            .or_default()
            .push(line.clone());
    }
    by_file
}

/// The files of the build before with those a partial rebuild made in their places; a file it
/// made that the build before did not is an error (the plan was wrong: a full build follows).
pub(super) fn merge(before: Written, made: Written) -> Result<Written, BuildError> {
    let mut merged: std::collections::BTreeMap<String, _> = before.into_iter().collect();
    let mut new = Vec::new();
    for (path, links) in made {
        match merged.get_mut(&path) {
            Some(slot) => *slot = links,
            None => new.push(path),
        }
    }
    if new.is_empty() {
        Ok(merged.into_iter().collect())
    } else {
        Err(BuildError::MadeTwice(
            new.into_iter()
                .map(|p| format!("{p}: not made by the build before"))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests;
