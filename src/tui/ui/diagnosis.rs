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
use crate::tui::model::{Diagnosis, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Width of the label column.
const LABEL: usize = 11;

pub fn render(app: &App, frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
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

/// The panel's lines for `width` columns inside it.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let report = match app.diagnosis() {
        Diagnosis::Idle => return idle_lines(app, width),
        Diagnosis::Running { tried, total } => return running_lines(*tried, *total),
        Diagnosis::Cancelled => return cancelled_lines(),
        Diagnosis::Done(report) => report,
    };
    let mut lines = verdict_lines(report.outcome, width);
    let col = width.saturating_sub(LABEL + 1) / 2;
    match (&report.parsed, &report.expected) {
        (Ok(p), Some(expected)) => lines.extend(comparison_lines(p, expected, col, width)),
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
fn idle_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    let key = (app.focus() != Focus::ClientToken).then_some(Action::FocusPrev);
    let text = format!(
        "{} The client's token stands beside the one the inputs above make, part by part. \
         Among the mistakes found: a stray newline, the wrong letter case, a duration where \
         the expiry belongs.",
        help::client_token_hint(app.mouse(), key.as_ref())
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

/// The verdict, wrapped beside its label where the width is short: it is read whole.
fn verdict_lines(outcome: Outcome, width: usize) -> Vec<Line<'static>> {
    let (icon, style) = match outcome {
        Outcome::Accepted => ("✔", THEME.diagnosis.accepted),
        Outcome::Rejected(_) => ("✖", THEME.diagnosis.rejected),
    };
    let text = format!("{icon} {}", present::verdict(outcome));
    let mut lines = wrapped(&text, style, width);
    if let Some(first) = lines.first_mut() {
        first.spans.insert(0, label("Verdict"));
    }
    lines
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

/// The client's token beside the expected one, part by part, in columns `col` wide;
/// when a value does not fit its column, the two are stacked, each on a row of its own.
fn comparison_lines(
    p: &ParsedToken,
    e: &ParsedToken,
    col: usize,
    width: usize,
) -> Vec<Line<'static>> {
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
    let widest = rows
        .iter()
        .map(|(_, c, x)| c.width().max(x.width()))
        .max()
        .unwrap_or(0);
    if widest >= col {
        return stacked_lines(p, &rows, width);
    }
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(LABEL)),
        Span::styled(
            format!("{:<col$}", CLIENT_HEAD),
            THEME.diagnosis.column_head,
        ),
        Span::styled(EXPECTED_HEAD, THEME.diagnosis.column_head),
    ])];
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

const CLIENT_HEAD: &str = "Client token";
const EXPECTED_HEAD: &str = "Expected (inputs above, client's expiry)";

/// The comparison on a narrow screen: per part, the client's value with "client" after
/// it, and under it the expected one with "expected"; a part that is the same in both
/// takes one row.
fn stacked_lines(
    p: &ParsedToken,
    rows: &[(&str, String, String); 4],
    width: usize,
) -> Vec<Line<'static>> {
    let value_width = width.saturating_sub(LABEL + 10).max(1);
    let tag = |t: &'static str| Span::styled(format!(" {t}"), THEME.diagnosis.column_head);
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(LABEL)),
        Span::styled(
            "client's, then expected (inputs above)",
            THEME.diagnosis.column_head,
        ),
    ])];
    for (name, client, expected) in rows {
        let shown = value_width.min(client.width().max(expected.width()));
        let mut first = vec![label(name)];
        first.extend(diff_spans(client, expected, shown));
        let same = client == expected;
        first.push(tag(if same { "both" } else { "client" }));
        if *name == "expiry" {
            let when = format!(" ({})", expiry::format_utc(p.expired_time));
            first.push(Span::styled(when, THEME.diagnosis.when));
        }
        lines.push(Line::from(first));
        if same {
            continue;
        }
        let mut second = vec![Span::raw(" ".repeat(LABEL))];
        second.extend(diff_spans(expected, client, shown));
        second.push(tag("expected"));
        lines.push(Line::from(second));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_stack_the_client_and_the_expected_values() {
        let client = crate::token::parse_token(
            "1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473",
        )
        .unwrap();
        let expected = crate::token::parse_token(
            "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684",
        )
        .unwrap();
        let wide = comparison_lines(&client, &expected, 40, 92);
        assert_eq!(wide.len(), 5, "side by side: a head and a row per part");
        let narrow: Vec<String> = comparison_lines(&client, &expected, 24, 60)
            .iter()
            .map(|l| l.to_string())
            .collect();
        let text = narrow.join("\n");
        // Each sign whole, on its own row, under the other.
        let at = |s: &str| narrow.iter().position(|l| l.contains(s)).expect(s);
        assert_eq!(
            at("2d572d6e3a75ebde5a06626f40fe9684"),
            at("5c0ee12fdf2020d0d0fdad04d6395473") + 1
        );
        assert!(narrow.iter().all(|l| l.width() <= 60), "{text}");
        assert!(
            text.contains("C5D15F8FD394285DA5227B533302A518 both"),
            "{text}"
        );
    }
}
