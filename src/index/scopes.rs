//! The certificate scopes of the index (`scopes`, and `api/v1/scopes/<id>.json`): per scope file
//! its versions with what they include, its test cases, and its timeline, which is published
//! whole so that a consumer computes a version's validity for any day itself, as it computes a
//! document's state from `status` and the dates.

use super::Header;
use crate::catalog::Catalog;
use crate::certification::{Resolved, UrlTarget, url_target};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::parse_iso_date;
use crate::scopes::Validity;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The lifetime of a test result when the test case names none (scs-0003, "Test-case
/// descriptor").
pub const DEFAULT_LIFETIME: &str = "week";

/// One certificate scope: one scope file (scs-0003).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    /// The file name without its extension (`scs-compatible-iaas`).
    pub id: String,
    pub name: Option<String>,
    pub uuid: Option<String>,
    /// The file's own `url` (where its latest raw version lives), as written.
    pub url: Option<String>,
    /// The file's path in the repository (`Tests/scs-compatible-iaas.yaml`).
    pub file: String,
    /// This scope's own JSON file, relative to the site root.
    pub api_url: String,
    /// The standard id of the scope's documents (`scs-0501`): the standard of the scope track
    /// whose title is the scope's name; `null` when no single standard has it.
    pub documents: Option<String>,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// In the order of the file.
    pub versions: Vec<ScopeVersion>,
    /// In the order of the file.
    pub testcases: Vec<TestCase>,
    /// Dated entries, oldest first.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeVersion {
    pub version: String,
    pub stabilized_at: Option<String>,
    /// The version id of the scope document of this version's major version (`scs-0501-v5`).
    pub document: Option<String>,
    /// On the index's `as_of`.
    pub validity: Option<Validity>,
    /// In the order of the file.
    pub includes: Vec<Include>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Include {
    /// The module id (`scs-0100-v3.1`): not a document id.
    pub module: String,
    pub name: Option<String>,
    /// The version id of the document the module's `url` names (`scs-0100-v3`).
    pub document: Option<String>,
    pub url: Option<String>,
    /// The include's parameter values, as written.
    pub parameters: BTreeMap<String, String>,
    /// The module's targets: target name → test-case ids.
    pub targets: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestCase {
    pub id: String,
    pub description: Option<String>,
    /// As written, `week` (scs-0003's default) when absent.
    pub lifetime: String,
    pub section: Option<String>,
    pub url: Option<String>,
    /// The version id of the document the `url` names, and the `#anchor` it names there.
    pub document: Option<String>,
    pub anchor: Option<String>,
    /// The script has no `executable`.
    pub manual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The period starts on this day and ends before the next entry's date.
    pub date: String,
    /// Version → validity code; `null` for a code scs-0003 does not define. A version not
    /// listed is deprecated in the period.
    pub versions: BTreeMap<String, Option<Validity>>,
}

/// `api/v1/scopes/<id>.json`: one scope with the index's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeFile {
    #[serde(flatten)]
    pub header: Header,
    pub scope: Scope,
}

impl Scope {
    /// The validity of `version` on `day`, from the published timeline alone: the code of the
    /// last entry dated on or before `day` (unlisted: deprecated); `None` before the first entry
    /// or for an unknown code.
    pub fn validity_on(&self, version: &str, day: Date) -> Option<Validity> {
        let entry = self
            .timeline
            .iter()
            .rev()
            .find(|e| parse_iso_date(&e.date).is_some_and(|d| d <= day))?;
        match entry.versions.get(version) {
            Some(code) => *code,
            None => Some(Validity::Deprecated),
        }
    }

    pub fn version(&self, name: &str) -> Option<&ScopeVersion> {
        self.versions.iter().find(|v| v.version == name)
    }

    /// The name when there is one, else the id.
    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// The scopes of the corpus as of the catalog's day, in the order of the files.
pub fn build(corpus: &Corpus, profile: &Profile, catalog: &Catalog<'_>) -> Vec<Scope> {
    crate::certification::resolve(corpus, profile)
        .iter()
        .map(|r| scope(corpus, profile, catalog, r))
        .collect()
}

fn scope(corpus: &Corpus, profile: &Profile, catalog: &Catalog<'_>, r: &Resolved<'_>) -> Scope {
    let model = r.scope();
    let value = |s: &Option<crate::document::Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    let id_of = |d: &crate::document::Document| d.id();
    let timeline: Vec<TimelineEntry> = model
        .periods()
        .iter()
        .map(|p| {
            let mut versions = BTreeMap::new();
            for (name, code) in &p.entry.versions {
                // The first of two equal keys counts, as for the model.
                versions.entry(name.value.clone()).or_insert(code.value);
            }
            TimelineEntry {
                date: p.start.to_string(),
                versions,
            }
        })
        .collect();
    let testcases = model
        .testcases
        .iter()
        .map(|t| {
            let target = t
                .url
                .as_ref()
                .map(|u| url_target(corpus, profile, &u.value));
            let (document, anchor) = match target {
                Some(UrlTarget::Document { doc, fragment }) => (doc.id(), fragment),
                _ => (None, None),
            };
            TestCase {
                id: t.id.value.clone(),
                description: t.description.clone(),
                lifetime: t
                    .lifetime
                    .clone()
                    .unwrap_or_else(|| DEFAULT_LIFETIME.to_owned()),
                section: t.section.clone(),
                url: value(&t.url),
                document,
                anchor,
                manual: t.manual,
            }
        })
        .collect();
    let mut out = Scope {
        id: r.file.id().to_owned(),
        name: value(&model.name),
        uuid: value(&model.uuid),
        url: value(&model.url),
        file: r.file.rel_path.clone(),
        api_url: crate::urls::api_scope(r.file.id()),
        documents: r.number.and_then(|n| {
            catalog
                .standards
                .iter()
                .find(|s| s.number == n)
                .map(|s| s.id.clone())
        }),
        sha256: super::sha256_hex(r.file.text.as_bytes()),
        versions: Vec::new(),
        testcases,
        timeline,
    };
    let day = catalog.as_of.date;
    out.versions = r
        .versions
        .iter()
        .map(|v| ScopeVersion {
            version: v.version.version.value.clone(),
            stabilized_at: v.version.stabilized_on().map(|d| d.to_string()),
            document: v.document.and_then(id_of),
            validity: out.validity_on(&v.version.version.value, day),
            includes: v
                .includes
                .iter()
                .map(|i| Include {
                    module: i.include.module.value.clone(),
                    name: i.module.and_then(|m| m.name.clone()),
                    document: i.document.and_then(id_of),
                    url: i.module.and_then(|m| value(&m.url)),
                    parameters: i.include.parameters.iter().cloned().collect(),
                    targets: i
                        .module
                        .map(|m| {
                            m.targets
                                .iter()
                                .map(|t| {
                                    let ids = t.testcases.iter().map(|c| c.value.clone());
                                    (t.name.value.clone(), ids.collect())
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn validity_codes_enumerated_in_the_schema_are_the_scope_codes() {
        let names: Vec<Value> = crate::scopes::Validity::ALL
            .iter()
            .map(|v| v.as_str().into())
            .collect();
        assert_eq!(
            serde_json::from_str::<Value>(super::super::SCHEMA).unwrap()["$defs"]["validity"]["enum"],
            Value::Array(names)
        );
    }

    #[test]
    fn a_validity_recomputed_from_the_published_timeline_is_the_scope_files() {
        let index = super::super::sample_index();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
        let config = crate::config::Config::load(&root.join("normwerk.toml")).unwrap();
        let corpus = crate::corpus::Corpus::load(&root, &config.profile).unwrap();
        let model = &corpus.scopes[0].scope;
        let published = &index.scopes[0];
        assert_eq!(published.timeline.len(), 4);
        // Every start of a period, the day before it and the day after.
        let mut days: Vec<Date> = Vec::new();
        for e in &published.timeline {
            let d: Date = e.date.parse().unwrap();
            days.extend([d.yesterday().unwrap(), d, d.tomorrow().unwrap()]);
        }
        for day in days {
            for v in ["v1", "v2", "v3"] {
                assert_eq!(
                    published.validity_on(v, day),
                    model.validity_on(v, day),
                    "{v} on {day}"
                );
            }
        }
        let v1 = |day: &str| published.validity_on("v1", day.parse().unwrap());
        assert_eq!(v1("2025-02-28"), None, "before the timeline");
        assert_eq!(v1("2025-03-01"), Some(crate::scopes::Validity::Effective));
        assert_eq!(v1("2026-11-01"), Some(crate::scopes::Validity::Warn));
        assert_eq!(v1("2026-12-15"), Some(crate::scopes::Validity::Deprecated));
    }

    #[test]
    fn the_sample_scope_is_published_with_its_documents() {
        let index = super::super::sample_index();
        let [scope] = index.scopes.as_slice() else {
            panic!("one scope")
        };
        assert_eq!(scope.id, "compatible-iaas");
        assert_eq!(scope.file, "standards-src/scopes/compatible-iaas.yaml");
        assert_eq!(scope.documents.as_deref(), Some("scs-0500"));
        let v2 = scope.version("v2").unwrap();
        assert_eq!(v2.document.as_deref(), Some("scs-0500-v2"));
        assert_eq!(v2.validity, Some(crate::scopes::Validity::Effective));
        let docs: Vec<_> = v2.includes.iter().map(|i| i.document.as_deref()).collect();
        assert_eq!(
            docs,
            [
                Some("scs-0110-v2"),
                Some("scs-0111-v2"),
                Some("scs-0300-v1")
            ]
        );
        assert_eq!(v2.includes[1].parameters["snapshot_count"], "20");
        let tc = &scope.testcases[0];
        assert_eq!(tc.document.as_deref(), Some("scs-0110-w1"));
        assert_eq!(tc.anchor.as_deref(), Some("running-the-test"));
        assert!(scope.testcases.last().unwrap().manual);
    }
}
