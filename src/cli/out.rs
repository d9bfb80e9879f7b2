//! How the commands speak on stderr and end: errors, warnings, notes and findings, one
//! line each as `sigtoken: error: …` (cargo's and git's form), a `help: …` line under an
//! error with a fix to suggest, and the exit statuses. On a terminal the labels are
//! coloured as cargo colours them (src/cli/style.rs); the words never change.

use super::style;
use crate::checks::Finding;
use crate::palette::{self, Look};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Status 2: usage or input errors.
pub const EXIT_USAGE: u8 = 2;
/// Status 1: a negative verdict.
pub const EXIT_NEGATIVE: u8 = 1;

/// What separates an error from the fix it suggests in one message: see [`with_help`].
const HELP_MARK: &str = "\nhelp: ";

/// An error message with the fix to suggest: [`fail`] prints the error on its
/// `sigtoken: error:` line and the fix on a `help:` line under it.
pub fn with_help(message: impl std::fmt::Display, help: impl std::fmt::Display) -> String {
    format!("{message}{HELP_MARK}{help}")
}

/// Prints `sigtoken: error: message` on stderr (and `help: …` under it when the message
/// came from [`with_help`]), and returns status 2. The message goes through [`redact`]:
/// it may quote what the user typed, and that may be the certificate.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    let message = message.to_string();
    let (error, help) = match message.split_once(HELP_MARK) {
        Some((error, help)) => (error, Some(help)),
        None => (message.as_str(), None),
    };
    say(palette::ERROR, "error", error);
    if let Some(help) = help {
        let line = format!("{} {}", style::label(palette::HELP, "help:"), redact(help));
        write_stderr(&line);
    }
    ExitCode::from(EXIT_USAGE)
}

/// Prints `sigtoken: warning: message` on stderr.
pub fn warn(message: impl std::fmt::Display) {
    say(palette::WARNING, "warning", &message.to_string());
}

/// Prints `sigtoken: note: message` on stderr.
pub fn note(message: impl std::fmt::Display) {
    say(palette::NOTE, "note", &message.to_string());
}

/// One `sigtoken: LABEL: message` line, the label styled, the message redacted.
fn say(look: Look, label: &str, message: &str) {
    let label = style::label(look, &format!("{label}:"));
    write_stderr(&format!("sigtoken: {label} {}", redact(message)));
}

/// A line with styles on stderr, not a message: what `generate --show-input` shows.
pub fn eprintln_styled(line: &str) {
    write_stderr(line);
}

/// A line on stderr, its styles dropped where colour is off. A stderr that cannot be
/// written to has no one to tell.
fn write_stderr(line: &str) {
    let _ = writeln!(anstream::stderr().lock(), "{line}");
}

/// clap's error for a command line it refused, in the same form as every other error:
/// `sigtoken: error: …`, a `help:` line for clap's tip, then clap's usage block as cargo
/// and git print theirs (`Usage: …`, `For more information, try '--help'.`). The text
/// is clap's, already redacted.
pub fn print_clap_error(text: &str) {
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = if let Some(error) = line.strip_prefix("error: ") {
            format!(
                "sigtoken: {} {error}",
                style::label(palette::ERROR, "error:")
            )
        } else if let Some(tip) = line.trim_start().strip_prefix("tip: ") {
            format!("{} {tip}", style::label(palette::HELP, "help:"))
        } else if let Some(usage) = line.strip_prefix("Usage:") {
            format!("{}{usage}", style::heading("Usage:"))
        } else {
            line.to_string()
        };
        lines.push(line);
    }
    write_stderr(&lines.join("\n"));
}

/// The one redaction rule for every message that quotes user input: the certificate in
/// `AGORA_APP_CERTIFICATE` (in any case), and any run of 30 to 34 hex characters with a
/// lower-case letter (a certificate, or one a character or two off), are shown as
/// `<value not shown>`: the same words either way, so a message never confirms a guess.
pub fn redact(text: &str) -> String {
    let mut text = match std::env::var(crate::secret::CERTIFICATE_ENV) {
        Ok(certificate) => crate::secret::mask(text, &certificate)
            .replace(crate::secret::NOT_SHOWN, crate::secret::VALUE_NOT_SHOWN),
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
                // A certificate, or one that lost or gained a character or two.
                let near = (30..=34).contains(&(i - s));
                if near && text[s..i].bytes().any(|b| b.is_ascii_lowercase()) {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    for run in runs.into_iter().rev() {
        text.replace_range(run, crate::secret::VALUE_NOT_SHOWN);
    }
    text
}

/// Prints findings on stderr, one line each (`sigtoken: note: …`), so a script's stdout
/// stays clean. The sentences are the core's own, never a certificate: they are not
/// redacted (an App ID they quote stays readable).
pub fn print_findings(findings: &[Finding]) {
    for f in findings {
        print_finding(f, f.severity);
    }
}

/// Like [`print_findings`], beside a token the command makes: a past expiry is a
/// warning there, not an error (see [`Finding::severity_beside_a_token`]).
pub fn print_findings_beside_a_token(findings: &[Finding]) {
    for f in findings {
        print_finding(f, f.severity_beside_a_token());
    }
}

fn print_finding(f: &Finding, severity: crate::checks::Severity) {
    let label = style::label(palette::severity(severity), &format!("{severity}:"));
    write_stderr(&format!("sigtoken: {label} {}", crate::present::finding(f)));
}

/// The first failure to write to stdout, if any: `finish` reports it.
static STDOUT_FAILED: Mutex<Option<String>> = Mutex::new(None);

/// Writes `text` to stdout. A write that fails (a full disk, a reader gone) never panics: the first failure is kept, and [`finish`] reports it.
pub fn print(text: &str) {
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        remember(e);
    }
}

/// Writes text with styles to stdout: they are dropped where colour is off (a pipe,
/// `NO_COLOR`, `--color never`). Failures are kept as [`print`] keeps them.
pub fn print_styled(text: &str) {
    if let Err(e) = anstream::stdout().lock().write_all(text.as_bytes()) {
        remember(e);
    }
}

/// [`print_styled`] with a line break.
pub fn println_styled(text: &str) {
    print_styled(&format!("{text}\n"));
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
    say(
        palette::ERROR,
        "error",
        &format!("writing to stdout: {error}"),
    );
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
    fail(with_help(
        "stdout is closed: what this command prints would be lost",
        "give it a file or a pipe (> FILE)",
    ));
    Some(ExitCode::from(EXIT_NEGATIVE))
}
