//! The JSON Schemas normwerk validates and emits (`normwerk schema NAME`). The files under
//! `schemas/` are the contracts; tests check the code against them.

use crate::config::Profile;
use crate::lint::SchemaError;

pub const LINT_REPORT: &str = include_str!("../schemas/lint-report.schema.json");
pub const HISTORY: &str = include_str!("../schemas/history.schema.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaName {
    /// The frontmatter of a document, for the configured profile.
    Frontmatter,
    /// The JSON output of `lint --format json`.
    LintReport,
    /// The JSON output of `history --format json`.
    History,
    /// The JSON index (api/v1/index.json); `$defs/standard_file` is a standard's own file.
    Index,
    /// A certificate scope file (the format of SCS-0003, `Tests/scs-compatible-*.yaml`).
    Scope,
    /// A release manifest (`releases/NAME.json`).
    Release,
}

impl SchemaName {
    /// Whether the schema depends on the configured profile (only the frontmatter's does).
    pub fn needs_profile(self) -> bool {
        self == SchemaName::Frontmatter
    }
}

/// The schema's text; the frontmatter's has the profile's vocabularies.
pub fn text(which: SchemaName, profile: &Profile) -> Result<String, SchemaError> {
    Ok(match which {
        SchemaName::Frontmatter => {
            crate::index::to_json(&crate::lint::schema::schema_for(profile)?)
        }
        SchemaName::LintReport => LINT_REPORT.to_owned(),
        SchemaName::History => HISTORY.to_owned(),
        SchemaName::Index => crate::index::SCHEMA.to_owned(),
        SchemaName::Scope => crate::lint::scopes::SCOPE_SCHEMA.to_owned(),
        SchemaName::Release => crate::release::SCHEMA.to_owned(),
    })
}
