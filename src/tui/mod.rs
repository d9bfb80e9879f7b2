//! The interactive console: terminal set-up and restore, and the event loop that turns
//! terminal events into [`app::Action`]s.

pub mod app;
pub mod clipboard;
pub mod field;
pub mod keymap;
pub mod ui;

use app::{Action, App, Effect};
use chrono::{DateTime, Utc};
use clipboard::{Clipboard, Environment};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::time::Duration;

/// Runtime options that are not part of the console's state.
pub struct Options {
    /// Capture the mouse so a click focuses a field. Off by default, so the terminal's
    /// own selection (to copy the token by hand) keeps working.
    pub mouse: bool,
    /// Where "now" comes from.
    pub clock: Box<dyn Fn() -> DateTime<Utc>>,
}

/// Puts the terminal back as it was: cooked mode, main screen, cursor shown, mouse and
/// bracketed paste off. Safe to call more than once and from a panic hook.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Runs the console until the user quits.
pub fn run(app: App, options: Options) -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    let entered = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
        if options.mouse {
            execute!(stdout, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    let result = entered
        .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())))
        .and_then(|mut terminal| event_loop(&mut terminal, app, &options));
    restore_terminal();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    mut app: App,
    options: &Options,
) -> io::Result<()> {
    let mut clipboard = Clipboard::new(&Environment::from_process());
    let mut hits = ui::Hits::default();
    // A test-only hook, in debug builds only: the pseudo-terminal tests prove the panic
    // path restores the terminal by asking for a panic after the first frame.
    let panic_for_test =
        cfg!(debug_assertions) && std::env::var_os("SIGTOKEN_TEST_PANIC").is_some();
    if let Ok(size) = terminal.size() {
        app.update(Action::Resize(size.width, size.height));
    }
    let mut last_tick = (options.clock)().timestamp();
    loop {
        terminal.draw(|frame| hits = ui::render(&app, frame))?;
        if panic_for_test {
            panic!("panic requested by SIGTOKEN_TEST_PANIC");
        }
        if app.should_quit() {
            return Ok(());
        }
        // Wake at the next whole second for the clock, or at once for input.
        let now = (options.clock)();
        let wait = 1000 - u64::from(now.timestamp_subsec_millis().min(999));
        if !event::poll(Duration::from_millis(wait))? {
            let now = (options.clock)();
            last_tick = now.timestamp();
            app.update(Action::Tick(now));
            continue;
        }
        // Take every event that is already waiting before drawing again, so a burst of
        // keys (an unbracketed paste) costs one frame, not one per key.
        loop {
            let action = match event::read()? {
                Event::Key(key) => keymap::dispatch(&app, &key),
                Event::Paste(text) => Some(Action::Paste(text)),
                Event::Resize(width, height) => Some(Action::Resize(width, height)),
                Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
                    hits.at(mouse.column, mouse.row).map(Action::Focus)
                }
                _ => None,
            };
            if let Some(action) = action
                && let Some(Effect::Copy { target, text }) = app.update(action)
            {
                let outcome = clipboard.copy(&text, terminal.backend_mut());
                app.update(Action::Copied(target, outcome));
            }
            if app.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        // Steady typing never lets the poll time out: keep the clock going anyway.
        let now = (options.clock)();
        if now.timestamp() != last_tick {
            last_tick = now.timestamp();
            app.update(Action::Tick(now));
        }
    }
}
