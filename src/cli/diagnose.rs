//! `sigtoken diagnose TOKEN`: what the server answers to a client's token, and why.

use super::{CertificateArgs, EXIT_NEGATIVE, fail, read_lines};
use crate::diagnose::{self, Report, Request};
use crate::expiry;
use crate::policy::{Outcome, ProjectSettings};
use crate::token::Part;
use clap::{Args, ValueEnum};
use serde_json::json;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

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

const AFTER_HELP: &str = "\
The certificate comes from AGORA_APP_CERTIFICATE or --certificate-file, never from the
command line. Exit status: 0 accepted, 1 rejected, 2 usage or input error.

Examples:
  export AGORA_APP_CERTIFICATE=...   # or: --certificate-file cert.txt
  sigtoken diagnose 1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473 \\
      --app-id C5D15F8FD394285DA5227B533302A518 --account test@agora.io --now 2018-12-01T00:00:00Z
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
    #[arg(long, value_name = "ACCOUNT")]
    account: String,

    #[command(flatten)]
    certificate: CertificateArgs,

    /// Whether the project's App Certificate is enabled
    #[arg(long, value_enum, default_value = "yes")]
    certificate_enabled: YesNo,

    /// The project's Token Debugging Switch
    #[arg(long, value_enum, default_value = "off")]
    debug_switch: OnOff,

    /// "Now" for the expiry check (Unix seconds or RFC 3339)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    now: Option<String>,

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

fn field_key(part: Option<Part>) -> Option<&'static str> {
    part.map(|p| match p {
        Part::Account => "account",
        Part::AppId => "app_id",
        Part::AppCertificate => "app_certificate",
        Part::ExpiredTime => "expired_time",
    })
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
            "field": field_key(f.field),
            "message": f.message,
        })).collect::<Vec<_>>(),
        "cause": report.cause.as_ref().map(|c| json!({
            "code": c.code,
            "field": field_key(c.field),
            "detail": c.detail,
        })),
    })
}

pub fn report_text(report: &Report) -> String {
    let mut out = String::new();
    match report.outcome {
        Outcome::Accepted => out.push_str("Verdict: accepted\n"),
        Outcome::Rejected(e) => {
            out.push_str(&format!("Verdict: rejected with {} ({})\n", e, e.meaning()))
        }
    }
    out.push('\n');
    match &report.parsed {
        Ok(p) => {
            out.push_str(&format!("Client token    {}\n", p.to_token()));
            out.push_str(&format!("  version       {}\n", p.version));
            out.push_str(&format!("  App ID        {}\n", p.app_id));
            out.push_str(&format!(
                "  expiry        {} ({})\n",
                p.expired_time,
                expiry::format_utc(p.expired_time)
            ));
            out.push_str(&format!("  sign          {}\n", p.sign));
        }
        Err(e) => out.push_str(&format!("Client token    not a token: {e}\n")),
    }
    if let Some(expected) = &report.expected {
        out.push_str(&format!("Expected token  {}\n", expected.to_token()));
    }
    if let Some(c) = &report.cause {
        out.push_str(&format!(
            "\nCause: {} ({}): {}\n",
            c.code,
            crate::checks::field_name(c.field),
            c.detail
        ));
    }
    if report.cancelled {
        out.push_str("\nThe search for the mistake was cancelled.\n");
    }
    if !report.findings.is_empty() {
        out.push_str("\nFindings:\n");
        for f in &report.findings {
            out.push_str(&format!(
                "  {:<7} {:<24} {}\n",
                f.severity.label(),
                f.code,
                f.message
            ));
        }
    }
    out
}

pub fn run(args: &DiagnoseArgs) -> ExitCode {
    if let Some(refusal) = args.certificate.refusal() {
        return fail(refusal);
    }
    let token = match read_token(&args.token, &args.certificate) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let certificate_enabled = matches!(args.certificate_enabled, YesNo::Yes);
    let certificate = match args.certificate.obtain() {
        Ok(Some(c)) => c.value,
        Ok(None) if !certificate_enabled => Default::default(),
        Ok(None) => {
            return fail(format!(
                "no App Certificate: set {}, use --certificate-file PATH (- reads stdin), \
                 or run in a terminal to type it",
                super::CERTIFICATE_ENV
            ));
        }
        Err(e) => return fail(e),
    };
    let now = match args.now.as_deref().map(expiry::parse_now) {
        None => chrono::Utc::now(),
        Some(Ok(t)) => t,
        Some(Err(e)) => return fail(format!("--now: {e}")),
    };
    let lists = [
        (&args.candidate_certificates, "--candidate-certificates"),
        (&args.candidate_accounts, "--candidate-accounts"),
    ]
    .map(|(path, flag)| path.as_ref().map(|p| read_lines(p, flag)).transpose());
    let [certs, accounts] = lists;
    let (certs, accounts) = match (certs, accounts) {
        (Ok(c), Ok(a)) => (c.unwrap_or_default(), a.unwrap_or_default()),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let request = Request {
        client_token: &token,
        app_id: &args.app_id,
        account: &args.account,
        certificate: &certificate,
        settings: ProjectSettings {
            certificate_enabled,
            debug_switch: matches!(args.debug_switch, OnOff::On),
        },
        now,
        candidate_certificates: &certs,
        candidate_accounts: &accounts,
    };
    let report = diagnose::diagnose(&request);
    if args.json {
        println!("{}", report_json(&report));
    } else {
        print!("{}", report_text(&report));
    }
    match report.outcome {
        Outcome::Accepted => ExitCode::SUCCESS,
        Outcome::Rejected(_) => ExitCode::from(EXIT_NEGATIVE),
    }
}

/// The client's token: the argument, or with `-` the first line of stdin.
pub fn read_token(arg: &str, certificate: &CertificateArgs) -> Result<String, String> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    if certificate
        .certificate_file
        .as_ref()
        .is_some_and(|p| p.as_os_str() == "-")
    {
        return Err("TOKEN and --certificate-file cannot both be read from stdin (-)".into());
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("TOKEN: reading stdin: {e}"))?;
    let (first, _, more) = super::first_line(&text);
    if more {
        eprintln!("sigtoken: warning: TOKEN: stdin has more than one line; only the first is used");
    }
    Ok(first.to_string())
}
