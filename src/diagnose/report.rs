//! What a diagnosis concludes ([`Report`]): the verdict, the client's token read as far
//! as it goes, the expected token, the findings and the cause. In its own module so
//! that the parts of the diagnosis that build one (the mangled-token repair) need not
//! name the diagnosis itself.

use super::search::Cause;
use crate::checks::Finding;
use crate::policy::{LoginError, Outcome};
use crate::token::{ParsedToken, TokenParseError, parse_token};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// What the server answers.
    pub outcome: Outcome,
    /// The client's token, parsed, or why it cannot be.
    pub parsed: Result<ParsedToken, TokenParseError>,
    /// The token the expected inputs make (`to_token()` writes it out): with the
    /// expected expiry when the request names one, else with the client token's.
    pub expected: Option<ParsedToken>,
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

    /// The report on a token that is not compared: `_no_need_token`, or one that does
    /// not parse.
    pub(super) fn uncompared(
        outcome: Outcome,
        client_token: &str,
        findings: Vec<Finding>,
    ) -> Report {
        Report {
            outcome,
            parsed: parse_token(client_token),
            expected: None,
            findings,
            cause: None,
            cancelled: false,
        }
    }
}

/// Nothing fails while the App Certificate is off: under that rule, what would fail is
/// only a note.
pub(super) fn notes_when_anything_goes(rule: crate::policy::Rule, findings: &mut [Finding]) {
    if rule == crate::policy::Rule::AnyValue {
        for f in findings {
            f.severity = crate::checks::Severity::Note;
        }
    }
}
