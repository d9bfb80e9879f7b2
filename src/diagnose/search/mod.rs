//! The search for the mistake that made a client's sign: one [`Strategy`] per cause code
//! in [`STRATEGIES`], tried in order. A new cause is one line there and one function.

mod candidates;
mod ctx;
mod expiry;
mod fields;
mod inputs;

pub use candidates::fingerprint;
pub use expiry::{
    DURATION_MINUTES_UP_TO, DURATION_SECONDS_UP_TO, MILLISECONDS_FROM, MISMATCH_WINDOW,
};

use super::control::{Control, Search};
use super::request::Request;
use crate::token::{ParsedToken, Part};
use ctx::{Ctx, Hit};

/// The mistake that reproduces the client's sign exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    pub code: &'static str,
    /// Where the mistake is; `None` when it is in how all the inputs were put together.
    pub field: Option<CauseField>,
    /// The concrete variant, e.g. `certificate + '\n'` or `expiry 2592000 instead of 1546271999`.
    pub detail: String,
    /// For `combined`, the mistakes that together reproduce the sign; empty otherwise.
    pub causes: Vec<Cause>,
}

impl Cause {
    /// A cause in one input (or in none), as the strategies find them.
    pub fn input(code: &'static str, part: Option<Part>, detail: String) -> Cause {
        Cause {
            code,
            field: part.map(CauseField::Input),
            detail,
            causes: Vec::new(),
        }
    }

    /// A cause in the token itself, as it travelled from the server to the client.
    pub fn token(code: &'static str, detail: String) -> Cause {
        Cause {
            code,
            field: Some(CauseField::Token),
            detail,
            causes: Vec::new(),
        }
    }

    /// The input the mistake is in, if it is in one.
    pub fn part(&self) -> Option<Part> {
        match self.field {
            Some(CauseField::Input(part)) => Some(part),
            _ => None,
        }
    }
}

/// Where a mistake is: in one of the four inputs, or in the token itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CauseField {
    Input(Part),
    Token,
}

impl CauseField {
    /// Its JSON key: an input's key, or `token`.
    pub fn key(self) -> &'static str {
        match self {
            CauseField::Input(part) => part.key(),
            CauseField::Token => "token",
        }
    }

    /// Its name on screen: an input's name, or "Token".
    pub fn name(self) -> &'static str {
        match self {
            CauseField::Input(part) => part.name(),
            CauseField::Token => "Token",
        }
    }
}

/// One kind of mistake, and how to look for it.
struct Strategy {
    /// The cause code it names.
    code: &'static str,
    /// The search: which variant of the inputs reproduces the client's sign.
    run: fn(&Ctx) -> Search<Hit>,
    /// The candidates it tries at most, for the progress total.
    size: fn(&Request) -> u64,
}

/// Every strategy, in the order they are tried: the cheap ones first, so that a found
/// cause returns early. Each family of causes lives in its own file.
#[rustfmt::skip]
const STRATEGIES: [Strategy; 15] = [
    Strategy { code: "whitespace",            run: inputs::whitespace,            size: |_| inputs::WHITESPACE_VARIANTS },
    Strategy { code: "letter_case",           run: inputs::letter_case,           size: |_| inputs::LETTER_CASE_VARIANTS },
    Strategy { code: "unicode_normalization", run: inputs::unicode_normalization, size: |_| 2 },
    Strategy { code: "non_utf8_charset",      run: inputs::non_utf8_charset,      size: |_| 2 },
    Strategy { code: "concatenation_order",   run: inputs::concatenation_order,   size: |_| 23 },
    Strategy { code: "quotes",                run: fields::quotes,                size: |_| fields::QUOTES_VARIANTS },
    Strategy { code: "empty_field",           run: fields::empty_field,           size: |_| fields::EMPTY_VARIANTS },
    Strategy { code: "field_mixup",           run: fields::field_mixup,           size: |_| fields::MIXUP_VARIANTS },
    Strategy { code: "number_format",         run: fields::number_format,         size: |_| fields::NUMBER_VARIANTS },
    Strategy { code: "expiry_milliseconds",   run: expiry::expiry_milliseconds,   size: |_| expiry::MILLISECOND_VARIANTS },
    Strategy { code: "expiry_as_duration",    run: expiry::expiry_as_duration,    size: |_| expiry::DURATIONS },
    Strategy { code: "expiry_mismatch",       run: expiry::expiry_mismatch,       size: |_| 2 * MISMATCH_WINDOW as u64 },
    Strategy { code: "expiry_wrapped",        run: expiry::expiry_wrapped,        size: |_| 4 },
    Strategy { code: "other_certificate",     run: candidates::other_certificate, size: |r| r.candidate_certificates.len() as u64 },
    Strategy { code: "other_account",         run: candidates::other_account,     size: |r| r.candidate_accounts.len() as u64 },
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

/// Candidates the search tries for `request`, at most.
fn search_size(request: &Request) -> u64 {
    STRATEGIES.iter().map(|s| (s.size)(request)).sum()
}

/// Candidates the default search tries for one diagnosis (without candidate files).
pub fn default_search_size() -> u64 {
    search_size(&Request {
        client_token: "",
        app_id: "",
        account: "",
        certificate: "",
        expected_expiry: None,
        settings: Default::default(),
        now: Default::default(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    })
}

/// Searches for the mistake that made `client`'s sign from the request's inputs.
pub(super) fn search_cause(
    request: &Request,
    client: &ParsedToken,
    control: &Control,
) -> Search<Cause> {
    control.set_total(search_size(request));
    let ctx = Ctx::new(request, client, control);
    for strategy in &STRATEGIES {
        let before = control.progress().0;
        match (strategy.run)(&ctx) {
            Search::NotFound => {
                // A strategy may count as it goes; what it did not count is counted here.
                let counted = control.progress().0 - before;
                control.add((strategy.size)(request).saturating_sub(counted));
            }
            other => {
                return other.map(|hit| Cause::input(strategy.code, hit.field, hit.detail));
            }
        }
    }
    Search::NotFound
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
                "expiry_milliseconds",
                "expiry_as_duration",
                "expiry_mismatch",
                "expiry_wrapped",
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
