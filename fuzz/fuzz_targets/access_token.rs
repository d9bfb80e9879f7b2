#![no_main]
//! The AccessToken decoder takes any text without panicking, and within its caps: as it
//! comes, and behind each prefix it decodes (`006` + an App ID, `007`, `005`).

use libfuzzer_sys::fuzz_target;
use sigtoken::access_token::{self, Decoded, MAX_INFLATED};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for token in [
        text.to_string(),
        format!("006970CA35de60c44645bbae8a215061b33{text}"),
        format!("007{text}"),
        format!("005{text}"),
    ] {
        if let Some(Decoded::AccessToken2(t)) = access_token::recognise(&token) {
            assert!(t.inflated <= MAX_INFLATED);
        }
    }
});
