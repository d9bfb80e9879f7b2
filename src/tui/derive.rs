//! What the inputs make: the MD5 input, the sign, the token and the findings, computed
//! by the core from the field values. The UI reads these; it never hashes.

use crate::checks::{self, Finding};
use crate::expiry::{self, Expiry, ExpiryError, Zone};
use crate::token::{self, Inputs, Md5Input, Sign};
use chrono::{DateTime, Utc};

/// What the inputs make, recomputed on every change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    pub md5_input: Md5Input,
    pub expiry: Result<Expiry, ExpiryError>,
    /// The findings only the inputs decide (`checks::assess_inputs`).
    pub input_findings: Vec<Finding>,
    /// Every finding for the inputs at the current time, sorted: `checks::assess`.
    pub findings: Vec<Finding>,
    /// Present when the expiry parses.
    pub result: Option<Built>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub sign: Sign,
    pub token: String,
}

/// The four inputs as typed. No Debug: it holds the certificate.
#[derive(Clone, Copy)]
pub struct Texts<'a> {
    pub app_id: &'a str,
    pub certificate: &'a str,
    pub account: &'a str,
    pub expiry: &'a str,
}

/// Derives everything from the inputs; a relative expiry counts from `anchor`, a
/// date-time without a zone is read in `tz` (UTC when none was given), and the findings
/// judge the expiry against `now`.
pub fn derive(
    texts: Texts<'_>,
    anchor: DateTime<Utc>,
    tz: Option<Zone>,
    now: DateTime<Utc>,
) -> Derived {
    let Texts {
        app_id,
        certificate,
        account,
        expiry: expiry_text,
    } = texts;
    let expiry = expiry::parse_in(expiry_text, anchor, tz);
    let result = expiry.as_ref().ok().map(|e| {
        let inputs = Inputs::new(app_id, certificate, account, e.unix);
        let sign = inputs.sign();
        Built {
            token: token::format_token(app_id, e.unix, &sign),
            sign,
        }
    });
    // The expiry is hashed as its integer value; while it does not parse, show it as typed.
    let expiry_written = match &expiry {
        Ok(e) => e.unix.to_string(),
        Err(_) => expiry_text.to_string(),
    };
    let subject = checks::Subject {
        app_id,
        certificate,
        account: Some(account),
        expiry: expiry.as_ref(),
    };
    let input_findings = checks::assess_inputs(&subject, anchor);
    let findings = checks::merge(&input_findings, &checks::assess_clock(subject.expiry, now));
    Derived {
        md5_input: Md5Input::new(account, app_id, certificate, &expiry_written),
        input_findings,
        findings,
        expiry,
        result,
    }
}

/// The findings at a new moment: the inputs' half as it was, the clock's half anew. The
/// token, the sign and the inputs' findings are not recomputed.
pub fn at(derived: &Derived, now: DateTime<Utc>) -> Vec<Finding> {
    let clock = checks::assess_clock(derived.expiry.as_ref(), now);
    checks::merge(&derived.input_findings, &clock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::worked_example as we;

    fn example() -> Texts<'static> {
        Texts {
            app_id: we::APP_ID,
            certificate: we::APP_CERTIFICATE,
            account: we::ACCOUNT,
            expiry: "1546271999",
        }
    }

    #[test]
    fn the_worked_example_derives_its_token() {
        let derived = derive(example(), Utc::now(), None, Utc::now());
        let built = derived.result.expect("the expiry parses");
        assert_eq!(built.token, we::inputs().token());
    }

    #[test]
    fn an_expiry_that_does_not_parse_is_hashed_as_typed_and_found() {
        let derived = derive(
            Texts {
                expiry: "soon",
                ..example()
            },
            Utc::now(),
            None,
            Utc::now(),
        );
        assert!(derived.result.is_none());
        assert_eq!(
            derived.md5_input.part_str(crate::token::Part::ExpiredTime),
            "soon"
        );
        assert!(!derived.findings.is_empty());
    }

    #[test]
    fn a_new_moment_changes_only_the_clocks_half_and_agrees_with_the_one_assembly() {
        let then = crate::expiry::parse_now("2018-12-01T00:00:00Z").unwrap();
        let later = crate::expiry::parse_now("2019-12-01T00:00:00Z").unwrap();
        let derived = derive(example(), then, None, then);
        assert!(!derived.findings.iter().any(|f| f.code == "expired"));
        let moved = at(&derived, later);
        assert!(moved.iter().any(|f| f.code == "expired"));
        let subject = checks::Subject {
            app_id: we::APP_ID,
            certificate: we::APP_CERTIFICATE,
            account: Some(we::ACCOUNT),
            expiry: derived.expiry.as_ref(),
        };
        assert_eq!(moved, checks::assess(&subject, then, later));
    }
}
