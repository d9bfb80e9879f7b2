//! The causes in the expiry: a duration where the time belongs, a second clock
//! reading, a 32-bit wrap. They reuse the MD5 state of the fixed prefix.

use super::cause::Cause;
use super::ctx::{Ctx, Hit, hit};
use crate::diagnose::control::Search;
use crate::diagnose::request::Request;
use crate::expiry;
use crate::token::Part;

/// The expiry searches: every second up to two days, every minute up to 400 days,
/// and ±1 day around the embedded expiry.
pub const DURATION_SECONDS_UP_TO: i64 = 2 * 86_400;
pub const DURATION_MINUTES_UP_TO: i64 = 400 * 86_400;
pub const MISMATCH_WINDOW: i64 = 86_400;

/// Candidates the duration search tries.
pub(super) const DURATIONS: u64 =
    (DURATION_SECONDS_UP_TO + (DURATION_MINUTES_UP_TO - DURATION_SECONDS_UP_TO) / 60) as u64;

/// The smallest expiry written in milliseconds: 13 digits, where seconds have 10.
pub const MILLISECONDS_FROM: i64 = 1_000_000_000_000;

/// Candidates the milliseconds search tries: every millisecond of the embedded second,
/// and the second of an embedded millisecond value.
pub(super) const MILLISECOND_VARIANTS: u64 = 1001;

/// expiry_milliseconds: the sign made with milliseconds while the token carries seconds
/// (or the other way round).
pub(super) fn expiry_milliseconds(ctx: &Ctx) -> Search<Hit> {
    let embedded = ctx.embedded;
    let seconds = (embedded >= MILLISECONDS_FROM).then_some(embedded / 1000);
    ctx.first_expiry(seconds.into_iter().chain(milliseconds(ctx.meant)))
        .map(|v| hit(Some(Part::ExpiredTime), milliseconds_detail(ctx, v)))
}

/// Every millisecond of the second `meant`.
fn milliseconds(meant: i64) -> impl Iterator<Item = i64> {
    (0..1000).map(move |ms| meant.saturating_mul(1000).saturating_add(ms))
}

fn milliseconds_detail(ctx: &Ctx, v: i64) -> String {
    let (embedded, meant) = (ctx.embedded, ctx.meant);
    if v < embedded {
        format!("expiry {v} in seconds in the sign, {embedded} in milliseconds in the token")
    } else if meant == embedded {
        format!("expiry {v} in milliseconds in the sign, {embedded} in seconds in the token")
    } else {
        format!("expiry {v} in milliseconds in the sign instead of {meant} in seconds")
    }
}

/// expiry_as_duration: seconds valid where the absolute time belongs.
pub(super) fn expiry_as_duration(ctx: &Ctx) -> Search<Hit> {
    let durations = (1..=DURATION_SECONDS_UP_TO)
        .chain((DURATION_SECONDS_UP_TO / 60 + 1..=DURATION_MINUTES_UP_TO / 60).map(|m| m * 60));
    ctx.first_expiry(durations)
        .map(|d| hit(Some(Part::ExpiredTime), duration_detail(ctx, d)))
}

fn duration_detail(ctx: &Ctx, d: i64) -> String {
    format!(
        "expiry {d} ({}, a duration) instead of {}",
        expiry::human_duration(d as u128),
        ctx.meant
    )
}

/// Candidates the mismatch search tries: the meant expiry when it is known, and the
/// window around it.
pub(super) fn mismatch_size(request: &Request) -> u64 {
    2 * MISMATCH_WINDOW as u64 + u64::from(request.expected_expiry.is_some())
}

/// expiry_mismatch: a generator that read the clock twice, or put another expiry in
/// the token than the one it was meant to: the meant expiry itself, then a day around it.
pub(super) fn expiry_mismatch(ctx: &Ctx) -> Search<Hit> {
    let (embedded, meant) = (ctx.embedded, ctx.meant);
    let window =
        (1..=MISMATCH_WINDOW).flat_map(|k| [meant.saturating_sub(k), meant.saturating_add(k)]);
    let meant_first = (meant != embedded).then_some(meant);
    ctx.first_expiry(meant_first.into_iter().chain(window))
        .map(|v| {
            let detail = format!(
                "expiry {v} instead of {embedded} ({} {})",
                expiry::human_duration((v - embedded).unsigned_abs() as u128),
                if v < embedded { "earlier" } else { "later" }
            );
            hit(Some(Part::ExpiredTime), detail)
        })
}

/// The wraps of 32-bit generators, and how the detail names them.
fn wraps(embedded: i64) -> [(i64, &'static str); 4] {
    [
        (
            embedded as i32 as i64,
            "a 32-bit signed wrap (Java, C#, C++)",
        ),
        (embedded as u32 as i64, "a 32-bit unsigned wrap (Go)"),
        (embedded.wrapping_add(1 << 32), "the unwrapped value"),
        (embedded.wrapping_sub(1 << 32), "the unwrapped value"),
    ]
}

fn wrap_detail(embedded: i64, v: i64, how: &str) -> String {
    format!("expiry {v} instead of {embedded}: {how}")
}

/// expiry_wrapped: 32-bit generators.
pub(super) fn expiry_wrapped(ctx: &Ctx) -> Search<Hit> {
    let embedded = ctx.embedded;
    wraps(embedded)
        .into_iter()
        .find(|&(v, _)| v != embedded && ctx.is_target(&ctx.prefix.sign_with_expiry(v)))
        .map(|(v, how)| hit(Some(Part::ExpiredTime), wrap_detail(embedded, v, how)))
        .into()
}

/// The durations `combined` pairs with another mistake: every whole hour up to
/// [`COMBINED_HOURS_UP_TO`] hours (a week), then every whole day up to
/// [`COMBINED_DAYS_UP_TO`] days. Beyond a week, durations are written in days.
pub const COMBINED_HOURS_UP_TO: i64 = 7 * 24;
pub const COMBINED_DAYS_UP_TO: i64 = 400;

/// The cheap expiry variants `combined` pairs with every other mistake: the expiry in
/// whole milliseconds (`expiry * 1000`; the other 999 milliseconds of the second are
/// searched alone, not in pairs, which would cost a thousand hashes per mistake), the
/// whole-hour and whole-day durations, and the 32-bit wraps.
pub(super) const CHEAP_EXPIRY_VARIANTS: u64 =
    1 + COMBINED_HOURS_UP_TO as u64 + (COMBINED_DAYS_UP_TO - COMBINED_HOURS_UP_TO / 24) as u64 + 4;

/// Which cheap variant an expiry value is, to name it once it reproduces a sign.
#[derive(Clone, Copy, Debug)]
pub(super) enum Cheap {
    Milliseconds,
    Duration,
    Wrap(&'static str),
}

/// The cheap expiry variants, each different from the embedded expiry.
pub(super) fn cheap_expiries(ctx: &Ctx) -> Vec<(i64, Cheap)> {
    let hours = (1..=COMBINED_HOURS_UP_TO).map(|h| h * 3600);
    let days = (COMBINED_HOURS_UP_TO / 24 + 1..=COMBINED_DAYS_UP_TO).map(|d| d * 86_400);
    let wraps = wraps(ctx.embedded).map(|(v, how)| (v, Cheap::Wrap(how)));
    std::iter::once((ctx.meant.saturating_mul(1000), Cheap::Milliseconds))
        .chain(hours.chain(days).map(|d| (d, Cheap::Duration)))
        .chain(wraps)
        .filter(|&(v, _)| v != ctx.embedded)
        .collect()
}

/// The cause a cheap variant names, exactly as its own search names it.
pub(super) fn cheap_cause(ctx: &Ctx, v: i64, cheap: Cheap) -> Cause {
    let (code, detail) = match cheap {
        Cheap::Milliseconds => ("expiry_milliseconds", milliseconds_detail(ctx, v)),
        Cheap::Duration => ("expiry_as_duration", duration_detail(ctx, v)),
        Cheap::Wrap(how) => ("expiry_wrapped", wrap_detail(ctx.embedded, v, how)),
    };
    Cause::input(code, Some(Part::ExpiredTime), detail)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::policy::{LoginError, Outcome};

    #[test]
    fn the_published_example_is_a_duration_in_the_sign() {
        let published = format!(
            "1:{}:{}:{}",
            ex::APP_ID,
            ex::EXPIRED_TIME,
            ex::PUBLISHED_SIGN
        );
        let report = diagnose(&request(&published));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let cause = report.cause.unwrap();
        assert_eq!(cause.code, "expiry_as_duration");
        assert_eq!(cause.part(), Some(Part::ExpiredTime));
        assert!(
            cause.detail.starts_with("expiry 2592000 "),
            "{}",
            cause.detail
        );
        assert!(
            cause.detail.contains("instead of 1546271999"),
            "{}",
            cause.detail
        );
    }

    #[test]
    fn expiry_as_duration_by_the_second_and_the_minute() {
        for d in [1, 3600, 86_400, 172_800, 2_592_000, 400 * 86_400] {
            let c = cause_of(&token_with(|p| p[3] = d.to_string().into_bytes()));
            assert_eq!(
                (c.code, c.part()),
                ("expiry_as_duration", Some(Part::ExpiredTime)),
                "{d}"
            );
            assert!(
                c.detail.starts_with(&format!("expiry {d} ")),
                "{}",
                c.detail
            );
        }
    }

    #[test]
    fn expiry_mismatch_within_a_day() {
        for delta in [-86_400i64, -1, 1, 37, 86_400] {
            let v = ex::EXPIRED_TIME + delta;
            let c = cause_of(&token_with(|p| p[3] = v.to_string().into_bytes()));
            assert_eq!(
                (c.code, c.part()),
                ("expiry_mismatch", Some(Part::ExpiredTime)),
                "{delta}"
            );
            assert!(
                c.detail
                    .starts_with(&format!("expiry {v} instead of 1546271999"))
            );
        }
    }

    #[test]
    fn the_expected_expiry_is_the_meant_one() {
        // The server signed the expiry it was meant to give, three days on, but wrote
        // another into the token: too far for the window around the token's own expiry.
        let meant = ex::EXPIRED_TIME + 3 * 86_400;
        let token = token_with(|p| p[3] = meant.to_string().into_bytes());
        assert_eq!(diagnose(&request(&token)).cause, None);
        let r = Request {
            expected_expiry: Some(meant),
            ..request(&token)
        };
        let c = diagnose(&r).cause.expect("a cause");
        assert_eq!(
            (c.code, c.part()),
            ("expiry_mismatch", Some(Part::ExpiredTime))
        );
        assert_eq!(
            c.detail,
            format!("expiry {meant} instead of 1546271999 (3 days later)")
        );
        // A duration is named against the meant expiry.
        let token = token_with(|p| p[3] = b"2592000".to_vec());
        let c = diagnose(&Request {
            expected_expiry: Some(meant),
            ..request(&token)
        })
        .cause
        .expect("a cause");
        assert_eq!(c.code, "expiry_as_duration");
        assert!(
            c.detail.ends_with(&format!("instead of {meant}")),
            "{}",
            c.detail
        );
        // Milliseconds of the meant second.
        let ms = meant * 1000 + 250;
        let token = token_with(|p| p[3] = ms.to_string().into_bytes());
        let c = diagnose(&Request {
            expected_expiry: Some(meant),
            ..request(&token)
        })
        .cause
        .expect("a cause");
        assert_eq!(
            (c.code, c.detail),
            (
                "expiry_milliseconds",
                format!("expiry {ms} in milliseconds in the sign instead of {meant} in seconds")
            )
        );
    }

    #[test]
    fn expiry_wrapped() {
        // A Java generator given 2147483648 hashes -2147483648 but the token says 2147483648.
        let embedded: i64 = 2_147_483_648;
        let sign = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::ACCOUNT, -2_147_483_648).sign();
        let token = token::format_token(ex::APP_ID, embedded, &sign);
        let c = cause_of(&token);
        assert_eq!(
            (c.code, c.part()),
            ("expiry_wrapped", Some(Part::ExpiredTime))
        );
        assert!(c.detail.contains("-2147483648"), "{}", c.detail);
    }

    #[test]
    fn expiry_milliseconds_in_the_sign() {
        // Java: the token takes currentTimeMillis() / 1000, the sign the milliseconds.
        let ms = ex::EXPIRED_TIME * 1000 + 417;
        let c = cause_of(&token_with(|p| p[3] = ms.to_string().into_bytes()));
        assert_eq!(
            (c.code, c.part()),
            ("expiry_milliseconds", Some(Part::ExpiredTime))
        );
        assert_eq!(
            c.detail,
            format!(
                "expiry {ms} in milliseconds in the sign, {} in seconds in the token",
                ex::EXPIRED_TIME
            )
        );
    }

    #[test]
    fn expiry_milliseconds_in_both_is_rejected_not_valid_for_millennia() {
        let ms = ex::EXPIRED_TIME * 1000;
        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::ACCOUNT, ms).token();
        let report = diagnose(&request(&token));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let c = report.cause.expect("a cause");
        assert_eq!(
            (c.code, c.part()),
            ("expiry_milliseconds", Some(Part::ExpiredTime))
        );
        assert!(
            c.detail.contains("in both the sign and the token"),
            "{}",
            c.detail
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.code == "expiry_in_milliseconds")
        );
        assert!(!report.findings.iter().any(|f| f.code == "valid"));
    }
}
