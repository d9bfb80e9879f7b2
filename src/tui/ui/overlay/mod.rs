//! The overlays drawn over either view: the help and the error code reference, each in
//! a box of its own.

mod codes;
mod help;

use crate::tui::app::App;
use crate::tui::model::Overlay;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    match app.overlay() {
        Some(Overlay::Help) => help::render(app, frame, area),
        Some(Overlay::Codes) => codes::render(app, frame, area),
        None => {}
    }
}
