//! The legacy Signaling SDK's login and logout codes: name, meaning, likely causes and
//! what to check. Pure data, shared by the console and `sigtoken explain`.

use crate::policy::LoginError;

pub struct CodeEntry {
    pub code: u16,
    pub name: &'static str,
    pub meaning: &'static str,
    pub causes: &'static [&'static str],
    pub check: &'static [&'static str],
}

const TOKEN_CHECKS: &[&str] = &[
    "the App ID in the token is the one the client logs in with, in the same letter case",
    "the certificate is the one of this project, enabled, and for about an hour already",
    "the account hashed is exactly the one logged in with (no spaces, same Unicode form)",
    "the generator follows md5(account + appId + appCertificate + expiredTime)",
    "run `sigtoken diagnose TOKEN` with the expected inputs",
];

pub const CODES: &[CodeEntry] = &[
    CodeEntry {
        code: 100,
        name: "LOGOUT_E_OTHER",
        meaning: "logged out for another reason",
        causes: &["an error the SDK does not classify"],
        check: &["the SDK's log around the logout"],
    },
    CodeEntry {
        code: 101,
        name: "LOGOUT_E_USER",
        meaning: "the user logged out",
        causes: &["the app called logout"],
        check: &["nothing: this is the normal way out"],
    },
    CodeEntry {
        code: 102,
        name: "LOGOUT_E_NET",
        meaning: "logged out by a network failure",
        causes: &["the connection dropped and reconnection gave up"],
        check: &[
            "the device's network",
            "the reconnect count and time given to login",
        ],
    },
    CodeEntry {
        code: 103,
        name: "LOGOUT_E_KICKED",
        meaning: "kicked out: the same account logged in elsewhere",
        causes: &["a second login with the same account, on another device or tab"],
        check: &["that each device or session uses its own account"],
    },
    CodeEntry {
        code: 104,
        name: "LOGOUT_E_PACKET",
        meaning: "obsolete",
        causes: &["not raised by current SDKs"],
        check: &["the SDK version"],
    },
    CodeEntry {
        code: 105,
        name: "LOGOUT_E_TOKENEXPIRED",
        meaning: "logged out because the token expired",
        causes: &["the session outlived expiredTime and the token was not renewed"],
        check: &[
            "that the app renews the token before expiredTime",
            "that expiredTime is in seconds, not milliseconds or a duration",
        ],
    },
    CodeEntry {
        code: 106,
        name: "LOGOUT_E_OLDVERSION",
        meaning: "obsolete",
        causes: &["not raised by current SDKs"],
        check: &["the SDK version"],
    },
    CodeEntry {
        code: 107,
        name: "LOGOUT_E_TOKENWRONG",
        meaning: "obsolete",
        causes: &["not raised by current SDKs"],
        check: &["the SDK version"],
    },
    CodeEntry {
        code: 108,
        name: "LOGOUT_E_ALREADY_LOGOUT",
        meaning: "already logged out",
        causes: &["logout called twice, or after a failed login"],
        check: &["the app's login state handling"],
    },
    CodeEntry {
        code: 200,
        name: "LOGIN_E_OTHER",
        meaning: "login failed for another reason",
        causes: &["an error the SDK does not classify"],
        check: &["the SDK's log around the login"],
    },
    CodeEntry {
        code: 201,
        name: "LOGIN_E_NET",
        meaning: "login failed: network error",
        causes: &[
            "no connection to Agora's servers",
            "the web SDK also reports server reasons it does not recognise as 201",
        ],
        check: &["the device's network, proxies and firewalls"],
    },
    CodeEntry {
        code: 202,
        name: "LOGIN_E_FAILED",
        meaning: "login rejected by the server",
        causes: &["the server refused the login for a reason other than the token"],
        check: &["the App ID (a wrong or deleted project)", "the account"],
    },
    CodeEntry {
        code: 203,
        name: "LOGIN_E_CANCEL",
        meaning: "login cancelled",
        causes: &["logout or destroy called while the login was in progress"],
        check: &["the app's login flow"],
    },
    CodeEntry {
        code: 204,
        name: "LOGIN_E_TOKENEXPIRED",
        meaning: "token expired, login rejected",
        causes: &[
            "expiredTime is in the past: a valid token, too old",
            "expiredTime written as a duration (3600) instead of now + 3600",
            "the generator's clock, or the time zone of a date it was given",
        ],
        check: &[
            "expiredTime against the current UTC time (sigtoken shows both)",
            "that it is Unix seconds in UTC",
        ],
    },
    CodeEntry {
        code: 205,
        name: "LOGIN_E_OLDVERSION",
        meaning: "obsolete",
        causes: &["not raised by current SDKs"],
        check: &["the SDK version"],
    },
    CodeEntry {
        code: 206,
        name: "LOGIN_E_TOKENWRONG",
        meaning: "token invalid",
        causes: &[
            "the sign does not match: wrong certificate, App ID, account or algorithm",
            "a stray newline or space in the certificate, a lower-cased App ID, another Unicode form of the account",
            "_no_need_token sent while the Token Debugging Switch is off",
            "a certificate enabled less than an hour ago",
        ],
        check: TOKEN_CHECKS,
    },
    CodeEntry {
        code: 207,
        name: "LOGIN_E_TOKEN_KICKED",
        meaning: "a renewed token logged in elsewhere",
        causes: &["the same account logged in again with a new token"],
        check: &["that each device or session uses its own account"],
    },
    CodeEntry {
        code: 208,
        name: "LOGIN_E_ALREADY_LOGIN",
        meaning: "already logged in",
        causes: &["login called twice without logout"],
        check: &["the app's login state handling"],
    },
    CodeEntry {
        code: 209,
        name: "LOGIN_E_INVALID_USER",
        meaning: "invalid user",
        causes: &["an account the SDK does not accept: empty, too long, or with spaces"],
        check: &["the account: up to 128 visible characters, no spaces"],
    },
];

/// The entry for a code, if it is one.
pub fn lookup(code: u16) -> Option<&'static CodeEntry> {
    CODES.iter().find(|e| e.code == code)
}

/// Entries whose number starts with `prefix` ("20" finds 200–209); all when empty.
pub fn search(prefix: &str) -> Vec<&'static CodeEntry> {
    CODES
        .iter()
        .filter(|e| e.code.to_string().starts_with(prefix))
        .collect()
}

/// The entry for a login error.
pub fn entry(error: LoginError) -> Option<&'static CodeEntry> {
    lookup(error.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_login_error_has_an_entry_with_the_same_name() {
        for e in LoginError::ALL {
            let entry = entry(e).expect("entry");
            assert_eq!(entry.name, e.name());
        }
    }

    #[test]
    fn codes_100_to_108_and_200_to_209() {
        let numbers: Vec<u16> = CODES.iter().map(|e| e.code).collect();
        let expected: Vec<u16> = (100..=108).chain(200..=209).collect();
        assert_eq!(numbers, expected);
        for e in CODES {
            assert!(!e.causes.is_empty() && !e.check.is_empty(), "{}", e.code);
        }
    }

    #[test]
    fn search_by_number() {
        assert_eq!(search("20").len(), 10);
        assert_eq!(search("206")[0].name, "LOGIN_E_TOKENWRONG");
        assert_eq!(search("").len(), CODES.len());
        assert!(search("3").is_empty());
        assert!(lookup(210).is_none());
    }
}
