//! The command line: the console's flags and the commands for support staff and
//! scripts, parsed by clap and dispatched here.

pub mod args;
pub mod batch;
pub mod console;
pub mod diagnose;
pub mod explain;
pub mod generate;
pub mod input;
pub mod man;
pub mod out;
pub mod progress;
pub mod prompt;
pub mod report;
pub mod style;
pub mod verify;

use clap::{ColorChoice, CommandFactory, FromArgMatches, Parser, Subcommand};
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
  sigtoken --now 2018-12-31T14:59:59Z --expiry +1h   # a customer's moment
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
    args_conflicts_with_subcommands = true,
    // Help fits an 80-column terminal (and a ticket) whatever the terminal's width.
    term_width = 80
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    console: console::ConsoleArgs,

    #[arg(long, global = true, value_enum, value_name = "WHEN", help = style::COLOR_HELP)]
    color: Option<ColorChoice>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the token for one set of inputs
    Generate(generate::GenerateArgs),
    /// Print a token for every account on stdin or in a file, at MD5 speed
    Batch(batch::BatchArgs),
    /// Check a token: exit 0 when valid now, 1 when not, with one line saying why
    Verify(verify::VerifyArgs),
    /// Diagnose a failing login: verify a client's token, find the mistake, predict
    /// the server's answer
    Diagnose(diagnose::DiagnoseArgs),
    /// Write a Markdown report for a support ticket (the certificate never appears)
    Report(report::ReportArgs),
    /// Explain a Signaling error code (or list them all)
    Explain(explain::ExplainArgs),
    /// Print shell completions
    #[command(
        after_help = "Example:\n  sigtoken completions bash > ~/.local/share/bash-completion/completions/sigtoken"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, sigtoken(1), in roff
    #[command(after_help = man::AFTER_HELP)]
    Man,
}

impl Cli {
    /// Where the certificate would come from, for the command (or the console) chosen.
    fn certificate(&self) -> Option<&args::CertificateArgs> {
        match &self.command {
            Some(Command::Generate(a)) => Some(a.certificate()),
            Some(Command::Batch(a)) => Some(a.certificate()),
            Some(Command::Verify(a)) => Some(a.certificate()),
            Some(Command::Diagnose(a)) => Some(a.certificate()),
            Some(Command::Report(a)) => Some(a.certificate()),
            Some(Command::Explain(_) | Command::Completions { .. } | Command::Man) => None,
            None => Some(&self.console.certificate),
        }
    }
    /// Whether the command (or the console) writes to stdout: all but `report --output`.
    fn writes_to_stdout(&self) -> bool {
        !matches!(&self.command, Some(Command::Report(a)) if a.to_file())
    }
}

/// Parses the command line and runs what it asks for.
pub fn main() -> ExitCode {
    // clap's own help and errors follow --color too, so it is looked for first.
    let choice = style::choice_in(std::env::args_os());
    style::apply(choice);
    let command = Cli::command().color(choice);
    let mut names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().into())
        .collect();
    names.push("help".into());
    let args = style::color_after_the_command(std::env::args_os().collect(), &names);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    // clap's reading of --color counts (the look before was for clap's own messages).
    let color = cli.color.unwrap_or(ColorChoice::Auto);
    style::apply(color);
    // Nothing is done for a stdout that was closed: what is printed would be lost.
    if cli.writes_to_stdout()
        && let Some(status) = out::refuse_closed_stdout()
    {
        return status;
    }
    // The certificate as a value is refused before anything else is read or done.
    if let Some(refusal) = cli.certificate().and_then(args::CertificateArgs::refusal) {
        return out::fail(refusal);
    }
    let status = match cli.command {
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Batch(args)) => batch::run(&args),
        Some(Command::Verify(args)) => verify::run(&args),
        Some(Command::Diagnose(args)) => diagnose::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Explain(args)) => explain::run(&args),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "sigtoken", &mut script);
            out::print(&String::from_utf8_lossy(&script));
            ExitCode::SUCCESS
        }
        Some(Command::Man) => man::run(Cli::command()),
        None => return console::run(cli.console, color),
    };
    out::finish(status)
}

/// clap's own messages, except that a stray value is never echoed back: it may be a
/// certificate typed where it does not belong.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = u8::try_from(e.exit_code()).unwrap_or(out::EXIT_USAGE);
    // A mistyped subcommand is shown as typed (unless it looks like a certificate): the
    // user needs to see the typo.
    let stray = matches!(
        e.kind(),
        ErrorKind::UnknownArgument | ErrorKind::ArgumentConflict
    );
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Help and the version are output too: lost to a closed stdout or a full disk.
        if let Some(status) = out::refuse_closed_stdout() {
            return status;
        }
        return match e.print() {
            Ok(()) => ExitCode::from(code),
            Err(error) => out::stdout_failed(&error),
        };
    }
    // A stray value is never shown; a value given to the wrong flag is shown unless it
    // looks like a certificate.
    let mut text = e.render().to_string();
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        if arg.starts_with('-') {
            continue;
        }
        let hide = stray || crate::visible::looks_like_a_certificate(&arg);
        let quoted = format!("'{arg}'");
        if hide && text.contains(&quoted) {
            text = text.replace(&quoted, &format!("'{}'", crate::secret::VALUE_NOT_SHOWN));
        }
    }
    out::print_clap_error(&out::redact(&text));
    ExitCode::from(code)
}
