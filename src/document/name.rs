//! The file-name grammar: `PREFIX-NNNN-vN-slug.md`, supplements with `w`, proposals with `xxxx`.

use serde::Serialize;
use std::fmt;

/// Primary documents carry `v`, supplements `w` in front of the version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Primary,
    Supplement,
}

impl Kind {
    pub fn letter(self) -> char {
        match self {
            Kind::Primary => 'v',
            Kind::Supplement => 'w',
        }
    }
}

/// The file name a reference in `replaces`, `replaced_by` or `supplements` names: written with
/// or without `.md` and a leading `./`.
pub fn reference_file_name(reference: &str) -> String {
    let r = reference.trim().trim_start_matches("./");
    if r.ends_with(".md") {
        r.to_owned()
    } else {
        format!("{r}.md")
    }
}

/// `text` as a slug: lower-case ASCII letters and digits, anything else a single hyphen, none
/// at either end (`Volume Snapshots (v2)` → `volume-snapshots-v2`). Other letters are written in
/// ASCII: German umlauts as German writes them without (`Größe` → `groesse`), other letters by
/// `deunicode` (`Café` → `cafe`).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut push = |c: char| {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    };
    for c in text.chars() {
        let ascii = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' | 'ẞ' => "ss",
            c if c.is_ascii() => {
                push(c);
                continue;
            }
            // Letters only: deunicode spells out symbols (`🙂` → `slight_smile`).
            c if c.is_alphanumeric() => deunicode::deunicode_char(c).unwrap_or("-"),
            _ => "-",
        };
        ascii.chars().for_each(&mut push);
    }
    out.trim_end_matches('-').to_owned()
}

/// A parsed document file name. `number` is `None` for a proposal (`xxxx`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DocName {
    pub prefix: String,
    pub number: Option<u32>,
    /// Width of the number as written (zero padding), so that ids round-trip.
    #[serde(skip)]
    pub digits: usize,
    pub kind: Kind,
    pub version: u32,
    pub slug: String,
    /// Byte range of the slug inside the file name, for diagnostics that point at it.
    #[serde(skip)]
    pub slug_range: (usize, usize),
    /// Byte range of the number (or `xxxx`) inside the file name.
    #[serde(skip)]
    pub number_range: (usize, usize),
    /// Byte range of `vN` / `wN` inside the file name.
    #[serde(skip)]
    pub version_range: (usize, usize),
}

impl DocName {
    pub fn is_proposal(&self) -> bool {
        self.number.is_none()
    }

    /// The standard's id: `scs-0100`; `None` for a proposal.
    pub fn standard_id(&self) -> Option<String> {
        self.number
            .map(|n| format!("{}-{:0width$}", self.prefix, n, width = self.digits))
    }

    /// The version's id: `scs-0100-v3`, `scs-0100-w1`; a proposal keeps its slug: `scs-xxxx-v1-slug`.
    pub fn id(&self) -> String {
        match self.standard_id() {
            Some(std) => format!("{std}-{}{}", self.kind.letter(), self.version),
            None => format!(
                "{}-xxxx-{}{}-{}",
                self.prefix,
                self.kind.letter(),
                self.version,
                self.slug
            ),
        }
    }

    /// The digit of the number that names the track (the second of four), if any.
    pub fn track_digit(&self) -> Option<u32> {
        let n = self.number?;
        if self.digits < 2 {
            return None;
        }
        Some(n / 10u32.pow(self.digits as u32 - 2) % 10)
    }
}

impl fmt::Display for DocName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// How a Markdown file in the source folder is classified by its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameClass {
    Document(DocName),
    /// `scs-XXXX-vN-…-template.md`: a template for authors, not a document.
    Template,
    /// `README.md` and friends: folder documentation, not a document.
    Readme,
    /// A Markdown file whose name does not follow the grammar.
    Invalid(NameError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameError {
    pub message: String,
    /// Byte range inside the file name that is wrong.
    pub range: (usize, usize),
}

/// Classifies a file name (`scs-0100-v3-flavor-naming.md`) under a document prefix.
pub fn classify(file_name: &str, prefix: &str) -> NameClass {
    let lower = file_name.to_ascii_lowercase();
    if lower == "readme.md" || lower.starts_with("readme.") {
        return NameClass::Readme;
    }
    match parse(file_name, prefix) {
        Ok(name) => NameClass::Document(name),
        Err(e) if is_template(file_name, prefix) => {
            let _ = e;
            NameClass::Template
        }
        Err(e) => NameClass::Invalid(e),
    }
}

/// The document name a file name gives (see [`classify`]): none for a README, a template or a
/// name that does not follow the grammar.
pub fn document_name(file_name: &str, prefix: &str) -> Option<DocName> {
    match classify(file_name, prefix) {
        NameClass::Document(n) => Some(n),
        _ => None,
    }
}

/// Whether a path below the source folder (`/`-separated) is a document of the corpus: a
/// Markdown file, neither hidden nor in a hidden folder, that is not a README or a template.
/// The loader, the history walk and `lint --base` all ask this one question.
pub fn is_document_path(rel_path: &str, prefix: &str) -> bool {
    let file = crate::paths::file_name(rel_path);
    file.ends_with(".md")
        && !crate::paths::is_hidden_path(rel_path)
        && !matches!(
            classify(file, prefix),
            NameClass::Readme | NameClass::Template
        )
}

fn is_template(file_name: &str, prefix: &str) -> bool {
    let Some(rest) = strip_prefix_ci(file_name, prefix) else {
        return false;
    };
    let stem = rest.strip_suffix(".md").unwrap_or(rest);
    stem.ends_with("-template") || stem.contains("-vN-") || stem.contains("-wN-")
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    s.get(prefix.len()..)?.strip_prefix('-')
}

/// The part of `stem` from `start` to the next `-` (or the end); empty when `start` is past the
/// end or not on a character boundary.
fn segment(stem: &str, start: usize) -> &str {
    let rest = stem.get(start..).unwrap_or_default();
    rest.split('-').next().unwrap_or(rest)
}

/// Parses `PREFIX-NNNN-(v|w)N-slug.md`. The slug is returned as written; its character rules are
/// checked by the lint, so that a bad slug is reported as such and not as an unparseable name.
pub fn parse(file_name: &str, prefix: &str) -> Result<DocName, NameError> {
    let err = |message: String, range: (usize, usize)| NameError { message, range };
    let whole = (0, file_name.len());
    let stem = file_name.strip_suffix(".md").ok_or_else(|| {
        err(
            "a document's file name ends in `.md`".to_owned(),
            (
                file_name.rfind('.').unwrap_or(file_name.len()),
                file_name.len(),
            ),
        )
    })?;
    if !file_name
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with('-'))
    {
        return Err(err(
            format!("a document's file name starts with `{prefix}-`"),
            (
                0,
                file_name
                    .find('-')
                    .unwrap_or(file_name.len())
                    .min(stem.len()),
            ),
        ));
    }
    let mut pos = prefix.len() + 1;
    let number_text = segment(stem, pos);
    let number_end = pos + number_text.len();
    let number_range = (pos, number_end);
    let number = if !number_text.is_empty() && number_text.chars().all(|c| c == 'x' || c == 'X') {
        if number_text.len() != 4 {
            return Err(err(
                "a proposal is written with `xxxx` in place of the number".to_owned(),
                number_range,
            ));
        }
        None
    } else if !number_text.is_empty() && number_text.bytes().all(|b| b.is_ascii_digit()) {
        if number_text.len() != 4 {
            return Err(err(
                format!("the number `{number_text}` must have exactly four digits (zero-padded)"),
                number_range,
            ));
        }
        number_text.parse::<u32>().ok()
    } else {
        return Err(err(
            format!(
                "expected a four-digit number or `xxxx` after `{prefix}-`, found `{number_text}`"
            ),
            number_range,
        ));
    };
    pos = number_end + 1;
    if pos > stem.len() {
        return Err(err(
            "the number is followed by `-vN-` (or `-wN-` for a supplement) and a slug".to_owned(),
            whole,
        ));
    }
    let version_text = segment(stem, pos);
    let version_end = pos + version_text.len();
    let version_range = (pos, version_end);
    let (kind, digits) = if let Some(digits) = version_text.strip_prefix('v') {
        (Kind::Primary, digits)
    } else if let Some(digits) = version_text.strip_prefix('w') {
        (Kind::Supplement, digits)
    } else {
        return Err(err(
            format!("expected a version `vN` (or `wN` for a supplement), found `{version_text}`"),
            version_range,
        ));
    };
    let version = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<u32>().ok().filter(|&v| v >= 1)
    } else {
        None
    };
    let Some(version) = version else {
        return Err(err(
            format!("the version `{version_text}` must be `v` or `w` followed by a number ≥ 1"),
            version_range,
        ));
    };
    if digits.starts_with('0') {
        return Err(err(
            format!("the version `{version_text}` must not have leading zeros"),
            version_range,
        ));
    }
    let slug_start = version_end + 1;
    let Some(slug) = stem.get(slug_start..).filter(|slug| !slug.is_empty()) else {
        return Err(err(
            "the version is followed by `-` and a slug (the slugified title)".to_owned(),
            (version_range.0, stem.len()),
        ));
    };
    Ok(DocName {
        prefix: prefix.to_owned(),
        number,
        digits: number_text.len(),
        kind,
        version,
        slug: slug.to_owned(),
        slug_range: (slug_start, stem.len()),
        number_range,
        version_range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_ascii_in_any_script() {
        for (title, slug) in [
            ("Volume Snapshots (v2)", "volume-snapshots-v2"),
            ("  --Leading and trailing--  ", "leading-and-trailing"),
            ("Größe der Übergänge", "groesse-der-uebergaenge"),
            ("Café crème", "cafe-creme"),
            ("Łódź Ø", "lodz-o"),
            ("snake_case__name", "snake-case-name"),
            ("🙂", ""),
        ] {
            assert_eq!(slugify(title), slug, "{title}");
        }
    }

    #[test]
    fn references_name_files_with_or_without_md_and_dot_slash() {
        for r in [
            "scs-0001-v1-a.md",
            "scs-0001-v1-a",
            "./scs-0001-v1-a.md",
            " scs-0001-v1-a ",
        ] {
            assert_eq!(reference_file_name(r), "scs-0001-v1-a.md", "{r}");
        }
    }

    #[test]
    fn parses_primary_supplement_and_proposal() {
        let n = parse("scs-0100-v3-flavor-naming.md", "scs").unwrap();
        assert_eq!(n.number, Some(100));
        assert_eq!(n.kind, Kind::Primary);
        assert_eq!(n.version, 3);
        assert_eq!(n.slug, "flavor-naming");
        assert_eq!(n.id(), "scs-0100-v3");
        assert_eq!(n.track_digit(), Some(1));
        let s = parse("scs-0214-w1-node-distribution-testing.md", "scs").unwrap();
        assert_eq!(s.kind, Kind::Supplement);
        assert_eq!(s.id(), "scs-0214-w1");
        let p = parse("scs-XxXx-v1-new-idea.md", "scs").unwrap();
        assert!(p.is_proposal());
        assert_eq!(p.id(), "scs-xxxx-v1-new-idea");
    }

    #[test]
    fn rejects_bad_names_with_ranges() {
        let e = parse("scs-100-v1-a.md", "scs").unwrap_err();
        assert_eq!(e.range, (4, 7));
        let e = parse("scs-0100-x1-a.md", "scs").unwrap_err();
        assert_eq!(e.range, (9, 11));
        let e = parse("scs-0100-v0-a.md", "scs").unwrap_err();
        assert!(e.message.contains("≥ 1"));
        assert!(parse("scs-0100-v1.md", "scs").is_err());
        assert!(parse("foo-0100-v1-a.md", "scs").is_err());
    }

    #[test]
    fn classifies_templates_and_readmes() {
        assert_eq!(
            classify("scs-XXXX-vN-standard-template.md", "scs"),
            NameClass::Template
        );
        assert_eq!(classify("README.md", "scs"), NameClass::Readme);
        assert!(matches!(classify("notes.md", "scs"), NameClass::Invalid(_)));
    }
}
