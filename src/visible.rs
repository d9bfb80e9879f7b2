//! Making invisible and unexpected characters visible. Pure; used by the console
//! and by the command line alike, so both show a value the same way.

use std::borrow::Cow;

/// What kind of character a glyph stands for; the console gives each its own style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlyphKind {
    /// A printable ASCII character, shown as itself.
    Plain,
    /// A printable non-ASCII character, shown as itself; `bytes` is its UTF-8 length.
    NonAscii { bytes: u8 },
    /// An ASCII space, shown as `·`.
    Space,
    /// A control character (tab, newline, NUL, …), shown as a picture of it.
    Control,
    /// A character that takes no room or looks like a space: zero-width space, BOM,
    /// NBSP, bidi marks, … shown by its code point.
    Invisible { bytes: u8 },
    /// A combining mark, shown on a dotted circle so it cannot hide on the letter before.
    Combining { bytes: u8 },
    /// A character of a masked secret.
    Masked,
}

impl GlyphKind {
    /// UTF-8 length of the character, for kinds that are not plain ASCII.
    pub fn utf8_len(self) -> Option<u8> {
        match self {
            GlyphKind::NonAscii { bytes }
            | GlyphKind::Invisible { bytes }
            | GlyphKind::Combining { bytes } => Some(bytes),
            _ => None,
        }
    }

    /// True for kinds that flag something the user probably did not mean to type.
    pub fn is_unexpected(self) -> bool {
        matches!(
            self,
            GlyphKind::Control | GlyphKind::Invisible { .. } | GlyphKind::Combining { .. }
        )
    }
}

/// One character of the original text and how to draw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    /// What to draw. Never contains a control character. Borrowed for the common
    /// characters, so drawing a long value does not allocate per character.
    pub text: Cow<'static, str>,
    pub kind: GlyphKind,
}

/// Whether the glyphs for masked text keep whitespace and control characters visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mask {
    Clear,
    /// Every visible character becomes `•`; spaces, control and invisible characters
    /// still show what they are, so a trailing newline in a secret is never hidden.
    Masked,
}

pub const MASK_CHAR: char = '•';

/// One glyph per `char` of `text`, in order.
pub fn glyphs(text: &str, mask: Mask) -> Vec<Glyph> {
    text.chars().map(|c| glyph(c, mask)).collect()
}

/// Printable ASCII, so that each character can be drawn from a `&'static str`.
const ASCII: &str = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// How to draw one character.
pub fn glyph(c: char, mask: Mask) -> Glyph {
    let bytes = c.len_utf8() as u8;
    let (text, kind): (Cow<'static, str>, GlyphKind) = if c == ' ' {
        (Cow::Borrowed("·"), GlyphKind::Space)
    } else if c.is_control() {
        (Cow::Owned(control_picture(c)), GlyphKind::Control)
    } else if is_invisible(c) {
        (
            Cow::Owned(format!("⟨U+{:04X}⟩", c as u32)),
            GlyphKind::Invisible { bytes },
        )
    } else if mask == Mask::Masked {
        (Cow::Borrowed("•"), GlyphKind::Masked)
    } else if is_combining(c) {
        (Cow::Owned(format!("◌{c}")), GlyphKind::Combining { bytes })
    } else if c.is_ascii() {
        let i = c as usize - 0x20;
        (Cow::Borrowed(&ASCII[i..i + 1]), GlyphKind::Plain)
    } else {
        (Cow::Owned(c.to_string()), GlyphKind::NonAscii { bytes })
    };
    Glyph { text, kind }
}

/// A one-line, escape-free rendering of `text` for plain terminals and logs:
/// control and invisible characters as above, spaces kept as spaces.
pub fn escape_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => " ".to_string(),
            c => glyph(c, Mask::Clear).text.into_owned(),
        })
        .collect()
}

/// 32 hex characters with a lower-case letter: what an App Certificate looks like (an
/// App ID is upper case). Such a value typed in the wrong place is never echoed.
pub fn looks_like_a_certificate(text: &str) -> bool {
    let t = text.trim();
    t.len() == 32
        && t.bytes().all(|b| b.is_ascii_hexdigit())
        && t.bytes().any(|b| b.is_ascii_lowercase())
}

/// `text` escaped for an error message (`\n`, `\t`, `\u{200b}`, …) and cut after
/// `max_chars` characters, so a huge paste cannot flood a message.
pub fn quote(text: &str, max_chars: usize) -> String {
    if looks_like_a_certificate(text) {
        return crate::secret::VALUE_NOT_SHOWN.to_string();
    }
    let mut out: String = text
        .chars()
        .take(max_chars)
        .collect::<String>()
        .escape_debug()
        .collect();
    let total = text.chars().count();
    if total > max_chars {
        out.push_str(&format!("… ({total} characters)"));
    }
    out
}

/// A plain-words name for a character, for messages: `a newline (\n)`,
/// `a zero-width space (U+200B)`, `'x' (U+0078)`.
pub fn char_name(c: char) -> String {
    let name = match c {
        ' ' => "a space",
        '\t' => return "a tab (\\t)".into(),
        '\n' => return "a newline (\\n)".into(),
        '\r' => return "a carriage return (\\r)".into(),
        '\0' => return "a NUL (\\0)".into(),
        '\u{1b}' => "an escape",
        '\u{A0}' => "a no-break space",
        '\u{AD}' => "a soft hyphen",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{200E}' => "a left-to-right mark",
        '\u{200F}' => "a right-to-left mark",
        '\u{2060}' => "a word joiner",
        '\u{202F}' => "a narrow no-break space",
        '\u{3000}' => "an ideographic space",
        '\u{FEFF}' => "a byte-order mark",
        c if c.is_control() => "a control character",
        c if c.is_whitespace() => "a space character",
        c if is_invisible(c) => "an invisible character",
        _ => return format!("'{c}' (U+{:04X})", c as u32),
    };
    format!("{name} (U+{:04X})", c as u32)
}

fn control_picture(c: char) -> String {
    match c {
        '\t' => "⇥".to_string(),
        '\n' => "↵".to_string(),
        '\r' => "␍".to_string(),
        // C0 controls have pictures at U+2400 + code; DEL has its own.
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32)
            .map(String::from)
            .unwrap_or_else(|| format!("⟨U+{:04X}⟩", c as u32)),
        '\u{7f}' => "␡".to_string(),
        // C1 controls (U+0080–U+009F) have no pictures.
        c => format!("⟨U+{:04X}⟩", c as u32),
    }
}

/// Characters that take no room, look like a plain space, or reorder text.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}'                 // no-break space
        | '\u{00AD}'               // soft hyphen
        | '\u{034F}'               // combining grapheme joiner
        | '\u{061C}'               // Arabic letter mark
        | '\u{115F}' | '\u{1160}'  // Hangul fillers
        | '\u{1680}'               // Ogham space mark
        | '\u{180E}'               // Mongolian vowel separator
        | '\u{2000}'..='\u{200F}'  // spaces, zero-width space/joiners, LRM/RLM
        | '\u{2028}'..='\u{202F}'  // separators, bidi embeddings, narrow NBSP
        | '\u{205F}'..='\u{206F}'  // medium math space, word joiner, invisible operators
        | '\u{3000}'               // ideographic space
        | '\u{3164}'               // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'  // variation selectors
        | '\u{FEFF}'               // BOM / zero-width no-break space
        | '\u{FFA0}'               // halfwidth Hangul filler
        | '\u{FFF9}'..='\u{FFFB}'  // interlinear annotations
        | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// Combining marks of the common blocks (enough to expose NFD text).
pub fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{3099}'..='\u{309A}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, mask: Mask) -> String {
        glyphs(s, mask).into_iter().map(|g| g.text).collect()
    }

    #[test]
    fn makes_whitespace_and_controls_visible() {
        assert_eq!(
            texts("a b\tc\nd\0e\r\u{1b}\u{7f}", Mask::Clear),
            "a·b⇥c↵d␀e␍␛␡"
        );
        assert_eq!(texts("\u{85}", Mask::Clear), "⟨U+0085⟩");
    }

    #[test]
    fn names_invisible_characters() {
        assert_eq!(
            texts("\u{200B}x\u{FEFF}\u{A0}", Mask::Clear),
            "⟨U+200B⟩x⟨U+FEFF⟩⟨U+00A0⟩"
        );
    }

    #[test]
    fn non_ascii_carries_its_byte_count() {
        let g = glyphs("用😀é", Mask::Clear);
        let lens: Vec<_> = g.iter().map(|g| g.kind.utf8_len()).collect();
        assert_eq!(lens, vec![Some(3), Some(4), Some(2)]);
        assert_eq!(glyph('a', Mask::Clear).kind.utf8_len(), None);
    }

    #[test]
    fn nfd_shows_the_combining_mark() {
        assert_eq!(texts("Jose\u{301}", Mask::Clear), "Jose◌\u{301}");
        assert_eq!(texts("José", Mask::Clear), "José");
    }

    #[test]
    fn masking_hides_characters_but_not_whitespace() {
        assert_eq!(texts("fe1a 04\n", Mask::Masked), "••••·••↵");
        assert_eq!(glyphs("x", Mask::Masked)[0].kind, GlyphKind::Masked);
    }

    #[test]
    fn no_glyph_contains_a_control_character() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let g = glyph(c, Mask::Clear);
            assert!(!g.text.chars().any(|c| c.is_control()), "{c:?}");
        }
    }

    #[test]
    fn every_printable_ascii_character_draws_as_itself() {
        for c in (0x21u8..0x7f).map(char::from) {
            assert_eq!(glyph(c, Mask::Clear).text, c.to_string());
        }
    }

    #[test]
    fn char_names() {
        assert_eq!(char_name('\n'), "a newline (\\n)");
        assert_eq!(char_name(' '), "a space (U+0020)");
        assert_eq!(char_name('\u{FEFF}'), "a byte-order mark (U+FEFF)");
        assert_eq!(char_name('x'), "'x' (U+0078)");
    }

    #[test]
    fn quote_escapes_and_cuts() {
        assert_eq!(quote("a\nb", 10), "a\\nb");
        assert_eq!(quote(&"x".repeat(50), 3), "xxx… (50 characters)");
    }

    #[test]
    fn a_certificate_in_the_wrong_place_is_not_quoted() {
        let q = quote("fe1a0437bf217bdd34cd65053fb0fe1d", 40);
        assert!(!q.contains("fe1a"), "{q}");
        assert_eq!(
            quote("C5D15F8FD394285DA5227B533302A518", 40),
            "C5D15F8FD394285DA5227B533302A518"
        );
    }

    #[test]
    fn escape_line_keeps_spaces() {
        assert_eq!(escape_line("a b\n"), "a b↵");
    }
}
