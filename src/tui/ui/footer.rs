//! The footer: the key hints the key table gives for the current view, as many as fit;
//! the ones the table marks as always shown (copy the token, help, quit) always stay.

use super::theme::THEME;
use crate::tui::app::App;
use crate::tui::keymap::{self, FooterHint};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The hints shown in `width` columns: every one marked `always`, then the others in
/// table order as long as they fit.
pub fn fitting(hints: &[FooterHint], width: usize) -> Vec<&FooterHint> {
    let cells = |h: &FooterHint| h.keys.chars().count() + h.words.chars().count() + 3;
    let always: usize = hints.iter().filter(|h| h.always).map(cells).sum();
    let mut room = width.saturating_sub(1 + always);
    hints
        .iter()
        .filter(|h| {
            if h.always {
                return true;
            }
            let fits = cells(h) <= room;
            if fits {
                room -= cells(h);
            }
            fits
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let hints = keymap::footer_hints(&app.scopes());
    let mut spans = vec![Span::raw(" ")];
    for hint in fitting(&hints, area.width as usize) {
        spans.push(Span::styled(hint.keys.clone(), THEME.footer.key));
        spans.push(Span::raw(format!(" {}  ", hint.words)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
