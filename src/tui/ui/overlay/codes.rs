//! The error code reference overlay: the codes searched by number, and the whole entry
//! once the search finds one code.

use crate::codes::{self, CodeEntry};
use crate::present::{self, CodeLine};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::field::Edit;
use crate::tui::keymap::{Scope, key_label_in};
use crate::tui::ui::block::overlay_box;
use crate::tui::ui::text::wrap;
use crate::tui::ui::theme::THEME;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let query = app.codes_query();
    let found = codes::search(query);
    let close = key_label_in(Scope::Codes, &Action::ToggleCodes);
    let delete = key_label_in(Scope::Codes, &Action::CodesQuery(Edit::Backspace));
    let mut lines = vec![Line::from(vec![
        Span::raw(" Search: "),
        Span::styled(format!("{query}_"), THEME.overlays.query),
        Span::styled(
            format!("   type digits; {delete} deletes; {close} closes"),
            THEME.overlays.hint,
        ),
    ])];
    lines.push(Line::from(""));
    let width = area.width.saturating_sub(4).min(96);
    match found.as_slice() {
        [] => lines.push(Line::from(Span::styled(
            format!(" No code starts with {query}: the codes are 100–108 and 200–209."),
            THEME.overlays.no_match,
        ))),
        // Wrapped here, so the box is as tall as what it holds.
        [one] => lines.extend(entry_lines(one, (width as usize).saturating_sub(8))),
        many => lines.extend(many.iter().map(|e| list_line(e))),
    }
    let (rect, block) = overlay_box(
        frame,
        area,
        width,
        lines.len(),
        format!(" Signaling error codes · {close} closes "),
    );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// One code in the list of matches.
fn list_line(e: &CodeEntry) -> Line<'static> {
    let (head, meaning) = present::code_summary_parts(e);
    Line::from(vec![
        Span::styled(format!(" {head}"), THEME.overlays.key),
        Span::raw(meaning),
    ])
}

/// A code's whole entry, as every front end words it, its items wrapped at `room`.
fn entry_lines(one: &CodeEntry, room: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for line in present::code_entry(one) {
        match line {
            CodeLine::Title { code, meaning } => lines.push(Line::from(vec![
                Span::styled(format!(" {code}"), THEME.overlays.code_title),
                Span::raw(format!(": {meaning}")),
            ])),
            CodeLine::Heading(heading) => lines.push(Line::from(Span::styled(
                format!(" {heading}"),
                THEME.overlays.heading,
            ))),
            CodeLine::Item(item) => {
                for (i, l) in wrap(item, room).into_iter().enumerate() {
                    let bullet = if i == 0 { "   - " } else { "     " };
                    lines.push(Line::from(format!("{bullet}{l}")));
                }
            }
        }
    }
    lines
}
