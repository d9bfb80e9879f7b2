//! The server rules panel: what the server accepts as the token under the project's
//! settings, as a table of the three rules or a one-line summary.

use super::block::panel;
use super::text::{truncate, wrap};
use super::theme::THEME;
use crate::policy::{CERTIFICATE_DELAY_NOTE, Rule};
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How much of the server rules there is room for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyDetail {
    /// Header, the three rows, the explanation and the certificate delay note.
    Full,
    /// The three rows, a one-line summary and the delay note.
    Table,
    /// The summary alone.
    Summary,
}

pub fn lines(app: &App, width: usize, detail: PolicyDetail) -> Vec<Line<'static>> {
    let current = app.rule();
    let mut lines = Vec::new();
    let wrapped = |text: &str, lines: &mut Vec<Line<'static>>, style: Style| {
        for l in wrap(text, width.saturating_sub(1)) {
            lines.push(Line::from(Span::styled(format!(" {l}"), style)));
        }
    };
    if detail == PolicyDetail::Summary {
        wrapped(
            &format!("▶ {}", current.summary()),
            &mut lines,
            THEME.policy.text,
        );
        return lines;
    }
    if detail == PolicyDetail::Full {
        lines.push(Line::from(Span::styled(
            format!(
                "   {:<18}{:<18}Server accepts",
                "App Certificate", "Debugging Switch"
            ),
            THEME.policy.header,
        )));
    }
    for rule in Rule::TABLE {
        lines.push(rule_row(rule, rule == current, width));
    }
    let explanation = if detail == PolicyDetail::Full {
        current.explanation()
    } else {
        current.summary()
    };
    wrapped(explanation, &mut lines, THEME.policy.text);
    if app.settings().certificate_enabled {
        wrapped(
            &format!("⏱ {CERTIFICATE_DELAY_NOTE}"),
            &mut lines,
            THEME.policy.note,
        );
    }
    lines
}

/// One row of the table, the whole width highlighted when it is the rule in force.
fn rule_row(rule: Rule, active: bool, width: usize) -> Line<'static> {
    let style = if active {
        THEME.policy.active_row
    } else {
        THEME.policy.row
    };
    let pointer = if active { " ▶ " } else { "   " };
    let text = format!(
        "{pointer}{:<18}{:<18}{}",
        rule.certificate_column(),
        rule.switch_column(),
        rule.accepts_column()
    );
    let text = truncate(&text, width);
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
    Line::from(Span::styled(format!("{text}{}", " ".repeat(pad)), style))
}

pub fn render(frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
    frame.render_widget(
        Paragraph::new(lines).block(panel(
            " Server rules: what the server accepts as the token ",
            borders,
        )),
        area,
    );
}
