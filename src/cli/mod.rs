//! The non-interactive commands, and what they share with the console: where the
//! certificate comes from, and how errors are said.

pub mod batch;
pub mod diagnose;
pub mod explain;
pub mod generate;
pub mod report;
pub mod verify;

use clap::Args;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

pub const CERTIFICATE_ENV: &str = "AGORA_APP_CERTIFICATE";

/// Status 2: usage or input errors.
pub const EXIT_USAGE: u8 = 2;
/// Status 1: a negative verdict.
pub const EXIT_NEGATIVE: u8 = 1;

/// Prints `sigtoken: message` on stderr and returns status 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sigtoken: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Where the certificate comes from. It is never a value on the command line.
#[derive(Args, Clone, Default)]
pub struct CertificateArgs {
    /// Read the App Certificate from the first line of this file (`-` reads stdin)
    #[arg(long, value_name = "PATH")]
    pub certificate_file: Option<PathBuf>,

    /// Refused: the certificate is never a command-line value
    #[arg(
        long,
        aliases = ["app-certificate", "cert"],
        value_name = "CERT",
        hide = true,
        num_args = 0..=1
    )]
    pub certificate: Option<Option<String>>,
}

/// A certificate and a note on where it came from, for the user.
pub struct Certificate {
    pub value: crate::secret::Secret,
    pub note: String,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Certificate(<redacted>, {:?})", self.note)
    }
}

impl CertificateArgs {
    /// The refusal, when someone tried to pass the certificate as a value.
    pub fn refusal(&self) -> Option<String> {
        self.certificate.as_ref().map(|_| {
            format!(
                "the App Certificate is never taken on the command line, where other users can \
                 read it. Set {CERTIFICATE_ENV}, or use --certificate-file PATH."
            )
        })
    }

    /// The certificate from the file (or stdin) or the environment; `None` when neither.
    pub fn read(&self) -> Result<Option<Certificate>, String> {
        if let Some(path) = &self.certificate_file {
            let (text, source): (zeroize::Zeroizing<String>, String) = if path.as_os_str() == "-" {
                (
                    zeroize::Zeroizing::new(read_limited(std::io::stdin().lock(), "stdin")?),
                    "stdin".to_string(),
                )
            } else {
                let file = std::fs::File::open(path)
                    .map_err(|e| format!("--certificate-file {}: {e}", path.display()))?;
                (
                    zeroize::Zeroizing::new(read_limited(
                        file,
                        &format!("--certificate-file {}", path.display()),
                    )?),
                    path.display().to_string(),
                )
            };
            let (value, ending, more_lines) = first_line(&text);
            let mut note = format!("App Certificate read from {source}");
            if let Some(ending) = ending {
                note.push_str(&format!(" (its trailing {ending} was stripped)"));
            }
            if more_lines {
                note.push_str("; only its first line is used");
            }
            return Ok(Some(Certificate {
                value: value.into(),
                note,
            }));
        }
        match std::env::var(CERTIFICATE_ENV) {
            Ok(value) => Ok(Some(Certificate {
                value: value.into(),
                note: format!("App Certificate taken from {CERTIFICATE_ENV}, exactly as set"),
            })),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("{CERTIFICATE_ENV} is not valid UTF-8"))
            }
        }
    }
}

impl CertificateArgs {
    /// The certificate from the file, stdin or the environment, or else typed at a
    /// hidden prompt when there is a terminal to type at. `None` when there is none.
    pub fn obtain(&self) -> Result<Option<Certificate>, String> {
        if let Some(c) = self.read()? {
            return Ok(Some(c));
        }
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Ok(None);
        }
        let value = rpassword::prompt_password("App Certificate (typing is hidden): ")
            .map_err(|e| format!("reading the certificate from the terminal: {e}"))?;
        Ok(Some(Certificate {
            value: value.into(),
            note: "App Certificate typed at the prompt".into(),
        }))
    }

    /// Like [`CertificateArgs::obtain`], but a certificate is required.
    pub fn require(&self) -> Result<Certificate, String> {
        self.obtain()?.ok_or_else(|| {
            format!(
                "no App Certificate: set {CERTIFICATE_ENV}, use --certificate-file PATH \
                 (- reads stdin), or run in a terminal to type it"
            )
        })
    }
}

/// The inputs most commands take, and their sources.
#[derive(Args, Clone)]
pub struct TokenInputs {
    /// The App ID (32 hex characters, as the console shows it)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    pub app_id: String,

    /// The expiry: Unix seconds (1546271999), RFC 3339 (2018-12-31T15:59:59Z), a UTC
    /// date-time (2018-12-31 15:59:59) or a duration from now (+3600, +1h30m, +7d)
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    pub expiry: String,

    /// "Now" for a relative expiry and the expiry checks (Unix seconds or RFC 3339)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,

    #[command(flatten)]
    pub certificate: CertificateArgs,
}

impl TokenInputs {
    pub fn now(&self) -> Result<chrono::DateTime<chrono::Utc>, String> {
        match self.now.as_deref().map(crate::expiry::parse_now) {
            None => Ok(chrono::Utc::now()),
            Some(Ok(t)) => Ok(t),
            Some(Err(e)) => Err(format!("--now: {e}")),
        }
    }

    pub fn expiry(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::expiry::Expiry, String> {
        crate::expiry::parse(&self.expiry, now).map_err(|e| format!("--expiry: {e}"))
    }
}

/// Prints warnings for the findings that matter (errors and warnings) on stderr, one
/// line each, so a script's stdout stays clean.
pub fn warn_findings(findings: &[crate::checks::Finding]) {
    for f in findings
        .iter()
        .filter(|f| f.severity != crate::checks::Severity::Note)
    {
        eprintln!("sigtoken: {}: {} ({})", f.severity, f.message, f.why);
    }
}

/// A certificate is 32 characters: never read more than a little of a huge file (or
/// of /dev/zero).
const READ_LIMIT: u64 = 64 * 1024;

fn read_limited(source: impl Read, what: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    source
        .take(READ_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{what}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{what}: not UTF-8 text"))
}

/// The first line of `text`, the line ending that was stripped from it, and whether
/// more lines follow.
pub fn first_line(text: &str) -> (&str, Option<&'static str>, bool) {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let more_lines = text.len() > first.len();
    if let Some(v) = first.strip_suffix("\r\n") {
        (v, Some("CRLF line ending"), more_lines)
    } else if let Some(v) = first.strip_suffix('\n') {
        (v, Some("newline"), more_lines)
    } else {
        (first, None, more_lines)
    }
}

/// Reads a list file: one entry per line, `\n` separated, a `\r` before it stripped.
/// Entry `i` is on line `i + 1`: blank lines are kept (as empty entries) so that line
/// numbers in messages are right.
pub fn read_lines(path: &PathBuf, flag: &str) -> Result<Vec<String>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?;
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_strips_one_line_ending() {
        assert_eq!(first_line("abc\n"), ("abc", Some("newline"), false));
        assert_eq!(
            first_line("abc\r\n"),
            ("abc", Some("CRLF line ending"), false)
        );
        assert_eq!(first_line("abc"), ("abc", None, false));
        assert_eq!(first_line("abc\nxyz\n"), ("abc", Some("newline"), true));
        assert_eq!(first_line("abc \n"), ("abc ", Some("newline"), false));
        assert_eq!(first_line(""), ("", None, false));
    }

    #[test]
    fn debug_hides_the_value() {
        let c = Certificate {
            value: crate::secret::Secret::new("fe1a0437bf217bdd34cd65053fb0fe1d"),
            note: "from env".into(),
        };
        assert!(!format!("{c:?}").contains("fe1a"));
    }
}
