//! The profile of a standards body: its prefix, statuses, tracks and document types with their
//! sections. The built-in one is the SCS process (`profiles/scs.toml`).

use super::Level;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    /// Changes of the process text after which documents frozen earlier keep the rules of their
    /// time, oldest first.
    #[serde(default = "scs::eras")]
    pub eras: Vec<Era>,
    /// The address where the body publishes its documents (`https://docs.scs.community`):
    /// absolute links to document pages there are links into the corpus and checked as such.
    /// Empty: no such site.
    #[serde(default = "scs::canonical_url")]
    pub canonical_url: String,
    /// Where the certificate scopes are and how their documents are found.
    #[serde(default = "scs::scopes")]
    pub scopes: ScopeSettings,
}

/// `[profile.scopes]`: the machine-readable scope files (scs-0003) and the Markdown documents
/// that describe each scope version.
/// A key left out keeps the SCS value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeSettings {
    /// Scope files, relative to the source folder; the file name may hold `*`, `?`, `[…]`.
    #[serde(default = "scs::scope_files")]
    pub files: Vec<String>,
    /// The track of the scope documents (`Scopes`): the document of scope version `vN` is version
    /// N of the standard of that track whose title is the scope's `name`. Empty: none.
    #[serde(default = "scs::scope_track")]
    pub track: String,
    /// The section of a scope document that lists the standards it includes; its links are
    /// compared with the scope file. Empty, or no such section: the whole body.
    #[serde(default = "scs::scope_section")]
    pub section: String,
}

impl Default for Profile {
    fn default() -> Self {
        scs::PROFILE.clone()
    }
}

/// The built-in profile, parsed once; each part is the default of the same part in a config.
mod scs {
    use super::{DocType, Era, Profile, SCS_PROFILE, ScopeSettings, Statuses, Track};
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
    pub fn eras() -> Vec<Era> {
        PROFILE.eras.clone()
    }
    pub fn canonical_url() -> String {
        PROFILE.canonical_url.clone()
    }
    pub fn scopes() -> ScopeSettings {
        PROFILE.scopes.clone()
    }
    pub fn scope_files() -> Vec<String> {
        PROFILE.scopes.files.clone()
    }
    pub fn scope_track() -> String {
        PROFILE.scopes.track.clone()
    }
    pub fn scope_section() -> String {
        PROFILE.scopes.section.clone()
    }
}

/// `[[profile.eras]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEra {
    until: RawDay,
    change: String,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    sections: Option<EraSections>,
}

/// A day as TOML writes it (`2024-04-16`) or as a string (`"2024-04-16"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum RawDay {
    Text(String),
    Toml(toml::value::Datetime),
}

/// A change of the process text: a document frozen (Stable, Deprecated or Rejected) before
/// `until` is judged by the process of its time: with these rule levels instead of the rules'
/// defaults, and with these sections instead of its type's. An explicit level in `[rules]` or
/// `[[overrides]]` still wins.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawEra")]
pub struct Era {
    /// The day the process text changed.
    pub until: jiff::civil::Date,
    /// What changed, in a sentence: shown with the findings it re-levels.
    pub change: String,
    pub rules: BTreeMap<String, Level>,
    pub sections: Option<EraSections>,
}

/// The sections the process asked of every document before a change, whatever its type.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraSections {
    #[serde(default)]
    pub required: Vec<Section>,
    #[serde(default)]
    pub recommended: Vec<Section>,
}

impl TryFrom<RawEra> for Era {
    type Error = String;

    fn try_from(raw: RawEra) -> Result<Era, String> {
        let text = match &raw.until {
            RawDay::Text(t) => t.clone(),
            RawDay::Toml(d) => d.to_string(),
        };
        let until = crate::document::parse_iso_date(&text)
            .ok_or_else(|| format!("era `until = {text:?}` is not a date YYYY-MM-DD"))?;
        Ok(Era {
            until,
            change: raw.change,
            rules: raw.rules,
            sections: raw.sections,
        })
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
    /// Sections the process names as optional: known, so not taken for the document's own.
    #[serde(default)]
    pub optional_sections: Vec<Section>,
}

impl DocType {
    /// Whether a document of this type has a section of its own subject: a heading of the top
    /// level (its title aside, see [`section_headings`]) that names none of the type's required,
    /// recommended or optional sections.
    pub fn has_own_section<'h>(&self, headings: impl IntoIterator<Item = (u8, &'h str)>) -> bool {
        let headings = section_headings(headings);
        let Some(top) = headings.iter().map(|(l, _)| *l).min() else {
            return false;
        };
        let named = || {
            self.required_sections
                .iter()
                .chain(&self.recommended_sections)
                .chain(&self.optional_sections)
        };
        headings
            .iter()
            .filter(|(l, _)| *l == top)
            .any(|(_, h)| !named().any(|s| s.matches(h)))
    }
}

/// A section, found by its heading: a name, or a table with other spellings (`aliases`), words
/// that find it by content (`words`), or the mark of the document's own section (`own`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Section {
    Name(String),
    Table(SectionTable),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionTable {
    pub name: String,
    /// Other headings that name the section, matched like the name.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a section the process describes by its content ("a section containing the actual
    /// decision"): a heading of any level with one of these words (or a longer word they start,
    /// `decision` → `Decisions`).
    #[serde(default)]
    pub words: Vec<String>,
    /// The section of the document's own subject ("a section containing the actual
    /// standardization decision"): any top-level section that is none of the type's named ones.
    #[serde(default)]
    pub own: bool,
}

impl Section {
    pub fn name(&self) -> &str {
        match self {
            Section::Name(n) => n,
            Section::Table(t) => &t.name,
        }
    }

    /// Whether a heading names this section: equal ignoring case, or the name followed by
    /// punctuation or more words ("Conformance Tests, OPTIONAL", "Motivation for this document"),
    /// or (with `words`) a heading with one of the words. An `own` section is recognised by
    /// [`DocType::has_own_section`], not by one heading.
    pub fn matches(&self, heading: &str) -> bool {
        let heading = heading.trim();
        match self {
            Section::Name(n) => names_section(n, heading),
            Section::Table(t) if t.own => false,
            Section::Table(t) => {
                names_section(&t.name, heading)
                    || t.aliases.iter().any(|a| names_section(a, heading))
                    || heading.split(|c: char| !c.is_alphanumeric()).any(|w| {
                        let w = w.to_lowercase();
                        t.words.iter().any(|s| w.starts_with(&s.to_lowercase()))
                    })
            }
        }
    }

    pub fn is_own(&self) -> bool {
        matches!(self, Section::Table(t) if t.own)
    }

    /// Whether the section is found by words in any heading, not by its name.
    pub fn by_words(&self) -> bool {
        matches!(self, Section::Table(t) if !t.words.is_empty())
    }

    /// A problem of the section as configured, said in a sentence.
    pub fn problem(&self) -> Option<String> {
        let Section::Table(t) = self else {
            return None;
        };
        if t.own && !(t.aliases.is_empty() && t.words.is_empty()) {
            return Some(format!(
                "section {:?}: `own = true` finds the section by what it is not; it takes no `aliases` or `words`",
                t.name
            ));
        }
        if t.words.iter().any(|w| w.trim().is_empty()) {
            return Some(format!("section {:?}: an empty word in `words`", t.name));
        }
        None
    }
}

/// The headings that are sections: all but a title, the one level-1 heading of a document
/// (documents whose sections are all `#` headings have more than one).
pub fn section_headings<'h>(
    headings: impl IntoIterator<Item = (u8, &'h str)>,
) -> Vec<(u8, &'h str)> {
    let all: Vec<(u8, &str)> = headings.into_iter().collect();
    let titles = all.iter().filter(|(l, _)| *l == 1).count();
    all.into_iter()
        .filter(|(l, _)| titles != 1 || *l != 1)
        .collect()
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
    fn section_tables_are_checked_and_titles_are_not_sections() {
        let parse = |t: &str| -> Result<Vec<Section>, toml::de::Error> {
            #[derive(Deserialize)]
            struct S {
                s: Vec<Section>,
            }
            toml::from_str::<S>(t).map(|s| s.s)
        };
        let own_with_words = parse("s = [{ name = \"X\", own = true, words = [\"x\"] }]").unwrap();
        assert!(own_with_words[0].problem().is_some());
        let empty_word = parse("s = [{ name = \"X\", words = [\" \"] }]").unwrap();
        assert!(empty_word[0].problem().is_some());
        assert!(parse("s = [{ name = \"X\", bogus = 1 }]").is_err());
        let words = parse("s = [{ name = \"Decision\", words = [\"decision\"] }]").unwrap();
        assert!(words[0].matches("Our Decisions") && words[0].by_words());
        assert!(!words[0].matches("Context"));
        // One level-1 heading is the title; several are sections.
        assert_eq!(section_headings([(1, "Title"), (2, "A")]), [(2, "A")]);
        assert_eq!(section_headings([(1, "A"), (1, "B")]), [(1, "A"), (1, "B")]);
    }

    #[test]
    fn sections_match_headings() {
        let s = Section::Name("Conformance Tests".into());
        assert!(s.matches("Conformance Tests, OPTIONAL"));
        assert!(s.matches("conformance tests"));
        assert!(!s.matches("Conformance Testsuite"));
    }
}
