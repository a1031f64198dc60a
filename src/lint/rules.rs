//! The registry of lint rules: stable ids, groups, default severities. Ids never change meaning;
//! a retired rule's id is not reused.

use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub group: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn rule(
    id: &'static str,
    group: &'static str,
    severity: Severity,
    summary: &'static str,
) -> Rule {
    Rule {
        id,
        group,
        severity,
        summary,
    }
}

use Severity::{Error, Info, Warning};

pub const RULES: &[Rule] = &[
    // Reading the file.
    rule(
        "unreadable",
        "file",
        Error,
        "the file or folder cannot be read as a document",
    ),
    rule("invalid-utf8", "file", Error, "the file is not valid UTF-8"),
    rule(
        "missing-frontmatter",
        "file",
        Error,
        "the document does not start with a `---` frontmatter block",
    ),
    rule(
        "unterminated-frontmatter",
        "file",
        Error,
        "the frontmatter's `---` block is never closed",
    ),
    rule(
        "yaml-syntax",
        "file",
        Error,
        "the frontmatter is not valid YAML (duplicate keys included)",
    ),
    rule(
        "frontmatter-not-mapping",
        "file",
        Error,
        "the frontmatter is not a mapping of keys to values",
    ),
    // The file name.
    rule(
        "file-name",
        "name",
        Error,
        "the file name does not follow `PREFIX-NNNN-vN-slug.md`",
    ),
    rule(
        "slug-charset",
        "name",
        Error,
        "the slug has characters other than lower-case ASCII letters, digits and hyphens, or starts with a hyphen",
    ),
    rule(
        "slug-style",
        "name",
        Warning,
        "the slug does not start with a letter or contains `--`",
    ),
    rule(
        "proposal-version",
        "name",
        Error,
        "a proposal (`xxxx`) is not a primary document at version 1",
    ),
    rule(
        "duplicate-document",
        "name",
        Error,
        "two files have the same number, kind and version",
    ),
    rule(
        "track-mismatch",
        "name",
        Error,
        "the `track` does not match the track digit of the number",
    ),
    // The frontmatter fields (from the JSON Schema).
    rule(
        "missing-field",
        "field",
        Error,
        "a required frontmatter field is missing",
    ),
    rule(
        "forbidden-field",
        "field",
        Error,
        "a frontmatter field is present where the process forbids it",
    ),
    rule(
        "invalid-value",
        "field",
        Error,
        "a frontmatter value has the wrong type or is not one of the allowed values",
    ),
    rule(
        "invalid-date",
        "field",
        Error,
        "a date is not a valid ISO date `YYYY-MM-DD`",
    ),
    rule(
        "date-order",
        "field",
        Error,
        "lifecycle dates are out of order",
    ),
    rule(
        "unknown-key",
        "field",
        Warning,
        "a frontmatter key the process does not define",
    ),
    rule(
        "list-as-string",
        "field",
        Warning,
        "a list field is written as a plain string",
    ),
    rule(
        "type-kind-mismatch",
        "name",
        Error,
        "a supplement's file name lacks `w`, or a primary document's has it",
    ),
    // References between documents.
    rule(
        "reference-missing",
        "reference",
        Error,
        "a referenced document does not exist",
    ),
    rule(
        "self-reference",
        "reference",
        Error,
        "a document references itself",
    ),
    rule(
        "replaces-version",
        "reference",
        Error,
        "`replaces` / `replaced_by` do not point to an earlier / later version of the same number",
    ),
    rule(
        "supplement-target",
        "reference",
        Error,
        "a supplement extends something other than a primary document of its own number",
    ),
    rule(
        "missing-replaced-by",
        "reference",
        Error,
        "a Deprecated or Rejected document does not list its successor in `replaced_by`",
    ),
    rule(
        "replacement-reciprocity",
        "reference",
        Warning,
        "`replaced_by` names a document that does not list this one in `replaces`",
    ),
    rule(
        "multiple-stable",
        "reference",
        Error,
        "more than one version of a number is Stable",
    ),
    // The body.
    rule(
        "required-section",
        "section",
        Error,
        "a section required for the document's type is missing",
    ),
    rule(
        "recommended-section",
        "section",
        Info,
        "a section recommended for the document's type is missing",
    ),
    rule(
        "broken-link",
        "link",
        Error,
        "a relative link points to a file that does not exist",
    ),
    rule(
        "broken-anchor",
        "link",
        Warning,
        "a link's `#anchor` matches no heading or anchor of its target",
    ),
    // The lifecycle, judged from git history (`normwerk history`, `lint --base`).
    rule(
        "entered-without-draft",
        "lifecycle",
        Error,
        "a document appeared with a status other than Draft (a decision record may enter as Stable)",
    ),
    rule(
        "illegal-transition",
        "lifecycle",
        Error,
        "a status change that is not a step of the lifecycle",
    ),
    rule(
        "deprecated-without-stable",
        "lifecycle",
        Error,
        "a document went from Draft to Deprecated without ever being Stable",
    ),
    rule(
        "stabilized-at-changed",
        "lifecycle",
        Error,
        "`stabilized_at` is missing, removed or changed after stabilization",
    ),
    rule(
        "slug-changed",
        "lifecycle",
        Error,
        "an accepted document's slug changed within the same version",
    ),
    rule(
        "number-reused",
        "lifecycle",
        Error,
        "a number and version were given to a different document",
    ),
    rule(
        "replaced-by-not-stable",
        "lifecycle",
        Error,
        "`replaced_by` names a document that has not been Stable",
    ),
    // Rules that judge a change (`lint --base REV`).
    rule(
        "stable-edit",
        "change",
        Warning,
        "a Stable document was edited (the diff is shown)",
    ),
    rule(
        "normative-edit",
        "change",
        Error,
        "normative lines (RFC 2119 keywords) of a Stable document were added, removed or changed",
    ),
    rule(
        "renumbered",
        "change",
        Warning,
        "a document changed its number",
    ),
    rule(
        "multiple-new-documents",
        "change",
        Warning,
        "one change adds more than one new primary document",
    ),
    rule(
        "date-from-history",
        "change",
        Info,
        "a lifecycle date is implausible next to the commit that made the transition",
    ),
];

/// Rule groups judged from git history rather than from the files alone.
pub const HISTORY_GROUPS: [&str; 2] = ["lifecycle", "change"];

pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

pub fn ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id).collect()
}

/// The default severity of a rule id. Ids are compile-time constants checked by a test, so an
/// unknown id is a programming error; it is treated as an error rather than a panic.
pub fn default_severity(id: &str) -> Severity {
    get(id).map_or(Severity::Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.id
            );
        }
    }
}
