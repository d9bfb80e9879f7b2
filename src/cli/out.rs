//! How the commands speak on stderr and end: errors, warnings and findings, one line
//! each as `sigtoken: …`, and the exit statuses.

use crate::checks::Finding;
use std::process::ExitCode;

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
