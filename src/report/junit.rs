//! `--format junit`: JUnit XML, for the test dashboards of CI systems (GitLab, Jenkins, Zuul's
//! reports): one test suite per file with findings, one failed test case per finding; a run
//! without findings is one passed test case.

use super::LintOutput;
use crate::diagnostic::Diagnostic;
use std::fmt::Write as _;

pub fn render(lint: &LintOutput<'_>) -> String {
    let mut files: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for d in lint.diagnostics {
        match files.iter_mut().find(|(f, _)| *f == d.file) {
            Some((_, list)) => list.push(d),
            None => files.push((&d.file, vec![d])),
        }
    }
    let total = lint.diagnostics.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"normwerk\" tests=\"{}\" failures=\"{total}\">",
        total.max(1)
    );
    if files.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"normwerk lint\" tests=\"1\" failures=\"0\">\n    <testcase \
             name=\"{} documents and {} scope files checked\" classname=\"normwerk\"/>\n  \
             </testsuite>",
            lint.documents, lint.scope_files
        );
    }
    for (file, list) in &files {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\">",
            attr(file),
            n = list.len()
        );
        for d in list {
            let place = d
                .start
                .map(|p| format!(":{}:{}", p.line, p.column))
                .unwrap_or_default();
            let mut body = format!("{}{place}: {}", d.file, d.message);
            if let Some(h) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(h);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{}{place}\" classname=\"{}\">\n      <failure type=\"{}\" \
                 message=\"{}\">{}</failure>\n    </testcase>",
                d.rule,
                attr(file),
                d.severity,
                attr(&d.message),
                text(&body)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Only the characters XML 1.0 allows (`Char` of the XML specification): control characters and
/// the noncharacters U+FFFE and U+FFFF are left out.
fn allowed(c: &char) -> bool {
    matches!(
        *c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}'
    ) && !('\u{7F}'..='\u{9F}').contains(c)
}

fn attr(s: &str) -> String {
    let clean: String = s.chars().filter(allowed).collect();
    html_escape::encode_double_quoted_attribute(&clean)
        .replace('\n', "&#10;")
        .replace('\t', "&#9;")
}

fn text(s: &str) -> String {
    let clean: String = s.chars().filter(allowed).collect();
    html_escape::encode_text(&clean).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_characters_xml_allows_are_written() {
        assert_eq!(
            text("a<b & \u{FFFE}\u{FFFF}\u{1}\u{85}c\u{1F600}\té"),
            "a&lt;b &amp; c\u{1F600}\té"
        );
        assert_eq!(attr("\"x\"\n"), "&quot;x&quot;&#10;");
    }
}
