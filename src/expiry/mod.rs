//! Reading and showing the token's `expiredTime`. Pure; "now" is always passed in.
//!
//! Accepted forms:
//! - Unix seconds: `1546271999` (also `0` and negative values, which the checks flag);
//! - RFC 3339 / ISO 8601 with an offset or `Z`: `2018-12-31T15:59:59Z`,
//!   `2018-12-31T23:59:59+08:00`;
//! - a date-time (or a date) followed by a zone as tickets write it:
//!   `2018-12-31 23:59:59 +08:00`, `+0800`, `UTC+8`, `Asia/Shanghai`;
//! - a date-time (or a date) with no zone, read in the zone given (`--tz`) or as UTC:
//!   `2018-12-31 15:59:59`;
//! - a duration from now: `+3600`, `+90m`, `+1h`, `+24h`, `+7d`, `+1h30m`, `+2w`.

mod zone;

pub use zone::{ZONE_FORMS, Zone, format_in_zone};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use std::fmt;

/// How the expiry was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    UnixSeconds,
    /// A date-time with an explicit offset (`Z` is +00:00).
    Rfc3339 {
        offset: FixedOffset,
    },
    /// A date-time or date without a zone, read as UTC.
    NaiveUtc,
    /// A date-time or date read in a zone: one written after it, or the one given for
    /// zone-less times (`--tz`).
    Zoned {
        zone: Zone,
        offset: FixedOffset,
    },
    /// A duration added to "now" at the moment it was typed.
    Relative {
        seconds: i64,
    },
}

/// A parsed expiry: the Unix seconds that go into the token, and how they were given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expiry {
    pub unix: i64,
    pub form: Form,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpiryError {
    Empty,
    /// Matches no accepted form.
    Unrecognised {
        found: String,
    },
    /// Digits, but more than a 64-bit Unix time holds.
    OutOfRange {
        found: String,
    },
    /// A duration with a bad number or unit.
    BadDuration {
        found: String,
    },
    /// Digits with leading zeros (or `-0`): generators write a plain integer, so the
    /// token would not carry what was typed.
    NotCanonical {
        found: String,
        canonical: String,
    },
    /// A calendar date-time that does not exist (e.g. 2018-02-30), or a local time
    /// that the zone's clocks skip or repeat.
    BadDate {
        found: String,
        reason: String,
    },
    /// A date-time followed by something that is not a zone.
    BadZone {
        found: String,
        zone: String,
    },
}

/// The accepted forms, for error messages and help.
pub const FORMS: &str = "Unix seconds (1546271999), a date-time with its zone \
     (2018-12-31T15:59:59Z, 2018-12-31 23:59:59 +08:00, 2018-12-31 23:59:59 Asia/Shanghai), \
     a date-time without one, read as UTC (2018-12-31 15:59:59), or a duration from now \
     (+3600, +90m, +1h30m, +7d)";

/// What a near miss of a date-time should have been, in one line.
const DATE_TIME_EXAMPLES: &str =
    "write 2031-01-01 00:00:00 +08:00, 2031-01-01T00:00:00Z or 2031-01-01 00:00:00 Asia/Shanghai";

impl fmt::Display for ExpiryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| crate::visible::quote(s, 40);
        match self {
            ExpiryError::Empty => write!(f, "the expiry is empty: give {FORMS}"),
            ExpiryError::Unrecognised { found } => {
                write!(f, "'{}' is not an expiry: give {FORMS}", q(found))
            }
            ExpiryError::OutOfRange { found } => {
                write!(f, "'{}' is too large for a 64-bit Unix time", q(found))
            }
            ExpiryError::BadDuration { found } => write!(
                f,
                "'{}' is not a duration: write + and whole numbers with units s, m, h, d, w, e.g. +3600, +90m, +1h30m, +7d",
                q(found)
            ),
            ExpiryError::NotCanonical { found, canonical } => write!(
                f,
                "'{}' has leading zeros: expiredTime is written as a plain integer, so write {canonical}",
                q(found)
            ),
            ExpiryError::BadDate { found, reason } => write!(
                f,
                "'{}' is not a date-time sigtoken can read ({reason}): {DATE_TIME_EXAMPLES}",
                q(found)
            ),
            ExpiryError::BadZone { found, zone } => write!(
                f,
                "'{}' ends in '{}', which is not a time zone: write {ZONE_FORMS}",
                q(found),
                q(zone)
            ),
        }
    }
}

impl std::error::Error for ExpiryError {}

/// Parses an expiry exactly as typed: nothing is trimmed, so a stray space or newline
/// is an error the user gets to see. A date-time without a zone is read as UTC.
pub fn parse(text: &str, now: DateTime<Utc>) -> Result<Expiry, ExpiryError> {
    parse_in(text, now, None)
}

/// [`parse`], reading a date-time without a zone in `zone` when one is given.
pub fn parse_in(text: &str, now: DateTime<Utc>, zone: Option<Zone>) -> Result<Expiry, ExpiryError> {
    if text.is_empty() {
        return Err(ExpiryError::Empty);
    }
    if let Some(duration) = text.strip_prefix('+') {
        let seconds = parse_duration(duration).ok_or_else(|| ExpiryError::BadDuration {
            found: text.to_string(),
        })?;
        let unix = now
            .timestamp()
            .checked_add(seconds)
            .ok_or_else(|| ExpiryError::OutOfRange {
                found: text.to_string(),
            })?;
        return Ok(Expiry {
            unix,
            form: Form::Relative { seconds },
        });
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unix = text.parse::<i64>().map_err(|_| ExpiryError::OutOfRange {
            found: text.to_string(),
        })?;
        // The token carries `unix.to_string()`; refuse anything that would differ from
        // what was typed rather than change it silently.
        if unix.to_string() != text {
            return Err(ExpiryError::NotCanonical {
                found: text.to_string(),
                canonical: unix.to_string(),
            });
        }
        return Ok(Expiry {
            unix,
            form: Form::UnixSeconds,
        });
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(Expiry {
            unix: t.timestamp(),
            form: Form::Rfc3339 {
                offset: *t.offset(),
            },
        });
    }
    if let Some(found) = date_time(text, zone) {
        return found;
    }
    // Shaped like a date-time but impossible: say what is wrong with it.
    if looks_like_a_date(text) {
        let reason = match NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d") {
            Err(_) => format!("there is no date {}", &text[..10]),
            Ok(_) => "the time after the date is not hh:mm or hh:mm:ss".to_string(),
        };
        return Err(ExpiryError::BadDate {
            found: text.to_string(),
            reason,
        });
    }
    Err(ExpiryError::Unrecognised {
        found: text.to_string(),
    })
}

/// A date-time or date, and the zone written after it (or `zone`, or UTC); `None` when
/// the text does not begin with one.
fn date_time(text: &str, zone: Option<Zone>) -> Option<Result<Expiry, ExpiryError>> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ];
    let (local, rest) = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_and_remainder(text, f).ok())
        .or_else(|| {
            let (date, rest) = NaiveDate::parse_and_remainder(text, "%Y-%m-%d").ok()?;
            Some((date.and_hms_opt(0, 0, 0)?, rest))
        })?;
    let written = rest.strip_prefix(' ').unwrap_or(rest);
    if written.starts_with(|c: char| c.is_ascii_digit()) {
        // A time that did not read (25:00), not a zone: the caller says so.
        return None;
    }
    let zone = match (written, zone) {
        ("", None) => {
            return Some(Ok(Expiry {
                unix: local.and_utc().timestamp(),
                form: Form::NaiveUtc,
            }));
        }
        ("", Some(zone)) => zone,
        (written, _) => match Zone::parse(written) {
            Some(zone) => zone,
            None => {
                return Some(Err(ExpiryError::BadZone {
                    found: text.to_string(),
                    zone: written.to_string(),
                }));
            }
        },
    };
    Some(
        zone.resolve(local)
            .map(|t| Expiry {
                unix: t.timestamp(),
                form: Form::Zoned {
                    zone,
                    offset: *t.offset(),
                },
            })
            .map_err(|reason| ExpiryError::BadDate {
                found: text.to_string(),
                reason,
            }),
    )
}

fn looks_like_a_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// `3600`, `90m`, `1h30m`, `7d`, `2w`, `1d2h3m4s`: whole numbers, each with a unit
/// (a bare number is seconds). Units must not repeat.
fn parse_duration(text: &str) -> Option<i64> {
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut seen = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        if number.is_empty() || seen.contains(c) {
            return None;
        }
        seen.push(c);
        let n: i64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    if !number.is_empty() {
        return None;
    }
    Some(total)
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

/// Whether a token with this expiry is past it at `now`. At the expiry second itself
/// the token no longer works.
pub fn is_expired(unix: i64, now: DateTime<Utc>) -> bool {
    unix <= now.timestamp()
}

/// `in 23h 59m`, `expired 6 years ago`: the two largest units, rounded down.
pub fn describe_from_now(unix: i64, now: DateTime<Utc>) -> String {
    let delta = unix as i128 - now.timestamp() as i128;
    if delta > 0 {
        format!("in {}", human_duration(delta.unsigned_abs()))
    } else if delta == 0 {
        "expires now".to_string()
    } else {
        format!("expired {} ago", human_duration(delta.unsigned_abs()))
    }
}

/// `6 years`, `23h 59m`, `45s`: compact, the two largest units.
pub fn human_duration(seconds: u128) -> String {
    const YEAR: u128 = 365 * 86_400;
    const DAY: u128 = 86_400;
    let plural = |n: u128, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if seconds >= YEAR {
        let years = seconds / YEAR;
        let days = (seconds % YEAR) / DAY;
        if years >= 2 || days == 0 {
            plural(years, "year")
        } else {
            format!("{} {}", plural(years, "year"), plural(days, "day"))
        }
    } else if seconds >= DAY {
        let (days, hours) = (seconds / DAY, (seconds % DAY) / 3600);
        if hours == 0 {
            plural(days, "day")
        } else {
            format!("{days}d {hours}h")
        }
    } else if seconds >= 3600 {
        let (hours, minutes) = (seconds / 3600, (seconds % 3600) / 60);
        if minutes == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h {minutes}m")
        }
    } else if seconds >= 60 {
        let (minutes, rest) = (seconds / 60, seconds % 60);
        if rest == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m {rest}s")
        }
    } else {
        format!("{seconds}s")
    }
}

/// Parses `--now`: Unix seconds or RFC 3339.
pub fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<i64>()
            .ok()
            .and_then(to_datetime)
            .ok_or_else(|| format!("'{}' is out of range", crate::visible::quote(text, 40)));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .map_err(|e| {
            format!(
                "'{}' is neither Unix seconds nor RFC 3339 ({e})",
                crate::visible::quote(text, 40)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unix: i64) -> DateTime<Utc> {
        to_datetime(unix).unwrap()
    }

    const NOW: i64 = 1546268399;

    fn unix(text: &str) -> i64 {
        parse(text, at(NOW)).unwrap().unix
    }

    #[test]
    fn every_documented_form_of_the_worked_example_gives_the_same_seconds() {
        for text in [
            "1546271999",
            "2018-12-31T15:59:59Z",
            "2018-12-31T23:59:59+08:00",
            "2018-12-31T10:59:59-05:00",
            "2018-12-31 15:59:59",
            "2018-12-31T15:59:59",
            // As tickets write them.
            "2018-12-31 23:59:59 +08:00",
            "2018-12-31 23:59:59 +0800",
            "2018-12-31 23:59:59 UTC+8",
            "2018-12-31 23:59:59 Asia/Shanghai",
            "2018-12-31T23:59:59+0800",
            "2018-12-31 15:59:59 UTC",
            "2018-12-31 15:59:59 Z",
            "2018-12-31 10:59:59 America/New_York",
            "+1h",
            "+3600",
            "+60m",
            "+3600s",
        ] {
            assert_eq!(unix(text), 1546271999, "{text}");
        }
    }

    #[test]
    fn forms_are_reported() {
        let now = at(NOW);
        assert_eq!(parse("1", now).unwrap().form, Form::UnixSeconds);
        assert_eq!(
            parse("2018-12-31 15:59:59", now).unwrap().form,
            Form::NaiveUtc
        );
        assert_eq!(
            parse("+1h30m", now).unwrap().form,
            Form::Relative { seconds: 5400 }
        );
        assert_eq!(
            parse("2018-12-31T23:59:59+08:00", now).unwrap().form,
            Form::Rfc3339 {
                offset: FixedOffset::east_opt(8 * 3600).unwrap()
            }
        );
    }

    #[test]
    fn a_zone_less_date_time_is_read_in_the_zone_given() {
        let shanghai = Zone::parse("Asia/Shanghai");
        let e = parse_in("2018-12-31 23:59:59", at(NOW), shanghai).unwrap();
        assert_eq!(e.unix, 1546271999);
        assert!(matches!(e.form, Form::Zoned { .. }));
        // A zone written in the text wins over the one given.
        let e = parse_in("2018-12-31 15:59:59 UTC", at(NOW), shanghai).unwrap();
        assert_eq!(e.unix, 1546271999);
        // Unix seconds have no zone to read.
        assert_eq!(
            parse_in("1546271999", at(NOW), shanghai).unwrap().unix,
            1546271999
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90m"), Some(5400));
        assert_eq!(parse_duration("24h"), Some(86_400));
        assert_eq!(parse_duration("7d"), Some(604_800));
        assert_eq!(parse_duration("1d2h3m4s"), Some(93_784));
        assert_eq!(parse_duration("2w"), Some(1_209_600));
        for bad in ["", "h", "1x", "1h1h", "1.5h", "1h 30m", "-1h", "1h30"] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
        assert_eq!(parse_duration("99999999999999999999d"), None);
    }

    #[test]
    fn unix_seconds_are_exact_and_never_trimmed() {
        let now = at(NOW);
        assert_eq!(parse("0", now).unwrap().unix, 0);
        assert_eq!(parse("-1", now).unwrap().unix, -1);
        for (typed, canonical) in [("007", "7"), ("-0", "0"), ("00", "0"), ("-01", "-1")] {
            assert_eq!(
                parse(typed, now),
                Err(ExpiryError::NotCanonical {
                    found: typed.into(),
                    canonical: canonical.into()
                })
            );
        }
        assert_eq!(parse("", now), Err(ExpiryError::Empty));
        for bad in ["1546271999\n", " 1", "1e9", "-", "12.5", "１２", "+", "+-1"] {
            assert!(parse(bad, now).is_err(), "{bad:?}");
        }
        assert!(matches!(
            parse("99999999999999999999", now),
            Err(ExpiryError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse(&format!("+{}", i64::MAX), now),
            Err(ExpiryError::OutOfRange { .. })
        ));
    }

    #[test]
    fn errors_name_the_accepted_forms_and_show_hidden_characters() {
        let msg = parse("1546271999\n", at(NOW)).unwrap_err().to_string();
        assert!(
            msg.starts_with("'1546271999\\n' is not an expiry: give Unix seconds"),
            "{msg}"
        );
        assert!(
            msg.contains("Asia/Shanghai") && msg.contains("+1h30m"),
            "{msg}"
        );
        // A near miss says what to write instead.
        let msg = parse("2018-02-30 10:00:00", at(NOW))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("there is no date 2018-02-30"), "{msg}");
        assert!(msg.contains("write 2031-01-01 00:00:00 +08:00"), "{msg}");
        let msg = parse("2031-01-01 00:00:00 Asia/Shangai", at(NOW))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("'Asia/Shangai', which is not a time zone"),
            "{msg}"
        );
        assert!(msg.contains("IANA name (Asia/Shanghai)"), "{msg}");
        let msg = parse("2031-01-01 25:00", at(NOW)).unwrap_err().to_string();
        assert!(
            msg.contains("is not a date-time sigtoken can read"),
            "{msg}"
        );
        let msg = parse("+1y", at(NOW)).unwrap_err().to_string();
        assert!(msg.contains("not a duration"), "{msg}");
    }

    #[test]
    fn formats_utc_and_zones() {
        assert_eq!(format_utc(1546271999), "2018-12-31 15:59:59 UTC");
        assert_eq!(format_utc(i64::MAX), "beyond any calendar date");
        let cst = Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap());
        assert_eq!(
            format_in_zone(1546271999, cst),
            "2018-12-31 23:59:59 +08:00"
        );
    }

    #[test]
    fn expiry_is_inclusive() {
        assert!(is_expired(999, at(1000)));
        assert!(is_expired(1000, at(1000)));
        assert!(!is_expired(1001, at(1000)));
    }

    #[test]
    fn describes_time_left_and_since() {
        assert_eq!(describe_from_now(NOW + 86_340, at(NOW)), "in 23h 59m");
        assert_eq!(describe_from_now(NOW + 90, at(NOW)), "in 1m 30s");
        assert_eq!(describe_from_now(NOW, at(NOW)), "expires now");
        let six_years = 6 * 365 * 86_400 + 10;
        assert_eq!(
            describe_from_now(NOW - six_years, at(NOW)),
            "expired 6 years ago"
        );
        assert_eq!(
            describe_from_now(NOW - 3 * 86_400, at(NOW)),
            "expired 3 days ago"
        );
        assert_eq!(describe_from_now(NOW + 3600, at(NOW)), "in 1h");
        assert_eq!(human_duration(2_592_000), "30 days");
        assert_eq!(
            describe_from_now(i64::MIN, at(NOW)),
            format!(
                "expired {} ago",
                human_duration((NOW as i128 - i64::MIN as i128) as u128)
            )
        );
    }

    #[test]
    fn parses_now() {
        assert_eq!(parse_now("1546268399").unwrap(), at(1546268399));
        assert_eq!(parse_now("2018-12-31T14:59:59Z").unwrap(), at(1546268399));
        assert!(parse_now("yesterday").unwrap_err().contains("neither"));
        assert!(parse_now("99999999999999999").is_err());
    }
}
