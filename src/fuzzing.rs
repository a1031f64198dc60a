//! The fuzz harness: one function per `cargo fuzz` target (`fuzz/fuzz_targets/<name>.rs` calls
//! `normwerk::fuzzing::<name>`), kept in the library so that the stable test
//! `tests/integration/fuzz_seeds.rs` replays the seeds and every crash found through the same
//! code. Each function runs the real code on arbitrary bytes and panics only when an invariant
//! breaks; see `book/src/design/fuzzing.md`.

use crate::config::Profile;
use crate::diagnostic::{Diagnostic, Sources, Span};
use crate::document::frontmatter::{self, Node, Split, Value};
use crate::document::name::{self, NameClass};
use crate::document::{DocName, Document};
use crate::index::{self, Index};
use crate::lint::schema::FieldSchema;
use crate::markdown::{self, LinkDest};
use crate::query::{self, Filters, StateFilter};
use crate::report::{self, LINT_FORMATS, LintOutput};
use crate::site::markdown::render_body;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The file name the fuzzed documents are loaded under.
const FILE: &str = "scs-0100-v1-fuzz.md";

/// A document built from `text` as the corpus loader builds one.
fn document(text: String) -> Document {
    let name = match name::classify(FILE, "scs") {
        NameClass::Document(n) => Some(n),
        _ => None,
    };
    Document::parse(PathBuf::from(FILE), FILE.into(), FILE.into(), name, text)
}

/// `span` lies within `text`, in order, on character boundaries.
fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// The schema of the built-in profile, compiled once.
static SCHEMA: LazyLock<FieldSchema> =
    LazyLock::new(|| match FieldSchema::new(&Profile::default()) {
        Ok(s) => s,
        Err(e) => panic!("the built-in field schema compiles: {e}"),
    });

/// Target `frontmatter`: the split, the YAML tree, the typed fields, the schema check and every
/// lint output format over the findings. Invariants: every span (parts of the split, YAML
/// nodes, errors, findings) lies within the text on character boundaries; the split's parts
/// are in order; nesting stays within the builder's bound.
pub fn frontmatter(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    match frontmatter::split(&text) {
        Split::Found { yaml, open, body } => {
            for (span, what) in [(open, "open"), (yaml, "yaml"), (body, "body")] {
                check_span(&text, span, what);
            }
            assert_eq!(text.get(open.start..open.end), Some("---"));
            assert!(
                open.end <= yaml.start && yaml.end <= body.start && body.end == text.len(),
                "parts out of order: {open:?} {yaml:?} {body:?}"
            );
            match frontmatter::parse_yaml(&text, yaml) {
                Ok(Some(root)) => check_node(&text, yaml, &root, 0),
                Ok(None) => {}
                Err(e) => check_span(&text, e.span, "YAML error"),
            }
        }
        Split::Unterminated { open } => {
            check_span(&text, open, "open");
            assert_eq!(text.get(open.start..open.end), Some("---"));
        }
        Split::Missing => {}
    }
    let doc = document(text);
    check_span(&doc.text, doc.body, "body");
    let mut findings = doc.load_findings.clone();
    SCHEMA.check(&doc, &mut findings);
    check_findings(&doc, &findings);
}

/// A node and its children lie within the YAML between the fences.
fn check_node(text: &str, yaml: Span, node: &Node, depth: usize) {
    check_span(text, node.span, "YAML node");
    assert!(
        yaml.start <= node.span.start && node.span.end <= yaml.end,
        "YAML node {:?} outside the frontmatter {yaml:?}",
        node.span
    );
    assert!(depth <= 65, "YAML nodes nested {depth} deep");
    match &node.value {
        Value::Seq(items) => {
            for i in items {
                check_node(text, yaml, i, depth + 1);
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                check_node(text, yaml, k, depth + 1);
                check_node(text, yaml, v, depth + 1);
            }
        }
        _ => {}
    }
    let _ = node.to_json();
}

/// The findings point into the document and render in every lint output format.
fn check_findings(doc: &Document, findings: &[Diagnostic]) {
    for d in findings {
        if let Some(span) = d.span {
            check_span(&doc.text, span, d.rule.as_str());
        }
        if let Some(fix) = &d.fix {
            check_span(&doc.text, fix.span, "fix");
        }
    }
    let sources: Sources<'_> = [(doc.display.as_str(), doc.text.as_str())].into();
    for format in LINT_FORMATS {
        let out = LintOutput {
            diagnostics: findings,
            documents: 1,
            sources: sources.clone(),
            color: false,
        };
        let _ = (format.render)(&out);
    }
}

/// Target `file_name`: the file-name grammar. The input is a file name, or a prefix line and a
/// file name (`abc\nabc-0001-v1-x.md`). Invariants: ranges lie within the name on character
/// boundaries; a parsed name is written back as the same name (a proposal's `xxxx` in any
/// case) and parses to the same value; `classify` agrees with `parse`.
pub fn file_name(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (prefix, file) = match input.split_once('\n') {
        Some((p, f)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()) => (p, f),
        _ => ("scs", input),
    };
    let parsed = name::parse(file, prefix);
    match &parsed {
        Ok(n) => check_name(file, prefix, n),
        Err(e) => {
            check_span(file, Span::new(e.range.0, e.range.1), "name error");
            assert!(e.range.0 <= e.range.1, "reversed range {:?}", e.range);
            assert!(!e.message.is_empty());
        }
    }
    match name::classify(file, prefix) {
        NameClass::Readme => assert!(file.to_ascii_lowercase().starts_with("readme.")),
        NameClass::Document(n) => assert_eq!(Ok(n), parsed),
        NameClass::Template => assert!(parsed.is_err(), "a template that parses: {file}"),
        NameClass::Invalid(e) => assert_eq!(Err(e), parsed),
    }
    let _ = name::is_document_path(file, prefix);
}

fn check_name(file: &str, prefix: &str, n: &DocName) {
    for (range, what) in [
        (n.slug_range, "slug"),
        (n.number_range, "number"),
        (n.version_range, "version"),
    ] {
        assert!(range.0 <= range.1, "reversed {what} range {range:?}");
        check_span(file, Span::new(range.0, range.1), what);
    }
    assert_eq!(
        file.get(n.slug_range.0..n.slug_range.1),
        Some(n.slug.as_str())
    );
    assert!(!n.slug.is_empty());
    assert!(n.version >= 1);
    assert_eq!(n.prefix, prefix);
    let _ = n.track_digit();
    let written = match n.standard_id() {
        Some(_) => format!("{}-{}.md", n.id(), n.slug),
        None => format!("{}.md", n.id()),
    };
    if n.is_proposal() {
        assert!(written.eq_ignore_ascii_case(file), "{written} vs {file}");
        let lower = file
            .get(n.number_range.0..n.number_range.1)
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert_eq!(lower, "xxxx");
    } else {
        assert_eq!(written, file);
    }
    match name::parse(&written, prefix) {
        Ok(again) => {
            assert_eq!(again.id(), n.id());
            assert_eq!(again.slug, n.slug);
            assert_eq!(
                (again.number, again.kind, again.version),
                (n.number, n.kind, n.version)
            );
        }
        Err(e) => panic!(
            "{written} (written from {file}) does not parse: {}",
            e.message
        ),
    }
}

/// Target `markdown`: a document's body rendered for the site, sanitised. Invariants: the HTML
/// holds no `<script` (nor `<iframe`, `<object`, `<embed`, `<style`), no `on…` attribute, no
/// `javascript:`, `vbscript:` or `data:text/html` URL (after decoding character references);
/// headings and links of the outline lie within the body.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = document(text);
    for h in &doc.headings {
        check_span(&doc.text, Span::new(h.range.0, h.range.1), "heading");
    }
    for l in &doc.links {
        check_span(&doc.text, Span::new(l.range.0, l.range.1), "link");
    }
    let rendered = render_body(&doc, &page_link);
    assert!(rendered.toc.len() <= doc.headings.len());
    check_html(&rendered.html);
}

/// The site's rewriting of links to other documents (`site::views::page_link`), without a
/// corpus: every relative link to a document-shaped `.md` name is taken to exist.
fn page_link(dest: &str) -> Option<String> {
    let LinkDest::Relative {
        path, raw_fragment, ..
    } = markdown::classify_link(dest)
    else {
        return None;
    };
    let file = path.rsplit('/').next().unwrap_or(&path);
    let NameClass::Document(n) = name::classify(file, "scs") else {
        return None;
    };
    let anchor = raw_fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Some(format!("../{}/index.html{anchor}", n.id()))
}

/// Tags that must not survive the sanitiser.
const FORBIDDEN_TAGS: [&str; 5] = ["script", "iframe", "object", "embed", "style"];

/// Attributes whose value a browser follows as a URL.
const URL_ATTRIBUTES: [&str; 10] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
];

/// Checks the sanitised HTML with a small tokenizer: text is escaped, so every `<` starts a tag
/// or a comment.
pub fn check_html(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in FORBIDDEN_TAGS {
        assert!(!lower.contains(&format!("<{tag}")), "<{tag} in:\n{html}");
    }
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + off;
        let from = html.get(start..).unwrap_or_default();
        if from.starts_with("<!--") {
            i = from.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        i = check_tag(html, b, start + 1);
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Reads one tag from just after its `<`; returns the offset after it.
fn check_tag(html: &str, b: &[u8], mut i: usize) -> usize {
    let end_of = |i: usize, stop: &dyn Fn(u8) -> bool| {
        let mut j = i;
        while b.get(j).is_some_and(|&c| !stop(c)) {
            j += 1;
        }
        j
    };
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_end = end_of(i, &|c| is_space(c) || c == b'/' || c == b'>');
    let tag = html
        .get(i..name_end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    i = name_end;
    loop {
        i = end_of(i, &|c| !(is_space(c) || c == b'/'));
        match b.get(i) {
            None => return i,
            Some(b'>') => return i + 1,
            Some(_) => {}
        }
        let attr_end = end_of(i + 1, &|c| {
            is_space(c) || c == b'/' || c == b'>' || c == b'='
        });
        let attr = html
            .get(i..attr_end)
            .unwrap_or_default()
            .to_ascii_lowercase();
        i = end_of(attr_end, &|c| !is_space(c));
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i = end_of(i + 1, &|c| !is_space(c));
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v_end = end_of(i + 1, &|c| c == q);
                    value = html.get(i + 1..v_end).unwrap_or_default();
                    i = (v_end + 1).min(b.len());
                }
                _ => {
                    let v_end = end_of(i, &|c| is_space(c) || c == b'>');
                    value = html.get(i..v_end).unwrap_or_default();
                    i = v_end;
                }
            }
        }
        assert!(
            !attr.starts_with("on"),
            "event handler attribute {attr} on <{tag}> in:\n{html}"
        );
        if URL_ATTRIBUTES.contains(&attr.as_str()) {
            let url = url_as_followed(value);
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(
                    !url.starts_with(scheme),
                    "{attr}={value:?} on <{tag}> is a {scheme} URL in:\n{html}"
                );
            }
        }
    }
}

/// An attribute value the way a browser's URL parser sees it: character references decoded,
/// tabs and line breaks removed, leading controls and spaces trimmed, lower case.
fn url_as_followed(value: &str) -> String {
    let decoded = decode_references(value);
    decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_start_matches(|c: char| c <= ' ')
        .to_lowercase()
}

/// Decodes numeric character references and the named ones that matter in a URL.
fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let (c, len) = reference(after).unwrap_or(('&', 0));
        out.push(c);
        rest = after.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The character a reference stands for, given the text after its `&`, and the length of the
/// rest of the reference (after the `&`).
fn reference(body: &str) -> Option<(char, usize)> {
    if let Some(num) = body.strip_prefix('#') {
        let (radix, digits_from) = match num.as_bytes().first() {
            Some(b'x' | b'X') => (16, 1),
            _ => (10, 0),
        };
        let digits: String = num
            .get(digits_from..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_digit(radix))
            .collect();
        if digits.is_empty() {
            return None;
        }
        let mut len = 1 + digits_from + digits.len();
        if body.get(len..).is_some_and(|rest| rest.starts_with(';')) {
            len += 1;
        }
        let code = u32::from_str_radix(&digits, radix).unwrap_or(0xFFFD);
        return Some((char::from_u32(code).unwrap_or('\u{FFFD}'), len));
    }
    const NAMED: [(&str, char); 10] = [
        ("colon;", ':'),
        ("tab;", '\t'),
        ("newline;", '\n'),
        ("amp;", '&'),
        ("amp", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("sol;", '/'),
    ];
    NAMED
        .iter()
        .find(|(n, _)| {
            body.as_bytes()
                .get(..n.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(n.as_bytes()))
        })
        .map(|(n, c)| (*c, n.len()))
}

/// Target `index`: reading a published `index.json`, then answering queries from it.
/// Invariants: an index that reads is written back to JSON that reads as the same index; the
/// queries and their renderings do not fail on it.
pub fn index(data: &[u8]) {
    let path = Path::new("api/v1/index.json");
    let Ok(index) = index::parse_index(data, path) else {
        return;
    };
    let written = index::to_json(&index);
    match index::parse_index(written.as_bytes(), path) {
        Ok(again) => assert_eq!(again, index, "the index changed when written back"),
        Err(e) => panic!("an index written back does not read: {e}"),
    }
    let day = crate::document::parse_iso_date(&index.header.as_of)
        .unwrap_or_else(|| jiff::civil::date(2026, 11, 27));
    let statuses: crate::config::Statuses = (&index.header.statuses).into();
    for e in index.entries() {
        let _ = e.state_on(&statuses, day);
    }
    let _ = index.standard_files();
    for filters in filters_for(&index) {
        if let Ok(answer) = query::run(&index, day, &filters) {
            let _ = report::query::render_json(&answer);
            let _ = report::query::render_ids(&answer);
            let _ = report::query::render_table(&answer);
        }
    }
}

/// A few queries of the kinds `normwerk query` asks.
fn filters_for(index: &Index) -> Vec<Filters> {
    let first = index.entries().next().map(|e| e.id.clone());
    let span = query::parse_span("90d").ok();
    vec![
        Filters::default(),
        Filters {
            states: vec![StateFilter::InForce],
            deprecating_within: span,
            ..Filters::default()
        },
        Filters {
            ids: first.iter().cloned().collect(),
            replacing: first,
            effective_within: span,
            numbers: vec![100],
            ..Filters::default()
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::{check_html, decode_references, frontmatter};

    #[test]
    fn references_are_decoded() {
        assert_eq!(decode_references("a&amp;b&#x41;&#66&colon;"), "a&bAB:");
        assert_eq!(decode_references("&é&#é&#x&amp"), "&é&#é&#x&");
        assert_eq!(decode_references("é&"), "é&");
    }

    /// A YAML error at a multi-byte character (the error's span once ended inside it, and the
    /// human report sliced the text there).
    #[test]
    fn frontmatter_with_an_error_at_a_character() {
        frontmatter("---\n -\n€\n---\n".as_bytes());
        frontmatter("---\na: \"é\n---\né".as_bytes());
        frontmatter("\u{feff}---\n€: [é\n".as_bytes());
    }

    #[test]
    fn safe_html_passes() {
        check_html(
            r#"<p>a &lt;script&gt; <a href="https://example.org/?q=javascript:x" title="onload=1">x</a></p><!-- a > b --><img src="a.png" alt="on">"#,
        );
    }

    #[test]
    #[should_panic(expected = "<script")]
    fn script_fails() {
        check_html("<p>x</p><SCRIPT>alert(1)</SCRIPT>");
    }

    #[test]
    #[should_panic(expected = "event handler")]
    fn event_handler_fails() {
        check_html(r#"<img src="x" alt='a>b' OnError=alert(1)>"#);
    }

    #[test]
    #[should_panic(expected = "event handler")]
    fn event_handler_after_slash_fails() {
        check_html("<a/onclick=x>y</a>");
    }

    #[test]
    #[should_panic(expected = "javascript:")]
    fn encoded_javascript_url_fails() {
        check_html(r#"<a href=" &#x6A;ava&#9;script&colon;alert(1)">x</a>"#);
    }

    #[test]
    #[should_panic(expected = "data:text/html")]
    fn html_data_url_fails() {
        check_html("<img src=DATA:text/html,x>");
    }
}
