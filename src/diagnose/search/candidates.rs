//! The causes in files of candidates: another certificate or another account, each
//! list searched on every core.

use super::ctx::{Ctx, Hit, hit};
use crate::diagnose::control::{Search, parallel_find};
use crate::token::{self, Part, PrefixHasher};

/// other_certificate: each candidate, with the embedded expiry, on every core.
pub(super) fn other_certificate(ctx: &Ctx) -> Search<Hit> {
    let base = &ctx.base;
    let account_app = PrefixHasher::new(&[&base.account, &base.app_id]);
    let certs = ctx.request.candidate_certificates;
    let found = parallel_find(certs.len(), ctx.control, |i| {
        let mut buf = Vec::with_capacity(certs[i].len() + base.expiry.len());
        buf.extend_from_slice(certs[i].as_bytes());
        buf.extend_from_slice(&base.expiry);
        ctx.is_target(&account_app.sign_with_suffix(&buf))
    });
    found.map(|i| {
        let detail = format!(
            "candidate certificate #{} (line {}), fingerprint {}",
            i + 1,
            i + 1,
            fingerprint(&certs[i])
        );
        hit(Some(Part::AppCertificate), detail)
    })
}

/// other_account: each candidate; the account comes first, so no prefix to reuse.
pub(super) fn other_account(ctx: &Ctx) -> Search<Hit> {
    let base = &ctx.base;
    let suffix = [&base.app_id[..], &base.certificate, &base.expiry].concat();
    let accounts = ctx.request.candidate_accounts;
    let found = parallel_find(accounts.len(), ctx.control, |i| {
        ctx.is_target(&token::sign_of(&[accounts[i].as_bytes(), &suffix]))
    });
    found.map(|i| {
        let detail = format!(
            "the account '{}' (candidate line {})",
            crate::visible::quote(&accounts[i], 60),
            i + 1
        );
        hit(Some(Part::Account), detail)
    })
}

/// A short name for a certificate, so two people can compare theirs without showing
/// them: the first 8 hex characters of its SHA-256, as
/// `printf %s "$CERT" | sha256sum | cut -c1-8` prints it.
pub fn fingerprint(certificate: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(certificate.as_bytes())[..4])
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn other_certificate_and_other_account() {
        let other_cert = "0123456789abcdef0123456789abcdef";
        let token = Inputs::new(ex::APP_ID, other_cert, ex::ACCOUNT, ex::EXPIRED_TIME).token();
        let candidates = vec!["x".to_string(), other_cert.to_string()];
        let r = Request {
            candidate_certificates: &candidates,
            ..request(&token)
        };
        let c = diagnose(&r).cause.unwrap();
        assert_eq!(
            (c.code, c.part()),
            ("other_certificate", Some(Part::AppCertificate))
        );
        assert!(c.detail.contains("#2"), "{}", c.detail);
        assert!(
            !c.detail.contains(other_cert),
            "never the certificate itself"
        );

        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, "bob", ex::EXPIRED_TIME).token();
        let accounts = vec!["alice".to_string(), "bob".to_string()];
        let r = Request {
            candidate_accounts: &accounts,
            ..request(&token)
        };
        let c = diagnose(&r).cause.unwrap();
        assert_eq!((c.code, c.part()), ("other_account", Some(Part::Account)));
        assert!(c.detail.contains("'bob'"));
    }

    #[test]
    fn fingerprint_is_the_start_of_sha256() {
        // printf %s fe1a0437bf217bdd34cd65053fb0fe1d | sha256sum
        assert_eq!(fingerprint(ex::APP_CERTIFICATE), "11674756");
        assert_eq!(fingerprint(""), "e3b0c442");
    }
}
