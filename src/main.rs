//! sigtoken's entry point: parse the command line, then run the console or a command.

use chrono::Utc;
use clap::{Parser, Subcommand};
use sigtoken::cli::{self, CertificateArgs, fail};
use sigtoken::policy::ProjectSettings;
use sigtoken::tui::app::{App, Config, Status, StatusLevel};
use sigtoken::tui::{self, Options};
use std::io::IsTerminal;
use std::process::ExitCode;

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
  sigtoken --now 2018-12-31T14:59:59Z --expiry +1h   # reproduce a customer's moment
  sigtoken generate --app-id ID --account ACCOUNT --expiry +24h
  sigtoken diagnose TOKEN --app-id ID --account ACCOUNT
  sigtoken explain 206";

/// A terminal console that shows how an Agora Signaling token is made, live.
// No Debug: a refused certificate value would print.
#[derive(Parser)]
#[command(
    name = "sigtoken",
    version,
    about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    console: ConsoleArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Print the token for one set of inputs
    Generate(cli::generate::GenerateArgs),
    /// Print a token for every account on stdin or in a file, at MD5 speed
    Batch(cli::batch::BatchArgs),
    /// Check a token: exit 0 when valid now, 1 when not, with one line saying why
    Verify(cli::verify::VerifyArgs),
    /// Diagnose a failing login: verify a client's token, find the mistake, predict
    /// the server's answer
    Diagnose(cli::diagnose::DiagnoseArgs),
    /// Write a Markdown report for a support ticket (the certificate never appears)
    Report(cli::report::ReportArgs),
    /// Explain a Signaling error code (or list them all)
    Explain(cli::explain::ExplainArgs),
    /// Print shell completions
    #[command(
        after_help = "Example:\n  sigtoken completions bash > ~/.local/share/bash-completion/completions/sigtoken"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args)]
struct ConsoleArgs {
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

    #[command(flatten)]
    certificate: CertificateArgs,

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

    /// Save the F9 report in this folder instead of copying it
    #[arg(long, value_name = "DIR")]
    report_dir: Option<std::path::PathBuf>,

    /// Clear the system clipboard this many seconds after a copy, if it still holds
    /// what sigtoken put there
    #[arg(long, value_name = "SECONDS")]
    clear_clipboard_after: Option<u64>,
}

/// clap's own messages, except that a stray value is never echoed back: it may be a
/// certificate typed where it does not belong.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    let stray = matches!(
        e.kind(),
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand | ErrorKind::ArgumentConflict
    );
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::from(code);
    }
    // A stray value is never shown; a value given to the wrong flag is shown unless it
    // looks like a certificate.
    let mut text = e.render().to_string();
    for arg in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        let hide = stray || sigtoken::visible::looks_like_a_certificate(&arg);
        if hide && text.contains(&format!("'{arg}'")) {
            text = text.replace(&format!("'{arg}'"), "'<value not shown>'");
        }
    }
    eprint!("{text}");
    ExitCode::from(code)
}

fn main() -> ExitCode {
    // Like any Unix filter: `sigtoken batch | head` ends quietly when head has enough.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    match &cli.command {
        Some(Command::Generate(args)) => cli::generate::run(args),
        Some(Command::Batch(args)) => cli::batch::run(args),
        Some(Command::Verify(args)) => cli::verify::run(args),
        Some(Command::Diagnose(args)) => cli::diagnose::run(args),
        Some(Command::Report(args)) => cli::report::run(args),
        Some(Command::Explain(args)) => cli::explain::run(args),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "sigtoken", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        None => console(cli.console),
    }
}

fn console(args: ConsoleArgs) -> ExitCode {
    if let Some(refusal) = args.certificate.refusal() {
        return fail(refusal);
    }
    if args
        .certificate
        .certificate_file
        .as_ref()
        .is_some_and(|p| p.as_os_str() == "-")
    {
        return fail(
            "--certificate-file -: the console reads keys from the terminal, not stdin; \
             give a file path or set AGORA_APP_CERTIFICATE",
        );
    }
    let certificate = match args.certificate.read() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let fixed_now = match args.now.as_deref().map(sigtoken::expiry::parse_now) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => return fail(format!("--now: {e}")),
    };
    let now = fixed_now.unwrap_or_else(Utc::now);
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return fail(
            "the console needs a terminal: stdin and stdout must both be a TTY. \
             Run it in a terminal window, or use a command (sigtoken --help).",
        );
    }

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
            text: format!(
                "Opened on the vendor's worked example. Edit any field; {} shows every key.",
                tui::keymap::key_label(&tui::action::Action::ToggleHelp)
            ),
        });
        c
    };
    if let Some(v) = args.app_id {
        config.app_id = v;
    }
    if let Some(v) = args.account {
        config.account = v;
    }
    if let Some(v) = args.expiry {
        config.expiry = v;
    }
    if let Some(v) = args.client_token {
        config.client_token = v;
    }
    if let Some(c) = certificate {
        config.certificate = c.value;
        config.status = Some(Status {
            level: StatusLevel::Info,
            text: c.note,
        });
    }
    config.reveal_certificate = args.show_certificate;
    config.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    config.settings = ProjectSettings::default();

    if let Some(dir) = &args.report_dir
        && !dir.is_dir()
    {
        return fail(format!("--report-dir {}: not a folder", dir.display()));
    }
    let options = Options {
        clear_clipboard_after: args
            .clear_clipboard_after
            .map(std::time::Duration::from_secs),
        report_dir: args.report_dir,
        mouse: args.mouse,
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
