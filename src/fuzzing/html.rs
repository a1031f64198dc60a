//! The check of sanitised HTML for the `markdown` target: a small tokenizer (text is escaped, so
//! every `<` starts a tag or a comment) that fails on script, event handlers and script URLs.

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
    let decoded = html_escape::decode_html_entities(value);
    decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_start_matches(|c: char| c <= ' ')
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{check_html, url_as_followed};

    #[test]
    fn urls_are_read_as_browsers_follow_them() {
        assert_eq!(
            url_as_followed(" &#x6A;ava&#9;script&colon;x"),
            "javascript:x"
        );
        assert_eq!(url_as_followed("a&amp;b&#66;"), "a&bb");
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
