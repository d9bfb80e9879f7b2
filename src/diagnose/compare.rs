//! The client's token beside the one the expected inputs make: the App ID, the sign and
//! the expiry compared, each difference a finding, and the mistake behind a wrong sign.

use super::control::{Control, Search};
use super::request::Request;
use super::search::{self, Cause, MILLISECONDS_FROM};
use crate::checks::{Finding, Marks, Severity};
use crate::expiry;
use crate::policy::LoginError;
use crate::token::{ParsedToken, Part};

/// A finding of the diagnosis: it has no "why" line and marks no characters.
pub(super) fn finding(
    code: &'static str,
    severity: Severity,
    field: Option<Part>,
    message: impl Into<String>,
) -> Finding {
    Finding::new(code, severity, field, message, "", Marks::None)
}

/// The client's token carries another expiry than the one it should have been given.
/// The server checks the sign against the expiry in the token, so this alone is no
/// reason for a 206: it says when the token stops working.
pub(super) fn expiry_differs(request: &Request, client: &ParsedToken) -> Option<Finding> {
    let meant = request.expected_expiry?;
    (meant != client.expired_time).then(|| {
        finding(
            "expiry_differs",
            Severity::Warning,
            Some(Part::ExpiredTime),
            format!(
                "The token carries the expiry {} ({}), not the expected {} ({}).",
                client.expired_time,
                expiry::format_utc(client.expired_time),
                meant,
                expiry::format_utc(meant)
            ),
        )
    })
}

/// The client's token beside the expected one: what differs, and the mistake behind it.
pub(super) struct Comparison {
    pub(super) findings: Vec<Finding>,
    /// What the server holds against the token, if anything.
    pub(super) error: Option<LoginError>,
    /// The search for the mistake; `NotFound` also when there was nothing to search.
    pub(super) search: Search<Cause>,
}

pub(super) fn compare(
    request: &Request,
    client: &ParsedToken,
    expected: &ParsedToken,
    sign_uppercase: bool,
    control: &Control,
) -> Comparison {
    let mut findings: Vec<Finding> = app_id_mismatch(request, client).into_iter().collect();
    let mut error = (!findings.is_empty()).then_some(LoginError::TokenWrong);
    let mut search = Search::NotFound;
    if client.sign == expected.sign && client.app_id == request.app_id {
        if sign_uppercase {
            findings.push(finding(
                "sign_uppercase",
                Severity::Error,
                None,
                "The sign matches only ignoring case: generators write it in lower case.",
            ));
            error = Some(LoginError::TokenWrong);
        } else if client.expired_time >= MILLISECONDS_FROM {
            let (cause, finding) = milliseconds_in_both(client.expired_time, true);
            findings.push(finding);
            error = Some(LoginError::TokenWrong);
            search = Search::Found(cause);
        } else if let Some((cause, wrapped)) = wrapped_in_both(client.expired_time) {
            findings.push(wrapped);
            error = Some(LoginError::TokenExpired);
            search = Search::Found(cause);
        } else if expiry::is_expired(client.expired_time, request.now) {
            findings.push(finding(
                "expired",
                Severity::Error,
                Some(Part::ExpiredTime),
                format!(
                    "The token is valid but expired at {} ({}).",
                    expiry::format_utc(client.expired_time),
                    expiry::describe_from_now(client.expired_time, request.now)
                ),
            ));
            error = Some(LoginError::TokenExpired);
        }
    } else if client.sign != expected.sign {
        error = Some(LoginError::TokenWrong);
        search =
            search::search_cause(request, client, control).map(|c| swapped(request, client, c));
        if sign_uppercase {
            findings.push(finding(
                "sign_uppercase",
                Severity::Warning,
                None,
                "The sign is written in upper case; generators write it in lower case.",
            ));
        }
        if client.expired_time >= MILLISECONDS_FROM {
            // A 13-digit expiry in the sign and the token is a mistake of its own, beside
            // whatever else made the sign.
            let (in_both, ms_finding) = milliseconds_in_both(client.expired_time, false);
            findings.push(ms_finding);
            search = search.map(|found| match found.code {
                "expiry_milliseconds" => found,
                _ => Cause::combined(found, in_both),
            });
        }
        findings.push(sign_mismatch(&search));
    }
    Comparison {
        findings,
        error,
        search,
    }
}

/// The token's App ID is not the expected one.
/// A token whose sign matches but whose expiry is in milliseconds, in the sign and the
/// token alike. expiredTime is Unix seconds, 10 digits: sigtoken reads the format as
/// the server rejecting 13 or more with 206, never as a token valid for millennia.
fn milliseconds_in_both(unix: i64, sign_matches: bool) -> (Cause, Finding) {
    let digits = unix.to_string().len();
    let cause = Cause::input(
        "expiry_milliseconds",
        Some(Part::ExpiredTime),
        format!(
            "expiry {unix} in both the sign and the token ({digits} digits where the format \
             has 10: milliseconds, or digits appended to the seconds)"
        ),
    );
    let lead = if sign_matches {
        "The sign matches, but the expiry"
    } else {
        "The expiry"
    };
    let finding = finding(
        "expiry_in_milliseconds",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!(
            "{lead} {unix} has {digits} digits where expiredTime, Unix seconds, has 10: \
             milliseconds (read so, {}), or digits appended to the seconds (Node's now + \
             \"3600\"). The token is wrong.",
            expiry::format_utc(unix / 1000)
        ),
    );
    (cause, finding)
}

/// The account and the App ID in each other's place make the bytes of another
/// concatenation order; when the token also carries the account as its App ID, the
/// generator was given them swapped: a mix-up of the two, named so.
fn swapped(request: &Request, client: &ParsedToken, cause: Cause) -> Cause {
    let order = [
        Part::AppId,
        Part::Account,
        Part::AppCertificate,
        Part::ExpiredTime,
    ]
    .map(Part::label)
    .join(" + ");
    if cause.code == "concatenation_order"
        && cause.detail == order
        && client.app_id == request.account
        && !request.account.is_empty()
    {
        let account = crate::visible::quote(request.account, 40);
        let detail = format!(
            "the account and the App ID swapped: the token carries the account '{account}' as its App ID"
        );
        return Cause::input("field_mixup", Some(Part::AppId), detail);
    }
    cause
}

/// A token whose sign matches but whose expiry is negative: a 32-bit signed generator
/// (Java, C#, C++) wrapped an expiry past 2038 in the sign and the token alike.
fn wrapped_in_both(unix: i64) -> Option<(Cause, Finding)> {
    let meant = unix + (1 << 32);
    if !(i64::from(i32::MIN)..0).contains(&unix) {
        return None;
    }
    let cause = Cause::input(
        "expiry_wrapped",
        Some(Part::ExpiredTime),
        format!(
            "expiry {unix} in both the sign and the token: {meant} ({}) wrapped to a signed \
             32-bit integer (Java, C#, C++)",
            expiry::format_utc(meant)
        ),
    );
    let finding = finding(
        "expiry_wrapped_in_both",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!(
            "The sign matches, but the expiry {unix} is negative: {meant} wrapped to 32 bits. \
             A server that reads it as a time in {} answers 204; one that refuses a negative \
             expiry answers 206. sigtoken cannot know which; either way the login fails.",
            expiry::format_utc(unix)
        ),
    );
    Some((cause, finding))
}

pub(super) fn app_id_mismatch(request: &Request, client: &ParsedToken) -> Option<Finding> {
    // Shown as written, escape codes made visible; a certificate among them is hidden by
    // `diagnose_with`, so a lower-case App ID is never mistaken for one.
    let shown = |id: &str| crate::visible::escape_line(&id.chars().take(40).collect::<String>());
    if client.app_id == request.app_id {
        None
    } else if client.app_id.eq_ignore_ascii_case(request.app_id) {
        Some(finding(
            "app_id_case_mismatch",
            Severity::Error,
            Some(Part::AppId),
            format!(
                "The token's App ID {} differs from {} only in letter case: it is hashed as written, so the token is wrong.",
                shown(&client.app_id),
                shown(request.app_id)
            ),
        ))
    } else {
        Some(finding(
            "app_id_mismatch",
            Severity::Error,
            Some(Part::AppId),
            format!(
                "The token was made for App ID {}, not {}.",
                shown(&client.app_id),
                shown(request.app_id)
            ),
        ))
    }
}

/// The sign differs: with the mistake that made it, if the search found one.
pub(super) fn sign_mismatch(search: &Search<Cause>) -> Finding {
    match search {
        Search::Found(c) => finding(
            "sign_mismatch",
            Severity::Error,
            c.part(),
            format!(
                "The sign does not match the expected inputs; it was made with {}.",
                c.detail
            ),
        ),
        Search::Cancelled => finding(
            "sign_mismatch",
            Severity::Error,
            None,
            "The sign does not match the expected inputs; the search for the mistake was cancelled.",
        ),
        Search::NotFound => finding(
            "sign_mismatch",
            Severity::Error,
            None,
            "The sign does not match, and no known mistake reproduces it: check that the certificate \
             is the right one, the account, and the generator's algorithm.",
        ),
    }
}

/// Expected inputs that cannot be right make every comparison moot: say so.
pub(super) fn expected_inputs_warnings(request: &Request) -> impl Iterator<Item = Finding> {
    crate::checks::check_app_id(request.app_id)
        .into_iter()
        .chain(crate::checks::check_certificate(request.certificate))
        .chain(crate::checks::check_pair(
            request.app_id,
            request.certificate,
        ))
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            finding(
                f.code,
                Severity::Warning,
                f.field,
                format!(
                    "The expected {}: check the inputs.",
                    crate::checks::mid_sentence(&f.message)
                ),
            )
        })
}
