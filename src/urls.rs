//! The site's URL scheme, in one place: the pages, the JSON index and the index's `url` fields
//! all take their paths from here. Paths are relative to the site root; folders end in `/` and
//! are served by their `index.html`.

use crate::document::Document;

/// The page name of a document: its file name without `.md` (`scs-0100-v3-flavor-naming`), the
/// scheme the SCS docs site uses, so that existing links keep working.
pub fn file_id(doc: &Document) -> String {
    doc.file_name.trim_end_matches(".md").to_owned()
}

/// `standards/scs-0100-v3-flavor-naming/`
pub fn document(doc: &Document) -> String {
    format!("standards/{}/", file_id(doc))
}

/// `standards/scs-0100/`
pub fn standard(standard_id: &str) -> String {
    format!("standards/{standard_id}/")
}

/// `standards/scs-0100/diff-v1-v2.html`: the changes from one version of a standard to another.
/// A file in the standard's folder, not a folder of its own: a standard of n versions has
/// n(n-1)/2 diffs, and two folders each made them half the inodes of a 10,000-document site
/// (book/src/design/output.md).
pub fn diff(standard_id: &str, old: u32, new: u32) -> String {
    format!("standards/{standard_id}/diff-v{old}-v{new}.html")
}

/// `tracks/iaas/`
pub fn track(slug: &str) -> String {
    format!("tracks/{slug}/")
}

/// The certification section: the index of the certificate scopes.
pub const CERTIFICATION: &str = "certification/";

/// `certification/scs-compatible-iaas/`: one certificate scope (its id is the scope file's
/// name without extension).
pub fn scope(id: &str) -> String {
    format!("{CERTIFICATION}{id}/")
}

/// The JSON index of the whole corpus.
pub const API_INDEX: &str = "api/v1/index.json";

/// `api/v1/standards/scs-0100.json`
pub fn api_standard(standard_id: &str) -> String {
    format!("api/v1/standards/{standard_id}.json")
}

/// `api/v1/scopes/scs-compatible-iaas.json`
pub fn api_scope(scope_id: &str) -> String {
    format!("api/v1/scopes/{scope_id}.json")
}

/// The source file online: `<base>/<path relative to the standards folder>`; `base` is the
/// configured `source_url` (a repository browser's address of the folder).
pub fn source(base: &str, doc: &Document) -> String {
    format!("{}/{}", base.trim_end_matches('/'), doc.rel_path)
}

/// The site path a relative link from the page at `page` points to (`standards/a/` from
/// `index.html` is `standards/a/index.html`); `None` when it leaves the site.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if link.is_empty() {
        return Some(page.to_owned());
    }
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if link.ends_with('/') || path.is_empty() {
        path = if path.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{path}/index.html")
        };
    }
    Some(path)
}

/// An address of the site or of its sources as given by a user: only `http:` and `https:` are
/// published into pages (a `javascript:` address in a pull request's configuration would run in
/// every reader's browser).
pub fn check_address(url: &str) -> Result<String, String> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_ok = ["http://", "https://"].iter().any(|s| lower.starts_with(s));
    if scheme_ok
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"')
    {
        Ok(url.trim().to_owned())
    } else {
        Err(format!(
            "{url:?} is not an http(s) address (e.g. https://docs.example.org/standards)"
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_http_addresses_are_published() {
        assert!(check_address("https://docs.example.org/x").is_ok());
        assert!(check_address("HTTP://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil",
            "https://a\"b",
            "ftp://x",
        ] {
            assert!(check_address(bad).is_err(), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn links_resolve_within_the_site() {
        assert_eq!(
            resolve("standards/a/index.html", "../b/index.html").as_deref(),
            Some("standards/b/index.html")
        );
        assert_eq!(
            resolve("index.html", "standards/a/").as_deref(),
            Some("standards/a/index.html")
        );
        assert_eq!(resolve("index.html", "../outside.html"), None);
    }
}
