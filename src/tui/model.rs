//! The console's plain state types: what is focused, which view and overlay show, where
//! the diagnosis stands, the status line, and the `Config` the console starts from.

use crate::diagnose::{Candidates, Report};
use crate::expiry::Zone;
use crate::policy::ProjectSettings;
use crate::token::{Part, worked_example};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// The focusable widgets, in focus order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    AppId,
    Certificate,
    Account,
    Expiry,
    CertificateEnabled,
    DebugSwitch,
    /// The token a failing client sent, for the diagnosis.
    ClientToken,
}

impl Focus {
    pub const ORDER: [Focus; 7] = [
        Focus::AppId,
        Focus::Certificate,
        Focus::Account,
        Focus::Expiry,
        Focus::CertificateEnabled,
        Focus::DebugSwitch,
        Focus::ClientToken,
    ];
    pub const FIELDS: [Focus; 5] = [
        Focus::AppId,
        Focus::Certificate,
        Focus::Account,
        Focus::Expiry,
        Focus::ClientToken,
    ];

    fn index(self) -> usize {
        Focus::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn next(self) -> Focus {
        Focus::ORDER[(self.index() + 1) % Focus::ORDER.len()]
    }

    pub fn prev(self) -> Focus {
        Focus::ORDER[(self.index() + Focus::ORDER.len() - 1) % Focus::ORDER.len()]
    }

    /// The next text field, skipping the toggles (what Enter moves to).
    pub fn next_field(self) -> Focus {
        let i = Focus::FIELDS.iter().position(|f| *f == self).unwrap_or(0);
        Focus::FIELDS[(i + 1) % Focus::FIELDS.len()]
    }

    pub fn is_text(self) -> bool {
        Focus::FIELDS.contains(&self)
    }

    /// The input of the token this field holds, if it holds one.
    pub fn part(self) -> Option<Part> {
        match self {
            Focus::AppId => Some(Part::AppId),
            Focus::Certificate => Some(Part::AppCertificate),
            Focus::Account => Some(Part::Account),
            Focus::Expiry => Some(Part::ExpiredTime),
            _ => None,
        }
    }

    /// The field's name on screen: an input's is the one `token::Part` gives.
    pub fn label(self) -> &'static str {
        match self {
            Focus::CertificateEnabled => "App Certificate enabled",
            Focus::DebugSwitch => "Token Debugging Switch",
            Focus::ClientToken => "Client token",
            _ => self.part().map_or("", Part::name),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The error code reference.
    Codes,
}

/// What the lower half of the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// MD5 input, sign and token, checks, server rules.
    Console,
    /// The diagnosis of the client token.
    Diagnosis,
}

/// Where the diagnosis of the client token stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// No client token to diagnose.
    Idle,
    Running {
        tried: u64,
        total: u64,
    },
    Cancelled,
    Done(Box<Report>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusLevel {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub level: StatusLevel,
    pub text: String,
}

/// How the console starts.
#[derive(Clone)]
pub struct Config {
    pub app_id: String,
    pub certificate: crate::secret::Secret,
    pub account: String,
    pub expiry: String,
    /// A client token to diagnose at start.
    pub client_token: String,
    pub reveal_certificate: bool,
    pub settings: ProjectSettings,
    pub now: DateTime<Utc>,
    /// Where "local time" is shown for.
    pub zone: Zone,
    /// The zone a date-time without one is read in (`--tz`); UTC when `None`.
    pub tz: Option<Zone>,
    /// Draw without colours (NO_COLOR): emphasis by bold, underline and reverse only.
    pub no_color: bool,
    /// Capture the mouse, so a click focuses a field (`--mouse`). Off by default, so the
    /// terminal's own selection (to copy the token by hand) keeps working.
    pub mouse: bool,
    /// A message for the status line at start (e.g. where the certificate came from).
    pub status: Option<Status>,
    /// Other certificates and accounts every diagnosis tries.
    pub candidates: Arc<Candidates>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("app_id", &self.app_id)
            .field("certificate", &"<redacted>")
            .field("account", &self.account)
            .field("expiry", &self.expiry)
            .field("settings", &self.settings)
            .field("now", &self.now)
            .field("mouse", &self.mouse)
            .finish_non_exhaustive()
    }
}

impl Config {
    pub fn worked_example(now: DateTime<Utc>) -> Config {
        Config {
            app_id: worked_example::APP_ID.into(),
            certificate: worked_example::APP_CERTIFICATE.into(),
            account: worked_example::ACCOUNT.into(),
            expiry: worked_example::EXPIRED_TIME.to_string(),
            client_token: String::new(),
            reveal_certificate: false,
            settings: ProjectSettings::default(),
            now,
            zone: Zone::Local,
            tz: None,
            no_color: false,
            mouse: false,
            status: None,
            candidates: Arc::default(),
        }
    }

    pub fn blank(now: DateTime<Utc>) -> Config {
        Config {
            app_id: String::new(),
            certificate: Default::default(),
            account: String::new(),
            expiry: String::new(),
            ..Config::worked_example(now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_walks_round_and_enter_skips_the_toggles() {
        assert_eq!(Focus::ClientToken.next(), Focus::AppId);
        assert_eq!(Focus::AppId.prev(), Focus::ClientToken);
        assert_eq!(Focus::Expiry.next_field(), Focus::ClientToken);
        assert_eq!(Focus::ClientToken.next_field(), Focus::AppId);
    }

    #[test]
    fn config_debug_hides_the_certificate() {
        let config = Config::worked_example(Utc::now());
        let shown = format!("{config:?}");
        assert!(!shown.contains(worked_example::APP_CERTIFICATE), "{shown}");
        assert!(shown.contains("<redacted>"));
    }
}
