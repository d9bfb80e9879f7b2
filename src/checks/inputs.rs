//! The checks of the App ID, the certificate and the account as typed: length, hex,
//! whitespace, invisible characters, Unicode forms. Never quotes the certificate.
//! Letter case is no finding: App IDs come in upper, lower and mixed case, and each is
//! hashed as written; the diagnosis compares it with a client's token.

use super::finding::{Finding, Marks, Severity, ordinal_positions, positions};
use crate::token::Part;
use crate::visible;
use unicode_normalization::{is_nfc, is_nfd};

/// The finding codes of a 32-hex-character input.
struct HexCodes {
    empty: &'static str,
    length: &'static str,
    whitespace: &'static str,
    invisible: &'static str,
    not_hex: &'static str,
}

const APP_ID_CODES: HexCodes = HexCodes {
    empty: "app_id_empty",
    length: "app_id_length",
    whitespace: "app_id_whitespace",
    invisible: "app_id_invisible",
    not_hex: "app_id_not_hex",
};

const CERTIFICATE_CODES: HexCodes = HexCodes {
    empty: "certificate_empty",
    length: "certificate_length",
    whitespace: "certificate_whitespace",
    invisible: "certificate_invisible",
    not_hex: "certificate_not_hex",
};

/// Checks for the App ID and the certificate: 32 hex characters, in any case.
fn hex32(part: Part, value: &str) -> Vec<Finding> {
    let name = part.name();
    let codes = if part == Part::AppId {
        &APP_ID_CODES
    } else {
        &CERTIFICATE_CODES
    };
    if value.is_empty() {
        return vec![Finding::new(
            codes.empty,
            Severity::Error,
            Some(part),
            format!("{name} is empty"),
            format!("the console issues a 32-character {name}; the token needs it"),
            Marks::None,
        )];
    }
    let chars: Vec<char> = value.chars().collect();
    let mut out = Vec::new();
    if chars.len() != 32 {
        out.push(Finding::new(
            codes.length,
            Severity::Error,
            Some(part),
            match chars.len() {
                1 => format!("{name} has 1 character, not 32"),
                n => format!("{name} has {n} characters, not 32"),
            },
            format!("every {name} the console issues has exactly 32 hex characters"),
            Marks::Whole,
        ));
    }
    out.extend(whitespace_findings(
        part,
        &chars,
        codes.whitespace,
        codes.invisible,
        Severity::Error,
    ));
    out.extend(not_hex(part, &chars, codes.not_hex));
    out
}

/// Characters that are not hex digits (whitespace and hidden ones have their own checks).
fn not_hex(part: Part, chars: &[char], code: &'static str) -> Option<Finding> {
    let found = positions(chars, |_, c| {
        !c.is_ascii_hexdigit() && !c.is_whitespace() && !is_hidden(c)
    });
    if found.is_empty() {
        return None;
    }
    // The App ID is not secret: name the characters. The certificate is: only positions.
    let what = if part == Part::AppId {
        let shown: String = found.iter().take(4).map(|&i| chars[i]).collect();
        format!(" ('{}')", shown.escape_debug())
    } else {
        String::new()
    };
    Some(Finding::new(
        code,
        Severity::Error,
        Some(part),
        format!(
            "{} has characters that are not hex at position {}{what}",
            part.name(),
            ordinal_positions(&found)
        ),
        "a copy-paste picked up something else: compare with the console".to_string(),
        Marks::Chars(found),
    ))
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
    let name = part.name();
    let account = part == Part::Account;
    let last = chars.len().saturating_sub(1);
    let at_edge = |i: usize| i == 0 || i == last;
    let finding = |code, message: String, why: &str, marks: Vec<usize>| {
        Finding::new(
            code,
            severity,
            Some(part),
            message,
            why,
            Marks::Chars(marks),
        )
    };
    let mut out = Vec::new();
    for i in positions(chars, |i, c| c.is_whitespace() && at_edge(i)) {
        let place = if i == 0 { "starts" } else { "ends" };
        out.push(finding(
            whitespace_code,
            format!("{name} {place} with {}", visible::char_name(chars[i])),
            "it is hashed as typed: a pasted newline or space silently changes every token",
            vec![i],
        ));
    }
    let inner = positions(chars, |i, c| {
        c.is_whitespace() && !at_edge(i) && !(account && (c == ' ' || c.is_control()))
    });
    if let Some(&first) = inner.first() {
        let message = format!(
            "{name} has {} inside, at position {}",
            visible::char_name(chars[first]),
            ordinal_positions(&inner)
        );
        let why = "it is hashed as typed and makes a different token";
        out.push(finding(whitespace_code, message, why, inner));
    }
    let hidden = positions(chars, |_, c| {
        !c.is_whitespace() && (visible::is_invisible(c) || (c.is_control() && !account))
    });
    if let Some(&first) = hidden.first() {
        let message = format!(
            "{name} has an invisible character, {}, at position {}",
            visible::char_name(chars[first]),
            ordinal_positions(&hidden)
        );
        let why = "it cannot be seen where it was copied from, but it is hashed";
        out.push(finding(invisible_code, message, why, hidden));
    }
    out
}

/// The SDK's documented account limit.
pub const MAX_ACCOUNT_CHARS: usize = 128;

pub fn check_account(account: &str) -> Vec<Finding> {
    let part = Some(Part::Account);
    if account.is_empty() {
        return vec![Finding::new(
            "account_empty",
            Severity::Warning,
            part,
            "Account is empty",
            "the token can be made, but a login needs an account",
            Marks::None,
        )];
    }
    let chars: Vec<char> = account.chars().collect();
    let mut out = Vec::new();
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
    out.extend(account_spaces_and_controls(&chars));
    out.extend(account_non_ascii(account, &chars));
    out
}

/// Spaces, which the SDK rejects, and control characters, which generators mangle.
fn account_spaces_and_controls(chars: &[char]) -> Vec<Finding> {
    let part = Some(Part::Account);
    let mut out = Vec::new();
    let spaces = positions(chars, |_, c| c == ' ');
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
    let controls = positions(chars, |_, c| c.is_control() && c != ' ');
    if let Some(&first) = controls.first() {
        out.push(Finding::new(
            "account_control",
            Severity::Warning,
            part,
            format!(
                "Account has a control character, {}, at position {}",
                visible::char_name(chars[first]),
                ordinal_positions(&controls)
            ),
            "accounts are visible characters; a generator may drop or mangle it",
            Marks::Chars(controls),
        ));
    }
    out
}

/// Non-ASCII characters: what a non-UTF-8 server does to them, and their normal form.
fn account_non_ascii(account: &str, chars: &[char]) -> Vec<Finding> {
    let non_ascii = positions(chars, |_, c| !c.is_ascii());
    if non_ascii.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Finding::new(
        "account_non_ascii",
        Severity::Note,
        Some(Part::Account),
        format!(
            "Account has {} non-ASCII character{} ({} UTF-8 bytes in all)",
            non_ascii.len(),
            if non_ascii.len() == 1 { "" } else { "s" },
            account.len()
        ),
        "a Java server whose default charset is not UTF-8 hashes them as '?' and makes a different token",
        Marks::Chars(non_ascii),
    )];
    out.extend(account_normal_form(account, chars));
    out
}

/// The account's Unicode normal form, when another form would look the same.
fn account_normal_form(account: &str, chars: &[char]) -> Option<Finding> {
    let (nfc, nfd) = (is_nfc(account), is_nfd(account));
    let (code, message, why) = match (nfc, nfd) {
        // No combining characters: normalisation cannot change its token.
        (true, true) => return None,
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
    let (severity, marks) = if nfc {
        (Severity::Note, Marks::None)
    } else {
        let combining = positions(chars, |_, c| visible::is_combining(c));
        (Severity::Warning, Marks::Chars(combining))
    };
    Some(Finding::new(
        code,
        severity,
        Some(Part::Account),
        message,
        why,
        marks,
    ))
}

/// The checks of an App ID alone.
pub fn check_app_id(value: &str) -> Vec<Finding> {
    hex32(Part::AppId, value)
}

/// The checks of a certificate alone.
pub fn check_certificate(value: &str) -> Vec<Finding> {
    hex32(Part::AppCertificate, value)
}

/// The App ID and the certificate are the same value: one was pasted for the other. The
/// App ID travels in every token in the clear, so such a token shows the certificate to
/// every client that holds it. Never true of real inputs: the console issues two
/// different values.
pub fn check_pair(app_id: &str, certificate: &str) -> Vec<Finding> {
    let (app_id, certificate) = (app_id.trim(), certificate.trim());
    if certificate.is_empty() || !app_id.eq_ignore_ascii_case(certificate) {
        return Vec::new();
    }
    vec![Finding::new(
        "app_id_is_certificate",
        Severity::Error,
        Some(Part::AppId),
        "App ID is the App Certificate",
        "the App ID travels in the token in the clear: this token would show the \
         certificate to every client; copy the App ID from the console",
        Marks::Whole,
    )]
}
