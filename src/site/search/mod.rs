//! The search box's index, built once per site: an inverted index from each word to the
//! documents that hold it, with the best field it is in (id, title, description, heading, or the
//! body with how often), shipped as a script (`search-index.js`) so that it loads from `file://`
//! too. Body text is not in the index; each document's plain text is a file of its own that the
//! search box loads only for the results it shows, for their snippets.
//!
//! Matching and ranking happen in the browser (`templates/js/search.js`); the field codes here
//! are what it ranks by.

pub mod text;

// FxHash (rustc's): the word maps hash tens of millions of short words, where SipHash's
// protection against chosen keys buys nothing (the keys are the corpus's own words).
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::{Arc, Mutex, PoisonError};
use text::Section;

/// Field codes, best first; a word's code in a document is the best field it occurs in. Body
/// words have 0–3: how often they occur, in steps (1, 2–3, 4–7, 8 and more).
pub const ID: u8 = 7;
pub const TITLE: u8 = 6;
pub const DESCRIPTION: u8 = 5;
pub const HEADING: u8 = 4;

/// What the index reads of one document.
pub struct Input<'a> {
    pub file_id: String,
    pub id: &'a str,
    pub title: &'a str,
    pub state: &'static str,
    pub description: &'a str,
    pub sections: &'a [Section],
}

/// One document's row of the index: `[file id, id, title, state]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row(pub String, pub String, pub String, pub &'static str);

/// The index: documents in site order and, per word, its postings `(document, code)`.
#[derive(Debug, Default)]
pub struct Index {
    rows: Vec<Row>,
    /// Each word's slot in `slots`.
    words: FxHashMap<String, usize>,
    slots: Vec<Slot>,
}

/// A word's postings, and what the document being added has of it so far.
#[derive(Debug)]
struct Slot {
    postings: Vec<(u32, u8)>,
    /// The last document the word was seen in, its best field there and how often the body
    /// has it.
    seen: u32,
    best: u8,
    count: u32,
}

/// The form of the shipped index. Postings are a string per word: `delta * 8 + code` in base
/// 36, comma-separated, `delta` the distance from the previous document; decoded by the search
/// box only for the words a query touches.
#[derive(Serialize)]
struct Shipped<'a> {
    version: u32,
    /// Documents per text file: the text of document `n` is in `search/text-{n / shard}.js`.
    shard: usize,
    stop: &'a [&'a str],
    docs: &'a [&'a Row],
    terms: Vec<&'a str>,
    postings: Vec<String>,
}

impl Index {
    /// Adds one document (the next in site order): each of its words with the best field it
    /// occurs in. A word the index has costs no allocation.
    pub fn add(&mut self, input: &Input<'_>) {
        let doc = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.rows.push(Row(
            input.file_id.clone(),
            input.id.to_owned(),
            input.title.to_owned(),
            input.state,
        ));
        let fields = [
            (input.id, ID),
            (input.title, TITLE),
            (input.description, DESCRIPTION),
        ]
        .into_iter()
        .chain(
            input
                .sections
                .iter()
                .flat_map(|s| [(s.heading(), HEADING), (s.text(), 0)]),
        );
        // One lookup per occurrence: the slot keeps what this document has of the word.
        let mut touched = Vec::new();
        for (text, field) in fields {
            let lower = text::lower_case(text);
            text::each_word(&lower, |w| {
                let i = self.slot_of(w);
                let Some(slot) = self.slots.get_mut(i) else {
                    return;
                };
                if slot.seen != doc {
                    (slot.seen, slot.best, slot.count) = (doc, 0, 0);
                    touched.push(i);
                }
                slot.best = slot.best.max(field);
                if field == 0 {
                    slot.count = slot.count.saturating_add(1);
                }
            });
        }
        for i in touched {
            if let Some(slot) = self.slots.get_mut(i) {
                let code = if slot.best > 0 {
                    slot.best
                } else {
                    // 1 → 0, 2–3 → 1, 4–7 → 2, 8 and more → 3
                    u8::try_from(slot.count.max(1).ilog2().min(3)).unwrap_or(3)
                };
                slot.postings.push((doc, code));
            }
        }
    }

    /// The slot of `word`, made when the index does not have it yet.
    fn slot_of(&mut self, word: &str) -> usize {
        if let Some(&i) = self.words.get(word) {
            return i;
        }
        self.words.insert(word.to_owned(), self.slots.len());
        self.slots.push(Slot {
            postings: Vec::new(),
            seen: u32::MAX,
            best: 0,
            count: 0,
        });
        self.slots.len() - 1
    }

    /// Each word with its postings.
    fn postings_by_word(&self) -> impl Iterator<Item = (&str, &[(u32, u8)])> {
        self.words.iter().filter_map(|(w, &i)| {
            let slot = self.slots.get(i)?;
            Some((w.as_str(), slot.postings.as_slice()))
        })
    }

    /// Appends `part`, the index of the documents that follow these.
    #[cfg(test)]
    pub fn append(&mut self, part: Index) {
        let offset = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        for (w, postings) in part.postings_by_word() {
            let shifted = postings.iter().map(|&(d, c)| (d.saturating_add(offset), c));
            let i = self.slot_of(w);
            if let Some(slot) = self.slots.get_mut(i) {
                slot.postings.extend(shifted);
            }
        }
        self.rows.extend(part.rows);
    }

    /// The postings of `word`.
    #[cfg(test)]
    pub fn postings(&self, word: &str) -> &[(u32, u8)] {
        self.words
            .get(word)
            .and_then(|&i| self.slots.get(i))
            .map_or(&[], |s| s.postings.as_slice())
    }

    #[cfg(test)]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// `search-index.js`: the index assigned to `window.normwerkSearchIndex`.
    #[cfg(test)]
    pub fn to_script(&self) -> Result<String, serde_json::Error> {
        ship(self.rows.iter().collect(), self.postings_by_word())
    }

    /// `search-index.js` of the indexes of parts of the site, in order (each of the documents
    /// that follow the part before): parts are made on all cores, and a partial rebuild of the
    /// preview makes only those whose documents changed.
    pub fn joined_script(parts: &[Arc<Index>]) -> Result<String, serde_json::Error> {
        let mut rows = Vec::new();
        let mut words: FxHashMap<&str, Vec<(u32, u8)>> = FxHashMap::default();
        let mut offset = 0u32;
        for part in parts {
            rows.extend(&part.rows);
            for (w, postings) in part.postings_by_word() {
                let shifted = postings.iter().map(|&(d, c)| (d.saturating_add(offset), c));
                words.entry(w).or_default().extend(shifted);
            }
            offset = offset.saturating_add(u32::try_from(part.rows.len()).unwrap_or(u32::MAX));
        }
        ship(rows, words)
    }
}

/// The parts of the index (one per text file) a build made, kept for the next rebuild of the
/// preview.
#[derive(Debug, Default)]
pub struct Parts {
    before: Vec<Arc<Index>>,
    made: Mutex<Vec<Arc<Index>>>,
}

impl Parts {
    /// The parts the last build made, to be offered to the next.
    pub fn next(self) -> Parts {
        Parts {
            before: self
                .made
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
            made: Mutex::default(),
        }
    }

    /// The part of text file `n` of the build before.
    pub fn before(&self, n: usize) -> Option<Arc<Index>> {
        self.before.get(n).cloned()
    }

    /// Keeps the parts this build made.
    pub fn keep(&self, parts: Vec<Arc<Index>>) {
        *self.made.lock().unwrap_or_else(PoisonError::into_inner) = parts;
    }
}

/// The shipped index of rows and words (in any order).
fn ship<'w, P: AsRef<[(u32, u8)]>>(
    docs: Vec<&Row>,
    words: impl IntoIterator<Item = (&'w str, P)>,
) -> Result<String, serde_json::Error> {
    // Sorted, so that the search box finds prefixes by binary search.
    let mut words: Vec<(&'w str, P)> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let shipped = Shipped {
        version: 2,
        shard: TEXT_SHARD,
        stop: text::STOP_WORDS,
        docs: &docs,
        terms: words.iter().map(|(w, _)| *w).collect(),
        postings: words.iter().map(|(_, p)| encode(p.as_ref())).collect(),
    };
    Ok(format!(
        "window.normwerkSearchIndex={};\n",
        serde_json::to_string(&shipped)?
    ))
}

fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for &(doc, code) in postings {
        if !out.is_empty() {
            out.push(',');
        }
        base36(u64::from(doc - previous) * 8 + u64::from(code), &mut out);
        previous = doc;
    }
    out
}

fn base36(mut n: u64, out: &mut String) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = Vec::new();
    loop {
        buf.push(DIGITS.get((n % 36) as usize).copied().unwrap_or(b'0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf.iter().rev().map(|&b| char::from(b)));
}

/// Documents per text file. The texts are files of their own so that the index stays small, and
/// files of many documents because a file per document made the site of 10,000 documents
/// 10,000 files larger (creating files is most of a large build's time); 32 keeps a file at a
/// few hundred kilobytes, of which a query loads one per result shown at most.
pub const TEXT_SHARD: usize = 32;

/// A text file of the search box: the plain text by section of each of `docs`, added to
/// `window.normwerkSearchText` by file id.
pub fn text_script<'a>(
    docs: impl IntoIterator<Item = (&'a str, &'a [Section])>,
) -> Result<String, serde_json::Error> {
    let mut out = String::from("(function(t){");
    for (file_id, sections) in docs {
        out.push_str(&format!(
            "t[{}]={};",
            serde_json::to_string(file_id)?,
            serde_json::to_string(sections)?
        ));
    }
    out.push_str("})(window.normwerkSearchText=window.normwerkSearchText||{});\n");
    Ok(out)
}

#[cfg(test)]
mod tests;
