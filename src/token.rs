//! The pure core of sigtoken: inputs → MD5 input → sign → SignalingToken, and back.
//!
//! `token = "1:" + appId + ":" + expiredTime + ":" + md5hex(account + appId + appCertificate + expiredTime)`
//!
//! Every input is used exactly as given: no trimming, no case change, no escaping.
//! This module does no I/O and knows nothing of terminals.

use md5::{Digest, Md5};
use std::fmt;
use std::ops::Range;

/// The only token version the legacy Signaling SDK knows.
pub const VERSION: &str = "1";

/// The four values that make a SignalingToken.
#[derive(Clone, PartialEq, Eq)]
pub struct Inputs {
    pub app_id: String,
    pub app_certificate: String,
    pub account: String,
    /// UTC Unix seconds at which the token stops working. Written as a plain base-10
    /// integer; negative values are representable because real generators wrap.
    pub expired_time: i64,
}

impl fmt::Debug for Inputs {
    // The certificate is a secret: never print it, not even in a debug dump.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("app_id", &self.app_id)
            .field("app_certificate", &"<redacted>")
            .field("account", &self.account)
            .field("expired_time", &self.expired_time)
            .finish()
    }
}

/// Which input a stretch of the MD5 input came from, in hashing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Account,
    AppId,
    AppCertificate,
    ExpiredTime,
}

impl Part {
    /// The order in which the parts are concatenated before hashing.
    pub const HASH_ORDER: [Part; 4] = [
        Part::Account,
        Part::AppId,
        Part::AppCertificate,
        Part::ExpiredTime,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Account => "account",
            Part::AppId => "appId",
            Part::AppCertificate => "appCertificate",
            Part::ExpiredTime => "expiredTime",
        }
    }

    /// A shorter name for narrow places.
    pub fn short_label(self) -> &'static str {
        match self {
            Part::Account => "acct",
            Part::AppId => "id",
            Part::AppCertificate => "cert",
            Part::ExpiredTime => "expiry",
        }
    }

    /// The name of the input as the console labels it.
    pub fn name(self) -> &'static str {
        match self {
            Part::Account => "Account",
            Part::AppId => "App ID",
            Part::AppCertificate => "App Certificate",
            Part::ExpiredTime => "Expiry",
        }
    }

    /// The name inside a sentence ("the certificate in upper case").
    pub fn noun(self) -> &'static str {
        match self {
            Part::Account => "account",
            Part::AppId => "App ID",
            Part::AppCertificate => "certificate",
            Part::ExpiredTime => "expiry",
        }
    }

    /// The key in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Part::Account => "account",
            Part::AppId => "app_id",
            Part::AppCertificate => "app_certificate",
            Part::ExpiredTime => "expired_time",
        }
    }
}

/// The 16 bytes of an MD5 digest; displays as 32 lowercase hex characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sign(pub [u8; 16]);

impl Sign {
    pub fn to_hex(&self) -> String {
        self.to_string()
    }

    /// Parses exactly 32 hex characters (either case).
    pub fn from_hex(s: &str) -> Option<Sign> {
        if s.len() != 32 {
            return None;
        }
        let mut out = [0u8; 16];
        hex::decode_to_slice(s, &mut out).ok()?;
        Some(Sign(out))
    }
}

impl Sign {
    /// The 32 lowercase hex digits, on the stack.
    pub fn hex_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        // 16 bytes always fill exactly 32 hex digits.
        let _ = hex::encode_to_slice(self.0, &mut out);
        out
    }
}

impl fmt::Display for Sign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex_bytes();
        // Hex digits are ASCII.
        f.write_str(std::str::from_utf8(&hex).unwrap_or_default())
    }
}

impl fmt::Debug for Sign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sign({self})")
    }
}

/// The exact bytes that are hashed, with the byte range each part occupies.
#[derive(Clone, PartialEq, Eq)]
pub struct Md5Input {
    pub bytes: Vec<u8>,
    /// One entry per part, in hashing order; a range may be empty.
    pub parts: [(Part, Range<usize>); 4],
}

impl fmt::Debug for Md5Input {
    // The bytes hold the certificate: show only the layout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Md5Input")
            .field("len", &self.bytes.len())
            .field("parts", &self.parts)
            .finish()
    }
}

impl Md5Input {
    /// Concatenates the four parts in hashing order; `expired_time` as it is written
    /// into the token (a plain base-10 integer).
    pub fn new(account: &str, app_id: &str, app_certificate: &str, expired_time: &str) -> Md5Input {
        let texts = [account, app_id, app_certificate, expired_time];
        let mut bytes = Vec::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut i = 0;
        let parts = Part::HASH_ORDER.map(|part| {
            let start = bytes.len();
            bytes.extend_from_slice(texts[i].as_bytes());
            i += 1;
            (part, start..bytes.len())
        });
        Md5Input { bytes, parts }
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text of one part. The bytes came from `&str`s, so every part is valid UTF-8.
    pub fn part_str(&self, part: Part) -> &str {
        let range = self
            .parts
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, r)| r.clone())
            .unwrap_or(0..0);
        std::str::from_utf8(&self.bytes[range]).unwrap_or("")
    }
}

impl Inputs {
    pub fn new(
        app_id: impl Into<String>,
        app_certificate: impl Into<String>,
        account: impl Into<String>,
        expired_time: i64,
    ) -> Inputs {
        Inputs {
            app_id: app_id.into(),
            app_certificate: app_certificate.into(),
            account: account.into(),
            expired_time,
        }
    }

    fn part<'a>(&'a self, part: Part, expiry: &'a str) -> &'a [u8] {
        match part {
            Part::Account => self.account.as_bytes(),
            Part::AppId => self.app_id.as_bytes(),
            Part::AppCertificate => self.app_certificate.as_bytes(),
            Part::ExpiredTime => expiry.as_bytes(),
        }
    }

    /// `account + appId + appCertificate + expiredTime`, as UTF-8 bytes.
    pub fn md5_input(&self) -> Md5Input {
        Md5Input::new(
            &self.account,
            &self.app_id,
            &self.app_certificate,
            &self.expired_time.to_string(),
        )
    }

    /// MD5 of the MD5 input, hashed part by part without building the concatenation
    /// (and without a heap allocation: the expiry's digits go through a stack buffer).
    pub fn sign(&self) -> Sign {
        let mut digits = itoa::Buffer::new();
        let expiry = digits.format(self.expired_time);
        let mut md5 = Md5::new();
        for part in Part::HASH_ORDER {
            md5.update(self.part(part, expiry));
        }
        Sign(md5.finalize().into())
    }

    /// The SignalingToken: `1:<appId>:<expiredTime>:<sign>`.
    pub fn token(&self) -> String {
        format_token(&self.app_id, self.expired_time, &self.sign())
    }
}

/// MD5 over `parts`, in order, as if they were concatenated.
pub fn sign_of(parts: &[&[u8]]) -> Sign {
    let mut md5 = Md5::new();
    for part in parts {
        md5.update(part);
    }
    Sign(md5.finalize().into())
}

/// An MD5 state that has already taken a fixed prefix (account + App ID +
/// certificate), so that trying many expiries costs one short update each. With real
/// IDs the prefix is at least 64 bytes, so each try is a single MD5 compression.
#[derive(Clone)]
pub struct PrefixHasher {
    state: Md5,
}

impl PrefixHasher {
    pub fn new(prefix: &[&[u8]]) -> PrefixHasher {
        let mut state = Md5::new();
        for part in prefix {
            state.update(part);
        }
        PrefixHasher { state }
    }

    /// The sign for this prefix followed by `expiry` written in base 10.
    pub fn sign_with_expiry(&self, expiry: i64) -> Sign {
        let mut digits = itoa::Buffer::new();
        self.sign_with_suffix(digits.format(expiry).as_bytes())
    }

    /// The sign for this prefix followed by `suffix`.
    pub fn sign_with_suffix(&self, suffix: &[u8]) -> Sign {
        let mut md5 = self.state.clone();
        md5.update(suffix);
        Sign(md5.finalize().into())
    }
}

/// Assembles a token from its visible parts.
pub fn format_token(app_id: &str, expired_time: i64, sign: &Sign) -> String {
    let mut digits = itoa::Buffer::new();
    let expiry = digits.format(expired_time);
    let hex = sign.hex_bytes();
    let mut token = String::with_capacity(VERSION.len() + app_id.len() + expiry.len() + 35);
    token.push_str(VERSION);
    token.push(':');
    token.push_str(app_id);
    token.push(':');
    token.push_str(expiry);
    token.push(':');
    token.push_str(std::str::from_utf8(&hex).unwrap_or_default());
    token
}

/// A token split into the four things it carries. The account is not among them:
/// it only ever enters the MD5.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedToken {
    pub version: String,
    pub app_id: String,
    pub expired_time: i64,
    pub sign: Sign,
}

impl ParsedToken {
    pub fn to_token(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.version, self.app_id, self.expired_time, self.sign
        )
    }
}

/// Every way a string can fail to be a SignalingToken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenParseError {
    Empty,
    /// The literal `_no_need_token`: not a SignalingToken, but what the Token Debugging
    /// Switch decides on. Never malformed.
    NoNeedToken,
    /// Not exactly four `:`-separated fields.
    FieldCount {
        found: usize,
    },
    BadVersion {
        found: String,
    },
    EmptyExpiry,
    /// The expiry field holds something other than an optional `-` and ASCII digits.
    NonDigitExpiry {
        found: String,
    },
    /// Digits, but too many to be any Unix time.
    ExpiryOutOfRange {
        found: String,
    },
    /// Leading zeros or `-0`: not a plain integer as generators write it.
    ExpiryNotCanonical {
        found: String,
    },
    /// The sign is not exactly 32 characters long.
    SignLength {
        found: usize,
    },
    /// The sign is 32 characters but one is not a hex digit.
    SignNotHex {
        position: usize,
        found: char,
    },
    /// The sign is hex but has upper-case letters; the reference generators never emit them.
    SignUpperCase,
}

impl fmt::Display for TokenParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenParseError::Empty => write!(f, "the token is empty"),
            TokenParseError::NoNeedToken => write!(
                f,
                "{}, the literal the Token Debugging Switch decides on",
                crate::policy::NO_NEED_TOKEN
            ),
            TokenParseError::FieldCount { found } => write!(
                f,
                "a token has 4 fields separated by ':' (1:appId:expiredTime:sign), this one has {found}"
            ),
            TokenParseError::BadVersion { found } => write!(
                f,
                "the version field must be '1', found '{}'",
                crate::visible::quote(found, 40)
            ),
            TokenParseError::EmptyExpiry => write!(f, "the expiredTime field is empty"),
            TokenParseError::NonDigitExpiry { found } => write!(
                f,
                "the expiredTime field must be a base-10 integer, found '{}'",
                crate::visible::quote(found, 40)
            ),
            TokenParseError::ExpiryOutOfRange { found } => write!(
                f,
                "the expiredTime field '{}' is too large to be a Unix time",
                crate::visible::quote(found, 40)
            ),
            TokenParseError::ExpiryNotCanonical { found } => write!(
                f,
                "the expiredTime field '{}' has leading zeros: generators write a plain integer",
                crate::visible::quote(found, 40)
            ),
            TokenParseError::SignLength { found } => write!(
                f,
                "the sign must be 32 hex characters, this one has {found} characters"
            ),
            TokenParseError::SignNotHex { position, found } => write!(
                f,
                "the sign must be 32 hex characters, character {} is '{}'",
                position + 1,
                found.escape_debug()
            ),
            TokenParseError::SignUpperCase => write!(
                f,
                "the sign has upper-case hex letters; generators write it in lower case"
            ),
        }
    }
}

impl std::error::Error for TokenParseError {}

/// Parses `1:<appId>:<expiredTime>:<sign>`.
///
/// The version is the text before the first `:`, the sign and the expiry are the last
/// two fields, and the App ID is everything in between, so an App ID that itself holds
/// a `:` still parses (and is reported by the checks, not here).
pub fn parse_token(token: &str) -> Result<ParsedToken, TokenParseError> {
    if token.is_empty() {
        return Err(TokenParseError::Empty);
    }
    if token == crate::policy::NO_NEED_TOKEN {
        return Err(TokenParseError::NoNeedToken);
    }
    // Exactly four fields: an App ID never holds a ':', and a token with more fields is
    // not one a generator made.
    let fields = token.split(':').count();
    if fields != 4 {
        return Err(TokenParseError::FieldCount { found: fields });
    }
    let (version, rest) = token.split_once(':').unwrap_or((token, ""));
    let (rest, sign) = rest.rsplit_once(':').unwrap_or((rest, ""));
    let (app_id, expiry) = rest.rsplit_once(':').unwrap_or((rest, ""));

    if version != VERSION {
        return Err(TokenParseError::BadVersion {
            found: version.to_string(),
        });
    }
    let expired_time = parse_expiry_field(expiry)?;
    let sign_chars = sign.chars().count();
    if sign_chars != 32 {
        return Err(TokenParseError::SignLength { found: sign_chars });
    }
    if let Some((position, found)) = sign
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(TokenParseError::SignNotHex { position, found });
    }
    if sign.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(TokenParseError::SignUpperCase);
    }
    let sign = Sign::from_hex(sign).ok_or(TokenParseError::SignLength { found: sign_chars })?;
    Ok(ParsedToken {
        version: version.to_string(),
        app_id: app_id.to_string(),
        expired_time,
        sign,
    })
}

fn parse_expiry_field(expiry: &str) -> Result<i64, TokenParseError> {
    if expiry.is_empty() {
        return Err(TokenParseError::EmptyExpiry);
    }
    let digits = expiry.strip_prefix('-').unwrap_or(expiry);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TokenParseError::NonDigitExpiry {
            found: expiry.to_string(),
        });
    }
    let value = expiry
        .parse::<i64>()
        .map_err(|_| TokenParseError::ExpiryOutOfRange {
            found: expiry.to_string(),
        })?;
    // Generators write a plain integer: a padded one is not theirs, and a server that
    // hashes the field as written would not match it.
    if value.to_string() != expiry {
        return Err(TokenParseError::ExpiryNotCanonical {
            found: expiry.to_string(),
        });
    }
    Ok(value)
}

/// The vendor's worked example from the "Use Security Keys" page, and its erratum.
pub mod worked_example {
    use super::Inputs;

    pub const APP_ID: &str = "C5D15F8FD394285DA5227B533302A518";
    pub const APP_CERTIFICATE: &str = "fe1a0437bf217bdd34cd65053fb0fe1d";
    pub const ACCOUNT: &str = "test@agora.io";
    pub const EXPIRED_TIME: i64 = 1546271999;
    /// The sign the English page prints for the inputs above. It is wrong for them.
    pub const PUBLISHED_SIGN: &str = "5c0ee12fdf2020d0d0fdad04d6395473";
    /// The expiry that the published sign was really computed with: 30 days in seconds.
    pub const PUBLISHED_SIGN_EXPIRY: i64 = 2_592_000;

    pub fn inputs() -> Inputs {
        Inputs::new(APP_ID, APP_CERTIFICATE, ACCOUNT, EXPIRED_TIME)
    }

    /// True when `inputs` are exactly the documented example.
    pub fn matches(inputs: &Inputs) -> bool {
        *inputs == self::inputs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_gives_the_correct_token_not_the_published_one() {
        let inputs = worked_example::inputs();
        assert_eq!(
            inputs.token(),
            "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684"
        );
        assert_ne!(inputs.sign().to_hex(), worked_example::PUBLISHED_SIGN);
        let as_published = Inputs {
            expired_time: worked_example::PUBLISHED_SIGN_EXPIRY,
            ..inputs
        };
        assert_eq!(as_published.sign().to_hex(), worked_example::PUBLISHED_SIGN);
    }

    #[test]
    fn md5_input_is_the_concatenation_with_part_ranges() {
        let input = worked_example::inputs().md5_input();
        assert_eq!(
            input.bytes,
            b"test@agora.ioC5D15F8FD394285DA5227B533302A518fe1a0437bf217bdd34cd65053fb0fe1d1546271999"
        );
        assert_eq!(input.len(), 13 + 32 + 32 + 10);
        assert_eq!(input.part_str(Part::Account), "test@agora.io");
        assert_eq!(input.part_str(Part::ExpiredTime), "1546271999");
        assert_eq!(input.parts[2], (Part::AppCertificate, 45..77));
    }

    #[test]
    fn sign_equals_md5_of_the_md5_input() {
        let inputs = Inputs::new("a:b", "c\n", "José", -1);
        let expected = hex::encode(Md5::digest(&inputs.md5_input().bytes));
        assert_eq!(inputs.sign().to_hex(), expected);
    }

    #[test]
    fn prefix_hasher_agrees_with_the_plain_sign() {
        let inputs = worked_example::inputs();
        let prefix = PrefixHasher::new(&[
            inputs.account.as_bytes(),
            inputs.app_id.as_bytes(),
            inputs.app_certificate.as_bytes(),
        ]);
        for expiry in [0, -1, 1546271999, i64::MAX, i64::MIN] {
            let direct = Inputs {
                expired_time: expiry,
                ..inputs.clone()
            };
            assert_eq!(prefix.sign_with_expiry(expiry), direct.sign(), "{expiry}");
        }
        assert_eq!(
            sign_of(&[
                b"test@agora.io",
                b"C5D15F8FD394285DA5227B533302A518",
                b"fe1a0437bf217bdd34cd65053fb0fe1d",
                b"1546271999"
            ]),
            inputs.sign()
        );
    }

    #[test]
    fn debug_never_shows_the_certificate() {
        let dump = format!("{:?}", worked_example::inputs());
        assert!(!dump.contains(worked_example::APP_CERTIFICATE), "{dump}");
        assert!(dump.contains("<redacted>"));
    }

    #[test]
    fn parse_round_trips_the_worked_example() {
        let token = worked_example::inputs().token();
        let parsed = parse_token(&token).unwrap();
        assert_eq!(parsed.version, "1");
        assert_eq!(parsed.app_id, worked_example::APP_ID);
        assert_eq!(parsed.expired_time, 1546271999);
        assert_eq!(parsed.sign.to_hex(), "2d572d6e3a75ebde5a06626f40fe9684");
        assert_eq!(parsed.to_token(), token);
    }

    #[test]
    fn parse_counts_every_field() {
        assert_eq!(
            parse_token("1:a:b:5:2d572d6e3a75ebde5a06626f40fe9684"),
            Err(TokenParseError::FieldCount { found: 5 })
        );
        assert_eq!(
            parse_token("1:A:5:2d572d6e3a75ebde5a06626f40fe9684:x"),
            Err(TokenParseError::FieldCount { found: 5 })
        );
        assert_eq!(
            parse_token("1:A:01546271999:2d572d6e3a75ebde5a06626f40fe9684"),
            Err(TokenParseError::ExpiryNotCanonical {
                found: "01546271999".into()
            })
        );
    }

    #[test]
    fn parse_names_each_malformation() {
        use TokenParseError::*;
        let sign = "2d572d6e3a75ebde5a06626f40fe9684";
        let cases: Vec<(String, TokenParseError)> = vec![
            (String::new(), Empty),
            ("_no_need_token".into(), NoNeedToken),
            ("_no_need_tokens".into(), FieldCount { found: 1 }),
            (format!("1:APP:{sign}"), FieldCount { found: 3 }),
            (format!("2:APP:1:{sign}"), BadVersion { found: "2".into() }),
            (format!("1:APP::{sign}"), EmptyExpiry),
            (
                format!("1:APP:12a:{sign}"),
                NonDigitExpiry {
                    found: "12a".into(),
                },
            ),
            (
                format!("1:APP:-:{sign}"),
                NonDigitExpiry { found: "-".into() },
            ),
            (
                format!("1:APP:+5:{sign}"),
                NonDigitExpiry { found: "+5".into() },
            ),
            (
                format!("1:APP:99999999999999999999:{sign}"),
                ExpiryOutOfRange {
                    found: "99999999999999999999".into(),
                },
            ),
            ("1:APP:1:abc".into(), SignLength { found: 3 }),
            (format!("1:APP:1:{sign}\n"), SignLength { found: 33 }),
            (
                "1:APP:1:2d572d6e3a75ebde5a06626f40fe968z".into(),
                SignNotHex {
                    position: 31,
                    found: 'z',
                },
            ),
            (
                "1:APP:1:2D572D6E3A75EBDE5A06626F40FE9684".into(),
                SignUpperCase,
            ),
        ];
        for (token, expected) in cases {
            assert_eq!(parse_token(&token), Err(expected), "token {token:?}");
        }
    }

    #[test]
    fn parse_errors_read_as_sentences() {
        let err = parse_token("1:APP:1:abc").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the sign must be 32 hex characters, this one has 3 characters"
        );
    }
}
