//! `link-text-mismatch`: a link whose text names a document (`scs-0101-v1`) or a standard
//! (`scs-0101`) but that leads to another one, as when a list of documents was copied and one
//! address not changed.

use super::Context;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Document, Kind};
use crate::markdown::Link;
use crate::rules::RuleId;

/// Where a link into the corpus leads.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A document (a relative link, or the page of a document on the published site).
    Document(&'a Document),
    /// The page of a standard on the published site (`/standards/scs-0100`): every version.
    Standard(u32),
}

/// A document or standard named in a link's text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Named {
    /// As written (`SCS-0101-v1`).
    pub written: String,
    pub number: u32,
    /// `None` when the text names the standard (`scs-0101`), not a version of it.
    pub version: Option<(Kind, u32)>,
}

/// Reports `link` if its text names documents of the corpus's prefix and none of them is
/// `target`. A text that names a standard fits every document of that number; one that names
/// a version fits that version and the supplements that extend it.
pub fn check(
    cx: &Context<'_>,
    doc: &Document,
    link: &Link,
    target: Target<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if link.is_image || link.text.is_empty() {
        return;
    }
    let named = named_in(&link.text, &cx.config.profile.prefix);
    let Some(first) = named.first() else {
        return;
    };
    if named.iter().any(|n| fits(cx, n, target)) {
        return;
    }
    let leads_to = match target {
        Target::Document(d) => format!("`{}`", d.file_name),
        Target::Standard(n) => format!(
            "the page of the standard {}-{n:04}",
            cx.config.profile.prefix
        ),
    };
    // The document a version id names, for the help.
    let meant = first
        .version
        .and_then(|(kind, version)| cx.corpus.version(first.number, kind, version));
    let help = match meant {
        Some(d) => format!(
            "`{}` is `{}`: link to it, or correct the text",
            first.written, d.file_name
        ),
        None => "link to the document the text names, or correct the text".to_owned(),
    };
    out.push(
        doc.diag(
            RuleId::LinkTextMismatch,
            Span::new(link.range.0, link.range.1),
            format!(
                "the link text names `{}`, but the link leads to {leads_to}",
                first.written
            ),
        )
        .with_label("the text names another document")
        .with_help(help),
    );
}

/// Whether `target` is the document or standard that `named` names.
fn fits(cx: &Context<'_>, named: &Named, target: Target<'_>) -> bool {
    let d = match target {
        Target::Standard(number) => return number == named.number,
        Target::Document(d) => d,
    };
    let Some(name) = &d.name else {
        // A file whose name cannot be read names nothing to compare with.
        return true;
    };
    if name.number != Some(named.number) {
        return false;
    }
    let Some(version) = named.version else {
        return true;
    };
    if version == (name.kind, name.version) {
        return true;
    }
    // `scs-0100-v3` may lead to the notes that extend version 3.
    version.0 == Kind::Primary
        && name.kind == Kind::Supplement
        && d.fields
            .supplements
            .iter()
            .flat_map(|l| &l.items)
            .any(|item| {
                cx.corpus
                    .resolve(&item.value)
                    .and_then(|s| s.name.as_ref())
                    .is_some_and(|s| s.kind == Kind::Primary && s.version == version.1)
            })
}

/// The document and standard ids in a text: `PREFIX-NNNN`, optionally followed by `-vN` or
/// `-wN`, in any case, not inside a longer word. Proposals (`xxxx`) name no particular document.
pub(super) fn named_in(text: &str, prefix: &str) -> Vec<Named> {
    let lower = text.to_ascii_lowercase();
    let prefix = format!("{}-", prefix.to_ascii_lowercase());
    let bytes = lower.as_bytes();
    let word = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let digits_from = |i: usize| {
        bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|r| r.find(&prefix)) {
        let start = from + at;
        from = start + prefix.len();
        if start.checked_sub(1).is_some_and(word) {
            continue;
        }
        let digits = from;
        if digits_from(digits) != 4 || word(digits + 4) {
            continue;
        }
        let Some(number) = lower.get(digits..digits + 4).and_then(|n| n.parse().ok()) else {
            continue;
        };
        let mut end = digits + 4;
        let mut version = None;
        if bytes.get(end) == Some(&b'-')
            && let Some(kind) = match bytes.get(end + 1) {
                Some(b'v') => Some(Kind::Primary),
                Some(b'w') => Some(Kind::Supplement),
                _ => None,
            }
        {
            let n = digits_from(end + 2);
            if n > 0
                && !bytes.get(end + 2 + n).is_some_and(u8::is_ascii_alphabetic)
                && let Some(v) = lower.get(end + 2..end + 2 + n).and_then(|v| v.parse().ok())
            {
                version = Some((kind, v));
                end += 2 + n;
            }
        }
        found.push(Named {
            written: text.get(start..end).unwrap_or_default().to_owned(),
            number,
            version,
        });
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(u32, Option<(Kind, u32)>)> {
        named_in(text, "scs")
            .into_iter()
            .map(|n| (n.number, n.version))
            .collect()
    }

    #[test]
    fn texts_name_documents_and_standards() {
        assert_eq!(
            ids("scs-0101-v1: Entropy"),
            [(101, Some((Kind::Primary, 1)))]
        );
        assert_eq!(ids("SCS-0101-V2"), [(101, Some((Kind::Primary, 2)))]);
        assert_eq!(ids("`scs-0101-w1`"), [(101, Some((Kind::Supplement, 1)))]);
        assert_eq!(ids("scs-0110-ssd-flavors"), [(110, None)]);
        assert_eq!(ids("the standard SCS-0100."), [(100, None)]);
        assert_eq!(ids("scs-0100-v3.1"), [(100, Some((Kind::Primary, 3)))]);
        assert_eq!(
            ids("scs-0100-v2 and scs-0100-v3"),
            [
                (100, Some((Kind::Primary, 2))),
                (100, Some((Kind::Primary, 3)))
            ]
        );
        // Not an id: inside a word, a proposal, too few or too many digits, a template's `vN`.
        assert_eq!(ids("xscs-0100-v1"), []);
        assert_eq!(ids("scs-xxxx-v1"), []);
        assert_eq!(ids("scs-010-v1 scs-01000"), []);
        assert_eq!(ids("scs-0100-vN"), [(100, None)]);
        assert_eq!(ids("scs-0100-v1a"), [(100, None)]);
        assert_eq!(ids("Über scs-0100"), [(100, None)]);
        assert_eq!(named_in("SCS-0101-v1 x", "scs")[0].written, "SCS-0101-v1");
    }
}
