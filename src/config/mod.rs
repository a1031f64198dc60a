//! `normwerk.toml`: the profile of the standards body, where its documents live, and how the
//! lint rules are levelled. Every field is optional; the SCS profile is the built-in default.

pub mod init;
mod profile;

pub use profile::{
    DocType, Era, EraSections, Profile, ScopeSettings, Section, Statuses, Track, section_headings,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleId;
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "normwerk.toml";
/// A configuration is a few kilobytes; a megabyte is surely a mistake.
const CONFIG_LIMIT: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Read {
        path: PathBuf,
        reason: crate::confined::Refusal,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The whole configuration, as read from a file or defaulted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The folder that holds the documents, relative to the config file.
    pub source: Option<PathBuf>,
    pub profile: Profile,
    /// Severity per rule id: `error`, `warning`, `info` or `off`.
    pub rules: BTreeMap<String, Level>,
    /// Per-file changes of rule levels.
    pub overrides: Vec<Override>,
    /// Settings of `normwerk build`.
    pub site: SiteConfig,
    /// Settings of `normwerk release`.
    pub releases: ReleasesConfig,
    /// Settings of `normwerk lsp`.
    pub editor: EditorConfig,
    /// How much normwerk reads at most.
    pub limits: Limits,
    /// The file this configuration was read from, if any.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `[site]`: what `normwerk build` uses when the command line does not say otherwise. Paths are
/// relative to the configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub out: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub source_url: Option<String>,
    /// An image file shown beside the title (copied to `assets/`), inside the config's folder.
    pub logo: Option<PathBuf>,
    /// The footer's licence line (plain text).
    pub footer: Option<String>,
    /// The `meta description` of pages without one of their own.
    pub description: Option<String>,
    /// Document pages note the lint's process findings (default: true).
    pub findings: Option<bool>,
}

/// `[releases]`: where the release manifests are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReleasesConfig {
    /// The folder of the manifests, relative to the configuration file (default: `releases/`
    /// beside the standards folder).
    pub folder: Option<PathBuf>,
}

/// `[editor]`: what `normwerk lsp` tells the editor beyond the findings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EditorConfig {
    /// The address of a rule's page of the published book, `{rule}` standing for its id
    /// (`https://example.org/book/rules/{rule}.html`): diagnostics link their rule's page there.
    pub rules_url: Option<String>,
}

/// `[limits]`: bounds on what is read, so that one hostile file cannot exhaust a CI runner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest document read, in bytes (default 10 MiB; the largest SCS document has 60 KB).
    pub document_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            document_bytes: 10 << 20,
        }
    }
}

/// A rule's configured level: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// `[[overrides]]` as written; compiled into an [`Override`] while it is read, so that every
/// `Config`, however deserialized, has working patterns and a bad one is a parse error.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<String>,
    rules: BTreeMap<String, Level>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawOverride")]
pub struct Override {
    /// Glob patterns (`*`, `?`, `[abc]`, `{a,b}`) matched against the file name, or against the
    /// path relative to the source folder when the pattern contains `/`.
    pub files: Vec<String>,
    pub rules: BTreeMap<String, Level>,
    /// `files` compiled, each with whether it is matched against the path (it has a `/`) or the
    /// file name.
    matchers: Vec<(GlobMatcher, bool)>,
}

impl TryFrom<RawOverride> for Override {
    type Error = globset::Error;

    fn try_from(raw: RawOverride) -> Result<Override, globset::Error> {
        let matchers = raw
            .files
            .iter()
            .map(|p| Ok((Glob::new(p)?.compile_matcher(), p.contains('/'))))
            .collect::<Result<_, globset::Error>>()?;
        Ok(Override {
            matchers,
            files: raw.files,
            rules: raw.rules,
        })
    }
}

impl Override {
    fn applies(&self, rel_path: &str) -> bool {
        (0..self.matchers.len()).any(|i| self.pattern_applies(i, rel_path))
    }

    /// Whether pattern `i` of `files` matches the file at `rel_path`.
    fn pattern_applies(&self, i: usize, rel_path: &str) -> bool {
        self.matchers
            .get(i)
            .is_some_and(|(glob, on_path)| match on_path {
                true => glob.is_match(rel_path),
                false => glob.is_match(crate::paths::file_name(rel_path)),
            })
    }
}

impl Config {
    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        // Confined to its own folder: a configuration that is a link to a file elsewhere would
        // show that file's lines in the parse error of a public CI log.
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let text = crate::confined::Folder::new(folder)
            .map_err(crate::confined::Refusal::from)
            .and_then(|f| f.read_text(path, CONFIG_LIMIT))
            .map_err(|reason| ConfigError::Read {
                path: path.to_owned(),
                reason,
            })?;
        Config::parse(&text, path)
    }

    /// Reads a configuration from its text; `path` is where it came from (for messages and
    /// relative paths).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_owned(),
            message,
        };
        let mut config: Config = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        config.path = Some(path.to_owned());
        config.validate()?;
        Ok(config)
    }

    /// Finds `normwerk.toml` in `start` or the nearest parent folder.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            // Anything but a folder counts, so that a link or a FIFO in its place is refused
            // with a message rather than passed over.
            .find(|candidate| candidate.symlink_metadata().is_ok_and(|m| !m.is_dir()))
    }

    /// A path from the configuration, resolved against the config file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        match self.path.as_ref().and_then(|p| p.parent()) {
            Some(base) if path.is_relative() => base.join(path),
            _ => path.to_owned(),
        }
    }

    /// The source folder named by this configuration, resolved against the config file.
    pub fn source_dir(&self) -> Option<PathBuf> {
        let source = self.source.as_ref()?;
        let base = self.path.as_ref().and_then(|p| p.parent())?;
        Some(base.join(source))
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: self.path.clone().unwrap_or_default(),
            message,
        };
        let p = &self.profile;
        if p.prefix.is_empty() || !p.prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid(format!(
                "profile.prefix must be ASCII letters and digits, found {:?}",
                p.prefix
            )));
        }
        for pattern in &p.scopes.files {
            let name = Path::new(pattern).file_name().map(|n| n.to_string_lossy());
            let parsed = name.as_deref().map(globset::Glob::new);
            if !matches!(parsed, Some(Ok(_))) {
                return Err(invalid(format!(
                    "profile.scopes.files: {pattern:?} is not a path whose file name is a glob \
                     pattern (`../Tests/scs-compatible-*.yaml`)"
                )));
            }
        }
        for (i, t) in p.tracks.iter().enumerate() {
            if t.digit > 9 {
                return Err(invalid(format!("track {:?}: digit must be 0–9", t.name)));
            }
            if p.tracks
                .iter()
                .take(i)
                .any(|o| o.digit == t.digit || o.name == t.name)
            {
                return Err(invalid(format!(
                    "track {:?} repeats the name or digit of another track",
                    t.name
                )));
            }
        }
        if let Some(problem) = p
            .types
            .iter()
            .flat_map(|t| {
                t.required_sections
                    .iter()
                    .chain(&t.recommended_sections)
                    .chain(&t.optional_sections)
            })
            .find_map(Section::problem)
        {
            return Err(invalid(problem));
        }
        if p.types.is_empty() || p.tracks.is_empty() {
            return Err(invalid(
                "profile needs at least one track and one type".to_owned(),
            ));
        }
        let canonical = Some(&p.canonical_url).filter(|u| !u.is_empty());
        for (key, url) in [
            ("site.base_url", self.site.base_url.as_ref()),
            ("site.source_url", self.site.source_url.as_ref()),
            ("profile.canonical_url", canonical),
        ] {
            if let Some(url) = url {
                crate::urls::check_address(url).map_err(|e| invalid(format!("{key}: {e}")))?;
            }
        }
        // The site's root: links below it are read as `/standards/…` pages, so an address
        // without a host, or with a query or fragment, would silently match nothing.
        if let Some(url) = canonical {
            let rest = url.split_once("://").map_or("", |(_, r)| r);
            if rest.is_empty() || rest.starts_with('/') || url.contains(['?', '#']) {
                return Err(invalid(format!(
                    "profile.canonical_url: {url:?} is not the root of a site (e.g. https://docs.example.org, without a query or `#`)"
                )));
            }
        }
        let unknown_rule = |id: &String| RuleId::parse(id).is_none().then(|| id.clone());
        if let Some(id) = self
            .rules
            .keys()
            .chain(self.overrides.iter().flat_map(|o| o.rules.keys()))
            .chain(p.eras.iter().flat_map(|e| e.rules.keys()))
            .find_map(unknown_rule)
        {
            return Err(invalid(format!(
                "unknown rule id {id:?}; `normwerk rules` lists the rules"
            )));
        }
        Ok(())
    }

    /// Re-levels findings by the configuration and drops those switched off. `rel_path` turns a
    /// finding's file into its path relative to the source folder (what overrides match).
    pub fn apply_levels(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        rel_path: impl Fn(&str) -> String,
    ) {
        self.apply_levels_with(diagnostics, rel_path, |d| Some(d.rule.default_severity()));
    }

    /// The same, with the level a finding has before the configuration speaks (its rule's
    /// default, or the level of the process's era for its document; `None` is off).
    pub fn apply_levels_with(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        rel_path: impl Fn(&str) -> String,
        default: impl Fn(&Diagnostic) -> Option<Severity>,
    ) {
        diagnostics.retain_mut(|d| {
            let rel = rel_path(&d.file);
            match self.level(d.rule, default(d), &rel) {
                Some(s) => {
                    d.severity = s;
                    true
                }
                None => false,
            }
        });
    }

    /// The severity of a rule for one file, or `None` when it is switched off there.
    pub fn severity(&self, rule: RuleId, default: Severity, rel_path: &str) -> Option<Severity> {
        self.level(rule, Some(default), rel_path)
    }

    /// The `[[overrides]]` patterns that match none of these files (paths relative to the source
    /// folder): most likely a typo, which would silently re-level nothing.
    pub fn unmatched_patterns(&self, files: &[&str]) -> Vec<&str> {
        self.overrides
            .iter()
            .flat_map(|o| o.files.iter().enumerate().map(move |(i, p)| (o, i, p)))
            .filter(|(o, i, _)| !files.iter().any(|f| o.pattern_applies(*i, f)))
            .map(|(_, _, p)| p.as_str())
            .collect()
    }

    /// Whether `[rules]` or an `[[overrides]]` entry for this file names the rule's level.
    pub fn sets_level(&self, rule: RuleId, rel_path: &str) -> bool {
        let rule = rule.as_str();
        self.rules.contains_key(rule)
            || self
                .overrides
                .iter()
                .any(|o| o.applies(rel_path) && o.rules.contains_key(rule))
    }

    fn level(&self, rule: RuleId, default: Option<Severity>, rel_path: &str) -> Option<Severity> {
        let rule = rule.as_str();
        let mut level = self.rules.get(rule).map_or(default, |l| l.severity());
        for o in &self.overrides {
            if o.applies(rel_path)
                && let Some(l) = o.rules.get(rule)
            {
                level = l.severity();
            }
        }
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_file_patterns_are_checked_and_partial_settings_keep_the_rest() {
        let path = Path::new("normwerk.toml");
        let bad = Config::parse("[profile.scopes]\nfiles = [\"Tests/[x.yaml\"]\n", path);
        assert!(
            bad.unwrap_err()
                .to_string()
                .contains("profile.scopes.files")
        );
        let c = Config::parse("[profile.scopes]\nfiles = [\"scopes/*.yaml\"]\n", path).unwrap();
        assert_eq!(c.profile.scopes.files, ["scopes/*.yaml"]);
        assert_eq!(c.profile.scopes.track, "Scopes");
        assert_eq!(c.profile.scopes.section, "Subject Matter");
    }

    #[test]
    fn overrides_relevel_per_file() {
        let c = Config::parse(
            "[rules]\nunknown-key = \"error\"\n[[overrides]]\nfiles = [\"scs-01*\", \"drafts/*-v?-*\"]\nrules = { unknown-key = \"off\" }\n",
            Path::new("normwerk.toml"),
        )
        .unwrap();
        // However a Config is deserialized, its patterns are compiled.
        let direct: Config = toml::from_str(
            "[[overrides]]\nfiles = [\"scs-01*\"]\nrules = { unknown-key = \"off\" }\n",
        )
        .unwrap();
        assert_eq!(
            direct.severity(RuleId::UnknownKey, Severity::Warning, "scs-0100-v1-a.md"),
            None
        );
        assert_eq!(
            c.severity(RuleId::UnknownKey, Severity::Warning, "scs-0200-v1-a.md"),
            Some(Severity::Error)
        );
        assert_eq!(
            c.severity(RuleId::UnknownKey, Severity::Warning, "scs-0100-v1-a.md"),
            None
        );
        // A pattern with `/` matches the path below the source folder, `*` across folders.
        assert_eq!(
            c.severity(
                RuleId::UnknownKey,
                Severity::Warning,
                "drafts/scs-0200-v3-a.md"
            ),
            None
        );
        assert_eq!(
            c.severity(
                RuleId::UnknownKey,
                Severity::Warning,
                "sub/drafts/scs-0200-v3-a.md"
            ),
            Some(Severity::Error)
        );
        assert!(
            Config::parse(
                "[[overrides]]\nfiles = [\"a[\"]\nrules = {}\n",
                Path::new("x.toml")
            )
            .is_err()
        );
    }
}
