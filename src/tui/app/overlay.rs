//! The App's overlay arms: the help (open, close, scroll within the terminal's height)
//! and the error code reference with its search box.

use super::App;
use crate::tui::field::{Edit, TextField};
use crate::tui::help;
use crate::tui::model::Overlay;

impl App {
    pub(super) fn toggle_help(&mut self) {
        self.help_scroll = 0;
        self.overlay = match self.overlay {
            Some(Overlay::Help) => None,
            _ => Some(Overlay::Help),
        }
    }

    pub(super) fn scroll_help(&mut self, by: i16) {
        let max = help::max_scroll(self.viewport.1);
        self.help_scroll = self.help_scroll.saturating_add_signed(by).min(max);
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.viewport = (width, height);
        self.help_scroll = self.help_scroll.min(help::max_scroll(height));
    }

    pub(super) fn toggle_codes(&mut self) {
        self.codes_query = TextField::default();
        self.overlay = match self.overlay {
            Some(Overlay::Codes) => None,
            _ => Some(Overlay::Codes),
        };
    }

    /// The reference is searched by number: only digits go in.
    pub(super) fn edit_codes_query(&mut self, edit: &Edit) {
        if !matches!(edit, Edit::Insert(c) if !c.is_ascii_digit()) {
            self.codes_query.apply(edit, 3);
        }
    }
}
