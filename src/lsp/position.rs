//! Positions as the protocol counts them: a 0-based line and a column in UTF-16 code units (the
//! protocol's default) or in bytes (when the editor offers UTF-8), from and to byte offsets.

use crate::diagnostic::{LineIndex, Span};
use lsp_types::{Position, Range};

/// How columns are counted, as agreed at initialisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The first of the encodings the client offers (in its order of preference) that the
    /// server knows, UTF-16 (the protocol's default) when it offers none of them.
    pub fn choose(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        offered
            .into_iter()
            .flatten()
            .find_map(|k| match k.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
        }
    }

    fn units(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
        }
    }
}

/// A text with its line index, to convert positions.
#[derive(Debug)]
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl Text<'_> {
    /// The position of a byte offset (clamped to the text, moved back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.position(self.text, offset).line;
        let start = self.lines.line_start(line).unwrap_or(0).min(offset);
        let column = self
            .encoding
            .units(self.text.get(start..offset).unwrap_or_default());
        Position::new(
            u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position: a column past the line's end is its end, a line past the
    /// text's end is the text's end, a column inside a character is the next one's start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.lines.line_start(position.line as usize + 1) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or_default();
        let line = rest.split('\n').next().unwrap_or(rest);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_or_bytes() {
        let text = "a: 1\nä😀x: 2\n";
        let lines = LineIndex::new(text);
        let t16 = Text {
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
        };
        let x = text.find('x').unwrap_or_default();
        assert_eq!(t16.position(x), Position::new(1, 3));
        assert_eq!(t16.offset(Position::new(1, 3)), x);
        // Past the line's end: its end; past the text: its end.
        assert_eq!(t16.offset(Position::new(0, 99)), 4);
        assert_eq!(t16.offset(Position::new(9, 0)), text.len());
        let t8 = Text {
            encoding: Encoding::Utf8,
            ..t16
        };
        assert_eq!(t8.position(x), Position::new(1, 6));
        assert_eq!(t8.offset(Position::new(1, 6)), x);
        // Inside a character: the next one's start.
        assert_eq!(t8.offset(Position::new(1, 1)), 5 + 2);
    }
}
