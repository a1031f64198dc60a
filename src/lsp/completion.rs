//! Completion, from what the line before the cursor says: in the frontmatter, the keys the
//! schema allows that the document lacks, the values of `type`, `status` and `track`, today's
//! date for `*_at`, document file names in the document lists; in the body, file names in a
//! link's destination.

use super::State;
use super::navigate::in_frontmatter;
use crate::catalog::state_of;
use crate::document::Document;
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};

/// What to offer, and the bytes the chosen item replaces (the part already typed).
#[derive(Debug)]
pub struct Offer {
    pub items: Vec<Item>,
    pub replace: (usize, usize),
}

#[derive(Debug)]
pub struct Item {
    pub label: String,
    pub detail: Option<String>,
    pub kind: CompletionItemKind,
    /// What is inserted, when it is more than the label.
    pub insert: Option<String>,
}

/// The completion at byte `offset` of the document `doc`.
pub fn complete(
    state: &State,
    doc: &Document,
    offset: usize,
    today: jiff::civil::Date,
) -> Option<Offer> {
    let text = doc.text.as_str();
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..offset)?;
    let typed = |n: usize| (offset - n, offset);
    if in_frontmatter(text, offset) {
        // `key: partial`
        if let Some((key, value)) = before.split_once(':')
            && is_key(key)
        {
            // In a flow list (`[a.md, b`) only the item being written is replaced; after its
            // closing `]` there is nothing to offer.
            let value = value
                .rsplit(['[', ','])
                .next()
                .unwrap_or(value)
                .trim_start();
            if value.contains(']') {
                return None;
            }
            let items = values_for(state, Some(doc), key, today);
            return Some(Offer {
                items,
                replace: typed(value.len()),
            });
        }
        // `  - partial` under a list key
        let trimmed = before.trim_start();
        if let Some(item) = trimmed.strip_prefix('-') {
            let key = enclosing_key(text, line_start)?;
            let item = item.trim_start();
            return Some(Offer {
                items: values_for(state, Some(doc), &key, today),
                replace: typed(item.len()),
            });
        }
        // A key at the start of a line.
        if is_key(before) || before.is_empty() {
            return Some(Offer {
                items: missing_keys(state, text),
                replace: typed(before.len()),
            });
        }
        return None;
    }
    // `[text](partial` in the body, not in code.
    if in_code(text, doc.body.start, line_start, offset) {
        return None;
    }
    let open = before.rfind("](")?;
    let partial = before.get(open + 2..)?;
    if partial.contains(|c: char| c.is_whitespace() || c == ')') {
        return None;
    }
    // After `#`: the headings of the document the path names (this one when there is none).
    if let Some((path, anchor)) = partial.split_once('#') {
        let target = match path {
            "" => Some(doc),
            _ => crate::lint::link_target::link_target(
                &state.corpus,
                &state.config.profile,
                doc,
                path,
            )
            .map(|(d, _)| d),
        }?;
        let items = target
            .headings
            .iter()
            .map(|h| Item {
                label: h.anchor.clone(),
                detail: Some(h.text.clone()),
                kind: CompletionItemKind::REFERENCE,
                insert: None,
            })
            .collect();
        return Some(Offer {
            items,
            replace: typed(anchor.len()),
        });
    }
    // The documents of the folder the path written so far leads to.
    let (folder, name) = partial.rsplit_once('/').unwrap_or(("", partial));
    let base = doc.path.parent().unwrap_or(std::path::Path::new(""));
    let folder = crate::paths::normalize(&base.join(folder));
    let items = documents(state, Some(doc), today)
        .into_iter()
        .filter(|item| {
            state
                .corpus
                .by_file_name(&item.label)
                .and_then(|d| d.path.parent())
                .is_some_and(|p| crate::paths::normalize(p) == folder)
        })
        .collect();
    Some(Offer {
        items,
        replace: typed(name.len()),
    })
}

/// Whether byte `offset` of the body (which starts at `body`) lies in code: inside a fenced
/// block (an odd number of fence lines before it) or a code span (an odd number of backticks
/// before it on its line).
fn in_code(text: &str, body: usize, line_start: usize, offset: usize) -> bool {
    let above = text
        .get(body.min(line_start)..line_start)
        .unwrap_or_default();
    let fences = above
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("```") || l.starts_with("~~~")
        })
        .count();
    let on_line = text.get(line_start..offset).unwrap_or_default();
    fences % 2 == 1 || on_line.matches('`').count() % 2 == 1
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The top-level key whose list the line at `line_start` is an item of: the nearest line above
/// that starts with a key.
fn enclosing_key(text: &str, line_start: usize) -> Option<String> {
    let above = text.get(..line_start)?;
    above.lines().rev().find_map(|line| {
        let (key, _) = line.split_once(':')?;
        is_key(key).then(|| key.to_owned())
    })
}

/// The values a key takes.
fn values_for(
    state: &State,
    doc: Option<&Document>,
    key: &str,
    today: jiff::civil::Date,
) -> Vec<Item> {
    let profile = &state.config.profile;
    let plain = |label: &str, detail: &str| Item {
        label: label.to_owned(),
        detail: Some(detail.to_owned()),
        kind: CompletionItemKind::ENUM_MEMBER,
        insert: None,
    };
    match key {
        "status" => profile
            .statuses
            .all()
            .iter()
            .map(|s| plain(s, "status"))
            .collect(),
        "type" => profile
            .types
            .iter()
            .map(|t| plain(&t.name, "document type"))
            .collect(),
        "track" => profile
            .tracks
            .iter()
            .map(|t| plain(&t.name, "track"))
            .collect(),
        _ if key.ends_with("_at") => vec![Item {
            label: today.to_string(),
            detail: Some("today".to_owned()),
            kind: CompletionItemKind::VALUE,
            insert: None,
        }],
        _ if state.list_keys().iter().any(|k| k == key) => documents(state, doc, today),
        _ => Vec::new(),
    }
}

/// The keys the schema allows that the frontmatter does not have yet.
fn missing_keys(state: &State, text: &str) -> Vec<Item> {
    let present: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .filter(|k| is_key(k))
        .collect();
    state
        .known_keys()
        .iter()
        .filter(|k| !present.contains(&k.as_str()))
        .map(|k| Item {
            label: k.clone(),
            detail: Some("frontmatter key".to_owned()),
            kind: CompletionItemKind::FIELD,
            insert: Some(format!("{k}: ")),
        })
        .collect()
}

/// Every other document, by file name, with its id, title and state today.
fn documents(state: &State, doc: Option<&Document>, today: jiff::civil::Date) -> Vec<Item> {
    state
        .corpus
        .documents
        .iter()
        .filter(|d| doc.is_none_or(|me| me.path != d.path))
        .map(|d| Item {
            label: d.file_name.clone(),
            detail: Some(format!(
                "{}: {} ({})",
                d.id().unwrap_or_default(),
                d.title(),
                state_of(d, &state.config.profile, today).as_str()
            )),
            kind: CompletionItemKind::FILE,
            insert: None,
        })
        .collect()
}

/// The protocol's items, each replacing `range` (the part already typed).
pub fn to_lsp(offer: Offer, range: Range) -> Vec<CompletionItem> {
    offer
        .items
        .into_iter()
        .map(|item| {
            let new_text = item.insert.unwrap_or_else(|| item.label.clone());
            CompletionItem {
                filter_text: Some(item.label.clone()),
                label: item.label,
                detail: item.detail,
                kind: Some(item.kind),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                ..CompletionItem::default()
            }
        })
        .collect()
}
