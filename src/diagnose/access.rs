//! A token of another kind where a SignalingToken belongs: an AccessToken or older
//! DynamicKey (the cause `access_token`, its decoded fields, and the SignalingToken to
//! use instead), or something that only looks like a token (a JWT, bare base64).

use super::request::Request;
use super::search::Cause;
use crate::access_token::{
    self, AccessToken, AccessToken2, Decoded, Field, Privilege, Service, Stop,
};
use crate::checks::{Finding, Marks, Severity};
use crate::expiry;
use crate::policy::Rule;
use crate::token::ParsedToken;
use crate::visible;

/// What every token of another kind is told.
const NOT_A_SIGNALING_TOKEN: &str = "not a SignalingToken: the Signaling login takes only \
    a SignalingToken (1:appId:expiredTime:sign), so the server answers 206";

/// How long the offered SignalingToken is valid when nothing says how long.
const DEFAULT_VALIDITY_HOURS: i64 = 24;

/// Lists longer than this are cut, with the number left out.
const SHOWN: usize = 8;

/// What the diagnosis makes of a token of another kind.
pub(super) struct OtherKind {
    pub findings: Vec<Finding>,
    /// `access_token` for an AccessToken or DynamicKey; none for a look-alike.
    pub cause: Option<Cause>,
    /// The SignalingToken offered in its place.
    pub expected: Option<ParsedToken>,
}

/// The diagnosis of the request's token when it is of another kind; `None` otherwise.
pub(super) fn other_kind(request: &Request) -> Option<OtherKind> {
    let decoded = access_token::recognise(request.client_token)?;
    let severity = match request.settings.rule() {
        Rule::AnyValue => Severity::Note,
        _ => Severity::Error,
    };
    let finding =
        |code, message, why| Finding::new(code, severity, None, message, why, Marks::None);
    let look_alike = match &decoded {
        Decoded::Jwt { alg } => Some((
            "looks_like_jwt",
            match alg {
                Some(alg) => format!("a JWT (alg {})", visible::quote(alg, 24)),
                None => "a JWT (its header names no alg)".to_string(),
            },
        )),
        Decoded::Base64 { bytes } => Some((
            "looks_like_base64",
            format!("bare base64 (it decodes to {bytes} bytes)"),
        )),
        _ => None,
    };
    if let Some((code, what)) = look_alike {
        let message = format!("The token looks like {what}, {NOT_A_SIGNALING_TOKEN}.");
        return Some(OtherKind {
            findings: vec![finding(code, message, String::new())],
            cause: None,
            expected: None,
        });
    }
    let (expected, expiry_words) = offered(request, &decoded);
    let kind = kind_name(&decoded);
    let message = format!(
        "The token is {kind}, {NOT_A_SIGNALING_TOKEN}.{} Use the SignalingToken for these \
         inputs in its place{expiry_words}: {}",
        app_id_differs(request, &decoded),
        expected.to_token()
    );
    let why = format!(
        "decoded without the certificate (the signature cannot be checked): {}",
        fields(&decoded, request.certificate).join("; ")
    );
    Some(OtherKind {
        findings: vec![finding("access_token", message, why)],
        cause: Some(Cause::token(
            "access_token",
            summary(&decoded, request.certificate),
        )),
        expected: Some(expected),
    })
}

/// The SignalingToken for the request's inputs, and which expiry it has, in words: the
/// expected one, else the token's own, else [`DEFAULT_VALIDITY_HOURS`] from now.
fn offered(request: &Request, decoded: &Decoded) -> (ParsedToken, String) {
    let (expired_time, words) = match (request.expected_expiry, decoded.own_expiry()) {
        (Some(e), _) => (e, "with the expected expiry"),
        (None, Some(e)) => (e, "with the token's own expiry"),
        (None, None) => (
            request.now.timestamp() + DEFAULT_VALIDITY_HOURS * 3600,
            "valid for 24 hours from now (the token carries no expiry; sigtoken chose it)",
        ),
    };
    let expected = request.expected_token(expired_time);
    let words = format!(
        ", {words}, {} ({})",
        expiry::format_utc(expired_time),
        expiry::describe_from_now(expired_time, request.now)
    );
    (expected, words)
}

/// " Its App ID … is not the expected …." when the token's App ID is another one.
fn app_id_differs(request: &Request, decoded: &Decoded) -> String {
    let Some(app_id) = decoded.app_id() else {
        return String::new();
    };
    let shown = app_id_text(app_id, request.certificate);
    let expected = app_id_text(request.app_id, request.certificate);
    // A DynamicKey5 holds its App ID as raw bytes: it has no letter case to compare.
    let caseless = matches!(decoded, Decoded::DynamicKey { generation: 5, .. });
    if app_id == request.app_id || (caseless && app_id.eq_ignore_ascii_case(request.app_id)) {
        String::new()
    } else if app_id.eq_ignore_ascii_case(request.app_id) {
        format!(" Its App ID {shown} differs from the expected {expected} in letter case.")
    } else {
        format!(" Its App ID {shown} is not the expected {expected}.")
    }
}

/// An App ID as shown: 32 hex characters as they are (they hold nothing to escape),
/// anything else quoted; never the certificate.
fn app_id_text(app_id: &str, certificate: &str) -> String {
    if !certificate.is_empty() && app_id.eq_ignore_ascii_case(certificate.trim()) {
        "<the certificate, not shown>".to_string()
    } else if app_id.len() == 32 && app_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        app_id.to_string()
    } else {
        format!("\"{}\"", visible::quote(app_id, 40))
    }
}

fn kind_name(decoded: &Decoded) -> String {
    match decoded {
        Decoded::AccessToken(_) => "an AccessToken (006)".to_string(),
        Decoded::AccessToken2(_) => "an AccessToken2 (007)".to_string(),
        Decoded::DynamicKey { generation, .. } => {
            format!("a DynamicKey (00{generation}), an older generation of the AccessToken")
        }
        Decoded::Jwt { .. } | Decoded::Base64 { .. } => "another kind of token".to_string(),
    }
}

/// The cause's detail: the kind, its App ID, when it was issued and what it is for.
fn summary(decoded: &Decoded, certificate: &str) -> String {
    let mut parts = vec![match decoded {
        Decoded::DynamicKey { generation, .. } => format!("a DynamicKey (00{generation})"),
        other => kind_name(other),
    }];
    if let Some(app_id) = decoded.app_id() {
        parts[0].push_str(&format!(" for App ID {}", app_id_text(app_id, certificate)));
    }
    let issued = match decoded {
        Decoded::AccessToken(t) => t.ts,
        Decoded::AccessToken2(t) => t.issue_ts,
        _ => None,
    };
    parts.extend(issued.map(|ts| format!("issued {}", expiry::format_utc(ts.into()))));
    match decoded {
        Decoded::AccessToken(t) => parts.extend(
            t.privileges
                .iter()
                .take(SHOWN)
                .map(|p| name_or_number(access_token::privilege_name_006(p.id), p.id)),
        ),
        Decoded::AccessToken2(t) if t.services.is_empty() => parts.push("no services".into()),
        Decoded::AccessToken2(t) => {
            parts.extend(t.services.iter().take(SHOWN).map(service_summary))
        }
        _ => {}
    }
    if let Some(stop) = stops(decoded).first() {
        parts.push(format!("decoded until {stop}"));
    }
    parts.join(", ")
}

fn service_summary(s: &Service) -> String {
    let name = access_token::service_name(s.kind).unwrap_or("unknown service");
    let privileges: Vec<String> = s
        .privileges
        .iter()
        .take(SHOWN)
        .map(|p| name_or_number(access_token::privilege_name_007(s.kind, p.id), p.id))
        .collect();
    format!("{name} {}", privileges.join(" and "))
        .trim_end()
        .to_string()
}

fn name_or_number(name: Option<&str>, id: u16) -> String {
    name.map_or_else(|| format!("privilege {id}"), str::to_string)
}

fn stops(decoded: &Decoded) -> &[Stop] {
    match decoded {
        Decoded::AccessToken(t) => &t.stops,
        Decoded::AccessToken2(t) => &t.stops,
        _ => &[],
    }
}

/// The decoded fields, one phrase each, in the token's order; then where decoding
/// stopped, if it stopped early.
fn fields(decoded: &Decoded, certificate: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(app_id) = decoded.app_id() {
        out.push(format!("App ID {}", app_id_text(app_id, certificate)));
    }
    match decoded {
        Decoded::AccessToken(t) => fields_006(t, &mut out),
        Decoded::AccessToken2(t) => fields_007(t, &mut out),
        Decoded::DynamicKey { .. } => out.push("nothing else is decoded".into()),
        _ => {}
    }
    let stops: Vec<String> = stops(decoded).iter().map(Stop::to_string).collect();
    if !stops.is_empty() {
        out.push(format!("decoding stopped: {}", stops.join(", then ")));
    }
    out
}

fn fields_006(t: &AccessToken, out: &mut Vec<String>) {
    out.extend(t.signature_len.map(|n| format!("signature {n} bytes")));
    out.extend(t.crc_channel.map(|c| {
        let empty = if c == 0 {
            " (an empty channel name)"
        } else {
            ""
        };
        format!("crc32 of the channel name {c}{empty}")
    }));
    out.extend(t.crc_uid.map(|c| format!("crc32 of the uid {c}")));
    out.extend(t.salt.map(|s| format!("salt {s}")));
    out.extend(t.ts.map(|ts| format!("issued {}", unix_words(ts))));
    if t.salt.is_some() {
        out.push(privileges_words(&t.privileges, |p| {
            let name = name_or_number(access_token::privilege_name_006(p.id), p.id);
            match p.expiry {
                0 => format!("{name} (expiry 0)"),
                e => format!("{name} until {}", unix_words(e)),
            }
        }));
    }
}

fn fields_007(t: &AccessToken2, out: &mut Vec<String>) {
    out.extend(t.signature_len.map(|n| format!("signature {n} bytes")));
    out.extend(t.issue_ts.map(|ts| format!("issued {}", unix_words(ts))));
    out.extend(t.expire.map(|e| match t.own_expiry() {
        Some(until) => format!("expires {} ({e} s after issue)", expiry::format_utc(until)),
        None => format!("expire {e}"),
    }));
    out.extend(t.salt.map(|s| format!("salt {s}")));
    if t.salt.is_some() {
        let shown: Vec<String> = t.services.iter().take(SHOWN).map(service_words).collect();
        out.push(match shown.len() {
            0 => "no services".to_string(),
            _ => format!("services: {}{}", shown.join(" · "), more(t.services.len())),
        });
    }
}

/// "RTM: login (expire 3600), user id \"bob\"".
fn service_words(s: &Service) -> String {
    let name = match access_token::service_name(s.kind) {
        Some(name) => name.to_string(),
        None => format!("service {}", s.kind),
    };
    let mut parts = vec![privileges_words(&s.privileges, |p| {
        let name = name_or_number(access_token::privilege_name_007(s.kind, p.id), p.id);
        format!("{name} (expire {})", p.expiry)
    })];
    parts.extend(s.fields.iter().map(|(field, value)| match value {
        Field::Text(text) if text.is_empty() && *field == "uid" => "uid 0 (empty)".to_string(),
        Field::Text(text) => format!("{field} \"{}\"", visible::quote(text, 64)),
        Field::Int(n) => format!("{field} {n}"),
    }));
    format!("{name}: {}", parts.join(", "))
}

fn privileges_words(privileges: &[Privilege], word: impl Fn(&Privilege) -> String) -> String {
    if privileges.is_empty() {
        return "no privileges".to_string();
    }
    let shown: Vec<String> = privileges.iter().take(SHOWN).map(word).collect();
    format!("privileges: {}{}", shown.join(", "), more(privileges.len()))
}

fn more(total: usize) -> String {
    match total.saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    }
}

fn unix_words(unix: u32) -> String {
    format!("{} ({unix})", expiry::format_utc(unix.into()))
}

#[cfg(test)]
mod tests;
