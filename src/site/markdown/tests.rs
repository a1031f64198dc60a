//! Tests of the body renderer: each construct on a small invented body, asserted on the HTML.

use super::*;
use std::path::PathBuf;

fn doc(body: &str) -> Document {
    let text = format!("---\ntitle: T\n---\n{body}");
    Document::parse(
        PathBuf::from("x.md"),
        "x.md".into(),
        "x.md".into(),
        None,
        text,
    )
}

fn render(body: &str) -> RenderedBody {
    render_body(&doc(body), &|dest| {
        dest.strip_suffix(".md")
            .map(|stem| format!("../{stem}/"))
            .or_else(|| {
                dest.split_once(".md#")
                    .map(|(stem, frag)| format!("../{stem}/#{frag}"))
            })
    })
}

#[test]
fn headings_get_the_lint_anchors_and_a_toc() {
    let r = render("## Scope\n\n## Scope\n\n### Custom {#mine}\n");
    assert!(
        r.html.contains(r##"<h2 id="scope">Scope<a class="anchor" href="#scope" aria-label="Link to this section"></a></h2>"##),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains(r##"<h2 id="scope-1">Scope<a class="anchor" href="#scope-1""##),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"<h3 id="mine">Custom<a class="anchor""#),
        "{}",
        r.html
    );
    let anchors: Vec<&str> = r.toc.iter().map(|t| t.anchor.as_str()).collect();
    assert_eq!(anchors, ["scope", "scope-1", "mine"]);
}

#[test]
fn links_between_documents_point_to_their_pages() {
    let r = render(
        "See [v1](scs-0100-v1-a.md) and [a part](scs-0100-v1-a.md#scope) and [web](https://example.org/).\n",
    );
    assert!(r.html.contains(r#"href="../scs-0100-v1-a/""#), "{}", r.html);
    assert!(
        r.html.contains(r#"href="../scs-0100-v1-a/#scope""#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"href="https://example.org/""#),
        "{}",
        r.html
    );
}

#[test]
fn raw_html_cannot_run_script() {
    let r = render(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n\n<a id=\"keep\"></a>\n",
    );
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("onerror"), "{}", r.html);
    assert!(!r.html.contains("javascript:"), "{}", r.html);
    assert!(r.html.contains(r#"<a id="keep""#), "{}", r.html);
}

#[test]
fn heading_attributes_cannot_run_script() {
    let r = render("# Hi {#hi .x onclick=alert(1)}\n");
    assert!(!r.html.contains("onclick"), "{}", r.html);
    assert!(r.html.contains(r#"id="hi""#), "{}", r.html);
}

#[test]
fn github_flavoured_markdown() {
    let r = render(
        "| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~gone~~ and a note[^n].\n\n[^n]: The note.\n\n```yaml\nkey: {{ not a template }}\n```\n",
    );
    for needle in [
        "<table>",
        r#"type="checkbox" checked"#,
        "<del>gone</del>",
        "footnote-definition",
        r#"<code class="language-yaml">"#,
        "not a template",
    ] {
        assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
    }
}

/// The anchors of the rendered headings, in order.
fn heading_ids(html: &str) -> Vec<String> {
    html.split("<h")
        .skip(1)
        .filter_map(|h| h.split_once(" id=\"")?.1.split_once('"'))
        .map(|(id, _)| id.to_owned())
        .collect()
}

#[test]
fn each_admonition_type_is_a_callout() {
    for (kind, title) in [
        ("note", "Note"),
        ("tip", "Tip"),
        ("info", "Info"),
        ("caution", "Caution"),
        ("warning", "Warning"),
        ("danger", "Danger"),
    ] {
        let r = render(&format!(
            "Before.\n\n:::{kind}\n\nInside **bold**.\n\n:::\n\nAfter.\n"
        ));
        let open = format!(
            "<aside class=\"callout callout-{kind}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n<p>Inside <strong>bold</strong>.</p>\n</aside>"
        );
        assert!(r.html.contains(&open), "{kind}: {}", r.html);
        assert!(!r.html.contains(":::"), "{}", r.html);
        assert!(r.html.starts_with("<p>Before.</p>"), "{}", r.html);
        assert!(r.html.ends_with("<p>After.</p>\n"), "{}", r.html);
    }
}

#[test]
fn a_callout_title_is_text_and_headings_inside_keep_the_lint_anchors() {
    let body = "## One\n\n:::warning Mind <script>x</script> & *this*\n\n### Inside\n\n- a list\n\n:::\n\n## Inside\n";
    let r = render(body);
    assert!(
        r.html
            .contains(r#"<p class="callout-title">Mind x &amp; this</p>"#),
        "{}",
        r.html
    );
    let lint: Vec<String> = doc(body)
        .headings
        .iter()
        .map(|h| h.anchor.clone())
        .collect();
    assert_eq!(heading_ids(&r.html), lint);
    assert_eq!(lint, ["one", "inside", "inside-1"]);
    assert!(
        r.html.contains("<li>a list</li>\n</ul>\n</aside>"),
        "{}",
        r.html
    );
}

#[test]
fn nested_callouts_and_markers_without_blank_lines() {
    let r = render("::::info[Outer]\n\n:::danger\nInner text\n:::\n\n::::\n");
    assert!(
        r.html.contains(
            "<aside class=\"callout callout-info\" role=\"note\">\n<p class=\"callout-title\">Outer</p>\n<aside class=\"callout callout-danger\" role=\"note\">\n<p class=\"callout-title\">Danger</p>\n<p>Inner text</p>\n</aside>\n</aside>"
        ),
        "{}",
        r.html
    );
}

#[test]
fn unclosed_and_stray_markers_stay_text() {
    let r = render(":::\n\n:::note\n\nNo end.\n\n```md\n:::tip\n:::\n```\n\n:::details\n\nx\n");
    assert!(!r.html.contains("<aside"), "{}", r.html);
    for text in [
        "<p>:::</p>",
        "<p>:::note</p>",
        "<p>No end.</p>",
        ":::tip\n:::\n",
        "<p>:::details</p>",
    ] {
        assert!(r.html.contains(text), "missing {text} in {}", r.html);
    }
}

#[test]
fn a_callout_does_not_cross_a_list_item() {
    let r = render("- item\n\n  :::note\n\n  in the item\n\n- next\n\n:::\n");
    assert!(!r.html.contains("<aside"), "{}", r.html);
}

#[test]
fn code_is_highlighted_with_classes_and_unknown_languages_stay_plain() {
    let r = render(
        "```yaml\n# a comment\nkey: \"<value>\"\n```\n\n```klingon\n<b>x</b>\n```\n\n```\nplain & simple\n```\n",
    );
    assert!(
        r.html
            .contains(r#"<pre class="hl"><code class="language-yaml">"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"<span class="hl-comment"#), "{}", r.html);
    assert!(r.html.contains("&lt;value&gt;"), "{}", r.html);
    assert!(!r.html.contains("style="), "{}", r.html);
    assert!(
        r.html
            .contains("<pre><code class=\"language-klingon\">&lt;b&gt;x&lt;/b&gt;\n</code></pre>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<pre><code>plain &amp; simple\n</code></pre>"),
        "{}",
        r.html
    );
    assert!(!r.diagrams);
}

#[test]
fn a_mermaid_fence_is_a_diagram_source_in_text() {
    let r = render("```mermaid\ngraph TD\n  A[\"<img src=x onerror=alert(1)>\"] --> B\n```\n");
    assert!(r.diagrams);
    assert!(
        r.html.contains("<pre class=\"mermaid\">graph TD\n  A[\"&lt;img src=x onerror=alert(1)&gt;\"] --&gt; B\n</pre>"),
        "{}",
        r.html
    );
    assert!(mermaid::may_have_diagram("> ``` Mermaid\n"));
    assert!(!mermaid::may_have_diagram("mermaid diagrams are nice\n"));
    assert!(!mermaid::may_have_diagram("```Mer maid\nx\n```\n"));
}

proptest::proptest! {
    /// Looking only at lines with three fence characters finds what testing every line finds.
    #[test]
    fn a_diagram_is_found_on_any_line(body in "(```|~~~|`|~| |\n|mermaid|Mer maid|é|x){0,12}") {
        // The check as it was first written.
        let named = body.as_bytes().windows(7).any(|w| w.eq_ignore_ascii_case(b"mermaid"));
        let every_line = named && body.lines().any(|line| {
            let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            let compact = compact.to_ascii_lowercase();
            compact.contains("```mermaid") || compact.contains("~~~mermaid")
        });
        proptest::prop_assert_eq!(mermaid::may_have_diagram(&body), every_line);
    }
}

#[test]
fn a_table_scrolls_in_its_own_labelled_box() {
    let r = render("| a | b |\n| - | - |\n| 1 | 2 |\n\n| c |\n| - |\n| 3 |\n");
    assert!(
        r.html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table 1\">\n<table>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("aria-label=\"Table 2\""), "{}", r.html);
    assert_eq!(r.html.matches("</table>\n</div>").count(), 2, "{}", r.html);
}

#[test]
fn added_markup_survives_the_sanitiser() {
    // Raw HTML makes the whole body go through the sanitiser.
    let r = render(
        "<b>raw</b>\n\n## H\n\n:::tip\n\nx\n\n:::\n\n| a |\n| - |\n| 1 |\n\n```yaml\nk: v\n```\n",
    );
    for needle in [
        r##"<a class="anchor" href="#h""##,
        r#"aria-label="Link to this section""#,
        r#"<aside class="callout callout-tip" role="note">"#,
        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1">"#,
        r#"<pre class="hl"><code class="language-yaml"><span class="hl-tag">k</span>"#,
    ] {
        assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
    }
}
