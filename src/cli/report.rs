//! `sigtoken report`: a Markdown report for a support ticket.

use super::{CertificateArgs, fail};
use crate::checks;
use crate::diagnose::{Request, diagnose};
use crate::expiry;
use crate::policy::ProjectSettings;
use crate::report::{ReportInput, markdown};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
The report never contains the certificate: it is named by the first 8 hex characters
of its SHA-256, as `printf %s \"$CERT\" | sha256sum | cut -c1-8` prints them.

Examples:
  export AGORA_APP_CERTIFICATE=fe1a0437bf217bdd34cd65053fb0fe1d
  sigtoken report --app-id C5D15F8FD394285DA5227B533302A518 --account test@agora.io \\
      --expiry 1546271999 --client-token 1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473 \\
      --output ticket-4711.md";

#[derive(Args)]
#[command(after_help = AFTER_HELP)]
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

    /// Whether the project's App Certificate is enabled
    #[arg(long, value_enum, default_value = "yes")]
    certificate_enabled: super::diagnose::YesNo,

    /// The project's Token Debugging Switch
    #[arg(long, value_enum, default_value = "off")]
    debug_switch: super::diagnose::OnOff,

    /// "Now" (Unix seconds or RFC 3339)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    now: Option<String>,

    /// Write the report to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &ReportArgs) -> ExitCode {
    match report(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn report(args: &ReportArgs) -> Result<(), String> {
    if let Some(refusal) = args.certificate.refusal() {
        return Err(refusal);
    }
    let now = match args.now.as_deref().map(expiry::parse_now) {
        None => chrono::Utc::now(),
        Some(r) => r.map_err(|e| format!("--now: {e}"))?,
    };
    let certificate = args.certificate.require()?.value;
    let parsed = expiry::parse(&args.expiry, now);
    let settings = ProjectSettings {
        certificate_enabled: matches!(args.certificate_enabled, super::diagnose::YesNo::Yes),
        debug_switch: matches!(args.debug_switch, super::diagnose::OnOff::On),
    };
    let mut findings = match &parsed {
        Ok(e) => {
            let mut f =
                checks::check_inputs(&args.app_id, &certificate, &args.account, Some(e), now);
            f.extend(checks::check_expiry_at(e.unix, now));
            f
        }
        Err(e) => {
            let mut f = checks::check_inputs(&args.app_id, &certificate, &args.account, None, now);
            f.push(checks::expiry_invalid(e));
            f
        }
    };
    checks::sort(&mut findings);
    let diagnosis = args.client_token.as_ref().map(|token| {
        let report = diagnose(&Request {
            client_token: token,
            app_id: &args.app_id,
            account: &args.account,
            certificate: &certificate,
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
        now,
        findings: &findings,
        diagnosis: diagnosis.as_ref().map(|(t, r)| (*t, r)),
    });
    match &args.output {
        Some(path) => {
            std::fs::write(path, md).map_err(|e| format!("--output {}: {e}", path.display()))
        }
        None => {
            print!("{md}");
            Ok(())
        }
    }
}
