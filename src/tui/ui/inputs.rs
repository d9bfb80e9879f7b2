//! The inputs panel: the text fields with their info column, the expiry's times, and
//! the two project toggles. Records where each one is for mouse clicks.

use super::block::panel;
use super::marks::{marks_for, mask};
use super::text::{GlyphCells, truncate, value_cells};
use super::theme::THEME;
use crate::expiry::{self, ExpiryError, Form, Zone};
use crate::token::Part;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::help;
use crate::tui::keymap::key_label;
use crate::tui::model::{Focus, View};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const LABEL_WIDTH: u16 = 19;

/// Rows inside the inputs panel: four fields, the expiry's times, two toggles, and the
/// client token, in both views: the diagnosis is one paste away from the first screen.
pub const INPUT_ROWS: usize = 8;

/// Narrowest the values' column gets while the info column is beside it.
const VALUE_MIN: usize = 34;

/// Draws the panel; pushes each field's and toggle's row onto `hits` for mouse clicks.
pub fn render(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    borders: bool,
    hits: &mut Vec<(Rect, Focus)>,
) {
    let block = panel(" sigtoken · Agora Signaling token console ", borders).title_top(
        Line::from(format!(" {} help ", key_label(&Action::ToggleHelp)))
            .right_aligned()
            .style(THEME.inputs.help_hint),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The info column beside the fields, when there is room for something useful.
    let info_width = match inner
        .width
        .saturating_sub(LABEL_WIDTH + VALUE_MIN as u16 + 1)
        .min(40)
    {
        w if w < 16 => 0,
        w => w,
    };
    let columns = Columns::new(app, inner.width, info_width);
    let rows = Layout::vertical(vec![Constraint::Length(1); INPUT_ROWS]).split(inner);
    let [_, times_area] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)]).areas(rows[4]);
    frame.render_widget(
        expiry_times(app, times_area.width as usize, info_width == 0),
        times_area,
    );
    for (i, focus) in Focus::ORDER.into_iter().enumerate() {
        let Some(&row) = rows.get(if i < 4 { i } else { i + 1 }) else {
            continue;
        };
        hits.push((row, focus));
        let focused = app.focus() == focus && app.overlay().is_none();
        if focus == Focus::ClientToken && app.value(focus).is_empty() {
            let [label_area, rest] =
                Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)])
                    .areas(row);
            frame.render_widget(label(focus.label(), focused), label_area);
            render_placeholder(app, frame, rest, focused);
        } else if focus.is_text() {
            let [label_area, value_area, _, info_area] = Layout::horizontal([
                Constraint::Length(LABEL_WIDTH),
                Constraint::Length(columns.value(app, focus)),
                Constraint::Length(1),
                Constraint::Length(if focus == Focus::ClientToken {
                    info_width.min(12)
                } else {
                    info_width
                }),
            ])
            .areas(row);
            frame.render_widget(label(focus.label(), focused), label_area);
            render_field(app, frame, focus, value_area, focused);
            frame.render_widget(field_info(app, focus), info_area);
        } else {
            frame.render_widget(toggle_line(app, focus, focused, inner.width as usize), row);
        }
    }
}

/// How wide the values' column is: as wide as the longest input needs (so the info
/// sits beside the values, not across a wide screen), at least [`VALUE_MIN`], at most
/// what the row leaves. The client token, longer than the inputs, may take more.
struct Columns {
    inputs: u16,
    /// Most the client token's value takes.
    most: u16,
}

impl Columns {
    fn new(app: &App, width: u16, info_width: u16) -> Columns {
        let most = width.saturating_sub(LABEL_WIDTH + 1 + info_width);
        let longest = Focus::FIELDS[..4]
            .iter()
            .map(|f| value_width(app, *f))
            .max()
            .unwrap_or(0);
        let inputs = Self::clamp(longest, VALUE_MIN as u16, most);
        // The client token's own info ("78 chars") needs little room: its value may
        // take the rest of the row.
        let most = width.saturating_sub(LABEL_WIDTH + 1 + info_width.min(12));
        Columns { inputs, most }
    }

    fn clamp(needed: usize, least: u16, most: u16) -> u16 {
        let needed = u16::try_from(needed + 1).unwrap_or(u16::MAX);
        needed.max(least).min(most)
    }

    fn value(&self, app: &App, focus: Focus) -> u16 {
        match focus {
            Focus::ClientToken => Self::clamp(value_width(app, focus), self.inputs, self.most),
            _ => self.inputs,
        }
    }
}

/// Columns the value of a field takes on screen (hidden characters drawn as marks).
fn value_width(app: &App, focus: Focus) -> usize {
    let part = field_part(focus);
    let value = app.value(focus);
    if value.is_ascii() && !value.bytes().any(|b| b.is_ascii_control()) {
        return value.len();
    }
    value_cells(value, mask(app, part), THEME.part(part), false)
        .iter()
        .map(GlyphCells::width)
        .sum()
}

/// The empty Client token field: what it is for, and the key that reaches it.
fn render_placeholder(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let key = match app.view() {
        _ if focused => None,
        View::Console => Some(Action::ToggleDiagnosis),
        View::Diagnosis => Some(Action::FocusPrev),
    };
    let width = area.width as usize;
    let texts = help::client_token_placeholder(app.mouse(), key.as_ref());
    let text = texts
        .iter()
        .find(|t| t.width() <= width)
        .map_or_else(|| truncate(&texts[2], width), String::clone);
    frame.render_widget(
        Paragraph::new(Span::styled(text, THEME.inputs.placeholder)),
        area,
    );
    if focused {
        frame.set_cursor_position(Position::new(area.x, area.y));
    }
}

fn label(text: &str, focused: bool) -> Paragraph<'static> {
    if focused {
        Paragraph::new(Line::from(vec![
            Span::styled("▸ ", THEME.inputs.focused),
            Span::styled(text.to_string(), THEME.inputs.focused),
        ]))
    } else {
        Paragraph::new(format!("  {text}"))
    }
}

/// The input whose colour a field takes (the client token takes the expiry's).
fn field_part(focus: Focus) -> Part {
    focus.part().unwrap_or(Part::ExpiredTime)
}

fn render_field(app: &App, frame: &mut Frame, focus: Focus, area: Rect, focused: bool) {
    let Some(field) = app.field(focus) else {
        return;
    };
    let part = field_part(focus);
    let mask = mask(app, part);
    let chars: Vec<GlyphCells> = value_cells(field.value(), mask, THEME.part(part), false);
    let widths: Vec<usize> = chars.iter().map(GlyphCells::width).collect();
    let width = area.width as usize;
    let cursor_col: usize = widths[..field.cursor()].iter().sum();
    // Scroll so the cursor stays visible: drop whole characters from the left.
    let mut skip = 0;
    let mut shift = 0;
    while cursor_col - shift >= width && skip < widths.len() {
        shift += widths[skip];
        skip += 1;
    }
    // The findings mark the inputs' characters (the client token is none of them), and
    // only the characters in view are drawn.
    let marks = focus.part().map(|p| marks_for(app, p));
    let mut room = width;
    let mut spans: Vec<Span> = Vec::new();
    for (i, glyph) in chars.iter().enumerate().skip(skip) {
        if room == 0 {
            break;
        }
        room = room.saturating_sub(widths[i]);
        for cell in glyph.iter() {
            spans.push(match &marks {
                Some(marks) => marks.apply(i, cell.clone()).span(),
                None => cell.span(),
            });
        }
    }
    if field.value().is_empty() {
        spans.push(Span::styled("(empty)", THEME.inputs.empty));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if focused {
        let x = area.x + (cursor_col - shift).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn count(n: usize, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A few words on what is wrong with the expiry, for beside the field.
fn expiry_error_brief(e: &ExpiryError) -> &'static str {
    match e {
        ExpiryError::Empty => "empty",
        ExpiryError::Unrecognised { .. } => "not an expiry",
        ExpiryError::OutOfRange { .. } => "too large",
        ExpiryError::BadDuration { .. } => "not a duration",
        ExpiryError::NotCanonical { .. } => "leading zeros",
        ExpiryError::BadDate { .. } => "not a date-time",
        ExpiryError::BadZone { .. } => "not a time zone",
    }
}

fn field_info(app: &App, focus: Focus) -> Paragraph<'static> {
    let value = app.value(focus);
    let chars = count(value.chars().count(), "char");
    let text = match focus {
        Focus::Certificate => {
            let state = if app.reveal_certificate() {
                "shown"
            } else {
                "masked"
            };
            format!("{chars} · {state}")
        }
        Focus::Account if value.len() != value.chars().count() => {
            format!("{chars} · {}", count(value.len(), "byte"))
        }
        Focus::Expiry => match &app.derived().expiry {
            Ok(e) => expiry::format_utc(e.unix),
            Err(e) => {
                return Paragraph::new(Line::from(Span::styled(
                    format!("✖ {}", expiry_error_brief(e)),
                    THEME.inputs.info_error,
                )));
            }
        },
        _ => chars,
    };
    Paragraph::new(Line::from(Span::styled(text, THEME.inputs.info)))
}

/// A toggle's state and a note on what it means for the server.
fn toggle_state(app: &App, focus: Focus) -> (bool, bool, &'static str) {
    let settings = app.settings();
    match focus {
        Focus::CertificateEnabled => (
            settings.certificate_enabled,
            true,
            if settings.certificate_enabled {
                "the server checks tokens"
            } else {
                "the server accepts any token"
            },
        ),
        _ => (
            settings.debug_switch,
            settings.debug_switch_available(),
            if !settings.debug_switch_available() {
                "unavailable: needs the App Certificate"
            } else if settings.debug_switch {
                "_no_need_token accepted"
            } else {
                "_no_need_token refused with 206"
            },
        ),
    }
}

fn toggle_line(app: &App, focus: Focus, focused: bool, width: usize) -> Paragraph<'static> {
    let (on, enabled, note) = toggle_state(app, focus);
    let mark = match (enabled, on) {
        (false, _) => "[-]",
        (true, true) => "[x]",
        (true, false) => "[ ]",
    };
    let base = if !enabled {
        THEME.inputs.toggle_disabled
    } else if focused {
        THEME.inputs.focused
    } else {
        THEME.inputs.toggle
    };
    let pointer = if focused { "▸ " } else { "  " };
    let head = format!("{pointer}{mark} {}", focus.label());
    let pad = (LABEL_WIDTH as usize + 16)
        .saturating_sub(head.chars().count())
        .max(2);
    let room = width.saturating_sub(head.chars().count() + pad);
    let line = Line::from(vec![
        Span::styled(head, base),
        Span::raw(" ".repeat(pad)),
        Span::styled(truncate(note, room), THEME.inputs.toggle_note),
    ]);
    Paragraph::new(line)
}

/// The expiry in UTC and local time, and how far away it is; ticks with the clock.
fn expiry_times(app: &App, width: usize, with_utc: bool) -> Paragraph<'static> {
    let dim = THEME.inputs.times;
    let expiry = match &app.derived().expiry {
        Ok(e) => *e,
        Err(_) => {
            return Paragraph::new(Line::from(Span::styled(
                truncate(&format!("accepts {}", expiry::FORMS), width),
                dim,
            )));
        }
    };
    let unix = expiry.unix;
    // The resolved seconds, when the field holds another form, with a note on how.
    let (resolved, note) = match expiry.form {
        Form::UnixSeconds => (None, ""),
        Form::Rfc3339 { .. } | Form::Zoned { .. } => (Some(format!("= {unix}")), ""),
        Form::NaiveUtc => (Some(format!("= {unix}")), " (read as UTC)"),
        Form::Relative { .. } => (Some(format!("= {unix}")), " (fixed until edited)"),
    };
    let (state, style) = if expiry::is_expired(unix, app.now()) {
        ("✖ ", THEME.inputs.expired)
    } else {
        ("✔ valid, expires ", THEME.inputs.valid)
    };
    let state = Span::styled(
        format!("{state}{}", expiry::describe_from_now(unix, app.now())),
        style,
    );
    let utc = Span::styled(format!(" · {}", expiry::format_utc(unix)), dim);
    let shown = expiry::format_in_zone(unix, app.zone());
    let local = match app.zone() {
        Zone::Local => Span::styled(format!(" · local {shown}"), dim),
        _ => Span::styled(format!(" · {shown}"), dim),
    };
    // From the richest row down to the least: the state always stays.
    let head = |with_note: bool| {
        resolved.as_ref().map(|r| {
            let note = if with_note { note } else { "" };
            Span::styled(format!("{r}{note} · "), dim)
        })
    };
    let candidates = [
        (head(true), with_utc, true),
        (head(true), false, true),
        (head(false), false, true),
        (head(false), false, false),
    ];
    let mut spans = Vec::new();
    for (head, utc_too, local_too) in candidates {
        spans = head.into_iter().collect();
        spans.push(state.clone());
        if utc_too {
            spans.push(utc.clone());
        }
        if local_too {
            spans.push(local.clone());
        }
        if spans.iter().map(Span::width).sum::<usize>() <= width {
            break;
        }
    }
    Paragraph::new(Line::from(spans))
}
