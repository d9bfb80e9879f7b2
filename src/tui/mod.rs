//! The interactive console: terminal set-up and restore, and the event loop that turns
//! terminal events into [`app::Action`]s.

pub mod app;
pub mod clipboard;
pub mod field;
pub mod keymap;
pub mod ui;

use crate::diagnose::{self, Control, Report};
use app::{Action, App, CopyOutcome, Effect};
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
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// Runtime options that are not part of the console's state.
pub struct Options {
    /// Capture the mouse so a click focuses a field. Off by default, so the terminal's
    /// own selection (to copy the token by hand) keeps working.
    pub mouse: bool,
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
        // instead (see `Runtime::run`), so the terminal stays as it is.
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

/// Runs the console until the user quits. `first_effect` is work the app asked for
/// while it was made (a diagnosis of a client token given at start).
pub fn run(app: App, first_effect: Option<Effect>, options: Options) -> io::Result<()> {
    install_panic_hook();
    #[cfg(unix)]
    let signals = watch_signals()?;
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
        .and_then(|mut terminal| event_loop(&mut terminal, app, &options, first_effect));
    restore_terminal();
    #[cfg(unix)]
    signals.close();
    result
}

/// The diagnosis running on a worker thread, if any.
struct Worker {
    generation: u64,
    control: Arc<Control>,
}

/// A finished diagnosis, tagged with the generation it was asked for under.
type Finished = (u64, Option<Report>);

/// Runs the work `update` asked for.
struct Runtime {
    clipboard: Clipboard,
    clear_after: Option<Duration>,
    /// When to clear the clipboard, and what sigtoken put there.
    pending_clear: Option<(std::time::Instant, String)>,
    report_dir: Option<std::path::PathBuf>,
    worker: Option<Worker>,
    results: (Sender<Finished>, Receiver<Finished>),
}

impl Runtime {
    fn run(
        &mut self,
        effect: Effect,
        app: &mut App,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    ) {
        match effect {
            Effect::Copy { target, text } => {
                let outcome = self.clipboard.copy(&text, terminal.backend_mut());
                if let (CopyOutcome::System { .. }, Some(after)) = (&outcome, self.clear_after) {
                    self.pending_clear = Some((std::time::Instant::now() + after, text));
                }
                self.update(app, Action::Copied(target, outcome), terminal);
            }
            Effect::Diagnose { generation, job } => {
                self.cancel();
                let control = Arc::new(Control::default());
                let sender = self.results.0.clone();
                let worker_control = control.clone();
                std::thread::spawn(move || {
                    // A panic here must not take the UI with it: it is reported instead.
                    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        diagnose::diagnose_with(&job.request(), &worker_control)
                    }))
                    .ok();
                    let _ = sender.send((generation, report));
                });
                self.worker = Some(Worker {
                    generation,
                    control,
                });
            }
            Effect::CancelDiagnosis => self.cancel(),
            Effect::Report { markdown } => {
                let result = match &self.report_dir {
                    Some(dir) => {
                        let name = format!(
                            "sigtoken-report-{}.md",
                            chrono::Utc::now().format("%Y%m%d-%H%M%S")
                        );
                        let path = dir.join(name);
                        std::fs::write(&path, markdown)
                            .map(|()| format!("saved to {}", path.display()))
                            .map_err(|e| format!("saving to {}: {e}", dir.display()))
                    }
                    None => match self.clipboard.copy(&markdown, terminal.backend_mut()) {
                        CopyOutcome::System { .. } => {
                            Ok("copied to the system clipboard".to_string())
                        }
                        CopyOutcome::Osc52 { why } => Ok(format!("sent via OSC 52 ({why})")),
                        CopyOutcome::Failed { why } => Err(why),
                    },
                };
                self.update(app, Action::Reported(result), terminal);
            }
        }
    }

    fn update(
        &mut self,
        app: &mut App,
        action: Action,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    ) {
        if let Some(effect) = app.update(action) {
            self.run(effect, app, terminal);
        }
    }

    fn cancel(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.control.cancel();
        }
    }

    /// Clears the clipboard when its time has come.
    fn clear_clipboard(
        &mut self,
        app: &mut App,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    ) {
        let due = self
            .pending_clear
            .as_ref()
            .is_some_and(|(when, _)| std::time::Instant::now() >= *when);
        if !due {
            return;
        }
        if let Some((_, text)) = self.pending_clear.take() {
            let result = match self.clipboard.clear_if_unchanged(&text) {
                Ok(true) => Ok("cleared".to_string()),
                Ok(false) => Ok("left alone: it holds something else now".to_string()),
                Err(e) => Err(e),
            };
            self.update(app, Action::ClipboardCleared(result), terminal);
        }
    }

    /// Hands finished diagnoses and the running one's progress to the app.
    fn poll_worker(&mut self, app: &mut App, terminal: &mut Terminal<CrosstermBackend<Stdout>>) {
        while let Ok((generation, report)) = self.results.1.try_recv() {
            if self
                .worker
                .as_ref()
                .is_some_and(|w| w.generation == generation)
            {
                self.worker = None;
            }
            let action = match report {
                Some(report) => Action::Diagnosed(generation, Box::new(report)),
                None => Action::DiagnosisFailed(generation),
            };
            self.update(app, action, terminal);
        }
        if let Some(worker) = &self.worker {
            let (tried, total) = worker.control.progress();
            let generation = worker.generation;
            self.update(
                app,
                Action::DiagnosisProgress(generation, tried, total),
                terminal,
            );
        }
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    mut app: App,
    options: &Options,
    first_effect: Option<Effect>,
) -> io::Result<()> {
    let mut runtime = Runtime {
        clipboard: Clipboard::new(&Environment::from_process()),
        clear_after: options.clear_clipboard_after,
        pending_clear: None,
        report_dir: options.report_dir.clone(),
        worker: None,
        results: mpsc::channel(),
    };
    if let Some(effect) = first_effect {
        runtime.run(effect, &mut app, terminal);
    }
    let mut hits = ui::Hits::default();
    // A test-only hook, in debug builds only: the pseudo-terminal tests prove the panic
    // path restores the terminal by asking for a panic after the first frame.
    let panic_for_test =
        cfg!(debug_assertions) && std::env::var_os("SIGTOKEN_TEST_PANIC").is_some();
    if let Ok(size) = terminal.size() {
        runtime.update(&mut app, Action::Resize(size.width, size.height), terminal);
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
        if runtime.worker.is_some() {
            wait = wait.min(50);
        }
        if event::poll(Duration::from_millis(wait))? {
            // Take every event that is already waiting before drawing again, so a burst
            // of keys (an unbracketed paste) costs one frame, not one per key.
            loop {
                let action = match event::read()? {
                    Event::Key(key) => keymap::dispatch(&app, &key),
                    Event::Paste(text) => Some(Action::Paste(text)),
                    Event::Resize(width, height) => Some(Action::Resize(width, height)),
                    Event::Mouse(mouse)
                        if mouse.kind == MouseEventKind::Down(MouseButton::Left) =>
                    {
                        hits.at(mouse.column, mouse.row).map(Action::Focus)
                    }
                    _ => None,
                };
                if let Some(action) = action {
                    runtime.update(&mut app, action, terminal);
                }
                // A zero timeout only looks at what crossterm has already read; a short
                // one also reads what the terminal has sent since, so a burst of keys
                // (a paste without bracketed paste) is taken whole before the next frame.
                if app.should_quit() || !event::poll(Duration::from_millis(1))? {
                    break;
                }
            }
        }
        runtime.poll_worker(&mut app, terminal);
        runtime.clear_clipboard(&mut app, terminal);
        // The clock ticks once a second, also while keys keep coming.
        let now = (options.clock)();
        if now.timestamp() != last_tick {
            last_tick = now.timestamp();
            runtime.update(&mut app, Action::Tick(now), terminal);
        }
    }
}
