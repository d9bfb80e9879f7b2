//! Input checks: the mistakes that look right but make a 206 (or a 204), and the one
//! assembly of every finding that the console and the commands all use.
//!
//! Each check is a pure function over the inputs exactly as typed. Findings never quote
//! the App Certificate: they name positions and kinds of characters only.

mod expiry_checks;
mod finding;
mod inputs;

pub use expiry_checks::{
    check_expiry, check_expiry_at, check_worked_example, expiry_invalid, form_note,
};
pub use finding::{Finding, Marks, Severity, field_name, mid_sentence, sort};
pub use inputs::{MAX_ACCOUNT_CHARS, check_account, check_app_id, check_certificate, check_pair};

use crate::expiry::{Expiry, ExpiryError};
use crate::token::Inputs;
use chrono::{DateTime, Utc};

/// What the checks look at: the inputs exactly as typed, and the expiry as read.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    pub app_id: &'a str,
    pub certificate: &'a str,
    /// `None` when there are many accounts (`batch`): none is checked here.
    pub account: Option<&'a str>,
    pub expiry: Result<&'a Expiry, &'a ExpiryError>,
}

/// Every finding for the inputs, sorted: the one assembly that the console, `generate`,
/// `batch` and `report` all use. `anchor` is the moment a relative expiry was counted
/// from; `now` is the clock the expiry is judged against.
pub fn assess(subject: &Subject, anchor: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Finding> {
    merge(
        &assess_inputs(subject, anchor),
        &assess_clock(subject.expiry, now),
    )
}

/// The half of [`assess`] that only the inputs decide. The console computes it when an
/// input changes, and only the clock's half as time passes.
pub fn assess_inputs(subject: &Subject, anchor: DateTime<Utc>) -> Vec<Finding> {
    let mut out = check_app_id(subject.app_id);
    out.extend(check_certificate(subject.certificate));
    out.extend(check_pair(subject.app_id, subject.certificate));
    if let Some(account) = subject.account {
        out.extend(check_account(account));
    }
    match subject.expiry {
        Ok(e) => {
            out.extend(check_expiry(e, anchor));
            if let Some(account) = subject.account {
                out.extend(check_worked_example(&Inputs::new(
                    subject.app_id,
                    subject.certificate,
                    account,
                    e.unix,
                )));
            }
        }
        Err(e) => out.push(expiry_invalid(e)),
    }
    out
}

/// The half of [`assess`] that the clock decides: expired, or far ahead.
pub fn assess_clock(expiry: Result<&Expiry, &ExpiryError>, now: DateTime<Utc>) -> Vec<Finding> {
    match expiry {
        Ok(e) => check_expiry_at(e.unix, now),
        Err(_) => Vec::new(),
    }
}

/// The two halves together, in the one order every front end shows.
pub fn merge(inputs: &[Finding], clock: &[Finding]) -> Vec<Finding> {
    let mut out: Vec<Finding> = clock.iter().chain(inputs).cloned().collect();
    sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expiry::{self, Form};
    use crate::token::worked_example;

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code).collect()
    }

    /// Every finding for the inputs, through the one entry point.
    fn check_inputs(
        app_id: &str,
        certificate: &str,
        account: &str,
        expiry: &Expiry,
        now: DateTime<Utc>,
    ) -> Vec<Finding> {
        let subject = Subject {
            app_id,
            certificate,
            account: Some(account),
            expiry: Ok(expiry),
        };
        assess(&subject, now, now)
    }

    fn now() -> DateTime<Utc> {
        expiry::to_datetime(1546268399).unwrap()
    }

    const APP_ID: &str = worked_example::APP_ID;
    const CERT: &str = worked_example::APP_CERTIFICATE;

    #[test]
    fn the_certificate_pasted_as_the_app_id_is_an_error_that_never_quotes_it() {
        for app_id in [CERT.to_string(), CERT.to_uppercase(), format!(" {CERT}\n")] {
            let f = check_pair(&app_id, CERT);
            assert_eq!(codes(&f), ["app_id_is_certificate"], "{app_id:?}");
            assert!(f[0].blocks_a_token());
            assert!(!format!("{}{}", f[0].message, f[0].why).contains(CERT));
        }
        // Two different values, as the console issues them, or no certificate yet.
        assert!(check_pair(APP_ID, CERT).is_empty());
        assert!(check_pair("", "").is_empty());
    }

    #[test]
    fn clean_app_id_and_certificate_pass() {
        assert!(check_app_id(APP_ID).is_empty());
        assert!(check_certificate(CERT).is_empty());
    }

    #[test]
    fn certificate_with_a_trailing_newline() {
        let f = check_certificate(&format!("{CERT}\n"));
        assert_eq!(codes(&f), ["certificate_length", "certificate_whitespace"]);
        assert_eq!(f[1].message, "App Certificate ends with a newline (\\n)");
        assert_eq!(f[1].marks, Marks::Chars(vec![32]));
        assert_eq!(f[1].severity, Severity::Error);
    }

    #[test]
    fn findings_never_quote_the_certificate() {
        for bad in [
            format!("{CERT}\n"),
            format!(" {CERT}"),
            format!("{}zz", &CERT[..30]),
            CERT.to_uppercase(),
            format!("{}\u{200B}{}", &CERT[..16], &CERT[16..]),
        ] {
            for f in check_certificate(&bad) {
                for text in [&f.message, &f.why] {
                    assert!(!text.contains(&CERT[..8]), "{text}");
                    assert!(!text.contains("zz"), "{text}");
                }
            }
        }
    }

    #[test]
    fn letter_case_is_no_finding() {
        // Modern consoles show lower case, the vendor's suites use mixed case: all real.
        for app_id in [
            APP_ID.to_lowercase(),
            APP_ID.to_string(),
            "970CA35de60c44645bbae8a215061b33".to_string(),
        ] {
            assert_eq!(codes(&check_app_id(&app_id)), [] as [&str; 0], "{app_id}");
        }
        for cert in [
            CERT.to_uppercase(),
            "5CFd2fd1755d40ecb72977518be15d3b".into(),
        ] {
            assert_eq!(codes(&check_certificate(&cert)), [] as [&str; 0]);
        }
    }

    #[test]
    fn length_hex_whitespace_and_invisible() {
        assert_eq!(codes(&check_app_id("")), ["app_id_empty"]);
        assert_eq!(codes(&check_app_id("ABC")), ["app_id_length"]);
        let f = check_app_id(&format!("{}G", &APP_ID[..31]));
        assert_eq!(codes(&f), ["app_id_not_hex"]);
        assert_eq!(f[0].marks, Marks::Chars(vec![31]));
        assert!(f[0].message.contains("('G')"));
        let f = check_app_id(&format!("{} {}", &APP_ID[..16], &APP_ID[17..]));
        assert_eq!(codes(&f), ["app_id_whitespace"]);
        assert!(
            f[0].message.contains("a space (U+0020) inside"),
            "{}",
            f[0].message
        );
        for invisible in ['\u{200B}', '\u{FEFF}'] {
            let f = check_app_id(&format!("{invisible}{}", &APP_ID[1..]));
            assert_eq!(codes(&f), ["app_id_invisible"], "{invisible:?}");
        }
        let f = check_app_id(&format!("\u{A0}{}", &APP_ID[1..]));
        assert_eq!(codes(&f), ["app_id_whitespace"]);
        assert!(f[0].message.contains("no-break space"), "{}", f[0].message);
    }

    #[test]
    fn account_checks() {
        assert_eq!(codes(&check_account("")), ["account_empty"]);
        assert!(check_account("test@agora.io").is_empty());
        assert_eq!(codes(&check_account("john doe")), ["account_spaces"]);
        assert_eq!(
            codes(&check_account(" test ")),
            [
                "account_edge_whitespace",
                "account_edge_whitespace",
                "account_spaces"
            ]
        );
        let long = "a".repeat(129);
        assert_eq!(codes(&check_account(&long)), ["account_too_long"]);
        assert_eq!(codes(&check_account("a\0b")), ["account_control"]);
        assert_eq!(
            codes(&check_account("line1\nline2\t")),
            ["account_edge_whitespace", "account_control"]
        );
    }

    #[test]
    fn non_ascii_accounts_say_java_and_normal_form() {
        let f = check_account("José");
        assert_eq!(codes(&f), ["account_non_ascii", "account_nfc"]);
        assert!(f[0].why.contains("Java"));
        let f = check_account("Jose\u{301}");
        assert_eq!(codes(&f), ["account_non_ascii", "account_nfd"]);
        assert_eq!(f[1].severity, Severity::Warning);
        assert_eq!(f[1].marks, Marks::Chars(vec![4]));
        // CJK has no decompositions: nothing to say about normal forms.
        assert_eq!(codes(&check_account("用户@例子")), ["account_non_ascii"]);
        assert_eq!(
            codes(&check_account("Jose\u{301} José")),
            [
                "account_spaces",
                "account_non_ascii",
                "account_mixed_normalization"
            ]
        );
    }

    fn unix(unix: i64) -> Expiry {
        Expiry {
            unix,
            form: Form::UnixSeconds,
        }
    }

    #[test]
    fn expiry_checks() {
        let n = now();
        assert!(check_expiry(&unix(1546271999), n).is_empty());
        assert_eq!(codes(&check_expiry(&unix(0), n)), ["expiry_not_positive"]);
        assert_eq!(codes(&check_expiry(&unix(-1), n)), ["expiry_not_positive"]);
        assert_eq!(
            codes(&check_expiry(&unix(2592000), n)),
            ["expiry_looks_like_duration"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(1546271999000), n)),
            ["expiry_milliseconds", "expiry_uint32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(2147483647), n)),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&check_expiry(&unix(2147483648), n)),
            ["expiry_int32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(4294967295), n)),
            ["expiry_int32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(4294967296), n)),
            ["expiry_uint32_wrap"]
        );
        let relative = Expiry {
            unix: 1546271999,
            form: Form::Relative { seconds: 3600 },
        };
        let f = check_expiry(&relative, n);
        assert_eq!(codes(&f), ["expiry_relative"]);
        assert!(f[0].message.contains("+1h "), "{}", f[0].message);
        let naive = Expiry {
            unix: 1546271999,
            form: Form::NaiveUtc,
        };
        assert_eq!(codes(&check_expiry(&naive, n)), ["expiry_read_as_utc"]);
    }

    #[test]
    fn clock_checks() {
        let n = now();
        let f = check_expiry_at(1546268000, n);
        assert_eq!(codes(&f), ["expired"]);
        assert!(f[0].why.contains("204"));
        assert!(check_expiry_at(1546271999, n).is_empty());
        // Two and five years ahead are legitimate: a note, never a warning.
        for years in [2, 5] {
            let f = check_expiry_at(1546268399 + years * 366 * 86_400, n);
            assert_eq!(codes(&f), ["expiry_far_future"]);
            assert_eq!(f[0].severity, Severity::Note);
            assert!(!f[0].why.contains("unit"), "{}", f[0].why);
        }
    }

    #[test]
    fn the_worked_example_is_pointed_out() {
        let f = check_inputs(APP_ID, CERT, "test@agora.io", &unix(1546271999), now());
        assert_eq!(codes(&f), ["worked_example"]);
        assert!(f[0].message.contains("5c0ee12f"));
        assert!(f[0].message.contains("2592000"));
    }

    #[test]
    fn shared_vectors_raise_what_they_are_about() {
        let cases: &[(&str, &str, &str, &str, &[&str])] = &[
            (
                "lowercase_appid",
                &APP_ID.to_lowercase(),
                CERT,
                "test@agora.io",
                &[],
            ),
            (
                "uppercase_cert",
                APP_ID,
                &CERT.to_uppercase(),
                "test@agora.io",
                &[],
            ),
            (
                "account_with_spaces",
                APP_ID,
                CERT,
                "john doe",
                &["account_spaces"],
            ),
            (
                "nfd",
                APP_ID,
                CERT,
                "Jose\u{301}",
                &["account_nfd", "account_non_ascii"],
            ),
            (
                "empty_appid_and_cert",
                "",
                "",
                "test@agora.io",
                &["app_id_empty", "certificate_empty"],
            ),
        ];
        for (id, app_id, cert, account, expected) in cases {
            let f = check_inputs(app_id, cert, account, &unix(1546271999), now());
            assert_eq!(&codes(&f), expected, "{id}");
        }
    }

    #[test]
    fn sorted_errors_first() {
        let f = check_inputs(
            &APP_ID.to_lowercase(),
            &format!("{CERT}\n"),
            "José",
            &unix(1546271999000),
            now(),
        );
        let severities: Vec<Severity> = f.iter().map(|f| f.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted);
    }
}
