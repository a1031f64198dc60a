//! What an edit changed, as a unified diff (as `git diff` shows it), coloured for a terminal.

use similar::{ChangeTag, TextDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The change from `old` to `new` of the file `path`, three lines of context; empty when the
/// texts are equal. Line ends are shown as they are but for the final one, so that a CRLF file's
/// diff does not end every line in `^M`.
pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let paint = |style: &str, line: &str| {
        if color {
            format!("{style}{line}{RESET}\n")
        } else {
            format!("{line}\n")
        }
    };
    let diff = TextDiff::from_lines(old, new);
    let mut out = paint(BOLD, &format!("--- {path}"));
    out.push_str(&paint(BOLD, &format!("+++ {path}")));
    for group in diff.grouped_ops(3) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let (old_range, new_range) = (
            first.old_range().start..last.old_range().end,
            first.new_range().start..last.new_range().end,
        );
        out.push_str(&paint(
            CYAN,
            &format!(
                "@@ -{},{} +{},{} @@",
                old_range.start + 1,
                old_range.len(),
                new_range.start + 1,
                new_range.len()
            ),
        ));
        for op in &group {
            for change in diff.iter_changes(op) {
                let text = change.value().trim_end_matches(['\n', '\r']);
                let (style, sign) = match change.tag() {
                    ChangeTag::Delete => (RED, '-'),
                    ChangeTag::Insert => (GREEN, '+'),
                    ChangeTag::Equal => ("", ' '),
                };
                let line = format!("{sign}{text}");
                if style.is_empty() {
                    out.push_str(&line);
                    out.push('\n');
                } else {
                    out.push_str(&paint(style, &line));
                }
            }
        }
    }
    out
}
