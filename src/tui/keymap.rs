//! One table of key bindings. It dispatches keys, and the footer and the help overlay
//! are generated from it, so what the screen says is always what the keys do.

use super::app::{Action, App, CopyTarget, Overlay};
use super::field::Edit;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, also over the help overlay.
    Always,
    /// On the main screen, whatever is focused.
    Main,
    /// In a text field.
    Field,
    /// On a toggle.
    Toggle,
    /// While the help overlay is open.
    Help,
    /// While the error code reference is open.
    Codes,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Always => "Anywhere",
            Scope::Main => "Main screen",
            Scope::Field => "In a text field",
            Scope::Toggle => "On a toggle",
            Scope::Help => "In this help",
            Scope::Codes => "In the error code reference",
        }
    }
}

/// A key with its modifiers, as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        let mods = event.modifiers - KeyModifiers::SHIFT;
        match (self.code, event.code) {
            // BackTab arrives with or without SHIFT, depending on the terminal.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            // Letters with Ctrl may arrive upper case when Shift is held or Caps Lock is on.
            (KeyCode::Char(a), KeyCode::Char(b)) => a.eq_ignore_ascii_case(&b) && self.mods == mods,
            (a, b) => a == b && self.mods == mods,
        }
    }

    /// How the key is written in the footer and the help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            // Letters with Ctrl read as Ctrl-C; on their own, as the key you press.
            KeyCode::Char(c) if !self.mods.is_empty() => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.code == KeyCode::Char('?') {
            return "?".into();
        }
        out.push_str(&base);
        out
    }
}

/// A command the table can bind; each maps to one [`Action`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    CloseHelp,
    FocusNext,
    FocusPrev,
    Submit,
    Toggle,
    ToggleCertificate,
    ToggleSwitch,
    Reveal,
    CopyToken,
    CopySign,
    ScrollHelp(i16),
    ToggleDiagnosis,
    ToggleCodes,
    CancelSearch,
    Report,
    CodesEdit(Edit),
    Edit(Edit),
}

impl Command {
    pub fn action(self) -> Action {
        match self {
            Command::Quit => Action::Quit,
            Command::Help => Action::ToggleHelp,
            Command::CloseHelp => Action::CloseOverlay,
            Command::FocusNext => Action::FocusNext,
            Command::FocusPrev => Action::FocusPrev,
            Command::Submit => Action::Submit,
            Command::Toggle => Action::ToggleFocused,
            Command::ToggleCertificate => Action::ToggleCertificateEnabled,
            Command::ToggleSwitch => Action::ToggleDebugSwitch,
            Command::Reveal => Action::ToggleReveal,
            Command::CopyToken => Action::Copy(CopyTarget::Token),
            Command::CopySign => Action::Copy(CopyTarget::Sign),
            Command::ScrollHelp(by) => Action::ScrollHelp(by),
            Command::ToggleDiagnosis => Action::ToggleDiagnosis,
            Command::ToggleCodes => Action::ToggleCodes,
            Command::CancelSearch => Action::CancelDiagnosis,
            Command::Report => Action::Report,
            Command::CodesEdit(e) => Action::CodesQuery(e),
            Command::Edit(e) => Action::Edit(e),
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub scope: Scope,
    /// The words in the help overlay.
    pub help: &'static str,
    /// The short words in the footer; `None` keeps it out of the footer.
    pub footer: Option<&'static str>,
}

use Edit as E;
use KeyCode as K;

/// The table. Order matters: the first matching binding wins, and the footer and the
/// help list bindings in this order.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ctrl('c'), ctrl('q')],
        command: Command::Quit,
        scope: Scope::Always,
        help: "Quit",
        footer: Some("quit"),
    },
    Binding {
        keys: &[
            key(K::Esc),
            key(K::F(1)),
            key(K::Char('?')),
            key(K::Char('q')),
        ],
        command: Command::CloseHelp,
        scope: Scope::Help,
        help: "Close this help",
        footer: Some("close"),
    },
    Binding {
        keys: &[key(K::Down), key(K::Char('j'))],
        command: Command::ScrollHelp(1),
        scope: Scope::Help,
        help: "Scroll down",
        footer: Some("scroll"),
    },
    Binding {
        keys: &[key(K::Up), key(K::Char('k'))],
        command: Command::ScrollHelp(-1),
        scope: Scope::Help,
        help: "Scroll up",
        footer: None,
    },
    Binding {
        keys: &[key(K::PageDown), key(K::Char(' '))],
        command: Command::ScrollHelp(10),
        scope: Scope::Help,
        help: "Scroll a page down",
        footer: None,
    },
    Binding {
        keys: &[key(K::PageUp)],
        command: Command::ScrollHelp(-10),
        scope: Scope::Help,
        help: "Scroll a page up",
        footer: None,
    },
    Binding {
        keys: &[key(K::Esc), key(K::F(8))],
        command: Command::ToggleCodes,
        scope: Scope::Codes,
        help: "Close the error code reference",
        footer: Some("close"),
    },
    Binding {
        keys: &[key(K::Backspace), ctrl('h')],
        command: Command::CodesEdit(E::Backspace),
        scope: Scope::Codes,
        help: "Delete a digit of the code searched for (type digits to search)",
        footer: Some("delete digit"),
    },
    Binding {
        keys: &[ctrl('u')],
        command: Command::CodesEdit(E::Clear),
        scope: Scope::Codes,
        help: "Clear the search: list every code",
        footer: None,
    },
    Binding {
        keys: &[key(K::F(1))],
        command: Command::Help,
        scope: Scope::Main,
        help: "This help: every key, and the marks on screen",
        footer: Some("help"),
    },
    Binding {
        keys: &[key(K::Tab), key(K::Down)],
        command: Command::FocusNext,
        scope: Scope::Main,
        help: "Next field or toggle",
        footer: Some("next"),
    },
    Binding {
        keys: &[key(K::BackTab), key(K::Up)],
        command: Command::FocusPrev,
        scope: Scope::Main,
        help: "Previous field or toggle",
        footer: None,
    },
    Binding {
        keys: &[ctrl('r'), key(K::F(2))],
        command: Command::Reveal,
        scope: Scope::Main,
        help: "Reveal or hide the App Certificate",
        footer: Some("reveal"),
    },
    Binding {
        keys: &[ctrl('t'), key(K::F(5))],
        command: Command::CopyToken,
        scope: Scope::Main,
        help: "Copy the token",
        footer: Some("copy token"),
    },
    Binding {
        keys: &[ctrl('s'), key(K::F(6))],
        command: Command::CopySign,
        scope: Scope::Main,
        help: "Copy the sign",
        footer: Some("copy sign"),
    },
    Binding {
        keys: &[key(K::F(7))],
        command: Command::ToggleDiagnosis,
        scope: Scope::Main,
        help: "Diagnosis of the client token / token panels",
        footer: Some("diagnose"),
    },
    Binding {
        keys: &[key(K::F(8))],
        command: Command::ToggleCodes,
        scope: Scope::Main,
        help: "Error codes (100-108, 200-209), by number",
        footer: Some("codes"),
    },
    Binding {
        keys: &[key(K::F(9))],
        command: Command::Report,
        scope: Scope::Main,
        help: "Report for a ticket (copied, or to --report-dir)",
        footer: None,
    },
    Binding {
        keys: &[key(K::Esc)],
        command: Command::CancelSearch,
        scope: Scope::Main,
        help: "Cancel a running search for the mistake",
        footer: None,
    },
    Binding {
        keys: &[key(K::F(3))],
        command: Command::ToggleCertificate,
        scope: Scope::Main,
        help: "Flip \"App Certificate enabled\"",
        footer: None,
    },
    Binding {
        keys: &[key(K::F(4))],
        command: Command::ToggleSwitch,
        scope: Scope::Main,
        help: "Flip the \"Token Debugging Switch\"",
        footer: None,
    },
    Binding {
        keys: &[key(K::Char(' ')), key(K::Enter)],
        command: Command::Toggle,
        scope: Scope::Toggle,
        help: "Flip the focused toggle",
        footer: Some("flip"),
    },
    Binding {
        keys: &[key(K::Char('?'))],
        command: Command::Help,
        scope: Scope::Toggle,
        help: "Help (on a toggle; in a field ? is typed)",
        footer: None,
    },
    Binding {
        keys: &[key(K::Enter)],
        command: Command::Submit,
        scope: Scope::Field,
        help: "Next text field",
        footer: None,
    },
    Binding {
        keys: &[key(K::Left), ctrl('b')],
        command: Command::Edit(E::Left),
        scope: Scope::Field,
        help: "Cursor left",
        footer: None,
    },
    Binding {
        keys: &[key(K::Right), ctrl('f')],
        command: Command::Edit(E::Right),
        scope: Scope::Field,
        help: "Cursor right",
        footer: None,
    },
    Binding {
        keys: &[ctrl_key(K::Left), alt(K::Char('b'))],
        command: Command::Edit(E::WordLeft),
        scope: Scope::Field,
        help: "Word left",
        footer: None,
    },
    Binding {
        keys: &[ctrl_key(K::Right), alt(K::Char('f'))],
        command: Command::Edit(E::WordRight),
        scope: Scope::Field,
        help: "Word right",
        footer: None,
    },
    Binding {
        keys: &[key(K::Home), ctrl('a')],
        command: Command::Edit(E::Home),
        scope: Scope::Field,
        help: "Start of the field",
        footer: None,
    },
    Binding {
        keys: &[key(K::End), ctrl('e')],
        command: Command::Edit(E::End),
        scope: Scope::Field,
        help: "End of the field",
        footer: None,
    },
    Binding {
        keys: &[key(K::Backspace), ctrl('h')],
        command: Command::Edit(E::Backspace),
        scope: Scope::Field,
        help: "Delete the character before the cursor",
        footer: None,
    },
    Binding {
        keys: &[key(K::Delete), ctrl('d')],
        command: Command::Edit(E::Delete),
        scope: Scope::Field,
        help: "Delete the character under the cursor",
        footer: None,
    },
    Binding {
        keys: &[ctrl('u')],
        command: Command::Edit(E::Clear),
        scope: Scope::Field,
        help: "Clear the field",
        footer: Some("clear"),
    },
    Binding {
        keys: &[ctrl('w'), alt(K::Backspace)],
        command: Command::Edit(E::DeleteWordBack),
        scope: Scope::Field,
        help: "Delete the word before the cursor",
        footer: None,
    },
    Binding {
        keys: &[ctrl('k')],
        command: Command::Edit(E::KillToEnd),
        scope: Scope::Field,
        help: "Delete to the end of the field",
        footer: None,
    },
];

/// The scopes active in the app's current state, most specific first.
pub fn active_scopes(app: &App) -> Vec<Scope> {
    match app.overlay() {
        Some(Overlay::Help) => vec![Scope::Help, Scope::Always],
        Some(Overlay::Codes) => vec![Scope::Codes, Scope::Always],
        None if app.focus().is_text() => vec![Scope::Field, Scope::Main, Scope::Always],
        None => vec![Scope::Toggle, Scope::Main, Scope::Always],
    }
}

/// Turns a key into an action, or `None` when the key means nothing here.
pub fn dispatch(app: &App, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let scopes = active_scopes(app);
    for scope in &scopes {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.scope == *scope && b.keys.iter().any(|k| k.matches(event)))
        {
            return Some(b.command.action());
        }
    }
    // Digits typed in the code reference search it.
    if app.overlay() == Some(Overlay::Codes)
        && let KeyCode::Char(c) = event.code
        && (event.modifiers - KeyModifiers::SHIFT).is_empty()
    {
        return Some(Action::CodesQuery(Edit::Insert(c)));
    }
    // Anything printable typed in a text field is inserted.
    if app.overlay().is_none()
        && app.focus().is_text()
        && let KeyCode::Char(c) = event.code
        && (event.modifiers - KeyModifiers::SHIFT).is_empty()
        && !c.is_control()
    {
        return Some(Action::Edit(Edit::Insert(c)));
    }
    None
}

/// The footer's hints for the current state: `(keys, words)` pairs.
pub fn footer_hints(app: &App) -> Vec<(String, &'static str)> {
    let scopes = active_scopes(app);
    let mut hints: Vec<(usize, String, &'static str)> = BINDINGS
        .iter()
        .filter(|b| scopes.contains(&b.scope))
        .enumerate()
        .filter_map(|(i, b)| Some((i, b.keys[0].label(), b.footer?)))
        .collect();
    // In table order, but help and quit last, where people look for them.
    hints.sort_by_key(|(i, _, words)| (*words == "quit", *words == "help", *i));
    hints.into_iter().map(|(_, k, w)| (k, w)).collect()
}

/// Every binding grouped by scope, for the help overlay.
pub fn help_sections() -> Vec<(Scope, Vec<(String, &'static str)>)> {
    [
        Scope::Always,
        Scope::Main,
        Scope::Field,
        Scope::Toggle,
        Scope::Help,
    ]
    .into_iter()
    .map(|scope| {
        let rows = BINDINGS
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
                (keys.join(" / "), b.help)
            })
            .collect();
        (scope, rows)
    })
    .collect()
}

/// The glyphs the console draws for characters that would otherwise hide, for the help.
pub const MARKS: &[(&str, &str)] = &[
    (
        "·  ⇥  ↵  ␀",
        "space, tab, newline, NUL (other controls: ␛ ␡ …)",
    ),
    ("⟨U+200B⟩", "an invisible character, by code point"),
    ("◌\u{301}", "a combining mark (the account is in NFD)"),
    ("用₃", "a non-ASCII character and its UTF-8 bytes"),
    ("••••", "the App Certificate, hidden (Ctrl-R shows it)"),
];

/// How far the help can scroll on a terminal this tall: the overlay shows
/// `min(lines + 2, height - 2)` rows, two of them borders.
pub fn help_max_scroll(height: u16) -> u16 {
    let lines = help_line_count();
    let visible = (lines + 2).min(height.saturating_sub(2)).saturating_sub(2);
    lines.saturating_sub(visible)
}

/// Lines in the help overlay: a title per section, a row per binding, and the marks.
pub fn help_line_count() -> u16 {
    let sections: usize = help_sections()
        .iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(_, rows)| rows.len() + 1)
        .sum();
    (sections + MARKS.len() + 1) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key bound in two scopes that are active together would be shadowed by
    /// whichever comes first: the footer and help would then promise something the key
    /// does not do.
    #[test]
    fn no_key_is_bound_twice_in_scopes_that_are_active_together() {
        let states = [
            vec![Scope::Help, Scope::Always],
            vec![Scope::Codes, Scope::Always],
            vec![Scope::Field, Scope::Main, Scope::Always],
            vec![Scope::Toggle, Scope::Main, Scope::Always],
        ];
        for scopes in states {
            let mut seen: Vec<(Key, Scope)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| scopes.contains(&b.scope)) {
                for k in b.keys {
                    let clash = seen.iter().find(|(s, _)| s == k);
                    assert!(
                        clash.is_none(),
                        "{} is bound in {:?} and {:?}",
                        k.label(),
                        clash.map(|c| c.1),
                        b.scope
                    );
                    seen.push((*k, b.scope));
                }
            }
        }
    }

    #[test]
    fn help_scroll_limit_matches_what_fits() {
        let lines = help_line_count();
        assert_eq!(help_max_scroll(lines + 4), 0, "everything fits");
        assert_eq!(help_max_scroll(30), lines - 26);
        assert_eq!(help_max_scroll(0), lines);
    }

    #[test]
    fn every_binding_has_help_text_and_keys() {
        for b in BINDINGS {
            assert!(!b.keys.is_empty());
            assert!(!b.help.is_empty());
        }
    }

    #[test]
    fn labels_read_like_keys() {
        assert_eq!(ctrl('c').label(), "Ctrl-C");
        assert_eq!(key(K::BackTab).label(), "Shift-Tab");
        assert_eq!(key(K::F(1)).label(), "F1");
        assert_eq!(alt(K::Backspace).label(), "Alt-Backspace");
        assert_eq!(
            key(K::Char('q')).label(),
            "q",
            "a plain letter is not Shift"
        );
    }
}
