//! The help overlay: draws `tui::help`'s lines (every key by scope, what the marks mean)
//! in a box as tall as `tui::help` says, scrolled as far as the app allows.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::help::{self, HelpLine};
use crate::tui::keymap::{Scope, key_label_in};
use crate::tui::ui::block::overlay_box;
use crate::tui::ui::theme::THEME;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Width of the keys column, indent included.
const KEYS: usize = 28;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = help::lines().iter().map(line).collect();
    let width = area.width.saturating_sub(4).min(84);
    let close = key_label_in(Scope::Help, &Action::CloseOverlay);
    let title = format!(" Help · {close} closes ");
    let visible = help::visible_lines(area.height);
    let (rect, block) = overlay_box(frame, area, width, visible.into(), title);
    let max_scroll = help::max_scroll(area.height);
    let scroll = app.help_scroll().min(max_scroll);
    let block = if max_scroll > 0 {
        let more = if scroll < max_scroll {
            "↓ more"
        } else {
            "end"
        };
        let up = key_label_in(Scope::Help, &Action::ScrollHelp(-1));
        let down = key_label_in(Scope::Help, &Action::ScrollHelp(1));
        block.title_bottom(Line::from(format!(" {more} · {up}{down} scroll ")).right_aligned())
    } else {
        block
    };
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// One line of the help: a title, or keys (or a mark) padded to a column and their words.
fn line(help: &'static HelpLine) -> Line<'static> {
    match help {
        HelpLine::Title(title) => Line::from(Span::styled(*title, THEME.overlays.heading)),
        HelpLine::Text(text) => Line::from(format!("  {text}")),
        HelpLine::Entry { keys, words } => {
            let pad = (KEYS - 2).saturating_sub(keys.width());
            Line::from(vec![
                Span::styled(format!("  {keys}{}", " ".repeat(pad)), THEME.overlays.key),
                Span::raw(words.as_str()),
            ])
        }
    }
}
