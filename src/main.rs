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
  sigtoken --certificate-file ~/.agora/cert --account alice --expiry 1546271999";

/// A terminal console that shows how an Agora Signaling token is made, live.
#[derive(Parser, Debug)]
#[command(name = "sigtoken", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// App ID (32 hex characters, as the console shows it)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: Option<String>,

    /// User account the client logs in with
    #[arg(long, value_name = "ACCOUNT")]
    account: Option<String>,

    /// Expiry as UTC Unix seconds, e.g. 1546271999
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    expiry: Option<String>,

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
        visible_alias = "app-certificate",
        alias = "cert",
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.certificate.is_some() {
        return fail(format!(
            "the App Certificate is never taken on the command line, where other users can \
             read it. Set {CERTIFICATE_ENV}, or use --certificate-file PATH."
        ));
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return fail(
            "the console needs a terminal: stdin and stdout must both be a TTY. \
             Run it in a terminal window (see sigtoken --help).",
        );
    }
    let certificate = match read_certificate(&cli) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };

    let now = Utc::now();
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
            text: "Opened on the vendor's worked example. Type over any field; F1 shows every key."
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
        clock: Box::new(Utc::now),
    };
    match tui::run(App::new(config), options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("terminal error: {e}")),
    }
}
