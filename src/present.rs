//! The sentences every front end prints: the verdict, the cause, a finding and an error
//! code's entry. Written once here; the commands, the Markdown report and the console frame them.

use crate::checks::Finding;
use crate::codes::CodeEntry;
use crate::diagnose::{Cause, CauseField};
use crate::policy::Outcome;

/// What the server answers: "accepted", or "rejected with 206 LOGIN_E_TOKENWRONG (token
/// invalid)".
pub fn verdict(outcome: Outcome) -> String {
    match outcome {
        Outcome::Accepted => "accepted".to_string(),
        Outcome::Rejected(e) => {
            let meaning = crate::codes::entry(e).map_or("", |entry| entry.meaning);
            format!("rejected with {e} ({meaning})")
        }
    }
}

/// The verdict in a few words, for a badge: "accepted", or "rejected: 206
/// LOGIN_E_TOKENWRONG".
pub fn verdict_short(outcome: Outcome) -> String {
    match outcome {
        Outcome::Accepted => "accepted".to_string(),
        Outcome::Rejected(e) => format!("rejected: {e}"),
    }
}

/// The mistake that reproduces the client's sign: "whitespace (App Certificate):
/// certificate + '\n'".
pub fn cause(cause: &Cause) -> String {
    let field = cause.field.map_or("All inputs", CauseField::name);
    format!("{} ({field}): {}", cause.code, cause.detail)
}

/// What a finding says, and why it matters when it says why.
pub fn finding(finding: &Finding) -> String {
    if finding.why.is_empty() {
        finding.message.clone()
    } else {
        format!("{} — {}", finding.message, finding.why)
    }
}

/// One line of an error code's entry, for a front end to style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeLine {
    /// "206 LOGIN_E_TOKENWRONG", then its meaning: "token invalid"
    Title { code: String, meaning: &'static str },
    /// "Likely causes:" or "What to check:"
    Heading(&'static str),
    /// One cause, or one thing to check.
    Item(&'static str),
}

/// The whole entry of one code, line by line.
pub fn code_entry(entry: &CodeEntry) -> Vec<CodeLine> {
    let mut lines = vec![CodeLine::Title {
        code: format!("{} {}", entry.code, entry.name),
        meaning: entry.meaning,
    }];
    for (heading, items) in [
        ("Likely causes:", entry.causes),
        ("What to check:", entry.check),
    ] {
        lines.push(CodeLine::Heading(heading));
        lines.extend(items.iter().map(|item| CodeLine::Item(item)));
    }
    lines
}

/// The entry as plain text, as `sigtoken explain` prints it.
pub fn code_entry_text(entry: &CodeEntry) -> String {
    code_entry(entry)
        .into_iter()
        .map(|line| match line {
            CodeLine::Title { code, meaning } => format!("{code}: {meaning}\n"),
            CodeLine::Heading(h) => format!("{h}\n"),
            CodeLine::Item(i) => format!("  - {i}\n"),
        })
        .collect()
}

/// A code in a list: number and name in a column, then the meaning.
pub fn code_summary_parts(entry: &CodeEntry) -> (String, &'static str) {
    (format!("{} {:<24}", entry.code, entry.name), entry.meaning)
}

/// A code in a list, on one line, as `sigtoken explain` lists them.
pub fn code_summary(entry: &CodeEntry) -> String {
    let (head, meaning) = code_summary_parts(entry);
    format!("{head} {meaning}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::policy::LoginError;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(Outcome::Accepted), "accepted");
        assert_eq!(
            verdict(Outcome::Rejected(LoginError::TokenWrong)),
            "rejected with 206 LOGIN_E_TOKENWRONG (token invalid)"
        );
        assert_eq!(
            verdict(Outcome::Rejected(LoginError::TokenExpired)),
            "rejected with 204 LOGIN_E_TOKENEXPIRED (token expired, login rejected)"
        );
    }

    #[test]
    fn code_entry_text_lists_causes_and_checks() {
        let e = codes::lookup(206).expect("206");
        let text = code_entry_text(e);
        assert!(text.starts_with("206 LOGIN_E_TOKENWRONG: token invalid\nLikely causes:\n  - "));
        assert!(text.contains("What to check:\n  - "));
        assert_eq!(
            text.lines().count(),
            3 + e.causes.len() + e.check.len(),
            "{text}"
        );
    }
}
