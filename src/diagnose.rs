//! Diagnosis of a failing login: what the server answers to a client's token, why,
//! and which mistake produced it. Pure: no I/O, "now" is passed in, and the long
//! searches can report progress and be cancelled through [`Control`].

use crate::checks::Severity;
use crate::expiry;
use crate::policy::{LoginError, NO_NEED_TOKEN, Outcome, ProjectSettings, Rule};
use crate::token::{self, ParsedToken, Part, PrefixHasher, Sign, TokenParseError, parse_token};
use chrono::{DateTime, Utc};
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use unicode_normalization::UnicodeNormalization;

/// What the support engineer knows.
#[derive(Clone)]
pub struct Request<'a> {
    /// The token the failing client sent, exactly as it was sent.
    pub client_token: &'a str,
    pub app_id: &'a str,
    pub account: &'a str,
    pub certificate: &'a str,
    pub settings: ProjectSettings,
    pub now: DateTime<Utc>,
    /// Other certificates the client's generator may have used.
    pub candidate_certificates: &'a [String],
    /// Other accounts the client may have logged in with.
    pub candidate_accounts: &'a [String],
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("client_token", &self.client_token)
            .field("app_id", &self.app_id)
            .field("account", &self.account)
            .field("certificate", &"<redacted>")
            .field("settings", &self.settings)
            .field("now", &self.now)
            .field("candidate_certificates", &self.candidate_certificates.len())
            .field("candidate_accounts", &self.candidate_accounts.len())
            .finish()
    }
}

/// An owned diagnosis request, to hand to another thread.
#[derive(Clone, PartialEq, Eq)]
pub struct Job {
    pub client_token: String,
    pub app_id: String,
    pub account: String,
    pub certificate: String,
    pub settings: ProjectSettings,
    pub now: DateTime<Utc>,
}

impl Drop for Job {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.certificate);
    }
}

impl Job {
    pub fn request(&self) -> Request<'_> {
        Request {
            client_token: &self.client_token,
            app_id: &self.app_id,
            account: &self.account,
            certificate: &self.certificate,
            settings: self.settings,
            now: self.now,
            candidate_certificates: &[],
            candidate_accounts: &[],
        }
    }
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.request().fmt(f)
    }
}

/// One thing the diagnosis found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub field: Option<Part>,
    pub message: String,
}

/// The mistake that reproduces the client's sign exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    pub code: &'static str,
    /// The input the mistake is in; `None` for the order of all of them.
    pub field: Option<Part>,
    /// The concrete variant, e.g. `certificate + '\n'` or `expiry 2592000 instead of 1546271999`.
    pub detail: String,
}

/// Every cause code, in the order they are tried.
pub const CAUSE_CODES: [&str; 10] = [
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
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// What the server answers.
    pub outcome: Outcome,
    /// The client's token, parsed, or why it cannot be.
    pub parsed: Result<ParsedToken, TokenParseError>,
    /// The token the expected inputs make with the client token's expiry.
    pub expected_token: Option<String>,
    pub findings: Vec<Finding>,
    pub cause: Option<Cause>,
    /// True when the search was cancelled before it finished.
    pub cancelled: bool,
}

impl Report {
    pub fn error(&self) -> Option<LoginError> {
        match self.outcome {
            Outcome::Accepted => None,
            Outcome::Rejected(e) => Some(e),
        }
    }
}

/// Progress and cancellation for a search running on another thread.
#[derive(Debug, Default)]
pub struct Control {
    cancelled: AtomicBool,
    /// Candidates tried so far.
    tried: AtomicU64,
    /// Candidates the whole search will try.
    total: AtomicU64,
}

impl Control {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `(tried, total)`.
    pub fn progress(&self) -> (u64, u64) {
        (
            self.tried.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    fn add(&self, n: u64) {
        self.tried.fetch_add(n, Ordering::Relaxed);
    }
}

/// The expiry searches: every second up to two days, every minute up to 400 days,
/// and ±1 day around the embedded expiry.
pub const DURATION_SECONDS_UP_TO: i64 = 2 * 86_400;
pub const DURATION_MINUTES_UP_TO: i64 = 400 * 86_400;
pub const MISMATCH_WINDOW: i64 = 86_400;

/// Candidates the default search tries for one diagnosis (without candidate files).
pub fn default_search_size() -> u64 {
    let seconds = DURATION_SECONDS_UP_TO as u64;
    let minutes = ((DURATION_MINUTES_UP_TO - DURATION_SECONDS_UP_TO) / 60) as u64;
    seconds + minutes + 2 * MISMATCH_WINDOW as u64 + 72
}

/// Runs a diagnosis to the end.
pub fn diagnose(request: &Request) -> Report {
    diagnose_with(request, &Control::default())
}

/// Runs a diagnosis, reporting progress to and obeying `control`.
pub fn diagnose_with(request: &Request, control: &Control) -> Report {
    let rule = request.settings.rule();
    let mut findings = Vec::new();
    let mut finding = |code, severity, field, message: String| {
        findings.push(Finding {
            code,
            severity,
            field,
            message,
        })
    };
    let token = request.client_token;

    if rule == Rule::AnyValue {
        finding(
            "certificate_not_enabled",
            Severity::Note,
            None,
            "The App Certificate is not enabled: the server accepts any value as the token.".into(),
        );
    }
    if token == NO_NEED_TOKEN {
        let outcome = rule.no_need_token_outcome();
        match rule {
            Rule::TokenOrNoNeedToken => finding(
                "no_need_token_accepted",
                Severity::Note,
                None,
                "_no_need_token is accepted: the Token Debugging Switch is on (test environments only).".into(),
            ),
            Rule::TokenOnly => finding(
                "no_need_token_rejected",
                Severity::Error,
                None,
                "_no_need_token is rejected with 206 LOGIN_E_TOKENWRONG: the Token Debugging Switch is off. \
                 Turn it on for testing, or send a real token."
                    .into(),
            ),
            Rule::AnyValue => {}
        }
        return Report {
            outcome,
            parsed: parse_token(token),
            expected_token: None,
            findings,
            cause: None,
            cancelled: false,
        };
    }

    // Parse; an upper-case sign is read on, since it may still match but for case.
    let (parsed, sign_uppercase) = match parse_token(token) {
        Err(TokenParseError::SignUpperCase) => {
            let lowered = format!(
                "{}{}",
                &token[..token.len() - 32],
                token[token.len() - 32..].to_ascii_lowercase()
            );
            (parse_token(&lowered), true)
        }
        other => (other, false),
    };
    let verdict = |error: Option<LoginError>| match (rule, error) {
        (Rule::AnyValue, _) | (_, None) => Outcome::Accepted,
        (_, Some(e)) => Outcome::Rejected(e),
    };
    let p = match &parsed {
        Ok(p) => p.clone(),
        Err(e) => {
            let (code, message) = match e {
                TokenParseError::BadVersion { .. } => (
                    "unsupported_version",
                    format!("The token's version is not supported: {e}."),
                ),
                _ => ("malformed_token", format!("The token is malformed: {e}.")),
            };
            let severity = if rule == Rule::AnyValue {
                Severity::Note
            } else {
                Severity::Error
            };
            finding(code, severity, None, message);
            return Report {
                outcome: verdict(Some(LoginError::TokenWrong)),
                parsed: parse_token(token),
                expected_token: None,
                findings,
                cause: None,
                cancelled: false,
            };
        }
    };

    let expected_sign = token::Inputs::new(
        request.app_id,
        request.certificate,
        request.account,
        p.expired_time,
    )
    .sign();
    let expected_token = token::format_token(request.app_id, p.expired_time, &expected_sign);

    let mut error = None;
    if p.app_id != request.app_id {
        if p.app_id.eq_ignore_ascii_case(request.app_id) {
            finding(
                "app_id_case_mismatch",
                Severity::Error,
                Some(Part::AppId),
                format!(
                    "The token's App ID {} differs from {} only in letter case: it is hashed as written, so the token is wrong.",
                    p.app_id, request.app_id
                ),
            );
        } else {
            finding(
                "app_id_mismatch",
                Severity::Error,
                Some(Part::AppId),
                format!(
                    "The token was made for App ID {}, not {}.",
                    crate::visible::quote(&p.app_id, 40),
                    request.app_id
                ),
            );
        }
        error = Some(LoginError::TokenWrong);
    }

    let mut cause = None;
    let mut cancelled = false;
    if p.sign == expected_sign && p.app_id == request.app_id {
        if sign_uppercase {
            finding(
                "sign_uppercase",
                Severity::Error,
                None,
                "The sign matches only ignoring case: generators write it in lower case.".into(),
            );
            error = Some(LoginError::TokenWrong);
        } else if expiry::is_expired(p.expired_time, request.now) {
            finding(
                "expired",
                Severity::Error,
                Some(Part::ExpiredTime),
                format!(
                    "The token is valid but expired at {} ({}).",
                    expiry::format_utc(p.expired_time),
                    expiry::describe_from_now(p.expired_time, request.now)
                ),
            );
            error = Some(LoginError::TokenExpired);
        }
    } else if p.sign != expected_sign {
        error = Some(LoginError::TokenWrong);
        let search = search_cause(request, &p, control);
        cancelled = search.is_none() && control.is_cancelled();
        cause = search.flatten();
        if sign_uppercase {
            finding(
                "sign_uppercase",
                Severity::Warning,
                None,
                "The sign is written in upper case; generators write it in lower case.".into(),
            );
        }
        match &cause {
            Some(c) => finding(
                "sign_mismatch",
                Severity::Error,
                c.field,
                format!("The sign does not match the expected inputs; it was made with {}.", c.detail),
            ),
            None if cancelled => finding(
                "sign_mismatch",
                Severity::Error,
                None,
                "The sign does not match the expected inputs; the search for the mistake was cancelled.".into(),
            ),
            None => finding(
                "sign_mismatch",
                Severity::Error,
                None,
                "The sign does not match, and no known mistake reproduces it: check that the certificate \
                 is the right one (and enabled an hour ago), the account, and the generator's algorithm."
                    .into(),
            ),
        }
    }
    if error.is_none() && rule != Rule::AnyValue {
        finding(
            "valid",
            Severity::Note,
            None,
            format!(
                "The token is valid until {} ({}).",
                expiry::format_utc(p.expired_time),
                expiry::describe_from_now(p.expired_time, request.now)
            ),
        );
    }
    // Expected inputs that cannot be right make every comparison moot: say so.
    for f in crate::checks::check_app_id(request.app_id)
        .into_iter()
        .chain(crate::checks::check_certificate(request.certificate))
        .filter(|f| f.severity == Severity::Error)
    {
        finding(
            f.code,
            Severity::Warning,
            f.field,
            format!(
                "The expected {}: check the inputs.",
                lower_first(&f.message)
            ),
        );
    }
    if rule == Rule::AnyValue {
        // Nothing fails while the certificate is off: what would fail is only a note.
        for f in &mut findings {
            f.severity = Severity::Note;
        }
    }
    Report {
        outcome: verdict(error),
        parsed,
        expected_token: Some(expected_token),
        findings,
        cause,
        cancelled,
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if text.starts_with("App") => format!("{c}{}", chars.as_str()),
        Some(c) => format!("{}{}", c.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The inputs as byte strings, so that a variant can be any bytes (Latin-1, say).
#[derive(Clone)]
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

    fn sign(&self) -> Sign {
        token::sign_of(&self.ordered())
    }

    fn with(&self, part: Part, value: Vec<u8>) -> Parts {
        let mut p = self.clone();
        match part {
            Part::Account => p.account = value,
            Part::AppId => p.app_id = value,
            Part::AppCertificate => p.certificate = value,
            Part::ExpiredTime => p.expiry = value,
        }
        p
    }
}

fn part_value<'a>(request: &Request<'a>, part: Part) -> &'a str {
    match part {
        Part::Account => request.account,
        Part::AppId => request.app_id,
        Part::AppCertificate => request.certificate,
        Part::ExpiredTime => "",
    }
}

fn name(part: Part) -> &'static str {
    match part {
        Part::Account => "account",
        Part::AppId => "App ID",
        Part::AppCertificate => "certificate",
        Part::ExpiredTime => "expiry",
    }
}

/// Searches for the mistake. `None` when cancelled; `Some(None)` when nothing matched.
fn search_cause(request: &Request, p: &ParsedToken, control: &Control) -> Option<Option<Cause>> {
    control.total.store(
        default_search_size()
            + request.candidate_certificates.len() as u64
            + request.candidate_accounts.len() as u64,
        Ordering::Relaxed,
    );
    let target = p.sign;
    let base = Parts {
        account: request.account.as_bytes().to_vec(),
        app_id: request.app_id.as_bytes().to_vec(),
        certificate: request.certificate.as_bytes().to_vec(),
        expiry: p.expired_time.to_string().into_bytes(),
    };
    let found = |code, field, detail: String| {
        Some(Some(Cause {
            code,
            field,
            detail,
        }))
    };

    // whitespace: a stray newline, CR, space or tab at either end, or trimmed.
    let embedded_text = p.expired_time.to_string();
    for part in [
        Part::AppCertificate,
        Part::Account,
        Part::AppId,
        Part::ExpiredTime,
    ] {
        let value = match part {
            Part::ExpiredTime => embedded_text.as_str(),
            _ => part_value(request, part),
        };
        let mut variants: Vec<(String, String)> = Vec::new();
        for (ws, shown) in [
            ("\n", "'\\n'"),
            ("\r\n", "'\\r\\n'"),
            ("\r", "'\\r'"),
            (" ", "' '"),
            ("\t", "'\\t'"),
        ] {
            variants.push((format!("{value}{ws}"), format!("{} + {shown}", name(part))));
            variants.push((format!("{ws}{value}"), format!("{shown} + {}", name(part))));
        }
        let trimmed = value.trim();
        if trimmed != value {
            variants.push((
                trimmed.to_string(),
                format!("the {} trimmed of its whitespace", name(part)),
            ));
        }
        for (variant, detail) in variants {
            if base.with(part, variant.into_bytes()).sign() == target {
                return found("whitespace", Some(part), detail);
            }
        }
    }
    control.add(40);

    // letter_case: the App ID or certificate in the other case.
    for part in [Part::AppId, Part::AppCertificate] {
        let value = part_value(request, part);
        for (variant, how) in [
            (value.to_ascii_lowercase(), "lower"),
            (value.to_ascii_uppercase(), "upper"),
        ] {
            if variant != value && base.with(part, variant.into_bytes()).sign() == target {
                return found(
                    "letter_case",
                    Some(part),
                    format!("the {} in {how} case", name(part)),
                );
            }
        }
    }

    // unicode_normalization: the account in the other form.
    for (variant, form) in [
        (request.account.nfc().collect::<String>(), "NFC"),
        (request.account.nfd().collect::<String>(), "NFD"),
    ] {
        if variant != request.account
            && base.with(Part::Account, variant.into_bytes()).sign() == target
        {
            return found(
                "unicode_normalization",
                Some(Part::Account),
                format!("the account in Unicode {form}"),
            );
        }
    }

    // non_utf8_charset: a Java server whose default charset is not UTF-8.
    if !request.account.is_ascii() {
        let questioned: Vec<u8> = request
            .account
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect();
        if base.with(Part::Account, questioned).sign() == target {
            return found(
                "non_utf8_charset",
                Some(Part::Account),
                "the account's non-ASCII characters as '?' (a Java server whose default charset is not UTF-8)".into(),
            );
        }
        let latin1: Option<Vec<u8>> = request
            .account
            .chars()
            .map(|c| u8::try_from(u32::from(c)).ok())
            .collect();
        if let Some(latin1) = latin1
            && base.with(Part::Account, latin1).sign() == target
        {
            return found(
                "non_utf8_charset",
                Some(Part::Account),
                "the account encoded as ISO-8859-1 (a Java server with a Latin-1 default charset)"
                    .into(),
            );
        }
    }
    control.add(32);

    // concatenation_order: the four parts in any other order.
    let parts = base.ordered();
    let names = ["account", "appId", "appCertificate", "expiredTime"];
    for order in permutations() {
        if order == [0, 1, 2, 3] {
            continue;
        }
        let bytes: Vec<&[u8]> = order.iter().map(|&i| parts[i]).collect();
        if token::sign_of(&bytes) == target {
            let shown: Vec<&str> = order.iter().map(|&i| names[i]).collect();
            return found("concatenation_order", None, shown.join(" + "));
        }
    }

    // The expiry searches reuse the MD5 state of the fixed prefix.
    let prefix = PrefixHasher::new(&[&base.account, &base.app_id, &base.certificate]);
    let embedded = p.expired_time;
    let check_range = |values: &mut dyn Iterator<Item = i64>| -> Option<Option<i64>> {
        if control.is_cancelled() {
            return None;
        }
        let mut n = 0u64;
        for v in values {
            if prefix.sign_with_expiry(v) == target {
                control.add(n);
                return Some(Some(v));
            }
            n += 1;
            if n.is_multiple_of(4096) {
                control.add(4096);
                n = 0;
                if control.is_cancelled() {
                    return None;
                }
            }
        }
        control.add(n);
        Some(None)
    };

    // expiry_as_duration: seconds valid where the absolute time belongs.
    let mut durations = (1..=DURATION_SECONDS_UP_TO)
        .chain((DURATION_SECONDS_UP_TO / 60 + 1..=DURATION_MINUTES_UP_TO / 60).map(|m| m * 60));
    if let Some(d) = check_range(&mut durations)? {
        return found(
            "expiry_as_duration",
            Some(Part::ExpiredTime),
            format!(
                "expiry {d} ({}, a duration) instead of {embedded}",
                expiry::human_duration(d as u128)
            ),
        );
    }

    // expiry_mismatch: a generator that read the clock twice.
    let mut window = (1..=MISMATCH_WINDOW)
        .flat_map(|k| [embedded.saturating_sub(k), embedded.saturating_add(k)]);
    if let Some(v) = check_range(&mut window)? {
        return found(
            "expiry_mismatch",
            Some(Part::ExpiredTime),
            format!(
                "expiry {v} instead of {embedded} ({} {})",
                expiry::human_duration((v - embedded).unsigned_abs() as u128),
                if v < embedded { "earlier" } else { "later" }
            ),
        );
    }

    // expiry_wrapped: 32-bit generators.
    let wraps = [
        (
            embedded as i32 as i64,
            "a 32-bit signed wrap (Java, C#, C++)",
        ),
        (embedded as u32 as i64, "a 32-bit unsigned wrap (Go)"),
        (embedded.wrapping_add(1 << 32), "the unwrapped value"),
        (embedded.wrapping_sub(1 << 32), "the unwrapped value"),
    ];
    for (v, how) in wraps {
        if v != embedded && prefix.sign_with_expiry(v) == target {
            return found(
                "expiry_wrapped",
                Some(Part::ExpiredTime),
                format!("expiry {v} instead of {embedded}: {how}"),
            );
        }
    }

    // other_certificate: each candidate, with the embedded expiry, on every core.
    let account_app = PrefixHasher::new(&[&base.account, &base.app_id]);
    let certs = request.candidate_certificates;
    let hit = parallel_find(certs.len(), control, |i| {
        let mut buf = Vec::with_capacity(certs[i].len() + base.expiry.len());
        buf.extend_from_slice(certs[i].as_bytes());
        buf.extend_from_slice(&base.expiry);
        account_app.sign_with_suffix(&buf) == target
    })?;
    if let Some(i) = hit {
        return found(
            "other_certificate",
            Some(Part::AppCertificate),
            format!(
                "candidate certificate #{} (line {}), fingerprint {}",
                i + 1,
                i + 1,
                fingerprint(&certs[i])
            ),
        );
    }

    // other_account: each candidate; the account comes first, so no prefix to reuse.
    let suffix = [&base.app_id[..], &base.certificate, &base.expiry].concat();
    let accounts = request.candidate_accounts;
    let hit = parallel_find(accounts.len(), control, |i| {
        token::sign_of(&[accounts[i].as_bytes(), &suffix]) == target
    })?;
    if let Some(i) = hit {
        return found(
            "other_account",
            Some(Part::Account),
            format!(
                "the account '{}' (candidate line {})",
                crate::visible::quote(&accounts[i], 60),
                i + 1
            ),
        );
    }
    Some(None)
}

/// A short name for a certificate, so two people can compare theirs without showing
/// them: the first 8 hex characters of its SHA-256, as
/// `printf %s "$CERT" | sha256sum | cut -c1-8` prints it.
pub fn fingerprint(certificate: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(certificate.as_bytes())[..4])
}

/// The first index in `0..n` for which `test` holds, searched on every core.
/// `None` when cancelled.
fn parallel_find(
    n: usize,
    control: &Control,
    test: impl Fn(usize) -> bool + Sync,
) -> Option<Option<usize>> {
    use std::sync::atomic::AtomicUsize;
    if n == 0 {
        return Some(None);
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(n.div_ceil(4096))
        .max(1);
    let chunk = n.div_ceil(threads);
    let best = AtomicUsize::new(usize::MAX);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (best, test) = (&best, &test);
            scope.spawn(move || {
                let range = t * chunk..((t + 1) * chunk).min(n);
                let mut since = 0u64;
                for i in range {
                    // Another thread found an earlier one, or the user gave up.
                    if i > best.load(Ordering::Relaxed) {
                        break;
                    }
                    if test(i) {
                        best.fetch_min(i, Ordering::Relaxed);
                        break;
                    }
                    since += 1;
                    if since == 4096 {
                        control.add(since);
                        since = 0;
                        if control.is_cancelled() {
                            break;
                        }
                    }
                }
                control.add(since);
            });
        }
    });
    if control.is_cancelled() {
        return None;
    }
    let best = best.into_inner();
    Some((best != usize::MAX).then_some(best))
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
    use super::*;
    use crate::token::{Inputs, worked_example as ex};

    fn now() -> DateTime<Utc> {
        expiry::parse_now("2018-12-31T00:00:00Z").unwrap()
    }

    fn request<'a>(client_token: &'a str) -> Request<'a> {
        Request {
            client_token,
            app_id: ex::APP_ID,
            account: ex::ACCOUNT,
            certificate: ex::APP_CERTIFICATE,
            settings: ProjectSettings::default(),
            now: now(),
            candidate_certificates: &[],
            candidate_accounts: &[],
        }
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
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
    fn a_valid_token_is_accepted() {
        let report = diagnose(&request(&ex::inputs().token()));
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(codes(&report), ["valid"]);
        assert_eq!(
            report.expected_token.as_deref(),
            Some(ex::inputs().token().as_str())
        );
    }

    #[test]
    fn an_expired_valid_token_gets_204() {
        let mut r = request("");
        let token = ex::inputs().token();
        r.client_token = &token;
        r.now = expiry::parse_now("2019-01-01T00:00:00Z").unwrap();
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenExpired));
        assert_eq!(codes(&report), ["expired"]);
    }

    #[test]
    fn no_need_token_follows_the_switch() {
        let mut r = request(NO_NEED_TOKEN);
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert_eq!(codes(&report), ["no_need_token_rejected"]);
        r.settings.debug_switch = true;
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(codes(&report), ["no_need_token_accepted"]);
    }

    #[test]
    fn anything_is_accepted_without_a_certificate() {
        for token in [
            NO_NEED_TOKEN,
            "",
            "garbage",
            "1:x:1:00000000000000000000000000000000",
        ] {
            let mut r = request(token);
            r.settings.certificate_enabled = false;
            let report = diagnose(&r);
            assert_eq!(report.outcome, Outcome::Accepted, "{token:?}");
            assert!(codes(&report).contains(&"certificate_not_enabled"));
        }
    }

    #[test]
    fn malformed_tokens_are_named_precisely() {
        for (token, code, words) in [
            ("", "malformed_token", "empty"),
            ("1:abc", "malformed_token", "4 fields"),
            (
                "2:A:1:2d572d6e3a75ebde5a06626f40fe9684",
                "unsupported_version",
                "'1'",
            ),
            (
                "1:A:x:2d572d6e3a75ebde5a06626f40fe9684",
                "malformed_token",
                "base-10",
            ),
            ("1:A:1:2d57", "malformed_token", "32 hex"),
        ] {
            let report = diagnose(&request(token));
            assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
            assert_eq!(codes(&report), [code], "{token:?}");
            assert!(
                report.findings[0].message.contains(words),
                "{}",
                report.findings[0].message
            );
        }
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
    fn expected_inputs_that_cannot_be_right_are_named() {
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let r = Request {
            certificate: "",
            ..request(&token)
        };
        let report = diagnose(&r);
        assert!(
            codes(&report).contains(&"certificate_empty"),
            "{:?}",
            codes(&report)
        );
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
    fn the_earliest_candidate_wins_across_threads() {
        let control = Control::default();
        let found = parallel_find(100_000, &control, |i| i % 7_000 == 6_999);
        assert_eq!(found, Some(Some(6_999)));
        assert_eq!(parallel_find(10, &control, |_| false), Some(None));
        assert_eq!(parallel_find(0, &control, |_| true), Some(None));
        control.cancel();
        assert_eq!(parallel_find(100_000, &control, |_| false), None);
    }

    #[test]
    fn app_id_mismatches() {
        let token = Inputs::new(
            ex::APP_ID.to_lowercase(),
            ex::APP_CERTIFICATE,
            ex::ACCOUNT,
            ex::EXPIRED_TIME,
        )
        .token();
        let report = diagnose(&request(&token));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert!(
            codes(&report).contains(&"app_id_case_mismatch"),
            "{:?}",
            codes(&report)
        );
        let token = Inputs::new(
            "0123456789ABCDEF0123456789ABCDEF",
            ex::APP_CERTIFICATE,
            ex::ACCOUNT,
            ex::EXPIRED_TIME,
        )
        .token();
        assert!(codes(&diagnose(&request(&token))).contains(&"app_id_mismatch"));
    }

    #[test]
    fn sign_uppercase() {
        let token = ex::inputs().token();
        let upper = format!(
            "{}{}",
            &token[..token.len() - 32],
            token[token.len() - 32..].to_uppercase()
        );
        let report = diagnose(&request(&upper));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        assert_eq!(codes(&report), ["sign_uppercase"]);
    }

    #[test]
    fn no_cause_found_is_sign_mismatch() {
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let report = diagnose(&request(&token));
        assert_eq!(report.cause, None);
        assert_eq!(codes(&report), ["sign_mismatch"]);
        assert!(report.findings[0].message.contains("no known mistake"));
    }

    #[test]
    fn a_cancelled_search_says_so() {
        let control = Control::default();
        control.cancel();
        let token = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
        let report = diagnose_with(&request(&token), &control);
        assert!(report.cancelled);
        assert!(report.findings[0].message.contains("cancelled"));
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

    #[test]
    fn debug_hides_the_certificate() {
        let dump = format!("{:?}", request("x"));
        assert!(!dump.contains(ex::APP_CERTIFICATE));
    }
}
