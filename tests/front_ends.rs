//! The front ends agree: the commands, the Markdown report and the console print the
//! same verdict, cause, finding and code-entry sentences, each written once in
//! `sigtoken::present`, and take their findings from the one assembly.

mod common;

use common::cmd::sigtoken_with_certificate;
use common::example::{
    ACCOUNT, APP_CERTIFICATE, APP_ID, BEFORE, EXPIRY, PUBLISHED_TOKEN, WORKED_TOKEN,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::checks::{self, Finding, Severity, Subject};
use sigtoken::diagnose::{self, Report, Request};
use sigtoken::expiry;
use sigtoken::policy::ProjectSettings;
use sigtoken::present;
use sigtoken::tui::action::{Action, Effect};
use sigtoken::tui::app::App;
use sigtoken::tui::field::Edit;
use sigtoken::tui::model::Config;
use sigtoken::tui::ui;

/// Text with every run of whitespace (and the boxes' borders) made one space, so that a
/// sentence wrapped over lines on screen still reads as one.
fn flat(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || "│╭╮╰╯─".contains(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_says(front_end: &str, text: &str, sentence: &str) {
    assert!(
        flat(text).contains(&flat(sentence)),
        "{front_end} does not say «{sentence}»:\n{text}"
    );
}

/// Markdown text as it reads once rendered: a backslash before punctuation only escapes
/// it (the report escapes what a user or client sent, so that it is never markup).
fn rendered(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `diagnose`, `report` and the console, each given `token`, say every sentence; the
/// console's screen is returned for more checks.
fn every_front_end_says(token: &str, sentences: &[String]) -> String {
    let args = ["--app-id", APP_ID, "--account", ACCOUNT, "--now", BEFORE];
    let (cli, _) = run(&[&["diagnose", token][..], &args].concat());
    let report = ["report", "--expiry", EXPIRY, "--client-token", token];
    let (markdown, _) = run(&[&report[..], &args].concat());
    let console = screen(&diagnosed_console(token));
    for sentence in sentences {
        assert_says("diagnose", &cli, sentence);
        assert_says("report", &rendered(&markdown), sentence);
        assert_says("the console", &console, sentence);
    }
    console
}

fn run(args: &[&str]) -> (String, String) {
    let out = sigtoken_with_certificate().args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The console as drawn on a 200x50 terminal: its rows of text.
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, frame);
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row + "\n"
        })
        .collect()
}

/// What an overlay box titled `title` holds, row by row, without what lies around it.
fn overlay(screen: &str, title: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains(title))
        .expect("the overlay is on screen");
    let left = rows[top]
        .iter()
        .position(|&c| c == '╭')
        .expect("its corner");
    let right = left
        + rows[top][left..]
            .iter()
            .position(|&c| c == '╮')
            .expect("corner");
    rows[top + 1..]
        .iter()
        .take_while(|r| r.get(left) != Some(&'╰'))
        .map(|r| r[left + 1..right].iter().collect::<String>() + "\n")
        .collect()
}

fn before() -> chrono::DateTime<chrono::Utc> {
    expiry::parse_now(BEFORE).unwrap()
}

/// The console opened on the worked example with the client token pasted, its
/// diagnosis run as the runtime would run it.
fn diagnosed_console(token: &str) -> App {
    let mut app = App::new(Config::worked_example(before()));
    app.update(Action::Focus(sigtoken::tui::model::Focus::ClientToken));
    let effects = app.update(Action::Paste(token.into()));
    let Some(Effect::Diagnose { generation, job }) = effects.into_iter().next() else {
        panic!("pasting a client token asks for its diagnosis");
    };
    let report = diagnose::diagnose(&job.request());
    app.update(Action::Diagnosed(generation, Box::new(report)));
    app
}

#[test]
fn the_diagnosis_reads_the_same_in_every_front_end() {
    let report: Report = diagnose::diagnose(&Request {
        client_token: PUBLISHED_TOKEN,
        app_id: APP_ID,
        account: ACCOUNT,
        certificate: APP_CERTIFICATE,
        expected_expiry: None,
        settings: ProjectSettings::default(),
        now: before(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    });
    let cause = report
        .cause
        .as_ref()
        .expect("the published token has a cause");
    assert_eq!(cause.code, "expiry_as_duration");
    let mut sentences = vec![present::verdict(report.outcome), present::cause(cause)];
    sentences.extend(report.findings.iter().map(present::finding));
    assert!(sentences.len() >= 3, "{sentences:?}");

    every_front_end_says(PUBLISHED_TOKEN, &sentences);
}

/// A token copied with its JSON quotes: every front end names the mangling, says what
/// the repaired token gets, and offers the token to send.
#[test]
fn a_mangled_token_reads_the_same_in_every_front_end() {
    let quoted = format!("\"{WORKED_TOKEN}\"");
    let report: Report = diagnose::diagnose(&Request {
        client_token: &quoted,
        app_id: APP_ID,
        account: ACCOUNT,
        certificate: APP_CERTIFICATE,
        expected_expiry: None,
        settings: ProjectSettings::default(),
        now: before(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    });
    let cause = report.cause.as_ref().expect("a quoted token has a cause");
    assert_eq!(cause.code, "quoted");
    let mut sentences = vec![present::verdict(report.outcome), present::cause(cause)];
    sentences.extend(report.findings.iter().map(present::finding));
    sentences.push(WORKED_TOKEN.to_string());
    let console = every_front_end_says(&quoted, &sentences);
    assert_says("the console", &console, &format!("Expected {WORKED_TOKEN}"));
}

/// The inputs' findings for the worked example with a certificate pasted with its
/// newline, judged a year after it expired.
fn input_findings(now: &str) -> Vec<Finding> {
    let now = expiry::parse_now(now).unwrap();
    let parsed = expiry::parse(EXPIRY, now).unwrap();
    let certificate = format!("{APP_CERTIFICATE}\n");
    checks::assess(
        &Subject {
            app_id: APP_ID,
            certificate: &certificate,
            account: Some(ACCOUNT),
            expiry: Ok(&parsed),
        },
        now,
        now,
    )
}

#[test]
fn the_input_findings_are_assembled_once_and_read_the_same_everywhere() {
    let now = "2019-12-31T00:00:00Z";
    let findings = input_findings(now);
    let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
    // The clock's finding is among them: `generate` warns of a past expiry too.
    for code in ["expired", "certificate_whitespace", "certificate_length"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
    let certificate = format!("{APP_CERTIFICATE}\n");
    let inputs = ["--app-id", APP_ID, "--account", ACCOUNT, "--now", now];
    let out = sigtoken_with_certificate()
        .env("AGORA_APP_CERTIFICATE", &certificate)
        .args(["generate", "--expiry", EXPIRY])
        .args(inputs)
        .output()
        .unwrap();
    // An input error makes no token (status 2), with every finding said.
    assert_eq!(out.status.code(), Some(2));
    let generate = String::from_utf8(out.stderr).unwrap();
    let out = sigtoken_with_certificate()
        .env("AGORA_APP_CERTIFICATE", &certificate)
        .args(["report", "--expiry", EXPIRY])
        .args(inputs)
        .output()
        .unwrap();
    let markdown = String::from_utf8(out.stdout).unwrap();

    let mut app = App::new(Config {
        certificate: certificate.as_str().into(),
        ..Config::worked_example(expiry::parse_now(now).unwrap())
    });
    app.update(Action::Tick(expiry::parse_now(now).unwrap()));
    assert_eq!(app.findings(), &findings[..], "the console's findings");
    for f in &findings {
        let sentence = present::finding(f);
        if f.severity != Severity::Note {
            // Commands warn on stderr, one line each; notes stay quiet. Beside a token,
            // a past expiry is a warning (the token is made anyway).
            let line = format!("sigtoken: {}: {sentence}", f.severity_beside_a_token());
            assert!(generate.lines().any(|l| l == line), "{line}\n{generate}");
        }
        assert_says("report", &rendered(&markdown), &sentence);
    }
}

#[test]
fn the_console_shows_the_findings_sentences_where_there_is_room() {
    let now = "2019-12-31T00:00:00Z";
    let findings = input_findings(now);
    let certificate = format!("{APP_CERTIFICATE}\n");
    let app = App::new(Config {
        certificate: certificate.as_str().into(),
        ..Config::worked_example(expiry::parse_now(now).unwrap())
    });
    // The Checks panel: the field in its own column, then the sentence.
    let console = screen(&app);
    for f in findings.iter().filter(|f| f.severity == Severity::Error) {
        assert_says("the console", &console, &present::finding(f));
    }
}

#[test]
fn the_code_entry_reads_the_same_everywhere() {
    let entry = sigtoken::codes::lookup(206).unwrap();
    let (explain, _) = run(&["explain", "206"]);
    assert_eq!(explain, present::code_entry_text(entry));

    let mut app = App::new(Config::worked_example(before()));
    app.update(Action::ToggleCodes);
    for c in "206".chars() {
        app.update(Action::CodesQuery(Edit::Insert(c)));
    }
    let console = overlay(&screen(&app), "Signaling error codes");
    for line in present::code_entry(entry) {
        let text = match line {
            present::CodeLine::Title { code, meaning } => format!("{code}: {meaning}"),
            present::CodeLine::Heading(h) => h.to_string(),
            present::CodeLine::Item(i) => format!("- {i}"),
        };
        assert_says("the code reference", &console, &text);
        assert_says("explain", &explain, &text);
    }
}

#[test]
fn a_near_miss_of_a_date_time_reads_the_same_in_the_console_and_the_commands() {
    let near = "2031-01-01 00:00:00 Asia/Shangai";
    let now = chrono::Utc::now();
    let error = expiry::parse(near, now).unwrap_err().to_string();
    assert!(error.contains("IANA name (Asia/Shanghai)"), "{error}");
    let (_, err) = run(&[
        "generate",
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--expiry",
        near,
    ]);
    assert_says("generate", &err, &error);
    let mut config = Config::worked_example(now);
    config.expiry = near.into();
    let app = App::new(config);
    let finding = app
        .findings()
        .iter()
        .find(|f| f.code == "expiry_invalid")
        .expect("the console names the expiry");
    assert_says("the console", &finding.message, &error);
}
