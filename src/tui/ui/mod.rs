//! Drawing. Reads the [`App`] and writes nothing back but the cursor position and the
//! click areas it returns.

mod text;

use super::app::{App, Diagnosis, Focus, Overlay, StatusLevel, View};
use super::keymap;
use crate::checks::{self, Marks, Severity};
use crate::codes;
use crate::expiry::{self, ExpiryError, Form};
use crate::policy::{CERTIFICATE_DELAY_NOTE, LoginError, Outcome, Rule};
use crate::token::Part;
use crate::visible::Mask;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use text::{Cell, GlyphCells, part_color, truncate, value_cells, wrap};

/// Below this the console asks for a bigger terminal.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 24;

const LABEL_WIDTH: u16 = 19;

/// Screen areas that a mouse click focuses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    pub areas: Vec<(Rect, Focus)>,
}

impl Hits {
    pub fn at(&self, column: u16, row: u16) -> Option<Focus> {
        let p = Position::new(column, row);
        self.areas
            .iter()
            .find(|(r, _)| r.contains(p))
            .map(|(_, f)| *f)
    }
}

/// How much detail the panels get; reduced step by step on small screens.
#[derive(Clone, Copy, Debug)]
struct Detail {
    /// Full boxes; without them each panel has only a title rule on top.
    borders: bool,
    ruler: bool,
    policy: PolicyDetail,
    /// Each finding with its "why" on a second line.
    full_checks: bool,
    /// Most lines the token may take when it does not fit on one.
    token_lines: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PolicyDetail {
    /// Header, the three rows, the explanation and the certificate delay note.
    Full,
    /// The three rows, a one-line summary and the delay note.
    Table,
    /// The summary alone.
    Summary,
}

/// Levels of detail from the richest down; each is tried with boxes, then without.
const LEVELS: [(bool, PolicyDetail, bool, usize); 7] = [
    (true, PolicyDetail::Full, true, 4),
    (true, PolicyDetail::Table, true, 4),
    (true, PolicyDetail::Table, false, 4),
    (false, PolicyDetail::Table, false, 4),
    (false, PolicyDetail::Summary, true, 4),
    (false, PolicyDetail::Summary, false, 4),
    // Only a token of more than two lines (a very long App ID) is ever cut.
    (false, PolicyDetail::Summary, false, 2),
];

fn levels() -> impl Iterator<Item = Detail> {
    [true, false].into_iter().flat_map(|borders| {
        LEVELS
            .into_iter()
            .map(move |(ruler, policy, full_checks, token_lines)| Detail {
                borders,
                ruler,
                policy,
                full_checks,
                token_lines,
            })
    })
}

const FALLBACK: Detail = Detail {
    borders: false,
    ruler: false,
    policy: PolicyDetail::Summary,
    full_checks: false,
    token_lines: 1,
};

/// The panels' contents for one level of detail.
struct Panels {
    detail: Detail,
    /// Lines the MD5 input takes; the lines themselves are built once, at the end.
    md5_len: usize,
    md5: Vec<Line<'static>>,
    result: Vec<Line<'static>>,
    checks: Vec<Line<'static>>,
    policy: Vec<Line<'static>>,
}

impl Panels {
    fn build(app: &App, cells: &Md5Cells, width: usize, detail: Detail) -> Panels {
        let width = if detail.borders { width - 2 } else { width };
        Panels {
            detail,
            md5_len: md5_row_count(cells, width, None) * if detail.ruler { 2 } else { 1 },
            md5: Vec::new(),
            result: result_lines(app, width, detail),
            checks: checks_lines(app, width, detail.full_checks),
            policy: policy_lines(app, width, detail.policy),
        }
    }

    fn border_rows(&self) -> usize {
        if self.detail.borders { 2 } else { 1 }
    }

    fn inputs_height(&self) -> usize {
        INPUT_ROWS + self.border_rows()
    }

    fn height(&self) -> usize {
        self.inputs_height()
            + self.md5_len
            + self.result.len()
            + self.checks.len()
            + self.policy.len()
            + 4 * self.border_rows()
            + 2
    }
}

/// Rows inside the inputs panel: four fields, the expiry's times, two toggles.
const INPUT_ROWS: usize = 7;

/// Cuts `lines` to `room` lines, the last saying how many were left out.
fn cut(lines: &mut Vec<Line<'static>>, room: usize, what: &str) {
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - room + 1;
        lines.truncate(room - 1);
        lines.push(Line::from(
            format!(" … {hidden} more {what}: enlarge the terminal to see all").dark_gray(),
        ));
    }
}

pub fn render(app: &App, frame: &mut Frame) -> Hits {
    let hits = render_screen(app, frame);
    if app.no_color() {
        // NO_COLOR: one pass over the finished frame takes every colour out; bold,
        // underline and reverse carry the emphasis.
        for cell in frame.buffer_mut().content.iter_mut() {
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
            cell.underline_color = Color::Reset;
        }
    }
    hits
}

fn render_screen(app: &App, frame: &mut Frame) -> Hits {
    let area = frame.area();
    let mut hits = Hits::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return hits;
    }
    if app.view() == View::Diagnosis {
        render_diagnosis_view(app, frame, area, &mut hits);
        render_overlay(app, frame, area);
        return hits;
    }
    let height = area.height as usize;
    let width = area.width as usize;
    let cells = md5_cells(app);
    let mut all = levels();
    let mut panels = Panels::build(app, &cells, width, all.next().unwrap_or(FALLBACK));
    for detail in all {
        if panels.height() <= height {
            break;
        }
        panels = Panels::build(app, &cells, width, detail);
    }
    // Still too tall: long parts of the MD5 input are shortened in the middle, so all
    // four parts stay in view; then the checks give up their lowest-severity lines
    // (two stay); last, the MD5 input its last lines.
    let inner = if panels.detail.borders {
        width - 2
    } else {
        width
    };
    let per_row = if panels.detail.ruler { 2 } else { 1 };
    let mut keep = None;
    for k in [256, 64, 24, 8] {
        if panels.height() <= height {
            break;
        }
        keep = Some(k);
        panels.md5_len = md5_row_count(&cells, inner, keep) * per_row;
    }
    panels.md5 = md5_lines(&cells, inner, panels.detail.ruler, keep);
    panels.md5_len = panels.md5.len();
    if panels.height() > height {
        let over = panels.height() - height;
        let room = panels.checks.len().saturating_sub(over).max(2);
        cut(&mut panels.checks, room, "lines of checks");
    }
    if panels.height() > height {
        let over = panels.height() - height;
        let room = panels.md5.len().saturating_sub(over).max(2);
        cut(&mut panels.md5, room, "lines");
        panels.md5_len = panels.md5.len();
    }
    if panels.height() > height {
        render_too_small(frame, area);
        return hits;
    }

    let b = panels.border_rows() as u16;
    let len = |lines: &[Line]| lines.len() as u16 + b;
    let [
        inputs_area,
        md5_area,
        result_area,
        checks_area,
        policy_area,
        _,
        status_area,
        footer_area,
    ] = Layout::vertical([
        Constraint::Length(panels.inputs_height() as u16),
        Constraint::Length(len(&panels.md5)),
        Constraint::Length(len(&panels.result)),
        Constraint::Length(len(&panels.checks)),
        Constraint::Length(len(&panels.policy)),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let borders = panels.detail.borders;
    render_inputs(app, frame, inputs_area, borders, &mut hits);
    render_md5(app, frame, md5_area, borders, panels.md5);
    render_result(app, frame, result_area, borders, panels.result);
    render_checks(app, frame, checks_area, borders, panels.checks);
    frame.render_widget(
        Paragraph::new(panels.policy).block(panel(
            " Server rules: what the server accepts as the token ",
            borders,
        )),
        policy_area,
    );
    render_status(app, frame, status_area);
    render_footer(app, frame, footer_area);
    render_overlay(app, frame, area);
    hits
}

fn render_overlay(app: &App, frame: &mut Frame, area: Rect) {
    match app.overlay() {
        Some(Overlay::Help) => render_help(app, frame, area),
        Some(Overlay::Codes) => render_codes(app, frame, area),
        None => {}
    }
}

fn panel(title: &str, borders: bool) -> Block<'_> {
    let block = if borders {
        Block::bordered().border_type(BorderType::Rounded)
    } else {
        Block::new().borders(Borders::TOP)
    };
    block
        .border_style(Style::default().fg(Color::DarkGray))
        .title(Span::styled(title, Style::default().bold()))
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Enlarge the terminal: sigtoken needs at least {MIN_WIDTH}x{MIN_HEIGHT}, this one is {}x{}. Ctrl-C quits.",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .style(Style::default().fg(Color::Yellow)),
        rect,
    );
}

/// Rows in the inputs panel for the current view: the client token row only shows in
/// the diagnosis view.
fn input_rows(app: &App) -> usize {
    match app.view() {
        View::Console => INPUT_ROWS,
        View::Diagnosis => INPUT_ROWS + 1,
    }
}

fn render_inputs(app: &App, frame: &mut Frame, area: Rect, borders: bool, hits: &mut Hits) {
    let block = panel(" sigtoken · Agora Signaling token console ", borders)
        .title_top(Line::from(" F1 help ").right_aligned().dark_gray());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The info column beside the fields, when there is room for something useful.
    let info_width = match inner.width.saturating_sub(LABEL_WIDTH + 34 + 1).min(40) {
        w if w < 16 => 0,
        w => w,
    };
    let rows = Layout::vertical(vec![Constraint::Length(1); input_rows(app)]).split(inner);
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
        hits.areas.push((row, focus));
        let focused = app.focus() == focus && app.overlay().is_none();
        if focus.is_text() {
            let [label_area, value_area, _, info_area] = Layout::horizontal([
                Constraint::Length(LABEL_WIDTH),
                Constraint::Fill(1),
                Constraint::Length(1),
                Constraint::Length(info_width),
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

fn label(text: &str, focused: bool) -> Paragraph<'static> {
    if focused {
        Paragraph::new(Line::from(vec![
            Span::styled("▸ ", Style::default().fg(Color::Cyan).bold()),
            Span::styled(text.to_string(), Style::default().fg(Color::Cyan).bold()),
        ]))
    } else {
        Paragraph::new(format!("  {text}"))
    }
}

fn field_part(focus: Focus) -> Part {
    match focus {
        Focus::AppId => Part::AppId,
        Focus::Certificate => Part::AppCertificate,
        Focus::Account => Part::Account,
        _ => Part::ExpiredTime,
    }
}

fn field_style(focus: Focus) -> Style {
    Style::default().fg(part_color(field_part(focus)))
}

/// The characters of one input that errors and warnings are about.
struct PartMarks {
    whole: Option<Severity>,
    /// The worst severity naming each character, by `char` index (dense: one lookup
    /// per character drawn, however many findings there are).
    chars: Vec<Option<Severity>>,
}

impl PartMarks {
    /// Marked characters are underlined in the colour of the worst finding; characters
    /// a finding names one by one are also shown reversed.
    fn apply(&self, index: usize, mut cell: Cell) -> Cell {
        let single = self.chars.get(index).copied().flatten();
        if let Some(severity) = single.or(self.whole) {
            let color = if severity == Severity::Error {
                Color::Red
            } else {
                Color::Yellow
            };
            cell.style = cell
                .style
                .underline_color(color)
                .add_modifier(Modifier::UNDERLINED);
            if single.is_some() {
                cell.style = cell.style.add_modifier(Modifier::REVERSED);
            }
        }
        cell
    }
}

fn marks_for(app: &App, part: Part) -> PartMarks {
    let mut marks = PartMarks {
        whole: None,
        chars: Vec::new(),
    };
    for f in app
        .findings()
        .into_iter()
        .filter(|f| f.field == Some(part) && f.severity != Severity::Note)
    {
        match &f.marks {
            Marks::None => {}
            Marks::Whole => {
                marks.whole = Some(marks.whole.map_or(f.severity, |s| s.min(f.severity)))
            }
            Marks::Chars(indices) => {
                for &i in indices {
                    if i >= marks.chars.len() {
                        marks.chars.resize(i + 1, None);
                    }
                    let slot = &mut marks.chars[i];
                    *slot = Some(slot.map_or(f.severity, |s| s.min(f.severity)));
                }
            }
        }
    }
    marks
}

fn certificate_mask(app: &App) -> Mask {
    if app.reveal_certificate() {
        Mask::Clear
    } else {
        Mask::Masked
    }
}

fn render_field(app: &App, frame: &mut Frame, focus: Focus, area: Rect, focused: bool) {
    let Some(field) = app.field(focus) else {
        return;
    };
    let mask = if focus == Focus::Certificate {
        certificate_mask(app)
    } else {
        Mask::Clear
    };
    let marks = marks_for(app, field_part(focus));
    let chars: Vec<GlyphCells> = value_cells(field.value(), mask, field_style(focus), false)
        .into_iter()
        .enumerate()
        .map(|(i, g)| g.map(|c| marks.apply(i, c)))
        .collect();
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
    let mut spans: Vec<Span> = chars[skip..]
        .iter()
        .flat_map(GlyphCells::iter)
        .map(Cell::span)
        .collect();
    if field.value().is_empty() {
        spans.push(Span::styled(
            "(empty)",
            Style::default().fg(Color::DarkGray),
        ));
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
        ExpiryError::BadDate { .. } => "no such date",
    }
}

fn field_info(app: &App, focus: Focus) -> Paragraph<'static> {
    let value = app.value(focus);
    let chars = count(value.chars().count(), "char");
    let dim = Style::default().fg(Color::DarkGray);
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
                    Style::default().fg(Color::Red),
                )));
            }
        },
        _ => chars,
    };
    Paragraph::new(Line::from(Span::styled(text, dim)))
}

fn toggle_line(app: &App, focus: Focus, focused: bool, width: usize) -> Paragraph<'static> {
    let settings = app.settings();
    let (on, enabled, note) = match focus {
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
    };
    let mark = match (enabled, on) {
        (false, _) => "[-]",
        (true, true) => "[x]",
        (true, false) => "[ ]",
    };
    let base = if !enabled {
        Style::default().fg(Color::DarkGray)
    } else if focused {
        Style::default().fg(Color::Cyan).bold()
    } else {
        Style::default()
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
        Span::styled(truncate(note, room), Style::default().fg(Color::DarkGray)),
    ]);
    Paragraph::new(line)
}

/// How many rows the MD5 input wraps to at `width`, without building them (the layout
/// asks this for every level of detail it tries). Mirrors `md5_lines`.
fn md5_row_count(parts: &Md5Cells, width: usize, keep: Option<usize>) -> usize {
    let mut rows = 1;
    let mut used = 0;
    let mut place = |w: usize| {
        if used + w > width && used > 0 {
            rows += 1;
            used = 0;
        }
        used += w;
    };
    for (_, glyphs) in parts {
        let elide = keep.filter(|k| glyphs.len() > 2 * k + 1);
        for (i, glyph) in glyphs.iter().enumerate() {
            if let Some(k) = elide {
                if i == k {
                    let text = format!("⋯{} more⋯", glyphs.len() - 2 * k);
                    place(unicode_width::UnicodeWidthStr::width(text.as_str()));
                }
                if i >= k && i < glyphs.len() - k {
                    continue;
                }
            }
            for cell in glyph.iter() {
                place(cell.width);
            }
        }
    }
    rows
}

/// The MD5 input, coloured by part; with `ruler`, each line has the part names above it.
/// The MD5 input's glyphs, part by part, built once per frame: one entry per `char`,
/// each with its cells (the glyph, and a byte count after non-ASCII characters).
type Md5Cells = Vec<(Part, Vec<GlyphCells>)>;

fn md5_cells(app: &App) -> Md5Cells {
    let input = &app.derived().md5_input;
    input
        .parts
        .iter()
        .map(|(part, _)| {
            let mask = if *part == Part::AppCertificate {
                certificate_mask(app)
            } else {
                Mask::Clear
            };
            let style = Style::default().fg(part_color(*part));
            let marks = marks_for(app, *part);
            let glyphs = value_cells(input.part_str(*part), mask, style, true)
                .into_iter()
                .enumerate()
                .map(|(i, g)| g.map(|c| marks.apply(i, c)))
                .collect();
            (*part, glyphs)
        })
        .collect()
}

/// The MD5 input, coloured by part; with `ruler`, each line has the part names above
/// it. With `keep`, a part longer than twice that many characters shows only its
/// first and last `keep`, so every part stays on screen.
fn md5_lines(
    parts: &Md5Cells,
    width: usize,
    ruler: bool,
    keep: Option<usize>,
) -> Vec<Line<'static>> {
    let mut cells: Vec<(Part, Cell)> = Vec::new();
    for (part, glyphs) in parts {
        let elide = keep.filter(|k| glyphs.len() > 2 * k + 1);
        for (i, glyph) in glyphs.iter().enumerate() {
            if let Some(k) = elide {
                if i == k {
                    let hidden = glyphs.len() - 2 * k;
                    let text = format!("⋯{hidden} more⋯");
                    let style = Style::default()
                        .fg(part_color(*part))
                        .add_modifier(Modifier::DIM);
                    cells.push((*part, Cell::new(text, style)));
                }
                if i >= k && i < glyphs.len() - k {
                    continue;
                }
            }
            cells.extend(glyph.iter().map(|c| (*part, c.clone())));
        }
    }
    if cells.is_empty() {
        return vec![Line::from("(every field is empty)".dark_gray())];
    }
    // Wrap into rows of at most `width` columns, never splitting a cell.
    let mut rows: Vec<Vec<(Part, Cell)>> = vec![Vec::new()];
    let mut used = 0;
    for (part, cell) in cells {
        if used + cell.width > width && used > 0 {
            rows.push(Vec::new());
            used = 0;
        }
        used += cell.width;
        if let Some(row) = rows.last_mut() {
            row.push((part, cell));
        }
    }
    let mut lines = Vec::new();
    for row in rows {
        if ruler {
            lines.push(ruler_line(&row));
        }
        lines.push(Line::from(
            row.iter().map(|(_, c)| c.span()).collect::<Vec<_>>(),
        ));
    }
    lines
}

/// `account──────appId─────…` over a row, one run per part.
fn ruler_line(row: &[(Part, Cell)]) -> Line<'static> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < row.len() {
        let part = row[i].0;
        let mut run = 0;
        while i < row.len() && row[i].0 == part {
            run += row[i].1.width;
            i += 1;
        }
        let name = if part.label().len() <= run {
            part.label()
        } else {
            part.short_label()
        };
        let name: String = name.chars().take(run).collect();
        let fill = run - name.chars().count();
        spans.push(Span::styled(
            format!("{name}{}", "─".repeat(fill)),
            Style::default()
                .fg(part_color(part))
                .add_modifier(Modifier::DIM),
        ));
    }
    Line::from(spans)
}

fn render_md5(app: &App, frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
    let input = &app.derived().md5_input;
    let title = format!(" MD5 input · {} bytes ", input.len());
    let legend_with = |name: fn(Part) -> &'static str| {
        let mut spans = vec![Span::raw(" ")];
        for (i, (part, range)) in input.parts.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" + ", Style::default().fg(Color::DarkGray)));
            }
            spans.push(Span::styled(
                format!("{} {}", name(*part), range.len()),
                Style::default().fg(part_color(*part)),
            ));
        }
        spans.push(Span::raw(" "));
        Line::from(spans).right_aligned()
    };
    // The legend goes on the bottom border, or shares the title row without borders:
    // long names if they fit, short ones if not.
    let room = if borders {
        (area.width as usize).saturating_sub(4)
    } else {
        (area.width as usize).saturating_sub(title.chars().count() + 3)
    };
    let legend = [legend_with(Part::label), legend_with(Part::short_label)]
        .into_iter()
        .find(|l| l.width() <= room)
        .unwrap_or_default();
    let block = if borders {
        panel(&title, true).title_bottom(legend)
    } else {
        panel(&title, false).title_top(legend)
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Sign and token, or why there is no token yet.
fn result_lines(app: &App, width: usize, detail: Detail) -> Vec<Line<'static>> {
    let derived = app.derived();
    let label = |s: &'static str| Span::styled(s, Style::default().fg(Color::DarkGray));
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
                Span::styled(l, Style::default().fg(Color::Red)),
            ]));
        }
        return lines;
    };
    let value_style = Style::default().bold();
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
    let shown = chunks.len().min(detail.token_lines);
    for chunk in &chunks[..shown] {
        lines.push(Line::from(Span::styled(chunk.clone(), value_style)));
    }
    if shown < chunks.len() {
        lines.push(Line::from(label(
            " … the token goes on: Ctrl-T copies all of it",
        )));
    }
    lines
}

fn render_result(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    borders: bool,
    lines: Vec<Line<'static>>,
) {
    let mut block = panel(" Sign and token ", borders);
    if let Some(unix) = app.expiry_unix() {
        let wide = area.width >= 90;
        let badge = if app.rule() == Rule::AnyValue {
            let text = if wide {
                " not checked: the App Certificate is off "
            } else {
                " not checked "
            };
            Line::from(text.dark_gray())
        } else if expiry::is_expired(unix, app.now()) {
            let text = if wide {
                format!(" expired: the server answers {} ", LoginError::TokenExpired)
            } else {
                format!(" expired: {} ", LoginError::TokenExpired.code())
            };
            Line::from(text.fg(Color::Red))
        } else {
            Line::from(" valid now ".fg(Color::Green))
        };
        block = block.title_top(badge.right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn severity_style(severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Error => ("✖", Style::default().fg(Color::Red).bold()),
        Severity::Warning => ("▲", Style::default().fg(Color::Yellow).bold()),
        Severity::Note => ("●", Style::default().fg(Color::Cyan)),
    }
}

/// One line per finding (two with `full`: the why below), errors first.
fn checks_lines(app: &App, width: usize, full: bool) -> Vec<Line<'static>> {
    let findings = app.findings();
    if findings.is_empty() {
        return vec![Line::from(
            " ✔ No problems found in the inputs.".fg(Color::Green),
        )];
    }
    let dim = Style::default().fg(Color::DarkGray);
    let mut lines = Vec::new();
    for f in findings {
        let (icon, style) = severity_style(f.severity);
        let name = checks::field_name(f.field);
        let field = format!("{name:<16}");
        // The field stands in its own column: the message need not repeat it.
        let message = f
            .message
            .strip_prefix(name)
            .map_or(f.message.as_str(), str::trim_start);
        let head = format!(" {icon} {field}");
        let room = width.saturating_sub(head.chars().count());
        if full {
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::raw(truncate(message, room)),
            ]));
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(20)),
                Span::styled(truncate(&f.why, width.saturating_sub(20)), dim),
            ]));
        } else {
            let message = truncate(message, room);
            let rest = room.saturating_sub(unicode_width::UnicodeWidthStr::width(message.as_str()));
            let mut spans = vec![Span::styled(head, style), Span::raw(message)];
            if rest > 10 {
                spans.push(Span::styled(truncate(&format!(" — {}", f.why), rest), dim));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

fn render_checks(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    borders: bool,
    lines: Vec<Line<'static>>,
) {
    let findings = app.findings();
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let mut summary = Vec::new();
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        let n = count(sev);
        if n > 0 {
            let (_, style) = severity_style(sev);
            let word = if n == 1 {
                sev.label().to_string()
            } else {
                format!("{}s", sev.label())
            };
            summary.push(Span::styled(format!(" {n} {word} "), style));
        }
    }
    let block = panel(" Checks ", borders).title_top(Line::from(summary).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The expiry in UTC and local time, and how far away it is; ticks with the clock.
fn expiry_times(app: &App, width: usize, with_utc: bool) -> Paragraph<'static> {
    let dim = Style::default().fg(Color::DarkGray);
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
        Form::Rfc3339 { .. } => (Some(format!("= {unix}")), ""),
        Form::NaiveUtc => (Some(format!("= {unix}")), " (read as UTC)"),
        Form::Relative { .. } => (Some(format!("= {unix}")), " (fixed until edited)"),
    };
    let (state, style) = if expiry::is_expired(unix, app.now()) {
        ("✖ ", Style::default().fg(Color::Red).bold())
    } else {
        (
            "✔ valid, expires ",
            Style::default().fg(Color::Green).bold(),
        )
    };
    let state = Span::styled(
        format!("{state}{}", expiry::describe_from_now(unix, app.now())),
        style,
    );
    let utc = Span::styled(format!(" · {}", expiry::format_utc(unix)), dim);
    let local = Span::styled(
        format!(" · local {}", expiry::format_in_zone(unix, app.zone())),
        dim,
    );
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

fn policy_lines(app: &App, width: usize, detail: PolicyDetail) -> Vec<Line<'static>> {
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
            Style::default(),
        );
        return lines;
    }
    if detail == PolicyDetail::Full {
        let header = Style::default().fg(Color::DarkGray);
        lines.push(Line::from(Span::styled(
            format!(
                "   {:<18}{:<18}Server accepts",
                "App Certificate", "Debugging Switch"
            ),
            header,
        )));
    }
    for rule in Rule::TABLE {
        let active = rule == current;
        let style = if active {
            Style::default().fg(Color::Black).bg(Color::Cyan).bold()
        } else {
            Style::default()
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
        lines.push(Line::from(Span::styled(
            format!("{text}{}", " ".repeat(pad)),
            style,
        )));
    }
    let explanation = if detail == PolicyDetail::Full {
        current.explanation()
    } else {
        current.summary()
    };
    wrapped(explanation, &mut lines, Style::default());
    if app.settings().certificate_enabled {
        wrapped(
            &format!("⏱ {CERTIFICATE_DELAY_NOTE}"),
            &mut lines,
            Style::default().fg(Color::DarkGray),
        );
    }
    lines
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let (style, text) = match &app.status() {
        Some(status) => {
            let color = match status.level {
                StatusLevel::Info => Color::Gray,
                StatusLevel::Success => Color::Green,
                StatusLevel::Warning => Color::Yellow,
                StatusLevel::Error => Color::Red,
            };
            (Style::default().fg(color), status.text.as_str())
        }
        None => (
            Style::default().fg(Color::DarkGray),
            match app.view() {
                View::Console => {
                    "Edit any field: the MD5 input, sign and token follow every keystroke."
                }
                View::Diagnosis => {
                    "Edit the client token or any input: the diagnosis follows. F7 shows the token panels."
                }
            },
        ),
    };
    let text = truncate(&format!(" {text}"), area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), area);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let hints = keymap::footer_hints(app);
    let width = |(keys, words): &(String, &str)| keys.chars().count() + words.chars().count() + 3;
    // Help and quit come last in the list and are never the ones left out.
    let essential: usize = hints
        .iter()
        .filter(|(_, w)| matches!(*w, "help" | "quit"))
        .map(width)
        .sum();
    let mut room = (area.width as usize).saturating_sub(1 + essential);
    let mut spans = vec![Span::raw(" ")];
    for hint in &hints {
        let essential = matches!(hint.1, "help" | "quit");
        if !essential {
            if width(hint) > room {
                continue;
            }
            room -= width(hint);
        }
        spans.push(Span::styled(
            hint.0.clone(),
            Style::default().fg(Color::Black).bg(Color::Gray),
        ));
        spans.push(Span::raw(format!(" {}  ", hint.1)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    let key_style = Style::default().fg(Color::Cyan);
    for (scope, rows) in keymap::help_sections() {
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            scope.title(),
            Style::default().bold(),
        )));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<26}"), key_style),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(
        "What the marks mean",
        Style::default().bold(),
    )));
    for (mark, meaning) in keymap::MARKS {
        let pad = 26usize.saturating_sub(unicode_width::UnicodeWidthStr::width(*mark));
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark}{}", " ".repeat(pad)), key_style),
            Span::raw(*meaning),
        ]));
    }
    let width = area.width.saturating_sub(4).min(84);
    let (rect, block) = overlay_box(frame, area, width, lines.len(), " Help · Esc closes ");
    let visible = rect.height.saturating_sub(2);
    let max_scroll = (lines.len() as u16).saturating_sub(visible);
    let scroll = app.help_scroll().min(max_scroll);
    let block = if max_scroll > 0 {
        let more = if scroll < max_scroll {
            "↓ more"
        } else {
            "end"
        };
        block.title_bottom(Line::from(format!(" {more} · ↑↓ scroll ")).right_aligned())
    } else {
        block
    };
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// The lower half in the diagnosis view: the verdict, the client's token beside the
/// expected one, the cause and the findings.
fn render_diagnosis_view(app: &App, frame: &mut Frame, area: Rect, hits: &mut Hits) {
    let borders = area.height >= 30;
    let b = if borders { 2 } else { 1 };
    let [inputs_area, diagnosis_area, status_area, footer_area] = Layout::vertical([
        Constraint::Length(input_rows(app) as u16 + b),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_inputs(app, frame, inputs_area, borders, hits);
    let inner_width = (diagnosis_area.width as usize).saturating_sub(if borders { 2 } else { 0 });
    let lines = diagnosis_lines(app, inner_width);
    let title = if diagnosis_area.width >= 96 {
        " Diagnosis of the client token · F7 back to the token "
    } else {
        " Diagnosis "
    };
    let mut block = panel(title, borders);
    if let Diagnosis::Done(report) = app.diagnosis() {
        let badge = match report.outcome {
            Outcome::Accepted => Line::from(" accepted ".fg(Color::Green).bold()),
            Outcome::Rejected(e) => Line::from(format!(" rejected: {e} ").fg(Color::Red).bold()),
        };
        block = block.title_top(badge.right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), diagnosis_area);
    render_status(app, frame, status_area);
    render_footer(app, frame, footer_area);
}

const DIAG_LABEL: usize = 11;

fn diag_label(text: &str) -> Span<'static> {
    Span::styled(
        format!(" {text:<w$}", w = DIAG_LABEL - 1),
        Style::default().fg(Color::DarkGray),
    )
}

/// Spans for `value`, with the characters that differ from `other` in red.
fn diff_spans(value: &str, other: &str, width: usize) -> Vec<Span<'static>> {
    let same = Style::default().fg(Color::Green);
    let differs = Style::default().fg(Color::Red).bold();
    let mut spans = Vec::new();
    let mut other_chars = other.chars();
    let shown = truncate(value, width);
    for c in shown.chars() {
        let style = if other_chars.next() == Some(c) {
            same
        } else {
            differs
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
    spans.push(Span::raw(" ".repeat(pad)));
    spans
}

fn diagnosis_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let dim = Style::default().fg(Color::DarkGray);
    let wrapped = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, width.saturating_sub(DIAG_LABEL + 1))
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let head = if i == 0 {
                    String::new()
                } else {
                    " ".repeat(DIAG_LABEL)
                };
                Line::from(vec![Span::raw(head), Span::styled(l, style)])
            })
            .collect()
    };
    let report = match app.diagnosis() {
        Diagnosis::Idle => {
            let mut lines = vec![Line::from("")];
            for l in wrap(
                "Paste the token the failing client sent into Client token (Tab to it, or click). \
                 The diagnosis shows what the server answers, the client's token beside the one the \
                 inputs above make, and the mistake that produced it: a stray newline, the wrong \
                 letter case, a duration where the expiry belongs, and more.",
                width.saturating_sub(2),
            ) {
                lines.push(Line::from(Span::styled(format!(" {l}"), dim)));
            }
            return lines;
        }
        Diagnosis::Running { tried, total } => {
            let percent = if *total > 0 { tried * 100 / total } else { 0 };
            return vec![
                Line::from(""),
                Line::from(vec![
                    diag_label("Verdict"),
                    Span::styled(
                        format!(
                            "searching for the mistake… {percent}% ({tried} of {total} candidates) · Esc cancels"
                        ),
                        Style::default().fg(Color::Yellow),
                    ),
                ]),
            ];
        }
        Diagnosis::Cancelled => {
            return vec![
                Line::from(""),
                Line::from(vec![
                    diag_label("Verdict"),
                    Span::styled("search cancelled: edit any input to diagnose again", dim),
                ]),
            ];
        }
        Diagnosis::Done(report) => report,
    };
    let mut lines = Vec::new();
    let verdict = match report.outcome {
        Outcome::Accepted => Span::styled("✔ accepted", Style::default().fg(Color::Green).bold()),
        Outcome::Rejected(e) => Span::styled(
            format!("✖ rejected with {e}: {}", e.meaning()),
            Style::default().fg(Color::Red).bold(),
        ),
    };
    lines.push(Line::from(vec![diag_label("Verdict"), verdict]));
    let col = width.saturating_sub(DIAG_LABEL + 1) / 2;
    match (&report.parsed, &report.expected) {
        (Ok(p), Some(e)) => {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(DIAG_LABEL)),
                Span::styled(format!("{:<col$}", "Client token"), dim.bold()),
                Span::styled("Expected (inputs above, client's expiry)", dim.bold()),
            ]));
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
                let mut spans = vec![diag_label(name)];
                if name == "expiry" {
                    // The expiry is the client's in both: say when it is, once.
                    let when = format!(" ({})", expiry::format_utc(p.expired_time));
                    let room = col.saturating_sub(client.chars().count());
                    spans.extend(diff_spans(&client, &expected, client.chars().count()));
                    // One column stays free before the expected value.
                    let when = truncate(&when, room.saturating_sub(1));
                    spans.push(Span::styled(format!("{when:<room$}"), dim));
                } else {
                    spans.extend(diff_spans(&client, &expected, col));
                }
                spans.extend(diff_spans(&expected, &client, col));
                lines.push(Line::from(spans));
            }
        }
        (Err(e), _) => {
            let mut l = vec![diag_label("Token")];
            l.extend(
                wrapped(
                    &format!("not a SignalingToken: {e}"),
                    Style::default().fg(Color::Red),
                )
                .remove(0)
                .spans,
            );
            lines.push(Line::from(l));
        }
        _ => {}
    }
    if let Some(cause) = &report.cause {
        let mut text = wrapped(
            &format!(
                "{} ({}): {}",
                cause.code,
                checks::field_name(cause.field),
                cause.detail
            ),
            Style::default().fg(Color::Yellow).bold(),
        );
        if let Some(first) = text.first_mut() {
            first.spans.insert(0, diag_label("Cause"));
        }
        lines.extend(text);
    }
    for (i, f) in report.findings.iter().enumerate() {
        let (icon, style) = severity_style(f.severity);
        let mut text = wrapped(&format!("{icon} {}: {}", f.code, f.message), style);
        if let Some(first) = text.first_mut() {
            first
                .spans
                .insert(0, diag_label(if i == 0 { "Findings" } else { "" }));
        }
        lines.extend(text);
    }
    lines
}

/// The error code reference: a list searched by number, and the whole entry once the
/// search finds one code.
fn render_codes(app: &App, frame: &mut Frame, area: Rect) {
    let query = app.codes_query();
    let found = codes::search(query);
    let key = Style::default().fg(Color::Cyan);
    let mut lines = vec![Line::from(vec![
        Span::raw(" Search: "),
        Span::styled(format!("{query}_"), Style::default().bold()),
        Span::styled(
            "   type digits; Backspace deletes; Esc closes",
            Style::default().fg(Color::DarkGray),
        ),
    ])];
    lines.push(Line::from(""));
    match found.as_slice() {
        [] => lines.push(Line::from(
            format!(" No code starts with {query}: the codes are 100–108 and 200–209.")
                .fg(Color::Yellow),
        )),
        [one] => {
            lines.push(Line::from(vec![
                Span::styled(format!(" {} {}", one.code, one.name), key.bold()),
                Span::raw(format!(": {}", one.meaning)),
            ]));
            // Wrapped here, so the box is as tall as what it holds.
            let room = (area.width.saturating_sub(4).min(96) as usize).saturating_sub(8);
            for (title, items) in [
                (" Likely causes:", one.causes),
                (" What to check:", one.check),
            ] {
                lines.push(Line::from(title.bold()));
                for item in items {
                    for (i, l) in wrap(item, room).into_iter().enumerate() {
                        let bullet = if i == 0 { "   - " } else { "     " };
                        lines.push(Line::from(format!("{bullet}{l}")));
                    }
                }
            }
        }
        many => {
            for e in many {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} {:<24}", e.code, e.name), key),
                    Span::raw(e.meaning),
                ]));
            }
        }
    }
    let width = area.width.saturating_sub(4).min(96);
    let (rect, block) = overlay_box(
        frame,
        area,
        width,
        lines.len(),
        " Signaling error codes · Esc closes ",
    );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// A box in the middle of `area`, `width` wide and tall enough for `lines` (as far as
/// the screen allows), cleared, with a title: the frame of an overlay.
fn overlay_box(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    lines: usize,
    title: &'static str,
) -> (Rect, Block<'static>) {
    let height = (lines as u16 + 2).min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(Color::Cyan))
        .title(title.bold());
    (rect, block)
}
