//! Certificate scopes: the machine-readable scope files of scs-0003 (`Tests/scs-compatible-*.yaml`
//! for SCS), read with a span for every node, and what they say: test cases, modules, scope
//! versions and the timeline of their validity.
//!
//! The model is lenient: a part of a file that does not have the expected shape is left out here
//! and reported by the scope schema (`scope-schema`), so that the rest is still checked.
//! `certification` connects a scope to the documents of the corpus.

mod load;
mod model;

pub use load::{ScopeFile, load, paths};
pub use model::{Include, Module, Period, Scope, ScopeVersion, Target, TestCase, TimelineEntry};

use serde::{Deserialize, Serialize};

/// The validity code of a scope version in a period of the timeline (scs-0003, "Timeline entry").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    /// Can be certified against; stable at the start of the period.
    Effective,
    /// Can be certified against, with a warning that the version is about to expire.
    Warn,
    /// Can be tested against, not certified.
    Draft,
    /// Can be tested against, not certified (any version a period does not list).
    Deprecated,
}

impl Validity {
    pub const ALL: [Validity; 4] = [
        Validity::Effective,
        Validity::Warn,
        Validity::Draft,
        Validity::Deprecated,
    ];

    pub fn parse(text: &str) -> Option<Validity> {
        Validity::ALL.into_iter().find(|v| v.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Effective => "effective",
            Validity::Warn => "warn",
            Validity::Draft => "draft",
            Validity::Deprecated => "deprecated",
        }
    }

    /// Whether a cloud can be certified against a version with this code.
    pub fn certifies(self) -> bool {
        matches!(self, Validity::Effective | Validity::Warn)
    }
}

impl std::fmt::Display for Validity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
