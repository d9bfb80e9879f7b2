//! What every strategy of the search works from ([`Ctx`]): the client's sign, the
//! expected inputs as bytes, the reusable MD5 prefix state, and what a strategy finds.

use super::hashing::Target;
use crate::diagnose::control::{Control, Search, scan};
use crate::diagnose::request::Request;
use crate::token::{self, Part, PrefixHasher, Sign};

/// What a strategy found: the input the mistake is in, and the exact variant. The
/// strategy's entry in the table gives the code.
pub(super) struct Hit {
    pub(super) field: Option<Part>,
    pub(super) detail: String,
}

pub(super) fn hit(field: Option<Part>, detail: String) -> Hit {
    Hit { field, detail }
}

/// The inputs as byte strings, so that a variant can be any bytes (Latin-1, say).
pub(super) struct Parts {
    pub(super) account: Vec<u8>,
    pub(super) app_id: Vec<u8>,
    pub(super) certificate: Vec<u8>,
    pub(super) expiry: Vec<u8>,
}

impl Parts {
    pub(super) fn ordered(&self) -> [&[u8]; 4] {
        [&self.account, &self.app_id, &self.certificate, &self.expiry]
    }

    /// The sign the format makes of them.
    pub(super) fn sign(&self) -> Sign {
        token::sign_of(&self.ordered())
    }
}

/// What every strategy works from.
pub(super) struct Ctx<'a> {
    pub(super) request: &'a Request<'a>,
    pub(super) control: &'a Control,
    /// The client's sign: what a candidate must reproduce.
    pub(super) target: Target,
    /// The expiry the client's token carries, and as text.
    pub(super) embedded: i64,
    pub(super) embedded_text: String,
    /// The expiry the client was meant to get: the expected one when it is known,
    /// else the embedded one. The expiry searches look around it.
    pub(super) meant: i64,
    /// The expected inputs with the embedded expiry.
    pub(super) base: Parts,
    /// The MD5 state after account + App ID + certificate, for the expiry searches.
    pub(super) prefix: PrefixHasher,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        request: &'a Request<'a>,
        embedded: i64,
        target: Target,
        control: &'a Control,
    ) -> Ctx<'a> {
        let embedded_text = embedded.to_string();
        let base = Parts {
            account: request.account.as_bytes().to_vec(),
            app_id: request.app_id.as_bytes().to_vec(),
            certificate: request.certificate.as_bytes().to_vec(),
            expiry: embedded_text.clone().into_bytes(),
        };
        let prefix = PrefixHasher::new(&[&base.account, &base.app_id, &base.certificate]);
        Ctx {
            request,
            control,
            target,
            embedded,
            embedded_text,
            meant: request.expected_expiry.unwrap_or(embedded),
            base,
            prefix,
        }
    }

    /// The expected value of an input, as text.
    pub(super) fn value(&self, part: Part) -> &str {
        match part {
            Part::Account => self.request.account,
            Part::AppId => self.request.app_id,
            Part::AppCertificate => self.request.certificate,
            Part::ExpiredTime => &self.embedded_text,
        }
    }

    /// True when an MD5 sign is the client's.
    pub(super) fn is_target(&self, sign: &Sign) -> bool {
        self.target.md5 == Some(*sign)
    }

    /// The first of `values` that reproduces the client's sign as the expiry.
    pub(super) fn first_expiry(&self, values: impl Iterator<Item = i64>) -> Search<i64> {
        scan(self.control, values, |&v| {
            self.is_target(&self.prefix.sign_with_expiry(v))
        })
    }
}
