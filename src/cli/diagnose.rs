//! `sigtoken diagnose TOKEN`: what the server answers to a client's token, and why,
//! printed as text or JSON from the diagnosis; the exit status is the verdict.

use super::args::{CertificateArgs, NowArg, SettingsArgs, missing_certificate};
use super::input::{read_lines, read_token};
use super::out::{EXIT_NEGATIVE, fail};
use super::style::paint;
use crate::diagnose::{Cause, CauseField, Report, Request};
use crate::expiry;
use crate::palette;
use crate::policy::{NO_NEED_TOKEN, Outcome};
use crate::present;
use crate::token::Part;
use crate::visible;
use clap::Args;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
The certificate comes from AGORA_APP_CERTIFICATE or --certificate-file, never from the
command line. Exit status: 0 accepted, 1 rejected, 2 usage or input error.

Examples:
  export AGORA_APP_CERTIFICATE=...   # or: --certificate-file cert.txt
  sigtoken diagnose --app-id C5D15F8FD394285DA5227B533302A518 \\
      --account test@agora.io --now 2018-12-01T00:00:00Z \\
  1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473
  echo \"$TOKEN\" | sigtoken diagnose - --app-id \"$APP_ID\" --account alice --json";

#[derive(Args)]
#[command(after_help = AFTER_HELP)]
pub struct DiagnoseArgs {
    /// The token the failing client sent; `-` reads it from stdin
    #[arg(value_name = "TOKEN", allow_hyphen_values = true)]
    token: String,

    /// The App ID the client logs in with
    #[arg(long, value_name = "ID", env = "AGORA_APP_ID", hide_env_values = true)]
    app_id: String,

    /// The account the client logs in with
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true)]
    account: String,

    #[command(flatten)]
    certificate: CertificateArgs,

    #[command(flatten)]
    settings: SettingsArgs,

    /// The expiry the client should have been given, in any form `generate --expiry`
    /// takes; by default the one in the client's token is taken as meant
    #[arg(long, value_name = "EXPIRY", allow_hyphen_values = true)]
    expiry: Option<String>,

    #[command(flatten)]
    now: NowArg,

    /// Other certificates the client's server may use, one per line
    #[arg(long, value_name = "FILE")]
    candidate_certificates: Option<PathBuf>,

    /// Other accounts the client may log in with, one per line
    #[arg(long, value_name = "FILE")]
    candidate_accounts: Option<PathBuf>,

    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

pub fn report_json(report: &Report) -> serde_json::Value {
    let error = report.error();
    json!({
        "verdict": if error.is_none() { "accepted" } else { "rejected" },
        "error_code": error.map(|e| e.code()),
        "error_name": error.map(|e| e.name()),
        "token": report.parsed.as_ref().ok().map(|p| json!({
            "version": p.version,
            "app_id": p.app_id,
            "expired_time": p.expired_time,
            "sign": p.sign.to_hex(),
        })),
        "expected_token": report.expected.as_ref().map(|e| e.to_token()),
        "findings": report.findings.iter().map(|f| json!({
            "code": f.code,
            "severity": f.severity.label(),
            "field": f.field.map(Part::key),
            "message": f.message,
            "why": (!f.why.is_empty()).then_some(&f.why),
        })).collect::<Vec<_>>(),
        "cause": report.cause.as_ref().map(cause_json),
    })
}

/// A cause as JSON: `{code, field, detail}`, and for `combined` its `causes`.
fn cause_json(cause: &Cause) -> serde_json::Value {
    let mut value = json!({
        "code": cause.code,
        "field": cause.field.map(CauseField::key),
        "detail": cause.detail,
    });
    if !cause.causes.is_empty() {
        value["causes"] = cause.causes.iter().map(cause_json).collect();
    }
    value
}

/// The diagnosis as text, with the verdict, the cause and the severities in the
/// console's colours (dropped where colour is off: the words are the same).
pub fn report_text(report: &Report) -> String {
    let mut out = String::new();
    let verdict = match report.outcome {
        Outcome::Accepted => palette::ACCEPTED,
        Outcome::Rejected(_) => palette::REJECTED,
    };
    let verdict = paint(verdict, &present::verdict(report.outcome));
    out.push_str(&format!("Verdict: {verdict}\n"));
    out.push('\n');
    // The token and the App IDs come from outside: escape codes in them are shown, never
    // sent to the terminal.
    let shown = visible::escape_line;
    match &report.parsed {
        Ok(p) => {
            out.push_str(&format!("Client token    {}\n", shown(&p.to_token())));
            out.push_str(&format!("  version       {}\n", shown(&p.version)));
            out.push_str(&format!("  App ID        {}\n", shown(&p.app_id)));
            out.push_str(&format!(
                "  expiry        {} ({})\n",
                p.expired_time,
                expiry::format_utc(p.expired_time)
            ));
            out.push_str(&format!("  sign          {}\n", p.sign));
        }
        Err(e) => out.push_str(&format!("Client token    {}\n", present::unparsed(e))),
    }
    if let Some(expected) = &report.expected {
        out.push_str(&format!(
            "Expected token  {}\n",
            shown(&expected.to_token())
        ));
    }
    if let Some(c) = &report.cause {
        out.push_str(&format!(
            "\nCause: {}\n       ({})\n",
            paint(palette::DOUBT, &present::cause(c)),
            present::cause_code(c)
        ));
    }
    if report.cancelled {
        out.push_str("\nThe search for the mistake was cancelled.\n");
    }
    if !report.findings.is_empty() {
        out.push_str("\nFindings:\n");
        for f in &report.findings {
            let severity = format!("{:<7}", f.severity.label());
            out.push_str(&format!(
                "  {} {:<24} {}\n",
                paint(palette::severity(f.severity), &severity),
                f.code,
                present::finding(f)
            ));
        }
    }
    out
}

impl DiagnoseArgs {
    pub fn certificate(&self) -> &CertificateArgs {
        &self.certificate
    }
}

pub fn run(args: &DiagnoseArgs) -> ExitCode {
    let report = match run_diagnosis(args) {
        Ok(report) => report,
        Err(e) => return fail(e),
    };
    if args.json {
        super::out::println(&report_json(&report).to_string());
    } else {
        super::out::print_styled(&report_text(&report));
    }
    match report.outcome {
        Outcome::Accepted => ExitCode::SUCCESS,
        Outcome::Rejected(_) => ExitCode::from(EXIT_NEGATIVE),
    }
}

fn run_diagnosis(args: &DiagnoseArgs) -> Result<Report, String> {
    let token = read_token(&args.token, args.certificate.reads_stdin())?;
    let settings = args.settings.settings();
    let certificate = match args.certificate.obtain()? {
        Some(c) => c.value,
        // What the server makes of _no_need_token is the settings' answer alone.
        None if !settings.certificate_enabled || token == NO_NEED_TOKEN => Default::default(),
        None => return Err(missing_certificate()),
    };
    let now = args.now.now()?;
    let expected_expiry = args
        .expiry
        .as_deref()
        .map(|text| args.now.expiry_noted(text, now))
        .transpose()?;
    let list = |path: &Option<PathBuf>, flag| path.as_ref().map(|p| read_lines(p, flag));
    let certs = list(&args.candidate_certificates, "--candidate-certificates").transpose()?;
    let accounts = list(&args.candidate_accounts, "--candidate-accounts").transpose()?;
    let request = Request {
        client_token: &token,
        app_id: &args.app_id,
        account: &args.account,
        certificate: &certificate,
        expected_expiry: expected_expiry.map(|e| e.unix),
        settings,
        now,
        candidate_certificates: certs.as_deref().unwrap_or_default(),
        candidate_accounts: accounts.as_deref().unwrap_or_default(),
    };
    // A search through candidate files can be long: on a terminal, a bar shows it.
    let shown = (certs.is_some() || accounts.is_some()) && super::progress::on_terminal();
    Ok(super::progress::diagnose(&request, shown))
}
