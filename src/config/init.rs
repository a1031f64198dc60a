//! `normwerk init`: a commented `normwerk.toml` for a body other than SCS, from a few flags, asking
//! nothing. What no flag names keeps the built-in (SCS) value and is shown as a comment.

use super::profile::Profile;

/// What the flags of `init` say.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// File names start with `PREFIX-`.
    pub prefix: Option<String>,
    /// The folder of the documents, relative to the configuration file.
    pub source: Option<String>,
    /// Tracks in order: `Name`, or `Name=digit` (the second digit of a document number).
    pub tracks: Vec<String>,
    /// Document types by name; a name of the built-in profile keeps its kind (supplement,
    /// may enter as Stable).
    pub types: Vec<String>,
    /// The site's title.
    pub title: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("the track {0:?} is not NAME or NAME=DIGIT (a digit 0-9)")]
    Track(String),
    #[error("two tracks have the digit {0}")]
    SameDigit(u32),
    #[error("more than ten tracks: a track is the second digit of a document number")]
    TooManyTracks,
    #[error("the prefix {0:?} is not lower-case ASCII letters and digits")]
    Prefix(String),
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The text of the configuration file.
pub fn render(answers: &Answers) -> Result<String, InitError> {
    let builtin = Profile::default();
    let mut out = String::from(
        "# normwerk's configuration (written by `normwerk init`). Every part left out keeps the\n\
         # built-in value, that of the Sovereign Cloud Stack's process; the book's chapter\n\
         # \"Configuration\" describes each key.\n\n",
    );
    match &answers.source {
        Some(s) => out.push_str(&format!(
            "# Where the documents are, relative to this file.\nsource = {}\n\n",
            quoted(s)
        )),
        None => out.push_str(
            "# Where the documents are, relative to this file (default: ./standards-src or ./Standards).\n\
             # source = \"standards\"\n\n",
        ),
    }
    out.push_str("[profile]\n# File names start with \"PREFIX-\": PREFIX-NNNN-vN-slug.md.\n");
    match &answers.prefix {
        Some(p) => {
            if p.is_empty()
                || !p
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                return Err(InitError::Prefix(p.clone()));
            }
            out.push_str(&format!("prefix = {}\n", quoted(p)));
        }
        None => out.push_str(&format!("# prefix = {}\n", quoted(&builtin.prefix))),
    }
    out.push_str(
        "# Where the body publishes its documents (links there are checked like relative ones).\n\
         canonical_url = \"\"\n\
         # Certificate scopes (SCS-0003) are SCS's; a body without them finds no scope files.\n\
         [profile.scopes]\nfiles = []\n\n",
    );
    out.push_str("# Tracks: the second digit of a document number names the track.\n");
    let mut digits = Vec::new();
    if answers.tracks.is_empty() {
        for t in &builtin.tracks {
            out.push_str(&format!(
                "# [[profile.tracks]]\n# name = {}\n# digit = {}\n",
                quoted(&t.name),
                t.digit
            ));
        }
    }
    for (i, t) in answers.tracks.iter().enumerate() {
        let (name, digit) = match t.split_once('=') {
            Some((name, d)) => match d.trim().parse::<u32>() {
                Ok(d) if d <= 9 && !name.trim().is_empty() => (name.trim(), d),
                _ => return Err(InitError::Track(t.clone())),
            },
            None => match u32::try_from(i) {
                Ok(d) if d <= 9 => (t.trim(), d),
                _ => return Err(InitError::TooManyTracks),
            },
        };
        if name.is_empty() {
            return Err(InitError::Track(t.clone()));
        }
        if digits.contains(&digit) {
            return Err(InitError::SameDigit(digit));
        }
        digits.push(digit);
        out.push_str(&format!(
            "[[profile.tracks]]\nname = {}\ndigit = {digit}\n",
            quoted(name)
        ));
    }
    out.push_str(
        "\n# Types, with the sections their documents need: required_sections, recommended_sections\n\
         # (a name, or { name = \"…\", own = true } for the section of the document's own subject).\n",
    );
    if answers.types.is_empty() {
        for t in &builtin.types {
            out.push_str(&format!(
                "# [[profile.types]]\n# name = {}\n",
                quoted(&t.name)
            ));
        }
    }
    for name in &answers.types {
        let known = builtin
            .types
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name));
        out.push_str(&format!(
            "[[profile.types]]\nname = {}\n",
            quoted(name.trim())
        ));
        if known.is_some_and(|t| t.supplement) {
            out.push_str("supplement = true        # no status, lists what it extends, `w` in the file name\n");
        }
        if known.is_some_and(|t| t.may_enter_stable) {
            out.push_str("may_enter_stable = true  # may be accepted directly as Stable\n");
        }
        out.push_str("required_sections = []\n# recommended_sections = [\"Introduction\"]\n");
    }
    out.push_str(
        "\n# Rule levels: \"error\", \"warning\", \"info\" or \"off\" (`normwerk rules` lists them).\n\
         [rules]\n# recommended-section = \"off\"\n\n[site]\n",
    );
    match &answers.title {
        Some(t) => out.push_str(&format!("title = {}\n", quoted(t))),
        None => out.push_str("# title = \"Our Standards\"\n"),
    }
    out.push_str("# base_url = \"https://standards.example.org/\"\n# footer = \"Licensed under CC-BY-4.0.\"\n");
    out.push_str(
        "\n# `normwerk lsp`: where diagnostics link their rule's page of the book.\n\
         [editor]\n# rules_url = \"https://standards.example.org/book/rules/{rule}.html\"\n",
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn what_init_writes_is_a_configuration_that_reads_back() {
        let answers = Answers {
            prefix: Some("ost".into()),
            source: Some("standards".into()),
            tracks: vec!["Core".into(), "API".into(), "Ops=7".into()],
            types: vec!["Standard".into(), "Supplement".into(), "Guideline".into()],
            title: Some("Open \"Standards\"".into()),
        };
        let text = render(&answers).unwrap();
        let config = crate::config::Config::parse(&text, Path::new("normwerk.toml")).unwrap();
        assert_eq!(config.profile.prefix, "ost");
        let tracks: Vec<(&str, u32)> = config
            .profile
            .tracks
            .iter()
            .map(|t| (t.name.as_str(), t.digit))
            .collect();
        assert_eq!(tracks, [("Core", 0), ("API", 1), ("Ops", 7)]);
        assert!(
            config
                .profile
                .types
                .iter()
                .any(|t| t.name == "Supplement" && t.supplement)
        );
        assert_eq!(config.site.title.as_deref(), Some("Open \"Standards\""));
        // Nothing named: the built-in profile, every part a comment.
        let text = render(&Answers::default()).unwrap();
        let config = crate::config::Config::parse(&text, Path::new("normwerk.toml")).unwrap();
        assert_eq!(config.profile.prefix, "scs");
        assert_eq!(config.profile.tracks.len(), Profile::default().tracks.len());
        for bad in [
            vec!["A=1".to_owned(), "B=1".to_owned()],
            vec!["A=x".to_owned()],
        ] {
            let answers = Answers {
                tracks: bad,
                ..Answers::default()
            };
            assert!(render(&answers).is_err());
        }
    }
}
