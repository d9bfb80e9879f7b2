//! A Markdown report for a support ticket: inputs, MD5 input, sign, token, expiry,
//! checks and the diagnosis. Pure. The certificate never appears: it is named by a
//! short SHA-256 fingerprint, so two people can compare certificates without showing
//! them.

use crate::checks::{self, Finding};
use crate::diagnose::{self, Report};
use crate::expiry::{self, Expiry, ExpiryError};
use crate::policy::{ProjectSettings, SettingsGiven};
use crate::present;
use crate::token::Inputs;
use crate::visible;
use chrono::{DateTime, Utc};

pub struct ReportInput<'a> {
    pub app_id: &'a str,
    pub certificate: &'a str,
    pub account: &'a str,
    /// The expiry as given, and as read.
    pub expiry_text: &'a str,
    pub expiry: &'a Result<Expiry, ExpiryError>,
    pub settings: ProjectSettings,
    /// Which settings the user said; the others are assumed defaults.
    pub settings_given: SettingsGiven,
    pub now: DateTime<Utc>,
    pub findings: &'a [Finding],
    /// The client's token and its diagnosis, when there is one.
    pub diagnosis: Option<(&'a str, &'a Report)>,
}

/// A value in an inline code span, hidden characters made visible.
fn code(text: &str) -> String {
    let shown = visible::escape_line(text);
    if shown.contains('`') {
        format!("`` {shown} ``")
    } else if shown.is_empty() {
        "(empty)".to_string()
    } else {
        format!("`{shown}`")
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The certificate as a report shows it.
pub fn certificate_line(certificate: &str) -> String {
    format!(
        "SHA-256 fingerprint `{}`, {} characters (the certificate itself is never shown)",
        diagnose::fingerprint(certificate),
        certificate.chars().count()
    )
}

/// The Markdown being written, a line at a time.
#[derive(Default)]
struct Md(String);

impl Md {
    fn line(&mut self, text: impl AsRef<str>) {
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }

    /// A heading, with the blank lines around it.
    fn section(&mut self, heading: &str) {
        self.line("");
        self.line(heading);
        self.line("");
    }
}

pub fn markdown(r: &ReportInput) -> String {
    let mut md = Md::default();
    md.line("# sigtoken report");
    md.line("");
    md.line(format!(
        "Made {} by sigtoken {}.",
        r.now.format("%Y-%m-%d %H:%M:%S UTC"),
        env!("CARGO_PKG_VERSION")
    ));
    inputs(&mut md, r);
    token(&mut md, r);
    findings(&mut md, r.findings);
    if let Some((token, report)) = r.diagnosis {
        diagnosis(&mut md, token, report);
    }
    md.0
}

fn inputs(md: &mut Md, r: &ReportInput) {
    md.section("## Inputs");
    md.line("| input | value |");
    md.line("|---|---|");
    md.line(format!("| App ID | {} |", code(r.app_id)));
    md.line(format!(
        "| App Certificate | {} |",
        certificate_line(r.certificate)
    ));
    md.line(format!(
        "| Account | {} ({} characters, {} bytes) |",
        code(r.account),
        r.account.chars().count(),
        r.account.len()
    ));
    md.line(format!("| Expiry | {} |", expiry_cell(r)));
    let given = r.settings_given;
    md.line(format!(
        "| App Certificate enabled | {} · {} |",
        yes_no(r.settings.certificate_enabled),
        said(given.certificate_enabled)
    ));
    md.line(format!(
        "| Token Debugging Switch | {} |",
        if r.settings.debug_switch_available() {
            let on = if r.settings.debug_switch { "on" } else { "off" };
            format!("{on} · {}", said(given.debug_switch))
        } else {
            "(cannot be set)".to_string()
        }
    ));
    md.line(format!(
        "| The server accepts | {} |",
        r.settings.rule().accepts_column()
    ));
}

/// Whether a setting was given or is the default assumed for it.
fn said(given: bool) -> &'static str {
    if given { "given" } else { "assumed (default)" }
}

/// The expiry as given, as read, and whether it has passed.
fn expiry_cell(r: &ReportInput) -> String {
    match r.expiry {
        Ok(e) => {
            let state = if expiry::is_expired(e.unix, r.now) {
                "expired"
            } else {
                "valid"
            };
            let resolved = if e.form == expiry::Form::UnixSeconds {
                String::new()
            } else {
                format!(" = `{}`", e.unix)
            };
            format!(
                "{}{resolved} = {} ({state}, {})",
                code(r.expiry_text),
                expiry::format_utc(e.unix),
                expiry::describe_from_now(e.unix, r.now)
            )
        }
        Err(err) => format!("{}: {err}", code(r.expiry_text)),
    }
}

fn token(md: &mut Md, r: &ReportInput) {
    md.section("## Token");
    let e = match r.expiry {
        Ok(e) => e,
        Err(err) => return md.line(format!("No token: {err}.")),
    };
    let inputs = Inputs::new(r.app_id, r.certificate, r.account, e.unix);
    md.line(format!(
        "- MD5 input ({} bytes, certificate redacted): `{}{}‹certificate {}›{}`",
        inputs.md5_input().len(),
        visible::escape_line(r.account).replace('`', "ˋ"),
        visible::escape_line(r.app_id).replace('`', "ˋ"),
        diagnose::fingerprint(r.certificate),
        e.unix
    ));
    md.line(format!("- Sign: `{}`", inputs.sign()));
    md.line(format!("- Token: `{}`", inputs.token()));
    md.line(format!("- Expires: {}", expiry::format_utc(e.unix)));
}

fn findings(md: &mut Md, findings: &[Finding]) {
    md.section("## Checks");
    if findings.is_empty() {
        md.line("No problems found in the inputs.");
    }
    for f in findings {
        md.line(format!(
            "- **{}** ({}, `{}`): {}",
            f.severity,
            checks::field_name(f.field),
            f.code,
            present::finding(f)
        ));
    }
}

fn diagnosis(md: &mut Md, token: &str, report: &Report) {
    md.section("## Diagnosis of the client's token");
    md.line(format!("- Client token: {}", code(token)));
    md.line(format!("- Verdict: {}", present::verdict(report.outcome)));
    if let Some(expected) = &report.expected {
        let same = report.parsed.as_ref().map(|p| p.expired_time) == Ok(expected.expired_time);
        let which = if same { " (same expiry)" } else { "" };
        md.line(format!(
            "- Expected token{which}: `{}`",
            expected.to_token()
        ));
    }
    if let Some(c) = &report.cause {
        md.line(format!(
            "- Cause: {} ({})",
            present::cause(c),
            code(&present::cause_code(c))
        ));
    }
    for f in &report.findings {
        md.line(format!(
            "- {} `{}`: {}",
            f.severity,
            f.code,
            present::finding(f)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Request, diagnose};
    use crate::token::worked_example as ex;

    #[test]
    fn the_report_has_everything_but_the_certificate() {
        let now = expiry::parse_now("2018-12-01T00:00:00Z").unwrap();
        let expiry = expiry::parse("1546271999", now);
        let findings = checks::assess(
            &checks::Subject {
                app_id: ex::APP_ID,
                certificate: ex::APP_CERTIFICATE,
                account: Some(ex::ACCOUNT),
                expiry: expiry.as_ref(),
            },
            now,
            now,
        );
        let token = format!(
            "1:{}:{}:{}",
            ex::APP_ID,
            ex::EXPIRED_TIME,
            ex::PUBLISHED_SIGN
        );
        let report = diagnose(&Request {
            client_token: &token,
            app_id: ex::APP_ID,
            account: ex::ACCOUNT,
            certificate: ex::APP_CERTIFICATE,
            expected_expiry: None,
            settings: ProjectSettings::default(),
            now,
            candidate_certificates: &[],
            candidate_accounts: &[],
        });
        let md = markdown(&ReportInput {
            app_id: ex::APP_ID,
            certificate: ex::APP_CERTIFICATE,
            account: ex::ACCOUNT,
            expiry_text: "1546271999",
            expiry: &expiry,
            settings: ProjectSettings::default(),
            settings_given: SettingsGiven {
                certificate_enabled: true,
                debug_switch: false,
            },
            now,
            findings: &findings,
            diagnosis: Some((&token, &report)),
        });
        assert!(!md.contains(ex::APP_CERTIFICATE), "{md}");
        assert!(!md.contains(&ex::APP_CERTIFICATE[..8]), "{md}");
        for needle in [
            "`C5D15F8FD394285DA5227B533302A518`",
            "fingerprint `11674756`",
            "2d572d6e3a75ebde5a06626f40fe9684",
            "2018-12-31 15:59:59 UTC",
            "worked_example",
            "rejected with 206 LOGIN_E_TOKENWRONG",
            "Cause: Your server hashed a duration where the expiry time belongs: expiry 2592000",
            "(`expiry_as_duration, Expiry`)",
            "| App Certificate enabled | yes · given |",
            "| Token Debugging Switch | off · assumed (default) |",
        ] {
            assert!(md.contains(needle), "{needle} missing:\n{md}");
        }
    }
}
