//! The diagnosis panel: the verdict, the client's token beside the expected one with
//! the differences marked, the cause and the findings; or where the search stands.

use super::block::panel;
use super::checks::severity_icon;
use super::text::{truncate, wrap};
use super::theme::THEME;
use crate::diagnose::Report;
use crate::expiry;
use crate::policy::Outcome;
use crate::present;
use crate::token::ParsedToken;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::help;
use crate::tui::keymap::key_label;
use crate::tui::model::Diagnosis;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of the label column.
const LABEL: usize = 11;

pub fn render(app: &App, frame: &mut Frame, area: Rect, borders: bool) {
    let inner_width = (area.width as usize).saturating_sub(if borders { 2 } else { 0 });
    let lines = lines(app, inner_width);
    let title = if area.width >= 96 {
        format!(
            " Diagnosis of the client token · {} back to the token ",
            key_label(&Action::ToggleDiagnosis)
        )
    } else {
        " Diagnosis ".into()
    };
    let mut block = panel(&title, borders);
    if let Diagnosis::Done(report) = app.diagnosis() {
        let style = match report.outcome {
            Outcome::Accepted => THEME.diagnosis.accepted,
            Outcome::Rejected(_) => THEME.diagnosis.rejected,
        };
        let badge = Span::styled(
            format!(" {} ", present::verdict_short(report.outcome)),
            style,
        );
        block = block.title_top(Line::from(badge).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn label(text: &str) -> Span<'static> {
    Span::styled(format!(" {text:<w$}", w = LABEL - 1), THEME.diagnosis.label)
}

/// `text` wrapped beside the label column: lines after the first are indented past it.
fn wrapped(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(LABEL + 1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 {
                String::new()
            } else {
                " ".repeat(LABEL)
            };
            Line::from(vec![Span::raw(head), Span::styled(l, style)])
        })
        .collect()
}

/// Spans for `value`, with the characters that differ from `other` in red.
fn diff_spans(value: &str, other: &str, width: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut other_chars = other.chars();
    let shown = truncate(value, width);
    for c in shown.chars() {
        let style = if other_chars.next() == Some(c) {
            THEME.diagnosis.same
        } else {
            THEME.diagnosis.differs
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
    spans.push(Span::raw(" ".repeat(pad)));
    spans
}

fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let report = match app.diagnosis() {
        Diagnosis::Idle => return idle_lines(width, app.mouse()),
        Diagnosis::Running { tried, total } => return running_lines(*tried, *total),
        Diagnosis::Cancelled => return cancelled_lines(),
        Diagnosis::Done(report) => report,
    };
    let mut lines = vec![verdict_line(report.outcome)];
    let col = width.saturating_sub(LABEL + 1) / 2;
    match (&report.parsed, &report.expected) {
        (Ok(p), Some(expected)) => lines.extend(comparison_lines(p, expected, col)),
        (Err(e), expected) => {
            let mut l = vec![label("Token")];
            let text = present::unparsed(e);
            l.extend(
                wrapped(&text, THEME.diagnosis.malformed, width)
                    .remove(0)
                    .spans,
            );
            lines.push(Line::from(l));
            // A token repaired by the diagnosis (a mangled one) has a token to send.
            if let Some(expected) = expected {
                let text = truncate(&expected.to_token(), width.saturating_sub(LABEL + 1));
                lines.push(Line::from(vec![
                    label("Expected"),
                    Span::styled(text, THEME.diagnosis.same),
                ]));
            }
        }
        _ => {}
    }
    if let Some(cause) = &report.cause {
        let mut text = wrapped(&present::cause(cause), THEME.diagnosis.cause, width);
        if let Some(first) = text.first_mut() {
            first.spans.insert(0, label("Cause"));
        }
        lines.extend(text);
    }
    lines.extend(findings_lines(report, width));
    if report.findings.iter().any(|f| f.code == "sign_mismatch") {
        let searched = present::searched(app.candidates());
        let mut text = wrapped(&searched, THEME.diagnosis.searched, width);
        if let Some(first) = text.first_mut() {
            first.spans.insert(0, label("Searched"));
        }
        lines.extend(text);
    }
    lines
}

/// What to do with no client token: how to get to its field (a click only works when
/// the mouse is captured), and what the diagnosis then shows.
fn idle_lines(width: usize, mouse: bool) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    let text = format!(
        "{} The diagnosis shows what the server answers, the client's token beside the one \
         the inputs above make, and the mistake that produced it: a stray newline, the wrong \
         letter case, a duration where the expiry belongs, and more.",
        help::client_token_hint(mouse)
    );
    for l in wrap(&text, width.saturating_sub(2)) {
        lines.push(Line::from(Span::styled(
            format!(" {l}"),
            THEME.diagnosis.hint,
        )));
    }
    lines
}

fn running_lines(tried: u64, total: u64) -> Vec<Line<'static>> {
    let percent = (tried * 100).checked_div(total).unwrap_or(0);
    vec![
        Line::from(""),
        Line::from(vec![
            label("Verdict"),
            Span::styled(
                format!(
                    "searching for the mistake… {percent}% ({tried} of {total} candidates) · {} cancels",
                    key_label(&Action::CancelDiagnosis)
                ),
                THEME.diagnosis.running,
            ),
        ]),
    ]
}

fn cancelled_lines() -> Vec<Line<'static>> {
    vec![
        Line::from(""),
        Line::from(vec![
            label("Verdict"),
            Span::styled(
                "search cancelled: edit any input to diagnose again",
                THEME.diagnosis.hint,
            ),
        ]),
    ]
}

fn verdict_line(outcome: Outcome) -> Line<'static> {
    let (icon, style) = match outcome {
        Outcome::Accepted => ("✔", THEME.diagnosis.accepted),
        Outcome::Rejected(_) => ("✖", THEME.diagnosis.rejected),
    };
    let verdict = Span::styled(format!("{icon} {}", present::verdict(outcome)), style);
    Line::from(vec![label("Verdict"), verdict])
}

fn findings_lines(report: &Report, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        let text = format!(
            "{} {}: {}",
            severity_icon(f.severity),
            f.code,
            present::finding(f)
        );
        let mut text = wrapped(&text, THEME.severity(f.severity), width);
        if let Some(first) = text.first_mut() {
            first
                .spans
                .insert(0, label(if i == 0 { "Findings" } else { "" }));
        }
        lines.extend(text);
    }
    lines
}

/// The client's token beside the expected one, part by part, in columns `col` wide.
fn comparison_lines(p: &ParsedToken, e: &ParsedToken, col: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(LABEL)),
        Span::styled(
            format!("{:<col$}", "Client token"),
            THEME.diagnosis.column_head,
        ),
        Span::styled(
            "Expected (inputs above, client's expiry)",
            THEME.diagnosis.column_head,
        ),
    ])];
    let rows: [(&str, String, String); 4] = [
        ("version", p.version.clone(), e.version.clone()),
        ("App ID", p.app_id.clone(), e.app_id.clone()),
        (
            "expiry",
            p.expired_time.to_string(),
            e.expired_time.to_string(),
        ),
        ("sign", p.sign.to_hex(), e.sign.to_hex()),
    ];
    for (name, client, expected) in rows {
        let mut spans = vec![label(name)];
        if name == "expiry" {
            // The expiry is the client's in both: say when it is, once.
            let when = format!(" ({})", expiry::format_utc(p.expired_time));
            let room = col.saturating_sub(client.chars().count());
            spans.extend(diff_spans(&client, &expected, client.chars().count()));
            // One column stays free before the expected value.
            let when = truncate(&when, room.saturating_sub(1));
            spans.push(Span::styled(format!("{when:<room$}"), THEME.diagnosis.when));
        } else {
            spans.extend(diff_spans(&client, &expected, col));
        }
        spans.extend(diff_spans(&expected, &client, col));
        lines.push(Line::from(spans));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> String {
        let words: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        words.join("")
    }

    #[test]
    fn the_placeholder_offers_a_click_only_when_the_mouse_is_captured() {
        let without = text(&idle_lines(200, false));
        let with = text(&idle_lines(200, true));
        let key = key_label(&Action::FocusPrev);
        assert!(
            without.contains(&format!("Client token ({key} to it).")),
            "{without}"
        );
        assert!(
            with.contains(&format!("Client token ({key} to it, or click).")),
            "{with}"
        );
    }
}
