//! The help overlay's content and layout: its lines, generated from the key table and
//! the marks' meanings, and how far it scrolls on a terminal of a given height.

use super::action::Action;
use super::keymap;

/// One line of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title: a scope, or the marks.
    Title(&'static str),
    /// Keys (or a mark) and what they do (or mean).
    Entry { keys: String, words: String },
}

/// The title above the marks.
pub const MARKS_TITLE: &str = "What the marks mean";

/// The glyphs the console draws for characters that would otherwise hide.
pub fn marks() -> Vec<(&'static str, String)> {
    vec![
        (
            "·  ⇥  ↵  ␀",
            "space, tab, newline, NUL (other controls: ␛ ␡ …)".into(),
        ),
        ("⟨U+200B⟩", "an invisible character, by code point".into()),
        (
            "◌\u{301}",
            "a combining mark (the account is in NFD)".into(),
        ),
        ("用₃", "a non-ASCII character and its UTF-8 bytes".into()),
        (
            "••••",
            format!(
                "the App Certificate, hidden ({} shows it)",
                keymap::key_label(&Action::ToggleReveal)
            ),
        ),
    ]
}

/// Every line of the help, in order: a title per scope with its bindings, then the marks.
pub fn lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (scope, rows) in keymap::help_sections() {
        if rows.is_empty() {
            continue;
        }
        lines.push(HelpLine::Title(scope.title()));
        lines.extend(rows.into_iter().map(|(keys, words)| HelpLine::Entry {
            keys,
            words: words.into(),
        }));
    }
    lines.push(HelpLine::Title(MARKS_TITLE));
    lines.extend(marks().into_iter().map(|(mark, words)| HelpLine::Entry {
        keys: mark.into(),
        words,
    }));
    lines
}

/// Lines in the help overlay.
pub fn line_count() -> u16 {
    lines().len() as u16
}

/// How far the help can scroll on a terminal this tall: the overlay shows
/// `min(lines + 2, height - 2)` rows, two of them borders.
pub fn max_scroll(height: u16) -> u16 {
    let lines = line_count();
    let visible = (lines + 2).min(height.saturating_sub(2)).saturating_sub(2);
    lines.saturating_sub(visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_scroll_limit_matches_what_fits() {
        let lines = line_count();
        assert_eq!(max_scroll(lines + 4), 0, "everything fits");
        assert_eq!(max_scroll(30), lines - 26);
        assert_eq!(max_scroll(0), lines);
    }

    #[test]
    fn the_line_count_is_a_title_per_section_a_row_per_binding_and_the_marks() {
        let sections: usize = keymap::help_sections()
            .iter()
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(_, rows)| rows.len() + 1)
            .sum();
        assert_eq!(usize::from(line_count()), sections + marks().len() + 1);
    }

    #[test]
    fn the_temporary_marks_table_says_what_marks_says() {
        let generated = marks();
        assert_eq!(generated.len(), keymap::MARKS.len());
        for ((mark, words), (old_mark, old_words)) in generated.iter().zip(keymap::MARKS) {
            assert_eq!((*mark, words.as_str()), (*old_mark, *old_words));
        }
    }
}
