//! Test helpers: AccessTokens written the way the reference generators write them (the
//! decoder's reading, reversed), for the decoder's and the diagnosis's tests.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::io::Write;

/// The vendor's test App ID, and its public vectors (signaling-facts.md).
pub const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
pub const V006: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
pub const V007: &str = "007eJxTYEiJ9+zw7Gb1viNuGtMfy3JriuZNp+1h1iLu/rOePHlS91WBwdLcwNnR2DQl1cwg2cTEzMQ0KSkx1SLRyNDUwMwwydjY/YsAQwQTAwMjAwgAAKtnGK8=";

/// Writes the 007 layout: the decoder's reading, reversed.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u16(mut self, v: u16) -> Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub fn u32(mut self, v: u32) -> Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub fn string(self, bytes: &[u8]) -> Self {
        let mut w = self.u16(bytes.len() as u16);
        w.0.extend(bytes);
        w
    }
}

pub fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

pub fn token_007(body: &[u8]) -> String {
    format!("007{}", STANDARD.encode(zlib(body)))
}

/// An AccessToken2 for RTM user `bob`, login for 3600 s, issued 1700000000 for 86400 s.
pub fn rtm_body() -> Vec<u8> {
    Writer::default()
        .string(&[7; 32])
        .string(APP_ID.as_bytes())
        .u32(1_700_000_000)
        .u32(86_400)
        .u32(42)
        .u16(1)
        .u16(2)
        .u16(1)
        .u16(1)
        .u32(3600)
        .string(b"bob")
        .0
}
