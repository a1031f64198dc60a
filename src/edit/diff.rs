//! What an edit changed, as a unified diff (similar's hunks, as `lint --base` shows a change),
//! coloured for a terminal.

use similar::{ChangeTag, TextDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The change from `old` to `new` of the file `path`, three lines of context; empty when the
/// texts are equal. A line's end is not shown, so that a CRLF file's diff does not end every
/// line in `^M`.
pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let mut out = String::new();
    let mut line = |style: &str, text: &str| {
        if color && !style.is_empty() {
            out.push_str(&format!("{style}{text}{RESET}\n"));
        } else {
            out.push_str(text);
            out.push('\n');
        }
    };
    line(BOLD, &format!("--- {path}"));
    line(BOLD, &format!("+++ {path}"));
    let diff = TextDiff::from_lines(old, new);
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        line(CYAN, &hunk.header().to_string());
        for change in hunk.iter_changes() {
            let (style, sign) = match change.tag() {
                ChangeTag::Delete => (RED, '-'),
                ChangeTag::Insert => (GREEN, '+'),
                ChangeTag::Equal => ("", ' '),
            };
            let text = change.value().trim_end_matches(['\n', '\r']);
            line(style, &format!("{sign}{text}"));
        }
    }
    out
}
