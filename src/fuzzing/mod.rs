//! The fuzz harness: one function per `cargo fuzz` target (`fuzz/fuzz_targets/<name>.rs` calls
//! `normwerk::fuzzing::<name>`), kept in the library so that the stable test
//! `tests/integration/fuzz_seeds.rs` replays the seeds and every crash found through the same
//! code. Each function runs the real code on arbitrary bytes and panics only when an invariant
//! breaks; see `book/src/design/fuzzing.md`.

mod html;
mod scope;

pub use html::check_html;
pub use scope::scope;

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
    let name = name::document_name(FILE, "scs");
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
        if let Some((span, _)) = d.fix.as_ref().and_then(|f| f.replacement()) {
            check_span(&doc.text, span, "fix");
        }
    }
    let sources: Sources<'_> = [(doc.display.as_str(), doc.text.as_str())].into();
    for format in LINT_FORMATS {
        let out = LintOutput {
            diagnostics: findings,
            documents: 1,
            scope_files: 0,
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

/// The site's rewriting of links to other documents (`site::markdown::body_link`), without a
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
    use super::frontmatter;

    /// A YAML error at a multi-byte character (the error's span once ended inside it, and the
    /// human report sliced the text there).
    #[test]
    fn frontmatter_with_an_error_at_a_character() {
        frontmatter("---\n -\n€\n---\n".as_bytes());
        frontmatter("---\na: \"é\n---\né".as_bytes());
        frontmatter("\u{feff}---\n€: [é\n".as_bytes());
    }
}
