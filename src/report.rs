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

/// A value in an inline code span, hidden characters made visible. The fence is longer
/// than any run of backticks in the value, so no value can close it early; inside a
/// code span nothing else is markup.
fn code(text: &str) -> String {
    let shown = visible::escape_line(text);
    if shown.is_empty() {
        return "(empty)".to_string();
    }
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {shown} {fence}")
    } else {
        format!("{fence}{shown}{fence}")
    }
}

/// [`code`] for a table cell: a `|` would end the cell, so it is escaped (GitHub's
/// tables read `\|` as a pipe, in code spans too).
fn cell(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// A sentence that may quote what a user or a client sent, as Markdown text: every
/// character Markdown or HTML would read as markup is escaped, so `<script>` stays text.
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible::escape_line(text).chars() {
        if "\\`*_[]<>|#&!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
    md.line(format!("| App ID | {} |", cell(r.app_id)));
    md.line(format!(
        "| App Certificate | {} |",
        certificate_line(r.certificate)
    ));
    md.line(format!(
        "| Account | {} ({} characters, {} bytes) |",
        cell(r.account),
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
                cell(r.expiry_text),
                expiry::format_utc(e.unix),
                expiry::describe_from_now(e.unix, r.now)
            )
        }
        Err(err) => format!("{}: {}", cell(r.expiry_text), prose(&err.to_string())),
    }
}

fn token(md: &mut Md, r: &ReportInput) {
    md.section("## Token");
    let e = match r.expiry {
        Ok(e) => e,
        Err(err) => return md.line(format!("No token: {}.", prose(&err.to_string()))),
    };
    let inputs = Inputs::new(r.app_id, r.certificate, r.account, e.unix);
    md.line(format!(
        "- MD5 input ({} bytes, certificate redacted): {}",
        inputs.md5_input().len(),
        code(&format!(
            "{}{}‹certificate {}›{}",
            r.account,
            r.app_id,
            diagnose::fingerprint(r.certificate),
            e.unix
        ))
    ));
    md.line(format!("- Sign: `{}`", inputs.sign()));
    md.line(format!("- Token: {}", code(&inputs.token())));
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
            prose(&present::finding(f))
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
            "- Expected token{which}: {}",
            code(&expected.to_token())
        ));
    }
    if let Some(c) = &report.cause {
        md.line(format!(
            "- Cause: {} ({})",
            prose(&present::cause(c)),
            code(&present::cause_code(c))
        ));
    }
    for f in &report.findings {
        md.line(format!(
            "- {} `{}`: {}",
            f.severity,
            f.code,
            prose(&present::finding(f))
        ));
    }
}

/// Writes a report to a new file: never over an existing file, never through a
/// symbolic link (`O_EXCL` refuses both). With `replace`, an existing regular file is
/// overwritten, still never through a link.
pub fn write_file(path: &std::path::Path, markdown: &str, replace: bool) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).custom_flags(libc::O_NOFOLLOW);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options.open(path)?.write_all(markdown.as_bytes())
}

/// Saves a report in `dir` under a name no other report has: the time, then `-2`, `-3`,
/// … when that name is taken. Returns where it went.
pub fn save_new(
    dir: &std::path::Path,
    markdown: &str,
    now: DateTime<Utc>,
) -> std::io::Result<std::path::PathBuf> {
    let stem = format!("sigtoken-report-{}", now.format("%Y%m%d-%H%M%S"));
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match write_file(&path, markdown, false) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            result => return result.map(|()| path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Request, diagnose};
    use crate::token::worked_example as ex;

    #[test]
    fn two_reports_in_one_second_get_two_names() {
        let dir = std::env::temp_dir().join(format!("sigtoken-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let now = chrono::Utc::now();
        let first = save_new(&dir, "one", now).unwrap();
        let second = save_new(&dir, "two", now).unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn user_values_cannot_break_the_markdown() {
        // A cell keeps its pipe inside, a fence outlasts the value's backticks, and
        // HTML stays text: in a code span, or escaped in a sentence.
        assert_eq!(cell("a|b`c``d<script>"), "``` a\\|b`c``d<script> ```");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(prose("x <script> |*_"), "x \\<script\\> \\|\\*\\_");
    }

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
