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
    let bytes = body.as_bytes();
    // Only at an `m`: comparing at every byte took 30 ms of a 10,000-document build.
    memchr::memchr2_iter(b'm', b'M', bytes).any(|at| {
        bytes
            .get(at..at + 7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"mermaid"))
    }) && body.lines().any(|line| {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let compact = compact.to_ascii_lowercase();
        compact.contains("```mermaid") || compact.contains("~~~mermaid")
    })
}

/// Whether an asset (by its path in the site) is the bundle or its licence, published only
/// when a page may have a diagram.
pub fn is_bundle(path: &str) -> bool {
    path.starts_with("assets/vendor/mermaid")
}
