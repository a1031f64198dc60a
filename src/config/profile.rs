//! The profile of a standards body: its prefix, statuses, tracks and document types with their
//! sections. The built-in one is the SCS process (`profiles/scs.toml`).

use serde::Deserialize;

const SCS_PROFILE: &str = include_str!("profiles/scs.toml");

/// What a standards body's documents look like. A part left out keeps the SCS value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// File names start with `PREFIX-`.
    #[serde(default = "scs::prefix")]
    pub prefix: String,
    #[serde(default = "scs::statuses")]
    pub statuses: Statuses,
    #[serde(default = "scs::tracks")]
    pub tracks: Vec<Track>,
    #[serde(default = "scs::types")]
    pub types: Vec<DocType>,
    /// Frontmatter keys accepted in addition to the process's own fields.
    #[serde(default = "scs::extra_keys")]
    pub extra_keys: Vec<String>,
    /// The address where the body publishes its documents (`https://docs.scs.community`):
    /// absolute links to document pages there are links into the corpus and checked as such.
    /// Empty: no such site.
    #[serde(default = "scs::canonical_url")]
    pub canonical_url: String,
}

impl Default for Profile {
    fn default() -> Self {
        scs::PROFILE.clone()
    }
}

/// The built-in profile, parsed once; each part is the default of the same part in a config.
mod scs {
    use super::{DocType, Profile, SCS_PROFILE, Statuses, Track};
    use std::sync::LazyLock;

    // The embedded profile is part of the binary and covered by tests; every field is present
    // in it, so parsing it never falls back to these defaults.
    #[expect(
        clippy::expect_used,
        reason = "SCS_PROFILE is a constant of the binary; every test run parses it"
    )]
    pub static PROFILE: LazyLock<Profile> =
        LazyLock::new(|| toml::from_str(SCS_PROFILE).expect("the built-in SCS profile parses"));

    pub fn prefix() -> String {
        PROFILE.prefix.clone()
    }
    pub fn statuses() -> Statuses {
        PROFILE.statuses.clone()
    }
    pub fn tracks() -> Vec<Track> {
        PROFILE.tracks.clone()
    }
    pub fn types() -> Vec<DocType> {
        PROFILE.types.clone()
    }
    pub fn extra_keys() -> Vec<String> {
        PROFILE.extra_keys.clone()
    }
    pub fn canonical_url() -> String {
        PROFILE.canonical_url.clone()
    }
}

/// The names of the four lifecycle statuses; their meaning is fixed by the process.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statuses {
    pub draft: String,
    pub stable: String,
    pub deprecated: String,
    pub rejected: String,
}

impl Statuses {
    pub fn all(&self) -> [&str; 4] {
        [&self.draft, &self.stable, &self.deprecated, &self.rejected]
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub name: String,
    /// The second digit of a document number names the track.
    pub digit: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    pub name: String,
    /// Supplements carry no status, list the documents they extend, and use `w` in file names.
    #[serde(default)]
    pub supplement: bool,
    /// Documents of this type may be accepted directly as Stable (decision records).
    #[serde(default)]
    pub may_enter_stable: bool,
    #[serde(default)]
    pub required_sections: Vec<Section>,
    #[serde(default)]
    pub recommended_sections: Vec<Section>,
}

/// A section, found by its heading; other spellings may be accepted as aliases.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Section {
    Name(String),
    WithAliases { name: String, aliases: Vec<String> },
}

impl Section {
    pub fn name(&self) -> &str {
        match self {
            Section::Name(n) | Section::WithAliases { name: n, .. } => n,
        }
    }

    /// Whether a heading names this section: equal ignoring case, or the name followed by
    /// punctuation or more words ("Conformance Tests, OPTIONAL", "Motivation for this document").
    pub fn matches(&self, heading: &str) -> bool {
        let heading = heading.trim();
        match self {
            Section::Name(n) => names_section(n, heading),
            Section::WithAliases { name, aliases } => {
                names_section(name, heading) || aliases.iter().any(|a| names_section(a, heading))
            }
        }
    }
}

/// `heading` is `name`, ignoring case, or `name` followed by a character that ends a word.
fn names_section(name: &str, heading: &str) -> bool {
    let mut h = heading.chars().flat_map(char::to_lowercase);
    for c in name.chars().flat_map(char::to_lowercase) {
        if h.next() != Some(c) {
            return false;
        }
    }
    h.next().is_none_or(|c| !c.is_alphanumeric())
}

impl Profile {
    pub fn doc_type(&self, name: &str) -> Option<&DocType> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn track_by_name(&self, name: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.name == name)
    }

    pub fn track_by_digit(&self, digit: u32) -> Option<&Track> {
        self.tracks.iter().find(|t| t.digit == digit)
    }

    pub fn is_supplement_type(&self, name: &str) -> bool {
        self.doc_type(name).is_some_and(|t| t.supplement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_is_scs() {
        let p = Profile::default();
        assert_eq!(p.prefix, "scs");
        assert_eq!(p.tracks.len(), 6);
        assert!(p.is_supplement_type("Supplement"));
        assert_eq!(p.track_by_digit(2).unwrap().name, "KaaS");
    }

    #[test]
    fn sections_match_headings() {
        let s = Section::Name("Conformance Tests".into());
        assert!(s.matches("Conformance Tests, OPTIONAL"));
        assert!(s.matches("conformance tests"));
        assert!(!s.matches("Conformance Testsuite"));
    }
}
