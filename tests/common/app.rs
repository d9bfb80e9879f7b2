//! The console's `App` as the update() and snapshot tests build it: a fixed clock, and
//! either the worked example or a blank form.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sigtoken::tui::action::Effect;
use sigtoken::tui::app::App;
use sigtoken::tui::keymap;
use sigtoken::tui::model::Config;

/// The tests' clock: a fixed instant, long after the worked example expired.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T00:00:00Z")
        .unwrap()
        .to_utc()
}

/// The console's start-up settings for the worked example, at [`now`].
pub fn example_config() -> Config {
    Config::worked_example(now())
}

/// The console's start-up settings for a blank form (`--blank`), at [`now`].
pub fn blank_config() -> Config {
    Config::blank(now())
}

/// The console opened on the worked example, at [`now`].
pub fn example() -> App {
    App::new(example_config())
}

/// The console opened blank, at [`now`].
pub fn blank() -> App {
    App::new(blank_config())
}

/// Presses a key, through the key table as the terminal would; returns the effects
/// `update` asked for.
pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let Some(action) = keymap::dispatch(&app.scopes(), &KeyEvent::new(code, mods)) else {
        return Vec::new();
    };
    app.update(action)
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press(app, code, KeyModifiers::NONE)
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}
