//! The App's input arms: moving the focus, editing and pasting into the fields, and the
//! clock; each change re-derives the token and rediagnoses the client token.

use super::{App, MAX_FIELD_CHARS, texts};
use crate::tui::action::{Action, Effect};
use crate::tui::derive;
use crate::tui::field::Edit;
use crate::tui::keymap::{Scope, key_label, key_label_in};
use crate::tui::model::{Focus, StatusLevel, View};
use chrono::{DateTime, Utc};

impl App {
    /// The client token lives in the diagnosis view: going there shows it.
    pub(super) fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if focus == Focus::ClientToken {
            self.view = View::Diagnosis;
        }
    }

    /// Something meant for the fields arrived while an overlay covers them.
    pub(super) fn went_nowhere(&mut self) {
        self.set_status(
            StatusLevel::Warning,
            format!(
                "Close the help ({}) first: that went nowhere.",
                key_label(&Action::CloseOverlay)
            ),
        );
    }

    /// Typing or a paste arrived on a toggle: it went nowhere. Says so, and which keys
    /// reach the nearest text field each way, the nearer first (a narrow status line
    /// keeps the start).
    fn not_a_field(&mut self, what: &str) {
        let flip = key_label_in(Scope::Toggle, &Action::ToggleFocused);
        let way = |action: Action, step: fn(Focus) -> Focus| {
            let mut at = step(self.focus);
            let mut presses = 1;
            while !at.is_text() {
                at = step(at);
                presses += 1;
            }
            let times = if presses == 1 { "" } else { " twice" };
            (
                presses,
                format!("{}{times} goes to {}", key_label(&action), at.label()),
            )
        };
        let mut ways = [
            way(Action::FocusPrev, Focus::prev),
            way(Action::FocusNext, Focus::next),
        ];
        ways.sort_by_key(|(presses, _)| *presses);
        self.set_status(
            StatusLevel::Warning,
            format!(
                "{what} ignored on a toggle: {}, {}. {flip} flips {}.",
                ways[0].1,
                ways[1].1,
                self.focus.label(),
            ),
        );
    }

    /// Enter walks the text fields only, so it never flips a toggle by accident; on a
    /// toggle it flips it.
    pub(super) fn submit(&mut self) -> Vec<Effect> {
        if self.focus.is_text() {
            self.set_focus(self.focus.next_field());
            Vec::new()
        } else {
            self.toggle_focused()
        }
    }

    pub(super) fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        // Only what the clock decides is recomputed: never the token, nor the
        // findings that only the inputs decide.
        self.derived.findings = derive::at(&self.derived, now);
    }

    pub(super) fn edit(&mut self, edit: &Edit) -> Vec<Effect> {
        self.status = None;
        let focus = self.focus;
        let Some(field) = self.field_mut(focus) else {
            if matches!(edit, Edit::Insert(_)) {
                self.not_a_field("Typing");
            }
            return Vec::new();
        };
        let full = matches!(edit, Edit::Insert(_)) && field.char_count() >= MAX_FIELD_CHARS;
        let mut effects = Vec::new();
        if field.apply(edit, MAX_FIELD_CHARS) {
            if focus == Focus::ClientToken {
                self.view = View::Diagnosis;
            }
            effects = self.recompute();
        }
        if full {
            self.set_status(
                StatusLevel::Warning,
                format!(
                    "{} is full: a field holds at most {MAX_FIELD_CHARS} characters.",
                    focus.label()
                ),
            );
        }
        effects
    }

    pub(super) fn paste(&mut self, text: &str) -> Vec<Effect> {
        let focus = self.focus;
        let Some(field) = self.field_mut(focus) else {
            self.not_a_field("Paste");
            return Vec::new();
        };
        let inserted = field.insert_str(text, MAX_FIELD_CHARS);
        if focus == Focus::ClientToken {
            self.view = View::Diagnosis;
        }
        let effects = self.recompute();
        let (level, message) = if inserted.dropped > 0 {
            (
                StatusLevel::Warning,
                format!(
                    "Paste cut: kept {} of {} characters; {} holds at most {MAX_FIELD_CHARS}.",
                    inserted.kept,
                    inserted.kept + inserted.dropped,
                    focus.label()
                ),
            )
        } else if text.ends_with('\r') {
            (
                StatusLevel::Warning,
                "Paste ends in a line break (␍), kept as typed: terminals send a pasted newline as CR.".into(),
            )
        } else if text.ends_with('\n') {
            (
                StatusLevel::Warning,
                "Paste ends in a newline (↵), kept as typed: it changes the token.".into(),
            )
        } else {
            let count = match inserted.kept {
                1 => "1 character".to_string(),
                n => format!("{n} characters"),
            };
            (
                StatusLevel::Info,
                format!("Pasted {count} into {}.", focus.label()),
            )
        };
        self.set_status(level, message);
        effects
    }

    /// Re-derives everything from the fields, and rediagnoses the client token.
    pub(super) fn recompute(&mut self) -> Vec<Effect> {
        // A relative expiry resolves against the clock when the Expiry field is
        // edited, and then stays put while other fields change.
        if self.focus == Focus::Expiry {
            self.expiry_anchor = self.now;
        }
        self.derived = derive::derive(texts(&self.fields), self.expiry_anchor, self.tz, self.now);
        self.rediagnose()
    }
}
