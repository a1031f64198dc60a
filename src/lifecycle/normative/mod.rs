//! The normative statements of a Markdown body: each sentence, list-item sentence or table row
//! with an RFC 2119 keyword, its keywords and its text normalised so that a reflow, a change of
//! whitespace or of emphasis and code markers gives the same statement. `compare.rs` judges two
//! versions' statements against each other.

mod compare;
#[cfg(test)]
mod tests;

pub use compare::{Effect, StatementChange, StatementKind, compare};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A keyword as it binds: synonyms read as one (SHALL and REQUIRED as MUST, FORBIDDEN and SHALL
/// NOT as MUST NOT, RECOMMENDED as SHOULD, NOT RECOMMENDED as SHOULD NOT, OPTIONAL as MAY).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Keyword {
    May,
    Should,
    ShouldNot,
    Must,
    MustNot,
}

impl Keyword {
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::May => "MAY",
            Keyword::Should => "SHOULD",
            Keyword::ShouldNot => "SHOULD NOT",
            Keyword::Must => "MUST",
            Keyword::MustNot => "MUST NOT",
        }
    }

    /// 1 a permission, 2 a recommendation, 3 a requirement.
    pub fn level(self) -> u8 {
        match self {
            Keyword::May => 1,
            Keyword::Should | Keyword::ShouldNot => 2,
            Keyword::Must | Keyword::MustNot => 3,
        }
    }
}

/// One normative statement of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Whitespace collapsed, Markdown markers dropped, link targets kept as `<url>`.
    pub text: String,
    /// The text with each keyword replaced by `§` and without link targets: what pairs a
    /// statement with its new wording (a link added to a sentence leaves it the same sentence).
    pub masked: String,
    /// Sorted, without repeats.
    pub keywords: Vec<Keyword>,
    /// Where it starts in the body (bytes).
    pub offset: usize,
}

impl Statement {
    /// The strongest keyword's level (see [`Keyword::level`]).
    pub fn level(&self) -> u8 {
        self.keywords.iter().map(|k| k.level()).max().unwrap_or(0)
    }

    pub fn keyword_list(&self) -> String {
        let names: Vec<&str> = self.keywords.iter().map(|k| k.as_str()).collect();
        names.join(", ")
    }
}

/// The text of one block (paragraph, list item, heading, table row) being read, and where its
/// pieces come from in the body.
#[derive(Default)]
struct Block {
    text: String,
    /// (position in `text`, byte offset in the body) at the start of each piece.
    marks: Vec<(usize, usize)>,
    space: bool,
}

impl Block {
    fn push(&mut self, s: &str, offset: usize) {
        let mut words = s.split_whitespace().peekable();
        if words.peek().is_none() {
            self.space |= !s.is_empty();
            return;
        }
        if s.starts_with(char::is_whitespace) {
            self.space = true;
        }
        self.marks.push((
            self.text.len() + usize::from(self.space && !self.text.is_empty()),
            offset,
        ));
        for w in words {
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(w);
            self.space = true;
        }
        self.space = s.ends_with(char::is_whitespace);
    }

    /// The body offset of the piece that holds `pos` of the text.
    fn offset_of(&self, pos: usize) -> usize {
        self.marks
            .iter()
            .take_while(|(p, _)| *p <= pos)
            .last()
            .map_or(0, |(_, o)| *o)
    }
}

/// The normative statements of a Markdown body, in the order of the text. Code blocks and HTML
/// are not read; inline code is read as text.
pub fn statements(body: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut block = Block::default();
    let mut in_code = false;
    let mut links: Vec<String> = Vec::new();
    let flush = |block: &mut Block, out: &mut Vec<Statement>, row: bool| {
        let b = std::mem::take(block);
        // Most blocks have no keyword: one scan, before any splitting.
        if !is_normative(&b.text) {
            return;
        }
        if row {
            push_statement(&b, 0, b.text.len(), out);
        } else {
            for (start, end) in sentences(&b.text) {
                push_statement(&b, start, end, out);
            }
        }
    };
    let parser = Parser::new_ext(body, crate::markdown::options()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. })
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                flush(&mut block, &mut out, false);
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => flush(&mut block, &mut out, false),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => flush(&mut block, &mut out, true),
            Event::End(TagEnd::TableCell) => block.push(" | ", range.end),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut block, &mut out, false);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop() {
                    block.push(&format!("<{url}>"), range.end);
                }
            }
            Event::Text(t) | Event::Code(t) if !in_code => block.push(&t, range.start),
            Event::SoftBreak | Event::HardBreak => block.space = true,
            _ => {}
        }
    }
    flush(&mut block, &mut out, false);
    out
}

fn push_statement(block: &Block, start: usize, end: usize, out: &mut Vec<Statement>) {
    let Some(text) = block.text.get(start..end) else {
        return;
    };
    let lead = text.len() - text.trim_start().len();
    let text = text.trim();
    let (keywords, masked) = keywords(text);
    if keywords.is_empty() {
        return;
    }
    out.push(Statement {
        text: text.to_owned(),
        masked: without_targets(&masked),
        keywords,
        offset: block.offset_of(start + lead),
    });
}

/// The text without the `<target>` of its links (a `<…>` without spaces).
fn without_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('<') {
        out.push_str(before);
        match after.split_once('>') {
            Some((inner, tail)) if !inner.contains(' ') => rest = tail,
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Sentence bounds in a normalised text: after `.`, `!` or `?` followed by a space and an
/// upper-case letter or a digit ("e.g. the" stays one sentence).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = text.get(i + c.len_utf8()..).unwrap_or_default();
        let mut after = rest.chars();
        if after.next() == Some(' ')
            && after
                .next()
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
        {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
            chars.next();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The keyword one word is, alone (synonyms read as one); "MUST NOT" and the like are found
/// through their first word, and read as pairs by [`keywords`].
fn keyword_of(word: &str) -> Option<Keyword> {
    match word {
        "MUST" | "SHALL" | "REQUIRED" => Some(Keyword::Must),
        "FORBIDDEN" => Some(Keyword::MustNot),
        "SHOULD" | "RECOMMENDED" => Some(Keyword::Should),
        "MAY" | "OPTIONAL" => Some(Keyword::May),
        _ => None,
    }
}

/// Whether a line carries an RFC 2119 keyword (as a whole, upper-case word).
pub fn is_normative(line: &str) -> bool {
    // Every keyword starts with M, S, R, F or O and a second capital: a line without such a
    // pair (nearly every line) is passed over at memchr's speed, for every line of every diff
    // is asked.
    let bytes = line.as_bytes();
    let pair = |i: usize| bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase);
    let maybe = memchr::memchr3_iter(b'M', b'S', b'R', bytes).any(pair)
        || memchr::memchr2_iter(b'F', b'O', bytes).any(pair);
    if !maybe {
        return false;
    }
    // Byte by byte: any byte that is not an ASCII letter or digit (those of multi-byte
    // characters included) ends a word.
    let mut start = None;
    for (i, b) in line.bytes().chain(std::iter::once(b' ')).enumerate() {
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take()
            && let Some(word) = line.get(s..i)
        {
            // Only words of two or more capitals can be keywords: most words end the test here.
            let w = word.as_bytes();
            if w.len() >= 3
                && w.iter().take(2).all(u8::is_ascii_uppercase)
                && keyword_of(word).is_some()
            {
                return true;
            }
        }
    }
    false
}

/// The keywords of a text (upper case, whole words) and the text with each replaced by `§`.
fn keywords(text: &str) -> (Vec<Keyword>, String) {
    // Words of ASCII letters and digits with their byte positions; any other character
    // (multi-byte ones included) separates them.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take()
            && let Some(w) = text.get(s..i)
        {
            words.push((s, w));
        }
    }
    let mut found = Vec::new();
    let mut masked = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(&(at, w)) = words.get(i) {
        let next = words.get(i + 1).map(|&(_, n)| n);
        let (kw, taken) = match (w, next) {
            ("MUST" | "SHALL", Some("NOT")) => (Some(Keyword::MustNot), 2),
            ("SHOULD", Some("NOT")) => (Some(Keyword::ShouldNot), 2),
            ("NOT", Some("RECOMMENDED")) => (Some(Keyword::ShouldNot), 2),
            (w, _) => (keyword_of(w), 1),
        };
        if let Some(kw) = kw {
            let last = words.get(i + taken - 1).map_or(at, |&(a, l)| a + l.len());
            masked.push_str(text.get(copied..at).unwrap_or_default());
            masked.push('§');
            copied = last;
            found.push(kw);
        }
        i += taken;
    }
    masked.push_str(text.get(copied..).unwrap_or_default());
    found.sort();
    found.dedup();
    (found, masked)
}
