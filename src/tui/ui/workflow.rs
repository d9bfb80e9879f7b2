//! The workflow panel: the help's three lines on what the console is for, under the
//! panels when a tall terminal leaves room for them.

use super::block::panel;
use super::theme::THEME;
use crate::tui::help;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines inside the panel.
pub const ROWS: usize = 3;

pub fn render(frame: &mut Frame, area: Rect, borders: bool) {
    let lines: Vec<Line> = help::workflow()
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), THEME.workflow.text)))
        .collect();
    let title = format!(" {} ", help::WORKFLOW_TITLE);
    frame.render_widget(Paragraph::new(lines).block(panel(&title, borders)), area);
}
