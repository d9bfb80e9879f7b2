//! The help overlay: every key by scope, from the key table, and what the marks mean;
//! scrolls when it is taller than the screen.

use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::ui::block::overlay_box;
use crate::tui::ui::theme::THEME;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lines = lines();
    let width = area.width.saturating_sub(4).min(84);
    let (rect, block) = overlay_box(frame, area, width, lines.len(), " Help · Esc closes ");
    let visible = rect.height.saturating_sub(2);
    let max_scroll = (lines.len() as u16).saturating_sub(visible);
    let scroll = app.help_scroll().min(max_scroll);
    let block = if max_scroll > 0 {
        let more = if scroll < max_scroll {
            "↓ more"
        } else {
            "end"
        };
        block.title_bottom(Line::from(format!(" {more} · ↑↓ scroll ")).right_aligned())
    } else {
        block
    };
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn lines() -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let key_style = THEME.overlays.key;
    for (scope, rows) in keymap::help_sections() {
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            scope.title(),
            THEME.overlays.heading,
        )));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<26}"), key_style),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(
        "What the marks mean",
        THEME.overlays.heading,
    )));
    for (mark, meaning) in keymap::MARKS {
        let pad = 26usize.saturating_sub(unicode_width::UnicodeWidthStr::width(*mark));
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark}{}", " ".repeat(pad)), key_style),
            Span::raw(*meaning),
        ]));
    }
    lines
}
