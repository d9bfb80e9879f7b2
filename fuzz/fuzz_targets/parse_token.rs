#![no_main]
//! Token parsing takes any bytes without panicking, and what it accepts round-trips.

use libfuzzer_sys::fuzz_target;
use sigtoken::token::parse_token;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = parse_token(text) {
        assert_eq!(parsed.to_token(), text);
    } else if let Err(e) = parse_token(text) {
        assert!(!e.to_string().is_empty());
    }
});
