//! Tokens of other kinds that users paste where a SignalingToken belongs: AccessTokens
//! (006, 007), older DynamicKeys (003–005), and look-alikes (a JWT, bare base64),
//! recognised and decoded without the certificate, as far as their bytes go. Pure.

mod layout;

pub use layout::{
    AccessToken, AccessToken2, Field, MAX_INFLATED, MAX_INPUT, Privilege, Service, Stop,
    privilege_name_006, privilege_name_007, service_name,
};

use base64::Engine;
use base64::alphabet::{self, Alphabet};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Bare base64 shorter than this is not called base64: too many words are.
const BASE64_MIN_CHARS: usize = 16;

/// What a token that is not a SignalingToken turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// `006`: an AccessToken.
    AccessToken(AccessToken),
    /// `007`: an AccessToken2.
    AccessToken2(AccessToken2),
    /// `003`, `004` or `005`: an older DynamicKey, with its App ID when it can be read.
    DynamicKey {
        generation: u8,
        app_id: Option<String>,
    },
    /// Three base64url parts separated by dots, the first a JSON header; its `alg`.
    Jwt { alg: Option<String> },
    /// Nothing but base64; the number of bytes it decodes to.
    Base64 { bytes: usize },
}

impl Decoded {
    /// An AccessToken or DynamicKey, as opposed to something that only looks like a token.
    pub fn is_agora_token(&self) -> bool {
        !matches!(self, Decoded::Jwt { .. } | Decoded::Base64 { .. })
    }

    /// An AccessToken or DynamicKey read to its end, with nothing cut or left over.
    pub fn is_whole_agora_token(&self) -> bool {
        match self {
            Decoded::AccessToken(t) => t.stops.is_empty(),
            Decoded::AccessToken2(t) => t.stops.is_empty(),
            Decoded::DynamicKey { .. } => true,
            Decoded::Jwt { .. } | Decoded::Base64 { .. } => false,
        }
    }

    /// The App ID the token carries, when it carries one that could be read.
    pub fn app_id(&self) -> Option<&str> {
        match self {
            Decoded::AccessToken(t) => Some(&t.app_id),
            Decoded::AccessToken2(t) => t.app_id.as_deref(),
            Decoded::DynamicKey { app_id, .. } => app_id.as_deref(),
            _ => None,
        }
    }

    /// Until when the token says it is valid (Unix seconds), when it says so.
    pub fn own_expiry(&self) -> Option<i64> {
        match self {
            Decoded::AccessToken(t) => t.own_expiry(),
            Decoded::AccessToken2(t) => t.own_expiry(),
            _ => None,
        }
    }
}

/// What `token` is, if it is one of the kinds above; `None` for anything else
/// (a SignalingToken among them). Never panics; the work is bounded by [`MAX_INPUT`]
/// and [`MAX_INFLATED`].
pub fn recognise(token: &str) -> Option<Decoded> {
    let prefix = token.get(..3).unwrap_or("");
    let rest = token.get(3..).unwrap_or("");
    let agora = match prefix {
        "006" => decode_006(rest),
        "007" => decode_007(rest),
        "003" | "004" => dynamic_key_hex(prefix, rest),
        "005" => dynamic_key_5(rest),
        _ => None,
    };
    agora.or_else(|| jwt(token)).or_else(|| bare_base64(token))
}

/// `006` + App ID (32 hex characters) + base64 of the body.
fn decode_006(rest: &str) -> Option<Decoded> {
    let app_id = rest.get(..32).filter(|id| is_hex(id))?;
    let (body, stop) = base64_prefix(&rest[32..], 35);
    let mut token = layout::access_token(app_id, &body);
    token.stops.splice(0..0, stop);
    Some(Decoded::AccessToken(token))
}

/// `007` + base64 of a zlib stream. Only a stream that inflates to at least one byte
/// makes it an AccessToken2: anything else after `007` is not known to be one.
fn decode_007(rest: &str) -> Option<Decoded> {
    let (compressed, stop) = base64_prefix(rest, 3);
    let (body, zlib_stop) = inflate(&compressed);
    if body.is_empty() {
        return None;
    }
    let mut token = layout::access_token2(&body);
    let stops: Vec<Stop> = stop.into_iter().chain(zlib_stop).collect();
    token.stops.splice(0..0, stops);
    Some(Decoded::AccessToken2(token))
}

/// `003`/`004` + the signature (40 hex characters, HMAC-SHA1) + the App ID (32 hex
/// characters) + …, as the public reference generators write them.
fn dynamic_key_hex(prefix: &str, rest: &str) -> Option<Decoded> {
    rest.get(..40).filter(|s| is_hex(s))?;
    let app_id = rest.get(40..72).filter(|id| is_hex(id));
    Some(Decoded::DynamicKey {
        generation: generation(prefix),
        app_id: app_id.map(str::to_string),
    })
}

/// `005` + base64 of: service type (uint16, 1–4), signature (string), App ID (16 raw
/// bytes as a string), …, as the public reference generators write them.
fn dynamic_key_5(rest: &str) -> Option<Decoded> {
    let (body, _) = base64_prefix(rest, 3);
    let (service, app_id) = layout::dynamic_key_5(&body)?;
    (1..=4).contains(&service).then_some(Decoded::DynamicKey {
        generation: 5,
        app_id,
    })
}

fn generation(prefix: &str) -> u8 {
    prefix.bytes().last().map_or(0, |b| b.wrapping_sub(b'0'))
}

/// Three base64url parts separated by dots, the first a JSON object.
fn jwt(token: &str) -> Option<Decoded> {
    if token.len() > MAX_INPUT {
        return None;
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 || parts[..2].iter().any(|p| p.is_empty()) {
        return None;
    }
    let url = engine(alphabet::URL_SAFE);
    let header = url.decode(parts[0]).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&header).ok()?;
    let header = json.as_object()?;
    if parts[1..].iter().any(|p| url.decode(p).is_err()) {
        return None;
    }
    let alg = header
        .get("alg")
        .and_then(|a| a.as_str())
        .map(str::to_string);
    Some(Decoded::Jwt { alg })
}

/// Nothing but base64 (standard or URL-safe, padded or not), at least
/// [`BASE64_MIN_CHARS`] long, and not plain hex or digits (which are hex, not base64).
fn bare_base64(token: &str) -> Option<Decoded> {
    if token.len() < BASE64_MIN_CHARS || token.len() > MAX_INPUT || is_hex(token) {
        return None;
    }
    let (bytes, stop) = base64_prefix(token, 0);
    (stop.is_none() && !bytes.is_empty()).then_some(Decoded::Base64 { bytes: bytes.len() })
}

fn is_hex(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A lenient engine: padding optional, trailing bits allowed (a cut-off body decodes).
fn engine(alphabet: Alphabet) -> GeneralPurpose {
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    GeneralPurpose::new(&alphabet, config)
}

/// Decodes as much of `text` as is base64, in the standard alphabet or the URL-safe one
/// (whichever the text uses). Returns the bytes and, if it did not decode to the end,
/// where it stopped; `offset` is the position of `text` in the token.
fn base64_prefix(text: &str, offset: usize) -> (Vec<u8>, Option<Stop>) {
    let url = text.bytes().any(|b| b == b'-' || b == b'_');
    let (alphabet, extra) = if url {
        (alphabet::URL_SAFE, [b'-', b'_'])
    } else {
        (alphabet::STANDARD, [b'+', b'/'])
    };
    let in_alphabet = |b: u8| b.is_ascii_alphanumeric() || extra.contains(&b);
    let bytes = text.as_bytes();
    let capped = &bytes[..bytes.len().min(MAX_INPUT)];
    let mut end = capped
        .iter()
        .position(|&b| !in_alphabet(b))
        .unwrap_or(capped.len());
    let padding = bytes[end..].iter().take_while(|&&b| b == b'=').count();
    let mut stop = if end + padding == bytes.len() && padding <= 2 {
        None
    } else if end == MAX_INPUT {
        Some(Stop::TooLong { chars: text.len() })
    } else {
        Some(Stop::Base64 { at: offset + end })
    };
    if end % 4 == 1 {
        // A lone last character holds no whole byte: the text was cut mid-byte.
        end -= 1;
        stop.get_or_insert(Stop::Base64 { at: offset + end });
    }
    match engine(alphabet).decode(&capped[..end]) {
        Ok(decoded) => (decoded, stop),
        Err(_) => (Vec::new(), Some(Stop::Base64 { at: offset })),
    }
}

/// Inflates a zlib stream to at most [`MAX_INFLATED`] bytes; says why it stopped, if it
/// did not reach the stream's end (a corrupt or cut-off stream, or one that is too big).
fn inflate(compressed: &[u8]) -> (Vec<u8>, Option<Stop>) {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut zlib = Decompress::new(true);
    let mut out = Vec::with_capacity(MAX_INFLATED + 1);
    loop {
        let (in_before, out_before) = (zlib.total_in(), zlib.total_out());
        let input = compressed.get(in_before as usize..).unwrap_or_default();
        let status = zlib.decompress_vec(input, &mut out, FlushDecompress::None);
        if out.len() > MAX_INFLATED {
            out.truncate(MAX_INFLATED);
            return (out, Some(Stop::TooLarge));
        }
        match status {
            Ok(Status::StreamEnd) => return (out, None),
            Ok(_) if zlib.total_in() != in_before || zlib.total_out() != out_before => {}
            // No progress, no end: the stream is cut off, or broken.
            _ => {
                let inflated = out.len();
                return (out, Some(Stop::Zlib { inflated }));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
