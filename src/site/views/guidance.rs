//! What a document page says besides its text: which version is in force (following successors
//! across the catalog), the supplements that name a document, and the lint's process findings
//! about it. Built once per build, so that each page only looks things up.

use super::RefView;
use crate::catalog::{Catalog, Version};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::urls::file_id;
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};

/// A supplement that names a document, as its page links it.
#[derive(Serialize, Clone)]
pub struct SupplementView {
    pub id: String,
    pub file_id: String,
    pub title: String,
}

/// The process findings of one document: errors and warnings, counted apart.
#[derive(Serialize, Clone, Default)]
pub struct FindingsView {
    pub errors: usize,
    pub warnings: usize,
    /// In the lint's order (by position).
    pub items: Vec<FindingView>,
}

#[derive(Serialize, Clone)]
pub struct FindingView {
    pub rule: &'static str,
    /// The rule's one-line summary (the registry's).
    pub summary: &'static str,
    pub severity: &'static str,
    pub message: String,
    /// The message escaped, its `quoted` parts as code.
    pub message_html: String,
    /// 1-based; `None` for a finding about the whole file.
    pub line: Option<usize>,
}

/// The lookups the banners and findings notes need, computed once per build.
pub struct Guidance<'a> {
    by_id: HashMap<&'a str, &'a Version<'a>>,
    /// By standard id: its versions in force, highest first.
    in_force: HashMap<String, Vec<&'a Version<'a>>>,
    catalog: &'a Catalog<'a>,
    supplemented_by: HashMap<String, Vec<SupplementView>>,
    /// By file id.
    findings: HashMap<String, FindingsView>,
}

impl<'a> Guidance<'a> {
    /// `findings`: the lint's findings on the corpus (empty when the site shows none).
    pub fn new(corpus: &Corpus, catalog: &'a Catalog<'a>, findings: &[Diagnostic]) -> Guidance<'a> {
        let by_id: HashMap<&str, &Version<'_>> =
            catalog.documents().map(|v| (v.id.as_str(), v)).collect();
        let in_force = catalog
            .standards
            .iter()
            .map(|s| {
                let list = s.versions.iter().rev().filter(|v| v.state.is_in_force());
                (s.id.clone(), list.collect())
            })
            .collect();
        let mut supplemented_by: HashMap<String, Vec<SupplementView>> = HashMap::new();
        for v in catalog.documents() {
            let named = v.doc.fields.supplements.iter().flat_map(|l| &l.items);
            let mut seen = HashSet::new();
            for target in named.filter_map(|i| corpus.resolve(&i.value)) {
                let Some(target_id) = target.id() else {
                    continue;
                };
                // A document that names itself (or one target twice) is the lint's to report.
                if target_id == v.id || !seen.insert(target_id.clone()) {
                    continue;
                }
                supplemented_by
                    .entry(target_id)
                    .or_default()
                    .push(SupplementView {
                        id: v.id.clone(),
                        file_id: file_id(v.doc),
                        title: v.doc.title().to_owned(),
                    });
            }
        }
        Guidance {
            by_id,
            in_force,
            catalog,
            supplemented_by,
            findings: findings_by_file(corpus, findings),
        }
    }

    pub fn version(&self, id: &str) -> Option<&'a Version<'a>> {
        self.by_id.get(id).copied()
    }

    /// The direct successors of `id` that exist, never `id` itself (a source may say a version
    /// replaces itself; the lint reports that, the page does not repeat it as a fact).
    pub fn direct_successors(&self, id: &str) -> Vec<&'a Version<'a>> {
        self.catalog
            .successors_of(id)
            .iter()
            .filter(|s| s.as_str() != id)
            .filter_map(|s| self.version(s))
            .collect()
    }

    /// The versions in force reached from `id` by following successors, nearest first: each
    /// chain stops at the first version in force; every id is visited once, so cycles end.
    pub fn in_force_after(&self, id: &str) -> Vec<&'a Version<'a>> {
        let mut seen: HashSet<String> = HashSet::from([id.to_owned()]);
        let mut queue: VecDeque<&Version<'_>> = self.direct_successors(id).into();
        let mut found = Vec::new();
        while let Some(v) = queue.pop_front() {
            if !seen.insert(v.id.clone()) {
                continue;
            }
            if v.state.is_in_force() {
                found.push(v);
            } else {
                queue.extend(self.direct_successors(&v.id));
            }
        }
        found
    }

    /// The versions of `v`'s standard in force, highest first, `v` left out.
    pub fn in_force_of_standard(&self, v: &Version<'_>) -> Option<Vec<&'a Version<'a>>> {
        let standard = v.doc.name.as_ref()?.standard_id()?;
        let list = self.in_force.get(&standard).map_or(&[][..], Vec::as_slice);
        Some(list.iter().copied().filter(|o| o.id != v.id).collect())
    }

    /// The version in force for a reader of `v`: found through its successors, else the
    /// versions of its standard in force. `None` for a document of no standard (a proposal).
    pub fn in_force_for(&self, v: &Version<'_>) -> Option<Vec<&'a Version<'a>>> {
        let chain = self.in_force_after(&v.id);
        if !chain.is_empty() {
            return Some(chain);
        }
        self.in_force_of_standard(v)
    }

    pub fn supplemented_by(&self, id: &str) -> Vec<SupplementView> {
        self.supplemented_by.get(id).cloned().unwrap_or_default()
    }

    /// The findings note of the document with this file id, when it has findings.
    pub fn findings(&self, file_id: &str) -> Option<&FindingsView> {
        self.findings.get(file_id)
    }
}

/// A version as a link.
pub fn reference(v: &Version<'_>) -> RefView {
    RefView {
        id: v.id.clone(),
        file_id: file_id(v.doc),
    }
}

/// Errors and warnings by document (infos are suggestions, not objections: left out). Findings
/// about scope files and other files are not shown on document pages.
fn findings_by_file(corpus: &Corpus, findings: &[Diagnostic]) -> HashMap<String, FindingsView> {
    let by_display: HashMap<&str, String> = corpus
        .documents
        .iter()
        .map(|d| (d.display.as_str(), file_id(d)))
        .collect();
    let mut out: HashMap<String, FindingsView> = HashMap::new();
    for d in findings {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => continue,
        };
        let Some(id) = by_display.get(d.file.as_str()) else {
            continue;
        };
        let view = out.entry(id.clone()).or_default();
        if d.severity == Severity::Error {
            view.errors += 1;
        } else {
            view.warnings += 1;
        }
        view.items.push(FindingView {
            rule: d.rule.as_str(),
            summary: d.rule.rule().summary,
            severity,
            message: d.message.clone(),
            message_html: code_spans(&d.message),
            line: d.start.map(|p| p.line),
        });
    }
    out
}

/// `text` as HTML, each pair of backticks a `<code>` span (the lint quotes names that way).
fn code_spans(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    let pieces: Vec<&str> = text.split('`').collect();
    // An odd backtick out keeps its text as written.
    let paired = pieces.len() % 2 == 1;
    for (i, piece) in pieces.iter().enumerate() {
        let piece = html_escape::encode_text(piece);
        if i % 2 == 1 && (paired || i + 1 < pieces.len()) {
            html.push_str(&format!("<code>{piece}</code>"));
        } else {
            if i % 2 == 1 {
                html.push('`');
            }
            html.push_str(&piece);
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn quoted_names_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            code_spans("`replaces` names <this> one"),
            "<code>replaces</code> names &lt;this&gt; one"
        );
        assert_eq!(code_spans("a `b"), "a `b");
    }
}
