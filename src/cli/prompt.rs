//! The hidden certificate prompt, which gives the terminal back on every way out: Enter,
//! Ctrl-D, an error, and the signals that end the process (Ctrl-C, Ctrl-\, SIGTERM,
//! SIGHUP, …), which would otherwise leave echo off in the shell that ran sigtoken.

/// The terminal's mode from before the prompt, while the prompt runs.
#[cfg(unix)]
static SAVED: std::sync::Mutex<Option<crate::tty::Mode>> = std::sync::Mutex::new(None);

/// Reads a line with echo off, at the controlling terminal.
pub fn hidden(prompt: &str) -> std::io::Result<String> {
    #[cfg(unix)]
    {
        let saved = crate::tty::Mode::now();
        if let Ok(mut slot) = SAVED.lock() {
            *slot = saved;
        }
        watch_signals();
        let line = rpassword::prompt_password(prompt);
        if let Ok(mut slot) = SAVED.lock() {
            *slot = None;
        }
        // The prompt reads keys itself: Ctrl-C comes back as this error (with a SIGINT
        // sent to the watcher). It ends the run as Ctrl-C does, not as a failed read.
        if line
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::Interrupted)
        {
            if let Some(mode) = saved {
                mode.restore();
            }
            crate::tty::die_of(libc::SIGINT);
        }
        line
    }
    #[cfg(not(unix))]
    rpassword::prompt_password(prompt)
}

/// Starts, once, a thread that takes the ending signals: it puts the terminal's mode back
/// if a prompt is running, ends the line the prompt left open, and dies of the signal.
/// It stays for the rest of the run: once caught, a signal cannot simply go back to its
/// default action, so the thread gives every later one its default outcome too.
#[cfg(unix)]
fn watch_signals() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // Not SIGPIPE: the prompt writes to the terminal, never to a pipe, and a command
        // piped into `head` must keep ending quietly on it, at once (see main.rs).
        let ending = crate::tty::ENDING
            .iter()
            .copied()
            .filter(|&signal| signal != libc::SIGPIPE);
        let Ok(mut signals) = signal_hook::iterator::Signals::new(ending) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("prompt-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // A poisoned lock still holds the mode: the terminal comes first.
                    let saved = match SAVED.lock() {
                        Ok(slot) => *slot,
                        Err(poisoned) => *poisoned.into_inner(),
                    };
                    if let Some(mode) = saved {
                        mode.restore();
                        crate::tty::write_to_tty(b"\n");
                    }
                    crate::tty::die_of(signal);
                }
            });
    });
}
