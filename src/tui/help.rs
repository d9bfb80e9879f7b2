//! The help overlay's content and layout: its lines, generated from the key table and
//! the marks' meanings, and how many show and how far they scroll at a given height.

use super::action::{Action, CopyTarget};
use super::keymap::{self, BINDINGS, Key, Scope};
use super::model::Focus;

/// One line of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title: a scope, or the marks.
    Title(&'static str),
    /// A sentence on a line of its own (the workflow).
    Text(String),
    /// Keys (or a mark) and what they do (or mean).
    Entry { keys: String, words: String },
}

/// What the Client token field is for, said the same way everywhere.
const PASTE: &str = "paste the token a failing client sent";
/// What the user then sees, long and short.
const SEES: &str = "the diagnosis shows what the server answers, and the mistake that made it";
const SEES_SHORT: &str = "see why it fails";

/// How to reach the field: the key from the table (`None`: the cursor is in it), and a
/// click only when the mouse is captured.
fn reach(mouse: bool, key: Option<&Action>) -> Option<String> {
    let click = if mouse { ", or click it" } else { "" };
    key.map(|k| format!("{} to it{click}", keymap::key_label(k)))
}

/// How to bring the client's token in, as the status line and the diagnosis view say
/// it. `key` reaches the field from where the user is; `None` when the cursor is in it.
pub fn client_token_hint(mouse: bool, key: Option<&Action>) -> String {
    let field = Focus::ClientToken.label();
    match reach(mouse, key) {
        Some(reach) => {
            format!("Paste the token a failing client sent into {field} ({reach}): {SEES}.")
        }
        None => format!("The cursor is in {field}: {PASTE}, and {SEES}."),
    }
}

/// The status line's word when F7 put the cursor in the Client token field.
pub fn client_token_ready() -> String {
    format!("The cursor is in {}: {PASTE}.", Focus::ClientToken.label())
}

/// The empty Client token field's placeholder, as long as fits in `width` columns
/// (the longest first; the last may still be cut by the caller).
pub fn client_token_placeholder(mouse: bool, key: Option<&Action>) -> [String; 3] {
    let then = match reach(mouse, key) {
        Some(reach) => {
            let mut reach = reach;
            reach.replace_range(..1, &reach[..1].to_uppercase());
            format!("{reach}, then {PASTE}")
        }
        None => {
            let mut paste = PASTE.to_string();
            paste.replace_range(..1, "P");
            paste
        }
    };
    [
        format!("{then}: {SEES}"),
        format!("{then}: {SEES_SHORT}"),
        then,
    ]
}

/// The workflow, in three lines: what the console is for, in the order a person uses
/// it; the help opens with it, and a tall console shows it below the panels.
pub fn workflow() -> [String; 3] {
    // Short enough for the help's box on the narrowest console (60 columns).
    let key = |a: &Action| keymap::key_label(a);
    [
        format!(
            "1. The inputs make the token. {} copies it.",
            key(&Action::Copy(CopyTarget::Token))
        ),
        format!(
            "2. {}, paste a failing client's token: see why.",
            key(&Action::ToggleDiagnosis)
        ),
        format!("3. {} makes a report for the ticket.", key(&Action::Report)),
    ]
}

/// The title above the workflow.
pub const WORKFLOW_TITLE: &str = "How it works";

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
    let mut lines = vec![HelpLine::Title(WORKFLOW_TITLE)];
    lines.extend(workflow().map(HelpLine::Text));
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
            1 + workflow().len() + scopes + bindings + 1 + marks().len()
        );
    }

    #[test]
    fn the_help_opens_with_the_workflow_and_its_keys_come_from_the_table() {
        let lines = lines();
        assert_eq!(lines[0], HelpLine::Title(WORKFLOW_TITLE));
        let text: Vec<String> = lines[1..4]
            .iter()
            .map(|l| match l {
                HelpLine::Text(t) => t.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(text[0].contains(&keymap::key_label(&Action::Copy(CopyTarget::Token))));
        assert!(text[1].contains(&keymap::key_label(&Action::ToggleDiagnosis)));
        assert!(text[1].contains("failing client's token"));
        assert!(text[2].contains(&format!(
            "{} makes a report",
            keymap::key_label(&Action::Report)
        )));
    }

    #[test]
    fn the_client_token_hints_offer_a_click_only_with_the_mouse() {
        let f7 = Action::ToggleDiagnosis;
        let key = keymap::key_label(&f7);
        let without = client_token_hint(false, Some(&f7));
        assert!(without.contains(&format!("({key} to it)")), "{without}");
        let with = client_token_hint(true, Some(&f7));
        assert!(
            with.contains(&format!("({key} to it, or click it)")),
            "{with}"
        );
        for mouse in [false, true] {
            for p in client_token_placeholder(mouse, Some(&f7)) {
                assert!(p.starts_with(&key), "{p}");
                assert_eq!(p.contains("click"), mouse, "{p}");
            }
        }
        assert!(client_token_hint(false, None).contains("The cursor is in Client token"));
        assert!(client_token_placeholder(false, None)[0].starts_with("Paste the token"));
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
