//! The frame: fits the console's panels to the screen by levels of detail and draws
//! them, or the diagnosis view; reads the [`App`] and returns only the click areas.

mod block;
mod checks;
mod diagnosis;
mod footer;
mod inputs;
mod marks;
mod md5;
mod overlay;
mod policy;
mod result;
mod status;
mod text;
mod theme;

use super::action::Action;
use super::app::App;
use super::keymap::key_label;
use super::model::{Focus, View};
use inputs::INPUT_ROWS;
use md5::Md5Cells;
use policy::PolicyDetail;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use text::wrap;
use theme::THEME;

/// Below this the console asks for a bigger terminal.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 24;

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
            md5_len: md5::row_count(cells, width, None) * if detail.ruler { 2 } else { 1 },
            md5: Vec::new(),
            result: result::lines(app, width, detail.token_lines),
            checks: checks::lines(app, width, detail.full_checks),
            policy: policy::lines(app, width, detail.policy),
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

/// Cuts `lines` to `room` lines, the last saying how many were left out.
fn cut(lines: &mut Vec<Line<'static>>, room: usize, what: &str) {
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - room + 1;
        lines.truncate(room - 1);
        lines.push(Line::from(Span::styled(
            format!(" … {hidden} more {what}: enlarge the terminal to see all"),
            THEME.screen.cut_note,
        )));
    }
}

pub fn render(app: &App, frame: &mut Frame) -> Hits {
    let hits = render_screen(app, frame);
    if app.no_color() {
        theme::strip_colours(frame.buffer_mut());
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
        overlay::render(app, frame, area);
        return hits;
    }
    let Some(panels) = fit(app, area.width as usize, area.height as usize) else {
        render_too_small(frame, area);
        return hits;
    };
    render_console_view(app, frame, area, panels, &mut hits);
    overlay::render(app, frame, area);
    hits
}

/// The richest level of detail whose panels fit in `height` rows; then, if still too
/// tall, long parts of the MD5 input are shortened in the middle, so all four parts
/// stay in view; then the checks give up their lowest-severity lines (two stay); last,
/// the MD5 input its last lines. `None` when even that does not fit.
fn fit(app: &App, width: usize, height: usize) -> Option<Panels> {
    let cells = md5::cells(app);
    let mut all = levels();
    let mut panels = Panels::build(app, &cells, width, all.next().unwrap_or(FALLBACK));
    for detail in all {
        if panels.height() <= height {
            break;
        }
        panels = Panels::build(app, &cells, width, detail);
    }
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
        panels.md5_len = md5::row_count(&cells, inner, keep) * per_row;
    }
    panels.md5 = md5::lines(&cells, inner, panels.detail.ruler, keep);
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
    (panels.height() <= height).then_some(panels)
}

/// The console view: inputs, MD5 input, sign and token, checks and server rules from
/// the top, status and footer at the bottom.
fn render_console_view(app: &App, frame: &mut Frame, area: Rect, panels: Panels, hits: &mut Hits) {
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
    inputs::render(app, frame, inputs_area, borders, &mut hits.areas);
    md5::render(app, frame, md5_area, borders, panels.md5);
    result::render(app, frame, result_area, borders, panels.result);
    checks::render(app, frame, checks_area, borders, panels.checks);
    policy::render(frame, policy_area, borders, panels.policy);
    status::render(app, frame, status_area);
    footer::render(app, frame, footer_area);
}

/// The diagnosis view: the inputs above, the diagnosis of the client token below.
fn render_diagnosis_view(app: &App, frame: &mut Frame, area: Rect, hits: &mut Hits) {
    let borders = area.height >= 30;
    let b = if borders { 2 } else { 1 };
    let [inputs_area, diagnosis_area, status_area, footer_area] = Layout::vertical([
        Constraint::Length(inputs::input_rows(app) as u16 + b),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    inputs::render(app, frame, inputs_area, borders, &mut hits.areas);
    diagnosis::render(app, frame, diagnosis_area, borders);
    status::render(app, frame, status_area);
    footer::render(app, frame, footer_area);
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Enlarge the terminal: sigtoken needs at least {MIN_WIDTH}x{MIN_HEIGHT}, this one is {}x{}. {} quits.",
        area.width,
        area.height,
        key_label(&Action::Quit)
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
            .style(THEME.screen.too_small),
        rect,
    );
}
