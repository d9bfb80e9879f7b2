//! What a diagnosis is asked: the client's token and the inputs that should have made
//! it ([`Request`]), and its owned form to hand to another thread ([`Job`]).

use crate::policy::ProjectSettings;
use chrono::{DateTime, Utc};
use std::fmt;
use std::sync::Arc;

/// What the support engineer knows.
#[derive(Clone)]
pub struct Request<'a> {
    /// The token the failing client sent, exactly as it was sent.
    pub client_token: &'a str,
    pub app_id: &'a str,
    pub account: &'a str,
    pub certificate: &'a str,
    /// The expiry the client should have been given, when it is known; otherwise the
    /// expiry the client's token carries is taken as meant.
    pub expected_expiry: Option<i64>,
    pub settings: ProjectSettings,
    pub now: DateTime<Utc>,
    /// Other certificates the client's generator may have used.
    pub candidate_certificates: &'a [String],
    /// Other accounts the client may have logged in with.
    pub candidate_accounts: &'a [String],
}

impl Request<'_> {
    /// The token the expected inputs make with `expired_time`.
    pub fn expected_token(&self, expired_time: i64) -> crate::token::ParsedToken {
        let inputs =
            crate::token::Inputs::new(self.app_id, self.certificate, self.account, expired_time);
        crate::token::ParsedToken {
            version: crate::token::VERSION.to_string(),
            app_id: self.app_id.to_string(),
            expired_time,
            sign: inputs.sign(),
        }
    }
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("client_token", &self.client_token)
            .field("app_id", &self.app_id)
            .field("account", &self.account)
            .field("certificate", &"<redacted>")
            .field("expected_expiry", &self.expected_expiry)
            .field("settings", &self.settings)
            .field("now", &self.now)
            .field("candidate_certificates", &self.candidate_certificates.len())
            .field("candidate_accounts", &self.candidate_accounts.len())
            .finish()
    }
}

/// Values to try besides the expected ones, read from files: other certificates the
/// client's server may use, other accounts the client may log in with.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    pub certificates: Vec<String>,
    pub accounts: Vec<String>,
    /// The files they came from, as the user named them.
    pub certificate_file: Option<String>,
    pub account_file: Option<String>,
}

impl Drop for Candidates {
    fn drop(&mut self) {
        self.certificates
            .iter_mut()
            .for_each(zeroize::Zeroize::zeroize);
    }
}

impl fmt::Debug for Candidates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidates")
            .field("certificates", &self.certificates.len())
            .field("accounts", &self.accounts.len())
            .finish_non_exhaustive()
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
    pub candidates: Arc<Candidates>,
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
            expected_expiry: None,
            settings: self.settings,
            now: self.now,
            candidate_certificates: &self.candidates.certificates,
            candidate_accounts: &self.candidates.accounts,
        }
    }
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.request().fmt(f)
    }
}

/// The worked example's inputs, diagnosing `client_token` on 2018-12-31.
#[cfg(test)]
pub(crate) fn example(client_token: &str) -> Request<'_> {
    use crate::token::worked_example as ex;
    Request {
        client_token,
        app_id: ex::APP_ID,
        account: ex::ACCOUNT,
        certificate: ex::APP_CERTIFICATE,
        expected_expiry: None,
        settings: ProjectSettings::default(),
        now: crate::expiry::parse_now("2018-12-31T00:00:00Z").unwrap(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    }
}

#[cfg(test)]
mod tests {
    use crate::token::worked_example as ex;

    #[test]
    fn debug_hides_the_certificate() {
        let dump = format!("{:?}", super::example("x"));
        assert!(!dump.contains(ex::APP_CERTIFICATE));
    }
}
