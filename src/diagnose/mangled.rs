//! Tokens mangled on their way to the client: percent-encoded (`url_encoded`), wrapped
//! in quotes (`quoted`), with whitespace at an end (`whitespace`), or a near miss of
//! `_no_need_token` (`no_need_token_typo`). The server reads such a token as sent and
//! answers 206; the diagnosis then repairs it step by step and diagnoses the repaired
//! text a second time, to say what the token would get once repaired.
//!
//! A repair is claimed only when the repaired text is a well-formed SignalingToken or
//! exactly `_no_need_token`: anything else stays as the rest of the diagnosis reads it.

use super::control::Control;
use super::report::Report;
use super::request::Request;
use super::search::Cause;
use crate::checks::{Finding, Marks, Severity};
use crate::policy::{LoginError, NO_NEED_TOKEN, Outcome, Rule};
use crate::token::{TokenParseError, parse_token};
use crate::visible;
use percent_encoding::percent_decode_str;

/// The characters a copy, a paste or an `echo` leaves at either end of a token.
const EDGE_WHITESPACE: [char; 5] = ['\n', '\r', ' ', '\t', '\u{A0}'];

/// How many characters of the client's token a finding quotes.
const QUOTED_CHARS: usize = 24;

/// One thing that happened to the token on its way to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    /// Percent-encoded, `times` times in a row.
    PercentEncoded { times: usize },
    /// Wrapped in this quote character at both ends.
    Quoted(char),
    /// These characters before it and after it.
    Whitespace { start: String, end: String },
    /// `_no_need_token` spelt another way: without its leading underscore, or in another
    /// letter case.
    Spelling { underscore: bool, case: bool },
}

impl Step {
    /// The cause code this step is named by when it is the outermost one.
    fn code(&self) -> &'static str {
        match self {
            Step::PercentEncoded { .. } => "url_encoded",
            Step::Quoted(_) => "quoted",
            Step::Whitespace { .. } => "whitespace",
            Step::Spelling { .. } => "no_need_token_typo",
        }
    }

    /// What happened, after "the token was": "percent-encoded twice".
    fn happened(&self) -> String {
        match self {
            Step::PercentEncoded { times: 1 } => "percent-encoded".into(),
            Step::PercentEncoded { times: 2 } => "percent-encoded twice".into(),
            Step::PercentEncoded { times } => format!("percent-encoded {times} times"),
            Step::Quoted('\'') => "wrapped in single quotes".into(),
            Step::Quoted(_) => "wrapped in double quotes".into(),
            Step::Whitespace { start, end } => match (start.is_empty(), end.is_empty()) {
                (false, true) => format!("preceded by {}", names(start)),
                (true, false) => format!("followed by {}", names(end)),
                _ => format!(
                    "preceded by {} and followed by {}",
                    names(start),
                    names(end)
                ),
            },
            Step::Spelling { underscore, case } => match (underscore, case) {
                (true, true) => {
                    "written without its leading underscore and in another letter case".into()
                }
                (true, false) => "written without its leading underscore".into(),
                _ => "written in another letter case".into(),
            },
        }
    }

    /// What undoes it: "decoded".
    fn undone(&self) -> &'static str {
        match self {
            Step::PercentEncoded { .. } => "decoded",
            Step::Quoted(_) => "unquoted",
            Step::Whitespace { .. } => "trimmed",
            Step::Spelling { .. } => "corrected",
        }
    }
}

/// What the repaired text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A well-formed SignalingToken.
    Token,
    /// Exactly `_no_need_token`.
    NoNeedToken,
}

/// How a client's token was mangled, and what it is once repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Repair {
    /// What happened to the token, the last (outermost) first: the order they are undone.
    steps: Vec<Step>,
    /// The text once every step is undone.
    text: String,
    target: Target,
}

impl Repair {
    /// The cause code: the outermost mangling. It is the last thing that happened to the
    /// token, nearest the client, and the first to undo, so it names where to look
    /// first; the inner ones are named in the detail, every one.
    fn code(&self) -> &'static str {
        match self.target {
            Target::NoNeedToken => "no_need_token_typo",
            Target::Token => self.steps[0].code(),
        }
    }

    /// Every step in the order it happened: "wrapped in double quotes, then followed by
    /// a newline (\n)".
    fn happened(&self) -> String {
        let steps: Vec<String> = self.steps.iter().rev().map(Step::happened).collect();
        steps.join(", then ")
    }

    /// Every repair in the order it is done: "trimmed and unquoted".
    fn undone(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        for step in &self.steps {
            if words.last() != Some(&step.undone()) {
                words.push(step.undone());
            }
        }
        join_and(&words)
    }
}

/// The hook in the diagnosis: the report on a mangled token, or `None` when `request`'s
/// token is not one. `before` are the findings made so far; `again` diagnoses the
/// repaired token.
pub(super) fn diagnose(
    request: &Request,
    control: &Control,
    before: &[Finding],
    again: fn(&Request, &Control) -> Report,
) -> Option<Report> {
    let repair = repair(request.client_token)?;
    let rule = request.settings.rule();
    let mut findings = before.to_vec();
    let (detail, inner) = match repair.target {
        Target::NoNeedToken => (no_need_token_detail(&repair, rule), None),
        Target::Token => {
            // What a server that checks tokens makes of the repaired one: with the
            // certificate off, the server would accept anything and say nothing.
            let checked = Request {
                client_token: &repair.text,
                settings: crate::policy::ProjectSettings {
                    certificate_enabled: true,
                    ..request.settings
                },
                ..request.clone()
            };
            let inner = again(&checked, control);
            let detail = format!(
                "{}; {}, {}",
                repair.happened(),
                repair.undone(),
                repaired_verdict(&inner, rule)
            );
            (detail, Some(inner))
        }
    };
    findings.push(mangling_finding(request.client_token, &repair, rule));
    let (expected, cancelled) = match inner {
        Some(inner) => {
            findings.extend(once_repaired(&repair, inner.findings));
            (inner.expected, inner.cancelled)
        }
        None => (None, false),
    };
    super::report::notes_when_anything_goes(rule, &mut findings);
    Some(Report {
        outcome: match rule {
            Rule::AnyValue => Outcome::Accepted,
            _ => Outcome::Rejected(LoginError::TokenWrong),
        },
        // The client's token as it was sent: it does not parse, and saying why is true.
        parsed: parse_token(request.client_token),
        // The token to send instead, made from the expected inputs with the repaired
        // token's expiry.
        expected,
        findings,
        cause: Some(Cause::token(repair.code(), detail)),
        cancelled,
    })
}

/// How `token` was mangled, if undoing manglings one by one makes it a well-formed
/// SignalingToken or `_no_need_token`. A token that is already one is not mangled.
fn repair(token: &str) -> Option<Repair> {
    if token.len() > MAX_REPAIRED_BYTES || token == NO_NEED_TOKEN || well_formed(token) {
        return None;
    }
    let mut text = token.to_string();
    let mut steps: Vec<Step> = Vec::new();
    // Every step makes the text shorter, and there are at most MAX_PEELS of them.
    for _ in 0..MAX_PEELS {
        if well_formed(&text) || text == NO_NEED_TOKEN {
            break;
        }
        let Some((step, rest)) = peel(&text) else {
            break;
        };
        match (steps.last_mut(), step) {
            (Some(Step::PercentEncoded { times }), Step::PercentEncoded { .. }) => *times += 1,
            (_, step) => steps.push(step),
        }
        text = rest;
    }
    if well_formed(&text) {
        return Some(Repair {
            steps,
            text,
            target: Target::Token,
        });
    }
    if let Some(spelling) = spelling(&text) {
        steps.push(spelling);
    } else if text != NO_NEED_TOKEN {
        return None;
    }
    Some(Repair {
        steps,
        text: NO_NEED_TOKEN.to_string(),
        target: Target::NoNeedToken,
    })
}

/// The longest text a repair is tried on: a SignalingToken is under 100 bytes, an
/// AccessToken a few hundred, and percent-encoding twice at most quintuples them.
/// Beyond it, a pasted log or a hostile run of quotes is not taken apart.
const MAX_REPAIRED_BYTES: usize = 4096;

/// The most manglings undone, one on top of another: real pipelines stack two or three.
const MAX_PEELS: usize = 8;

/// A SignalingToken as the diagnosis reads one (an upper-case sign is read on), or an
/// AccessToken or DynamicKey that decodes whole: the second diagnosis names it.
fn well_formed(text: &str) -> bool {
    matches!(
        parse_token(text),
        Ok(_) | Err(TokenParseError::SignUpperCase)
    ) || crate::access_token::recognise(text).is_some_and(|d| d.is_whole_agora_token())
}

/// The outermost mangling of `text` and what is left once it is undone: whitespace at
/// the ends, then quotes around it, then percent-encoding.
fn peel(text: &str) -> Option<(Step, String)> {
    let inner = text.trim_matches(EDGE_WHITESPACE);
    if inner.len() < text.len() {
        let start = text.len() - text.trim_start_matches(EDGE_WHITESPACE).len();
        let end = start + inner.len();
        let step = Step::Whitespace {
            start: text[..start].to_string(),
            end: text[end..].to_string(),
        };
        return Some((step, inner.to_string()));
    }
    for quote in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            return Some((Step::Quoted(quote), text[1..text.len() - 1].to_string()));
        }
    }
    let decoded = percent_decode_str(text).decode_utf8().ok()?;
    (decoded != text).then(|| (Step::PercentEncoded { times: 1 }, decoded.into_owned()))
}

/// `_no_need_token` without its underscore or in another case.
fn spelling(text: &str) -> Option<Step> {
    let bare = &NO_NEED_TOKEN[1..];
    if text.eq_ignore_ascii_case(NO_NEED_TOKEN) && text != NO_NEED_TOKEN {
        Some(Step::Spelling {
            underscore: false,
            case: true,
        })
    } else if text.eq_ignore_ascii_case(bare) {
        Some(Step::Spelling {
            underscore: true,
            case: text != bare,
        })
    } else {
        None
    }
}

/// What the repaired token gets from a server that checks tokens.
fn repaired_verdict(inner: &Report, rule: Rule) -> String {
    let Some(error) = inner.error() else {
        return "it is a valid token".into();
    };
    let gets = if rule == Rule::AnyValue {
        format!("it would get {error} once the App Certificate is enabled")
    } else {
        format!("it is still rejected with {error}")
    };
    let why = if let Some(c) = &inner.cause {
        if inner.findings.iter().any(|f| f.code == "sign_mismatch") {
            format!("its sign was made with {} ({})", c.detail, c.code)
        } else {
            format!("{} ({})", c.detail, c.code)
        }
    } else if inner.cancelled {
        "the search for the mistake was cancelled".into()
    } else {
        let first = inner
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .or(inner.findings.first());
        first.map_or(String::new(), |f| summary(&f.message))
    };
    format!("{gets}: {why}")
}

/// What the literal `_no_need_token` gets under `rule`, from the rule table.
fn no_need_token_detail(repair: &Repair, rule: Rule) -> String {
    let gets = match rule.no_need_token_outcome() {
        Outcome::Accepted => "it is accepted".to_string(),
        Outcome::Rejected(e) => format!("it is rejected with {e} too"),
    };
    format!(
        "{}; {}, {gets} (App Certificate {}, Token Debugging Switch {}: the server accepts {})",
        repair.happened(),
        repair.undone(),
        rule.certificate_column(),
        rule.switch_column(),
        rule.accepts_column()
    )
}

/// The finding for the mangling itself, named by the cause code.
fn mangling_finding(token: &str, repair: &Repair, rule: Rule) -> Finding {
    let shown = visible::quote(token, QUOTED_CHARS);
    let message = match (repair.target, rule) {
        (_, Rule::AnyValue) => format!(
            "The token was {} on its way to the client ({shown}): with the App Certificate \
             not enabled, the server accepts it anyway.",
            repair.happened()
        ),
        (Target::Token, _) => format!(
            "The token was {} on its way to the client ({shown}): the server reads it as \
             sent and answers 206.",
            repair.happened()
        ),
        (Target::NoNeedToken, _) => format!(
            "The client sent {shown}, _no_need_token {}: the server takes only the exact \
             literal and answers 206.",
            repair.happened()
        ),
    };
    Finding::new(
        repair.code(),
        Severity::Error,
        None,
        message,
        "",
        Marks::None,
    )
}

/// The repaired token's findings, reading as what would be once it is repaired.
fn once_repaired(repair: &Repair, findings: Vec<Finding>) -> impl Iterator<Item = Finding> {
    let undone = repair.undone();
    findings.into_iter().map(move |f| Finding {
        message: format!("Once {undone}, {}", crate::checks::mid_sentence(&f.message)),
        ..f
    })
}

/// A finding's message as a clause: its first clause, without its final period, its
/// first letter in lower case.
fn summary(message: &str) -> String {
    let clause = message.split(": ").next().unwrap_or(message);
    crate::checks::mid_sentence(clause.trim_end_matches('.'))
}

/// "a newline (\n)", or "a carriage return (\r) and a newline (\n)".
fn names(chars: &str) -> String {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in chars.chars() {
        match runs.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    let words: Vec<String> = runs
        .into_iter()
        .map(|(c, n)| match n {
            1 => visible::char_name(c),
            n => format!("{} ×{n}", visible::char_name(c)),
        })
        .collect();
    join_and(&words)
}

/// "a", "a and b", "a, b and c".
fn join_and<S: AsRef<str>>(words: &[S]) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [head @ .., last] => {
            let head: Vec<&str> = head.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::request::example as request;
    use crate::diagnose::{CauseField, diagnose};
    use crate::token::{Inputs, worked_example as ex};
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    use std::io::Write;

    /// What JavaScript's `encodeURIComponent` leaves as it is.
    const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'!')
        .remove(b'~')
        .remove(b'*')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')');

    fn encode_uri_component(text: &str) -> String {
        utf8_percent_encode(text, URI_COMPONENT).to_string()
    }

    fn good() -> String {
        ex::inputs().token()
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    /// The cause of a mangled token, with the checks every mangled token passes: 206,
    /// the cause in the token, a finding of the same code, and the token to send.
    fn mangled(token: &str) -> (Cause, Report) {
        let report = diagnose(&request(token));
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let cause = report.cause.clone().expect("a cause");
        assert_eq!(cause.field, Some(CauseField::Token));
        assert_eq!(report.findings[0].code, cause.code);
        assert!(report.parsed.is_err(), "the token as sent does not parse");
        assert!(
            !report
                .findings
                .iter()
                .any(|f| f.message.starts_with("The token is valid")),
            "{:?}",
            report.findings
        );
        (cause, report)
    }

    #[test]
    fn url_encoded_twice_by_encode_uri_component() {
        let twice = encode_uri_component(&encode_uri_component(&good()));
        assert!(twice.starts_with("1%253AC5D1"), "{twice}");
        let (cause, report) = mangled(&twice);
        assert_eq!(cause.code, "url_encoded");
        assert_eq!(
            cause.detail,
            "percent-encoded twice; decoded, it is a valid token"
        );
        assert_eq!(
            report.expected.as_ref().map(|e| e.to_token()),
            Some(good()),
            "the token to send"
        );
        let message = &report.findings[0].message;
        assert!(
            message.starts_with("The token was percent-encoded twice on its way to the client (1%253AC5D15F8FD394285DA5… ("),
            "{message}"
        );
        assert!(
            message.ends_with("): the server reads it as sent and answers 206."),
            "{message}"
        );
        assert_eq!(codes(&report), ["url_encoded", "valid"]);
        assert!(
            report.findings[1]
                .message
                .starts_with("Once decoded, the token is valid until")
        );
    }

    #[test]
    fn quoted_as_copied_from_json() {
        let json = serde_json::json!({ "token": good() }).to_string();
        let copied = &json[json.find(':').unwrap() + 1..json.len() - 1];
        assert_eq!(copied, format!("\"{}\"", good()));
        let (cause, _) = mangled(copied);
        assert_eq!(cause.code, "quoted");
        assert_eq!(
            cause.detail,
            "wrapped in double quotes; unquoted, it is a valid token"
        );
    }

    #[test]
    fn whitespace_from_echo() {
        let mut echoed = Vec::new();
        writeln!(echoed, "{}", good()).unwrap();
        let (cause, _) = mangled(&String::from_utf8(echoed).unwrap());
        assert_eq!(cause.code, "whitespace");
        assert_eq!(
            cause.detail,
            "followed by a newline (\\n); trimmed, it is a valid token"
        );
    }

    #[test]
    fn whitespace_nbsp_from_a_web_page() {
        // `<code>TOKEN</code>&nbsp;` copied from a page: the entity is U+00A0.
        let copied = format!("{}\u{a0}", good());
        let (cause, _) = mangled(&copied);
        assert_eq!(cause.code, "whitespace");
        assert_eq!(
            cause.detail,
            "followed by a no-break space (U+00A0); trimmed, it is a valid token"
        );
    }

    #[test]
    fn no_need_token_typo_in_upper_case_follows_the_switch() {
        let upper = NO_NEED_TOKEN.to_uppercase();
        let (cause, report) = mangled(&upper);
        assert_eq!(cause.code, "no_need_token_typo");
        assert_eq!(
            cause.detail,
            "written in another letter case; corrected, it is rejected with 206 \
             LOGIN_E_TOKENWRONG too (App Certificate enabled, Token Debugging Switch off: \
             the server accepts only a valid token)"
        );
        assert_eq!(report.expected, None);
        let mut r = request(&upper);
        r.settings.debug_switch = true;
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        let cause = report.cause.expect("a cause");
        assert_eq!(cause.code, "no_need_token_typo");
        assert!(
            cause.detail.ends_with(
                "corrected, it is accepted (App Certificate enabled, Token Debugging Switch \
                 on: the server accepts a valid token, or _no_need_token)"
            ),
            "{}",
            cause.detail
        );
    }

    #[test]
    fn no_need_token_near_misses() {
        for (sent, happened) in [
            ("no_need_token", "written without its leading underscore;"),
            (
                "No_Need_Token",
                "written without its leading underscore and in another letter case;",
            ),
            ("\"_no_need_token\"", "wrapped in double quotes;"),
            ("_no_need_token\n", "followed by a newline (\\n);"),
            (
                "'_No_need_token' ",
                "written in another letter case, then wrapped in single quotes, then \
                 followed by a space (U+0020);",
            ),
        ] {
            let (cause, _) = mangled(sent);
            assert_eq!(cause.code, "no_need_token_typo", "{sent:?}");
            assert!(
                cause.detail.starts_with(happened),
                "{sent:?}: {}",
                cause.detail
            );
        }
    }

    #[test]
    fn nested_manglings_name_every_step_and_the_outermost_code() {
        let quoted = serde_json::to_string(&good()).unwrap();
        let (cause, _) = mangled(&format!("{quoted}\r\n"));
        assert_eq!(cause.code, "whitespace");
        assert_eq!(
            cause.detail,
            "wrapped in double quotes, then followed by a carriage return (\\r) and a \
             newline (\\n); trimmed and unquoted, it is a valid token"
        );
        // encodeURIComponent(JSON.stringify(token))
        let (cause, _) = mangled(&encode_uri_component(&quoted));
        assert_eq!(cause.code, "url_encoded");
        assert_eq!(
            cause.detail,
            "wrapped in double quotes, then percent-encoded; decoded and unquoted, it is a \
             valid token"
        );
    }

    #[test]
    fn the_repaired_token_is_diagnosed_again() {
        let certificate = format!("{}\n", ex::APP_CERTIFICATE);
        let wrong = Inputs::new(ex::APP_ID, certificate, ex::ACCOUNT, ex::EXPIRED_TIME).token();
        let (cause, report) = mangled(&encode_uri_component(&wrong));
        assert_eq!(cause.code, "url_encoded");
        assert_eq!(
            cause.detail,
            "percent-encoded; decoded, it is still rejected with 206 LOGIN_E_TOKENWRONG: \
             its sign was made with certificate + '\\n' (whitespace)"
        );
        assert_eq!(codes(&report), ["url_encoded", "sign_mismatch"]);
        assert!(
            report.findings[1]
                .message
                .starts_with("Once decoded, the sign does not match the expected inputs"),
            "{}",
            report.findings[1].message
        );
        let echoed = format!("{}\n", good());
        let mut r = request(&echoed);
        r.now = crate::expiry::parse_now("2019-01-01T00:00:00Z").unwrap();
        let cause = diagnose(&r).cause.expect("a cause");
        assert_eq!(
            cause.detail,
            "followed by a newline (\\n); trimmed, it is still rejected with 204 \
             LOGIN_E_TOKENEXPIRED: the token is valid but expired at 2018-12-31 15:59:59 UTC \
             (expired 8h ago)"
        );
    }

    #[test]
    fn with_the_certificate_off_a_mangled_token_is_accepted_and_only_noted() {
        let mut r = request("");
        let sent = format!("{}\n", good());
        r.client_token = &sent;
        r.settings.certificate_enabled = false;
        let report = diagnose(&r);
        assert_eq!(report.outcome, Outcome::Accepted);
        assert_eq!(
            codes(&report),
            ["certificate_not_enabled", "whitespace", "valid"]
        );
        assert!(report.findings.iter().all(|f| f.severity == Severity::Note));
        assert!(
            report.findings[1]
                .message
                .ends_with("the server accepts it anyway.")
        );
        let cause = report.cause.expect("a cause");
        assert_eq!(
            cause.detail,
            "followed by a newline (\\n); trimmed, it is a valid token"
        );
    }

    #[test]
    fn a_hostile_run_of_quotes_is_not_taken_apart() {
        // Beyond a few manglings, or a few KiB, nothing is repaired: the work stays small.
        let many = format!("{}{}{}", "\"".repeat(9), good(), "\"".repeat(9));
        assert_eq!(repair(&many), None);
        let long = "\"".repeat(800_000);
        assert_eq!(repair(&long), None);
        let few = format!("{}{}{}", "\"".repeat(3), good(), "\"".repeat(3));
        assert_eq!(repair(&few).map(|r| r.steps.len()), Some(3));
    }

    #[test]
    fn a_valid_token_and_no_need_token_are_unchanged() {
        assert_eq!(repair(&good()), None);
        assert_eq!(repair(NO_NEED_TOKEN), None);
        let report = diagnose(&request(&good()));
        assert_eq!((codes(&report), report.cause), (vec!["valid"], None));
        let report = diagnose(&request(NO_NEED_TOKEN));
        assert_eq!(
            (codes(&report), report.cause),
            (vec!["no_need_token_rejected"], None)
        );
    }

    /// `text` mangled once: JSON-quoted, single-quoted, echoed, or encodeURIComponent'd.
    fn mangle(text: &str, how: u8) -> String {
        match how {
            0 => format!("\"{text}\""),
            1 => format!("'{text}'"),
            2 => format!("{text}\n"),
            _ => encode_uri_component(text),
        }
    }

    proptest::proptest! {
        /// Any stack of manglings on a token or on `_no_need_token` is undone to exactly
        /// it, named by the outermost one.
        #[test]
        fn any_stack_of_manglings_is_undone(
            hows in proptest::collection::vec(0u8..4, 1..6),
            literal in proptest::bool::ANY,
        ) {
            let base = if literal { NO_NEED_TOKEN.to_string() } else { good() };
            let sent = hows.iter().fold(base.clone(), |s, &how| mangle(&s, how));
            proptest::prop_assume!(sent != base);
            let r = repair(&sent).expect("a repair");
            proptest::prop_assert_eq!(&r.text, &base);
            // encodeURIComponent leaves `'` as it is: quoting in single quotes and then
            // encoding gives the text that encoding and then quoting gives, which reads
            // as quoted last.
            let commuted = sent.starts_with('\'') && sent.ends_with('\'');
            let outermost = match hows.last() {
                _ if literal => "no_need_token_typo",
                Some(0 | 1) => "quoted",
                Some(2) => "whitespace",
                _ if commuted => "quoted",
                _ => "url_encoded",
            };
            proptest::prop_assert_eq!(r.code(), outermost);
        }

        /// Whatever the text, a repair ends, claims only a well-formed token or the
        /// literal, and never repairs what already is one.
        #[test]
        fn a_repair_is_always_well_formed(
            text in "[\"' \t\r\n\u{a0}%0-9A-Fa-f:_a-z]{0,48}",
            hows in proptest::collection::vec(0u8..4, 0..4),
        ) {
            let sent = hows.iter().fold(text, |s, &how| mangle(&s, how));
            if let Some(r) = repair(&sent) {
                proptest::prop_assert!(!r.steps.is_empty());
                proptest::prop_assert!(well_formed(&r.text) || r.text == NO_NEED_TOKEN);
                proptest::prop_assert!(!well_formed(&sent) && sent != NO_NEED_TOKEN);
            }
        }
    }

    #[test]
    fn only_a_well_formed_repair_is_claimed() {
        let sha1 = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "a".repeat(40));
        let base64 = format!(
            "1:{}:{}:LNctbTp1696aBmJvQP6WhA==",
            ex::APP_ID,
            ex::EXPIRED_TIME
        );
        let access = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
        for sent in [
            "\"1:abc\"".to_string(),
            "1%3Aabc\n".to_string(),
            format!("\"{sha1}\""),
            format!("{sha1}\n"),
            encode_uri_component(&base64),
            "\"\"".to_string(),
            "\n".to_string(),
            "_no_need_tokens".to_string(),
        ] {
            assert_eq!(repair(&sent), None, "{sent:?}");
            let report = diagnose(&request(&sent));
            assert_eq!(report.cause, None, "{sent:?}");
            assert_eq!(report.outcome, Outcome::Rejected(LoginError::TokenWrong));
        }
        // An AccessToken that decodes whole once repaired is repaired, and named inside.
        for (sent, code) in [
            (format!("\"{access}\""), "quoted"),
            (encode_uri_component(access), "url_encoded"),
        ] {
            let report = diagnose(&request(&sent));
            let cause = report.cause.expect("a cause");
            assert_eq!(cause.code, code, "{sent:?}");
            assert!(
                cause.detail.contains("AccessToken (006)"),
                "{}",
                cause.detail
            );
        }
        let report = diagnose(&request("\"1:abc\""));
        assert_eq!(codes(&report), ["malformed_token"]);
        let report = diagnose(&request("1%3Aabc"));
        assert_eq!(codes(&report), ["malformed_token"]);
    }
}
