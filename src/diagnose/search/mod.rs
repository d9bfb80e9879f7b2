//! The search for the mistake that made a client's sign: one [`Strategy`] per cause code
//! in [`STRATEGIES`], tried in order. A new cause is one line there and one function.

mod candidates;
mod cause;
mod combined;
mod ctx;
mod edit;
mod expiry;
mod fields;
mod hashing;
mod inputs;
mod sign;

pub use candidates::fingerprint;
pub use cause::{Cause, CauseField};
pub use expiry::{
    COMBINED_DAYS_UP_TO, COMBINED_HOURS_UP_TO, DURATION_MINUTES_UP_TO, DURATION_SECONDS_UP_TO,
    MILLISECONDS_FROM, MISMATCH_WINDOW,
};
pub(super) use hashing::odd_sign_token;

use super::control::{Control, Search};
use super::request::Request;
use crate::token::ParsedToken;
use combined::Source;
use ctx::{Ctx, Hit};
use edit::Variant;
use hashing::Target;

/// One kind of mistake, and how to look for it.
struct Strategy {
    /// The cause code it names.
    code: &'static str,
    kind: Kind,
    /// The candidates it tries at most, for the progress total.
    size: fn(&Request) -> u64,
}

/// How a strategy looks for its mistake.
#[derive(Clone, Copy)]
enum Kind {
    /// Edits of how the sign is made, tried one by one here; `combined` pairs them.
    Edits(fn(&Ctx) -> Vec<Variant>),
    /// A search of MD5 signs of its own (the expiry windows, the candidate files).
    Md5(fn(&Ctx) -> Search<Hit>),
    /// The client's MD5 written another way.
    Encoding,
    /// Two mistakes at once.
    Combined,
}

/// Every strategy, in the order they are tried: the cheap ones first, so that a found
/// cause returns early, then the pairs, then the candidate files. Each family of causes
/// lives in its own file.
#[rustfmt::skip]
const STRATEGIES: [Strategy; 19] = [
    Strategy { code: "whitespace",            kind: Kind::Edits(inputs::whitespace),            size: |_| inputs::WHITESPACE_VARIANTS },
    Strategy { code: "letter_case",           kind: Kind::Edits(inputs::letter_case),           size: |_| inputs::LETTER_CASE_VARIANTS },
    Strategy { code: "unicode_normalization", kind: Kind::Edits(inputs::unicode_normalization), size: |_| 2 },
    Strategy { code: "non_utf8_charset",      kind: Kind::Edits(inputs::non_utf8_charset),      size: |_| 2 },
    Strategy { code: "concatenation_order",   kind: Kind::Edits(inputs::concatenation_order),   size: |_| 23 },
    Strategy { code: "quotes",                kind: Kind::Edits(fields::quotes),                size: |_| fields::QUOTES_VARIANTS },
    Strategy { code: "empty_field",           kind: Kind::Edits(fields::empty_field),           size: |_| fields::EMPTY_VARIANTS },
    Strategy { code: "field_mixup",           kind: Kind::Edits(fields::field_mixup),           size: |_| fields::MIXUP_VARIANTS },
    Strategy { code: "number_format",         kind: Kind::Edits(fields::number_format),         size: |_| fields::NUMBER_VARIANTS },
    Strategy { code: "wrong_algorithm",       kind: Kind::Edits(sign::wrong_algorithm),         size: |_| sign::ALGORITHM_VARIANTS },
    Strategy { code: "separators",            kind: Kind::Edits(inputs::separators),            size: |_| inputs::SEPARATOR_VARIANTS },
    Strategy { code: "sign_encoding",         kind: Kind::Encoding,                             size: |_| 1 },
    Strategy { code: "expiry_milliseconds",   kind: Kind::Md5(expiry::expiry_milliseconds),     size: |_| expiry::MILLISECOND_VARIANTS },
    Strategy { code: "expiry_as_duration",    kind: Kind::Md5(expiry::expiry_as_duration),      size: |_| expiry::DURATIONS },
    Strategy { code: "expiry_mismatch",       kind: Kind::Md5(expiry::expiry_mismatch),         size: expiry::mismatch_size },
    Strategy { code: "expiry_wrapped",        kind: Kind::Md5(expiry::expiry_wrapped),          size: |_| 4 },
    Strategy { code: "combined",              kind: Kind::Combined,                             size: |_| combined::size(edits_size()) },
    Strategy { code: "other_certificate",     kind: Kind::Md5(candidates::other_certificate),   size: |r| r.candidate_certificates.len() as u64 },
    Strategy { code: "other_account",         kind: Kind::Md5(candidates::other_account),       size: |r| r.candidate_accounts.len() as u64 },
];

/// Every cause code, in the order they are tried.
pub const CAUSE_CODES: [&str; STRATEGIES.len()] = {
    let mut codes = [""; STRATEGIES.len()];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = STRATEGIES[i].code;
        i += 1;
    }
    codes
};

/// The strategies whose variants are edits, for `combined` to pair.
fn sources() -> Vec<Source> {
    STRATEGIES
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Edits(variants) => Some(Source {
                code: s.code,
                variants,
            }),
            _ => None,
        })
        .collect()
}

/// The edits the edit strategies have at most.
fn edits_size() -> u64 {
    let empty = empty_request();
    STRATEGIES
        .iter()
        .filter(|s| matches!(s.kind, Kind::Edits(_)))
        .map(|s| (s.size)(&empty))
        .sum()
}

/// Candidates the search tries for `request`, at most.
pub fn search_size(request: &Request) -> u64 {
    STRATEGIES.iter().map(|s| (s.size)(request)).sum()
}

fn empty_request() -> Request<'static> {
    Request {
        client_token: "",
        app_id: "",
        account: "",
        certificate: "",
        expected_expiry: None,
        settings: Default::default(),
        now: Default::default(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    }
}

/// Candidates the default search tries for one diagnosis (without candidate files).
pub fn default_search_size() -> u64 {
    search_size(&empty_request())
}

/// Searches for the mistake that made `client`'s sign from the request's inputs.
pub(super) fn search_cause(
    request: &Request,
    client: &ParsedToken,
    control: &Control,
) -> Search<Cause> {
    search(
        request,
        client.expired_time,
        Target::md5(client.sign),
        control,
    )
}

/// Searches for the mistake that made a sign of another shape than 32 hex (a SHA's hex,
/// a base64 MD5, …); `None` when no known mistake makes a sign of that shape.
pub(super) fn search_sign_text(
    request: &Request,
    expired_time: i64,
    sign: &str,
    control: &Control,
) -> Option<Search<Cause>> {
    Some(search(request, expired_time, Target::other(sign)?, control))
}

fn search(
    request: &Request,
    expired_time: i64,
    target: Target,
    control: &Control,
) -> Search<Cause> {
    control.set_total(search_size(request));
    let ctx = Ctx::new(request, expired_time, target, control);
    for (i, strategy) in STRATEGIES.iter().enumerate() {
        let before = control.progress().0;
        match try_strategy(&ctx, i, strategy) {
            Search::NotFound => {
                // A strategy may count as it goes; what it did not count is counted here.
                let counted = control.progress().0 - before;
                control.add((strategy.size)(request).saturating_sub(counted));
            }
            found => return found,
        }
    }
    Search::NotFound
}

/// What the `i`th strategy finds.
fn try_strategy(ctx: &Ctx, i: usize, strategy: &Strategy) -> Search<Cause> {
    let alone = |hit: Hit, through_encoding: bool| {
        let cause = Cause::input(strategy.code, hit.field, hit.detail);
        if through_encoding {
            with_encoding(ctx, i, cause)
        } else {
            cause
        }
    };
    let encoded = ctx.target.encoding.is_some();
    match strategy.kind {
        Kind::Edits(variants) => {
            Search::from(edit::first_alone(&ctx.base, &ctx.target, &variants(ctx)))
                .map(|(hit, through_encoding)| alone(hit, through_encoding))
        }
        Kind::Md5(_) if ctx.target.md5.is_none() => Search::NotFound,
        Kind::Md5(run) => run(ctx).map(|hit| alone(hit, encoded)),
        Kind::Encoding => sign::sign_encoding(ctx).map(|hit| alone(hit, false)),
        Kind::Combined => combined::combined(ctx, &sources()),
    }
}

/// A cause found against the MD5 that a sign written another way holds: two mistakes,
/// named in the order of the table.
fn with_encoding(ctx: &Ctx, i: usize, cause: Cause) -> Cause {
    let how = ctx.target.encoding.clone().unwrap_or_default();
    let encoding = Cause::input("sign_encoding", None, how);
    let encoding_at = CAUSE_CODES.iter().position(|&c| c == "sign_encoding");
    if encoding_at.is_some_and(|at| i < at) {
        Cause::combined(cause, encoding)
    } else {
        Cause::combined(encoding, cause)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::diagnose::{Control, diagnose_with};

    #[test]
    fn the_table_names_every_cause_code_in_order() {
        let table: Vec<&str> = STRATEGIES.iter().map(|s| s.code).collect();
        assert_eq!(table, CAUSE_CODES);
        assert_eq!(
            CAUSE_CODES,
            [
                "whitespace",
                "letter_case",
                "unicode_normalization",
                "non_utf8_charset",
                "concatenation_order",
                "quotes",
                "empty_field",
                "field_mixup",
                "number_format",
                "wrong_algorithm",
                "separators",
                "sign_encoding",
                "expiry_milliseconds",
                "expiry_as_duration",
                "expiry_mismatch",
                "expiry_wrapped",
                "combined",
                "other_certificate",
                "other_account",
            ]
        );
    }

    #[test]
    fn progress_reaches_the_total() {
        let control = Control::default();
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        diagnose_with(&request(&token), &control);
        let (tried, total) = control.progress();
        assert!(tried > 900_000 && tried <= total, "{tried}/{total}");
        // Every strategy counts what it tried, or its size once it is done.
        assert_eq!(
            (tried, total),
            (default_search_size(), default_search_size())
        );
    }
}

/// What the tests of every family of causes share.
#[cfg(test)]
mod testing {
    pub(super) use crate::diagnose::request::example as request;
    pub(super) use crate::diagnose::{Cause, Request, diagnose};
    pub(super) use crate::token::{self, Inputs, Part, worked_example as ex};

    /// The token a generator with a mistake makes: `mutate` changes the inputs it hashes.
    pub(super) fn token_with(mutate: impl Fn(&mut Vec<Vec<u8>>)) -> String {
        let mut parts = vec![
            ex::ACCOUNT.as_bytes().to_vec(),
            ex::APP_ID.as_bytes().to_vec(),
            ex::APP_CERTIFICATE.as_bytes().to_vec(),
            ex::EXPIRED_TIME.to_string().into_bytes(),
        ];
        mutate(&mut parts);
        let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        token::format_token(ex::APP_ID, ex::EXPIRED_TIME, &token::sign_of(&refs))
    }

    pub(super) fn cause_of(token: &str) -> Cause {
        diagnose(&request(token)).cause.expect("a cause")
    }

    /// The cause found when the client's generator hashed `generated` as the account
    /// of the worked example, while `expected` is the account the request names.
    pub(super) fn account_cause(expected: &str, generated: &str) -> Cause {
        let token =
            Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, generated, ex::EXPIRED_TIME).token();
        diagnose(&account_request(expected, &token))
            .cause
            .expect("a cause")
    }

    pub(super) fn account_request<'a>(account: &'a str, token: &'a str) -> Request<'a> {
        Request {
            account,
            ..request(token)
        }
    }
}
