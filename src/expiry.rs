//! Reading and showing the token's `expiredTime`. Pure; "now" is always passed in.

use chrono::{DateTime, Utc};
use std::fmt;

/// A parsed expiry: the Unix seconds that go into the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expiry {
    pub unix: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpiryError {
    Empty,
    NotAnInteger { found: String },
    OutOfRange { found: String },
}

impl fmt::Display for ExpiryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpiryError::Empty => write!(
                f,
                "the expiry is empty: give UTC Unix seconds, e.g. 1546271999"
            ),
            ExpiryError::NotAnInteger { found } => write!(
                f,
                "'{}' is not Unix seconds: give a base-10 integer, e.g. 1546271999",
                crate::visible::quote(found, 40)
            ),
            ExpiryError::OutOfRange { found } => {
                write!(f, "'{found}' is too large for a 64-bit Unix time")
            }
        }
    }
}

impl std::error::Error for ExpiryError {}

/// Parses the Expiry field exactly as typed: an optional `-` and ASCII digits.
/// Nothing is trimmed, so a stray space or newline is an error the user gets to see.
pub fn parse(text: &str) -> Result<Expiry, ExpiryError> {
    if text.is_empty() {
        return Err(ExpiryError::Empty);
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ExpiryError::NotAnInteger {
            found: text.to_string(),
        });
    }
    text.parse::<i64>()
        .map(|unix| Expiry { unix })
        .map_err(|_| ExpiryError::OutOfRange {
            found: text.to_string(),
        })
}

/// The instant, when chrono can represent it.
pub fn to_datetime(unix: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(unix, 0)
}

/// `2018-12-31 15:59:59 UTC`, or a plain note when the value is beyond the calendar.
pub fn format_utc(unix: i64) -> String {
    match to_datetime(unix) {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        None => "beyond any calendar date".to_string(),
    }
}

/// Whether a token with this expiry is past it at `now`.
pub fn is_expired(unix: i64, now: DateTime<Utc>) -> bool {
    unix <= now.timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unix_seconds_exactly() {
        assert_eq!(parse("1546271999"), Ok(Expiry { unix: 1546271999 }));
        assert_eq!(parse("0"), Ok(Expiry { unix: 0 }));
        assert_eq!(parse("-1"), Ok(Expiry { unix: -1 }));
        assert_eq!(parse(""), Err(ExpiryError::Empty));
        for bad in ["1546271999\n", " 1", "1e9", "-", "+5", "12.5", "１２"] {
            assert!(
                matches!(parse(bad), Err(ExpiryError::NotAnInteger { .. })),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse("99999999999999999999"),
            Err(ExpiryError::OutOfRange { .. })
        ));
    }

    #[test]
    fn error_messages_show_hidden_characters() {
        let msg = parse("1546271999\n").unwrap_err().to_string();
        assert_eq!(
            msg,
            "'1546271999\\n' is not Unix seconds: give a base-10 integer, e.g. 1546271999"
        );
    }

    #[test]
    fn formats_utc() {
        assert_eq!(format_utc(1546271999), "2018-12-31 15:59:59 UTC");
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(i64::MAX), "beyond any calendar date");
    }

    #[test]
    fn expiry_is_inclusive() {
        let now = to_datetime(1000).unwrap();
        assert!(is_expired(999, now));
        assert!(is_expired(1000, now));
        assert!(!is_expired(1001, now));
    }
}
