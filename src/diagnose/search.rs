//! The search for the mistake that made a client's sign: one [`Strategy`] per cause code
//! in [`STRATEGIES`], tried in order, cheapest first. A new cause is one more entry.

use super::control::{Control, Search, parallel_find, scan};
use super::request::Request;
use crate::expiry;
use crate::token::{self, ParsedToken, Part, PrefixHasher, Sign};
use unicode_normalization::UnicodeNormalization;

/// The mistake that reproduces the client's sign exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    pub code: &'static str,
    /// The input the mistake is in; `None` for the order of all of them.
    pub field: Option<Part>,
    /// The concrete variant, e.g. `certificate + '\n'` or `expiry 2592000 instead of 1546271999`.
    pub detail: String,
}

/// What a strategy found: the input the mistake is in, and the exact variant. The
/// strategy's entry in the table gives the code.
struct Hit {
    field: Option<Part>,
    detail: String,
}

fn hit(field: Option<Part>, detail: String) -> Hit {
    Hit { field, detail }
}

/// One kind of mistake, and how to look for it.
struct Strategy {
    /// The cause code it names.
    code: &'static str,
    /// The candidates it tries at most, for the progress total.
    size: fn(&Request) -> u64,
    /// The search: which variant of the inputs reproduces the client's sign.
    run: fn(&Ctx) -> Search<Hit>,
}

/// Every strategy, in the order they are tried.
const STRATEGIES: [Strategy; 10] = [
    Strategy {
        code: "whitespace",
        size: |_| 4 * (2 * WHITESPACE.len() as u64 + 1),
        run: whitespace,
    },
    Strategy {
        code: "letter_case",
        size: |_| 4,
        run: letter_case,
    },
    Strategy {
        code: "unicode_normalization",
        size: |_| 2,
        run: unicode_normalization,
    },
    Strategy {
        code: "non_utf8_charset",
        size: |_| 2,
        run: non_utf8_charset,
    },
    Strategy {
        code: "concatenation_order",
        size: |_| 23,
        run: concatenation_order,
    },
    Strategy {
        code: "expiry_as_duration",
        size: |_| DURATION_COUNT,
        run: expiry_as_duration,
    },
    Strategy {
        code: "expiry_mismatch",
        size: |_| 2 * MISMATCH_WINDOW as u64,
        run: expiry_mismatch,
    },
    Strategy {
        code: "expiry_wrapped",
        size: |_| 4,
        run: expiry_wrapped,
    },
    Strategy {
        code: "other_certificate",
        size: |r| r.candidate_certificates.len() as u64,
        run: other_certificate,
    },
    Strategy {
        code: "other_account",
        size: |r| r.candidate_accounts.len() as u64,
        run: other_account,
    },
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

/// The expiry searches: every second up to two days, every minute up to 400 days,
/// and ±1 day around the embedded expiry.
pub const DURATION_SECONDS_UP_TO: i64 = 2 * 86_400;
pub const DURATION_MINUTES_UP_TO: i64 = 400 * 86_400;
pub const MISMATCH_WINDOW: i64 = 86_400;
const DURATION_COUNT: u64 =
    (DURATION_SECONDS_UP_TO + (DURATION_MINUTES_UP_TO - DURATION_SECONDS_UP_TO) / 60) as u64;

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
                return other.map(|hit| Cause {
                    code: strategy.code,
                    field: hit.field,
                    detail: hit.detail,
                });
            }
        }
    }
    Search::NotFound
}

/// The inputs as byte strings, so that a variant can be any bytes (Latin-1, say).
struct Parts {
    account: Vec<u8>,
    app_id: Vec<u8>,
    certificate: Vec<u8>,
    expiry: Vec<u8>,
}

impl Parts {
    fn ordered(&self) -> [&[u8]; 4] {
        [&self.account, &self.app_id, &self.certificate, &self.expiry]
    }

    /// The sign with `value` in the place of `part`.
    fn sign_with(&self, part: Part, value: &[u8]) -> Sign {
        let mut parts = self.ordered();
        let slot = match part {
            Part::Account => 0,
            Part::AppId => 1,
            Part::AppCertificate => 2,
            Part::ExpiredTime => 3,
        };
        parts[slot] = value;
        token::sign_of(&parts)
    }
}

/// What every strategy works from.
struct Ctx<'a> {
    request: &'a Request<'a>,
    control: &'a Control,
    /// The client's sign: what a candidate must reproduce.
    target: Sign,
    /// The expiry the client's token carries, and as text.
    embedded: i64,
    embedded_text: String,
    /// The expected inputs with the embedded expiry.
    base: Parts,
    /// The MD5 state after account + App ID + certificate, for the expiry searches.
    prefix: PrefixHasher,
}

impl<'a> Ctx<'a> {
    fn new(request: &'a Request<'a>, client: &ParsedToken, control: &'a Control) -> Ctx<'a> {
        let embedded_text = client.expired_time.to_string();
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
            target: client.sign,
            embedded: client.expired_time,
            embedded_text,
            base,
            prefix,
        }
    }

    /// The expected value of an input, as text.
    fn value(&self, part: Part) -> &str {
        match part {
            Part::Account => self.request.account,
            Part::AppId => self.request.app_id,
            Part::AppCertificate => self.request.certificate,
            Part::ExpiredTime => &self.embedded_text,
        }
    }

    /// The first of `variants` (an input, its bytes, what they are) that reproduces the
    /// client's sign when it takes that input's place.
    fn first(&self, variants: impl IntoIterator<Item = (Part, Vec<u8>, String)>) -> Search<Hit> {
        variants
            .into_iter()
            .find(|(part, bytes, _)| self.base.sign_with(*part, bytes) == self.target)
            .map(|(part, _, detail)| hit(Some(part), detail))
            .into()
    }

    /// The first of `values` that reproduces the client's sign as the expiry.
    fn first_expiry(&self, values: impl Iterator<Item = i64>) -> Search<i64> {
        scan(self.control, values, |&v| {
            self.prefix.sign_with_expiry(v) == self.target
        })
    }
}

/// How each input is named in a cause's detail.
fn name(part: Part) -> &'static str {
    match part {
        Part::Account => "account",
        Part::AppId => "App ID",
        Part::AppCertificate => "certificate",
        Part::ExpiredTime => "expiry",
    }
}

/// The stray characters the whitespace search tries, and how the detail shows them.
const WHITESPACE: [(&str, &str); 5] = [
    ("\n", "'\\n'"),
    ("\r\n", "'\\r\\n'"),
    ("\r", "'\\r'"),
    (" ", "' '"),
    ("\t", "'\\t'"),
];

/// whitespace: a stray newline, CR, space or tab at either end of an input, or trimmed.
fn whitespace(ctx: &Ctx) -> Search<Hit> {
    let parts = [
        Part::AppCertificate,
        Part::Account,
        Part::AppId,
        Part::ExpiredTime,
    ];
    ctx.first(parts.into_iter().flat_map(|part| {
        let value = ctx.value(part);
        let name = name(part);
        let mut variants = Vec::new();
        for (ws, shown) in WHITESPACE {
            let after = format!("{value}{ws}").into_bytes();
            variants.push((part, after, format!("{name} + {shown}")));
            let before = format!("{ws}{value}").into_bytes();
            variants.push((part, before, format!("{shown} + {name}")));
        }
        let trimmed = value.trim();
        if trimmed != value {
            let detail = format!("the {name} trimmed of its whitespace");
            variants.push((part, trimmed.as_bytes().to_vec(), detail));
        }
        variants
    }))
}

/// letter_case: the App ID or certificate in the other case.
fn letter_case(ctx: &Ctx) -> Search<Hit> {
    ctx.first(
        [Part::AppId, Part::AppCertificate]
            .into_iter()
            .flat_map(|part| {
                let value = ctx.value(part);
                [
                    (value.to_ascii_lowercase(), "lower"),
                    (value.to_ascii_uppercase(), "upper"),
                ]
                .into_iter()
                .filter(move |(variant, _)| variant != value)
                .map(move |(variant, how)| {
                    let detail = format!("the {} in {how} case", name(part));
                    (part, variant.into_bytes(), detail)
                })
            }),
    )
}

/// unicode_normalization: the account in the other normal form.
fn unicode_normalization(ctx: &Ctx) -> Search<Hit> {
    let account = ctx.request.account;
    let forms = [
        (account.nfc().collect::<String>(), "NFC"),
        (account.nfd().collect::<String>(), "NFD"),
    ];
    ctx.first(
        forms
            .into_iter()
            .filter(|(variant, _)| variant != account)
            .map(|(variant, form)| {
                let detail = format!("the account in Unicode {form}");
                (Part::Account, variant.into_bytes(), detail)
            }),
    )
}

/// non_utf8_charset: a Java server whose default charset is not UTF-8.
fn non_utf8_charset(ctx: &Ctx) -> Search<Hit> {
    let account = ctx.request.account;
    if account.is_ascii() {
        return Search::NotFound;
    }
    let questioned: Vec<u8> = account
        .chars()
        .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
        .collect();
    let latin1: Option<Vec<u8>> = account
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    let variants = [
        (
            Some(questioned),
            "the account's non-ASCII characters as '?' (a Java server whose default charset is not UTF-8)",
        ),
        (
            latin1,
            "the account encoded as ISO-8859-1 (a Java server with a Latin-1 default charset)",
        ),
    ];
    ctx.first(
        variants
            .into_iter()
            .filter_map(|(bytes, detail)| Some((Part::Account, bytes?, detail.to_string()))),
    )
}

/// concatenation_order: the four inputs in any other order.
fn concatenation_order(ctx: &Ctx) -> Search<Hit> {
    let parts = ctx.base.ordered();
    let order = permutations()
        .into_iter()
        .filter(|order| *order != [0, 1, 2, 3])
        .find(|order| {
            let bytes: Vec<&[u8]> = order.iter().map(|&i| parts[i]).collect();
            token::sign_of(&bytes) == ctx.target
        });
    Search::from(order).map(|order| {
        let shown: Vec<&str> = order.iter().map(|&i| Part::HASH_ORDER[i].label()).collect();
        hit(None, shown.join(" + "))
    })
}

/// expiry_as_duration: seconds valid where the absolute time belongs.
fn expiry_as_duration(ctx: &Ctx) -> Search<Hit> {
    let durations = (1..=DURATION_SECONDS_UP_TO)
        .chain((DURATION_SECONDS_UP_TO / 60 + 1..=DURATION_MINUTES_UP_TO / 60).map(|m| m * 60));
    ctx.first_expiry(durations).map(|d| {
        let detail = format!(
            "expiry {d} ({}, a duration) instead of {}",
            expiry::human_duration(d as u128),
            ctx.embedded
        );
        hit(Some(Part::ExpiredTime), detail)
    })
}

/// expiry_mismatch: a generator that read the clock twice.
fn expiry_mismatch(ctx: &Ctx) -> Search<Hit> {
    let embedded = ctx.embedded;
    let window = (1..=MISMATCH_WINDOW)
        .flat_map(|k| [embedded.saturating_sub(k), embedded.saturating_add(k)]);
    ctx.first_expiry(window).map(|v| {
        let detail = format!(
            "expiry {v} instead of {embedded} ({} {})",
            expiry::human_duration((v - embedded).unsigned_abs() as u128),
            if v < embedded { "earlier" } else { "later" }
        );
        hit(Some(Part::ExpiredTime), detail)
    })
}

/// expiry_wrapped: 32-bit generators.
fn expiry_wrapped(ctx: &Ctx) -> Search<Hit> {
    let embedded = ctx.embedded;
    let wraps = [
        (
            embedded as i32 as i64,
            "a 32-bit signed wrap (Java, C#, C++)",
        ),
        (embedded as u32 as i64, "a 32-bit unsigned wrap (Go)"),
        (embedded.wrapping_add(1 << 32), "the unwrapped value"),
        (embedded.wrapping_sub(1 << 32), "the unwrapped value"),
    ];
    wraps
        .into_iter()
        .find(|&(v, _)| v != embedded && ctx.prefix.sign_with_expiry(v) == ctx.target)
        .map(|(v, how)| {
            let detail = format!("expiry {v} instead of {embedded}: {how}");
            hit(Some(Part::ExpiredTime), detail)
        })
        .into()
}

/// other_certificate: each candidate, with the embedded expiry, on every core.
fn other_certificate(ctx: &Ctx) -> Search<Hit> {
    let base = &ctx.base;
    let account_app = PrefixHasher::new(&[&base.account, &base.app_id]);
    let certs = ctx.request.candidate_certificates;
    let found = parallel_find(certs.len(), ctx.control, |i| {
        let mut buf = Vec::with_capacity(certs[i].len() + base.expiry.len());
        buf.extend_from_slice(certs[i].as_bytes());
        buf.extend_from_slice(&base.expiry);
        account_app.sign_with_suffix(&buf) == ctx.target
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
fn other_account(ctx: &Ctx) -> Search<Hit> {
    let base = &ctx.base;
    let suffix = [&base.app_id[..], &base.certificate, &base.expiry].concat();
    let accounts = ctx.request.candidate_accounts;
    let found = parallel_find(accounts.len(), ctx.control, |i| {
        token::sign_of(&[accounts[i].as_bytes(), &suffix]) == ctx.target
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

/// All 24 orders of four parts.
fn permutations() -> Vec<[usize; 4]> {
    let mut out = Vec::with_capacity(24);
    for a in 0..4 {
        for b in 0..4 {
            for c in 0..4 {
                for d in 0..4 {
                    let o = [a, b, c, d];
                    if (0..4).all(|i| o.contains(&i)) {
                        out.push(o);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::request::example as request;
    use super::super::{Control, Request, diagnose, diagnose_with};
    use super::*;
    use crate::policy::{LoginError, Outcome};
    use crate::token::{Inputs, worked_example as ex};

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
                "expiry_as_duration",
                "expiry_mismatch",
                "expiry_wrapped",
                "other_certificate",
                "other_account",
            ]
        );
    }

    /// The token a generator with a mistake makes: `mutate` changes the inputs it hashes.
    fn token_with(mutate: impl Fn(&mut Vec<Vec<u8>>)) -> String {
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
    fn cause_of(token: &str) -> Cause {
        diagnose(&request(token)).cause.expect("a cause")
    }
    #[test]
    fn the_published_example_is_a_duration_in_the_sign() {
        let published = format!(
            "1:{}:{}:{}",
            ex::APP_ID,
            ex::EXPIRED_TIME,
            ex::PUBLISHED_SIGN
        );
        let report = diagnose(&request(&published));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let cause = report.cause.unwrap();
        assert_eq!(cause.code, "expiry_as_duration");
        assert_eq!(cause.field, Some(Part::ExpiredTime));
        assert!(
            cause.detail.starts_with("expiry 2592000 "),
            "{}",
            cause.detail
        );
        assert!(
            cause.detail.contains("instead of 1546271999"),
            "{}",
            cause.detail
        );
    }
    #[test]
    fn whitespace() {
        let c = cause_of(&token_with(|p| p[2].push(b'\n')));
        assert_eq!(
            (c.code, c.field),
            ("whitespace", Some(Part::AppCertificate))
        );
        assert_eq!(c.detail, "certificate + '\\n'");
        let c = cause_of(&token_with(|p| p[0].insert(0, b' ')));
        assert_eq!((c.code, c.field), ("whitespace", Some(Part::Account)));
        assert_eq!(c.detail, "' ' + account");
    }
    #[test]
    fn whitespace_trimmed_when_the_expected_value_has_it() {
        let mut r = request("");
        let account = " test@agora.io ";
        let token = Inputs::new(
            ex::APP_ID,
            ex::APP_CERTIFICATE,
            "test@agora.io",
            ex::EXPIRED_TIME,
        )
        .token();
        r.account = account;
        r.client_token = &token;
        let c = diagnose(&r).cause.unwrap();
        assert_eq!((c.code, c.field), ("whitespace", Some(Part::Account)));
        assert!(c.detail.contains("trimmed"));
    }
    #[test]
    fn whitespace_after_the_expiry() {
        let c = cause_of(&token_with(|p| p[3].push(b'\n')));
        assert_eq!((c.code, c.field), ("whitespace", Some(Part::ExpiredTime)));
        assert_eq!(c.detail, "expiry + '\\n'");
    }
    #[test]
    fn letter_case() {
        let c = cause_of(&token_with(|p| p[1].make_ascii_lowercase()));
        assert_eq!((c.code, c.field), ("letter_case", Some(Part::AppId)));
        let c = cause_of(&token_with(|p| p[2].make_ascii_uppercase()));
        assert_eq!(
            (c.code, c.field),
            ("letter_case", Some(Part::AppCertificate))
        );
    }
    fn account_request<'a>(account: &'a str, token: &'a str) -> Request<'a> {
        Request {
            account,
            ..request(token)
        }
    }
    #[test]
    fn unicode_normalization() {
        let nfc = "José";
        let nfd = "Jose\u{301}";
        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, nfd, ex::EXPIRED_TIME).token();
        let c = diagnose(&account_request(nfc, &token)).cause.unwrap();
        assert_eq!(
            (c.code, c.field),
            ("unicode_normalization", Some(Part::Account))
        );
        assert!(c.detail.contains("NFD"));
    }
    #[test]
    fn non_utf8_charset() {
        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, "??@??", ex::EXPIRED_TIME).token();
        let c = diagnose(&account_request("用户@例子", &token))
            .cause
            .unwrap();
        assert_eq!((c.code, c.field), ("non_utf8_charset", Some(Part::Account)));
        // Latin-1 bytes, as a JVM with an ISO-8859-1 default charset hashes them.
        let sign = token::sign_of(&[
            b"Jos\xe9",
            ex::APP_ID.as_bytes(),
            ex::APP_CERTIFICATE.as_bytes(),
            b"1546271999",
        ]);
        let token = token::format_token(ex::APP_ID, ex::EXPIRED_TIME, &sign);
        let c = diagnose(&account_request("José", &token)).cause.unwrap();
        assert_eq!((c.code, c.field), ("non_utf8_charset", Some(Part::Account)));
        assert!(c.detail.contains("ISO-8859-1"));
    }
    #[test]
    fn concatenation_order_all_23_other_orders() {
        for order in permutations().into_iter().filter(|o| *o != [0, 1, 2, 3]) {
            let token = token_with(|p| {
                let original = p.clone();
                for (slot, &i) in order.iter().enumerate() {
                    p[slot] = original[i].clone();
                }
            });
            let c = cause_of(&token);
            assert_eq!(
                (c.code, c.field),
                ("concatenation_order", None),
                "{order:?}"
            );
        }
    }
    #[test]
    fn expiry_as_duration_by_the_second_and_the_minute() {
        for d in [1, 3600, 86_400, 172_800, 2_592_000, 400 * 86_400] {
            let c = cause_of(&token_with(|p| p[3] = d.to_string().into_bytes()));
            assert_eq!(
                (c.code, c.field),
                ("expiry_as_duration", Some(Part::ExpiredTime)),
                "{d}"
            );
            assert!(
                c.detail.starts_with(&format!("expiry {d} ")),
                "{}",
                c.detail
            );
        }
    }
    #[test]
    fn expiry_mismatch_within_a_day() {
        for delta in [-86_400i64, -1, 1, 37, 86_400] {
            let v = ex::EXPIRED_TIME + delta;
            let c = cause_of(&token_with(|p| p[3] = v.to_string().into_bytes()));
            assert_eq!(
                (c.code, c.field),
                ("expiry_mismatch", Some(Part::ExpiredTime)),
                "{delta}"
            );
            assert!(
                c.detail
                    .starts_with(&format!("expiry {v} instead of 1546271999"))
            );
        }
    }
    #[test]
    fn expiry_wrapped() {
        // A Java generator given 2147483648 hashes -2147483648 but the token says 2147483648.
        let embedded: i64 = 2_147_483_648;
        let sign = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::ACCOUNT, -2_147_483_648).sign();
        let token = token::format_token(ex::APP_ID, embedded, &sign);
        let c = cause_of(&token);
        assert_eq!(
            (c.code, c.field),
            ("expiry_wrapped", Some(Part::ExpiredTime))
        );
        assert!(c.detail.contains("-2147483648"), "{}", c.detail);
    }
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
            (c.code, c.field),
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
        assert_eq!((c.code, c.field), ("other_account", Some(Part::Account)));
        assert!(c.detail.contains("'bob'"));
    }
    #[test]
    fn progress_reaches_the_total() {
        let control = Control::default();
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        diagnose_with(&request(&token), &control);
        let (tried, total) = control.progress();
        assert!(tried > 900_000 && tried <= total, "{tried}/{total}");
    }
    #[test]
    fn fingerprint_is_the_start_of_sha256() {
        // printf %s fe1a0437bf217bdd34cd65053fb0fe1d | sha256sum
        assert_eq!(fingerprint(ex::APP_CERTIFICATE), "11674756");
        assert_eq!(fingerprint(""), "e3b0c442");
    }
}
