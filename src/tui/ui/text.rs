//! Turning values into styled, width-aware pieces: cells and glyphs, wrapping and
//! truncating. Render-only helpers: nothing here changes state or computes a hash.

use super::theme::THEME;
use crate::visible::{self, Glyph, GlyphKind, Mask};
use ratatui::style::Style;
use ratatui::text::Span;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The style a glyph gets, on top of the colour of the value it belongs to.
pub fn glyph_style(kind: GlyphKind, base: Style) -> Style {
    match kind {
        GlyphKind::Plain | GlyphKind::NonAscii { .. } | GlyphKind::Masked => base,
        GlyphKind::Space => base.patch(THEME.glyphs.space),
        GlyphKind::Control | GlyphKind::Invisible { .. } | GlyphKind::Combining { .. } => {
            THEME.glyphs.hidden
        }
    }
}

/// A drawable cell: a glyph, or the byte-count subscript after a non-ASCII one.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: Cow<'static, str>,
    pub style: Style,
    pub width: usize,
}

impl Cell {
    pub fn new(text: impl Into<Cow<'static, str>>, style: Style) -> Cell {
        let text = text.into();
        let width = text.width();
        Cell { text, style, width }
    }

    pub fn span(&self) -> Span<'static> {
        Span::styled(self.text.clone(), self.style)
    }
}

const SUBSCRIPTS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

pub fn subscript(n: u8) -> String {
    n.to_string()
        .bytes()
        .map(|d| SUBSCRIPTS[(d - b'0') as usize])
        .collect()
}

/// The cells of one character: its glyph, and after a non-ASCII one (when asked) the
/// subscript with its UTF-8 byte count.
#[derive(Clone, Debug)]
pub struct GlyphCells {
    pub main: Cell,
    pub sub: Option<Cell>,
}

impl GlyphCells {
    pub fn iter(&self) -> impl Iterator<Item = &Cell> {
        std::iter::once(&self.main).chain(self.sub.as_ref())
    }

    #[inline]
    pub fn map(self, f: impl Fn(Cell) -> Cell) -> GlyphCells {
        GlyphCells {
            main: f(self.main),
            sub: self.sub.map(f),
        }
    }

    pub fn width(&self) -> usize {
        self.iter().map(|c| c.width).sum()
    }
}

/// Cells for a value. With `byte_counts`, non-ASCII characters are followed by their
/// UTF-8 length as a subscript. One entry per `char`, so a cursor index maps to cells.
pub fn value_cells(text: &str, mask: Mask, base: Style, byte_counts: bool) -> Vec<GlyphCells> {
    text.chars()
        .map(|c| {
            let Glyph { text, kind } = visible::glyph(c, mask);
            let sub = (byte_counts)
                .then(|| kind.utf8_len())
                .flatten()
                .map(|n| Cell::new(subscript(n), THEME.glyphs.byte_count));
            GlyphCells {
                main: Cell::new(text, glyph_style(kind, base)),
                sub,
            }
        })
        .collect()
}

/// Plain word wrapping by display width. Words longer than a line are split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split(' ') {
        let word_w = word.width();
        let need = if line.is_empty() { word_w } else { word_w + 1 };
        if line_w + need > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_w += 1;
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if line_w + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `width` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words_and_splits_long_ones() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("用户用户", 5), vec!["用户", "用户"]);
    }

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("用户用户", 5), "用户…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn subscripts() {
        assert_eq!(subscript(3), "₃");
        assert_eq!(subscript(12), "₁₂");
    }

    #[test]
    fn byte_counts_follow_non_ascii_only() {
        let cells = value_cells("a用", Mask::Clear, Style::default(), true);
        assert!(cells[0].sub.is_none());
        assert_eq!(cells[1].sub.as_ref().unwrap().text, "₃");
    }
}
