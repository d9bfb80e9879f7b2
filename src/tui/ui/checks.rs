//! The checks panel: one line per finding on the inputs (two with room: the why below),
//! errors first, and a count of each severity in the title.

use super::block::panel;
use super::text::truncate;
use super::theme::THEME;
use crate::checks::{self, Severity};
use crate::present;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A finding's icon, here and in the diagnosis.
pub fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Note => "●",
    }
}

/// One line per finding (two with `full`: the why below), errors first.
pub fn lines(app: &App, width: usize, full: bool) -> Vec<Line<'static>> {
    let findings = app.findings();
    if findings.is_empty() {
        return vec![Line::from(Span::styled(
            " ✔ No problems found in the inputs.",
            THEME.checks.clean,
        ))];
    }
    let dim = THEME.checks.why;
    let mut lines = Vec::new();
    for f in findings {
        let style = THEME.severity(f.severity);
        let name = checks::field_name(f.field);
        let field = format!("{name:<16}");
        // The shared sentence, "message — why"; the field stands in its own column,
        // so the sentence need not repeat it.
        let sentence = present::finding(f);
        let message_len = f.message.len();
        let (message, why) = sentence.split_at(message_len);
        let message = message.strip_prefix(name).map_or(message, str::trim_start);
        let head = format!(" {} {field}", severity_icon(f.severity));
        let room = width.saturating_sub(head.chars().count());
        if full {
            // The why on a line of its own, under the message.
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::raw(truncate(message, room)),
            ]));
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(18)),
                Span::styled(truncate(why.trim_start(), width.saturating_sub(18)), dim),
            ]));
        } else {
            let message = truncate(message, room);
            let rest = room.saturating_sub(unicode_width::UnicodeWidthStr::width(message.as_str()));
            let mut spans = vec![Span::styled(head, style), Span::raw(message)];
            if rest > 10 {
                spans.push(Span::styled(truncate(why, rest), dim));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
    let findings = app.findings();
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let mut summary = Vec::new();
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        let n = count(sev);
        if n > 0 {
            let word = if n == 1 {
                sev.label().to_string()
            } else {
                format!("{}s", sev.label())
            };
            summary.push(Span::styled(format!(" {n} {word} "), THEME.severity(sev)));
        }
    }
    let block = panel(" Checks ", borders).title_top(Line::from(summary).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
