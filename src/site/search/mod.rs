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
#[derive(Default)]
pub struct Index {
    rows: Vec<Row>,
    words: FxHashMap<String, Vec<(u32, u8)>>,
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
    docs: &'a [Row],
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
        let lowered: Vec<(std::borrow::Cow<'_, str>, u8)> = [
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
        )
        .map(|(t, field)| (text::lower_case(t), field))
        .collect();
        let mut best: FxHashMap<&str, (u8, u32)> = FxHashMap::default();
        for (lower, field) in &lowered {
            text::each_word(lower, |w| {
                let e = best.entry(w).or_insert((0, 0));
                e.0 = e.0.max(*field);
                if *field == 0 {
                    e.1 = e.1.saturating_add(1);
                }
            });
        }
        for (w, (field, count)) in best {
            let code = if field > 0 {
                field
            } else {
                // 1 → 0, 2–3 → 1, 4–7 → 2, 8 and more → 3
                u8::try_from(count.max(1).ilog2().min(3)).unwrap_or(3)
            };
            match self.words.get_mut(w) {
                Some(postings) => postings.push((doc, code)),
                None => {
                    self.words.insert(w.to_owned(), vec![(doc, code)]);
                }
            }
        }
    }

    /// Appends `part`, the index of the documents that follow these: indexes of parts of the
    /// site are made on all cores and joined in order.
    pub fn append(&mut self, part: Index) {
        let offset = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.rows.extend(part.rows);
        for (w, postings) in part.words {
            let shifted = postings
                .into_iter()
                .map(|(d, c)| (d.saturating_add(offset), c));
            match self.words.get_mut(w.as_str()) {
                Some(all) => all.extend(shifted),
                None => {
                    self.words.insert(w, shifted.collect());
                }
            }
        }
    }

    /// The postings of `word`.
    #[cfg(test)]
    pub fn postings(&self, word: &str) -> &[(u32, u8)] {
        self.words.get(word).map_or(&[], Vec::as_slice)
    }

    #[cfg(test)]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// `search-index.js`: the index assigned to `window.normwerkSearchIndex`.
    pub fn to_script(&self) -> Result<String, serde_json::Error> {
        // Sorted, so that the search box finds prefixes by binary search.
        let mut words: Vec<(&String, &Vec<(u32, u8)>)> = self.words.iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let shipped = Shipped {
            version: 2,
            shard: TEXT_SHARD,
            stop: text::STOP_WORDS,
            docs: &self.rows,
            terms: words.iter().map(|(w, _)| w.as_str()).collect(),
            postings: words.iter().map(|(_, p)| encode(p)).collect(),
        };
        Ok(format!(
            "window.normwerkSearchIndex={};\n",
            serde_json::to_string(&shipped)?
        ))
    }
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
