//! One table of key bindings, by scope: it turns keys into actions, and names the key of
//! an action, so the footer, the help and every sentence say what the keys really do.

use super::action::{Action, CopyTarget};
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

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    /// The words in the help overlay.
    pub help: &'static str,
    /// Whether and how the footer lists it.
    pub footer: Hint,
}

/// How the footer lists a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// Not in the footer (the help lists it).
    Never,
    /// In the footer when there is room, in these short words.
    Fits(&'static str),
    /// In the footer at every width: the keys a person needs to get anything done.
    Always(&'static str),
}

impl Hint {
    fn words(self) -> Option<&'static str> {
        match self {
            Hint::Never => None,
            Hint::Fits(w) | Hint::Always(w) => Some(w),
        }
    }
}

use Edit as E;
use KeyCode as K;

/// The table. Order matters: the first matching binding wins, and the footer and the
/// help list bindings in this order.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ctrl('c'), ctrl('q')],
        action: Action::Quit,
        scope: Scope::Always,
        help: "Quit",
        footer: Hint::Always("quit"),
    },
    Binding {
        keys: &[ctrl('z')],
        action: Action::Suspend,
        scope: Scope::Always,
        help: "Suspend to the shell (fg returns)",
        footer: Hint::Never,
    },
    Binding {
        keys: &[
            key(K::Esc),
            key(K::F(1)),
            key(K::Char('?')),
            key(K::Char('q')),
        ],
        action: Action::CloseOverlay,
        scope: Scope::Help,
        help: "Close this help",
        footer: Hint::Fits("close"),
    },
    Binding {
        keys: &[key(K::Down), key(K::Char('j'))],
        action: Action::ScrollHelp(1),
        scope: Scope::Help,
        help: "Scroll down",
        footer: Hint::Fits("scroll"),
    },
    Binding {
        keys: &[key(K::Up), key(K::Char('k'))],
        action: Action::ScrollHelp(-1),
        scope: Scope::Help,
        help: "Scroll up",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::PageDown), key(K::Char(' '))],
        action: Action::ScrollHelp(10),
        scope: Scope::Help,
        help: "Scroll a page down",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::PageUp)],
        action: Action::ScrollHelp(-10),
        scope: Scope::Help,
        help: "Scroll a page up",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Esc), key(K::F(8))],
        action: Action::ToggleCodes,
        scope: Scope::Codes,
        help: "Close the error code reference",
        footer: Hint::Fits("close"),
    },
    Binding {
        keys: &[key(K::Backspace), ctrl('h')],
        action: Action::CodesQuery(E::Backspace),
        scope: Scope::Codes,
        help: "Delete a digit of the code searched for (type digits to search)",
        footer: Hint::Fits("delete digit"),
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::CodesQuery(E::Clear),
        scope: Scope::Codes,
        help: "Clear the search: list every code",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::F(1))],
        action: Action::ToggleHelp,
        scope: Scope::Main,
        help: "This help: every key, and the marks on screen",
        footer: Hint::Always("help"),
    },
    Binding {
        keys: &[key(K::Tab), key(K::Down)],
        action: Action::FocusNext,
        scope: Scope::Main,
        help: "Next field or toggle",
        footer: Hint::Fits("next"),
    },
    Binding {
        keys: &[key(K::BackTab), key(K::Up)],
        action: Action::FocusPrev,
        scope: Scope::Main,
        help: "Previous field or toggle",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl('n')],
        action: Action::SelectFinding(1),
        scope: Scope::Main,
        help: "Next check, shown whole in the Checks panel",
        footer: Hint::Fits("read check"),
    },
    Binding {
        keys: &[ctrl('p')],
        action: Action::SelectFinding(-1),
        scope: Scope::Main,
        help: "Previous check, shown whole",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl('r'), key(K::F(2))],
        action: Action::ToggleReveal,
        scope: Scope::Main,
        help: "Reveal or hide the App Certificate",
        footer: Hint::Fits("reveal"),
    },
    Binding {
        keys: &[ctrl('t'), key(K::F(5))],
        action: Action::Copy(CopyTarget::Token),
        scope: Scope::Main,
        help: "Copy the token",
        footer: Hint::Always("copy token"),
    },
    Binding {
        keys: &[ctrl('s'), key(K::F(6))],
        action: Action::Copy(CopyTarget::Sign),
        scope: Scope::Main,
        help: "Copy the sign",
        footer: Hint::Fits("copy sign"),
    },
    Binding {
        keys: &[key(K::F(7))],
        action: Action::ToggleDiagnosis,
        scope: Scope::Main,
        help: "Diagnosis: the cursor to the client token / back to the token panels",
        footer: Hint::Always("diagnose"),
    },
    Binding {
        keys: &[key(K::F(8))],
        action: Action::ToggleCodes,
        scope: Scope::Main,
        help: "Error codes (100-108, 200-209), by number",
        footer: Hint::Fits("codes"),
    },
    Binding {
        keys: &[key(K::F(9))],
        action: Action::Report,
        scope: Scope::Main,
        help: "Report for a ticket (copied, or to --report-dir)",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Esc)],
        action: Action::CancelDiagnosis,
        scope: Scope::Main,
        help: "Cancel a running search for the mistake",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::F(3))],
        action: Action::ToggleCertificateEnabled,
        scope: Scope::Main,
        help: "Flip \"App Certificate enabled\"",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::F(4))],
        action: Action::ToggleDebugSwitch,
        scope: Scope::Main,
        help: "Flip the \"Token Debugging Switch\"",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Char(' ')), key(K::Enter)],
        action: Action::ToggleFocused,
        scope: Scope::Toggle,
        help: "Flip the focused toggle",
        footer: Hint::Fits("flip"),
    },
    Binding {
        keys: &[key(K::Char('?'))],
        action: Action::ToggleHelp,
        scope: Scope::Toggle,
        help: "Help (on a toggle; in a field ? is typed)",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Enter)],
        action: Action::Submit,
        scope: Scope::Field,
        help: "Next text field",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Left), ctrl('b')],
        action: Action::Edit(E::Left),
        scope: Scope::Field,
        help: "Cursor left",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Right), ctrl('f')],
        action: Action::Edit(E::Right),
        scope: Scope::Field,
        help: "Cursor right",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl_key(K::Left), alt(K::Char('b'))],
        action: Action::Edit(E::WordLeft),
        scope: Scope::Field,
        help: "Word left",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl_key(K::Right), alt(K::Char('f'))],
        action: Action::Edit(E::WordRight),
        scope: Scope::Field,
        help: "Word right",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Home), ctrl('a')],
        action: Action::Edit(E::Home),
        scope: Scope::Field,
        help: "Start of the field",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::End), ctrl('e')],
        action: Action::Edit(E::End),
        scope: Scope::Field,
        help: "End of the field",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Backspace), ctrl('h')],
        action: Action::Edit(E::Backspace),
        scope: Scope::Field,
        help: "Delete the character before the cursor",
        footer: Hint::Never,
    },
    Binding {
        keys: &[key(K::Delete), ctrl('d')],
        action: Action::Edit(E::Delete),
        scope: Scope::Field,
        help: "Delete the character under the cursor",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::Edit(E::Clear),
        scope: Scope::Field,
        help: "Clear the field",
        footer: Hint::Fits("clear"),
    },
    Binding {
        keys: &[ctrl('w'), alt(K::Backspace)],
        action: Action::Edit(E::DeleteWordBack),
        scope: Scope::Field,
        help: "Delete the word before the cursor",
        footer: Hint::Never,
    },
    Binding {
        keys: &[ctrl('k')],
        action: Action::Edit(E::KillToEnd),
        scope: Scope::Field,
        help: "Delete to the end of the field",
        footer: Hint::Never,
    },
];

/// Turns a key into an action in these scopes, or `None` when the key means nothing here.
/// The scopes are the active ones, most specific first (`App::scopes`).
pub fn dispatch(scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    for scope in scopes {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.scope == *scope && b.keys.iter().any(|k| k.matches(event)))
        {
            return Some(b.action.clone());
        }
    }
    let KeyCode::Char(c) = event.code else {
        return None;
    };
    if !(event.modifiers - KeyModifiers::SHIFT).is_empty() {
        return None;
    }
    if scopes.contains(&Scope::Codes) {
        // Digits typed in the code reference search it.
        Some(Action::CodesQuery(Edit::Insert(c)))
    } else if (scopes.contains(&Scope::Field) || scopes.contains(&Scope::Toggle)) && !c.is_control()
    {
        // Anything printable typed in a text field is inserted; on a toggle, `update`
        // says on the status line that it went nowhere, and how to reach a field.
        Some(Action::Edit(Edit::Insert(c)))
    } else {
        None
    }
}

/// How the key for this action is written: the first key of its first binding in table
/// order (so an action bound in several scopes is named by the earliest one).
pub fn key_label(action: &Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.action == *action)
        .map_or_else(String::new, |b| b.keys[0].label())
}

/// How the key for this action in this scope is written: the first key of its binding
/// there ("Esc" closes the code reference, while on the main screen "F8" opens it).
pub fn key_label_in(scope: Scope, action: &Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == *action)
        .map_or_else(String::new, |b| b.keys[0].label())
}

/// One hint in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FooterHint {
    pub keys: String,
    pub words: &'static str,
    /// Shown at every width ([`Hint::Always`]).
    pub always: bool,
}

/// The footer's hints in these scopes, in table order, but help and quit last, where
/// people look for them.
pub fn footer_hints(scopes: &[Scope]) -> Vec<FooterHint> {
    let mut hints: Vec<(usize, FooterHint)> = BINDINGS
        .iter()
        .filter(|b| scopes.contains(&b.scope))
        .enumerate()
        .filter_map(|(i, b)| {
            let hint = FooterHint {
                keys: b.keys[0].label(),
                words: b.footer.words()?,
                always: matches!(b.footer, Hint::Always(_)),
            };
            Some((i, hint))
        })
        .collect();
    let last = |h: &FooterHint, action: Action| {
        BINDINGS
            .iter()
            .any(|b| b.action == action && b.footer.words() == Some(h.words))
    };
    hints.sort_by_key(|(i, h)| (last(h, Action::Quit), last(h, Action::ToggleHelp), *i));
    hints.into_iter().map(|(_, h)| h).collect()
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
    fn an_action_is_named_by_its_first_key() {
        assert_eq!(key_label(&Action::ToggleReveal), "Ctrl-R");
        assert_eq!(key_label(&Action::FocusPrev), "Shift-Tab");
        assert_eq!(key_label(&Action::FocusNext), "Tab");
        assert_eq!(key_label(&Action::CloseOverlay), "Esc");
        assert_eq!(key_label(&Action::ToggleHelp), "F1");
    }

    #[test]
    fn an_action_in_a_scope_is_named_by_its_key_there() {
        let codes = Action::ToggleCodes;
        assert_eq!(key_label_in(Scope::Main, &codes), "F8");
        assert_eq!(key_label_in(Scope::Codes, &codes), "Esc");
        assert_eq!(key_label_in(Scope::Help, &Action::ScrollHelp(-1)), "↑");
        assert_eq!(key_label_in(Scope::Main, &Action::CloseOverlay), "");
    }

    #[test]
    fn typing_inserts_in_a_field_and_searches_the_code_reference() {
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let field = [Scope::Field, Scope::Main, Scope::Always];
        let toggle = [Scope::Toggle, Scope::Main, Scope::Always];
        let codes = [Scope::Codes, Scope::Always];
        assert_eq!(
            dispatch(&field, &press('x')),
            Some(Action::Edit(Edit::Insert('x')))
        );
        assert_eq!(
            dispatch(&toggle, &press('x')),
            Some(Action::Edit(Edit::Insert('x'))),
            "update answers it on the status line"
        );
        assert_eq!(
            dispatch(&codes, &press('2')),
            Some(Action::CodesQuery(Edit::Insert('2')))
        );
        assert_eq!(dispatch(&toggle, &press('?')), Some(Action::ToggleHelp));
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
