//! The signals the console answers: the ones that end the process (SIGTERM, SIGHUP,
//! SIGINT, SIGQUIT, SIGPIPE, …: [`crate::tty::ENDING`]), SIGTSTP (suspend) and SIGCONT
//! (resumed). A watcher thread takes them and asks the UI thread, which owns the
//! terminal, to act; it wakes the UI by raising SIGWINCH, which the event source reads as
//! a resize. If the UI thread does not end the process soon (it is stuck writing a frame
//! to a terminal that stopped reading), the watcher gives the terminal back itself, over
//! whatever the UI could not send, and ends the process.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

/// How long the UI thread has to end the process before the watcher does it.
const GRACE: Duration = Duration::from_millis(300);

/// An ending signal the UI must act on (0 for none).
static ENDING: AtomicI32 = AtomicI32::new(0);
static SUSPEND: AtomicBool = AtomicBool::new(false);
static RESUMED: AtomicBool = AtomicBool::new(false);

/// What a signal asks of the UI thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Give the terminal back and die of this signal.
    End(i32),
    /// Give the terminal back and stop, as Ctrl-Z does.
    Suspend,
    /// The process was continued: take the terminal again and redraw all of it.
    Resume,
}

/// Whether a signal is ending the console.
pub fn ending() -> bool {
    ENDING.load(Ordering::Relaxed) != 0
}

/// The most urgent request waiting, if any; taking it clears it.
pub fn take() -> Option<Request> {
    match ENDING.load(Ordering::SeqCst) {
        0 => {}
        signal => return Some(Request::End(signal)),
    }
    if SUSPEND.swap(false, Ordering::SeqCst) {
        return Some(Request::Suspend);
    }
    RESUMED
        .swap(false, Ordering::SeqCst)
        .then_some(Request::Resume)
}

/// The watcher; closing it stops the thread (the process keeps the handlers, which then
/// do nothing: the console is over by then).
pub struct Watcher(signal_hook::iterator::Handle);

impl Watcher {
    pub fn close(self) {
        self.0.close();
    }
}

/// Starts the watcher. `give_back` is what the terminal gets when the UI thread is stuck:
/// the escapes that undo the console's modes; `mode` is the terminal's mode from before.
pub fn watch(give_back: Vec<u8>, mode: Option<crate::tty::Mode>) -> std::io::Result<Watcher> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut wanted = crate::tty::ENDING.to_vec();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => SUSPEND.store(true, Ordering::SeqCst),
                    SIGCONT => RESUMED.store(true, Ordering::SeqCst),
                    _ => {
                        ENDING.store(signal, Ordering::SeqCst);
                        wake_the_ui();
                        std::thread::sleep(GRACE);
                        // Still running: the UI thread is stuck.
                        crate::tty::write_over_stuck_output(&give_back);
                        if let Some(mode) = mode {
                            mode.restore();
                        }
                        crate::tty::die_of(signal);
                    }
                }
                wake_the_ui();
            }
        })?;
    Ok(Watcher(handle))
}

/// Wakes the event loop: the terminal event source reads SIGWINCH as a resize.
fn wake_the_ui() {
    let _ = signal_hook::low_level::raise(libc::SIGWINCH);
}
