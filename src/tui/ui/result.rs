//! The sign and token panel: sign and token, or why there is no token yet, and a badge
//! saying whether the server would take the token now.

use super::block::panel;
use super::text::{truncate, wrap};
use super::theme::THEME;
use crate::expiry;
use crate::policy::{LoginError, Rule};
use crate::tui::action::{Action, CopyTarget};
use crate::tui::app::App;
use crate::tui::keymap::key_label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Sign and token, or why there is no token yet. The token is never wrapped (a line
/// break would ride along when it is copied by hand): it shares a line with its label,
/// or has a row of its own, or, wider than the screen, is shortened in the middle with
/// a visible mark, and the copy key takes it whole.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let derived = app.derived();
    let label = |s: String| Span::styled(s, THEME.result.label);
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
    let token_width = token.width();
    if token_width + 8 <= width {
        lines.push(Line::from(vec![
            label(" Sign   ".into()),
            Span::styled(built.sign.to_hex(), value_style),
        ]));
        lines.push(Line::from(vec![
            label(" Token  ".into()),
            Span::styled(token.clone(), value_style),
        ]));
        return lines;
    }
    let copy = key_label(&Action::Copy(CopyTarget::Token));
    let sign = built.sign.to_hex();
    let room = width.saturating_sub(6 + sign.width());
    let below = if token_width <= width {
        vec![" · token below".to_string()]
    } else {
        vec![
            format!(" · token below, shortened (⋯): {copy} copies it whole"),
            format!(" · ⋯ {copy} copies it whole"),
            format!(" · ⋯ {copy} copies all"),
        ]
    };
    let below = below
        .iter()
        .find(|b| b.width() <= room)
        .map_or_else(|| truncate(&below[below.len() - 1], room), String::clone);
    lines.push(Line::from(vec![
        label(" Sign ".into()),
        Span::styled(sign, value_style),
        label(below),
    ]));
    // A row of its own, so a mouse selection takes it without a label in the middle.
    lines.push(Line::from(shortened(token, width, value_style)));
    lines
}

/// `text` in `width` columns: whole when it fits, else its start and end around a
/// marked "⋯" (the middle of a token is the least telling part).
fn shortened(text: &str, width: usize, style: Style) -> Vec<Span<'static>> {
    if text.width() <= width {
        return vec![Span::styled(text.to_string(), style)];
    }
    let keep = width.saturating_sub(1);
    let head_len = keep - keep / 3;
    let chars: Vec<char> = text.chars().collect();
    let head: String = take_width(chars.iter().copied(), head_len);
    let tail_len = keep - head.width();
    let tail_rev: String = take_width(chars.iter().rev().copied(), tail_len);
    let tail: String = tail_rev.chars().rev().collect();
    vec![
        Span::styled(head, style),
        Span::styled("⋯", THEME.result.elided),
        Span::styled(tail, style),
    ]
}

/// The longest run of `chars` that fits in `width` columns.
fn take_width(chars: impl Iterator<Item = char>, width: usize) -> String {
    let mut w = 0;
    chars
        .take_while(|c| {
            w += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            w <= width
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_long_token_is_shortened_in_the_middle_never_wrapped() {
        let token =
            "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684";
        let style = Style::default();
        assert_eq!(text(&shortened(token, 80, style)), token);
        let short = text(&shortened(token, 60, style));
        assert_eq!(short.width(), 60);
        assert!(
            short.starts_with("1:C5D15F8FD394285DA5227B533302A518:"),
            "{short}"
        );
        assert!(short.ends_with("6f40fe9684"), "{short}");
        assert_eq!(short.matches('⋯').count(), 1);
    }
}
