//! The argument groups the commands share: where the certificate comes from, "now", the
//! project's settings, and the inputs of a token. Each is defined and checked here once.

use super::input::{first_line, read_limited};
use super::out::with_help;
use crate::checks::Finding;
use crate::expiry::{Expiry, Zone};
use crate::policy::{ProjectSettings, SettingsGiven};
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

pub use crate::secret::CERTIFICATE_ENV;

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
    /// The file held more than the certificate (a line ending, more lines): the note
    /// says what was left out, and a command says it on stderr.
    pub trimmed: bool,
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
            with_help(
                "the App Certificate is never taken on the command line, where other users can \
                 read it",
                format!("set {CERTIFICATE_ENV} or use --certificate-file PATH"),
            )
        })
    }

    /// Whether the certificate is to be read from stdin (`--certificate-file -`).
    pub fn reads_stdin(&self) -> bool {
        self.certificate_file
            .as_ref()
            .is_some_and(|p| p.as_os_str() == "-")
    }

    /// The certificate from the file (or stdin) or the environment; `None` when neither.
    pub fn read(&self) -> Result<Option<Certificate>, String> {
        if let Some(path) = &self.certificate_file {
            return read_file(path).map(Some);
        }
        match std::env::var(CERTIFICATE_ENV) {
            Ok(value) => Ok(Some(Certificate {
                value: value.into(),
                note: format!("App Certificate taken from {CERTIFICATE_ENV}, exactly as set"),
                trimmed: false,
            })),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("{CERTIFICATE_ENV} is not valid UTF-8"))
            }
        }
    }

    /// The certificate from the file, stdin or the environment, or else typed at a
    /// hidden prompt when there is a terminal to type at. `None` when there is none.
    pub fn obtain(&self) -> Result<Option<Certificate>, String> {
        if let Some(c) = self.read()? {
            if c.trimmed {
                super::out::note(&c.note);
            }
            return Ok(Some(c));
        }
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Ok(None);
        }
        let value = super::prompt::hidden("App Certificate (typing is hidden): ")
            .map_err(|e| format!("reading the certificate from the terminal: {e}"))?;
        Ok(Some(Certificate {
            value: value.into(),
            note: "App Certificate typed at the prompt".into(),
            trimmed: false,
        }))
    }

    /// Like [`CertificateArgs::obtain`], but a certificate is required.
    pub fn require(&self) -> Result<Certificate, String> {
        self.obtain()?.ok_or_else(missing_certificate)
    }
}

/// The message when a certificate is needed and none was given, with the fix.
pub fn missing_certificate() -> String {
    with_help(
        "no App Certificate",
        format!(
            "set {CERTIFICATE_ENV} or use --certificate-file PATH (- reads stdin), or run \
             in a terminal to type it"
        ),
    )
}

/// The certificate from the first line of a file, or of stdin for `-`.
fn read_file(path: &std::path::Path) -> Result<Certificate, String> {
    let (text, source) = if path.as_os_str() == "-" {
        (
            read_limited(std::io::stdin().lock(), "stdin")?,
            "stdin".to_string(),
        )
    } else {
        let what = format!("--certificate-file {}", path.display());
        let file = std::fs::File::open(path).map_err(|e| format!("{what}: {e}"))?;
        (read_limited(file, &what)?, path.display().to_string())
    };
    let text = zeroize::Zeroizing::new(text);
    let (value, ending, more_lines) = first_line(&text);
    let mut note = format!("App Certificate read from {source}");
    if let Some(ending) = ending {
        note.push_str(&format!(" (its trailing {ending} was stripped)"));
    }
    if more_lines {
        note.push_str("; only its first line is used");
    }
    Ok(Certificate {
        value: value.into(),
        note,
        trimmed: ending.is_some() || more_lines,
    })
}

/// `--now` and `--tz`: the moment to judge expiries against, to reproduce a customer's
/// moment, and the zone of date-times written without one.
#[derive(Args, Clone, Default)]
pub struct NowArg {
    /// Fix "now" (Unix seconds or RFC 3339) to reproduce a customer's moment: expiries
    /// are judged against it
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,

    /// The zone of a date-time written without one: an offset (+08:00, UTC+8) or an
    /// IANA name (Asia/Shanghai) [default: UTC]
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    pub tz: Option<String>,
}

impl NowArg {
    /// The moment given, if one was.
    pub fn fixed(&self) -> Result<Option<DateTime<Utc>>, String> {
        self.now
            .as_deref()
            .map(|text| crate::expiry::parse_now(text).map_err(|e| format!("--now: {e}")))
            .transpose()
    }

    /// The moment given, or the clock's.
    pub fn now(&self) -> Result<DateTime<Utc>, String> {
        Ok(self.fixed()?.unwrap_or_else(Utc::now))
    }

    /// The zone given for date-times without one, if one was.
    pub fn zone(&self) -> Result<Option<Zone>, String> {
        self.tz
            .as_deref()
            .map(|text| {
                Zone::parse(text).ok_or_else(|| {
                    format!(
                        "--tz: '{}' is not a time zone: write {}",
                        crate::visible::quote(text, 40),
                        crate::expiry::ZONE_FORMS
                    )
                })
            })
            .transpose()
    }

    /// `--expiry`'s value read at `now`, a zone-less date-time in `--tz`'s zone.
    pub fn expiry(&self, text: &str, now: DateTime<Utc>) -> Result<Expiry, String> {
        crate::expiry::parse_in(text, now, self.zone()?).map_err(|e| format!("--expiry: {e}"))
    }

    /// [`NowArg::expiry`], saying on stderr how a date-time or duration was read, for
    /// the commands whose findings do not already say it.
    pub fn expiry_noted(&self, text: &str, now: DateTime<Utc>) -> Result<Expiry, String> {
        let expiry = self.expiry(text, now)?;
        if let Some(note) = crate::checks::form_note(&expiry, now) {
            super::out::print_findings(&[note]);
        }
        Ok(expiry)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// The project's settings in the vendor's console that decide what the server accepts.
/// Not given, each takes the production default, and a report says it was assumed.
#[derive(Args, Clone)]
pub struct SettingsArgs {
    /// Whether the project's App Certificate is enabled [default: yes]
    #[arg(long, value_enum)]
    pub certificate_enabled: Option<YesNo>,

    /// The project's Token Debugging Switch [default: off]
    #[arg(long, value_enum)]
    pub debug_switch: Option<OnOff>,
}

impl SettingsArgs {
    pub fn settings(&self) -> ProjectSettings {
        ProjectSettings {
            certificate_enabled: !matches!(self.certificate_enabled, Some(YesNo::No)),
            debug_switch: matches!(self.debug_switch, Some(OnOff::On)),
        }
    }

    /// Which of the settings were given on the command line.
    pub fn given(&self) -> SettingsGiven {
        SettingsGiven {
            certificate_enabled: self.certificate_enabled.is_some(),
            debug_switch: self.debug_switch.is_some(),
        }
    }
}

/// The inputs of a token that `generate` and `batch` take.
#[derive(Args, Clone)]
pub struct TokenInputs {
    /// The App ID (32 hex characters, as the console shows it)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    pub app_id: String,

    /// The expiry: Unix seconds (1546271999), RFC 3339 (2018-12-31T15:59:59Z), a UTC
    /// date-time (2018-12-31 15:59:59) or a duration from now (+3600, +1h30m, +7d)
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    pub expiry: String,

    #[command(flatten)]
    pub now: NowArg,

    #[command(flatten)]
    pub certificate: CertificateArgs,

    /// Make the token even when the inputs have errors (an empty certificate, a 13-digit
    /// expiry, …), to reproduce a broken token on purpose; the findings still go to
    /// stderr
    #[arg(long)]
    pub allow_invalid: bool,
}

impl TokenInputs {
    /// Prints the findings on stderr; with an input error among them, no token is made
    /// (status 2) unless `--allow-invalid` was given. A past expiry is no input error:
    /// reproducing an old token is everyday support work.
    pub fn check(&self, findings: &[Finding]) -> Result<(), String> {
        super::out::print_findings_beside_a_token(findings);
        let errors = findings.iter().filter(|f| f.blocks_a_token()).count();
        if errors == 0 || self.allow_invalid {
            return Ok(());
        }
        let plural = if errors == 1 { "" } else { "s" };
        Err(with_help(
            format!("{errors} input error{plural} (above): no token was made"),
            "--allow-invalid makes it anyway",
        ))
    }

    pub fn expiry(&self, now: DateTime<Utc>) -> Result<Expiry, String> {
        self.now.expiry(&self.expiry, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let c = Certificate {
            value: crate::secret::Secret::new("fe1a0437bf217bdd34cd65053fb0fe1d"),
            note: "from env".into(),
            trimmed: false,
        };
        assert!(!format!("{c:?}").contains("fe1a"));
    }

    #[test]
    fn now_is_parsed_once_for_every_command() {
        let given = NowArg {
            now: Some("1546268399".into()),
            tz: None,
        };
        assert_eq!(given.now().map(|t| t.timestamp()), Ok(1546268399));
        let bad = NowArg {
            now: Some("yesterday".into()),
            tz: Some("Mars/Olympus".into()),
        };
        assert!(bad.zone().is_err_and(|e| e.contains("IANA name")));
        assert!(bad.now().is_err_and(|e| e.starts_with("--now: ")));
        assert_eq!(NowArg::default().fixed(), Ok(None));
    }
}
