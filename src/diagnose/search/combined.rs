//! `combined`: two mistakes at once. Every pair of edits in different places, and each
//! edit with the cheap expiry variants (milliseconds, whole hours and days, 32-bit
//! wraps); never with the second-by-second windows.

use super::cause::Cause;
use super::ctx::Ctx;
use super::edit::{Edit, Place, Recipe, Variant};
use super::expiry::{CHEAP_EXPIRY_VARIANTS, cheap_cause, cheap_expiries};
use super::hashing::Algorithm;
use crate::diagnose::control::{Search, scan};
use crate::token::Part;

/// A strategy whose variants are edits: its code and its variants.
pub(super) struct Source {
    pub(super) code: &'static str,
    pub(super) variants: fn(&Ctx) -> Vec<Variant>,
}

/// Candidates `combined` tries at most, given how many edits the sources have at most.
pub(super) fn size(edits: u64) -> u64 {
    edits * edits.saturating_sub(1) / 2 + edits * CHEAP_EXPIRY_VARIANTS
}

/// An edit, with the code of the strategy it comes from.
struct Tagged {
    code: &'static str,
    variant: Variant,
    /// The hash the edit makes the sign with.
    algorithm: Algorithm,
}

impl Tagged {
    fn cause(&self) -> Cause {
        Cause::input(self.code, self.variant.field, self.variant.detail.clone())
    }
}

/// combined: two mistakes that together reproduce the client's sign. Not tried on a sign
/// written another way: that is a mistake already, and three are never claimed.
pub(super) fn combined(ctx: &Ctx, sources: &[Source]) -> Search<Cause> {
    if ctx.target.encoding.is_some() {
        return Search::NotFound;
    }
    let edits = edits(ctx, sources);
    let n = edits.len();
    let pairs = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| {
            let (a, b) = (&edits[i], &edits[j]);
            let algorithm = if a.algorithm == Algorithm::Md5 {
                b.algorithm
            } else {
                a.algorithm
            };
            a.variant.pairs_with(&b.variant) && ctx.target.wants(algorithm)
        });
    let found = scan(ctx.control, pairs, |&(i, j)| {
        let recipe = Recipe::new(&ctx.base)
            .with(&edits[i].variant.edit)
            .with(&edits[j].variant.edit);
        ctx.target.matches(recipe.digest().as_slice())
    });
    match found {
        Search::Found((i, j)) => {
            return Search::Found(Cause::combined(edits[i].cause(), edits[j].cause()));
        }
        Search::Cancelled => return Search::Cancelled,
        Search::NotFound => {}
    }
    with_cheap_expiries(ctx, &edits)
}

/// Each edit (not of the expiry itself) with each cheap expiry variant.
fn with_cheap_expiries(ctx: &Ctx, edits: &[Tagged]) -> Search<Cause> {
    let expiries = cheap_expiries(ctx);
    for edit in edits {
        if edit.variant.place() == Place::Input(Part::ExpiredTime) {
            continue;
        }
        let open = Recipe::new(&ctx.base)
            .with(&edit.variant.edit)
            .expiry_scan();
        let found = scan(ctx.control, expiries.iter(), |&&(value, _)| {
            open.matches(value, &ctx.target)
        });
        match found {
            Search::Found(&(value, cheap)) => {
                let expiry = cheap_cause(ctx, value, cheap);
                return Search::Found(Cause::combined(edit.cause(), expiry));
            }
            Search::Cancelled => return Search::Cancelled,
            Search::NotFound => {}
        }
    }
    Search::NotFound
}

/// Every source's edits, in table order, without those that leave the input as it was
/// or that make a hash the client's sign cannot be.
fn edits(ctx: &Ctx, sources: &[Source]) -> Vec<Tagged> {
    sources
        .iter()
        .flat_map(|source| {
            (source.variants)(ctx).into_iter().map(|variant| {
                let algorithm = match variant.edit {
                    Edit::Algorithm(algorithm) => algorithm,
                    _ => Algorithm::Md5,
                };
                Tagged {
                    code: source.code,
                    variant,
                    algorithm,
                }
            })
        })
        .filter(|t| match &t.variant.edit {
            Edit::Input(part, bytes) => *bytes != ctx.value(*part).as_bytes(),
            Edit::Algorithm(algorithm) => ctx.target.wants(*algorithm),
            Edit::Layout(..) => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::diagnose::CauseField;

    fn parts(c: &Cause) -> Vec<(&str, Option<CauseField>, &str)> {
        c.causes
            .iter()
            .map(|c| (c.code, c.field, c.detail.as_str()))
            .collect()
    }

    #[test]
    fn a_certificate_with_its_newline_and_a_thirty_day_duration() {
        let c = cause_of(&token_with(|p| {
            p[2].push(b'\n');
            p[3] = b"2592000".to_vec();
        }));
        assert_eq!((c.code, c.field), ("combined", None));
        assert_eq!(
            parts(&c),
            [
                (
                    "whitespace",
                    Some(CauseField::Input(Part::AppCertificate)),
                    "certificate + '\\n'"
                ),
                (
                    "expiry_as_duration",
                    Some(CauseField::Input(Part::ExpiredTime)),
                    "expiry 2592000 (30 days, a duration) instead of 1546271999"
                ),
            ]
        );
        assert_eq!(
            c.detail,
            "certificate + '\\n' and expiry 2592000 (30 days, a duration) instead of 1546271999"
        );
    }

    #[test]
    fn quotes_and_sha1() {
        use sha1::{Digest, Sha1};
        // sha1($account . $appId . '"' . $certificate . '"' . $expiredTime), the
        // certificate read from a .env file with its quotes.
        let message = format!(
            "{}{}\"{}\"{}",
            ex::ACCOUNT,
            ex::APP_ID,
            ex::APP_CERTIFICATE,
            ex::EXPIRED_TIME
        );
        let sign = hex::encode(Sha1::digest(message));
        let c = cause_of(&format!("1:{}:{}:{sign}", ex::APP_ID, ex::EXPIRED_TIME));
        assert_eq!((c.code, c.field), ("combined", None));
        assert_eq!(
            parts(&c),
            [
                (
                    "quotes",
                    Some(CauseField::Input(Part::AppCertificate)),
                    "the certificate with its quotes: \"…\""
                ),
                ("wrong_algorithm", None, "SHA-1 instead of MD5"),
            ]
        );
    }

    #[test]
    fn a_separator_and_a_base64_sign() {
        use base64::Engine;
        use md5::{Digest, Md5};
        // Python: base64.b64encode(md5(":".join(parts)).digest())
        let message = [ex::ACCOUNT, ex::APP_ID, ex::APP_CERTIFICATE, "1546271999"].join(":");
        let sign = base64::engine::general_purpose::STANDARD.encode(Md5::digest(message));
        let c = cause_of(&format!("1:{}:{}:{sign}", ex::APP_ID, ex::EXPIRED_TIME));
        assert_eq!(c.code, "combined");
        let codes: Vec<&str> = c.causes.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["separators", "sign_encoding"]);
    }
}
