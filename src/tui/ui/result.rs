//! The sign and token panel: sign and token, or why there is no token yet, and a badge
//! saying whether the server would take the token now.

use super::block::panel;
use super::text::wrap;
use super::theme::THEME;
use crate::expiry;
use crate::policy::{LoginError, Rule};
use crate::tui::action::{Action, CopyTarget};
use crate::tui::app::App;
use crate::tui::keymap::key_label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Sign and token, or why there is no token yet. A token too long for one line takes
/// at most `token_lines` lines.
pub fn lines(app: &App, width: usize, token_lines: usize) -> Vec<Line<'static>> {
    let derived = app.derived();
    let label = |s: &'static str| Span::styled(s, THEME.result.label);
    let mut lines = Vec::new();
    let Some(built) = &derived.result else {
        let err = match &derived.expiry {
            Err(e) => e.to_string(),
            Ok(_) => String::new(),
        };
        let msg = format!("No token yet: {err}");
        for l in wrap(&msg, width.saturating_sub(1)).into_iter().take(3) {
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(l, THEME.result.no_token),
            ]));
        }
        return lines;
    };
    let value_style = THEME.result.value;
    let token = &built.token;
    let token_width = unicode_width::UnicodeWidthStr::width(token.as_str());
    if token_width + 8 <= width {
        lines.push(Line::from(vec![
            label(" Sign   "),
            Span::styled(built.sign.to_hex(), value_style),
        ]));
        lines.push(Line::from(vec![
            label(" Token  "),
            Span::styled(token.clone(), value_style),
        ]));
        return lines;
    }
    // Too long to share a line with a label: the token gets whole lines of its own, so
    // a mouse selection takes it without a label in the middle.
    lines.push(Line::from(vec![
        label(" Sign "),
        Span::styled(built.sign.to_hex(), value_style),
        label(" · token below"),
    ]));
    let chunks = wrap(token, width);
    let shown = chunks.len().min(token_lines);
    for chunk in &chunks[..shown] {
        lines.push(Line::from(Span::styled(chunk.clone(), value_style)));
    }
    if shown < chunks.len() {
        let copy = key_label(&Action::Copy(CopyTarget::Token));
        lines.push(Line::from(Span::styled(
            format!(" … the token goes on: {copy} copies all of it"),
            THEME.result.label,
        )));
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
    let mut block = panel(" Sign and token ", borders);
    if let Some(unix) = app.expiry_unix() {
        block = block.title_top(badge(app, unix, area.width >= 90).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Whether the server takes the token now; `wide` says why in more words.
fn badge(app: &App, unix: i64, wide: bool) -> Line<'static> {
    if app.rule() == Rule::AnyValue {
        let text = if wide {
            " not checked: the App Certificate is off "
        } else {
            " not checked "
        };
        Line::from(Span::styled(text, THEME.result.not_checked))
    } else if expiry::is_expired(unix, app.now()) {
        let text = if wide {
            format!(" expired: the server answers {} ", LoginError::TokenExpired)
        } else {
            format!(" expired: {} ", LoginError::TokenExpired.code())
        };
        Line::from(Span::styled(text, THEME.result.expired))
    } else {
        Line::from(Span::styled(" valid now ", THEME.result.valid))
    }
}
