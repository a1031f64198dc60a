//! Linked files that would run in a reader's browser: the site copies a document's linked files
//! as they are, so an HTML page, a script, or an SVG image with script would be served from the
//! site's own origin, past the sanitiser that cleans the documents' HTML.

use std::path::Path;

/// The extensions of files a browser runs or renders as a page.
const ACTIVE: [&str; 6] = ["html", "htm", "xhtml", "js", "mjs", "xml"];

/// An SVG image is read up to this size to look for script (diagrams are far smaller).
const SVG_LIMIT: u64 = 10 << 20;

/// Why the file at `path` (a regular file inside the source folder) is active content, if it is.
pub fn active_content(path: &Path) -> Option<String> {
    let ext = extension(path);
    if ext == "svg" {
        let Ok(bytes) = crate::confined::read_regular(path, SVG_LIMIT) else {
            return Some("an SVG image that cannot be read to check it for script".to_owned());
        };
        return active_bytes(path, &bytes);
    }
    active_bytes(path, &[])
}

/// Why a file named `path` with these bytes is active content, if it is (for files read from
/// git rather than the folder).
pub fn active_bytes(path: &Path, bytes: &[u8]) -> Option<String> {
    let ext = extension(path);
    if ACTIVE.contains(&ext.as_str()) {
        return Some(format!(
            "a `.{ext}` file would be served by the site as a page or script of its own"
        ));
    }
    if ext == "svg" {
        let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
        if let Some(what) = svg_script(&text) {
            return Some(format!("an SVG image with {what}"));
        }
    }
    None
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Script in an SVG image (lower-cased): a `<script>` element, an event attribute (`onload=`),
/// a `javascript:` address, or embedded HTML (`<foreignObject>`).
fn svg_script(text: &str) -> Option<&'static str> {
    if text.contains("<script") {
        return Some("a `<script>` element");
    }
    if text.contains("javascript:") {
        return Some("a `javascript:` address");
    }
    if text.contains("<foreignobject") {
        return Some("embedded HTML (`<foreignObject>`)");
    }
    // An attribute whose name starts with `on`, preceded by white space and followed by `=`.
    let bytes = text.as_bytes();
    let found = text.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let name_end = bytes
            .iter()
            .skip(i + 2)
            .position(|b| !b.is_ascii_alphabetic())
            .map(|n| i + 2 + n);
        before.is_some_and(u8::is_ascii_whitespace)
            && name_end.is_some_and(|e| e > i + 2)
            && name_end.and_then(|e| bytes.iter().skip(e).find(|b| !b.is_ascii_whitespace()))
                == Some(&b'=')
    });
    found.then_some("an event attribute (`on…=`)")
}

#[cfg(test)]
mod tests {
    use super::svg_script;

    #[test]
    fn script_in_svg_is_found() {
        let clean = r#"<svg xmlns="http://www.w3.org/2000/svg"><text font="x">on = ok</text><rect width="1" /></svg>"#;
        assert_eq!(svg_script(clean), None);
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            r#"<svg onload="alert(1)"></svg>"#,
            "<svg>\n<rect\tonclick = 'x'/></svg>",
            r#"<svg><a href="javascript:alert(1)"/></svg>"#,
            "<svg><foreignobject><iframe/></foreignobject></svg>",
        ] {
            assert!(svg_script(bad).is_some(), "{bad}");
        }
    }
}
