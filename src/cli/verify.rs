//! `sigtoken verify TOKEN`: the short form of `diagnose`, for scripts: one line and an
//! exit status.

use super::args::{CertificateArgs, NowArg, SettingsArgs, missing_certificate};
use super::input::read_token;
use super::out::{EXIT_NEGATIVE, fail, println_styled};
use super::style::paint;
use crate::diagnose::{Request, diagnose};
use crate::expiry;
use crate::palette;
use crate::policy::{NO_NEED_TOKEN, Outcome};
use crate::token::parse_token;
use clap::Args;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Exit status 0 when the token is valid now, 1 when it is not (with one line saying why),
2 for usage or input errors. Without --app-id, the token's own App ID is taken.

Examples:
  export AGORA_APP_CERTIFICATE=fe1a0437bf217bdd34cd65053fb0fe1d
  sigtoken verify --account test@agora.io --now 2018-12-01T00:00:00Z \\
  1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684";

#[derive(Args)]
#[command(after_help = AFTER_HELP)]
pub struct VerifyArgs {
    /// The token to check; `-` reads it from stdin
    #[arg(value_name = "TOKEN", allow_hyphen_values = true)]
    token: String,

    /// The account the token is for
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true)]
    account: String,

    /// The App ID the client logs in with (default: the token's)
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: Option<String>,

    #[command(flatten)]
    settings: SettingsArgs,

    #[command(flatten)]
    now: NowArg,

    #[command(flatten)]
    certificate: CertificateArgs,
}

impl VerifyArgs {
    pub fn certificate(&self) -> &CertificateArgs {
        &self.certificate
    }
}

pub fn run(args: &VerifyArgs) -> ExitCode {
    let token = match read_token(&args.token, args.certificate.reads_stdin()) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let now = match args.now.now() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let settings = args.settings.settings();
    let certificate = match args.certificate.obtain() {
        Ok(Some(c)) => c.value,
        // What the server makes of _no_need_token is the settings' answer alone.
        Ok(None) if !settings.certificate_enabled || token == NO_NEED_TOKEN => Default::default(),
        Ok(None) => return fail(missing_certificate()),
        Err(e) => return fail(e),
    };
    let app_id = match (&args.app_id, parse_token(&token)) {
        (Some(id), _) => id.clone(),
        (None, Ok(p)) => p.app_id,
        (None, Err(_)) => String::new(),
    };
    let report = diagnose(&Request {
        client_token: &token,
        app_id: &app_id,
        account: &args.account,
        certificate: &certificate,
        expected_expiry: None,
        settings,
        now,
        candidate_certificates: &[],
        candidate_accounts: &[],
    });
    match (report.outcome, &report.parsed) {
        (Outcome::Accepted, Ok(p)) => {
            println_styled(&format!(
                "{}: until {} ({})",
                valid(),
                expiry::format_utc(p.expired_time),
                expiry::describe_from_now(p.expired_time, now)
            ));
            ExitCode::SUCCESS
        }
        (Outcome::Accepted, Err(_)) => {
            // _no_need_token with the switch on, or anything with the certificate off.
            match report.findings.first() {
                Some(f) => println_styled(&format!("{}: {}", valid(), f.message)),
                None => println_styled(&valid()),
            }
            ExitCode::SUCCESS
        }
        (Outcome::Rejected(e), _) => {
            let why = match &report.cause {
                Some(c) => crate::present::cause(c),
                None => report
                    .findings
                    .iter()
                    .find(|f| f.severity == crate::checks::Severity::Error)
                    .map_or_else(String::new, |f| f.message.clone()),
            };
            let invalid = paint(palette::REJECTED, "invalid");
            println_styled(&format!("{invalid}: {e}: {why}"));
            ExitCode::from(EXIT_NEGATIVE)
        }
    }
}

/// "valid", in the accepted verdict's colour.
fn valid() -> String {
    paint(palette::ACCEPTED, "valid")
}
