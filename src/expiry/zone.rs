//! Time zones as tickets write them: `Z`, `UTC`, `+08:00`, `+0800`, `+08`, `UTC+8`,
//! `GMT-5:30`, and IANA names (`Asia/Shanghai`, through chrono-tz); and a time shown in
//! one.

use chrono::{DateTime, FixedOffset, Local, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use std::fmt;

/// A zone: the machine's, a fixed offset, or an IANA zone with its daylight-saving rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
    Named(Tz),
}

/// How to write a zone, for messages and help.
pub const ZONE_FORMS: &str = "an offset (+08:00, +0800, UTC+8) or an IANA name (Asia/Shanghai)";

impl Zone {
    /// Reads a zone as written after a date-time, or given to `--tz`.
    pub fn parse(text: &str) -> Option<Zone> {
        if matches!(text, "Z" | "UTC" | "GMT") {
            return FixedOffset::east_opt(0).map(Zone::Fixed);
        }
        let offset = ["UTC", "GMT"]
            .iter()
            .find_map(|prefix| text.strip_prefix(prefix))
            .unwrap_or(text);
        if let Some(offset) = parse_offset(offset) {
            return Some(Zone::Fixed(offset));
        }
        text.parse::<Tz>().ok().map(Zone::Named)
    }

    /// The instant `local` names in this zone. A time that the clocks skip, or that
    /// happens twice when they go back, has no one answer: the error says so.
    pub fn resolve(self, local: NaiveDateTime) -> Result<DateTime<FixedOffset>, String> {
        let found = match self {
            Zone::Local => Local.from_local_datetime(&local).map(|t| t.fixed_offset()),
            Zone::Fixed(offset) => offset.from_local_datetime(&local),
            Zone::Named(tz) => tz.from_local_datetime(&local).map(|t| t.fixed_offset()),
        };
        match found {
            LocalResult::Single(t) => Ok(t),
            LocalResult::Ambiguous(a, b) => Err(format!(
                "{local} happens twice in {self} (at {} and at {}): write the offset",
                a.offset(),
                b.offset()
            )),
            LocalResult::None => Err(format!(
                "{local} does not exist in {self}: the clocks skip it"
            )),
        }
    }

    /// The zone's offset at `t`.
    pub fn offset_at(self, t: DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Local => Local.offset_from_utc_datetime(&t.naive_utc()).fix(),
            Zone::Fixed(offset) => offset,
            Zone::Named(tz) => tz.offset_from_utc_datetime(&t.naive_utc()).fix(),
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Local => write!(f, "local time"),
            Zone::Fixed(offset) if offset.local_minus_utc() == 0 => write!(f, "UTC"),
            Zone::Fixed(offset) => write!(f, "UTC{offset}"),
            Zone::Named(tz) => write!(f, "{}", tz.name()),
        }
    }
}

/// `+08:00`, `+0800`, `+08`, `+8`, `-5:30`: a sign, hours up to 18, optional minutes.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some(split) => split,
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    if hours > 18 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// `2018-12-31 23:59:59 +08:00` in the given zone; an IANA zone is named instead of
/// its offset (`2018-12-31 23:59:59 Asia/Shanghai`), which says more in as little room.
pub fn format_in_zone(unix: i64, zone: Zone) -> String {
    let Some(t) = DateTime::from_timestamp(unix, 0) else {
        return "beyond any calendar date".to_string();
    };
    let local = t.with_timezone(&zone.offset_at(t));
    match zone {
        Zone::Named(tz) => format!("{} {}", local.format("%Y-%m-%d %H:%M:%S"), tz.name()),
        _ => local.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(text: &str) -> Option<i32> {
        match Zone::parse(text)? {
            Zone::Fixed(o) => Some(o.local_minus_utc()),
            _ => None,
        }
    }

    #[test]
    fn zones_as_people_write_them() {
        for text in [
            "+08:00",
            "+0800",
            "+08",
            "+8",
            "UTC+8",
            "UTC+08:00",
            "GMT+8",
        ] {
            assert_eq!(offset(text), Some(8 * 3600), "{text}");
        }
        assert_eq!(offset("-05:30"), Some(-(5 * 3600 + 1800)));
        for text in ["Z", "UTC", "GMT", "+00:00"] {
            assert_eq!(offset(text), Some(0), "{text}");
        }
        assert_eq!(
            Zone::parse("Asia/Shanghai"),
            Some(Zone::Named(chrono_tz::Asia::Shanghai))
        );
        for text in [
            "",
            "+",
            "+19",
            "+08:60",
            "+123",
            "Asia/Shangai",
            "CST8",
            "utc+8x",
        ] {
            assert_eq!(Zone::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_named_zone_knows_its_daylight_saving() {
        let ny = Zone::parse("America/New_York").unwrap();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let winter = ny.resolve(at("2031-01-01 00:00:00")).unwrap();
        assert_eq!(winter.offset().local_minus_utc(), -5 * 3600);
        let summer = ny.resolve(at("2031-07-01 00:00:00")).unwrap();
        assert_eq!(summer.offset().local_minus_utc(), -4 * 3600);
        // 2031-03-09 02:30 is skipped; 2031-11-02 01:30 happens twice.
        assert!(
            ny.resolve(at("2031-03-09 02:30:00"))
                .unwrap_err()
                .contains("skip")
        );
        assert!(
            ny.resolve(at("2031-11-02 01:30:00"))
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn shown_in_a_zone() {
        let shanghai = Zone::parse("Asia/Shanghai").unwrap();
        assert_eq!(
            format_in_zone(1546271999, shanghai),
            "2018-12-31 23:59:59 Asia/Shanghai"
        );
        assert_eq!(
            format_in_zone(1546271999, Zone::parse("+08:00").unwrap()),
            "2018-12-31 23:59:59 +08:00"
        );
    }
}
