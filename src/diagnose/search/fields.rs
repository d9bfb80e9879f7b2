//! The causes where a generator hashed the wrong value for an input: read with its
//! quotes, left empty, taken from another input, or a numeric account written otherwise.

use super::ctx::Ctx;
use super::edit::{Variant, inputs};
use crate::token::Part;

/// The three inputs that are text (the expiry has searches of its own).
const TEXT_PARTS: [Part; 3] = [Part::AppCertificate, Part::Account, Part::AppId];

/// Candidates the quotes search tries: each input in double and in single quotes.
pub(super) const QUOTES_VARIANTS: u64 = 2 * TEXT_PARTS.len() as u64;

/// quotes: an input read with the quotes around it, as from a `.env`, YAML or shell file.
pub(super) fn quotes(ctx: &Ctx) -> Vec<Variant> {
    inputs(TEXT_PARTS.into_iter().flat_map(|part| {
        let value = ctx.value(part);
        ['"', '\''].map(|q| {
            let detail = format!("the {} with its quotes: {q}…{q}", part.noun());
            (part, format!("{q}{value}{q}").into_bytes(), detail)
        })
    }))
}

/// Candidates the empty-field search tries.
pub(super) const EMPTY_VARIANTS: u64 = TEXT_PARTS.len() as u64;

/// empty_field: an input hashed as empty, as when an environment variable is missing.
pub(super) fn empty_field(ctx: &Ctx) -> Vec<Variant> {
    inputs(
        TEXT_PARTS
            .into_iter()
            .filter(|part| !ctx.value(*part).is_empty())
            .map(|part| {
                let detail = format!("an empty {} (a missing variable?)", part.noun());
                (part, Vec::new(), detail)
            }),
    )
}

/// Candidates the mix-up search tries: each input given another's value.
pub(super) const MIXUP_VARIANTS: u64 = 6;

/// field_mixup: one input's value used in another's place; the field is the input that
/// got the wrong value. (Two inputs swapped make the same bytes as a concatenation in
/// another order, which `concatenation_order` names.)
pub(super) fn field_mixup(ctx: &Ctx) -> Vec<Variant> {
    let mut variants = Vec::new();
    let order = [Part::Account, Part::AppId, Part::AppCertificate];
    for &wrong in &order {
        for &source in &order {
            if wrong != source {
                let detail = format!("the {} in the {}'s place", source.noun(), wrong.noun());
                let bytes = ctx.value(source).as_bytes().to_vec();
                variants.push(Variant::input(wrong, bytes, detail));
            }
        }
    }
    variants
}

/// Candidates the number-format search tries at most.
pub(super) const NUMBER_VARIANTS: u64 = 8;

/// number_format: a numeric account that lost or gained leading zeros, or went through
/// a float (`10086.0`, `1.0086E4`).
pub(super) fn number_format(ctx: &Ctx) -> Vec<Variant> {
    let account = ctx.request.account;
    if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let trimmed = account.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    let mut variants: Vec<(String, String)> = vec![
        (digits.to_string(), "without its leading zeros".into()),
        (format!("0{account}"), "with a leading zero".into()),
        (format!("{digits}.0"), "as a float".into()),
    ];
    // Scientific notation as Java and JavaScript write it: 1.0086E4 and 1.0086e+4.
    let (first, rest) = digits.split_at(1);
    let rest = rest.trim_end_matches('0');
    let mantissa = if rest.is_empty() {
        format!("{first}.0")
    } else {
        format!("{first}.{rest}")
    };
    let exponent = digits.len() - 1;
    variants.push((format!("{mantissa}E{exponent}"), "as a Java double".into()));
    variants.push((
        format!("{mantissa}e+{exponent}"),
        "in exponent notation".into(),
    ));
    inputs(
        variants
            .into_iter()
            .filter(|(v, _)| v != account)
            .map(|(v, how)| {
                let detail = format!("the account {how}: '{v}'");
                (Part::Account, v.into_bytes(), detail)
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn quotes() {
        let c = cause_of(&token_with(|p| {
            p[2].insert(0, b'"');
            p[2].push(b'"');
        }));
        assert_eq!((c.code, c.part()), ("quotes", Some(Part::AppCertificate)));
        assert_eq!(c.detail, "the certificate with its quotes: \"…\"");
        let c = cause_of(&token_with(|p| {
            p[0].insert(0, b'\'');
            p[0].push(b'\'');
        }));
        assert_eq!((c.code, c.part()), ("quotes", Some(Part::Account)));
    }

    #[test]
    fn empty_field() {
        let c = cause_of(&token_with(|p| p[2].clear()));
        assert_eq!(
            (c.code, c.part()),
            ("empty_field", Some(Part::AppCertificate))
        );
        let c = cause_of(&token_with(|p| p[0].clear()));
        assert_eq!((c.code, c.part()), ("empty_field", Some(Part::Account)));
    }

    #[test]
    fn field_mixup() {
        // The App ID used as the certificate.
        let c = cause_of(&token_with(|p| p[2] = p[1].clone()));
        assert_eq!(
            (c.code, c.part()),
            ("field_mixup", Some(Part::AppCertificate))
        );
        assert_eq!(c.detail, "the App ID in the certificate's place");
        // The certificate used as the App ID.
        let c = cause_of(&token_with(|p| p[1] = p[2].clone()));
        assert_eq!((c.code, c.part()), ("field_mixup", Some(Part::AppId)));
        assert_eq!(c.detail, "the certificate in the App ID's place");
        // Two swapped is a concatenation in another order: named as such.
        let c = cause_of(&token_with(|p| p.swap(0, 1)));
        assert_eq!(c.code, "concatenation_order");
    }

    #[test]
    fn number_format() {
        for (expected, generated, shown) in [
            ("0010086", "10086", "without its leading zeros: '10086'"),
            ("10086", "10086.0", "as a float: '10086.0'"),
            ("10086", "1.0086E4", "as a Java double: '1.0086E4'"),
        ] {
            let c = account_cause(expected, generated);
            assert_eq!((c.code, c.part()), ("number_format", Some(Part::Account)));
            assert_eq!(c.detail, format!("the account {shown}"));
        }
    }
}
