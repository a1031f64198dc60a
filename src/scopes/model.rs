//! The parts of a scope file, read leniently from its spanned YAML tree.

use super::Validity;
use crate::diagnostic::Span;
use crate::document::frontmatter::{Node, Value};
use crate::document::{Spanned, parse_iso_date};
use jiff::civil::Date;

/// What one scope file says.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub name: Option<Spanned<String>>,
    pub uuid: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    /// The test cases of every script, in file order.
    pub testcases: Vec<TestCase>,
    pub modules: Vec<Module>,
    pub versions: Vec<ScopeVersion>,
    /// As written (scs-0003 asks for descending dates; tools must not rely on it).
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone)]
pub struct TestCase {
    pub id: Spanned<String>,
    pub lifetime: Option<String>,
    pub section: Option<String>,
    pub description: Option<String>,
    pub url: Option<Spanned<String>>,
    /// The script has no `executable`: a manual check.
    pub manual: bool,
    /// The whole test-case descriptor.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub url: Option<Spanned<String>>,
    /// The parameters the module's checks use; an include must give each a value.
    pub parameters: Vec<String>,
    pub targets: Vec<Target>,
    pub span: Span,
}

/// A named list of test cases of a module (`main`, `recommended`, `preview`).
#[derive(Debug, Clone)]
pub struct Target {
    pub name: Spanned<String>,
    pub testcases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct ScopeVersion {
    pub version: Spanned<String>,
    pub stabilized_at: Option<Spanned<String>>,
    pub include: Vec<Include>,
    /// The whole version descriptor.
    pub span: Span,
}

/// A module id, or `{ref, parameters}`.
#[derive(Debug, Clone)]
pub struct Include {
    pub module: Spanned<String>,
    /// Parameter names and values as written (values in their YAML spelling).
    pub parameters: Vec<(String, String)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// As written, and its date when it is one.
    pub date: Option<Spanned<String>>,
    pub day: Option<Date>,
    /// Version names and validity codes as written (an unknown code has no `Validity`).
    pub versions: Vec<(Spanned<String>, Spanned<Option<Validity>>)>,
    pub span: Span,
}

/// A period of the timeline: from an entry's date up to the next entry's (exclusive), or open.
#[derive(Debug, Clone, Copy)]
pub struct Period<'s> {
    pub start: Date,
    pub end: Option<Date>,
    pub entry: &'s TimelineEntry,
}

impl ScopeVersion {
    /// `stabilized_at` as a date, when it is one.
    pub fn stabilized_on(&self) -> Option<Date> {
        self.stabilized_at
            .as_ref()
            .and_then(|s| parse_iso_date(&s.value))
    }

    /// The major version number (`v5.1` → 5): the version of the scope document that describes
    /// it.
    pub fn major(&self) -> Option<u32> {
        let v = self.version.value.strip_prefix('v')?;
        let digits = v.split('.').next()?;
        digits.parse().ok()
    }
}

impl TimelineEntry {
    /// The validity code the entry gives `version` (unlisted: deprecated; unknown code: none).
    pub fn validity(&self, version: &str) -> Option<Validity> {
        match self.versions.iter().find(|(v, _)| v.value == version) {
            Some((_, code)) => code.value,
            None => Some(Validity::Deprecated),
        }
    }
}

impl Scope {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id.value == id)
    }

    pub fn testcase(&self, id: &str) -> Option<&TestCase> {
        self.testcases.iter().find(|t| t.id.value == id)
    }

    pub fn version(&self, name: &str) -> Option<&ScopeVersion> {
        self.versions.iter().find(|v| v.version.value == name)
    }

    pub fn name(&self) -> &str {
        self.name.as_ref().map_or("", |n| n.value.as_str())
    }

    /// The periods of the timeline, oldest first; entries without a valid date are left out.
    pub fn periods(&self) -> Vec<Period<'_>> {
        let mut dated: Vec<(Date, &TimelineEntry)> = self
            .timeline
            .iter()
            .filter_map(|e| e.day.map(|d| (d, e)))
            .collect();
        dated.sort_by_key(|(d, _)| *d);
        let mut periods: Vec<Period<'_>> = Vec::with_capacity(dated.len());
        for (i, (start, entry)) in dated.iter().enumerate() {
            let end = dated.get(i + 1).map(|(d, _)| *d);
            periods.push(Period {
                start: *start,
                end,
                entry,
            });
        }
        periods
    }

    /// The period `day` falls in (`None` before the timeline starts).
    pub fn period_on(&self, day: Date) -> Option<Period<'_>> {
        self.periods().into_iter().rev().find(|p| p.start <= day)
    }

    /// The validity of `version` on `day`; `None` before the timeline starts or when the entry
    /// gives an unknown code.
    pub fn validity_on(&self, version: &str, day: Date) -> Option<Validity> {
        self.period_on(day)?.entry.validity(version)
    }

    /// The test cases of a module, by target, in the module's order (ids without a test case
    /// left out).
    pub fn testcases_of<'s>(
        &'s self,
        module: &'s Module,
    ) -> impl Iterator<Item = (&'s str, &'s TestCase)> {
        module.targets.iter().flat_map(move |t| {
            t.testcases.iter().filter_map(move |id| {
                self.testcase(&id.value)
                    .map(|tc| (t.name.value.as_str(), tc))
            })
        })
    }

    /// Reads the model from a scope file's root node.
    pub fn from_node(root: &Node) -> Scope {
        let mut scope = Scope {
            name: string(root, "name"),
            uuid: string(root, "uuid"),
            url: string(root, "url"),
            ..Scope::default()
        };
        for script in seq(root, "scripts") {
            let manual = script.entry("executable").is_none();
            for tc in seq(script, "testcases") {
                if let Some(id) = string(tc, "id") {
                    scope.testcases.push(TestCase {
                        id,
                        lifetime: text(tc, "lifetime"),
                        section: text(tc, "section"),
                        description: text(tc, "description"),
                        url: string(tc, "url"),
                        manual,
                        span: tc.span,
                    });
                }
            }
        }
        for m in seq(root, "modules") {
            let Some(id) = string(m, "id") else { continue };
            let parameters = match m.entry("parameters").map(|(_, v)| &v.value) {
                Some(Value::Map(entries)) => entries
                    .iter()
                    .filter_map(|(k, _)| k.as_str().map(str::to_owned))
                    .collect(),
                Some(Value::Seq(items)) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            let targets = m
                .entry("targets")
                .map(|(_, t)| t.entries())
                .unwrap_or_default()
                .iter()
                .filter_map(|(k, v)| {
                    Some(Target {
                        name: Spanned {
                            value: k.as_str()?.to_owned(),
                            span: k.span,
                            key_span: k.span,
                        },
                        testcases: items(v).filter_map(spanned).collect(),
                    })
                })
                .collect();
            scope.modules.push(Module {
                id,
                name: text(m, "name"),
                url: string(m, "url"),
                parameters,
                targets,
                span: m.span,
            });
        }
        for v in seq(root, "versions") {
            let Some(version) = string(v, "version") else {
                continue;
            };
            let include = seq(v, "include")
                .filter_map(|i| match &i.value {
                    Value::Str(_) => Some(Include {
                        module: spanned(i)?,
                        parameters: Vec::new(),
                        span: i.span,
                    }),
                    Value::Map(_) => Some(Include {
                        module: string(i, "ref")?,
                        parameters: i
                            .entry("parameters")
                            .map(|(_, p)| p.entries())
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.scalar_text()?)))
                            .collect(),
                        span: i.span,
                    }),
                    _ => None,
                })
                .collect();
            scope.versions.push(ScopeVersion {
                version,
                stabilized_at: string(v, "stabilized_at"),
                include,
                span: v.span,
            });
        }
        for e in seq(root, "timeline") {
            let date = string(e, "date");
            let day = date.as_ref().and_then(|d| parse_iso_date(&d.value));
            let versions = e
                .entry("versions")
                .map(|(_, v)| v.entries())
                .unwrap_or_default()
                .iter()
                .filter_map(|(k, v)| {
                    let name = Spanned {
                        value: k.scalar_text()?,
                        span: k.span,
                        key_span: k.span,
                    };
                    let code = Spanned {
                        value: v.as_str().and_then(Validity::parse),
                        span: v.span,
                        key_span: k.span,
                    };
                    Some((name, code))
                })
                .collect();
            scope.timeline.push(TimelineEntry {
                date,
                day,
                versions,
                span: e.span,
            });
        }
        scope
    }
}

/// The items of a sequence value (nothing for another value).
fn items(node: &Node) -> std::slice::Iter<'_, Node> {
    match &node.value {
        Value::Seq(items) => items.iter(),
        _ => [].iter(),
    }
}

/// The items of the sequence under `key`.
fn seq<'n>(node: &'n Node, key: &str) -> std::slice::Iter<'n, Node> {
    node.entry(key).map_or_else(|| [].iter(), |(_, v)| items(v))
}

/// A scalar value with its span (its key span is its own).
fn spanned(node: &Node) -> Option<Spanned<String>> {
    Some(Spanned {
        value: node.scalar_text()?,
        span: node.span,
        key_span: node.span,
    })
}

/// The scalar under `key`, with the spans of key and value.
fn string(node: &Node, key: &str) -> Option<Spanned<String>> {
    let (k, v) = node.entry(key)?;
    Some(Spanned {
        value: v.scalar_text()?,
        span: v.span,
        key_span: k.span,
    })
}

fn text(node: &Node, key: &str) -> Option<String> {
    string(node, key).map(|s| s.value)
}
