//! How the commands speak on stderr and end: errors, warnings and findings, one line
//! each as `sigtoken: …`, and the exit statuses.

use crate::checks::Finding;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Status 2: usage or input errors.
pub const EXIT_USAGE: u8 = 2;
/// Status 1: a negative verdict.
pub const EXIT_NEGATIVE: u8 = 1;

/// Prints `sigtoken: message` on stderr and returns status 2. The message goes through
/// [`redact`]: it may quote what the user typed, and that may be the certificate.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sigtoken: {}", redact(&message.to_string()));
    ExitCode::from(EXIT_USAGE)
}

/// The one redaction rule for every message that quotes user input: the certificate in
/// `AGORA_APP_CERTIFICATE` (in any case), and any run of exactly 32 hex characters that
/// looks like a certificate, are shown as `<value not shown>`.
pub fn redact(text: &str) -> String {
    let mut text = match std::env::var(crate::secret::CERTIFICATE_ENV) {
        Ok(certificate) => crate::secret::mask(text, &certificate),
        Err(_) => text.to_string(),
    };
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut start = None;
    for i in 0..=bytes.len() {
        let hex = i < bytes.len() && bytes[i].is_ascii_hexdigit();
        match (hex, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s == 32 && crate::visible::looks_like_a_certificate(&text[s..i]) {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    for run in runs.into_iter().rev() {
        text.replace_range(run, "<value not shown>");
    }
    text
}

/// Prints `sigtoken: warning: message` on stderr.
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("sigtoken: warning: {message}");
}

/// Prints findings on stderr, one line each (`sigtoken: note: …`), so a script's stdout
/// stays clean.
pub fn print_findings(findings: &[Finding]) {
    for f in findings {
        eprintln!("sigtoken: {}: {}", f.severity, crate::present::finding(f));
    }
}

/// The first failure to write to stdout, if any: `finish` reports it.
static STDOUT_FAILED: Mutex<Option<String>> = Mutex::new(None);

/// Writes `text` to stdout. A write that fails (a full disk, a reader gone) never panics: the first failure is kept, and [`finish`] reports it.
pub fn print(text: &str) {
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        remember(e);
    }
}

/// [`print`] with a line break.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

fn remember(e: std::io::Error) {
    let mut failed = STDOUT_FAILED.lock().unwrap_or_else(|p| p.into_inner());
    failed.get_or_insert_with(|| e.to_string());
}

/// The command's status, unless its output could not be written: then one error line
/// and status 1, since what it printed is lost.
pub fn finish(status: ExitCode) -> ExitCode {
    if let Err(e) = std::io::stdout().lock().flush() {
        remember(e);
    }
    let failed = STDOUT_FAILED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    match failed {
        Some(e) => stdout_failed(&e),
        None => status,
    }
}

/// Says that stdout could not be written, in one line; returns status 1.
pub fn stdout_failed(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("sigtoken: error: writing to stdout: {error}");
    ExitCode::from(EXIT_NEGATIVE)
}

/// Whether stdout was closed when the process started (the binary looks before Rust's
/// runtime reopens it on /dev/null, and tells [`stdout_was_closed`]).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Records that fd 1 was closed at start: a command that writes to stdout then refuses.
pub fn stdout_was_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
}

/// When stdout was closed at start: one error line on stderr and status 1, before any
/// work, since what the command prints would reach no one.
pub fn refuse_closed_stdout() -> Option<ExitCode> {
    if !STDOUT_CLOSED.load(Ordering::Relaxed) {
        return None;
    }
    eprintln!(
        "sigtoken: error: stdout is closed: what this command prints would be lost; \
         give it a file or a pipe (> FILE)"
    );
    Some(ExitCode::from(EXIT_NEGATIVE))
}
