//! The App Certificate's home: a string that is wiped from memory when dropped and
//! never shows in a debug dump.

use std::fmt;
use zeroize::Zeroizing;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret itself, for the places that must hash or edit it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Deref for Secret {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(<redacted, {} chars>)", self.0.chars().count())
    }
}

/// The environment variable the certificate comes from.
pub const CERTIFICATE_ENV: &str = "AGORA_APP_CERTIFICATE";

/// What stands in for the certificate wherever a client's text holds it.
pub const NOT_SHOWN: &str = "<the App Certificate, not shown>";

/// What an error message shows for a value that may be the certificate. The same words
/// whether or not it is: an error line must not confirm a guess.
pub const VALUE_NOT_SHOWN: &str = "<value not shown>";

/// `text` with every copy of `secret` (in any letter case) replaced by [`NOT_SHOWN`],
/// and a copy cut short by a quote ("fe1a0437bf21…") too. Text from a client can hold
/// the certificate (a generator that swapped it for the App ID); it is never echoed.
pub fn mask(text: &str, secret: &str) -> String {
    const SHORTEST_CUT: usize = 8;
    if secret.len() < SHORTEST_CUT || !secret.is_ascii() {
        return text.to_string();
    }
    let lower = text.to_ascii_lowercase();
    let secret = secret.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &lower[i..];
        let cut = (SHORTEST_CUT..secret.len())
            .rev()
            .find(|&n| rest.starts_with(&secret[..n]) && rest[n..].starts_with('…'));
        let found = if rest.starts_with(&secret) {
            Some(secret.len())
        } else {
            cut
        };
        match found {
            Some(n) => {
                out.push_str(NOT_SHOWN);
                i += n;
            }
            None => {
                let c = text[i..].chars().next().unwrap_or_default();
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("fe1a0437bf217bdd34cd65053fb0fe1d");
        let dump = format!("{s:?}");
        assert!(!dump.contains("fe1a"), "{dump}");
        assert!(dump.contains("32 chars"));
        assert_eq!(s.expose(), "fe1a0437bf217bdd34cd65053fb0fe1d");
    }

    #[test]
    fn mask_hides_every_copy_in_any_case_and_cut_ones() {
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let text = format!("1:{}:17:x and {cert}", cert.to_uppercase());
        assert_eq!(
            mask(&text, cert),
            format!("1:{NOT_SHOWN}:17:x and {NOT_SHOWN}")
        );
        assert_eq!(
            mask("token 1:5cfd2fd1755d40ec… (90 characters)", cert),
            format!("token 1:{NOT_SHOWN}… (90 characters)")
        );
        // Short runs of the same characters are other values.
        assert_eq!(mask("sign 5cfd2fd1", cert), "sign 5cfd2fd1");
        assert_eq!(mask("héllo", cert), "héllo");
        assert_eq!(mask("anything", ""), "anything");
    }
}
