//! The checks of the expiry: its unit, 32-bit wraps and form, what the clock says of
//! it, and the vendor's worked example.

use super::finding::{Finding, Marks, Severity};
use crate::expiry::{self, Expiry, Form};
use crate::token::{Inputs, Part, worked_example};
use chrono::{DateTime, Utc};

const INT32_MAX: i64 = 2_147_483_647;
const UINT32_MAX: i64 = 4_294_967_295;
const ONE_YEAR: i64 = 366 * 86_400;

/// The expiry cannot be read: no token can be built until it can.
pub fn expiry_invalid(error: &crate::expiry::ExpiryError) -> Finding {
    Finding::new(
        "expiry_invalid",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!("Expiry cannot be read: {error}"),
        "no token can be built until the expiry is in one of the accepted forms",
        Marks::Whole,
    )
}

/// Checks of the expiry that do not depend on the clock.
pub fn check_expiry(expiry: &Expiry, now: DateTime<Utc>) -> Vec<Finding> {
    let part = Some(Part::ExpiredTime);
    let unix = expiry.unix;
    let mut out = Vec::new();
    if unix <= 0 {
        out.push(Finding::new(
            "expiry_not_positive",
            Severity::Error,
            part,
            format!("Expiry is {unix}: 0 or negative"),
            "it lies at or before 1970-01-01; no server accepts it",
            Marks::Whole,
        ));
    } else if unix < 1_000_000_000 {
        out.push(Finding::new(
            "expiry_looks_like_duration",
            Severity::Warning,
            part,
            format!(
                "Expiry {unix} is {} after 1970: a duration, not a moment?",
                expiry::human_duration(unix as u128)
            ),
            "expiredTime is an absolute Unix time; the vendor's own example mixed in 2592000 (30 days)",
            Marks::Whole,
        ));
    }
    if (1_000_000_000_000..10_000_000_000_000).contains(&unix) {
        out.push(Finding::new(
            "expiry_milliseconds",
            Severity::Error,
            part,
            format!("Expiry {unix} has 13 digits: milliseconds, not seconds?"),
            "expiredTime is in seconds; 32-bit generators also wrap this value",
            Marks::Whole,
        ));
    }
    if unix > UINT32_MAX {
        out.push(Finding::new(
            "expiry_uint32_wrap",
            Severity::Warning,
            part,
            "Expiry is past 4294967295 (2106-02-07T06:28:15Z)",
            "Go generators (uint32) wrap it, as do Java, C# and C++ ones: their tokens differ",
            Marks::Whole,
        ));
    } else if unix > INT32_MAX {
        out.push(Finding::new(
            "expiry_int32_wrap",
            Severity::Warning,
            part,
            "Expiry is past 2147483647 (2038-01-19T03:14:07Z)",
            "Java, C# and C++ generators (32-bit int) wrap it negative: their tokens differ",
            Marks::Whole,
        ));
    }
    out.extend(form_note(expiry, now));
    out
}

/// What the form the expiry was written in means for the token.
pub fn form_note(expiry: &Expiry, now: DateTime<Utc>) -> Option<Finding> {
    let part = Some(Part::ExpiredTime);
    match expiry.form {
        Form::Relative { seconds } => Some(Finding::new(
            "expiry_relative",
            Severity::Note,
            part,
            format!(
                "Expiry +{} from {} is {}",
                expiry::human_duration(seconds.unsigned_abs() as u128),
                expiry::format_utc(now.timestamp()),
                expiry.unix
            ),
            "the token carries the resolved seconds, fixed: the clock does not move them",
            Marks::None,
        )),
        Form::NaiveUtc => Some(Finding::new(
            "expiry_read_as_utc",
            Severity::Note,
            part,
            "Expiry has no time zone: read as UTC",
            "write its zone after it (+08:00, UTC+8, Asia/Shanghai) or give --tz if you meant \
             another",
            Marks::None,
        )),
        Form::UnixSeconds | Form::Rfc3339 { .. } | Form::Zoned { .. } => None,
    }
}

/// Checks of the expiry against the clock; these change as time passes.
pub fn check_expiry_at(unix: i64, now: DateTime<Utc>) -> Vec<Finding> {
    let part = Some(Part::ExpiredTime);
    let mut out = Vec::new();
    if expiry::is_expired(unix, now) && unix > 0 {
        out.push(Finding::new(
            "expired",
            Severity::Error,
            part,
            format!(
                "Expiry {} is in the past ({})",
                expiry::format_utc(unix),
                expiry::describe_from_now(unix, now)
            ),
            "the server answers 204 LOGIN_E_TOKENEXPIRED",
            Marks::Whole,
        ));
    } else if unix.saturating_sub(now.timestamp()) > ONE_YEAR && unix <= INT32_MAX {
        // A legitimate choice (a kiosk, a test account), so a note; a wrong unit has
        // checks of its own (milliseconds, 32-bit wraps).
        out.push(Finding::new(
            "expiry_far_future",
            Severity::Note,
            part,
            format!(
                "Expiry is more than a year ahead ({})",
                expiry::describe_from_now(unix, now)
            ),
            "the token stays valid that long: a leaked one works until then",
            Marks::None,
        ));
    }
    out
}

/// Whether the inputs are the vendor's worked example, and what that means.
pub fn check_worked_example(inputs: &Inputs) -> Option<Finding> {
    worked_example::matches(inputs).then(|| {
        Finding::new(
            "worked_example",
            Severity::Note,
            None,
            format!(
                "Vendor's example: its page prints sign {}…, the MD5 for expiry {}",
                &worked_example::PUBLISHED_SIGN[..8],
                worked_example::PUBLISHED_SIGN_EXPIRY
            ),
            format!(
                "the page mixed 30 days written as seconds into the sign; the sign here, for {}, is correct",
                worked_example::EXPIRED_TIME
            ),
            Marks::None,
        )
    })
}
