//! Syntax highlighting of fenced code at build time (syntect, with its bundled Sublime Text
//! syntaxes and pure-Rust regexes). The output carries one CSS class per coloured run
//! (`hl-string`, `hl-comment`, `hl-keyword`, `hl-constant`, `hl-name`, `hl-tag`), no colours:
//! `css/markdown.css` colours them for the light and the dark theme alike.

use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher as _;
use std::sync::{LazyLock, Mutex, PoisonError};
use syntect::easy::ScopeRegionIterator;
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The bundled syntaxes, loaded on first use: loading takes tens of milliseconds, which a body
/// without a fenced block in a known language never pays.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

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

/// The kinds of token the stylesheet colours, each with the scopes (TextMate scope prefixes)
/// that make a token one, most specific first: a tag's name is a tag, not a name.
const KINDS: [(&str, &[&str]); 6] = [
    ("tag", &["entity.name.tag"]),
    ("name", &["entity.name", "variable.parameter"]),
    ("comment", &["comment"]),
    ("string", &["string"]),
    ("keyword", &["keyword", "storage"]),
    ("constant", &["constant", "support.function"]),
];

/// [`KINDS`] as syntect scopes, made once.
static KIND_SCOPES: LazyLock<Vec<(&'static str, Vec<Scope>)>> = LazyLock::new(|| {
    KINDS
        .iter()
        .map(|(kind, prefixes)| {
            let scopes = prefixes.iter().filter_map(|p| Scope::new(p).ok()).collect();
            (*kind, scopes)
        })
        .collect()
});

/// The kind of a token: that of the innermost of its scopes that has one.
fn kind_of(stack: &ScopeStack) -> Option<&'static str> {
    stack.as_slice().iter().rev().find_map(|&scope| {
        KIND_SCOPES
            .iter()
            .find(|(_, prefixes)| prefixes.iter().any(|p| p.is_prefix_of(scope)))
            .map(|(kind, _)| *kind)
    })
}

/// The code as highlighted HTML (the inside of `<code>`), or `None` for a language no bundled
/// syntax knows (the caller then writes it plain). One `<span class="hl-KIND">` per run of
/// tokens of a coloured kind: syntect's own HTML (a span per scope, each with every part of its
/// name as a class) was ten times the code's size.
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    if code.len() > LIMIT {
        return None;
    }
    spans(syntax(lang)?, code, parse_line)
}

/// [`highlight`] with `parse` reading each line.
fn spans(
    syntax: &SyntaxReference,
    code: &str,
    mut parse: impl FnMut(&mut ParseState, &str) -> Option<Vec<(usize, ScopeStackOp)>>,
) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 2);
    // The kind of the span that is open, if one is.
    let mut open: Option<&'static str> = None;
    for line in LinesWithEndings::from(code) {
        let ops = parse(&mut state, line)?;
        for (text, op) in ScopeRegionIterator::new(&ops, line) {
            stack.apply(op).ok()?;
            if text.is_empty() {
                continue;
            }
            // White space within a line takes the kind of what precedes it, so that runs stay
            // whole; a span ends with its line.
            let kind = if text.trim().is_empty() && !text.contains('\n') {
                open
            } else {
                kind_of(&stack)
            };
            if kind != open {
                if open.is_some() {
                    html.push_str("</span>");
                }
                if let Some(k) = kind {
                    html.push_str("<span class=\"hl-");
                    html.push_str(k);
                    html.push_str("\">");
                }
                open = kind;
            }
            html_escape::encode_text_to_string(text, &mut html);
        }
    }
    if open.is_some() {
        html.push_str("</span>");
    }
    Some(html)
}

/// One line as the grammar read it: the state before, what it did to the scopes, the state
/// after.
struct Parsed {
    before: ParseState,
    ops: Vec<(usize, ScopeStackOp)>,
    after: ParseState,
}

/// Lines parsed so far, by their text, and how many states of lines that makes.
#[derive(Default)]
struct Kept {
    lines: FxHashMap<String, Vec<Parsed>>,
    states: usize,
}

/// The lines the build has parsed, in shards by the line's hash so that the cores rarely wait
/// for each other. A line's parse depends only on the state before it (syntect's `ParseState`
/// is made to be kept and compared) and on the one set of syntaxes, and listings repeat lines:
/// versions of a standard share their examples, YAML repeats its keys. The grammars cost about
/// 7 µs a line (a YAML line tries tens of regexes with look-ahead); a line found costs a lookup.
static KEPT: LazyLock<[Mutex<Kept>; SHARDS]> =
    LazyLock::new(|| std::array::from_fn(|_| Mutex::default()));
const SHARDS: usize = 16;

/// What is kept, in all: 10,000 line states (a state is a stack of grammar contexts, a few
/// levels as a rule, at most 100 by syntect's limit), of lines up to 200 bytes, at most 4
/// states of one line (a blank line or a `}` occurs at many depths: comparing each would cost
/// more than it saves).
const KEPT_STATES: usize = 10_000;
const KEPT_LINE_LEN: usize = 200;
const STATES_OF_A_LINE: usize = 4;

/// The scope operations of `line`, `state` moved past it: as syntect parses it, or as it parsed
/// the same line from the same state before.
fn parse_line(state: &mut ParseState, line: &str) -> Option<Vec<(usize, ScopeStackOp)>> {
    if line.len() > KEPT_LINE_LEN {
        return state.parse_line(line, &SYNTAXES).ok();
    }
    let shard = usize::try_from(FxBuildHasher.hash_one(line) % SHARDS as u64).unwrap_or(0);
    let kept = KEPT.get(shard)?;
    let lock = || kept.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(p) = lock()
        .lines
        .get(line)
        .and_then(|seen| seen.iter().find(|p| p.before == *state))
    {
        state.clone_from(&p.after);
        return Some(p.ops.clone());
    }
    // Parsed without holding the shard: other cores may look up their lines meanwhile.
    let before = state.clone();
    let ops = state.parse_line(line, &SYNTAXES).ok()?;
    let mut kept = lock();
    if kept.states < KEPT_STATES / SHARDS {
        let seen = kept.lines.entry(line.to_owned()).or_default();
        if seen.len() < STATES_OF_A_LINE && !seen.iter().any(|p| p.before == before) {
            seen.push(Parsed {
                before,
                ops: ops.clone(),
                after: state.clone(),
            });
            kept.states += 1;
        }
    }
    Some(ops)
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
        // One span per coloured run, named by its kind.
        assert_eq!(
            highlight("yaml", "volume: 57\n").as_deref(),
            Some("<span class=\"hl-tag\">volume</span>: <span class=\"hl-constant\">57</span>\n")
        );
        assert_eq!(highlight("mermaid", "graph TD\n"), None);
        assert_eq!(highlight("yaml", &"k: v\n".repeat(LIMIT)), None);
    }

    /// Lines that mean different things in different states: a key, the same text in a block
    /// scalar, in a heredoc, in a string that spans lines.
    const LINES: [&str; 12] = [
        "key: value\n",
        "  nested: 1 # note\n",
        "text: |\n",
        "  key: value\n",
        "- name: \"quoted\"\n",
        "cat <<EOF\n",
        "EOF\n",
        "echo \"$HOME\" # done\n",
        "\"\"\"\n",
        "def f(x):\n",
        "{\"a\": [1, 2]}\n",
        "\n",
    ];

    #[test]
    fn a_line_keeps_a_few_of_its_states() {
        // A bracket at 60 depths: 60 states of one line.
        let code = "[\n".repeat(60);
        for _ in 0..3 {
            assert!(highlight("json", &code).is_some());
        }
        let shard = usize::try_from(FxBuildHasher.hash_one("[\n") % SHARDS as u64).unwrap_or(0);
        let kept = KEPT
            .get(shard)
            .expect("a shard")
            .lock()
            .expect("not poisoned");
        let states = kept.lines.get("[\n").map_or(0, Vec::len);
        assert!((1..=STATES_OF_A_LINE).contains(&states), "{states}");
        assert!(kept.states <= KEPT_STATES / SHARDS);
    }

    proptest::proptest! {
        /// A listing highlights the same whether its lines were parsed before or not, whatever
        /// came before it on the thread.
        #[test]
        fn kept_lines_highlight_as_parsed_lines(
            listings in proptest::collection::vec(
                (0..4usize, proptest::collection::vec(0..LINES.len(), 0..10)),
                1..6,
            )
        ) {
            for (lang, lines) in listings {
                let lang = ["yaml", "bash", "python", "json"].get(lang).copied().unwrap_or("yaml");
                let code: String = lines.iter().filter_map(|&i| LINES.get(i).copied()).collect();
                let syntax = syntax(lang).expect("known");
                let fresh = spans(syntax, &code, |s, l| s.parse_line(l, &SYNTAXES).ok());
                proptest::prop_assert_eq!(&highlight(lang, &code), &fresh);
                proptest::prop_assert_eq!(&highlight(lang, &code), &fresh);
            }
        }
    }
}
