//! Drawing. Reads the [`App`] and writes nothing back but the cursor position and the
//! click areas it returns.

mod text;

use super::app::{App, Focus, Overlay, StatusLevel};
use super::keymap;
use crate::expiry::{self, ExpiryError};
use crate::policy::{CERTIFICATE_DELAY_NOTE, LoginError, Rule};
use crate::token::{Part, worked_example};
use crate::visible::Mask;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use text::{Cell, part_color, truncate, value_cells, wrap};

/// Below this the console asks for a bigger terminal.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 22;

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
    ruler: bool,
    full_policy: bool,
    erratum: Erratum,
    /// Most lines the token may take when it does not fit on one.
    token_lines: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Erratum {
    Full,
    Short,
    Hidden,
}

const DETAIL_LEVELS: [Detail; 6] = [
    Detail {
        ruler: true,
        full_policy: true,
        erratum: Erratum::Full,
        token_lines: 4,
    },
    Detail {
        ruler: false,
        full_policy: true,
        erratum: Erratum::Full,
        token_lines: 4,
    },
    Detail {
        ruler: false,
        full_policy: false,
        erratum: Erratum::Full,
        token_lines: 4,
    },
    Detail {
        ruler: false,
        full_policy: false,
        erratum: Erratum::Short,
        token_lines: 2,
    },
    Detail {
        ruler: false,
        full_policy: false,
        erratum: Erratum::Short,
        token_lines: 1,
    },
    Detail {
        ruler: false,
        full_policy: false,
        erratum: Erratum::Hidden,
        token_lines: 1,
    },
];

pub fn render(app: &App, frame: &mut Frame) -> Hits {
    let area = frame.area();
    let mut hits = Hits::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return hits;
    }
    let inner_width = (area.width - 2) as usize;
    let available = area.height as usize - 2 - 8; // status + footer, inputs
    let mut chosen = None;
    for detail in DETAIL_LEVELS {
        let md5 = md5_lines(app, inner_width, detail.ruler);
        let result = result_lines(app, inner_width, detail);
        let policy = policy_lines(app, inner_width, detail.full_policy);
        let need = md5.len() + result.len() + policy.len() + 6;
        chosen = Some((md5, result, policy));
        if need <= available {
            break;
        }
    }
    let Some((mut md5, result, policy)) = chosen else {
        return hits;
    };
    // Whatever is still too much comes off the MD5 input, which says what it left out.
    let fixed = result.len() + policy.len() + 6;
    if fixed + 1 > available {
        render_too_small(frame, area);
        return hits;
    }
    let md5_room = available - fixed;
    if md5.len() > md5_room {
        let hidden = md5.len() - md5_room + 1;
        md5.truncate(md5_room - 1);
        md5.push(Line::from(
            format!("… {hidden} more lines; widen the terminal to see all").dark_gray(),
        ));
    }

    let [
        inputs_area,
        md5_area,
        result_area,
        policy_area,
        _,
        status_area,
        footer_area,
    ] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(md5.len() as u16 + 2),
        Constraint::Length(result.len() as u16 + 2),
        Constraint::Length(policy.len() as u16 + 2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    render_inputs(app, frame, inputs_area, &mut hits);
    render_md5(app, frame, md5_area, md5);
    render_result(app, frame, result_area, result);
    frame.render_widget(
        Paragraph::new(policy).block(panel(
            " Server rules: what the server accepts as the token ",
        )),
        policy_area,
    );
    render_status(app, frame, status_area);
    render_footer(app, frame, footer_area);

    if let Some(Overlay::Help) = app.overlay {
        render_help(app, frame, area);
    }
    hits
}

fn panel(title: &str) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
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

fn render_inputs(app: &App, frame: &mut Frame, area: Rect, hits: &mut Hits) {
    let block = panel(" sigtoken · Agora Signaling token console ")
        .title_top(Line::from(" F1 help ").right_aligned().dark_gray());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let info_width = inner.width.saturating_sub(LABEL_WIDTH + 34 + 1).min(40);
    let rows = Layout::vertical([Constraint::Length(1); 6]).split(inner);
    for (i, focus) in Focus::ORDER.into_iter().enumerate() {
        let row = rows[i];
        hits.areas.push((row, focus));
        let focused = app.focus == focus && app.overlay.is_none();
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
            frame.render_widget(toggle_line(app, focus, focused, inner.width), row);
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

fn field_style(focus: Focus) -> Style {
    let part = match focus {
        Focus::AppId => Part::AppId,
        Focus::Certificate => Part::AppCertificate,
        Focus::Account => Part::Account,
        _ => Part::ExpiredTime,
    };
    Style::default().fg(part_color(part))
}

fn certificate_mask(app: &App) -> Mask {
    if app.reveal_certificate {
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
    let chars = value_cells(field.value(), mask, field_style(focus), false);
    let widths: Vec<usize> = chars
        .iter()
        .map(|c| c.iter().map(|c| c.width).sum())
        .collect();
    let width = area.width as usize;
    let cursor_col: usize = widths[..field.cursor()].iter().sum();
    // Scroll so the cursor stays visible: drop whole characters from the left.
    let mut skip = 0;
    let mut shift = 0;
    while cursor_col - shift >= width && skip < widths.len() {
        shift += widths[skip];
        skip += 1;
    }
    let mut spans: Vec<Span> = chars[skip..].iter().flatten().map(Cell::span).collect();
    if field.value().is_empty() {
        spans.push(Span::styled(
            "(empty)",
            Style::default().fg(Color::DarkGray),
        ));
    }
    let bg = if focused {
        Style::default().bg(Color::Black)
    } else {
        Style::default()
    };
    frame.render_widget(Paragraph::new(Line::from(spans)).style(bg), area);
    if focused {
        let x = area.x + (cursor_col - shift).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn field_info(app: &App, focus: Focus) -> Paragraph<'static> {
    let value = app.value(focus);
    let chars = value.chars().count();
    let dim = Style::default().fg(Color::DarkGray);
    let line = match focus {
        Focus::Certificate => {
            let state = if app.reveal_certificate {
                "shown"
            } else {
                "masked"
            };
            Line::from(vec![Span::styled(format!("{chars} chars · {state}"), dim)])
        }
        Focus::Account => {
            let bytes = value.len();
            if bytes == chars {
                Line::from(Span::styled(format!("{chars} chars"), dim))
            } else {
                Line::from(Span::styled(format!("{chars} chars · {bytes} bytes"), dim))
            }
        }
        Focus::Expiry => match &app.derived().expiry {
            Ok(unix) => Line::from(Span::styled(expiry::format_utc(*unix), dim)),
            Err(ExpiryError::Empty) => Line::from(Span::styled(
                "empty: give Unix seconds",
                Style::default().fg(Color::Red),
            )),
            Err(_) => Line::from(Span::styled(
                "not Unix seconds",
                Style::default().fg(Color::Red),
            )),
        },
        _ => Line::from(Span::styled(format!("{chars} chars"), dim)),
    };
    Paragraph::new(line)
}

fn toggle_line(app: &App, focus: Focus, focused: bool, width: u16) -> Paragraph<'static> {
    let settings = app.settings;
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
    let line = Line::from(vec![
        Span::styled(head, base),
        Span::raw(" ".repeat(pad)),
        Span::styled(note, Style::default().fg(Color::DarkGray)),
    ]);
    let _ = width;
    Paragraph::new(line)
}

/// The MD5 input, coloured by part; with `ruler`, each line has the part names above it.
fn md5_lines(app: &App, width: usize, ruler: bool) -> Vec<Line<'static>> {
    let input = &app.derived().md5_input;
    let mut cells: Vec<(Part, Cell)> = Vec::new();
    for (part, _) in &input.parts {
        let mask = if *part == Part::AppCertificate {
            certificate_mask(app)
        } else {
            Mask::Clear
        };
        let style = Style::default().fg(part_color(*part));
        for c in value_cells(input.part_str(*part), mask, style, true)
            .into_iter()
            .flatten()
        {
            cells.push((*part, c));
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

fn render_md5(app: &App, frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let input = &app.derived().md5_input;
    let mut legend = vec![Span::raw(" ")];
    for (i, (part, range)) in input.parts.iter().enumerate() {
        if i > 0 {
            legend.push(Span::styled(" + ", Style::default().fg(Color::DarkGray)));
        }
        legend.push(Span::styled(
            format!("{} {}", part.label(), range.len()),
            Style::default().fg(part_color(*part)),
        ));
    }
    legend.push(Span::raw(" "));
    let title = format!(" MD5 input · {} bytes ", input.len());
    let block = panel(&title).title_bottom(Line::from(legend).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Sign, token and the erratum note.
fn result_lines(app: &App, width: usize, detail: Detail) -> Vec<Line<'static>> {
    let derived = app.derived();
    let label = |s: &'static str| Span::styled(s, Style::default().fg(Color::DarkGray));
    let mut lines = Vec::new();
    let Some(built) = &derived.result else {
        let err = match &derived.expiry {
            Err(e) => e.to_string(),
            Ok(_) => String::new(),
        };
        let msg = format!("The token cannot be built yet: Expiry: {err}");
        for l in wrap(&msg, width.saturating_sub(1)).into_iter().take(3) {
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(l, Style::default().fg(Color::Red)),
            ]));
        }
        return lines;
    };
    let sign_style = Style::default().fg(Color::White).bold();
    lines.push(Line::from(vec![
        label(" Sign   "),
        Span::styled(built.sign.to_hex(), sign_style),
    ]));
    let token = &built.token;
    let token_width = unicode_width::UnicodeWidthStr::width(token.as_str());
    if token_width + 8 <= width {
        lines.push(Line::from(vec![
            label(" Token  "),
            Span::styled(token.clone(), sign_style),
        ]));
    } else {
        // Too long to share a line with its label: give it whole lines of its own, so a
        // mouse selection takes it without a label in the middle.
        let chunks = wrap(token, width);
        let shown = chunks.len().min(detail.token_lines);
        if shown < chunks.len() {
            lines.push(Line::from(label(
                " Token · too long to show whole here: Ctrl-T copies all of it",
            )));
        } else {
            lines.push(Line::from(label(" Token")));
        }
        for chunk in &chunks[..shown] {
            lines.push(Line::from(Span::styled(chunk.clone(), sign_style)));
        }
    }
    if derived.is_worked_example && detail.erratum != Erratum::Hidden {
        let published = &worked_example::PUBLISHED_SIGN[..8];
        let text = if detail.erratum == Erratum::Full {
            format!(
                "⚠ Erratum: the vendor's English \"Use Security Keys\" page prints sign {published}… here. \
                 That is the MD5 with expiry {} (30 days as seconds), not {}; the sign above is correct.",
                worked_example::PUBLISHED_SIGN_EXPIRY,
                worked_example::EXPIRED_TIME
            )
        } else {
            format!(
                "⚠ The vendor's page prints {published}…, the MD5 for expiry {}.",
                worked_example::PUBLISHED_SIGN_EXPIRY
            )
        };
        for l in wrap(&text, width.saturating_sub(1)) {
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(l, Style::default().fg(Color::Yellow)),
            ]));
        }
    }
    lines
}

fn render_result(app: &App, frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let mut block = panel(" Sign and token ");
    if let Ok(unix) = app.derived().expiry {
        let badge = if app.rule() == Rule::AnyValue {
            Line::from(" not checked: the App Certificate is off ".dark_gray())
        } else if expiry::is_expired(unix, app.now) {
            Line::from(
                format!(" expired: the server answers {} ", LoginError::TokenExpired)
                    .fg(Color::Red),
            )
        } else {
            Line::from(" not expired ".fg(Color::Green))
        };
        block = block.title_top(badge.right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn policy_lines(app: &App, width: usize, full: bool) -> Vec<Line<'static>> {
    let current = app.rule();
    let settings = app.settings;
    let mut lines = Vec::new();
    if full {
        let header = Style::default().fg(Color::DarkGray);
        lines.push(Line::from(vec![
            Span::styled(
                format!("   {:<18}{:<18}", "App Certificate", "Debugging Switch"),
                header,
            ),
            Span::styled("Server accepts", header),
        ]));
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
        for l in wrap(current.explanation(), width.saturating_sub(1)) {
            lines.push(Line::from(format!(" {l}")));
        }
    } else {
        let text = format!("▶ {}", current.summary());
        for l in wrap(&text, width.saturating_sub(1)) {
            lines.push(Line::from(format!(" {l}")));
        }
    }
    if settings.certificate_enabled && full {
        lines.push(Line::from(
            format!(" ⏱ {CERTIFICATE_DELAY_NOTE}").fg(Color::DarkGray),
        ));
    }
    lines
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let (style, text) = match &app.status {
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
            "Edit any field: the MD5 input, sign and token follow every keystroke.",
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
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark:<26}"), key_style),
            Span::raw(*meaning),
        ]));
    }
    let width = area.width.saturating_sub(4).min(84);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let visible = height.saturating_sub(2);
    let max_scroll = (lines.len() as u16).saturating_sub(visible);
    let scroll = app.help_scroll.min(max_scroll);
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
        .title(" Help · Esc closes ".bold());
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
