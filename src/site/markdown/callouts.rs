//! Docusaurus admonitions (`:::note Title` … `:::`) as callouts. The body is parsed exactly as
//! the lint parses it (a marker line is an ordinary paragraph line there), and the marker lines
//! are then replaced in the event stream: the blocks between them, headings included, stay the
//! blocks the lint saw, so their anchors stay the lint's, in its order.
//!
//! A marker is recognised only as a whole line of a paragraph (never in code, which has no
//! paragraphs); an opening marker is paired with the next unpaired closing one in the same
//! container (list item, block quote, or the body itself). Markers left without a partner
//! stay as the text they are, so nothing written is lost.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// The admonition types Docusaurus knows, with the title it shows when none is given.
const KINDS: [(&str, &str); 6] = [
    ("note", "Note"),
    ("tip", "Tip"),
    ("info", "Info"),
    ("caution", "Caution"),
    ("warning", "Warning"),
    ("danger", "Danger"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    Open { kind: &'static str, title: String },
    Close,
}

/// One marker line: the paragraph it is in (index of its `Start`), the events of the line.
#[derive(Debug)]
struct Found {
    paragraph: usize,
    line: Range<usize>,
    marker: Marker,
    container: usize,
}

/// Reads a paragraph line (its text, as written) as a marker.
fn marker(line: &str) -> Option<Marker> {
    let rest = line.trim().strip_prefix(":::")?.trim_start_matches(':');
    if rest.trim().is_empty() {
        return Some(Marker::Close);
    }
    let name_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(name_end);
    let &(kind, default) = KINDS.iter().find(|(k, _)| name.eq_ignore_ascii_case(k))?;
    // `:::note Title`, `:::note[Title]` (Docusaurus 3), with `{…}` attributes dropped.
    let after = after.split('{').next().unwrap_or_default();
    let title = match after.trim().strip_prefix('[') {
        Some(t) => t.strip_suffix(']').unwrap_or(t),
        None if after.is_empty() || after.starts_with(char::is_whitespace) => after,
        None => return None, // `:::notes` is no marker.
    };
    let title = title.trim();
    Some(Marker::Open {
        kind,
        title: if title.is_empty() { default } else { title }.to_owned(),
    })
}

/// The text of a line of a paragraph as a reader sees it: text and inline code, without
/// emphasis or raw HTML (a callout's title is text).
fn line_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            text.push_str(t);
        }
    }
    text
}

/// The lines of the paragraph whose inline events are `events[range]`: ranges of events,
/// split at line breaks.
fn lines(events: &[Event<'_>], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        if matches!(events.get(i), Some(Event::SoftBreak | Event::HardBreak)) {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..range.end);
    out
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::DefinitionList
            | Tag::DefinitionListDefinition
    )
}

/// The marker lines of the body, paired: only those with a partner are returned.
fn paired(events: &[Event<'_>]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut containers = vec![usize::MAX];
    let mut i = 0;
    while let Some(e) = events.get(i) {
        match e {
            Event::Start(Tag::Paragraph) => {
                let end = (i + 1..events.len())
                    .find(|&j| matches!(events.get(j), Some(Event::End(TagEnd::Paragraph))))
                    .unwrap_or(events.len());
                for line in lines(events, i + 1..end) {
                    // A marker line starts with its colons, as text.
                    let starts = matches!(events.get(line.start), Some(Event::Text(t)) if t.starts_with(":::"));
                    let text = events.get(line.clone()).map(line_text).filter(|_| starts);
                    if let Some(marker) = text.as_deref().and_then(marker) {
                        found.push(Found {
                            paragraph: i,
                            line,
                            marker,
                            container: containers.last().copied().unwrap_or(usize::MAX),
                        });
                    }
                }
                i = end;
            }
            Event::Start(tag) if is_container(tag) => containers.push(i),
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::Table
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListDefinition,
            ) => {
                containers.pop();
            }
            _ => {}
        }
        i += 1;
    }
    // Pair each closing marker with the latest open one of its container.
    let mut open: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut keep = vec![false; found.len()];
    for (n, f) in found.iter().enumerate() {
        let stack = open.entry(f.container).or_default();
        match f.marker {
            Marker::Open { .. } => stack.push(n),
            Marker::Close => {
                if let Some(o) = stack.pop() {
                    for k in [o, n] {
                        if let Some(slot) = keep.get_mut(k) {
                            *slot = true;
                        }
                    }
                }
            }
        }
    }
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

/// Writes the text lines gathered so far as a paragraph of their own.
fn flush<'a>(pending: &mut Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
    // The break that separated the text from a marker line goes with the marker.
    while matches!(pending.last(), Some(Event::SoftBreak | Event::HardBreak)) {
        pending.pop();
    }
    if !pending.is_empty() {
        out.push(Event::Start(Tag::Paragraph));
        out.append(pending);
        out.push(Event::End(TagEnd::Paragraph));
    }
}

/// The opening markup of a callout; the title is text.
fn open_html(kind: &str, title: &str) -> String {
    format!(
        "<aside class=\"callout callout-{kind}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
        html_escape::encode_text(title)
    )
}

/// The events of the body with paired admonition markers replaced by callouts.
pub fn rewrite(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let markers = paired(&events);
    if markers.is_empty() {
        return events;
    }
    let mut by_paragraph: HashMap<usize, Vec<&Found>> = HashMap::new();
    for m in &markers {
        by_paragraph.entry(m.paragraph).or_default().push(m);
    }
    let mut out = Vec::with_capacity(events.len() + markers.len());
    let mut events = events.into_iter().enumerate();
    while let Some((i, e)) = events.next() {
        let Some(found) = by_paragraph.get(&i) else {
            out.push(e);
            continue;
        };
        // The paragraph's inline events and its end, taken whole and split at the markers.
        let mut inline: Vec<Event<'_>> = Vec::new();
        for (_, e) in events.by_ref() {
            if matches!(e, Event::End(TagEnd::Paragraph)) {
                break;
            }
            inline.push(e);
        }
        let mut pending: Vec<Event<'_>> = Vec::new();
        let offset = i + 1;
        let mut inline = inline.into_iter().enumerate().peekable();
        while let Some((k, e)) = inline.next() {
            let Some(f) = found.iter().find(|f| f.line.start == offset + k) else {
                pending.push(e);
                continue;
            };
            flush(&mut pending, &mut out);
            // The rest of the marker line and the break after it.
            while inline.next_if(|(k, _)| offset + k <= f.line.end).is_some() {}
            out.push(Event::Html(CowStr::from(match &f.marker {
                Marker::Open { kind, title } => open_html(kind, title),
                Marker::Close => "</aside>\n".to_owned(),
            })));
        }
        flush(&mut pending, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read() {
        assert_eq!(
            marker(":::note"),
            Some(Marker::Open {
                kind: "note",
                title: "Note".into()
            })
        );
        assert_eq!(
            marker(":::caution Mind the gap"),
            Some(Marker::Open {
                kind: "caution",
                title: "Mind the gap".into()
            })
        );
        assert_eq!(
            marker("::::tip[Short] {#x}"),
            Some(Marker::Open {
                kind: "tip",
                title: "Short".into()
            })
        );
        assert_eq!(marker(":::"), Some(Marker::Close));
        assert_eq!(marker(":::notes"), None);
        assert_eq!(marker(":::details"), None);
        assert_eq!(marker("::note"), None);
    }
}
