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
#[cfg(unix)]
pub mod signals;
pub mod system_clipboard;
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
use std::io::{self, Write};
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

/// The escapes that undo the console's modes: mouse and bracketed paste off, the main
/// screen back, the cursor shown. One list for every way out.
fn give_back_escapes() -> String {
    use crossterm::Command;
    let mut out = String::new();
    let _ = DisableMouseCapture.write_ansi(&mut out);
    let _ = DisableBracketedPaste.write_ansi(&mut out);
    let _ = LeaveAlternateScreen.write_ansi(&mut out);
    let _ = crossterm::cursor::Show.write_ansi(&mut out);
    out
}

/// Puts the terminal back as it was: cooked mode, main screen, cursor shown, mouse and
/// bracketed paste off. Safe to call more than once and from a panic hook.
pub fn restore_terminal() {
    // Never gives up: if the terminal is stuck, the signal thread writes the reset.
    #[cfg(unix)]
    let out = crate::tty::Output::open(|| false);
    #[cfg(not(unix))]
    let out = screen();
    if let Ok(mut out) = out {
        let _ = out.write_all(give_back_escapes().as_bytes());
        let _ = out.flush();
    }
    let _ = disable_raw_mode();
}

/// Takes the terminal for the console: raw mode, the alternate screen, bracketed paste,
/// and the mouse when asked for. Also after a suspend: each step is safe to repeat.
fn take_terminal(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = screen()?;
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
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
            // The commands' error form (src/cli/out.rs), unstyled: a panic is no time
            // to ask the terminal about colour.
            eprintln!(
                "sigtoken: error: internal error ({message}{place}); the terminal was \
                 restored\nhelp: please report this"
            );
        }
    }));
}

/// Runs the console until the user quits. The app gets [`Action::Start`] first (it starts
/// the diagnosis of a client token given at start). Every signal that ends the process
/// gives the terminal back first, and Ctrl-Z or SIGTSTP suspends (see [`signals`]).
pub fn run(app: App, options: Options) -> io::Result<()> {
    install_panic_hook();
    #[cfg(unix)]
    let signals = signals::watch(give_back_escapes().into_bytes(), crate::tty::Mode::now())?;
    let result = take_terminal(app.mouse())
        .and_then(|()| Terminal::new(CrosstermBackend::new(screen()?)))
        .and_then(|mut terminal| event_loop(&mut terminal, app, &options));
    restore_terminal();
    // A signal that ended the console mid-frame (its writes give up then).
    #[cfg(unix)]
    if let Some(signals::Request::End(signal)) = signals::take() {
        crate::tty::die_of(signal);
    }
    #[cfg(unix)]
    signals.close();
    result
}

/// Where the console draws. On Unix, the terminal through a handle that never blocks
/// in the kernel, which gives up once a signal ends the console (see [`signals`]).
#[cfg(unix)]
pub type Screen = io::BufWriter<crate::tty::Output>;
#[cfg(not(unix))]
pub type Screen = io::Stdout;

fn screen() -> io::Result<Screen> {
    #[cfg(unix)]
    return crate::tty::Output::open(signals::ending).map(io::BufWriter::new);
    #[cfg(not(unix))]
    Ok(io::stdout())
}

/// Answers a signal's request, or the app's Ctrl-Z. Returns only if the console goes on.
#[cfg(unix)]
fn answer(
    request: signals::Request,
    terminal: &mut Terminal<CrosstermBackend<Screen>>,
    mouse: bool,
) -> io::Result<()> {
    use signals::Request;
    match request {
        Request::End(signal) => {
            restore_terminal();
            crate::tty::die_of(signal)
        }
        Request::Suspend => {
            restore_terminal();
            crate::tty::stop_self();
            take_terminal(mouse)?;
            redraw_all(terminal)
        }
        // The shell may have put the terminal back in cooked mode, and drawn over it.
        Request::Resume => {
            take_terminal(mouse)?;
            redraw_all(terminal)
        }
    }
}

/// Makes the next frame draw every cell: the screen is cleared, and ratatui's idea of it
/// with it. (`Terminal::clear` would ask the terminal where its cursor is, and fail on
/// a terminal that does not answer.)
fn redraw_all(terminal: &mut Terminal<CrosstermBackend<Screen>>) -> io::Result<()> {
    use crossterm::terminal::{Clear, ClearType};
    execute!(terminal.backend_mut(), Clear(ClearType::All))?;
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    Ok(())
}

/// Takes every event that is already waiting before drawing again, so a burst of keys
/// (an unbracketed paste) costs one frame, not one per key. Within a burst, an escape
/// code's tail after an Esc is joined into its key. Returns whether the terminal was
/// resized: the screen may then hold anything (a terminal cuts or reflows what it showed,
/// and a burst may end at the size the last frame was drawn at), so all of it is drawn.
fn take_burst(
    terminal: &mut Terminal<CrosstermBackend<Screen>>,
    app: &mut App,
    runtime: &mut Runtime,
    hits: &ui::Hits,
) -> io::Result<bool> {
    let mut keys = keyjoin::KeyJoiner::default();
    let mut next = Some(event::read()?);
    let mut resized = false;
    loop {
        let ended = next.is_none();
        for event in keys.take(next) {
            resized |= matches!(event, Event::Resize(..));
            if let Some(action) = action_of(event, app, hits) {
                runtime.handle(app, action, terminal.backend_mut());
            }
        }
        if ended || app.should_quit() {
            return Ok(resized);
        }
        // A zero timeout only looks at what crossterm has already read; a short one also
        // reads what the terminal has sent since, so a burst of keys (a paste without
        // bracketed paste) is taken whole before the next frame.
        next = event::poll(keys.patience())?
            .then(event::read)
            .transpose()?;
    }
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
    terminal: &mut Terminal<CrosstermBackend<Screen>>,
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
        #[cfg(unix)]
        {
            let suspend = runtime.take_suspend().then_some(signals::Request::Suspend);
            if let Some(request) = signals::take().or(suspend) {
                answer(request, terminal, app.mouse())?;
            }
        }
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
        if event::poll(Duration::from_millis(wait))?
            && take_burst(terminal, &mut app, &mut runtime, &hits)?
        {
            redraw_all(terminal)?;
        }
        runtime.poll_worker(&mut app, terminal.backend_mut());
        runtime.poll_clipboard(&mut app, terminal.backend_mut());
        // The clock ticks once a second, also while keys keep coming.
        let now = (options.clock)();
        if now.timestamp() != last_tick {
            last_tick = now.timestamp();
            runtime.handle(&mut app, Action::Tick(now), terminal.backend_mut());
        }
    }
}
