//! What the search names: the mistake that reproduces the client's sign ([`Cause`]),
//! and where it is ([`CauseField`]).

use crate::token::Part;

/// The mistake that reproduces the client's sign exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    pub code: &'static str,
    /// Where the mistake is; `None` when it is in how all the inputs were put together.
    pub field: Option<CauseField>,
    /// The concrete variant, e.g. `certificate + '\n'` or `expiry 2592000 instead of 1546271999`.
    pub detail: String,
    /// For `combined`, the mistakes that together reproduce the sign; empty otherwise.
    pub causes: Vec<Cause>,
}

impl Cause {
    /// A cause in one input (or in none), as the strategies find them.
    pub fn input(code: &'static str, part: Option<Part>, detail: String) -> Cause {
        Cause {
            code,
            field: part.map(CauseField::Input),
            detail,
            causes: Vec::new(),
        }
    }

    /// A cause in the token itself, as it travelled from the server to the client.
    pub fn token(code: &'static str, detail: String) -> Cause {
        Cause {
            code,
            field: Some(CauseField::Token),
            detail,
            causes: Vec::new(),
        }
    }

    /// The input the mistake is in, if it is in one.
    pub fn part(&self) -> Option<Part> {
        match self.field {
            Some(CauseField::Input(part)) => Some(part),
            _ => None,
        }
    }
}

/// Where a mistake is: in one of the four inputs, or in the token itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CauseField {
    Input(Part),
    Token,
}

impl CauseField {
    /// Its JSON key: an input's key, or `token`.
    pub fn key(self) -> &'static str {
        match self {
            CauseField::Input(part) => part.key(),
            CauseField::Token => "token",
        }
    }

    /// Its name on screen: an input's name, or "Token".
    pub fn name(self) -> &'static str {
        match self {
            CauseField::Input(part) => part.name(),
            CauseField::Token => "Token",
        }
    }
}

impl Cause {
    /// Two mistakes at once: the detail names both, `causes` holds each as it would be
    /// reported alone.
    pub fn combined(first: Cause, second: Cause) -> Cause {
        Cause {
            code: "combined",
            field: None,
            detail: format!("{} and {}", first.detail, second.detail),
            causes: vec![first, second],
        }
    }
}
