//! The server's rules: App Certificate, Token Debugging Switch, `_no_need_token`,
//! and the legacy Signaling SDK's error codes. Pure; no I/O.

use std::fmt;

/// The literal a client may send instead of a token while debugging.
pub const NO_NEED_TOKEN: &str = "_no_need_token";

/// The project's settings in the console that decide what the server accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectSettings {
    pub certificate_enabled: bool,
    /// Only meaningful while the certificate is enabled; the console greys it out
    /// otherwise.
    pub debug_switch: bool,
}

/// Which settings the user said, and which are the defaults assumed for them: a
/// report states the second kind as assumptions, never as facts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SettingsGiven {
    pub certificate_enabled: bool,
    pub debug_switch: bool,
}

impl Default for ProjectSettings {
    /// A project with a certificate and the switch off: the production setting, and
    /// the one the worked example is about.
    fn default() -> Self {
        ProjectSettings {
            certificate_enabled: true,
            debug_switch: false,
        }
    }
}

impl ProjectSettings {
    /// Whether the debugging switch can be set at all.
    pub fn debug_switch_available(&self) -> bool {
        self.certificate_enabled
    }

    /// The row of the rule table that applies.
    pub fn rule(&self) -> Rule {
        match (self.certificate_enabled, self.debug_switch) {
            (false, _) => Rule::AnyValue,
            (true, true) => Rule::TokenOrNoNeedToken,
            (true, false) => Rule::TokenOnly,
        }
    }
}

/// One row of the rule table: what the server accepts as a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Certificate not enabled: the token is not checked.
    AnyValue,
    /// Certificate enabled, switch on.
    TokenOrNoNeedToken,
    /// Certificate enabled, switch off.
    TokenOnly,
}

impl Rule {
    /// The rule table, in the order the console documents it.
    pub const TABLE: [Rule; 3] = [Rule::AnyValue, Rule::TokenOrNoNeedToken, Rule::TokenOnly];

    pub fn certificate_column(self) -> &'static str {
        match self {
            Rule::AnyValue => "not enabled",
            Rule::TokenOrNoNeedToken | Rule::TokenOnly => "enabled",
        }
    }

    pub fn switch_column(self) -> &'static str {
        match self {
            Rule::AnyValue => "(cannot be set)",
            Rule::TokenOrNoNeedToken => "on",
            Rule::TokenOnly => "off",
        }
    }

    pub fn accepts_column(self) -> &'static str {
        match self {
            Rule::AnyValue => "any value",
            Rule::TokenOrNoNeedToken => "a valid token, or _no_need_token",
            Rule::TokenOnly => "only a valid token",
        }
    }

    /// What the server does with `_no_need_token` under this rule.
    pub fn no_need_token_outcome(self) -> Outcome {
        match self {
            Rule::AnyValue | Rule::TokenOrNoNeedToken => Outcome::Accepted,
            Rule::TokenOnly => Outcome::Rejected(LoginError::TokenWrong),
        }
    }

    /// One line for small screens.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::AnyValue => "Certificate off: any value logs in, _no_need_token included.",
            Rule::TokenOrNoNeedToken => {
                "Switch on: a valid token or _no_need_token logs in; anything else gets 206."
            }
            Rule::TokenOnly => {
                "Switch off: only a valid token logs in; _no_need_token gets 206 LOGIN_E_TOKENWRONG."
            }
        }
    }

    /// The plain-words explanation for the console.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::AnyValue => {
                "The App Certificate is not enabled, so the server does not check tokens: \
                 any value logs in, a valid token, _no_need_token or anything else. \
                 The Token Debugging Switch cannot be set."
            }
            Rule::TokenOrNoNeedToken => {
                "The server accepts a valid SignalingToken, or the literal _no_need_token \
                 (meant for test environments only). Anything else fails with 206 \
                 LOGIN_E_TOKENWRONG; a valid token past its expiry fails with 204."
            }
            Rule::TokenOnly => {
                "The server accepts only a valid SignalingToken. _no_need_token fails with \
                 206 LOGIN_E_TOKENWRONG, as does any wrong token; a valid token past its \
                 expiry fails with 204 LOGIN_E_TOKENEXPIRED."
            }
        }
    }
}

/// A newly enabled certificate is not in force at once.
pub const CERTIFICATE_DELAY_NOTE: &str =
    "A newly enabled App Certificate takes about an hour to take effect.";

/// What the server answers to a login.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Rejected(LoginError),
}

/// Login failure codes of the legacy Signaling SDK (`onLoginFailed(ecode)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginError {
    Other,
    Net,
    Failed,
    Cancel,
    TokenExpired,
    OldVersion,
    TokenWrong,
    TokenKicked,
    AlreadyLogin,
    InvalidUser,
}

impl LoginError {
    pub const ALL: [LoginError; 10] = [
        LoginError::Other,
        LoginError::Net,
        LoginError::Failed,
        LoginError::Cancel,
        LoginError::TokenExpired,
        LoginError::OldVersion,
        LoginError::TokenWrong,
        LoginError::TokenKicked,
        LoginError::AlreadyLogin,
        LoginError::InvalidUser,
    ];

    pub fn code(self) -> u16 {
        match self {
            LoginError::Other => 200,
            LoginError::Net => 201,
            LoginError::Failed => 202,
            LoginError::Cancel => 203,
            LoginError::TokenExpired => 204,
            LoginError::OldVersion => 205,
            LoginError::TokenWrong => 206,
            LoginError::TokenKicked => 207,
            LoginError::AlreadyLogin => 208,
            LoginError::InvalidUser => 209,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LoginError::Other => "LOGIN_E_OTHER",
            LoginError::Net => "LOGIN_E_NET",
            LoginError::Failed => "LOGIN_E_FAILED",
            LoginError::Cancel => "LOGIN_E_CANCEL",
            LoginError::TokenExpired => "LOGIN_E_TOKENEXPIRED",
            LoginError::OldVersion => "LOGIN_E_OLDVERSION",
            LoginError::TokenWrong => "LOGIN_E_TOKENWRONG",
            LoginError::TokenKicked => "LOGIN_E_TOKEN_KICKED",
            LoginError::AlreadyLogin => "LOGIN_E_ALREADY_LOGIN",
            LoginError::InvalidUser => "LOGIN_E_INVALID_USER",
        }
    }

    pub fn from_code(code: u16) -> Option<LoginError> {
        LoginError::ALL.into_iter().find(|e| e.code() == code)
    }
}

impl fmt::Display for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(certificate_enabled: bool, debug_switch: bool) -> ProjectSettings {
        ProjectSettings {
            certificate_enabled,
            debug_switch,
        }
    }

    #[test]
    fn rule_table_follows_the_documented_rows() {
        assert_eq!(settings(false, false).rule(), Rule::AnyValue);
        // The switch cannot be set without a certificate; a stale "on" changes nothing.
        assert_eq!(settings(false, true).rule(), Rule::AnyValue);
        assert_eq!(settings(true, true).rule(), Rule::TokenOrNoNeedToken);
        assert_eq!(settings(true, false).rule(), Rule::TokenOnly);
    }

    #[test]
    fn no_need_token_is_rejected_with_206_only_when_the_switch_is_off() {
        assert_eq!(Rule::AnyValue.no_need_token_outcome(), Outcome::Accepted);
        assert_eq!(
            Rule::TokenOrNoNeedToken.no_need_token_outcome(),
            Outcome::Accepted
        );
        assert_eq!(
            Rule::TokenOnly.no_need_token_outcome(),
            Outcome::Rejected(LoginError::TokenWrong)
        );
        assert!(
            Rule::TokenOnly
                .explanation()
                .contains("206 LOGIN_E_TOKENWRONG")
        );
    }

    #[test]
    fn switch_is_available_only_with_a_certificate() {
        assert!(!settings(false, false).debug_switch_available());
        assert!(settings(true, false).debug_switch_available());
    }

    #[test]
    fn error_codes_round_trip() {
        for e in LoginError::ALL {
            assert_eq!(LoginError::from_code(e.code()), Some(e));
        }
        assert_eq!(LoginError::TokenWrong.to_string(), "206 LOGIN_E_TOKENWRONG");
        assert_eq!(
            LoginError::TokenExpired.to_string(),
            "204 LOGIN_E_TOKENEXPIRED"
        );
        assert_eq!(LoginError::from_code(210), None);
    }
}
