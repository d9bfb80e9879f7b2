//! The footer: the key hints the key table gives for the current view, as many as fit;
//! help and quit always stay.

use super::theme::THEME;
use crate::tui::app::App;
use crate::tui::keymap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let hints = keymap::footer_hints(&app.scopes());
    let width = |(keys, words): &(String, &str)| keys.chars().count() + words.chars().count() + 3;
    // Help and quit come last in the list and are never the ones left out.
    let essential: usize = hints
        .iter()
        .filter(|(_, w)| matches!(*w, "help" | "quit"))
        .map(width)
        .sum();
    let mut room = (area.width as usize).saturating_sub(1 + essential);
    let mut spans = vec![Span::raw(" ")];
    for hint in &hints {
        let essential = matches!(hint.1, "help" | "quit");
        if !essential {
            if width(hint) > room {
                continue;
            }
            room -= width(hint);
        }
        spans.push(Span::styled(hint.0.clone(), THEME.footer.key));
        spans.push(Span::raw(format!(" {}  ", hint.1)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
