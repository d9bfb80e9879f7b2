//! The help overlay's content and layout: its lines, generated from the key table and
//! the marks' meanings, and how many show and how far they scroll at a given height.

use super::action::Action;
use super::keymap::{self, BINDINGS, Key, Scope};
use super::model::Focus;

/// One line of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title: a scope, or the marks.
    Title(&'static str),
    /// Keys (or a mark) and what they do (or mean).
    Entry { keys: String, words: String },
}

/// How to bring the client's token in, as the diagnosis view and the status line both
/// say it: the key from the table, and a click only when the mouse is captured.
pub fn client_token_hint(mouse: bool) -> String {
    let click = if mouse { ", or click" } else { "" };
    format!(
        "Paste the token the failing client sent into {} ({} to it{click}).",
        Focus::ClientToken.label(),
        keymap::key_label(&Action::FocusPrev)
    )
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

/// The scopes the help lists, in order (the code reference lists its own keys).
const SCOPES: [Scope; 5] = [
    Scope::Always,
    Scope::Main,
    Scope::Field,
    Scope::Toggle,
    Scope::Help,
];

/// The bindings of one scope as the help lists them: all their keys, and what they do.
fn rows(scope: Scope) -> impl Iterator<Item = HelpLine> {
    BINDINGS
        .iter()
        .filter(move |b| b.scope == scope)
        .map(|b| HelpLine::Entry {
            keys: b
                .keys
                .iter()
                .map(Key::label)
                .collect::<Vec<_>>()
                .join(" / "),
            words: b.help.into(),
        })
}

/// Every line of the help, in order: a title per scope with its bindings, then the marks.
/// They depend only on the key table, so they are made once.
pub fn lines() -> &'static [HelpLine] {
    static LINES: std::sync::LazyLock<Vec<HelpLine>> = std::sync::LazyLock::new(make_lines);
    &LINES
}

fn make_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for scope in SCOPES {
        let mut rows = rows(scope).peekable();
        if rows.peek().is_some() {
            lines.push(HelpLine::Title(scope.title()));
            lines.extend(rows);
        }
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

/// Lines of the help on screen at once on a terminal this tall: the overlay's box is
/// `min(lines + 2, height - 2)` rows, two of them borders. The overlay is drawn this
/// tall, and the scroll is clamped by it, so the two cannot disagree.
pub fn visible_lines(height: u16) -> u16 {
    (line_count() + 2)
        .min(height.saturating_sub(2))
        .saturating_sub(2)
}

/// How far the help can scroll on a terminal this tall.
pub fn max_scroll(height: u16) -> u16 {
    line_count().saturating_sub(visible_lines(height))
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
    fn the_line_count_is_a_title_per_scope_a_row_per_binding_and_the_marks() {
        let listed = |b: &&keymap::Binding| SCOPES.contains(&b.scope);
        let bindings = BINDINGS.iter().filter(listed).count();
        let scopes = SCOPES
            .iter()
            .filter(|s| BINDINGS.iter().any(|b| b.scope == **s))
            .count();
        assert_eq!(
            usize::from(line_count()),
            scopes + bindings + 1 + marks().len()
        );
    }

    #[test]
    fn a_binding_lists_all_its_keys() {
        let close = HelpLine::Entry {
            keys: "Esc / F1 / ? / q".into(),
            words: "Close this help".into(),
        };
        assert!(lines().contains(&close));
    }

    #[test]
    fn the_marks_name_the_reveal_key_from_the_key_table() {
        let reveal = keymap::key_label(&Action::ToggleReveal);
        assert!(marks()[4].1.contains(&format!("({reveal} shows it)")));
    }
}
