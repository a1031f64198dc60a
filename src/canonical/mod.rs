//! Addresses of the body's own published site (`profile.canonical_url`): which of them name a
//! document or standard page (`/standards/<file-id>`, `/standards/<track>/<id>`). The lint checks
//! such links in documents, the scope files name documents by them.

use crate::markdown::percent_decode;

/// A page address of the published site that names a document or a standard, not yet looked
/// up: `/standards/<id>` or `/standards/<track>/<id>`, where `<id>` starts with `PREFIX-NNNN`
/// (or `PREFIX-xxxx`), with or without a trailing `/`, `.md`, `.html` or `/index.html`.
#[derive(Debug, PartialEq, Eq)]
pub struct Address {
    /// The track segment as written, if the address has one.
    pub track: Option<String>,
    /// The file id (`scs-0100-v3-flavor-naming`) or standard id (`scs-0100`), percent-decoded.
    pub id: String,
    /// The part after `#`, percent-decoded.
    pub fragment: Option<String>,
}

/// Reads `dest` as an address of a document or standard page of the site at `site`; `None` for
/// any other address (another host, another path on the same host, an empty `site`).
pub fn parse(site: &str, dest: &str, prefix: &str) -> Option<Address> {
    let rest = on_site(site, dest.trim())?;
    let (rest, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (rest, None),
    };
    let path = percent_decode(rest.split('?').next().unwrap_or(rest));
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.last() == Some(&"index.html") {
        segments.pop();
    }
    let (track, id) = match segments.as_slice() {
        ["standards", id] => (None, *id),
        ["standards", track, id] => (Some((*track).to_owned()), *id),
        _ => return None,
    };
    let id = id
        .strip_suffix(".md")
        .or_else(|| id.strip_suffix(".html"))
        .unwrap_or(id);
    names_a_document(id, prefix).then(|| Address {
        track,
        id: id.to_owned(),
        fragment,
    })
}

/// The part of `dest` after the site's address (`/standards/…`, or empty), when `dest` lies on
/// that site; `http` and `https` and the case of the host do not matter.
pub fn on_site<'d>(site: &str, dest: &'d str) -> Option<&'d str> {
    fn without_scheme(url: &str) -> Option<&str> {
        let (scheme, rest) = url.split_once("://")?;
        ["http", "https"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
            .then_some(rest)
    }
    let site = without_scheme(site.trim())?.trim_end_matches('/');
    let dest = without_scheme(dest)?;
    if site.is_empty() {
        return None;
    }
    let head = dest.get(..site.len())?;
    let rest = dest.get(site.len()..)?;
    (head.eq_ignore_ascii_case(site) && (rest.is_empty() || rest.starts_with(['/', '?', '#'])))
        .then_some(rest)
}

/// Whether a page name is meant to name a document or standard: `PREFIX-NNNN` or
/// `PREFIX-xxxx`, alone or followed by `-` (any case). `scs-compatible-iaas` is not.
pub fn names_a_document(id: &str, prefix: &str) -> bool {
    let Some(head) = id.get(..prefix.len()) else {
        return false;
    };
    let Some(rest) = id.get(prefix.len()..).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let number = rest.get(..4).unwrap_or_default();
    let after = rest.get(4..).unwrap_or_default();
    head.eq_ignore_ascii_case(prefix)
        && number.len() == 4
        && (number.bytes().all(|b| b.is_ascii_digit())
            || number.bytes().all(|b| b.eq_ignore_ascii_case(&b'x')))
        && (after.is_empty() || after.starts_with('-'))
}

/// The number of a standard id (`scs-0100`, `SCS-0100`: the prefix in any case, four digits).
pub fn standard_number(id: &str, prefix: &str) -> Option<u32> {
    let head = id.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let digits = id.get(prefix.len()..)?.strip_prefix('-')?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests;
