//! The interactive console: terminal set-up and restore, and the event loop that turns
//! terminal events into [`action::Action`]s for the runtime to apply.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod derive;
pub mod field;
pub mod help;
pub mod keyjoin;
pub mod keymap;
pub mod model;
pub mod runtime;
pub mod ui;

use action::Action;
use app::App;
use chrono::{DateTime, Utc};
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
use runtime::Runtime;
use std::io::{self, Stdout, Write};
use std::time::Duration;

/// Runtime options that are not part of the console's state (whether the mouse is
/// captured is: [`App::mouse`], so the view says "or click" only when a click works).
pub struct Options {
    /// Where "now" comes from.
    pub clock: Box<dyn Fn() -> DateTime<Utc>>,
    /// Where F9 saves reports; without it, they are copied.
    pub report_dir: Option<std::path::PathBuf>,
    /// Clear the system clipboard this long after a copy, if it still holds the copy.
    pub clear_clipboard_after: Option<Duration>,
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
        // The terminal belongs to the UI thread; a worker's panic is reported to the UI
        // instead (see `Runtime::perform`), so the terminal stays as it is.
        if std::thread::current().name() != Some("main") {
            return;
        }
        restore_terminal();
        if cfg!(debug_assertions) {
            previous(info);
        } else {
            // Release builds: one short line, no raw backtrace.
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!(
                "sigtoken: internal error ({message}{place}). The terminal was restored; please report this."
            );
        }
    }));
}

/// SIGTERM, SIGHUP and SIGINT restore the terminal before the program ends (ratatui's
/// panic hook does not cover signals). Returns the handle that stops the watcher.
#[cfg(unix)]
fn watch_signals() -> io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore_terminal();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(handle)
}

/// Runs the console until the user quits. The app gets [`Action::Start`] first (it starts
/// the diagnosis of a client token given at start).
pub fn run(app: App, options: Options) -> io::Result<()> {
    install_panic_hook();
    #[cfg(unix)]
    let signals = watch_signals()?;
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    let entered = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
        if app.mouse() {
            execute!(stdout, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    let result = entered
        .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())))
        .and_then(|mut terminal| event_loop(&mut terminal, app, &options));
    restore_terminal();
    #[cfg(unix)]
    signals.close();
    result
}

/// What a terminal event means to the console, if anything.
fn action_of(event: Event, app: &App, hits: &ui::Hits) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::dispatch(&app.scopes(), &key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
            hits.at(mouse.column, mouse.row).map(Action::Focus)
        }
        _ => None,
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    mut app: App,
    options: &Options,
) -> io::Result<()> {
    let mut runtime = Runtime::new(options.report_dir.clone(), options.clear_clipboard_after);
    runtime.handle(&mut app, Action::Start, terminal.backend_mut());
    let mut hits = ui::Hits::default();
    // A test-only hook, in debug builds only: the pseudo-terminal tests prove the panic
    // path restores the terminal by asking for a panic after the first frame.
    let panic_for_test =
        cfg!(debug_assertions) && std::env::var_os("SIGTOKEN_TEST_PANIC").is_some();
    if let Ok(size) = terminal.size() {
        let resize = Action::Resize(size.width, size.height);
        runtime.handle(&mut app, resize, terminal.backend_mut());
    }
    let mut last_tick = (options.clock)().timestamp();
    loop {
        terminal.draw(|frame| hits = ui::render(&app, frame))?;
        if panic_for_test {
            panic!("panic requested by SIGTOKEN_TEST_PANIC");
        }
        if app.should_quit() {
            runtime.cancel();
            return Ok(());
        }
        // Wake at the next whole second for the clock, at once for input, and often
        // while a diagnosis runs, to show its progress.
        let now = (options.clock)();
        let mut wait = 1000 - u64::from(now.timestamp_subsec_millis().min(999));
        if runtime.is_busy() {
            wait = wait.min(50);
        }
        if event::poll(Duration::from_millis(wait))? {
            // Take every event that is already waiting before drawing again, so a burst
            // of keys (an unbracketed paste) costs one frame, not one per key. Within a
            // burst, an escape code's tail after an Esc is joined into its key.
            let mut keys = keyjoin::KeyJoiner::default();
            let mut next = Some(event::read()?);
            loop {
                let ended = next.is_none();
                for event in keys.take(next) {
                    if let Some(action) = action_of(event, &app, &hits) {
                        runtime.handle(&mut app, action, terminal.backend_mut());
                    }
                }
                if ended || app.should_quit() {
                    break;
                }
                // A zero timeout only looks at what crossterm has already read; a short
                // one also reads what the terminal has sent since, so a burst of keys
                // (a paste without bracketed paste) is taken whole before the next frame.
                next = event::poll(keys.patience())?
                    .then(event::read)
                    .transpose()?;
            }
        }
        runtime.poll_worker(&mut app, terminal.backend_mut());
        runtime.clear_clipboard(&mut app, terminal.backend_mut());
        // The clock ticks once a second, also while keys keep coming.
        let now = (options.clock)();
        if now.timestamp() != last_tick {
            last_tick = now.timestamp();
            runtime.handle(&mut app, Action::Tick(now), terminal.backend_mut());
        }
    }
}
