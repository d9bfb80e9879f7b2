//! The causes on the sign's side: `wrong_algorithm` (another hash over the same input)
//! and `sign_encoding` (the right MD5 written another way).

use super::ctx::{Ctx, Hit, hit};
use super::edit::{Edit, Variant};
use super::hashing::Algorithm;
use crate::diagnose::control::Search;

/// The other hashes, in the order they are tried, and how the detail names them.
const OTHER_ALGORITHMS: [(Algorithm, &str); 7] = [
    (Algorithm::Sha1, "SHA-1 instead of MD5"),
    (Algorithm::Sha256, "SHA-256 instead of MD5"),
    (Algorithm::Sha512, "SHA-512 instead of MD5"),
    (Algorithm::Md5OfHex, "MD5 twice (the MD5 of the MD5's hex)"),
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

#[cfg(test)]
mod tests {
    use super::super::hashing::Target;
    use super::super::testing::*;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use hmac::{Hmac, Mac};
    use md5::{Digest, Md5};
    use sha1::Sha1;
    use sha2::Sha256;

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
        assert_eq!(c.detail, "MD5 twice (the MD5 of the MD5's hex)");
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
