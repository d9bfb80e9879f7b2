//! The console's flags and its set-up: what it opens on, where the certificate and
//! "now" come from, and the checks before the terminal is taken over.

use super::args::{Certificate, CertificateArgs, NowArg};
use super::input::read_lines;
use super::out::{fail, with_help};
use crate::diagnose::Candidates;
use crate::policy::ProjectSettings;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::model::{Config, Status, StatusLevel};
use crate::tui::{self, Options, keymap};
use chrono::{DateTime, Utc};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The status line's first words when the console opens on the worked example.
fn opened_on_the_example() -> String {
    format!(
        "Opened on the vendor's worked example. Edit any field; {} shows every key.",
        keymap::key_label(&Action::ToggleHelp)
    )
}

#[derive(clap::Args)]
pub struct ConsoleArgs {
    /// App ID (32 hex characters, as the console shows it)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: Option<String>,

    /// User account the client logs in with
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true)]
    account: Option<String>,

    /// Expiry: Unix seconds (1546271999), RFC 3339 (2018-12-31T15:59:59Z,
    /// 2018-12-31T23:59:59+08:00), a UTC date-time (2018-12-31 15:59:59) or a duration
    /// from now (+3600, +90m, +1h30m, +7d)
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    expiry: Option<String>,

    #[command(flatten)]
    now: NowArg,

    #[command(flatten)]
    pub certificate: CertificateArgs,

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

    /// A client token to diagnose at start (the diagnosis view opens)
    #[arg(long, value_name = "TOKEN", allow_hyphen_values = true)]
    client_token: Option<String>,

    /// Other certificates the client's server may use, one per line: every diagnosis
    /// tries them
    #[arg(long, value_name = "FILE")]
    candidate_certificates: Option<PathBuf>,

    /// Other accounts the client may log in with, one per line: every diagnosis tries
    /// them
    #[arg(long, value_name = "FILE")]
    candidate_accounts: Option<PathBuf>,

    #[arg(long, value_name = "DIR", help = report_dir_help())]
    report_dir: Option<PathBuf>,

    /// Clear the system clipboard this many seconds (1 to 86400) after a copy, if it
    /// still holds what sigtoken put there
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    clear_clipboard_after: Option<u64>,
}

/// `--report-dir`'s help, naming the report's key from the key table.
fn report_dir_help() -> String {
    format!(
        "Save the {} report in this folder instead of copying it",
        keymap::key_label(&Action::Report)
    )
}

/// Checks the flags, then runs the console until the user quits; `--color` decides
/// whether it draws in colour (see [`super::style::console_without_colour`]).
pub fn run(args: ConsoleArgs, color: clap::ColorChoice) -> ExitCode {
    if color == clap::ColorChoice::Always {
        // crossterm leaves colours out under NO_COLOR by itself: --color always wins.
        crossterm::style::force_color_output(true);
    }
    match set_up(args, super::style::console_without_colour(color)) {
        Ok((config, options)) => match tui::run(App::new(config), options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("terminal error: {e}")),
        },
        Err(e) => fail(e),
    }
}

/// Everything that can go wrong before the terminal is taken over goes wrong here.
fn set_up(args: ConsoleArgs, no_color: bool) -> Result<(Config, Options), String> {
    if args.certificate.reads_stdin() {
        return Err(with_help(
            "--certificate-file -: the console reads keys from the terminal, not stdin",
            "give a file path or set AGORA_APP_CERTIFICATE",
        ));
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(with_help(
            "the console needs a terminal that can draw, and TERM=dumb says this one cannot",
            "use a command instead (sigtoken --help)",
        ));
    }
    // The certificate is read before "now", as the commands do.
    let certificate = args.certificate.read()?;
    let fixed_now = args.now.fixed()?;
    let candidates = candidates(&args)?;
    let tz = args.now.zone()?;
    let mut config = config(&args, certificate, fixed_now.unwrap_or_else(Utc::now));
    config.no_color = no_color;
    config.candidates = Arc::new(candidates);
    if let Some(zone) = tz {
        // Shown beside UTC, and the zone of a date-time typed without one.
        config.zone = zone;
        config.tz = Some(zone);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(with_help(
            "the console needs a terminal: stdin and stdout must both be a TTY",
            "run it in a terminal window, or use a command (sigtoken --help)",
        ));
    }
    if let Some(dir) = &args.report_dir
        && !dir.is_dir()
    {
        return Err(format!("--report-dir {}: not a folder", dir.display()));
    }
    Ok((config, options(args, fixed_now)))
}

/// The candidate files, read once: every diagnosis in the console tries them.
fn candidates(args: &ConsoleArgs) -> Result<Candidates, String> {
    let read = |path: &Option<PathBuf>, flag| -> Result<_, String> {
        Ok(match path {
            Some(p) => (read_lines(p, flag)?, Some(p.display().to_string())),
            None => (Vec::new(), None),
        })
    };
    let (certificates, certificate_file) =
        read(&args.candidate_certificates, "--candidate-certificates")?;
    let (accounts, account_file) = read(&args.candidate_accounts, "--candidate-accounts")?;
    Ok(Candidates {
        certificates,
        accounts,
        certificate_file,
        account_file,
    })
}

/// What the console opens on: the worked example, or what was given.
fn config(args: &ConsoleArgs, certificate: Option<Certificate>, now: DateTime<Utc>) -> Config {
    let given = args.app_id.is_some()
        || args.account.is_some()
        || args.expiry.is_some()
        || certificate.is_some();
    let mut config = if args.blank || given {
        Config::blank(now)
    } else {
        let mut c = Config::worked_example(now);
        c.status = Some(Status {
            level: StatusLevel::Info,
            text: opened_on_the_example(),
        });
        c
    };
    let texts = [
        (&args.app_id, &mut config.app_id),
        (&args.account, &mut config.account),
        (&args.expiry, &mut config.expiry),
        (&args.client_token, &mut config.client_token),
    ];
    for (given, field) in texts {
        if let Some(v) = given {
            field.clone_from(v);
        }
    }
    if let Some(c) = certificate {
        config.certificate = c.value;
        config.status = Some(Status {
            level: StatusLevel::Info,
            text: c.note,
        });
    }
    config.reveal_certificate = args.show_certificate;
    config.mouse = args.mouse;
    config.settings = ProjectSettings::default();
    config
}

/// How the runtime behaves: the clock, the clipboard, the report folder.
fn options(args: ConsoleArgs, fixed_now: Option<DateTime<Utc>>) -> Options {
    Options {
        clear_clipboard_after: args
            .clear_clipboard_after
            .map(std::time::Duration::from_secs),
        report_dir: args.report_dir,
        clock: match fixed_now {
            Some(t) => Box::new(move || t),
            None => Box::new(Utc::now),
        },
    }
}
