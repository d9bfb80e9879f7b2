#![no_main]
//! Expiry parsing (every form, against any "now") and everything that shows an expiry
//! take any input without panicking.

use libfuzzer_sys::fuzz_target;
use sigtoken::{checks, expiry};

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let now_secs = i64::from_le_bytes(data[..8].try_into().unwrap_or_default()) % 100_000_000_000;
    let Some(now) = expiry::to_datetime(now_secs) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&data[8..]) else {
        return;
    };
    match expiry::parse(text, now) {
        Ok(e) => {
            let _ = expiry::format_utc(e.unix);
            let _ = expiry::format_in_zone(e.unix, expiry::Zone::Local);
            let _ = expiry::describe_from_now(e.unix, now);
            let _ = checks::check_expiry(&e, now);
            let _ = checks::check_expiry_at(e.unix, now);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let _ = expiry::parse_now(text);
});
