//! The sign side of the search: what the client's sign is ([`Target`]: 32 hex, or a
//! SHA's hex, or an MD5 written another way), the hashes a generator may have used
//! ([`Algorithm`]), and the two causes that live there: `wrong_algorithm` and
//! `sign_encoding`.

use super::ctx::{Ctx, Hit, hit};
use super::edit::{Edit, Variant};
use crate::diagnose::control::Search;
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

/// The other hashes, in the order they are tried, and how the detail names them.
const OTHER_ALGORITHMS: [(Algorithm, &str); 7] = [
    (Algorithm::Sha1, "SHA-1 instead of MD5"),
    (Algorithm::Sha256, "SHA-256 instead of MD5"),
    (Algorithm::Sha512, "SHA-512 instead of MD5"),
    (Algorithm::Md5OfHex, "MD5 twice: the MD5 of the MD5's hex"),
    (
        Algorithm::HmacMd5,
        "HMAC-MD5 keyed with the certificate over account + appId + expiredTime",
    ),
    (
        Algorithm::HmacSha1,
        "HMAC-SHA1 keyed with the certificate over account + appId + expiredTime",
    ),
    (
        Algorithm::HmacSha256,
        "HMAC-SHA256 keyed with the certificate over account + appId + expiredTime",
    ),
];

/// Candidates the wrong-algorithm search tries.
pub(super) const ALGORITHM_VARIANTS: u64 = OTHER_ALGORITHMS.len() as u64;

/// wrong_algorithm: another hash over the same input.
pub(super) fn wrong_algorithm(_: &Ctx) -> Vec<Variant> {
    OTHER_ALGORITHMS
        .iter()
        .map(|&(algorithm, detail)| Variant::new(Edit::Algorithm(algorithm), None, detail.into()))
        .collect()
}

/// sign_encoding: the right MD5 of the expected inputs, written another way.
pub(super) fn sign_encoding(ctx: &Ctx) -> Search<Hit> {
    match &ctx.target.encoding {
        Some(how) if ctx.is_target(&ctx.base.sign()) => Search::Found(hit(None, how.clone())),
        _ => Search::NotFound,
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    /// The inputs of the worked example, as one message (what the generator hashed).
    fn message() -> String {
        format!(
            "{}{}{}{}",
            ex::ACCOUNT,
            ex::APP_ID,
            ex::APP_CERTIFICATE,
            ex::EXPIRED_TIME
        )
    }

    fn with_sign(sign: &str) -> String {
        format!("1:{}:{}:{sign}", ex::APP_ID, ex::EXPIRED_TIME)
    }

    #[test]
    fn wrong_algorithm() {
        // PHP: sha1($account . $appId . $certificate . $expiredTime)
        let sign = hex::encode(Sha1::digest(message()));
        let report = diagnose(&request(&with_sign(&sign)));
        assert_eq!(
            report.outcome,
            crate::policy::Outcome::Rejected(crate::policy::LoginError::TokenWrong)
        );
        let c = report.cause.expect("a cause");
        assert_eq!((c.code, c.field), ("wrong_algorithm", None));
        assert_eq!(c.detail, "SHA-1 instead of MD5");
        // Node: crypto.createHmac('sha256', cert).update(account + appId + expiry).digest('hex')
        let mut mac = Hmac::<Sha256>::new_from_slice(ex::APP_CERTIFICATE.as_bytes()).unwrap();
        mac.update(format!("{}{}{}", ex::ACCOUNT, ex::APP_ID, ex::EXPIRED_TIME).as_bytes());
        let sign = hex::encode(mac.finalize().into_bytes());
        let c = cause_of(&with_sign(&sign));
        assert_eq!((c.code, c.field), ("wrong_algorithm", None));
        assert_eq!(
            c.detail,
            "HMAC-SHA256 keyed with the certificate over account + appId + expiredTime"
        );
        // MD5 twice, which keeps the 32 hex characters of a plain MD5.
        let twice = hex::encode(Md5::digest(hex::encode(Md5::digest(message()))));
        let c = cause_of(&with_sign(&twice));
        assert_eq!(c.code, "wrong_algorithm");
        assert_eq!(c.detail, "MD5 twice: the MD5 of the MD5's hex");
    }

    #[test]
    fn sign_encoding() {
        // Python: base64.b64encode(hashlib.md5(message).digest())
        let digest = Md5::digest(message());
        let sign = STANDARD.encode(digest);
        assert_eq!(sign.len(), 24);
        let report = diagnose(&request(&with_sign(&sign)));
        assert_eq!(
            report.outcome,
            crate::policy::Outcome::Rejected(crate::policy::LoginError::TokenWrong)
        );
        assert!(report.expected.is_some());
        let c = report.cause.expect("a cause");
        assert_eq!((c.code, c.field), ("sign_encoding", None));
        assert_eq!(
            c.detail,
            "the MD5 written in base64 (padded) instead of hex"
        );
        // Hex of the hex: bin2hex(md5($message)) in PHP.
        let sign = hex::encode(hex::encode(digest));
        let c = cause_of(&with_sign(&sign));
        assert_eq!(
            (c.code, c.detail.as_str()),
            ("sign_encoding", "the MD5's hex written in hex again")
        );
    }

    #[test]
    fn a_sign_of_another_shape_that_nothing_explains_stays_malformed() {
        let report = diagnose(&request(&with_sign(&"0".repeat(40))));
        assert_eq!(report.cause, None);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["malformed_token"]);
        assert!(report.parsed.is_err());
    }

    #[test]
    fn targets_of_every_shape() {
        assert!(Target::other(&"a".repeat(40)).is_some());
        assert!(Target::other(&"A".repeat(40)).is_none());
        assert!(Target::other("LVctbjp1696aBmJvQP6WhA").is_some());
        assert!(Target::other("LVctbjp1696aBmJvQP6WhA=").is_none());
        let url = Target::other("-_ctbjp1696aBmJvQP6WhA").unwrap();
        assert!(url.encoding.unwrap().contains("URL-safe"));
        assert!(Target::other("+_ctbjp1696aBmJvQP6WhA").is_none());
    }
}
