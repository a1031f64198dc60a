//! One version of a scope file as its history compares it: each scope version's descriptor and
//! each timeline entry, reduced to what the process protects. Older shapes of the format are
//! read too: before the module format (scs-0003 until August 2024) a version listed its
//! `standards` (name, url) itself, and the first file kept its versions under `iaas`.

use crate::document::frontmatter::{Node, Value};
use crate::scopes::{Module, ScopeFile, ScopeVersion, Validity};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An include: the module id and its parameters (name, value), sorted.
pub type Include = (String, Vec<(String, String)>);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileView {
    pub versions: Vec<VersionView>,
    pub timeline: Vec<EntryView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VersionView {
    pub name: String,
    pub stabilized_at: Option<String>,
    /// The includes (module id, parameters sorted) in the module format; `None` in the older
    /// shape, whose rule protected only `stabilized_at`.
    pub includes: Option<BTreeSet<Include>>,
    /// Each included module's definition without its id and name (as JSON text): a module
    /// renamed and nothing else keeps it.
    pub checks: BTreeMap<String, String>,
    /// The documents required: a document's version id (`scs-0100-v3`) where a module's (or,
    /// in the older shape, a standard's) url names a document.
    pub standards: BTreeSet<String>,
    /// The other requirements: module ids (or, in the older shape, the standards' names) whose
    /// url names no document.
    pub others: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    /// As written.
    pub date: String,
    pub day: Option<Date>,
    /// Version and code as written (`None`: not a string), in file order.
    pub codes: Vec<(String, Option<String>)>,
}

impl EntryView {
    /// The validity the entry gives `version`: an unlisted version is deprecated (scs-0003), so
    /// listing a version as `deprecated` changes nothing.
    pub fn validity(&self, version: &str) -> Option<String> {
        match self.codes.iter().find(|(v, _)| v == version) {
            Some((_, code)) => code.clone(),
            None => Some(Validity::Deprecated.as_str().to_owned()),
        }
    }

    /// Whether `other` gives every version the same validity.
    pub fn same_codes(&self, other: &EntryView) -> bool {
        self.codes
            .iter()
            .chain(&other.codes)
            .all(|(v, _)| self.validity(v) == other.validity(v))
    }
}

impl VersionView {
    /// What the includes require, each module read as its definition, not its id.
    pub fn requires(&self) -> BTreeSet<(&str, &[(String, String)])> {
        self.includes
            .iter()
            .flatten()
            .map(|(id, p)| {
                let def = self.checks.get(id).map_or(id.as_str(), String::as_str);
                (def, p.as_slice())
            })
            .collect()
    }

    /// The descriptor without its name, for finding a version renamed.
    pub fn same_descriptor(&self, other: &VersionView) -> bool {
        self.stabilized_at == other.stabilized_at
            && self.requires() == other.requires()
            && self.standards == other.standards
            && self.others == other.others
    }
}

impl FileView {
    /// The view of a parsed file; `prefix` is the profile's document prefix (`scs`).
    pub fn of(file: &ScopeFile, prefix: &str) -> FileView {
        let scope = &file.scope;
        let Some(root) = &file.root else {
            return FileView::default();
        };
        let mut versions = Vec::new();
        // Each module's definition is read once, however many versions include it.
        let mut definitions = HashMap::new();
        let raw = root
            .entry("versions")
            .or_else(|| root.entry("iaas"))
            .map(|(_, v)| v);
        for node in raw.map(items).unwrap_or_default() {
            let modern = scope.versions.iter().find(|v| v.span == node.span);
            let view = match modern {
                Some(v) if node.entry("include").is_some() => {
                    modular(file, v, (root, &mut definitions), prefix)
                }
                _ => match older(node, prefix) {
                    Some(view) => view,
                    None => continue,
                },
            };
            versions.push(view);
        }
        let timeline = scope
            .timeline
            .iter()
            .filter_map(|e| {
                let date = e.date.as_ref()?;
                Some(EntryView {
                    date: date.value.clone(),
                    day: e.day,
                    codes: e
                        .versions
                        .iter()
                        .map(|(v, code)| {
                            let written = code.span.text_in(&file.text).trim().to_owned();
                            (
                                v.value.clone(),
                                code.value
                                    .map(|c| c.as_str().to_owned())
                                    .or((!written.is_empty()).then_some(written)),
                            )
                        })
                        .collect(),
                })
            })
            .collect();
        FileView { versions, timeline }
    }

    pub fn version(&self, name: &str) -> Option<&VersionView> {
        self.versions.iter().find(|v| v.name == name)
    }

    /// The entries with that date (a date written twice is a finding of the static rules).
    pub fn entry(&self, date: &str) -> Option<&EntryView> {
        self.timeline.iter().find(|e| e.date == date)
    }
}

/// A version descriptor of the module format.
fn modular<'f>(
    file: &'f ScopeFile,
    v: &ScopeVersion,
    (root, definitions): (&Node, &mut HashMap<&'f str, String>),
    prefix: &str,
) -> VersionView {
    let scope = &file.scope;
    let mut view = VersionView {
        name: v.version.value.clone(),
        stabilized_at: v.stabilized_at.as_ref().map(|s| s.value.clone()),
        includes: Some(BTreeSet::new()),
        checks: BTreeMap::new(),
        standards: BTreeSet::new(),
        others: BTreeSet::new(),
    };
    for i in &v.include {
        let mut parameters = i.parameters.clone();
        parameters.sort();
        let id = &i.module.value;
        let module = scope.module(id);
        let url = module
            .and_then(|m| m.url.as_ref())
            .map(|u| u.value.as_str());
        if let Some(m) = module {
            let def = definitions
                .entry(m.id.value.as_str())
                .or_insert_with(|| definition(m, root));
            view.checks.insert(id.clone(), def.clone());
        }
        if let Some(includes) = &mut view.includes {
            includes.insert((id.clone(), parameters));
        }
        match document_of(url, prefix) {
            Some(doc) => view.standards.insert(doc),
            None => view.others.insert(id.clone()),
        };
    }
    view
}

/// A module's definition without its `id` and `name`, as JSON text.
fn definition(m: &Module, root: &Node) -> String {
    let raw = root
        .entry("modules")
        .map(|(_, v)| items(v))
        .unwrap_or_default()
        .iter()
        .find(|n| n.span == m.span);
    let mut json = raw.map(Node::to_json).unwrap_or_default();
    if let Some(map) = json.as_object_mut() {
        map.remove("id");
        map.remove("name");
    }
    json.to_string()
}

/// A version descriptor of the older shape: `standards` with a `name` and a `url` each.
fn older(node: &Node, prefix: &str) -> Option<VersionView> {
    let name = node.entry("version")?.1.scalar_text()?;
    let mut view = VersionView {
        name,
        stabilized_at: node
            .entry("stabilized_at")
            .and_then(|(_, s)| s.scalar_text()),
        includes: None,
        checks: BTreeMap::new(),
        standards: BTreeSet::new(),
        others: BTreeSet::new(),
    };
    for s in node
        .entry("standards")
        .map(|(_, s)| items(s))
        .unwrap_or_default()
    {
        let url = s.entry("url").and_then(|(_, u)| u.scalar_text());
        match document_of(url.as_deref(), prefix) {
            Some(doc) => view.standards.insert(doc),
            None => {
                let Some(label) = s.entry("name").and_then(|(_, n)| n.scalar_text()).or(url) else {
                    continue;
                };
                view.others.insert(label)
            }
        };
    }
    Some(view)
}

fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::Seq(items) => items,
        _ => &[],
    }
}

/// The document a url names: the version id of the document whose page or file it is
/// (`…/standards/scs-0100-v3-flavor-naming`, `…/Standards/scs-0100-v3-flavor-naming.md` →
/// `scs-0100-v3`). No corpus is needed: a version of years ago names documents that may be gone.
pub fn document_of(url: Option<&str>, prefix: &str) -> Option<String> {
    let path = url?.split(['#', '?']).next()?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let page = last
        .strip_suffix(".md")
        .or_else(|| last.strip_suffix(".html"))
        .unwrap_or(last);
    if !crate::canonical::names_a_document(page, prefix) {
        return None;
    }
    let mut parts = page.splitn(4, '-');
    let (head, number, version) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = version.strip_prefix(['v', 'w', 'V', 'W'])?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| {
        format!(
            "{}-{number}-{}",
            head.to_ascii_lowercase(),
            version.to_ascii_lowercase()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::document_of;

    #[test]
    fn documents_from_urls() {
        let s = |u: &str| document_of(Some(u), "scs");
        assert_eq!(
            s("https://docs.example.org/standards/scs-0100-v3-flavor-naming").as_deref(),
            Some("scs-0100-v3")
        );
        assert_eq!(
            s("https://raw.example.org/main/Standards/SCS-0003-v1-flavor-naming.md#x").as_deref(),
            Some("scs-0003-v1")
        );
        assert_eq!(s("https://example.org/guidelines/2022.11.json"), None);
        assert_eq!(s("https://example.org/standards/scs-0100"), None);
        assert_eq!(document_of(None, "scs"), None);
    }
}
