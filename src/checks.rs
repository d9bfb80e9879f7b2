//! Input checks: the mistakes that look right but make a 206 (or a 204). Each check is
//! a pure function over the inputs exactly as typed. Findings never quote the App
//! Certificate: they name positions and kinds of characters only.

use crate::expiry::{self, Expiry, Form};
use crate::token::{Inputs, Part, worked_example};
use crate::visible;
use chrono::{DateTime, Utc};
use std::fmt;
use unicode_normalization::{is_nfc, is_nfd};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which characters of the field a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marks {
    None,
    /// The whole value.
    Whole,
    /// These `char` indices of the value.
    Chars(Vec<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable identifier, e.g. `certificate_whitespace`.
    pub code: &'static str,
    pub severity: Severity,
    /// The input it concerns; `None` for all of them together.
    pub field: Option<Part>,
    /// What is wrong, in one line.
    pub message: String,
    /// Why it matters, in one line.
    pub why: String,
    pub marks: Marks,
}

impl Finding {
    pub fn new(
        code: &'static str,
        severity: Severity,
        field: Option<Part>,
        message: impl Into<String>,
        why: impl Into<String>,
        marks: Marks,
    ) -> Finding {
        Finding {
            code,
            severity,
            field,
            message: message.into(),
            why: why.into(),
            marks,
        }
    }
}

/// The name of a field as the console shows it.
pub fn field_name(part: Option<Part>) -> &'static str {
    match part {
        Some(Part::AppId) => "App ID",
        Some(Part::AppCertificate) => "App Certificate",
        Some(Part::Account) => "Account",
        Some(Part::ExpiredTime) => "Expiry",
        None => "All inputs",
    }
}

/// Sorts findings: errors first, then by field in hashing order.
pub fn sort(findings: &mut [Finding]) {
    let field_rank = |f: &Finding| f.field.map_or(4, |p| p as usize);
    findings.sort_by_key(|f| (f.severity, field_rank(f)));
}

fn ordinal_positions(indices: &[usize]) -> String {
    let shown: Vec<String> = indices
        .iter()
        .take(4)
        .map(|i| (i + 1).to_string())
        .collect();
    let more = if indices.len() > 4 {
        format!(" and {} more", indices.len() - 4)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// Checks for the App ID and the certificate: 32 hex characters in the console's case.
fn hex32(part: Part, value: &str) -> Vec<Finding> {
    let name = field_name(Some(part));
    let (prefix, upper) = match part {
        Part::AppId => ("app_id", true),
        _ => ("certificate", false),
    };
    let code = |suffix: &str| -> &'static str {
        match (prefix, suffix) {
            ("app_id", "empty") => "app_id_empty",
            ("app_id", "length") => "app_id_length",
            ("app_id", "whitespace") => "app_id_whitespace",
            ("app_id", "invisible") => "app_id_invisible",
            ("app_id", "not_hex") => "app_id_not_hex",
            ("app_id", _) => "app_id_case",
            (_, "empty") => "certificate_empty",
            (_, "length") => "certificate_length",
            (_, "whitespace") => "certificate_whitespace",
            (_, "invisible") => "certificate_invisible",
            (_, "not_hex") => "certificate_not_hex",
            _ => "certificate_case",
        }
    };
    let mut out = Vec::new();
    if value.is_empty() {
        out.push(Finding::new(
            code("empty"),
            Severity::Error,
            Some(part),
            format!("{name} is empty"),
            format!("the console issues a 32-character {name}; the token needs it"),
            Marks::None,
        ));
        return out;
    }
    let chars: Vec<char> = value.chars().collect();
    if chars.len() != 32 {
        out.push(Finding::new(
            code("length"),
            Severity::Error,
            Some(part),
            format!("{name} has {} characters, not 32", chars.len()),
            format!("every {name} the console issues has exactly 32 hex characters"),
            Marks::Whole,
        ));
    }
    out.extend(whitespace_findings(
        part,
        &chars,
        code("whitespace"),
        code("invisible"),
        Severity::Error,
    ));
    let not_hex: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_ascii_hexdigit() && !c.is_whitespace() && !is_hidden(**c))
        .map(|(i, _)| i)
        .collect();
    if !not_hex.is_empty() {
        // The App ID is not secret: name the characters. The certificate is: only positions.
        let what = if part == Part::AppId {
            let shown: String = not_hex.iter().take(4).map(|&i| chars[i]).collect();
            format!(" ('{}')", shown.escape_debug())
        } else {
            String::new()
        };
        out.push(Finding::new(
            code("not_hex"),
            Severity::Error,
            Some(part),
            format!(
                "{name} has characters that are not hex at position {}{what}",
                ordinal_positions(&not_hex)
            ),
            "a copy-paste picked up something else: compare with the console".to_string(),
            Marks::Chars(not_hex),
        ));
    }
    let wrong_case: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.is_ascii_hexdigit()
                && if upper {
                    c.is_ascii_lowercase()
                } else {
                    c.is_ascii_uppercase()
                }
        })
        .map(|(i, _)| i)
        .collect();
    if !wrong_case.is_empty() {
        let (shown, other) = if upper {
            ("upper", "lower")
        } else {
            ("lower", "upper")
        };
        out.push(Finding::new(
            code("case"),
            Severity::Warning,
            Some(part),
            format!("{name} has {other}-case letters; the console shows it in {shown} case"),
            "the hash uses the exact case: a token made with the other case is a different token",
            Marks::Chars(wrong_case),
        ));
    }
    out
}

/// Control and invisible characters, which no one types on purpose.
fn is_hidden(c: char) -> bool {
    c.is_control() || visible::is_invisible(c)
}

/// Whitespace at the ends, whitespace inside, and invisible or control characters.
/// For the account, plain spaces and control characters have checks of their own, so
/// only the other kinds are reported here.
fn whitespace_findings(
    part: Part,
    chars: &[char],
    whitespace_code: &'static str,
    invisible_code: &'static str,
    severity: Severity,
) -> Vec<Finding> {
    let name = field_name(Some(part));
    let account = part == Part::Account;
    let mut out = Vec::new();
    let last = chars.len().saturating_sub(1);
    let at_edge = |i: usize| i == 0 || i == last;
    let positions = |keep: &dyn Fn(usize, char) -> bool| -> Vec<usize> {
        chars
            .iter()
            .enumerate()
            .filter(|(i, c)| keep(*i, **c))
            .map(|(i, _)| i)
            .collect()
    };
    for i in positions(&|i, c| c.is_whitespace() && at_edge(i)) {
        let place = if i == 0 { "starts" } else { "ends" };
        out.push(Finding::new(
            whitespace_code,
            severity,
            Some(part),
            format!("{name} {place} with {}", visible::char_name(chars[i])),
            "it is hashed as typed: a pasted newline or space silently changes every token",
            Marks::Chars(vec![i]),
        ));
    }
    let inner = positions(&|i, c| {
        c.is_whitespace() && !at_edge(i) && !(account && (c == ' ' || c.is_control()))
    });
    if let Some(&first) = inner.first() {
        out.push(Finding::new(
            whitespace_code,
            severity,
            Some(part),
            format!(
                "{name} has {} inside, at position {}",
                visible::char_name(chars[first]),
                ordinal_positions(&inner)
            ),
            "it is hashed as typed and makes a different token",
            Marks::Chars(inner),
        ));
    }
    let hidden = positions(&|_, c| {
        !c.is_whitespace() && (visible::is_invisible(c) || (c.is_control() && !account))
    });
    if let Some(&first) = hidden.first() {
        out.push(Finding::new(
            invisible_code,
            severity,
            Some(part),
            format!(
                "{name} has an invisible character, {}, at position {}",
                visible::char_name(chars[first]),
                ordinal_positions(&hidden)
            ),
            "it cannot be seen where it was copied from, but it is hashed",
            Marks::Chars(hidden),
        ));
    }
    out
}

/// The SDK's documented account limit.
pub const MAX_ACCOUNT_CHARS: usize = 128;

pub fn check_account(account: &str) -> Vec<Finding> {
    let part = Some(Part::Account);
    let mut out = Vec::new();
    if account.is_empty() {
        out.push(Finding::new(
            "account_empty",
            Severity::Warning,
            part,
            "Account is empty",
            "the token can be made, but a login needs an account",
            Marks::None,
        ));
        return out;
    }
    let chars: Vec<char> = account.chars().collect();
    if chars.len() > MAX_ACCOUNT_CHARS {
        out.push(Finding::new(
            "account_too_long",
            Severity::Warning,
            part,
            format!(
                "Account has {} characters, over the SDK's {MAX_ACCOUNT_CHARS}",
                chars.len()
            ),
            "the SDK limits accounts to 128 visible characters",
            Marks::Chars((MAX_ACCOUNT_CHARS..chars.len()).collect()),
        ));
    }
    out.extend(whitespace_findings(
        Part::Account,
        &chars,
        "account_edge_whitespace",
        "account_invisible",
        Severity::Warning,
    ));
    let spaces: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == ' ')
        .map(|(i, _)| i)
        .collect();
    if !spaces.is_empty() {
        out.push(Finding::new(
            "account_spaces",
            Severity::Warning,
            part,
            format!(
                "Account has spaces, at position {}",
                ordinal_positions(&spaces)
            ),
            "the SDK rejects accounts with spaces, whatever the token",
            Marks::Chars(spaces),
        ));
    }
    let controls: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_control() && **c != ' ')
        .map(|(i, _)| i)
        .collect();
    if !controls.is_empty() {
        out.push(Finding::new(
            "account_control",
            Severity::Warning,
            part,
            format!(
                "Account has a control character, {}, at position {}",
                visible::char_name(chars[controls[0]]),
                ordinal_positions(&controls)
            ),
            "accounts are visible characters; a generator may drop or mangle it",
            Marks::Chars(controls),
        ));
    }
    let non_ascii: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_ascii())
        .map(|(i, _)| i)
        .collect();
    if !non_ascii.is_empty() {
        out.push(Finding::new(
            "account_non_ascii",
            Severity::Note,
            part,
            format!(
                "Account has {} non-ASCII character{} ({} UTF-8 bytes in all)",
                non_ascii.len(),
                if non_ascii.len() == 1 { "" } else { "s" },
                account.len()
            ),
            "a Java server whose default charset is not UTF-8 hashes them as '?' and makes a different token",
            Marks::Chars(non_ascii),
        ));
        let (nfc, nfd) = (is_nfc(account), is_nfd(account));
        let (code, message, why) = match (nfc, nfd) {
            (true, true) => (
                "account_nfc",
                "Account is the same in NFC and NFD",
                "no combining characters: Unicode normalisation cannot change its token",
            ),
            (true, false) => (
                "account_nfc",
                "Account is in Unicode NFC (composed characters)",
                "an NFD copy of it (e.g. from macOS) looks the same but makes a different token",
            ),
            (false, true) => (
                "account_nfd",
                "Account is in Unicode NFD (decomposed: letters plus combining marks)",
                "an NFC copy of it looks the same but makes a different token; most systems send NFC",
            ),
            (false, false) => (
                "account_mixed_normalization",
                "Account mixes Unicode NFC and NFD",
                "it looks like other forms of itself but hashes differently from each",
            ),
        };
        let severity = if nfc {
            Severity::Note
        } else {
            Severity::Warning
        };
        let marks = if nfc {
            Marks::None
        } else {
            Marks::Chars(
                chars
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| visible::is_combining(**c))
                    .map(|(i, _)| i)
                    .collect(),
            )
        };
        if !(nfc && nfd) {
            out.push(Finding::new(code, severity, part, message, why, marks));
        }
    }
    out
}

const INT32_MAX: i64 = 2_147_483_647;
const UINT32_MAX: i64 = 4_294_967_295;
const ONE_YEAR: i64 = 366 * 86_400;

/// The expiry cannot be read: no token can be built until it can.
pub fn expiry_invalid(error: &crate::expiry::ExpiryError) -> Finding {
    Finding::new(
        "expiry_invalid",
        Severity::Error,
        Some(Part::ExpiredTime),
        format!("Expiry cannot be read: {error}"),
        "no token can be built until the expiry is in one of the accepted forms",
        Marks::Whole,
    )
}

/// Checks of the expiry that do not depend on the clock.
pub fn check_expiry(expiry: &Expiry, now: DateTime<Utc>) -> Vec<Finding> {
    let part = Some(Part::ExpiredTime);
    let unix = expiry.unix;
    let mut out = Vec::new();
    if unix <= 0 {
        out.push(Finding::new(
            "expiry_not_positive",
            Severity::Error,
            part,
            format!("Expiry is {unix}: 0 or negative"),
            "it lies at or before 1970-01-01; no server accepts it",
            Marks::Whole,
        ));
    } else if unix < 1_000_000_000 {
        out.push(Finding::new(
            "expiry_looks_like_duration",
            Severity::Warning,
            part,
            format!(
                "Expiry {unix} is {} after 1970: a duration, not a moment?",
                expiry::human_duration(unix as u128)
            ),
            "expiredTime is an absolute Unix time; the vendor's own example mixed in 2592000 (30 days)",
            Marks::Whole,
        ));
    }
    if (1_000_000_000_000..10_000_000_000_000).contains(&unix) {
        out.push(Finding::new(
            "expiry_milliseconds",
            Severity::Error,
            part,
            format!("Expiry {unix} has 13 digits: milliseconds, not seconds?"),
            "expiredTime is in seconds; 32-bit generators also wrap this value",
            Marks::Whole,
        ));
    }
    if unix > UINT32_MAX {
        out.push(Finding::new(
            "expiry_uint32_wrap",
            Severity::Warning,
            part,
            "Expiry is past 4294967295 (2106-02-07T06:28:15Z)",
            "Go generators (uint32) wrap it, as do Java, C# and C++ ones: their tokens differ",
            Marks::Whole,
        ));
    } else if unix > INT32_MAX {
        out.push(Finding::new(
            "expiry_int32_wrap",
            Severity::Warning,
            part,
            "Expiry is past 2147483647 (2038-01-19T03:14:07Z)",
            "Java, C# and C++ generators (32-bit int) wrap it negative: their tokens differ",
            Marks::Whole,
        ));
    }
    match expiry.form {
        Form::Relative { seconds } => out.push(Finding::new(
            "expiry_relative",
            Severity::Note,
            part,
            format!(
                "Expiry +{} from {} is {unix}",
                expiry::human_duration(seconds.unsigned_abs() as u128),
                expiry::format_utc(now.timestamp())
            ),
            "the token carries the resolved seconds; they stay fixed until you edit the field",
            Marks::None,
        )),
        Form::NaiveUtc => out.push(Finding::new(
            "expiry_read_as_utc",
            Severity::Note,
            part,
            "Expiry has no time zone: read as UTC",
            "add Z or an offset (+08:00) if you meant another zone",
            Marks::None,
        )),
        Form::UnixSeconds | Form::Rfc3339 { .. } => {}
    }
    out
}

/// Checks of the expiry against the clock; these change as time passes.
pub fn check_expiry_at(unix: i64, now: DateTime<Utc>) -> Vec<Finding> {
    let part = Some(Part::ExpiredTime);
    let mut out = Vec::new();
    if expiry::is_expired(unix, now) && unix > 0 {
        out.push(Finding::new(
            "expired",
            Severity::Error,
            part,
            format!(
                "Expiry {} is in the past ({})",
                expiry::format_utc(unix),
                expiry::describe_from_now(unix, now)
            ),
            "the server answers 204 LOGIN_E_TOKENEXPIRED",
            Marks::Whole,
        ));
    } else if unix.saturating_sub(now.timestamp()) > ONE_YEAR && unix <= INT32_MAX {
        out.push(Finding::new(
            "expiry_far_future",
            Severity::Warning,
            part,
            format!(
                "Expiry is more than a year ahead ({})",
                expiry::describe_from_now(unix, now)
            ),
            "unusual for a login token: check the unit and the date",
            Marks::Whole,
        ));
    }
    out
}

/// Whether the inputs are the vendor's worked example, and what that means.
pub fn check_worked_example(inputs: &Inputs) -> Option<Finding> {
    worked_example::matches(inputs).then(|| {
        Finding::new(
            "worked_example",
            Severity::Note,
            None,
            format!(
                "Vendor's example: its page prints sign {}…, the MD5 for expiry {}",
                &worked_example::PUBLISHED_SIGN[..8],
                worked_example::PUBLISHED_SIGN_EXPIRY
            ),
            format!(
                "the page mixed 30 days written as seconds into the sign; the sign here, for {}, is correct",
                worked_example::EXPIRED_TIME
            ),
            Marks::None,
        )
    })
}

/// Every finding that does not depend on the clock, sorted.
pub fn check_inputs(
    app_id: &str,
    certificate: &str,
    account: &str,
    expiry: Option<&Expiry>,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let mut out = hex32(Part::AppId, app_id);
    out.extend(hex32(Part::AppCertificate, certificate));
    out.extend(check_account(account));
    if let Some(e) = expiry {
        out.extend(check_expiry(e, now));
        out.extend(check_worked_example(&Inputs::new(
            app_id,
            certificate,
            account,
            e.unix,
        )));
    }
    sort(&mut out);
    out
}

pub fn check_app_id(value: &str) -> Vec<Finding> {
    hex32(Part::AppId, value)
}

pub fn check_certificate(value: &str) -> Vec<Finding> {
    hex32(Part::AppCertificate, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code).collect()
    }

    fn now() -> DateTime<Utc> {
        expiry::to_datetime(1546268399).unwrap()
    }

    const APP_ID: &str = worked_example::APP_ID;
    const CERT: &str = worked_example::APP_CERTIFICATE;

    #[test]
    fn clean_app_id_and_certificate_pass() {
        assert!(check_app_id(APP_ID).is_empty());
        assert!(check_certificate(CERT).is_empty());
    }

    #[test]
    fn certificate_with_a_trailing_newline() {
        let f = check_certificate(&format!("{CERT}\n"));
        assert_eq!(codes(&f), ["certificate_length", "certificate_whitespace"]);
        assert_eq!(f[1].message, "App Certificate ends with a newline (\\n)");
        assert_eq!(f[1].marks, Marks::Chars(vec![32]));
        assert_eq!(f[1].severity, Severity::Error);
    }

    #[test]
    fn findings_never_quote_the_certificate() {
        for bad in [
            format!("{CERT}\n"),
            format!(" {CERT}"),
            format!("{}zz", &CERT[..30]),
            CERT.to_uppercase(),
            format!("{}\u{200B}{}", &CERT[..16], &CERT[16..]),
        ] {
            for f in check_certificate(&bad) {
                for text in [&f.message, &f.why] {
                    assert!(!text.contains(&CERT[..8]), "{text}");
                    assert!(!text.contains("zz"), "{text}");
                }
            }
        }
    }

    #[test]
    fn lower_case_app_id_and_upper_case_certificate() {
        let f = check_app_id(&APP_ID.to_lowercase());
        assert_eq!(codes(&f), ["app_id_case"]);
        assert!(f[0].message.contains("lower-case"));
        let f = check_certificate(&CERT.to_uppercase());
        assert_eq!(codes(&f), ["certificate_case"]);
        assert!(f[0].why.contains("different token"));
    }

    #[test]
    fn length_hex_whitespace_and_invisible() {
        assert_eq!(codes(&check_app_id("")), ["app_id_empty"]);
        assert_eq!(codes(&check_app_id("ABC")), ["app_id_length"]);
        let f = check_app_id(&format!("{}G", &APP_ID[..31]));
        assert_eq!(codes(&f), ["app_id_not_hex"]);
        assert_eq!(f[0].marks, Marks::Chars(vec![31]));
        assert!(f[0].message.contains("('G')"));
        let f = check_app_id(&format!("{} {}", &APP_ID[..16], &APP_ID[17..]));
        assert_eq!(codes(&f), ["app_id_whitespace"]);
        assert!(
            f[0].message.contains("a space (U+0020) inside"),
            "{}",
            f[0].message
        );
        for invisible in ['\u{200B}', '\u{FEFF}'] {
            let f = check_app_id(&format!("{invisible}{}", &APP_ID[1..]));
            assert_eq!(codes(&f), ["app_id_invisible"], "{invisible:?}");
        }
        let f = check_app_id(&format!("\u{A0}{}", &APP_ID[1..]));
        assert_eq!(codes(&f), ["app_id_whitespace"]);
        assert!(f[0].message.contains("no-break space"), "{}", f[0].message);
    }

    #[test]
    fn account_checks() {
        assert_eq!(codes(&check_account("")), ["account_empty"]);
        assert!(check_account("test@agora.io").is_empty());
        assert_eq!(codes(&check_account("john doe")), ["account_spaces"]);
        assert_eq!(
            codes(&check_account(" test ")),
            [
                "account_edge_whitespace",
                "account_edge_whitespace",
                "account_spaces"
            ]
        );
        let long = "a".repeat(129);
        assert_eq!(codes(&check_account(&long)), ["account_too_long"]);
        assert_eq!(codes(&check_account("a\0b")), ["account_control"]);
        assert_eq!(
            codes(&check_account("line1\nline2\t")),
            ["account_edge_whitespace", "account_control"]
        );
    }

    #[test]
    fn non_ascii_accounts_say_java_and_normal_form() {
        let f = check_account("José");
        assert_eq!(codes(&f), ["account_non_ascii", "account_nfc"]);
        assert!(f[0].why.contains("Java"));
        let f = check_account("Jose\u{301}");
        assert_eq!(codes(&f), ["account_non_ascii", "account_nfd"]);
        assert_eq!(f[1].severity, Severity::Warning);
        assert_eq!(f[1].marks, Marks::Chars(vec![4]));
        // CJK has no decompositions: nothing to say about normal forms.
        assert_eq!(codes(&check_account("用户@例子")), ["account_non_ascii"]);
        assert_eq!(
            codes(&check_account("Jose\u{301} José")),
            [
                "account_spaces",
                "account_non_ascii",
                "account_mixed_normalization"
            ]
        );
    }

    fn unix(unix: i64) -> Expiry {
        Expiry {
            unix,
            form: Form::UnixSeconds,
        }
    }

    #[test]
    fn expiry_checks() {
        let n = now();
        assert!(check_expiry(&unix(1546271999), n).is_empty());
        assert_eq!(codes(&check_expiry(&unix(0), n)), ["expiry_not_positive"]);
        assert_eq!(codes(&check_expiry(&unix(-1), n)), ["expiry_not_positive"]);
        assert_eq!(
            codes(&check_expiry(&unix(2592000), n)),
            ["expiry_looks_like_duration"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(1546271999000), n)),
            ["expiry_milliseconds", "expiry_uint32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(2147483647), n)),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&check_expiry(&unix(2147483648), n)),
            ["expiry_int32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(4294967295), n)),
            ["expiry_int32_wrap"]
        );
        assert_eq!(
            codes(&check_expiry(&unix(4294967296), n)),
            ["expiry_uint32_wrap"]
        );
        let relative = Expiry {
            unix: 1546271999,
            form: Form::Relative { seconds: 3600 },
        };
        let f = check_expiry(&relative, n);
        assert_eq!(codes(&f), ["expiry_relative"]);
        assert!(f[0].message.contains("+1h "), "{}", f[0].message);
        let naive = Expiry {
            unix: 1546271999,
            form: Form::NaiveUtc,
        };
        assert_eq!(codes(&check_expiry(&naive, n)), ["expiry_read_as_utc"]);
    }

    #[test]
    fn clock_checks() {
        let n = now();
        let f = check_expiry_at(1546268000, n);
        assert_eq!(codes(&f), ["expired"]);
        assert!(f[0].why.contains("204"));
        assert!(check_expiry_at(1546271999, n).is_empty());
        assert_eq!(
            codes(&check_expiry_at(1546268399 + 400 * 86_400, n)),
            ["expiry_far_future"]
        );
    }

    #[test]
    fn the_worked_example_is_pointed_out() {
        let f = check_inputs(
            APP_ID,
            CERT,
            "test@agora.io",
            Some(&unix(1546271999)),
            now(),
        );
        assert_eq!(codes(&f), ["worked_example"]);
        assert!(f[0].message.contains("5c0ee12f"));
        assert!(f[0].message.contains("2592000"));
    }

    #[test]
    fn shared_vectors_raise_what_they_are_about() {
        let cases: &[(&str, &str, &str, &str, &[&str])] = &[
            (
                "lowercase_appid",
                &APP_ID.to_lowercase(),
                CERT,
                "test@agora.io",
                &["app_id_case"],
            ),
            (
                "uppercase_cert",
                APP_ID,
                &CERT.to_uppercase(),
                "test@agora.io",
                &["certificate_case"],
            ),
            (
                "account_with_spaces",
                APP_ID,
                CERT,
                "john doe",
                &["account_spaces"],
            ),
            (
                "nfd",
                APP_ID,
                CERT,
                "Jose\u{301}",
                &["account_nfd", "account_non_ascii"],
            ),
            (
                "empty_appid_and_cert",
                "",
                "",
                "test@agora.io",
                &["app_id_empty", "certificate_empty"],
            ),
        ];
        for (id, app_id, cert, account, expected) in cases {
            let f = check_inputs(app_id, cert, account, Some(&unix(1546271999)), now());
            assert_eq!(&codes(&f), expected, "{id}");
        }
    }

    #[test]
    fn sorted_errors_first() {
        let f = check_inputs(
            &APP_ID.to_lowercase(),
            &format!("{CERT}\n"),
            "José",
            Some(&unix(1546271999000)),
            now(),
        );
        let severities: Vec<Severity> = f.iter().map(|f| f.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted);
    }
}
