//! Mermaid diagrams (```` ```mermaid ```` fences). They are drawn in the reader's browser by the
//! official mermaid bundle, vendored in the theme (`templates/vendor/`, published at
//! [`ASSET`]) and loaded only by pages that have a diagram; without script the source stays
//! readable as the `<pre>` it is written into. Why not at build time: `book/src/design/mermaid.md`.

/// Where the bundle is published, relative to the site root.
pub const ASSET: &str = "assets/vendor/mermaid.min.js";

/// Whether a fenced block's info string names a mermaid diagram.
pub fn is_mermaid(lang: &str) -> bool {
    lang.eq_ignore_ascii_case("mermaid")
}

/// The diagram as the page carries it: its source, as text, for the script to draw.
pub fn html(source: &str) -> String {
    format!(
        "<pre class=\"mermaid\">{}</pre>\n",
        html_escape::encode_text(source)
    )
}

/// Whether `body` may hold a diagram: a line with a mermaid fence, inside any container. It
/// errs only towards yes (a fence inside a longer fence), so that the bundle is published
/// whenever a page loads it, without rendering every body to find out.
pub fn may_have_diagram(body: &str) -> bool {
    // Only the lines with a backtick or a tilde, found at memchr's speed: testing every line
    // (or every `m`) took 30 ms of a 10,000-document build.
    let bytes = body.as_bytes();
    let mut compact = String::new();
    let mut checked_to = 0;
    memchr::memchr2_iter(b'`', b'~', bytes).any(|at| {
        if at < checked_to {
            return false;
        }
        let before = bytes.get(..at).unwrap_or_default();
        let start = memchr::memrchr(b'\n', before).map_or(0, |n| n + 1);
        let after = bytes.get(at..).unwrap_or_default();
        let end = memchr::memchr(b'\n', after).map_or(bytes.len(), |n| at + n);
        checked_to = end;
        // The line breaks are ASCII: the line is whole UTF-8.
        let line = body.get(start..end).unwrap_or_default();
        // A fence has three of one kind (a table row's `code` has two).
        let count = |c: u8| line.bytes().filter(|&b| b == c).count();
        if count(b'`') < 3 && count(b'~') < 3 {
            return false;
        }
        compact.clear();
        compact.extend(
            line.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase()),
        );
        compact.contains("```mermaid") || compact.contains("~~~mermaid")
    }) && names_mermaid(bytes)
}

/// Whether `mermaid` is written somewhere, in any case: a fence line's `Mer maid` is not.
fn names_mermaid(bytes: &[u8]) -> bool {
    bytes.windows(7).any(|w| w.eq_ignore_ascii_case(b"mermaid"))
}

/// Whether an asset (by its path in the site) is the bundle or its licence, published only
/// when a page may have a diagram.
pub fn is_bundle(path: &str) -> bool {
    path.starts_with("assets/vendor/mermaid")
}
