//! The App's Checks arm: which finding the Checks panel shows whole. The selection is
//! kept by the finding's code and field, so it follows that finding while the others
//! come and go, and lapses when it goes.

use super::App;
use crate::checks::Finding;

impl App {
    /// Moves the selection `by` findings on (1) or back (-1). Before the first and
    /// after the last there is none: every finding in brief again.
    pub(super) fn select_finding(&mut self, by: i8) {
        let keys: Vec<_> = self.findings().iter().map(key).collect();
        if keys.is_empty() {
            self.selected_finding = None;
            return;
        }
        // Positions 0..len are findings; len stands for "none".
        let len = keys.len() as i64;
        let at = self.selected_finding_index().map_or(len, |i| i as i64);
        let next = (at + i64::from(by)).rem_euclid(len + 1);
        self.selected_finding = keys.get(next as usize).copied();
    }

    /// The index in [`App::findings`] of the finding the Checks panel shows whole.
    pub fn selected_finding_index(&self) -> Option<usize> {
        let selected = self.selected_finding?;
        self.findings().iter().position(|f| key(f) == selected)
    }
}

fn key(f: &Finding) -> (&'static str, Option<crate::token::Part>) {
    (f.code, f.field)
}
