//! Syntax highlighting of fenced code at build time (syntect, with its bundled Sublime Text
//! syntaxes and pure-Rust regexes). The output carries CSS classes (`hl-string`, `hl-comment`),
//! no colours: `css/markdown.css` colours them for the light and the dark theme alike.

use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The bundled syntaxes, loaded on first use: loading takes tens of milliseconds, which a body
/// without a fenced block in a known language never pays.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Info-string names authors use that are not a bundled syntax's name or extension.
const ALIASES: [(&str, &str); 8] = [
    ("shell", "bash"),
    ("console", "bash"),
    ("zsh", "bash"),
    ("yml", "yaml"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("golang", "go"),
    ("py3", "python"),
];

/// Languages no bundled syntax covers: recognised without loading the syntaxes, and shown plain.
fn surely_unknown(lang: &str) -> bool {
    lang.is_empty() || ["text", "plain", "plaintext", "txt", "mermaid"].contains(&lang)
}

fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let lang = lang.to_ascii_lowercase();
    if surely_unknown(&lang) {
        return None;
    }
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lang)
        .map_or(lang.as_str(), |(_, name)| name);
    SYNTAXES.find_syntax_by_token(name)
}

/// Blocks longer than this are shown plain: syntect's grammars run at about 5 µs a byte on
/// pure-Rust regexes (a 12 KB YAML listing of the real corpus took 60 ms, more than the rest of
/// its build), and a reader gains less from colour the longer a listing gets.
pub const LIMIT: usize = 4 * 1024;

/// The code as highlighted HTML (the inside of `<code>`), or `None` for a language no bundled
/// syntax knows (the caller then writes it plain).
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    if code.len() > LIMIT {
        return None;
    }
    let syntax = syntax(lang)?;
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(html.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_stay_escaped() {
        let html = highlight("yaml", "key: \"<b>\" # note\n").expect("yaml is known");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        for lang in ["json", "bash", "shell", "python", "go", "YAML"] {
            assert!(highlight(lang, "x\n").is_some(), "{lang}");
        }
        assert_eq!(highlight("no-such-language", "x\n"), None);
        assert_eq!(highlight("mermaid", "graph TD\n"), None);
        assert_eq!(highlight("yaml", &"k: v\n".repeat(LIMIT)), None);
    }
}
