//! `sigtoken report`: a Markdown report for a support ticket, from the same findings
//! and diagnosis as the console's F9 report.

use super::args::{CertificateArgs, NowArg, SettingsArgs};
use super::out::{fail, print_findings};
use crate::checks::{self, Subject};
use crate::diagnose::{Request, diagnose};
use crate::report::{ReportInput, markdown};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
The report never contains the certificate: it is named by the first 8 hex characters
of its SHA-256, as `printf %s \"$CERT\" | sha256sum | cut -c1-8` prints them.

Examples:
  export AGORA_APP_CERTIFICATE=fe1a0437bf217bdd34cd65053fb0fe1d
  sigtoken report --app-id C5D15F8FD394285DA5227B533302A518 \\
    --account test@agora.io --expiry 1546271999 --output ticket-4711.md \\
    --client-token \\
  1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473";

#[derive(Args)]
#[command(
    after_help = AFTER_HELP,
    override_usage = "sigtoken report [OPTIONS] --app-id <ID> --account <ACCOUNT>\n       \
                      --expiry <EXPIRY>"
)]
pub struct ReportArgs {
    /// The App ID
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: String,

    /// The account
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true)]
    account: String,

    /// The expiry, in any form the console takes
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    expiry: String,

    /// The token a failing client sent, to diagnose in the report
    #[arg(long, value_name = "TOKEN", allow_hyphen_values = true)]
    client_token: Option<String>,

    #[command(flatten)]
    certificate: CertificateArgs,

    #[command(flatten)]
    settings: SettingsArgs,

    #[command(flatten)]
    now: NowArg,

    /// Write the report to this file instead of stdout (a new file: an existing one is
    /// refused unless --force is given; a symbolic link never is followed)
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Let --output replace an existing file
    #[arg(long, requires = "output")]
    force: bool,
}

impl ReportArgs {
    pub fn certificate(&self) -> &CertificateArgs {
        &self.certificate
    }

    /// Whether the report goes to a file (`--output`) instead of stdout.
    pub fn to_file(&self) -> bool {
        self.output.is_some()
    }
}

pub fn run(args: &ReportArgs) -> ExitCode {
    match report(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn report(args: &ReportArgs) -> Result<(), String> {
    // An empty value is a shell's unset variable far more often than a token a client
    // sent: say so, rather than diagnose "the token is empty".
    if args
        .client_token
        .as_ref()
        .is_some_and(|t| t.trim().is_empty())
    {
        return Err(super::out::with_help(
            "--client-token is empty (an unset shell variable?)",
            "give the token the client sent, or leave --client-token out",
        ));
    }
    let now = args.now.now()?;
    let certificate = args.certificate.require()?.value;
    let parsed = crate::expiry::parse_in(&args.expiry, now, args.now.zone()?);
    if let Some(note) = parsed.as_ref().ok().and_then(|e| checks::form_note(e, now)) {
        print_findings(&[note]);
    }
    let settings = args.settings.settings();
    let findings = checks::assess(
        &Subject {
            app_id: &args.app_id,
            certificate: &certificate,
            account: Some(&args.account),
            expiry: parsed.as_ref(),
        },
        now,
        now,
    );
    let diagnosis = args.client_token.as_ref().map(|token| {
        let report = diagnose(&Request {
            client_token: token,
            app_id: &args.app_id,
            account: &args.account,
            certificate: &certificate,
            expected_expiry: parsed.as_ref().ok().map(|e| e.unix),
            settings,
            now,
            candidate_certificates: &[],
            candidate_accounts: &[],
        });
        (token.as_str(), report)
    });
    let md = markdown(&ReportInput {
        app_id: &args.app_id,
        certificate: &certificate,
        account: &args.account,
        expiry_text: &args.expiry,
        expiry: &parsed,
        settings,
        settings_given: args.settings.given(),
        now,
        findings: &findings,
        diagnosis: diagnosis.as_ref().map(|(t, r)| (*t, r)),
    });
    match &args.output {
        Some(path) => crate::report::write_file(path, &md, args.force).map_err(|e| {
            let error = format!("--output {}: {e}", path.display());
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                super::out::with_help(error, "give --force to replace it")
            } else {
                error
            }
        }),
        None => {
            super::out::print(&md);
            Ok(())
        }
    }
}
