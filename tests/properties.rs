//! No input typed into any field can panic the core or the console, and the console's
//! token is always the core's token for the fields as they stand.

mod common;

use common::app::{blank, now};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::checks;
use sigtoken::expiry;
use sigtoken::token::{Inputs, parse_token};
use sigtoken::tui::action::Action;
use sigtoken::tui::model::Focus;
use sigtoken::tui::ui;

/// Strings that favour the troublesome: controls, invisibles, combining marks, wide
/// characters, digits and the expiry syntax, as well as anything at all.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9+\\-:TZ hdmsw]{0,24}",
        proptest::collection::vec(
            prop_oneof![
                Just('\n'),
                Just('\t'),
                Just('\0'),
                Just('\u{200B}'),
                Just('\u{FEFF}'),
                Just('\u{301}'),
                Just('用'),
                Just('😀'),
                Just('\u{202E}'),
                Just(' '),
                any::<char>(),
            ],
            0..40
        )
        .prop_map(|v| v.into_iter().collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_core_takes_any_input(app_id in nasty(), cert in nasty(), account in nasty(), exp in nasty(), n in any::<i64>()) {
        let inputs = Inputs::new(&app_id, &cert, &account, n);
        let token = inputs.token();
        let parsed = parse_token(&token);
        // Only an App ID made of nothing but what a token needs can round-trip; any
        // result is fine as long as nothing panics, and a parse that works is faithful.
        if let Ok(p) = parsed {
            prop_assert_eq!(p.expired_time, n);
            prop_assert_eq!(p.sign, inputs.sign());
        }
        let _ = parse_token(&exp);
        let parsed_expiry = expiry::parse(&exp, now());
        let _ = checks::assess(
            &checks::Subject {
                app_id: &app_id,
                certificate: &cert,
                account: Some(&account),
                expiry: parsed_expiry.as_ref(),
            },
            now(),
            now(),
        );
        let _ = checks::check_expiry_at(n, now());
        let _ = expiry::describe_from_now(n, now());
        let _ = expiry::format_in_zone(n, expiry::Zone::Local);
    }

    #[test]
    fn the_console_takes_any_input(values in proptest::array::uniform4(nasty()), typed in any::<bool>()) {
        let mut app = blank();
        for (value, focus) in values.iter().zip(Focus::FIELDS) {
            app.update(Action::Focus(focus));
            if typed {
                for c in value.chars() {
                    app.update(Action::Edit(sigtoken::tui::field::Edit::Insert(c)));
                }
            } else {
                app.update(Action::Paste(value.clone()));
            }
        }
        // The token on screen is the core's token for exactly what is in the fields.
        let expected = expiry::parse(app.value(Focus::Expiry), now()).ok().map(|e| {
            Inputs::new(app.value(Focus::AppId), app.value(Focus::Certificate), app.value(Focus::Account), e.unix).token()
        });
        prop_assert_eq!(app.token().map(str::to_string), expected);
        for (w, h) in [(100, 30), (80, 24), (60, 22), (7, 3)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| { ui::render(&app, frame); }).unwrap();
        }
        app.update(Action::ToggleReveal);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|frame| { ui::render(&app, frame); }).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any string as the client's token: a report, never a panic; malformed ones are
    /// named as such, with a message.
    #[test]
    fn diagnose_takes_any_token(token in prop_oneof![
        any::<String>(),
        "1:[A-F0-9:]{0,40}:[0-9-]{0,12}:[a-fA-Z0-9]{0,34}",
    ]) {
        use sigtoken::diagnose::{Request, diagnose};
        use sigtoken::policy::ProjectSettings;
        use sigtoken::token::worked_example as ex;
        let request = Request {
            client_token: &token,
            app_id: ex::APP_ID,
            account: ex::ACCOUNT,
            certificate: ex::APP_CERTIFICATE,
            expected_expiry: None,
            settings: ProjectSettings::default(),
            now: now(),
            candidate_certificates: &[],
            candidate_accounts: &[],
        };
        let report = diagnose(&request);
        if let Err(e) = &report.parsed {
            let f = &report.findings[0];
            prop_assert!(f.code == "malformed_token" || f.code == "unsupported_version" || token == "_no_need_token");
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `batch` writes, for any accounts, exactly the tokens `generate` makes, in order,
    /// whatever the number of threads.
    #[test]
    fn batch_agrees_with_generate(
        accounts in proptest::collection::vec("[^\n]*", 0..40),
        threads in 1usize..5,
    ) {
        use sigtoken::cli::batch::{Maker, stream};
        use sigtoken::token::worked_example as ex;
        // A \r at the end of a line is stripped by batch (and counted): leave it out here.
        let accounts: Vec<String> = accounts.into_iter().map(|a| a.trim_end_matches('\r').to_string()).collect();
        let input: String = accounts.iter().map(|a| format!("{a}\n")).collect();
        let maker = Maker::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::EXPIRED_TIME);
        let mut out = Vec::new();
        let summary = stream(&maker, false, false, threads, input.as_bytes(), &mut out, |_| {}).unwrap();
        prop_assert_eq!(summary.lines, accounts.len() as u64);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        prop_assert_eq!(lines.len(), accounts.len());
        for (line, account) in lines.iter().zip(&accounts) {
            let expected = Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, account.as_str(), ex::EXPIRED_TIME).token();
            prop_assert_eq!(*line, expected.as_str());
        }
    }
}
