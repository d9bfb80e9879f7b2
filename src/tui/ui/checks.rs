//! The checks panel: the findings on the inputs in the one order every front end
//! shows, each whole (wrapped) where there is room, else in one or two lines; the one
//! the user selected (Ctrl-N) always whole. A count of each severity in the title.

use super::block::panel;
use super::text::{truncate, wrap};
use super::theme::THEME;
use crate::checks::{self, Finding, Severity};
use crate::present;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::key_label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Columns before a finding's message: " ✖ " and the field's name.
const HEAD: usize = 19;

/// How much of each finding the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecksDetail {
    /// Every finding whole, wrapped.
    Whole,
    /// The message on one line, the why on a second, each cut to fit.
    TwoLines,
    /// Message and why on one line, cut to fit.
    OneLine,
}

/// The panel's lines, and which of them hold the selected finding (kept in view when
/// the panel is cut).
pub struct ChecksLines {
    pub lines: Vec<Line<'static>>,
    pub selected: Option<Range<usize>>,
    /// Whether some finding is cut short (the title then names the key that reads it).
    pub cut_short: bool,
}

/// A finding's icon, here and in the diagnosis.
pub fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Note => "●",
    }
}

pub fn lines(app: &App, width: usize, detail: ChecksDetail) -> ChecksLines {
    let findings = app.findings();
    if findings.is_empty() {
        return ChecksLines {
            lines: vec![Line::from(Span::styled(
                " ✔ No problems found in the inputs.",
                THEME.checks.clean,
            ))],
            selected: None,
            cut_short: false,
        };
    }
    let chosen = app.selected_finding_index();
    let mut out = ChecksLines {
        lines: Vec::new(),
        selected: None,
        cut_short: false,
    };
    for (i, f) in findings.iter().enumerate() {
        let start = out.lines.len();
        let (message, why) = parts(f);
        let (message, why) = (message.as_str(), why.as_str());
        let head = |selected: bool| {
            let style = THEME.severity(f.severity);
            let name = format!(
                " {} {:<16}",
                severity_icon(f.severity),
                checks::field_name(f.field)
            );
            if selected {
                Span::styled(name, style.patch(THEME.checks.selected))
            } else {
                Span::styled(name, style)
            }
        };
        if chosen == Some(i) || detail == ChecksDetail::Whole {
            out.lines
                .extend(whole(head(chosen == Some(i)), message, why, width));
            if chosen == Some(i) {
                out.selected = Some(start..out.lines.len());
            }
            continue;
        }
        let room = width.saturating_sub(HEAD);
        let fits = |text: &str, room: usize| text.width() <= room;
        if detail == ChecksDetail::TwoLines {
            out.cut_short |= !fits(message, room) || !fits(why, room);
            out.lines.push(Line::from(vec![
                head(false),
                Span::raw(truncate(message, room)),
            ]));
            out.lines.push(Line::from(vec![
                Span::raw(" ".repeat(HEAD)),
                Span::styled(truncate(why, room), THEME.checks.why),
            ]));
        } else {
            let shown = truncate(message, room);
            let rest = room.saturating_sub(shown.width());
            let why = format!(" {why}");
            out.cut_short |= !fits(message, room) || !fits(&why, rest);
            let mut spans = vec![head(false), Span::raw(shown)];
            if rest > 10 {
                spans.push(Span::styled(truncate(&why, rest), THEME.checks.why));
            }
            out.lines.push(Line::from(spans));
        }
    }
    out
}

/// The shared sentence, "message — why" (`present::finding`), in its two halves: the
/// message without its field's name (the field stands in its own column), and "— why".
fn parts(f: &Finding) -> (String, String) {
    let sentence = present::finding(f);
    let (message, why) = sentence.split_at(f.message.len());
    let name = checks::field_name(f.field);
    let message = message.strip_prefix(name).map_or(message, str::trim_start);
    (message.to_string(), why.trim_start().to_string())
}

/// A finding whole: the message wrapped beside its head, the why wrapped under it.
fn whole(head: Span<'static>, message: &str, why: &str, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(HEAD).max(10);
    let indent = || Span::raw(" ".repeat(HEAD));
    let mut lines = Vec::new();
    for (i, l) in wrap(message, room).into_iter().enumerate() {
        let first = if i == 0 { head.clone() } else { indent() };
        lines.push(Line::from(vec![first, Span::raw(l)]));
    }
    if !why.is_empty() {
        for l in wrap(why, room) {
            lines.push(Line::from(vec![
                indent(),
                Span::styled(l, THEME.checks.why),
            ]));
        }
    }
    lines
}

/// The title's right side: a count of each severity, and the key that reads a finding
/// whole (which one is shown, when one is selected).
fn summary(app: &App, cut_short: bool) -> Line<'static> {
    let findings = app.findings();
    let mut spans = Vec::new();
    let next = key_label(&Action::SelectFinding(1));
    if let Some(i) = app.selected_finding_index() {
        let hint = format!(" {} of {} · {next} next ", i + 1, findings.len());
        spans.push(Span::styled(hint, THEME.checks.hint));
    } else if cut_short {
        spans.push(Span::styled(
            format!(" {next} reads each whole "),
            THEME.checks.hint,
        ));
    }
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        let n = findings.iter().filter(|f| f.severity == sev).count();
        if n > 0 {
            let word = if n == 1 {
                sev.label().to_string()
            } else {
                format!("{}s", sev.label())
            };
            let style: Style = THEME.severity(sev);
            spans.push(Span::styled(format!(" {n} {word} "), style));
        }
    }
    Line::from(spans).right_aligned()
}

pub fn render(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    borders: bool,
    lines: Vec<Line<'static>>,
    cut_short: bool,
) {
    let block = panel(" Checks ", borders).title_top(summary(app, cut_short));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
