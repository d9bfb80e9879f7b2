//! sigtoken's entry point: parse the command line, then run the console.

use chrono::Utc;
use clap::Parser;
use sigtoken::policy::ProjectSettings;
use sigtoken::tui::app::{App, Config, Status, StatusLevel};
use sigtoken::tui::{self, Options};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const CERTIFICATE_ENV: &str = "AGORA_APP_CERTIFICATE";

const AFTER_HELP: &str = "\
The App Certificate is a secret and is never taken as a command-line value (other users
can read a process's arguments). Give it in the environment variable
AGORA_APP_CERTIFICATE, or in a file with --certificate-file PATH, or type it in.

With no values given, the console opens on the vendor's worked example.

Examples:
  sigtoken
  sigtoken --blank
  AGORA_APP_CERTIFICATE=... sigtoken --app-id C5D15F8FD394285DA5227B533302A518 \\
      --account test@agora.io --expiry 1546271999
  sigtoken --certificate-file ~/.agora/cert --account alice --expiry +24h
  sigtoken --now 2018-12-31T14:59:59Z --expiry +1h   # reproduce a customer's moment";

/// A terminal console that shows how an Agora Signaling token is made, live.
// No Debug: a refused certificate value would print.
#[derive(Parser)]
#[command(name = "sigtoken", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// App ID (32 hex characters, as the console shows it)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: Option<String>,

    /// User account the client logs in with
    #[arg(long, value_name = "ACCOUNT")]
    account: Option<String>,

    /// Expiry: Unix seconds (1546271999), RFC 3339 (2018-12-31T15:59:59Z,
    /// 2018-12-31T23:59:59+08:00), a UTC date-time (2018-12-31 15:59:59) or a duration
    /// from now (+3600, +90m, +1h30m, +7d)
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    expiry: Option<String>,

    /// Fix "now" for the whole session (Unix seconds or RFC 3339), to reproduce a
    /// customer's moment
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    now: Option<String>,

    /// Read the App Certificate from the first line of this file
    #[arg(long, value_name = "PATH")]
    certificate_file: Option<PathBuf>,

    /// Start with the App Certificate shown instead of masked
    #[arg(long)]
    show_certificate: bool,

    /// Start with every field empty
    #[arg(long)]
    blank: bool,

    /// Let a mouse click focus a field (your terminal's own text selection then
    /// usually needs Shift held)
    #[arg(long)]
    mouse: bool,

    /// Refused: the certificate is never a command-line value
    #[arg(
        long,
        aliases = ["app-certificate", "cert"],
        value_name = "CERT",
        hide = true,
        num_args = 0..=1
    )]
    certificate: Option<Option<String>>,
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sigtoken: {message}");
    ExitCode::from(2)
}

/// The certificate from the file or the environment, and a note on where it came from.
fn read_certificate(cli: &Cli) -> Result<Option<(String, String)>, String> {
    if let Some(path) = &cli.certificate_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("--certificate-file {}: {e}", path.display()))?;
        let lines = text.split_inclusive('\n').count();
        let first = text.split_inclusive('\n').next().unwrap_or("");
        let (value, stripped) = match first.strip_suffix('\n') {
            Some(v) => (v.to_string(), true),
            None => (first.to_string(), false),
        };
        let mut note = format!("App Certificate read from {}", path.display());
        if stripped {
            note.push_str(" (its trailing newline was stripped)");
        }
        if lines > 1 {
            note.push_str(&format!(
                "; the file has {lines} lines, only the first is used"
            ));
        }
        return Ok(Some((value, note)));
    }
    match std::env::var(CERTIFICATE_ENV) {
        Ok(value) => Ok(Some((
            value,
            format!("App Certificate taken from {CERTIFICATE_ENV}, exactly as set"),
        ))),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{CERTIFICATE_ENV} is not valid UTF-8"))
        }
    }
}

/// clap's own messages, except that a stray value is not echoed back: it may be a
/// certificate typed where it does not belong.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let stray_value = e.kind() == ErrorKind::UnknownArgument
        && matches!(
            e.get(ContextKind::InvalidArg),
            Some(ContextValue::String(arg)) if !arg.starts_with('-')
        );
    if stray_value {
        return fail(
            "unexpected value on the command line (not shown, in case it is a secret). \
             Values go after their flag, e.g. --account ACCOUNT; the certificate comes from \
             AGORA_APP_CERTIFICATE or --certificate-file. See sigtoken --help.",
        );
    }
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    if cli.certificate.is_some() {
        return fail(format!(
            "the App Certificate is never taken on the command line, where other users can \
             read it. Set {CERTIFICATE_ENV}, or use --certificate-file PATH."
        ));
    }
    let certificate = match read_certificate(&cli) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };

    let fixed_now = match cli.now.as_deref().map(sigtoken::expiry::parse_now) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => return fail(format!("--now: {e}")),
    };
    let now = fixed_now.unwrap_or_else(Utc::now);
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return fail(
            "the console needs a terminal: stdin and stdout must both be a TTY. \
             Run it in a terminal window (see sigtoken --help).",
        );
    }

    let given = cli.app_id.is_some()
        || cli.account.is_some()
        || cli.expiry.is_some()
        || certificate.is_some();
    let mut config = if cli.blank || given {
        Config::blank(now)
    } else {
        let mut c = Config::worked_example(now);
        c.status = Some(Status {
            level: StatusLevel::Info,
            text: "Opened on the vendor's worked example. Edit any field; F1 shows every key."
                .into(),
        });
        c
    };
    if let Some(v) = cli.app_id {
        config.app_id = v;
    }
    if let Some(v) = cli.account {
        config.account = v;
    }
    if let Some(v) = cli.expiry {
        config.expiry = v;
    }
    if let Some((value, note)) = certificate {
        config.certificate = value;
        config.status = Some(Status {
            level: StatusLevel::Info,
            text: note,
        });
    }
    config.reveal_certificate = cli.show_certificate;
    config.settings = ProjectSettings::default();

    let options = Options {
        mouse: cli.mouse,
        clock: match fixed_now {
            Some(t) => Box::new(move || t),
            None => Box::new(Utc::now),
        },
    };
    match tui::run(App::new(config), options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("terminal error: {e}")),
    }
}
