//! What a check reports: a finding with its severity, the input it is about and the
//! characters to mark, and the one order findings are shown in.

use crate::token::Part;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which characters of the field a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marks {
    None,
    /// The whole value.
    Whole,
    /// These `char` indices of the value.
    Chars(Vec<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable identifier, e.g. `certificate_whitespace`.
    pub code: &'static str,
    pub severity: Severity,
    /// The input it concerns; `None` for all of them together.
    pub field: Option<Part>,
    /// What is wrong, in one line.
    pub message: String,
    /// Why it matters, in one line.
    pub why: String,
    pub marks: Marks,
}

impl Finding {
    pub fn new(
        code: &'static str,
        severity: Severity,
        field: Option<Part>,
        message: impl Into<String>,
        why: impl Into<String>,
        marks: Marks,
    ) -> Finding {
        Finding {
            code,
            severity,
            field,
            message: message.into(),
            why: why.into(),
            marks,
        }
    }
}

/// The name of a field as the console shows it; "All inputs" for none.
pub fn field_name(part: Option<Part>) -> &'static str {
    part.map_or("All inputs", Part::name)
}

/// A sentence as it reads inside another one: its first letter in lower case, unless it
/// opens with a name ("App ID", "App Certificate").
pub fn mid_sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !text.starts_with("App") => format!("{}{}", c.to_lowercase(), chars.as_str()),
        _ => text.to_string(),
    }
}

/// Notes that say how the tool read the input (a relative expiry resolved, a zone-less
/// date-time read as UTC, the vendor's worked example): they explain what is on screen,
/// so they come before the warnings, not under them.
const EXPLAINS_INPUT: [&str; 3] = ["expiry_relative", "expiry_read_as_utc", "worked_example"];

impl Finding {
    /// Whether the token made from these inputs is wrong because of it: an error in an
    /// input. A past expiry is not one (an old token is reproduced on purpose).
    pub fn blocks_a_token(&self) -> bool {
        self.severity == Severity::Error && self.code != "expired"
    }

    /// The severity to show beside a token that is made anyway: an error that does not
    /// block the token (a past expiry) is a warning there, since the command succeeds.
    pub fn severity_beside_a_token(&self) -> Severity {
        match self.severity {
            Severity::Error if !self.blocks_a_token() => Severity::Warning,
            other => other,
        }
    }

    /// Whether this note says how the input was read (see [`sort`]).
    pub fn explains_input(&self) -> bool {
        self.severity == Severity::Note && EXPLAINS_INPUT.contains(&self.code)
    }
}

/// Sorts findings: errors first, then the notes that explain how the input was read,
/// then warnings, then the other notes; within each, by field in hashing order. The one
/// order every front end shows them in.
pub fn sort(findings: &mut [Finding]) {
    let rank = |f: &Finding| match f.severity {
        Severity::Error => 0,
        Severity::Note if f.explains_input() => 1,
        Severity::Warning => 2,
        Severity::Note => 3,
    };
    let field_rank = |f: &Finding| f.field.map_or(4, |p| p as usize);
    findings.sort_by_key(|f| (rank(f), field_rank(f)));
}

pub(super) fn ordinal_positions(indices: &[usize]) -> String {
    let shown: Vec<String> = indices
        .iter()
        .take(4)
        .map(|i| (i + 1).to_string())
        .collect();
    let more = if indices.len() > 4 {
        format!(" and {} more", indices.len() - 4)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// The `char` indices of `chars` for which `keep` holds.
pub(super) fn positions(chars: &[char], keep: impl Fn(usize, char) -> bool) -> Vec<usize> {
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| keep(*i, **c))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, severity: Severity, field: Option<Part>) -> Finding {
        Finding::new(code, severity, field, "", "", Marks::None)
    }

    #[test]
    fn the_note_that_explains_the_input_comes_before_the_warnings() {
        let mut f = vec![
            finding("account_non_ascii", Severity::Note, Some(Part::Account)),
            finding("account_nfd", Severity::Warning, Some(Part::Account)),
            finding(
                "expiry_read_as_utc",
                Severity::Note,
                Some(Part::ExpiredTime),
            ),
            finding(
                "certificate_length",
                Severity::Error,
                Some(Part::AppCertificate),
            ),
            finding("expiry_far_future", Severity::Note, Some(Part::ExpiredTime)),
        ];
        sort(&mut f);
        let codes: Vec<&str> = f.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                "certificate_length",
                "expiry_read_as_utc",
                "account_nfd",
                "account_non_ascii",
                "expiry_far_future"
            ]
        );
    }
}
