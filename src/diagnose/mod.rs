//! The diagnosis of a failing login: what the server answers to a client's token (the
//! verdict), and how the token compares with the one the expected inputs make.

mod access;
mod control;
mod mangled;
mod report;
mod request;
mod search;

pub use control::Control;
pub use report::Report;
pub use request::{Candidates, Job, Request};
pub use search::{
    CAUSE_CODES, COMBINED_DAYS_UP_TO, COMBINED_HOURS_UP_TO, Cause, CauseField,
    DURATION_MINUTES_UP_TO, DURATION_SECONDS_UP_TO, MILLISECONDS_FROM, MISMATCH_WINDOW,
    default_search_size, fingerprint,
};

use crate::checks::{Finding, Marks, Severity};
use crate::expiry;
use crate::policy::{LoginError, NO_NEED_TOKEN, Outcome, Rule};
use crate::token::{self, ParsedToken, Part, TokenParseError, parse_token};
use control::Search;

/// Runs a diagnosis to the end.
pub fn diagnose(request: &Request) -> Report {
    diagnose_with(request, &Control::default())
}

/// Runs a diagnosis, reporting progress to and obeying `control`. The client's token
/// can hold the certificate (a generator that put it in the App ID's place): the report
/// never shows it.
pub fn diagnose_with(request: &Request, control: &Control) -> Report {
    let mut report = diagnose_token(request, control);
    let hide = |text: &mut String| *text = crate::secret::mask(text, request.certificate);
    if let Ok(parsed) = &mut report.parsed {
        hide(&mut parsed.app_id);
    }
    for f in &mut report.findings {
        hide(&mut f.message);
        hide(&mut f.why);
    }
    if let Some(cause) = &mut report.cause {
        hide(&mut cause.detail);
        cause.causes.iter_mut().for_each(|c| hide(&mut c.detail));
    }
    report
}

/// [`diagnose_with`], before the certificate is hidden.
fn diagnose_token(request: &Request, control: &Control) -> Report {
    let rule = request.settings.rule();
    let token = request.client_token;
    let mut findings = Vec::new();
    if rule == Rule::AnyValue {
        findings.push(finding(
            "certificate_not_enabled",
            Severity::Note,
            None,
            "The App Certificate is not enabled: the server accepts any value as the token.",
        ));
    }
    if let Some(report) = mangled::diagnose(request, control, &findings, diagnose_with) {
        return report;
    }
    if token == NO_NEED_TOKEN {
        findings.extend(no_need_token(rule));
        return Report::uncompared(rule.no_need_token_outcome(), token, findings);
    }
    if let Some(other) = access::other_kind(request) {
        findings.extend(other.findings);
        let outcome = verdict(rule, Some(LoginError::TokenWrong));
        let report = Report::uncompared(outcome, token, findings);
        return Report {
            expected: other.expected,
            cause: other.cause,
            ..report
        };
    }
    let (client, sign_uppercase) = match parse_client_token(token) {
        (Ok(client), sign_uppercase) => (client, sign_uppercase),
        (Err(e), _) => {
            if let Some(report) = odd_sign(request, findings.clone(), control) {
                return report;
            }
            findings.push(unreadable(rule, &e));
            return Report::uncompared(
                verdict(rule, Some(LoginError::TokenWrong)),
                token,
                findings,
            );
        }
    };
    let expected = expected_token(request, client.expired_time);
    let comparison = compare(request, &client, &expected, sign_uppercase, control);
    findings.extend(expiry_differs(request, &client));
    findings.extend(comparison.findings);
    if comparison.error.is_none() && rule != Rule::AnyValue {
        findings.push(finding(
            "valid",
            Severity::Note,
            None,
            format!(
                "The token is valid until {} ({}).",
                expiry::format_utc(client.expired_time),
                expiry::describe_from_now(client.expired_time, request.now)
            ),
        ));
    }
    findings.extend(expected_inputs_warnings(request));
    if rule == Rule::AnyValue {
        // Nothing fails while the certificate is off: what would fail is only a note.
        for f in &mut findings {
            f.severity = Severity::Note;
        }
    }
    Report {
        outcome: verdict(rule, comparison.error),
        expected: Some(match request.expected_expiry {
            Some(meant) => expected_token(request, meant),
            // A 13-digit expiry is milliseconds at best: the token to send has seconds.
            None if client.expired_time >= MILLISECONDS_FROM => {
                expected_token(request, client.expired_time / 1000)
            }
            None => expected,
        }),
        parsed: Ok(client),
        findings,
        cancelled: comparison.search == Search::Cancelled,
        cause: comparison.search.found(),
    }
}

/// A finding of the diagnosis: it has no "why" line and marks no characters.
fn finding(
    code: &'static str,
    severity: Severity,
    field: Option<Part>,
    message: impl Into<String>,
) -> Finding {
    Finding::new(code, severity, field, message, "", Marks::None)
}

/// What the server answers, by the rule table, given what is wrong with the token.
fn verdict(rule: Rule, error: Option<LoginError>) -> Outcome {
    match (rule, error) {
        (Rule::AnyValue, _) | (_, None) => Outcome::Accepted,
        (_, Some(e)) => Outcome::Rejected(e),
    }
}

/// What the switch makes of `_no_need_token`.
fn no_need_token(rule: Rule) -> Option<Finding> {
    match rule {
        Rule::TokenOrNoNeedToken => Some(finding(
            "no_need_token_accepted",
            Severity::Note,
            None,
            "_no_need_token is accepted: the Token Debugging Switch is on (test environments only).",
        )),
        Rule::TokenOnly => Some(finding(
            "no_need_token_rejected",
            Severity::Error,
            None,
            "_no_need_token is refused: the Token Debugging Switch is off. \
             Turn it on for testing, or send a real token.",
        )),
        Rule::AnyValue => None,
    }
}

/// Parses the client's token; an upper-case sign is read on, since it may still match
/// but for case. The flag says the sign was upper case.
fn parse_client_token(token: &str) -> (Result<ParsedToken, TokenParseError>, bool) {
    match parse_token(token) {
        Err(TokenParseError::SignUpperCase) => {
            let lowered = format!(
                "{}{}",
                &token[..token.len() - 32],
                token[token.len() - 32..].to_ascii_lowercase()
            );
            (parse_token(&lowered), true)
        }
        other => (other, false),
    }
}

/// Why the client's token cannot be read.
fn unreadable(rule: Rule, e: &TokenParseError) -> Finding {
    let (code, message) = match e {
        TokenParseError::BadVersion { .. } => (
            "unsupported_version",
            format!("The token's version is not supported: {e}."),
        ),
        _ => ("malformed_token", format!("The token is malformed: {e}.")),
    };
    let severity = if rule == Rule::AnyValue {
        Severity::Note
    } else {
        Severity::Error
    };
    finding(code, severity, None, message)
}

/// The token the expected inputs make with `expired_time`.
fn expected_token(request: &Request, expired_time: i64) -> ParsedToken {
    let sign = token::Inputs::new(
        request.app_id,
        request.certificate,
        request.account,
        expired_time,
    )
    .sign();
    ParsedToken {
        version: token::VERSION.to_string(),
        app_id: request.app_id.to_string(),
        expired_time,
        sign,
    }
}

/// The client's token carries another expiry than the one it should have been given.
/// The server checks the sign against the expiry in the token, so this alone is no
/// reason for a 206: it says when the token stops working.
fn expiry_differs(request: &Request, client: &ParsedToken) -> Option<Finding> {
    let meant = request.expected_expiry?;
    (meant != client.expired_time).then(|| {
        finding(
            "expiry_differs",
            Severity::Warning,
            Some(Part::ExpiredTime),
            format!(
                "The token carries the expiry {} ({}), not the expected {} ({}).",
                client.expired_time,
                expiry::format_utc(client.expired_time),
                meant,
                expiry::format_utc(meant)
            ),
        )
    })
}

/// The client's token beside the expected one: what differs, and the mistake behind it.
struct Comparison {
    findings: Vec<Finding>,
    /// What the server holds against the token, if anything.
    error: Option<LoginError>,
    /// The search for the mistake; `NotFound` also when there was nothing to search.
    search: Search<Cause>,
}

fn compare(
    request: &Request,
    client: &ParsedToken,
    expected: &ParsedToken,
    sign_uppercase: bool,
    control: &Control,
) -> Comparison {
    let mut findings: Vec<Finding> = app_id_mismatch(request, client).into_iter().collect();
    let mut error = (!findings.is_empty()).then_some(LoginError::TokenWrong);
    let mut search = Search::NotFound;
    if client.sign == expected.sign && client.app_id == request.app_id {
        if sign_uppercase {
            findings.push(finding(
                "sign_uppercase",
                Severity::Error,
                None,
                "The sign matches only ignoring case: generators write it in lower case.",
            ));
            error = Some(LoginError::TokenWrong);
        } else if client.expired_time >= MILLISECONDS_FROM {
            let (cause, finding) = milliseconds_in_both(client.expired_time, true);
            findings.push(finding);
            error = Some(LoginError::TokenWrong);
            search = Search::Found(cause);
        } else if let Some((cause, wrapped)) = wrapped_in_both(client.expired_time) {
            findings.push(wrapped);
            error = Some(LoginError::TokenExpired);
            search = Search::Found(cause);
        } else if expiry::is_expired(client.expired_time, request.now) {
            findings.push(finding(
                "expired",
                Severity::Error,
                Some(Part::ExpiredTime),
                format!(
                    "The token is valid but expired at {} ({}).",
                    expiry::format_utc(client.expired_time),
                    expiry::describe_from_now(client.expired_time, request.now)
                ),
            ));
            error = Some(LoginError::TokenExpired);
        }
    } else if client.sign != expected.sign {
        error = Some(LoginError::TokenWrong);
        search =
            search::search_cause(request, client, control).map(|c| swapped(request, client, c));
        if sign_uppercase {
            findings.push(finding(
                "sign_uppercase",
                Severity::Warning,
                None,
                "The sign is written in upper case; generators write it in lower case.",
            ));
        }
        if client.expired_time >= MILLISECONDS_FROM {
            // A 13-digit expiry in the sign and the token is a mistake of its own, beside
            // whatever else made the sign.
            let (in_both, ms_finding) = milliseconds_in_both(client.expired_time, false);
            findings.push(ms_finding);
            search = search.map(|found| match found.code {
                "expiry_milliseconds" => found,
                _ => Cause::combined(found, in_both),
            });
        }
        findings.push(sign_mismatch(&search));
    }
    Comparison {
        findings,
        error,
        search,
    }
}

/// A token whose only fault is the shape of its sign (a SHA's hex, a base64 MD5, …),
/// when a known mistake makes that sign; `None` leaves it malformed.
fn odd_sign(request: &Request, mut findings: Vec<Finding>, control: &Control) -> Option<Report> {
    let (client, sign) = search::odd_sign_token(request.client_token)?;
    let search = search::search_sign_text(request, client.expired_time, sign, control)?;
    let cause = search.found()?;
    let rule = request.settings.rule();
    findings.extend(app_id_mismatch(request, &client));
    findings.push(sign_mismatch(&Search::Found(cause.clone())));
    findings.extend(expected_inputs_warnings(request));
    if rule == Rule::AnyValue {
        for f in &mut findings {
            f.severity = Severity::Note;
        }
    }
    Some(Report {
        outcome: verdict(rule, Some(LoginError::TokenWrong)),
        parsed: parse_token(request.client_token),
        expected: Some(expected_token(
            request,
            request.expected_expiry.unwrap_or(client.expired_time),
        )),
        findings,
        cause: Some(cause),
        cancelled: false,
    })
}

/// The token's App ID is not the expected one.
/// A token whose sign matches but whose expiry is in milliseconds, in the sign and the
/// token alike. expiredTime is Unix seconds, 10 digits: sigtoken reads the format as
/// the server rejecting 13 or more with 206, never as a token valid for millennia.
fn milliseconds_in_both(unix: i64, sign_matches: bool) -> (Cause, Finding) {
    let digits = unix.to_string().len();
    let cause = Cause::input(
        "expiry_milliseconds",
        Some(Part::ExpiredTime),
        format!(
            "expiry {unix} in both the sign and the token ({digits} digits where the format \
             has 10: milliseconds, or digits appended to the seconds)"
        ),
    );
    let lead = if sign_matches {
        "The sign matches, but the expiry"
    } else {
        "The expiry"
    };
    let finding = finding(
        "expiry_in_milliseconds",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!(
            "{lead} {unix} has {digits} digits where expiredTime, Unix seconds, has 10: \
             milliseconds (read so, {}), or digits appended to the seconds (Node's now + \
             \"3600\"). The token is wrong.",
            expiry::format_utc(unix / 1000)
        ),
    );
    (cause, finding)
}

/// The account and the App ID in each other's place make the bytes of another
/// concatenation order; when the token also carries the account as its App ID, the
/// generator was given them swapped: a mix-up of the two, named so.
fn swapped(request: &Request, client: &ParsedToken, cause: Cause) -> Cause {
    let order = [
        Part::AppId,
        Part::Account,
        Part::AppCertificate,
        Part::ExpiredTime,
    ]
    .map(Part::label)
    .join(" + ");
    if cause.code == "concatenation_order"
        && cause.detail == order
        && client.app_id == request.account
        && !request.account.is_empty()
    {
        let account = crate::visible::quote(request.account, 40);
        let detail = format!(
            "the account and the App ID swapped: the token carries the account '{account}' as its App ID"
        );
        return Cause::input("field_mixup", Some(Part::AppId), detail);
    }
    cause
}

/// A token whose sign matches but whose expiry is negative: a 32-bit signed generator
/// (Java, C#, C++) wrapped an expiry past 2038 in the sign and the token alike.
fn wrapped_in_both(unix: i64) -> Option<(Cause, Finding)> {
    let meant = unix + (1 << 32);
    if !(i64::from(i32::MIN)..0).contains(&unix) {
        return None;
    }
    let cause = Cause::input(
        "expiry_wrapped",
        Some(Part::ExpiredTime),
        format!(
            "expiry {unix} in both the sign and the token: {meant} ({}) wrapped to a signed \
             32-bit integer (Java, C#, C++)",
            expiry::format_utc(meant)
        ),
    );
    let finding = finding(
        "expiry_wrapped_in_both",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!(
            "The sign matches, but the expiry {unix} is negative: {meant} wrapped to 32 bits. \
             A server that reads it as a time in {} answers 204; one that refuses a negative \
             expiry answers 206. sigtoken cannot know which; either way the login fails.",
            expiry::format_utc(unix)
        ),
    );
    Some((cause, finding))
}

fn app_id_mismatch(request: &Request, client: &ParsedToken) -> Option<Finding> {
    // Shown as written, escape codes made visible; a certificate among them is hidden by
    // `diagnose_with`, so a lower-case App ID is never mistaken for one.
    let shown = |id: &str| crate::visible::escape_line(&id.chars().take(40).collect::<String>());
    if client.app_id == request.app_id {
        None
    } else if client.app_id.eq_ignore_ascii_case(request.app_id) {
        Some(finding(
            "app_id_case_mismatch",
            Severity::Error,
            Some(Part::AppId),
            format!(
                "The token's App ID {} differs from {} only in letter case: it is hashed as written, so the token is wrong.",
                shown(&client.app_id),
                shown(request.app_id)
            ),
        ))
    } else {
        Some(finding(
            "app_id_mismatch",
            Severity::Error,
            Some(Part::AppId),
            format!(
                "The token was made for App ID {}, not {}.",
                shown(&client.app_id),
                shown(request.app_id)
            ),
        ))
    }
}

/// The sign differs: with the mistake that made it, if the search found one.
fn sign_mismatch(search: &Search<Cause>) -> Finding {
    match search {
        Search::Found(c) => finding(
            "sign_mismatch",
            Severity::Error,
            c.part(),
            format!(
                "The sign does not match the expected inputs; it was made with {}.",
                c.detail
            ),
        ),
        Search::Cancelled => finding(
            "sign_mismatch",
            Severity::Error,
            None,
            "The sign does not match the expected inputs; the search for the mistake was cancelled.",
        ),
        Search::NotFound => finding(
            "sign_mismatch",
            Severity::Error,
            None,
            "The sign does not match, and no known mistake reproduces it: check that the certificate \
             is the right one, the account, and the generator's algorithm.",
        ),
    }
}

/// Expected inputs that cannot be right make every comparison moot: say so.
fn expected_inputs_warnings(request: &Request) -> impl Iterator<Item = Finding> {
    crate::checks::check_app_id(request.app_id)
        .into_iter()
        .chain(crate::checks::check_certificate(request.certificate))
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            finding(
                f.code,
                Severity::Warning,
                f.field,
                format!(
                    "The expected {}: check the inputs.",
                    lower_first(&f.message)
                ),
            )
        })
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if text.starts_with("App") => format!("{c}{}", chars.as_str()),
        Some(c) => format!("{}{}", c.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::request::example as request;
    use super::*;
    use crate::token::{Inputs, worked_example as ex};

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_valid_token_is_accepted() {
        let report = diagnose(&request(&ex::inputs().token()));
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(codes(&report), ["valid"]);
        assert_eq!(
            report.expected.as_ref().map(ParsedToken::to_token),
            Some(ex::inputs().token())
        );
    }
    #[test]
    fn an_expired_valid_token_gets_204() {
        let mut r = request("");
        let token = ex::inputs().token();
        r.client_token = &token;
        r.now = expiry::parse_now("2019-01-01T00:00:00Z").unwrap();
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenExpired));
        assert_eq!(codes(&report), ["expired"]);
    }
    #[test]
    fn no_need_token_follows_the_switch() {
        let mut r = request(NO_NEED_TOKEN);
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert_eq!(codes(&report), ["no_need_token_rejected"]);
        r.settings.debug_switch = true;
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(codes(&report), ["no_need_token_accepted"]);
    }
    #[test]
    fn anything_is_accepted_without_a_certificate() {
        for token in [
            NO_NEED_TOKEN,
            "",
            "garbage",
            "1:x:1:00000000000000000000000000000000",
        ] {
            let mut r = request(token);
            r.settings.certificate_enabled = false;
            let report = diagnose(&r);
            assert_eq!(report.outcome, Outcome::Accepted, "{token:?}");
            assert!(codes(&report).contains(&"certificate_not_enabled"));
        }
    }
    #[test]
    fn malformed_tokens_are_named_precisely() {
        for (token, code, words) in [
            ("", "malformed_token", "empty"),
            ("1:abc", "malformed_token", "4 fields"),
            (
                "2:A:1:2d572d6e3a75ebde5a06626f40fe9684",
                "unsupported_version",
                "'1'",
            ),
            (
                "1:A:x:2d572d6e3a75ebde5a06626f40fe9684",
                "malformed_token",
                "base-10",
            ),
            ("1:A:1:2d57", "malformed_token", "32 hex"),
        ] {
            let report = diagnose(&request(token));
            assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
            assert_eq!(codes(&report), [code], "{token:?}");
            assert!(
                report.findings[0].message.contains(words),
                "{}",
                report.findings[0].message
            );
        }
    }
    #[test]
    fn expected_inputs_that_cannot_be_right_are_named() {
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let r = Request {
            certificate: "",
            ..request(&token)
        };
        let report = diagnose(&r);
        assert!(
            codes(&report).contains(&"certificate_empty"),
            "{:?}",
            codes(&report)
        );
    }
    #[test]
    fn app_id_mismatches() {
        let token = Inputs::new(
            ex::APP_ID.to_lowercase(),
            ex::APP_CERTIFICATE,
            ex::ACCOUNT,
            ex::EXPIRED_TIME,
        )
        .token();
        let report = diagnose(&request(&token));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert!(
            codes(&report).contains(&"app_id_case_mismatch"),
            "{:?}",
            codes(&report)
        );
        let token = Inputs::new(
            "0123456789ABCDEF0123456789ABCDEF",
            ex::APP_CERTIFICATE,
            ex::ACCOUNT,
            ex::EXPIRED_TIME,
        )
        .token();
        assert!(codes(&diagnose(&request(&token))).contains(&"app_id_mismatch"));
    }
    #[test]
    fn another_expiry_than_the_expected_one_is_named() {
        // The token is right for its own expiry, a day later than the one asked for.
        let later = Inputs::new(
            ex::APP_ID,
            ex::APP_CERTIFICATE,
            ex::ACCOUNT,
            ex::EXPIRED_TIME + 86_400,
        )
        .token();
        let r = Request {
            expected_expiry: Some(ex::EXPIRED_TIME),
            ..request(&later)
        };
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(codes(&report), ["expiry_differs", "valid"]);
        assert!(
            report.findings[0]
                .message
                .contains("not the expected 1546271999")
        );
        // What to send instead: the token with the expected expiry.
        assert_eq!(
            report.expected.as_ref().map(ParsedToken::to_token),
            Some(ex::inputs().token())
        );
        // The same expiry: nothing to say.
        let right = ex::inputs().token();
        let same = Request {
            expected_expiry: Some(ex::EXPIRED_TIME),
            ..request(&right)
        };
        assert_eq!(codes(&diagnose(&same)), ["valid"]);
    }
    #[test]
    fn milliseconds_in_both_beside_another_mistake_are_combined() {
        // A certificate read with its quotes, and the expiry in milliseconds everywhere.
        let ms = ex::EXPIRED_TIME * 1000;
        let quoted = format!("\"{}\"", ex::APP_CERTIFICATE);
        let token = Inputs::new(ex::APP_ID, quoted, ex::ACCOUNT, ms).token();
        let report = diagnose(&request(&token));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let cause = report.cause.clone().expect("a cause");
        assert_eq!(cause.code, "combined");
        let inner: Vec<&str> = cause.causes.iter().map(|c| c.code).collect();
        assert_eq!(inner, ["quotes", "expiry_milliseconds"]);
        assert!(codes(&report).contains(&"expiry_in_milliseconds"));
        // The token to send has the expiry in seconds.
        assert_eq!(
            report.expected.map(|e| e.expired_time),
            Some(ex::EXPIRED_TIME)
        );
    }
    #[test]
    fn a_32_bit_wrap_in_both_the_sign_and_the_token_is_named() {
        let wrapped = 2_200_000_000_i64 as i32 as i64;
        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::ACCOUNT, wrapped).token();
        let report = diagnose(&request(&token));
        assert!(report.error().is_some(), "never accepted");
        let cause = report.cause.clone().expect("a cause");
        assert_eq!(
            (cause.code, cause.part()),
            ("expiry_wrapped", Some(Part::ExpiredTime))
        );
        assert!(cause.detail.contains("2200000000"), "{}", cause.detail);
        assert_eq!(codes(&report), ["expiry_wrapped_in_both"]);
        assert!(report.findings[0].message.contains("cannot know"));
    }
    #[test]
    fn the_account_and_the_app_id_swapped_in_the_token_too_is_a_mix_up() {
        let token = Inputs::new(
            ex::ACCOUNT,
            ex::APP_CERTIFICATE,
            ex::APP_ID,
            ex::EXPIRED_TIME,
        )
        .token();
        let cause = diagnose(&request(&token)).cause.expect("a cause");
        assert_eq!(
            (cause.code, cause.part()),
            ("field_mixup", Some(Part::AppId))
        );
        assert!(
            cause.detail.contains("'test@agora.io' as its App ID"),
            "{}",
            cause.detail
        );
        // Swapped in the sign alone, it stays a concatenation order.
        let sign = token::sign_of(&[
            ex::APP_ID.as_bytes(),
            ex::ACCOUNT.as_bytes(),
            ex::APP_CERTIFICATE.as_bytes(),
            ex::EXPIRED_TIME.to_string().as_bytes(),
        ]);
        let token = token::format_token(ex::APP_ID, ex::EXPIRED_TIME, &sign);
        let cause = diagnose(&request(&token)).cause.expect("a cause");
        assert_eq!(cause.code, "concatenation_order");
    }
    #[test]
    fn sign_uppercase() {
        let token = ex::inputs().token();
        let upper = format!(
            "{}{}",
            &token[..token.len() - 32],
            token[token.len() - 32..].to_uppercase()
        );
        let report = diagnose(&request(&upper));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert_eq!(codes(&report), ["sign_uppercase"]);
    }
    #[test]
    fn no_cause_found_is_sign_mismatch() {
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let report = diagnose(&request(&token));
        assert_eq!(report.cause, None);
        assert_eq!(codes(&report), ["sign_mismatch"]);
        assert!(report.findings[0].message.contains("no known mistake"));
    }
    #[test]
    fn a_cancelled_search_says_so() {
        let control = Control::default();
        control.cancel();
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let report = diagnose_with(&request(&token), &control);
        assert!(report.cancelled);
        assert!(report.findings[0].message.contains("cancelled"));
    }
}
