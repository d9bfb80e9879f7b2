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
mod workflow;

use super::action::Action;
use super::app::App;
use super::keymap::key_label;
use super::model::{Focus, View};
use checks::{ChecksDetail, ChecksLines};
use inputs::INPUT_ROWS;
use md5::Md5Cells;
use policy::PolicyDetail;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
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
    checks: ChecksDetail,
}

/// Levels of detail from the richest down; each is tried with boxes, then without.
/// Whole findings come before the policy's table: they are about the user's inputs.
const LEVELS: [(bool, PolicyDetail, ChecksDetail); 9] = [
    (true, PolicyDetail::Full, ChecksDetail::Whole),
    (true, PolicyDetail::Table, ChecksDetail::Whole),
    (true, PolicyDetail::Summary, ChecksDetail::Whole),
    (false, PolicyDetail::Summary, ChecksDetail::Whole),
    (true, PolicyDetail::Table, ChecksDetail::TwoLines),
    (true, PolicyDetail::Table, ChecksDetail::OneLine),
    (false, PolicyDetail::Table, ChecksDetail::OneLine),
    (false, PolicyDetail::Summary, ChecksDetail::TwoLines),
    (false, PolicyDetail::Summary, ChecksDetail::OneLine),
];

fn levels() -> impl Iterator<Item = Detail> {
    [true, false].into_iter().flat_map(|borders| {
        LEVELS
            .into_iter()
            .map(move |(ruler, policy, checks)| Detail {
                borders,
                ruler,
                policy,
                checks,
            })
    })
}

const FALLBACK: Detail = Detail {
    borders: false,
    ruler: false,
    policy: PolicyDetail::Summary,
    checks: ChecksDetail::OneLine,
};

/// The panels' contents for one level of detail.
struct Panels {
    detail: Detail,
    /// Lines the MD5 input takes; the lines themselves are built once, at the end.
    md5_len: usize,
    md5: Vec<Line<'static>>,
    result: Vec<Line<'static>>,
    checks: ChecksLines,
    policy: Vec<Line<'static>>,
}

impl Panels {
    fn build(app: &App, cells: &Md5Cells, width: usize, detail: Detail) -> Panels {
        let width = if detail.borders { width - 2 } else { width };
        Panels {
            detail,
            md5_len: md5::row_count(cells, width, None) * if detail.ruler { 2 } else { 1 },
            md5: Vec::new(),
            result: result::lines(app, width),
            checks: checks::lines(app, width, detail.checks),
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
            + self.checks.lines.len()
            + self.policy.len()
            + 4 * self.border_rows()
            + 2
    }
}

/// Cuts `lines` to `room` lines, one of them saying how many were left out; the lines
/// in `keep` (the finding the user selected) stay in view.
/// Returns whether it cut.
fn cut(
    lines: &mut Vec<Line<'static>>,
    room: usize,
    what: &str,
    keep: Option<Range<usize>>,
) -> bool {
    if lines.len() <= room || room == 0 {
        return false;
    }
    let hidden = lines.len() - room + 1;
    let note = |words: String| Line::from(Span::styled(words, THEME.screen.cut_note));
    // The window of `room - 1` lines: from the top, unless that leaves `keep` out.
    let start = keep.map_or(0, |k| k.end.saturating_sub(room - 1).min(k.start));
    let end = start + room - 1;
    lines.truncate(end);
    lines.drain(..start);
    let next = key_label(&Action::SelectFinding(1));
    let more = if what == CHECK_LINES {
        format!(" … {hidden} more {what}: {next} shows each whole, or enlarge the terminal")
    } else {
        format!(" … {hidden} more {what}: enlarge the terminal to see all")
    };
    lines.push(note(more));
    true
}

const CHECK_LINES: &str = "lines of checks";

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
/// stay in view; then the checks give up their last lines, the selected finding staying
/// in view (two lines stay); last,
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
        let checks = &mut panels.checks;
        let room = checks.lines.len().saturating_sub(over).max(2);
        let keep = checks.selected.clone();
        checks.cut_short |= cut(&mut checks.lines, room, CHECK_LINES, keep);
    }
    if panels.height() > height {
        let over = panels.height() - height;
        let room = panels.md5.len().saturating_sub(over).max(2);
        cut(&mut panels.md5, room, "lines", None);
        panels.md5_len = panels.md5.len();
    }
    (panels.height() <= height).then_some(panels)
}

/// The console view: inputs, MD5 input, sign and token, checks and server rules from
/// the top, status and footer at the bottom.
fn render_console_view(app: &App, frame: &mut Frame, area: Rect, panels: Panels, hits: &mut Hits) {
    let b = panels.border_rows() as u16;
    let len = |lines: &[Line]| lines.len() as u16 + b;
    // Room to spare (a tall terminal) shows the workflow under the panels.
    let spare = (area.height as usize).saturating_sub(panels.height());
    let workflow = if spare >= workflow::ROWS + panels.border_rows() {
        workflow::ROWS as u16 + b
    } else {
        0
    };
    let [
        inputs_area,
        md5_area,
        result_area,
        checks_area,
        policy_area,
        workflow_area,
        _,
        status_area,
        footer_area,
    ] = Layout::vertical([
        Constraint::Length(panels.inputs_height() as u16),
        Constraint::Length(len(&panels.md5)),
        Constraint::Length(len(&panels.result)),
        Constraint::Length(len(&panels.checks.lines)),
        Constraint::Length(len(&panels.policy)),
        Constraint::Length(workflow),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let borders = panels.detail.borders;
    inputs::render(app, frame, inputs_area, borders, &mut hits.areas);
    md5::render(app, frame, md5_area, borders, panels.md5);
    result::render(app, frame, result_area, borders, panels.result);
    let cut_short = panels.checks.cut_short;
    checks::render(
        app,
        frame,
        checks_area,
        borders,
        panels.checks.lines,
        cut_short,
    );
    policy::render(frame, policy_area, borders, panels.policy);
    if workflow > 0 {
        workflow::render(frame, workflow_area, borders);
    }
    status::render(app, frame, status_area);
    footer::render(app, frame, footer_area);
}

/// The diagnosis view: the inputs above, the diagnosis of the client token below, and,
/// when the diagnosis leaves room, the checks on the inputs under it.
fn render_diagnosis_view(app: &App, frame: &mut Frame, area: Rect, hits: &mut Hits) {
    let borders = area.height >= 30;
    let b: u16 = if borders { 2 } else { 1 };
    let inner = (area.width as usize).saturating_sub(if borders { 2 } else { 0 });
    let inputs_height = INPUT_ROWS as u16 + b;
    let diagnosis_lines = diagnosis::lines(app, inner);
    let mut checks = checks::lines(app, inner, ChecksDetail::Whole);
    let room = area.height.saturating_sub(inputs_height + 2) as usize;
    let wanted = diagnosis_lines.len() + usize::from(b);
    // The checks take what the diagnosis leaves, when that is two lines or more.
    let checks_height = if room >= wanted + usize::from(b) + 2 {
        let space = room - wanted - usize::from(b);
        let keep = checks.selected.clone();
        checks.cut_short |= cut(&mut checks.lines, space, CHECK_LINES, keep);
        (checks.lines.len() + usize::from(b)) as u16
    } else {
        0
    };
    // The server's rules, which decide the verdict, take what is left when they fit whole.
    let rules = policy::lines(app, inner, PolicyDetail::Full);
    let rules_height = (rules.len() + usize::from(b)) as u16;
    let left = room.saturating_sub(wanted + usize::from(checks_height));
    let rules_height = if checks_height > 0 && left >= usize::from(rules_height) {
        rules_height
    } else {
        0
    };
    // With the checks under it, the diagnosis takes what it needs and the rest stays
    // below; alone, it takes all the room.
    let (diagnosis_height, spacer) = if checks_height > 0 {
        (Constraint::Length(wanted as u16), Constraint::Fill(1))
    } else {
        (Constraint::Fill(1), Constraint::Length(0))
    };
    let [
        inputs_area,
        diagnosis_area,
        checks_area,
        rules_area,
        _,
        status_area,
        footer_area,
    ] = Layout::vertical([
        Constraint::Length(inputs_height),
        diagnosis_height,
        Constraint::Length(checks_height),
        Constraint::Length(rules_height),
        spacer,
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if rules_height > 0 {
        policy::render(frame, rules_area, borders, rules);
    }
    inputs::render(app, frame, inputs_area, borders, &mut hits.areas);
    diagnosis::render(app, frame, diagnosis_area, borders, diagnosis_lines);
    if checks_height > 0 {
        let cut_short = checks.cut_short;
        checks::render(app, frame, checks_area, borders, checks.lines, cut_short);
    }
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
