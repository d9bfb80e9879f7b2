//! The diagnosis of a failing login: what the server answers to a client's token (the
//! verdict), and how the token compares with the one the expected inputs make.

mod access;
mod compare;
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
    default_search_size, fingerprint, search_size,
};

use crate::checks::{Finding, Severity};
use crate::expiry;
use crate::policy::{LoginError, NO_NEED_TOKEN, Outcome, Rule};
use crate::token::{ParsedToken, TokenParseError, parse_token};
use compare::{
    app_id_mismatch, compare, expected_inputs_warnings, expiry_differs, finding, sign_mismatch,
};
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
    // Expected inputs with the certificate as the App ID (finding app_id_is_certificate).
    if let Some(expected) = &mut report.expected {
        hide(&mut expected.app_id);
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
    let expected = request.expected_token(client.expired_time);
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
    report::notes_when_anything_goes(rule, &mut findings);
    Report {
        outcome: verdict(rule, comparison.error),
        expected: Some(match request.expected_expiry {
            Some(meant) => request.expected_token(meant),
            // A 13-digit expiry is milliseconds at best: the token to send has seconds.
            None if client.expired_time >= MILLISECONDS_FROM => {
                request.expected_token(client.expired_time / 1000)
            }
            None => expected,
        }),
        parsed: Ok(client),
        findings,
        cancelled: comparison.search == Search::Cancelled,
        cause: comparison.search.found(),
    }
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
    report::notes_when_anything_goes(rule, &mut findings);
    Some(Report {
        outcome: verdict(rule, Some(LoginError::TokenWrong)),
        parsed: parse_token(request.client_token),
        expected: Some(
            request.expected_token(request.expected_expiry.unwrap_or(client.expired_time)),
        ),
        findings,
        cause: Some(cause),
        cancelled: false,
    })
}

#[cfg(test)]
mod tests {
    use super::request::example as request;
    use super::*;
    use crate::token::{self, Inputs, Part, worked_example as ex};

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
