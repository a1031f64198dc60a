//! What serve adds to the pages it serves, and only there: the script that reloads a page when
//! the site is built again, and an overlay with the page's findings or the build's error.

use super::site::{Built, Finding};
use crate::diagnostic::Severity;
use html_escape::encode_text;

/// Where the pages listen for builds (server-sent events).
pub const EVENTS: &str = "/__normwerk/events";

/// The page `html` at `path` with the reload script and, when there is something to say, the
/// overlay.
pub fn page(html: &str, path: &str, built: &Built) -> String {
    let overlay = match (&built.error, built.findings.get(path)) {
        (Some(error), _) => error_box(error, true),
        (None, Some(findings)) if findings.iter().any(|f| f.severity >= Severity::Warning) => {
            findings_box(findings)
        }
        _ => String::new(),
    };
    let addition = format!("{overlay}{}", script(built.generation));
    match html.rfind("</body>") {
        Some(at) => {
            let (head, tail) = html.split_at(at);
            format!("{head}{addition}{tail}")
        }
        None => format!("{html}{addition}"),
    }
}

/// The page served for any address while there is no site at all.
pub fn error_page(built: &Built) -> String {
    let error = built.error.as_deref().unwrap_or("the site is being built");
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>normwerk serve: no site</title></head><body>{}{}</body></html>\n",
        error_box(error, false),
        script(built.generation)
    )
}

/// Reloads the page when a build after `generation` is announced.
fn script(generation: u64) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS}\");s.onmessage=function(e){{if(Number(e.data)>{generation})location.reload()}};}})();</script>\n"
    )
}

const STYLE: &str = "position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;max-height:45vh;overflow:auto;margin:0;padding:0.75rem 1rem;border:2px solid #b42318;border-radius:6px;background:#fff;color:#1b1f24;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.25)";

fn error_box(error: &str, last: bool) -> String {
    format!(
        "<aside id=\"normwerk-overlay\" role=\"alert\" style=\"{STYLE}\"><strong>normwerk serve: the site could not be built</strong> ({}fix the source and it reloads)<pre style=\"white-space:pre-wrap;margin:0.5rem 0 0\">{}</pre></aside>\n",
        if last {
            "this is the last site that could; "
        } else {
            ""
        },
        encode_text(error)
    )
}

fn findings_box(findings: &[Finding]) -> String {
    let items: String = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| {
            format!(
                "<li><strong>{}[{}]</strong>{}: {}</li>",
                f.severity,
                f.rule,
                f.line.map_or_else(String::new, |l| format!(" line {l}")),
                encode_text(&f.message)
            )
        })
        .collect();
    format!(
        "<aside id=\"normwerk-overlay\" role=\"status\" style=\"{STYLE};border-color:#9a6700\"><button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\">Close</button><strong>normwerk lint: this document has findings</strong><ul style=\"margin:0.5rem 0 0;padding-left:1.2rem\">{items}</ul></aside>\n"
    )
}
