//! The hashing side of the search: what the client's sign is ([`Target`]: 32 hex, the
//! hex of a SHA, or an MD5 written another way), the hashes a generator may have used
//! ([`Algorithm`]), and a hash of any of them in progress ([`State`]).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use crate::token::{self, ParsedToken, Sign};

/// What a candidate must reproduce: the client's sign, as bytes.
#[derive(Clone, Debug)]
pub(super) struct Target {
    /// The sign's bytes when it is lowercase hex: 16 for an MD5, 20 for a SHA-1, 32 for
    /// a SHA-256, 64 for a SHA-512.
    raw: Vec<u8>,
    /// The MD5 it holds: its 16 bytes, or decoded from base64 or from hex of the hex.
    pub(super) md5: Option<Sign>,
    /// How that MD5 was written, when not as 32 hex: the `sign_encoding` detail.
    pub(super) encoding: Option<String>,
}

impl Target {
    /// A sign of 32 hex characters.
    pub(super) fn md5(sign: Sign) -> Target {
        Target {
            raw: sign.0.to_vec(),
            md5: Some(sign),
            encoding: None,
        }
    }

    /// A sign of another shape: the hex of a SHA, or an MD5 in base64 or hex of the hex.
    /// `None` for any other text: no mistake the search knows makes it.
    pub(super) fn other(text: &str) -> Option<Target> {
        let lower_hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if matches!(text.len(), 40 | 64 | 128) && lower_hex(text) {
            let raw = hex::decode(text).ok()?;
            // 64 hex characters whose bytes are themselves 32 lowercase hex: hex of the hex.
            let inner = std::str::from_utf8(&raw).ok().filter(|s| lower_hex(s));
            let md5 = inner.and_then(Sign::from_hex);
            let encoding = md5.map(|_| "the MD5's hex written in hex again".to_string());
            return Some(Target { raw, md5, encoding });
        }
        let (md5, encoding) = base64_md5(text)?;
        Some(Target {
            raw: Vec::new(),
            md5: Some(md5),
            encoding: Some(encoding),
        })
    }

    /// True when `digest` is the client's sign (an MD5 against the MD5 it holds).
    pub(super) fn matches(&self, digest: &[u8]) -> bool {
        if digest.len() == 16 {
            self.md5.is_some_and(|m| m.0 == digest)
        } else {
            self.raw == digest
        }
    }

    /// True when a sign made with `algorithm` could be the client's.
    pub(super) fn wants(&self, algorithm: Algorithm) -> bool {
        match algorithm.output_len() {
            16 => self.md5.is_some(),
            len => self.raw.len() == len,
        }
    }

    /// True when `digest` matches only through the sign's other encoding.
    pub(super) fn through_encoding(&self, digest: &[u8]) -> bool {
        digest.len() == 16 && self.encoding.is_some()
    }
}

/// The MD5 in a 22- or 24-character base64 text, and how it is written.
fn base64_md5(text: &str) -> Option<(Sign, String)> {
    let url_safe = text.contains(['-', '_']);
    let standard = text.contains(['+', '/']);
    let padded = text.len() == 24;
    let engine = match (url_safe, padded) {
        (true, true) => &URL_SAFE,
        (true, false) => &URL_SAFE_NO_PAD,
        (false, true) => &STANDARD,
        (false, false) => &STANDARD_NO_PAD,
    };
    if !matches!(text.len(), 22 | 24) || (url_safe && standard) {
        return None;
    }
    let bytes: [u8; 16] = engine.decode(text).ok()?.try_into().ok()?;
    let alphabet = if url_safe {
        "URL-safe base64"
    } else {
        "base64"
    };
    let padding = if padded { "padded" } else { "without padding" };
    let detail = format!("the MD5 written in {alphabet} ({padding}) instead of hex");
    Some((Sign(bytes), detail))
}

/// A token whose only fault is the shape of its sign: its version, App ID and expiry,
/// and the sign's text. The strict reading (`parse_token`) stays for everyone else.
pub(crate) fn odd_sign_token(token: &str) -> Option<(ParsedToken, &str)> {
    let (head, sign) = token.rsplit_once(':')?;
    let client = token::parse_token(&format!("{head}:{}", "0".repeat(32))).ok()?;
    Some((client, sign))
}

/// A hash a generator may have used in place of MD5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Algorithm {
    Md5,
    Sha1,
    Sha256,
    Sha512,
    /// MD5 over the lowercase hex of the MD5.
    Md5OfHex,
    /// HMAC keyed with the certificate over the other three inputs.
    HmacMd5,
    HmacSha1,
    HmacSha256,
}

impl Algorithm {
    /// The length of its digest, in bytes.
    fn output_len(self) -> usize {
        match self {
            Algorithm::Md5 | Algorithm::Md5OfHex | Algorithm::HmacMd5 => 16,
            Algorithm::Sha1 | Algorithm::HmacSha1 => 20,
            Algorithm::Sha256 | Algorithm::HmacSha256 => 32,
            Algorithm::Sha512 => 64,
        }
    }

    pub(super) fn is_hmac(self) -> bool {
        matches!(
            self,
            Algorithm::HmacMd5 | Algorithm::HmacSha1 | Algorithm::HmacSha256
        )
    }
}

/// A digest of up to 64 bytes (SHA-512).
#[derive(Clone, Copy)]
pub(super) struct Digest {
    bytes: [u8; 64],
    len: usize,
}

impl Digest {
    fn new(bytes: &[u8]) -> Digest {
        let mut out = Digest {
            bytes: [0; 64],
            len: bytes.len(),
        };
        out.bytes[..bytes.len()].copy_from_slice(bytes);
        out
    }

    pub(super) fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A hash in progress, of any [`Algorithm`]; cloned to reuse a prefix.
#[derive(Clone)]
pub(super) enum State {
    Md5(Md5),
    Sha1(Sha1),
    Sha256(Sha256),
    Sha512(Sha512),
    Md5OfHex(Md5),
    HmacMd5(Hmac<Md5>),
    HmacSha1(Hmac<Sha1>),
    HmacSha256(Hmac<Sha256>),
}

impl State {
    /// A fresh state; `key` is used by the HMACs only.
    pub(super) fn new(algorithm: Algorithm, key: &[u8]) -> State {
        // An HMAC takes a key of any length (a long one is hashed first).
        const ANY_KEY: &str = "HMAC takes a key of any length";
        match algorithm {
            Algorithm::Md5 => State::Md5(Md5::new()),
            Algorithm::Sha1 => State::Sha1(Sha1::new()),
            Algorithm::Sha256 => State::Sha256(Sha256::new()),
            Algorithm::Sha512 => State::Sha512(Sha512::new()),
            Algorithm::Md5OfHex => State::Md5OfHex(Md5::new()),
            Algorithm::HmacMd5 => State::HmacMd5(Hmac::new_from_slice(key).expect(ANY_KEY)),
            Algorithm::HmacSha1 => State::HmacSha1(Hmac::new_from_slice(key).expect(ANY_KEY)),
            Algorithm::HmacSha256 => State::HmacSha256(Hmac::new_from_slice(key).expect(ANY_KEY)),
        }
    }

    pub(super) fn update(&mut self, bytes: &[u8]) {
        match self {
            State::Md5(h) | State::Md5OfHex(h) => h.update(bytes),
            State::Sha1(h) => h.update(bytes),
            State::Sha256(h) => h.update(bytes),
            State::Sha512(h) => h.update(bytes),
            State::HmacMd5(h) => h.update(bytes),
            State::HmacSha1(h) => h.update(bytes),
            State::HmacSha256(h) => h.update(bytes),
        }
    }

    pub(super) fn finish(self) -> Digest {
        match self {
            State::Md5(h) => Digest::new(&h.finalize()),
            State::Md5OfHex(h) => {
                let inner = Sign(h.finalize().into());
                Digest::new(&Md5::digest(inner.hex_bytes()))
            }
            State::Sha1(h) => Digest::new(&h.finalize()),
            State::Sha256(h) => Digest::new(&h.finalize()),
            State::Sha512(h) => Digest::new(&h.finalize()),
            State::HmacMd5(h) => Digest::new(&h.finalize().into_bytes()),
            State::HmacSha1(h) => Digest::new(&h.finalize().into_bytes()),
            State::HmacSha256(h) => Digest::new(&h.finalize().into_bytes()),
        }
    }
}
