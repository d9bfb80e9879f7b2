//! The sentences every front end prints: the verdict, the cause, a finding and an error
//! code's entry. Written once here; the commands, the Markdown report and the console frame them.

use crate::checks::Finding;
use crate::codes::CodeEntry;
use crate::diagnose::{Candidates, Cause, CauseField};
use crate::policy::Outcome;
use crate::token::TokenParseError;

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

/// The mistake that reproduces the client's sign, as one plain sentence: "Your server
/// hashed a duration where the expiry time belongs: expiry 2592000 (30 days, a duration)
/// instead of 1546271999."
pub fn cause(cause: &Cause) -> String {
    format!("{} {}.", cause_lead(cause), cause.detail)
}

/// What each kind of mistake says happened; the cause's detail completes the sentence.
fn cause_lead(cause: &Cause) -> &'static str {
    let on_token = cause.field == Some(CauseField::Token);
    match cause.code {
        "whitespace" | "url_encoded" | "quoted" if on_token => {
            "The token was changed on its way to the client:"
        }
        "whitespace" => "Your server hashed an input with stray whitespace:",
        "letter_case"
        | "unicode_normalization"
        | "non_utf8_charset"
        | "empty_field"
        | "field_mixup"
        | "number_format" => "Your server hashed",
        "concatenation_order" => "Your server put the inputs together in another order:",
        "quotes" => "Your server read",
        "expiry_milliseconds" => "Your server wrote the expiry in the wrong unit:",
        "expiry_as_duration" => "Your server hashed a duration where the expiry time belongs:",
        "expiry_mismatch" => "Your server hashed one expiry and sent another:",
        "expiry_wrapped" => "Your server's generator cut the expiry to 32 bits:",
        "other_certificate" => "Your server used another certificate:",
        "other_account" => "The client's token was made for another account:",
        "separators" => "Your server joined the inputs with a separator:",
        "wrong_algorithm" => "Your server signed with another hash than one MD5 of the inputs:",
        "sign_encoding" => "Your server wrote the MD5 in another encoding:",
        "combined" => "Your server made two mistakes at once:",
        "no_need_token_typo" => "The client sent a near miss of _no_need_token:",
        "access_token" => "The client sent another kind of token, not a SignalingToken:",
        _ => "The sign was made with",
    }
}

/// The cause's code and where it is, for a label: "expiry_as_duration, Expiry".
pub fn cause_code(cause: &Cause) -> String {
    let field = cause.field.map_or("All inputs", CauseField::name);
    format!("{}, {field}", cause.code)
}

/// What the search tried besides the known mistakes: "Every known mistake, 3 candidate
/// certificates from certs.txt and 2 candidate accounts from accounts.txt."
pub fn searched(candidates: &Candidates) -> String {
    let files = [
        (
            candidates.certificates.len(),
            "certificate",
            &candidates.certificate_file,
        ),
        (
            candidates.accounts.len(),
            "account",
            &candidates.account_file,
        ),
    ];
    let lists: Vec<String> = files
        .into_iter()
        .filter_map(|(count, what, file)| {
            let file = crate::visible::quote(file.as_deref()?, 60);
            let plural = if count == 1 { "" } else { "s" };
            Some(format!("{count} candidate {what}{plural} from {file}"))
        })
        .collect();
    match lists.as_slice() {
        [] => "Every known mistake; no candidate files (--candidate-certificates, \
               --candidate-accounts) were given."
            .to_string(),
        [one] => format!("Every known mistake, and {one}."),
        [first, second, ..] => format!("Every known mistake, {first} and {second}."),
    }
}

/// What a client token that does not parse is: "not a SignalingToken: …", or the
/// `_no_need_token` literal named as what it is.
pub fn unparsed(error: &TokenParseError) -> String {
    match error {
        TokenParseError::NoNeedToken => error.to_string(),
        _ => format!("not a SignalingToken: {error}"),
    }
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
    fn every_cause_reads_as_a_sentence_of_its_own() {
        use crate::diagnose::CAUSE_CODES;
        let fallback = cause_lead(&Cause::input("", None, String::new()));
        for code in CAUSE_CODES {
            let c = Cause::input(code, None, "x".into());
            assert_ne!(cause_lead(&c), fallback, "{code} has no sentence");
            let sentence = cause(&c);
            assert!(sentence.starts_with(char::is_uppercase) && sentence.ends_with("x."));
        }
        // The mistakes in the token itself, found before the search.
        for code in [
            "url_encoded",
            "quoted",
            "whitespace",
            "no_need_token_typo",
            "access_token",
        ] {
            let c = Cause::token(code, "x".into());
            assert_ne!(cause_lead(&c), fallback, "{code} has no sentence");
        }
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
