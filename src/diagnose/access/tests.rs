//! The diagnosis of tokens of other kinds: the cause `access_token` with the decoded
//! fields and the SignalingToken offered in its place; look-alikes named, no cause.

use crate::access_token::testing::{APP_ID, V006, V007, rtm_body, token_007};
use crate::diagnose::request::example as request;
use crate::diagnose::{CauseField, Report, diagnose};
use crate::expiry;
use crate::policy::{LoginError, Outcome};
use crate::token::{Inputs, ParsedToken, worked_example as ex};

fn offered(report: &Report) -> Option<String> {
    report.expected.as_ref().map(ParsedToken::to_token)
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

#[test]
fn the_006_vector_is_an_access_token() {
    let report = diagnose(&request(V006));
    assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
    let cause = report.cause.as_ref().expect("a cause");
    assert_eq!(cause.code, "access_token");
    assert_eq!(cause.field, Some(CauseField::Token));
    assert_eq!(
        cause.detail,
        format!(
            "an AccessToken (006) for App ID {APP_ID}, issued 1970-01-13 20:38:31 UTC, join channel"
        )
    );
    assert_eq!(codes(&report), ["access_token"]);
    let f = &report.findings[0];
    assert!(
        f.message.contains(&format!(
            "Its App ID {APP_ID} is not the expected {}.",
            ex::APP_ID
        )),
        "{}",
        f.message
    );
    // The token's own expiry (join channel) is the offered token's.
    let own = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::ACCOUNT, 1_446_455_471).token();
    assert_eq!(offered(&report), Some(own.clone()));
    assert!(f.message.ends_with(&own), "{}", f.message);
    assert!(
        f.message
            .contains("with the token's own expiry, 2015-11-02 09:11:11 UTC")
    );
    let crc = |s: &[u8]| crc32fast::hash(s).to_string();
    for field in [
        format!("App ID {APP_ID}"),
        "signature 32 bytes".to_string(),
        format!(
            "crc32 of the channel name {}",
            crc(b"7d72365eb983485397e3e3f9d460bdda")
        ),
        format!("crc32 of the uid {}", crc(b"2882341273")),
        "salt 1".to_string(),
        "issued 1970-01-13 20:38:31 UTC (1111111)".to_string(),
        "privileges: join channel until 2015-11-02 09:11:11 UTC (1446455471)".to_string(),
    ] {
        assert!(f.why.contains(&field), "{field:?} missing: {}", f.why);
    }
    assert!(f.why.starts_with("decoded without the certificate"));
}

#[test]
fn the_expected_expiry_comes_first() {
    let mut r = request(V006);
    r.expected_expiry = Some(ex::EXPIRED_TIME);
    let report = diagnose(&r);
    assert_eq!(offered(&report), Some(ex::inputs().token()));
    assert!(
        report.findings[0]
            .message
            .contains("with the expected expiry")
    );
}

#[test]
fn the_007_vector_and_an_rtm_token() {
    let report = diagnose(&request(V007));
    let cause = report.cause.as_ref().expect("a cause");
    assert_eq!(
        cause.detail,
        format!(
            "an AccessToken2 (007) for App ID {APP_ID}, issued 1970-01-13 20:38:31 UTC, no services"
        )
    );
    assert_eq!(
        report.expected.as_ref().map(|e| e.expired_time),
        Some(1_111_711)
    );
    assert!(
        report.findings[0]
            .why
            .contains("expires 1970-01-13 20:48:31 UTC (600 s after issue)")
    );

    let report = diagnose(&request(&token_007(&rtm_body())));
    let cause = report.cause.as_ref().expect("a cause");
    assert!(
        cause
            .detail
            .ends_with("issued 2023-11-14 22:13:20 UTC, RTM login"),
        "{}",
        cause.detail
    );
    assert!(
        report.findings[0]
            .why
            .contains("services: RTM: privileges: login (expire 3600), user id \"bob\""),
        "{}",
        report.findings[0].why
    );
    assert_eq!(
        report.expected.as_ref().map(|e| e.expired_time),
        Some(1_700_086_400)
    );
}

#[test]
fn a_dynamic_key_without_an_expiry_gets_one_chosen() {
    let key = format!(
        "004{}{}14464554711234567800000000000",
        "a".repeat(40),
        ex::APP_ID
    );
    let r = request(&key);
    let report = diagnose(&r);
    let cause = report.cause.as_ref().expect("a cause");
    assert_eq!(
        cause.detail,
        format!("a DynamicKey (004) for App ID {}", ex::APP_ID)
    );
    let chosen = r.now.timestamp() + 24 * 3600;
    assert_eq!(
        report.expected.as_ref().map(|e| e.expired_time),
        Some(chosen)
    );
    let message = &report.findings[0].message;
    assert!(message.contains("sigtoken chose it"), "{message}");
    assert!(message.contains(&expiry::format_utc(chosen)), "{message}");
    assert!(!message.contains("Its App ID"), "{message}");
}

#[test]
fn with_the_certificate_off_it_is_accepted() {
    let mut r = request(V006);
    r.settings.certificate_enabled = false;
    let report = diagnose(&r);
    assert_eq!(report.outcome, Outcome::Accepted);
    assert_eq!(codes(&report), ["certificate_not_enabled", "access_token"]);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity == crate::checks::Severity::Note)
    );
}

#[test]
fn look_alikes_are_named_without_a_cause() {
    let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";
    let report = diagnose(&request(jwt));
    assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
    assert_eq!(report.cause, None);
    assert_eq!(report.expected, None);
    assert_eq!(codes(&report), ["looks_like_jwt"]);
    assert!(
        report.findings[0]
            .message
            .starts_with("The token looks like a JWT (alg RS256), not a SignalingToken")
    );

    let report = diagnose(&request("AAECAwQFBgcICQoLDA0ODxAREhM="));
    assert_eq!(report.cause, None);
    assert_eq!(codes(&report), ["looks_like_base64"]);
    assert!(
        report.findings[0]
            .message
            .contains("bare base64 (it decodes to 20 bytes)")
    );
}

#[test]
fn the_certificate_is_never_shown() {
    // A token whose App ID is the certificate (a generator given them swapped).
    let token = format!("006{}{}", ex::APP_CERTIFICATE, &V006[35..]);
    let report = diagnose(&request(&token));
    let cause = report.cause.as_ref().expect("a cause");
    let f = &report.findings[0];
    for text in [&cause.detail, &f.message, &f.why] {
        assert!(
            !text.to_lowercase().contains(&ex::APP_CERTIFICATE[..8]),
            "{text}"
        );
        assert!(text.contains("<the certificate, not shown>"), "{text}");
    }
}

#[test]
fn a_cut_token_says_where_decoding_stopped() {
    let report = diagnose(&request(&V006[..35 + 52]));
    let cause = report.cause.as_ref().expect("a cause");
    assert!(
        cause
            .detail
            .ends_with("decoded until the bytes end in the crc32 of the uid (at byte 38)"),
        "{}",
        cause.detail
    );
    assert!(
        report.findings[0]
            .why
            .contains("decoding stopped: the bytes end in the crc32 of the uid")
    );
    assert!(report.findings[0].message.contains("sigtoken chose it"));
}
