//! How the commands speak on stderr and end: errors, warnings and findings, one line
//! each as `sigtoken: …`, and the exit statuses.

use crate::checks::Finding;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

/// Status 2: usage or input errors.
pub const EXIT_USAGE: u8 = 2;
/// Status 1: a negative verdict.
pub const EXIT_NEGATIVE: u8 = 1;

/// Prints `sigtoken: message` on stderr and returns status 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sigtoken: {message}");
    ExitCode::from(EXIT_USAGE)
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
        Some(e) => {
            eprintln!("sigtoken: error: writing to stdout: {e}");
            ExitCode::from(EXIT_NEGATIVE)
        }
        None => status,
    }
}
