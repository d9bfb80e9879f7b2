//! The status line: the last message in its level's colour, or, with no message, what
//! to do next in the current view.

use super::text::truncate;
use super::theme::THEME;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::key_label;
use crate::tui::model::{StatusLevel, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (style, text) = match &app.status() {
        Some(status) => {
            let style = match status.level {
                StatusLevel::Info => THEME.status.info,
                StatusLevel::Success => THEME.status.success,
                StatusLevel::Warning => THEME.status.warning,
                StatusLevel::Error => THEME.status.error,
            };
            (style, Cow::Borrowed(status.text.as_str()))
        }
        None => (THEME.status.idle, idle_hint(app.view())),
    };
    let text = truncate(&format!(" {text}"), area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), area);
}

/// What the status line says when there is no message.
fn idle_hint(view: View) -> Cow<'static, str> {
    match view {
        View::Console => {
            "Edit any field: the MD5 input, sign and token follow every keystroke.".into()
        }
        View::Diagnosis => format!(
            "Edit the client token or any input: the diagnosis follows. {} shows the token panels.",
            key_label(&Action::ToggleDiagnosis)
        )
        .into(),
    }
}
