//! The causes in how the inputs were written or put together: stray whitespace, letter
//! case, Unicode normal form, a non-UTF-8 charset and the concatenation order.

use super::ctx::Ctx;
use super::edit::{Edit, USUAL_ORDER, Variant, inputs};
use crate::token::Part;
use unicode_normalization::UnicodeNormalization;

/// The stray characters the whitespace search tries, and how the detail shows them.
const WHITESPACE: [(&str, &str); 5] = [
    ("\n", "'\\n'"),
    ("\r\n", "'\\r\\n'"),
    ("\r", "'\\r'"),
    (" ", "' '"),
    ("\t", "'\\t'"),
];

/// Candidates the whitespace search tries: each character at either end of each
/// input, and each input trimmed.
pub(super) const WHITESPACE_VARIANTS: u64 = 4 * (2 * WHITESPACE.len() as u64 + 1);

/// whitespace: a stray newline, CR, space or tab at either end of an input, or trimmed.
pub(super) fn whitespace(ctx: &Ctx) -> Vec<Variant> {
    let parts = [
        Part::AppCertificate,
        Part::Account,
        Part::AppId,
        Part::ExpiredTime,
    ];
    inputs(parts.into_iter().flat_map(|part| {
        let value = ctx.value(part);
        let name = part.noun();
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

/// Candidates the letter-case search tries: the App ID and the certificate in each
/// case, the account in each case and with its first letter changed.
pub(super) const LETTER_CASE_VARIANTS: u64 = 2 + 2 + 4;

/// letter_case: the App ID or the certificate in the other case; the account all lower,
/// all upper, or with its first letter capitalised or not.
pub(super) fn letter_case(ctx: &Ctx) -> Vec<Variant> {
    let hex = [Part::AppId, Part::AppCertificate]
        .into_iter()
        .flat_map(|part| {
            let value = ctx.value(part);
            [
                (value.to_ascii_lowercase(), "in lower case"),
                (value.to_ascii_uppercase(), "in upper case"),
            ]
            .map(move |(variant, how)| (part, variant, how))
        });
    let account = ctx.request.account;
    let first_changed = |upper: bool| {
        let mut chars = account.chars();
        chars.next().map_or_else(String::new, |c| {
            let first: String = if upper {
                c.to_uppercase().collect()
            } else {
                c.to_lowercase().collect()
            };
            first + chars.as_str()
        })
    };
    let accounts = [
        (account.to_lowercase(), "in lower case"),
        (account.to_uppercase(), "in upper case"),
        (first_changed(true), "with its first letter capitalised"),
        (first_changed(false), "with its first letter in lower case"),
    ]
    .map(|(variant, how)| (Part::Account, variant, how));
    inputs(
        hex.chain(accounts)
            .filter(|(part, variant, _)| variant != ctx.value(*part))
            .map(|(part, variant, how)| {
                let detail = format!("the {} {how}", part.noun());
                (part, variant.into_bytes(), detail)
            }),
    )
}

/// unicode_normalization: the account in the other normal form.
pub(super) fn unicode_normalization(ctx: &Ctx) -> Vec<Variant> {
    let account = ctx.request.account;
    let forms = [
        (account.nfc().collect::<String>(), "NFC"),
        (account.nfd().collect::<String>(), "NFD"),
    ];
    inputs(
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
pub(super) fn non_utf8_charset(ctx: &Ctx) -> Vec<Variant> {
    let account = ctx.request.account;
    if account.is_ascii() {
        return Vec::new();
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
    inputs(
        variants
            .into_iter()
            .filter_map(|(bytes, detail)| Some((Part::Account, bytes?, detail.to_string()))),
    )
}

/// concatenation_order: the four inputs in any other order.
pub(super) fn concatenation_order(_: &Ctx) -> Vec<Variant> {
    permutations()
        .into_iter()
        .filter(|order| *order != USUAL_ORDER)
        .map(|order| Variant::new(Edit::Layout(order, ""), None, shown(order, " + ")))
        .collect()
}

/// The separators a generator may join the parts with, and how the detail shows them.
const SEPARATORS: [(&str, &str); 7] = [
    (":", "':'"),
    (",", "','"),
    ("|", "'|'"),
    (" ", "' '"),
    ("-", "'-'"),
    ("_", "'_'"),
    ("\n", "'\\n'"),
];

/// Candidates the separators search tries: each separator, in each of the 24 orders.
pub(super) const SEPARATOR_VARIANTS: u64 = SEPARATORS.len() as u64 * 24;

/// separators: the parts joined with a separator, in the usual order or any other.
pub(super) fn separators(_: &Ctx) -> Vec<Variant> {
    let orders = permutations();
    SEPARATORS
        .iter()
        .flat_map(|&(separator, name)| {
            orders.iter().map(move |&order| {
                let detail = shown(order, &format!(" + {name} + "));
                Variant::new(Edit::Layout(order, separator), None, detail)
            })
        })
        .collect()
}

/// The parts in `order`, by name, joined with `joint`.
fn shown(order: [usize; 4], joint: &str) -> String {
    let names: Vec<&str> = order.iter().map(|&i| Part::HASH_ORDER[i].label()).collect();
    names.join(joint)
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
    use super::super::testing::*;
    use super::permutations;

    #[test]
    fn whitespace() {
        let c = cause_of(&token_with(|p| p[2].push(b'\n')));
        assert_eq!(
            (c.code, c.part()),
            ("whitespace", Some(Part::AppCertificate))
        );
        assert_eq!(c.detail, "certificate + '\\n'");
        let c = cause_of(&token_with(|p| p[0].insert(0, b' ')));
        assert_eq!((c.code, c.part()), ("whitespace", Some(Part::Account)));
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
        assert_eq!((c.code, c.part()), ("whitespace", Some(Part::Account)));
        assert!(c.detail.contains("trimmed"));
    }

    #[test]
    fn whitespace_after_the_expiry() {
        let c = cause_of(&token_with(|p| p[3].push(b'\n')));
        assert_eq!((c.code, c.part()), ("whitespace", Some(Part::ExpiredTime)));
        assert_eq!(c.detail, "expiry + '\\n'");
    }

    #[test]
    fn letter_case() {
        let c = cause_of(&token_with(|p| p[1].make_ascii_lowercase()));
        assert_eq!((c.code, c.part()), ("letter_case", Some(Part::AppId)));
        let c = cause_of(&token_with(|p| p[2].make_ascii_uppercase()));
        assert_eq!(
            (c.code, c.part()),
            ("letter_case", Some(Part::AppCertificate))
        );
    }

    #[test]
    fn unicode_normalization() {
        let nfc = "José";
        let nfd = "Jose\u{301}";
        let token = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, nfd, ex::EXPIRED_TIME).token();
        let c = diagnose(&account_request(nfc, &token)).cause.unwrap();
        assert_eq!(
            (c.code, c.part()),
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
        assert_eq!(
            (c.code, c.part()),
            ("non_utf8_charset", Some(Part::Account))
        );
        // Latin-1 bytes, as a JVM with an ISO-8859-1 default charset hashes them.
        let sign = token::sign_of(&[
            b"Jos\xe9",
            ex::APP_ID.as_bytes(),
            ex::APP_CERTIFICATE.as_bytes(),
            b"1546271999",
        ]);
        let token = token::format_token(ex::APP_ID, ex::EXPIRED_TIME, &sign);
        let c = diagnose(&account_request("José", &token)).cause.unwrap();
        assert_eq!(
            (c.code, c.part()),
            ("non_utf8_charset", Some(Part::Account))
        );
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
                (c.code, c.part()),
                ("concatenation_order", None),
                "{order:?}"
            );
        }
    }

    #[test]
    fn separators() {
        // Python: md5(":".join([account, app_id, certificate, str(expiry)]))
        let c = cause_of(&token_with(|p| *p = vec![p.join(&b':')]));
        assert_eq!((c.code, c.field), ("separators", None));
        assert_eq!(
            c.detail,
            "account + ':' + appId + ':' + appCertificate + ':' + expiredTime"
        );
        // A newline between the parts, the App ID first.
        let c = cause_of(&token_with(|p| {
            p.swap(0, 1);
            *p = vec![p.join(&b'\n')];
        }));
        assert_eq!((c.code, c.field), ("separators", None));
        assert_eq!(
            c.detail,
            "appId + '\\n' + account + '\\n' + appCertificate + '\\n' + expiredTime"
        );
    }

    #[test]
    fn letter_case_of_the_account() {
        for (expected, generated, how) in [
            ("Alice", "alice", "in lower case"),
            ("alice", "ALICE", "in upper case"),
            ("alice", "Alice", "with its first letter capitalised"),
        ] {
            let c = account_cause(expected, generated);
            assert_eq!((c.code, c.part()), ("letter_case", Some(Part::Account)));
            assert_eq!(c.detail, format!("the account {how}"));
        }
    }
}
