//! `sigtoken generate`: one token, for a script or a ticket; the token on stdout, the
//! findings of the one assembly as warnings on stderr.

use super::args::{CertificateArgs, TokenInputs};
use super::out::fail;
use super::style::paint;
use crate::checks::{self, Subject};
use crate::palette;
use crate::token::{Inputs, Part};
use crate::visible;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Prints only the token on stdout; warnings about the inputs go to stderr.

Examples:
  export AGORA_APP_CERTIFICATE=fe1a0437bf217bdd34cd65053fb0fe1d
  sigtoken generate --app-id C5D15F8FD394285DA5227B533302A518 \\
      --account test@agora.io --expiry 1546271999
  sigtoken generate --app-id \"$APP_ID\" --account alice --expiry +24h --json";

#[derive(Args)]
#[command(
    after_help = AFTER_HELP,
    override_usage = "sigtoken generate [OPTIONS] --app-id <ID> --account <ACCOUNT>\n       \
                      --expiry <EXPIRY>"
)]
pub struct GenerateArgs {
    #[command(flatten)]
    inputs: TokenInputs,

    /// The account the client logs in with, exactly as it will log in
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true)]
    account: String,

    /// Print {app_id, account, expired_time, md5_input_hex, sign, token} as JSON (the
    /// certificate's bytes stay out of md5_input_hex)
    #[arg(long)]
    json: bool,

    /// Also print the MD5 input, with hidden characters made visible and the
    /// certificate masked, on stderr
    #[arg(long)]
    show_input: bool,
}

impl GenerateArgs {
    pub fn certificate(&self) -> &CertificateArgs {
        &self.inputs.certificate
    }
}

pub fn run(args: &GenerateArgs) -> ExitCode {
    match generate(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn generate(args: &GenerateArgs) -> Result<(), String> {
    let i = &args.inputs;
    let now = i.now.now()?;
    let expiry = i.expiry(now)?;
    let certificate = i.certificate.require()?;
    let inputs = Inputs::new(
        &i.app_id,
        certificate.value.expose(),
        &args.account,
        expiry.unix,
    );
    i.check(&checks::assess(
        &Subject {
            app_id: &i.app_id,
            certificate: certificate.value.expose(),
            account: Some(&args.account),
            expiry: Ok(&expiry),
        },
        now,
        now,
    ))?;
    let sign = inputs.sign();
    let token = crate::token::format_token(&i.app_id, expiry.unix, &sign);
    if args.show_input {
        let md5 = inputs.md5_input();
        let masked: String = visible::glyphs(certificate.value.expose(), visible::Mask::Masked)
            .into_iter()
            .map(|g| g.text)
            .collect();
        // Each input in its colour in the console, in hashing order.
        let parts = [
            (Part::Account, visible::escape_line(&args.account)),
            (Part::AppId, visible::escape_line(&i.app_id)),
            (Part::AppCertificate, masked),
            (Part::ExpiredTime, expiry.unix.to_string()),
        ];
        let parts: String = parts
            .iter()
            .map(|(part, text)| paint(palette::part(*part), text))
            .collect();
        super::out::eprintln_styled(&format!("MD5 input ({} bytes): {parts}", md5.len()));
    }
    if args.json {
        let out = json!({
            "app_id": i.app_id,
            "account": args.account,
            "expired_time": expiry.unix,
            "md5_input_hex": redacted_hex(&inputs),
            "sign": sign.to_hex(),
            "token": token,
        });
        super::out::println(&out.to_string());
    } else {
        super::out::println(&token);
    }
    Ok(())
}

/// The MD5 input in hex, with the certificate's bytes left out even in hex: the other
/// parts can still be compared byte for byte with a generator's.
pub fn redacted_hex(inputs: &Inputs) -> String {
    let md5 = inputs.md5_input();
    md5.parts
        .iter()
        .map(|(part, range)| {
            if *part == Part::AppCertificate {
                format!("<certificate:{}-bytes>", range.len())
            } else {
                hex::encode(&md5.bytes[range.clone()])
            }
        })
        .collect()
}
