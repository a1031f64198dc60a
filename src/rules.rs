//! The registry of rules: typed ids, groups, default severities. It is a leaf that the lint, the
//! lifecycle, the configuration and the reports all read. Ids never change meaning; a retired
//! rule's id is not reused.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// How grave a finding is; a rule's default, re-levelled by the configuration.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What a rule looks at; `lifecycle` and `change` rules are judged from git history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    File,
    Name,
    Field,
    Reference,
    Section,
    Link,
    Lifecycle,
    Change,
    Scope,
    Release,
    Suppression,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::File => "file",
            Group::Name => "name",
            Group::Field => "field",
            Group::Reference => "reference",
            Group::Section => "section",
            Group::Link => "link",
            Group::Lifecycle => "lifecycle",
            Group::Change => "change",
            Group::Scope => "scope",
            Group::Release => "release",
            Group::Suppression => "suppression",
        }
    }

    /// Judged from git history rather than from the files alone.
    pub fn is_history(self) -> bool {
        matches!(self, Group::Lifecycle | Group::Change | Group::Release)
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub id: RuleId,
    pub group: Group,
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's page of the book (`book/src/rules/<id>.md`), embedded: commands that refuse
    /// what the process forbids cite the process from it.
    #[serde(skip)]
    pub page: &'static str,
}

/// Declares the rule ids and the registry in one list, so that an id without an entry (or the
/// reverse) cannot exist.
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $group:ident, $severity:ident, $summary:expr;)*) => {
        /// A rule's id: `RuleId::BrokenLink` is written `broken-link` everywhere a person or a
        /// tool reads it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($(#[$doc])* $variant,)*
        }

        impl RuleId {
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }
        }

        pub const RULES: &[Rule] = &[
            $(Rule {
                id: RuleId::$variant,
                group: Group::$group,
                severity: Severity::$severity,
                summary: $summary,
                page: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/book/src/rules/", $id, ".md")),
            },)*
        ];
    };
}

rules! {
    // Reading the file.
    Unreadable = "unreadable", File, Error,
        "the file or folder cannot be read as a document";
    InvalidUtf8 = "invalid-utf8", File, Error,
        "the file is not valid UTF-8";
    MissingFrontmatter = "missing-frontmatter", File, Error,
        "the document does not start with a `---` frontmatter block";
    UnterminatedFrontmatter = "unterminated-frontmatter", File, Error,
        "the frontmatter's `---` block is never closed";
    YamlSyntax = "yaml-syntax", File, Error,
        "the frontmatter or a scope file is not valid YAML (duplicate keys included)";
    FrontmatterNotMapping = "frontmatter-not-mapping", File, Error,
        "the frontmatter is not a mapping of keys to values";
    // The file name.
    FileName = "file-name", Name, Error,
        "the file name does not follow `PREFIX-NNNN-vN-slug.md`";
    SlugCharset = "slug-charset", Name, Error,
        "the slug has characters other than lower-case ASCII letters, digits and hyphens, or starts with a hyphen";
    SlugStyle = "slug-style", Name, Warning,
        "the slug does not start with a letter or contains `--`";
    ProposalVersion = "proposal-version", Name, Error,
        "a proposal (`xxxx`) is not a primary document at version 1";
    DuplicateDocument = "duplicate-document", Name, Error,
        "two files have the same number, kind and version";
    TrackMismatch = "track-mismatch", Name, Error,
        "the `track` does not match the track digit of the number";
    // The frontmatter fields (from the JSON Schema).
    MissingField = "missing-field", Field, Error,
        "a required frontmatter field is missing";
    MissingTitle = "missing-title", Field, Warning,
        "the document has no `title` (the process does not require one; pages fall back to its first heading)";
    ForbiddenField = "forbidden-field", Field, Error,
        "a frontmatter field is present where the process forbids it";
    InvalidValue = "invalid-value", Field, Error,
        "a frontmatter value has the wrong type or is not one of the allowed values";
    InvalidDate = "invalid-date", Field, Error,
        "a date is not a valid ISO date `YYYY-MM-DD`";
    DateOrder = "date-order", Field, Error,
        "lifecycle dates are out of order";
    UnknownKey = "unknown-key", Field, Warning,
        "a frontmatter key the process does not define";
    ListAsString = "list-as-string", Field, Warning,
        "a list field is written as a plain string";
    TypeKindMismatch = "type-kind-mismatch", Name, Error,
        "a supplement's file name lacks `w`, or a primary document's has it";
    // References between documents.
    ReferenceMissing = "reference-missing", Reference, Error,
        "a referenced document does not exist";
    SelfReference = "self-reference", Reference, Error,
        "a document references itself";
    ReplacesVersion = "replaces-version", Reference, Error,
        "`replaces` / `replaced_by` do not point to an earlier / later version of the same number";
    SupplementTarget = "supplement-target", Reference, Error,
        "a supplement extends something other than a primary document of its own number";
    MissingReplacedBy = "missing-replaced-by", Reference, Error,
        "a Deprecated or Rejected document does not list its successor in `replaced_by`";
    ReplacementReciprocity = "replacement-reciprocity", Reference, Warning,
        "`replaced_by` names a document that does not list this one in `replaces`";
    MultipleStable = "multiple-stable", Reference, Warning,
        "more than one version of a number is Stable";
    MissingReplaces = "missing-replaces", Reference, Error,
        "a version after v1 does not name the previous version in `replaces`";
    VersionGap = "version-gap", Reference, Error,
        "a version whose previous version is in neither the corpus nor its history (versions start at 1 and go up by one)";
    ReplacedByNotStable = "replaced-by-not-stable", Reference, Error,
        "`replaced_by` names a document that has not been Stable";
    NoSuccessor = "no-successor", Reference, Info,
        "a Deprecated or Rejected document names no successor in `replaced_by` (recommended)";
    // The status against the name and the dates.
    ProposalStatus = "proposal-status", Field, Error,
        "a proposal (`xxxx`) is not a Draft";
    StatusDate = "status-date", Field, Warning,
        "a lifecycle date contradicts the status (`stabilized_at` on a Draft, `rejected_at` on a document that is not Rejected, `deprecated_at` on a Draft or a Rejected document)";
    // The body.
    RequiredSection = "required-section", Section, Error,
        "a section required for the document's type is missing";
    RecommendedSection = "recommended-section", Section, Info,
        "a section recommended for the document's type is missing";
    BrokenLink = "broken-link", Link, Error,
        "a link points to a file or a page of the published site that does not exist";
    LinkOutside = "link-outside", Link, Error,
        "a link or image leads outside the source folder (by `..` or a symbolic link)";
    ActiveContent = "active-content", Link, Error,
        "a linked file would run in readers' browsers (HTML, script, SVG with script)";
    BrokenAnchor = "broken-anchor", Link, Warning,
        "a link's `#anchor` matches no heading or anchor of its target";
    LinkTextMismatch = "link-text-mismatch", Link, Warning,
        "a link's text names a document or standard, but the link leads to another";
    // The lifecycle, judged from git history (`normwerk history`, `lint --base`).
    EnteredWithoutDraft = "entered-without-draft", Lifecycle, Error,
        "a document appeared with a status other than Draft (a decision record may enter as Stable)";
    IllegalTransition = "illegal-transition", Lifecycle, Error,
        "a status change that is not a step of the lifecycle";
    DeprecatedWithoutStable = "deprecated-without-stable", Lifecycle, Error,
        "a document went from Draft to Deprecated without ever being Stable";
    StabilizedAtChanged = "stabilized-at-changed", Lifecycle, Error,
        "`stabilized_at` is missing, removed or changed after stabilization";
    SlugChanged = "slug-changed", Lifecycle, Error,
        "an accepted document's slug changed within the same version";
    NumberReused = "number-reused", Lifecycle, Error,
        "a number and version were given to a different document";
    DeprecationUnannounced = "deprecation-unannounced", Lifecycle, Info,
        "a deprecation was set by a commit dated after the `deprecated_at` it names (not announced ahead)";
    // Rules that judge a change (`lint --base REV`).
    StableEdit = "stable-edit", Change, Warning,
        "a Stable document was edited (the diff is shown)";
    NormativeEdit = "normative-edit", Change, Error,
        "a normative statement of a Stable document changed in a way that can make a conforming implementation non-conforming";
    NormativeRecommended = "normative-recommended", Change, Warning,
        "a recommendation (SHOULD) was added to a Stable document or a statement strengthened to one";
    NormativeRelaxed = "normative-relaxed", Change, Warning,
        "a normative statement of a Stable document was relaxed or a requirement removed";
    NormativeReworded = "normative-reworded", Change, Warning,
        "a normative statement of a Stable document was reworded, its keywords unchanged";
    NormativeRestored = "normative-restored", Change, Info,
        "a normative statement of a Stable document went back to its text at stabilisation";
    Renumbered = "renumbered", Change, Warning,
        "a document changed its number";
    MultipleNewDocuments = "multiple-new-documents", Change, Warning,
        "one change adds more than one new primary document";
    DateFromHistory = "date-from-history", Change, Info,
        "a lifecycle date is implausible next to the commit that made the transition";
    // Certificate scopes (scope files of scs-0003 and the scope documents).
    ScopeSchema = "scope-schema", Scope, Error,
        "a scope file does not follow the format of scs-0003 (`schemas/scope.schema.json`)";
    ScopeDuplicateId = "scope-duplicate-id", Scope, Error,
        "a test case, module or version id is defined twice, or two modules of one version share a test case";
    ScopeUnknownModule = "scope-unknown-module", Scope, Error,
        "a version includes a module the scope file does not define";
    ScopeUnknownTestcase = "scope-unknown-testcase", Scope, Error,
        "a module's target names a test case no script defines";
    ScopeUnknownVersion = "scope-unknown-version", Scope, Error,
        "a timeline entry names a version the scope file does not define";
    ScopeTimelineOrder = "scope-timeline-order", Scope, Warning,
        "the timeline is not in descending date order, or two entries have the same date";
    ScopeMissingParameter = "scope-missing-parameter", Scope, Error,
        "an include does not give a value to a parameter of its module, or gives one the module does not have";
    ScopeBrokenUrl = "scope-broken-url", Scope, Error,
        "a module or test case `url` names a page of the published site for a document the corpus does not have";
    ScopeBrokenAnchor = "scope-broken-anchor", Scope, Warning,
        "a module or test case `url` points at an `#anchor` that is no heading or anchor of its document";
    ScopeNotInForce = "scope-not-in-force", Scope, Error,
        "a scope version that can be certified against (effective, warn) includes a document not in force then";
    ScopeNotStable = "scope-not-stable", Scope, Error,
        "a scope version is effective or warn before it is stable (`stabilized_at`)";
    ScopeStabilizedMismatch = "scope-stabilized-mismatch", Scope, Error,
        "a scope version's `stabilized_at` differs from its scope document's";
    ScopeValidityMismatch = "scope-validity-mismatch", Scope, Warning,
        "the timeline and the scope document disagree on whether a version is in force";
    ScopeDocumentMismatch = "scope-document-mismatch", Scope, Error,
        "a scope document and the scope file disagree on which standards a version includes";
    ScopeUnusedModule = "scope-unused-module", Scope, Info,
        "a module that no version includes (pruning is allowed)";
    ScopeUnusedTestcase = "scope-unused-testcase", Scope, Info,
        "a test case that no module's target names (pruning is allowed)";
    // Certificate scopes, judged from git history.
    ScopeVersionChanged = "scope-version-changed", Lifecycle, Error,
        "a stable scope version (with `stabilized_at`) was changed afterwards";
    ScopeTimelineRewritten = "scope-timeline-rewritten", Lifecycle, Error,
        "a timeline entry that had begun was changed (the timeline is prepend-only)";
    // Releases.
    ReleaseModified = "release-modified", Release, Error,
        "a release manifest changed or was deleted after its tag (releases are immutable)";
    ReleaseUnverified = "release-unverified", Release, Error,
        "a release manifest does not verify: files, chain or signature";
    // Suppressions written in documents.
    SuppressionInvalid = "suppression-invalid", Suppression, Error,
        "a `normwerk-ignore` comment names no known rule or gives no reason";
    SuppressionUnused = "suppression-unused", Suppression, Warning,
        "a `normwerk-ignore` comment that no finding matched";
}

impl RuleId {
    /// The registry entry of this id.
    #[expect(
        clippy::indexing_slicing,
        reason = "the macro lists every id in RULES in declaration order (a unit test checks it)"
    )]
    pub fn rule(self) -> &'static Rule {
        // RULES lists every id in declaration order.
        &RULES[self as usize]
    }

    /// What the process says that this rule enforces: the quotation and its source, from the
    /// section "The process" of the rule's book page.
    pub fn process(self) -> Option<&'static str> {
        const HEADING: &str = "\n## The process\n";
        let page = self.rule().page;
        let rest = page.get(page.find(HEADING)? + HEADING.len()..)?;
        let end = rest.find("\n## ").unwrap_or(rest.len());
        rest.get(..end).map(str::trim).filter(|q| !q.is_empty())
    }

    pub fn default_severity(self) -> Severity {
        self.rule().severity
    }

    pub fn group(self) -> Group {
        self.rule().group
    }

    /// The id written as `broken-link`.
    pub fn parse(text: &str) -> Option<RuleId> {
        RULES.iter().map(|r| r.id).find(|id| id.as_str() == text)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Every rule id as written.
pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_in_registry_order() {
        let mut seen = std::collections::HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, i, "{}", r.id);
            assert!(seen.insert(r.id.as_str()), "duplicate rule id {}", r.id);
            assert!(
                r.id.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.id
            );
            assert_eq!(RuleId::parse(r.id.as_str()), Some(r.id));
        }
    }

    #[test]
    fn every_rule_cites_the_process_from_its_page() {
        for r in RULES {
            assert!(r.page.starts_with(&format!("# {}\n", r.id)), "{}", r.id);
        }
        let quote = RuleId::IllegalTransition.process().expect("a quotation");
        assert!(quote.starts_with("> "), "{quote}");
        assert!(quote.contains("— SCS-0001"), "{quote}");
    }
}
