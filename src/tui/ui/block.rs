//! The boxes: around a panel (rounded borders, or on small screens only a title rule on
//! top), and the cleared box an overlay sits in.

use super::theme::THEME;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear};

pub fn panel(title: &str, borders: bool) -> Block<'_> {
    let block = if borders {
        Block::bordered().border_type(BorderType::Rounded)
    } else {
        Block::new().borders(Borders::TOP)
    };
    block
        .border_style(THEME.panel.border)
        .title(Span::styled(title, THEME.panel.title))
}

/// A box in the middle of `area`, `width` wide and tall enough for `lines` (as far as
/// the screen allows), cleared, with a title: the frame of an overlay.
pub fn overlay_box(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    lines: usize,
    title: String,
) -> (Rect, Block<'static>) {
    let height = (lines as u16 + 2).min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(THEME.overlays.border)
        .title(Span::styled(title, THEME.overlays.title));
    (rect, block)
}
