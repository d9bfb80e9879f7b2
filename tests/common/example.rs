//! The vendor's worked example as the tests use it: the library's constants, the texts
//! the tests type for them, and the one known answer (the correct sign), each written once.

// Each test binary takes what it needs of these.
#[allow(unused_imports)]
pub use sigtoken::token::worked_example::{
    ACCOUNT, APP_CERTIFICATE, APP_ID, EXPIRED_TIME, PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY,
};

/// The expiry as it is typed: `1546271999`.
pub const EXPIRY: &str = decimal!(EXPIRED_TIME);
/// The same instant written in milliseconds, a mistake the checks catch.
pub const EXPIRY_IN_MS: &str = join!(EXPIRY, "000");
/// An hour before the expiry, as Unix seconds: with `+1h` it gives the expiry back.
pub const AN_HOUR_BEFORE: &str = decimal!(EXPIRED_TIME - 3600);
/// A fixed `--now` a month before the worked example expires.
pub const BEFORE: &str = "2018-12-01T00:00:00Z";

/// `generate` for the worked example at a moment before it expires: prints
/// [`WORKED_TOKEN`] with the worked certificate.
pub const GENERATE: &[&str] = &[
    "generate",
    "--app-id",
    APP_ID,
    "--account",
    ACCOUNT,
    "--expiry",
    EXPIRY,
    "--now",
    BEFORE,
];

/// The known answer: md5 of the worked example's MD5 input, as every reference
/// implementation (and the public vector `doc_example`) gives it. Written here, never
/// computed by the library under test.
pub const WORKED_SIGN: &str = "2d572d6e3a75ebde5a06626f40fe9684";
/// The correct token for the worked example.
pub const WORKED_TOKEN: &str = join!("1:", APP_ID, ":", EXPIRY, ":", WORKED_SIGN);
/// The token the vendor's page prints: its sign was made with a 30-day expiry.
pub const PUBLISHED_TOKEN: &str = join!("1:", APP_ID, ":", EXPIRY, ":", PUBLISHED_SIGN);

/// Joins texts at compile time, so the constants above (and a test's own, in a `const`)
/// are built from the library's.
macro_rules! join {
    ($($part:expr),+ $(,)?) => {{
        use $crate::common::example::{as_str, joined, joined_len};
        const PARTS: &[&str] = &[$($part),+];
        const BYTES: [u8; joined_len(PARTS)] = joined(PARTS);
        as_str(&BYTES)
    }};
}
pub(crate) use join;

/// A non-negative integer written in base 10, at compile time.
macro_rules! decimal {
    ($n:expr) => {{
        const N: i64 = $n;
        const BYTES: [u8; decimal_len(N)] = decimal_digits(N);
        as_str(&BYTES)
    }};
}
use decimal;

pub const fn joined_len(parts: &[&str]) -> usize {
    let (mut len, mut i) = (0, 0);
    while i < parts.len() {
        len += parts[i].len();
        i += 1;
    }
    len
}

pub const fn joined<const LEN: usize>(parts: &[&str]) -> [u8; LEN] {
    let mut out = [0u8; LEN];
    let (mut at, mut i) = (0, 0);
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            out[at] = bytes[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

const fn decimal_len(n: i64) -> usize {
    assert!(n >= 0, "only non-negative numbers");
    let (mut n, mut len) = (n / 10, 1);
    while n > 0 {
        n /= 10;
        len += 1;
    }
    len
}

const fn decimal_digits<const LEN: usize>(n: i64) -> [u8; LEN] {
    let mut out = [0u8; LEN];
    let (mut n, mut at) = (n, LEN);
    while at > 0 {
        at -= 1;
        out[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out
}

pub const fn as_str(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("not UTF-8"),
    }
}
