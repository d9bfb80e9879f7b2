//! What the inputs make: the MD5 input, the sign, the token and the findings, computed
//! by the core from the field values. The UI reads these; it never hashes.

use crate::checks::{self, Finding};
use crate::expiry::{self, Expiry, ExpiryError};
use crate::token::{self, Inputs, Md5Input, Sign};
use chrono::{DateTime, Utc};

/// What the inputs make, recomputed on every change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    pub md5_input: Md5Input,
    pub expiry: Result<Expiry, ExpiryError>,
    /// Findings that depend only on the inputs, sorted.
    pub findings: Vec<Finding>,
    /// Present when the expiry parses.
    pub result: Option<Built>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub sign: Sign,
    pub token: String,
}

/// The four inputs as typed.
#[derive(Clone, Copy, Debug)]
pub struct Texts<'a> {
    pub app_id: &'a str,
    pub certificate: &'a str,
    pub account: &'a str,
    pub expiry: &'a str,
}

/// Derives everything from the inputs; a relative expiry counts from `now`.
pub fn derive(texts: Texts<'_>, now: DateTime<Utc>) -> Derived {
    let Texts {
        app_id,
        certificate,
        account,
        expiry: expiry_text,
    } = texts;
    let expiry = expiry::parse(expiry_text, now);
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
    Derived {
        md5_input: Md5Input::new(account, app_id, certificate, &expiry_written),
        findings: match &expiry {
            Ok(e) => checks::check_inputs(app_id, certificate, account, Some(e), now),
            Err(e) => {
                let mut findings = checks::check_inputs(app_id, certificate, account, None, now);
                findings.push(checks::expiry_invalid(e));
                checks::sort(&mut findings);
                findings
            }
        },
        expiry,
        result,
    }
}

/// The findings that depend on the clock (expired, far ahead), for this moment.
pub fn clock_findings(derived: &Derived, now: DateTime<Utc>) -> Vec<Finding> {
    match &derived.expiry {
        Ok(e) => checks::check_expiry_at(e.unix, now),
        Err(_) => Vec::new(),
    }
}

/// The clock's findings and the inputs' findings together: errors first.
pub fn all_findings<'a>(derived: &'a Derived, clock: &'a [Finding]) -> Vec<&'a Finding> {
    let mut all: Vec<&Finding> = clock.iter().chain(&derived.findings).collect();
    all.sort_by_key(|f| (f.severity, f.field.map_or(4, |p| p as usize)));
    all
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
        let derived = derive(example(), Utc::now());
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
        );
        assert!(derived.result.is_none());
        assert_eq!(
            derived.md5_input.part_str(crate::token::Part::ExpiredTime),
            "soon"
        );
        assert!(!derived.findings.is_empty());
    }
}
