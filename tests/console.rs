//! The console driven the way a user drives it: key events through the keymap into
//! `update`, then the state and the derived token checked.

mod common;

use common::app::{blank, blank_config, ctrl, example, example_config, key, now, press};
use common::example::{
    ACCOUNT, AN_HOUR_BEFORE, APP_CERTIFICATE, APP_ID, EXPIRED_TIME, EXPIRY, EXPIRY_IN_MS,
    PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY, PUBLISHED_TOKEN, WORKED_SIGN, WORKED_TOKEN,
};
use crossterm::event::{KeyCode, KeyModifiers};
use sigtoken::policy::Rule;
use sigtoken::tui::action::{Action, CopyOutcome, CopyTarget, Effect};
use sigtoken::tui::app::{App, MAX_FIELD_CHARS};
use sigtoken::tui::model::{Config, Focus, Overlay, StatusLevel};

/// Types text as keystrokes; characters no key can type (tab, newline, NUL) arrive as
/// a bracketed paste, the way they reach a real terminal program.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        if c.is_control() {
            app.update(Action::Paste(c.to_string()));
        } else {
            key(app, KeyCode::Char(c));
        }
    }
}

#[test]
fn opens_on_the_worked_example_with_the_correct_token() {
    let app = example();
    assert_eq!(app.token(), Some(WORKED_TOKEN));
    assert!(app.findings().iter().any(|f| f.code == "worked_example"));
}

#[test]
fn typing_every_vector_into_a_blank_console_shows_its_token() {
    for v in common::vectors() {
        let mut app = blank();
        for (value, focus) in [
            (&v.app_id, Focus::AppId),
            (&v.app_certificate, Focus::Certificate),
            (&v.account, Focus::Account),
            (&v.expired_time, Focus::Expiry),
        ] {
            assert_eq!(app.focus(), focus, "{}", v.id);
            type_text(&mut app, value);
            key(&mut app, KeyCode::Tab);
        }
        assert_eq!(app.token(), Some(v.token.as_str()), "vector {}", v.id);
    }
}

#[test]
fn every_keystroke_updates_the_token() {
    let mut app = example();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab); // Account
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.value(Focus::Account), format!("{ACCOUNT}x"));
    let with_x = app.token().unwrap().to_string();
    assert_ne!(with_x, WORKED_TOKEN);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn focus_order_and_wrapping() {
    let mut app = blank();
    let mut seen = vec![app.focus()];
    for _ in 0..6 {
        key(&mut app, KeyCode::Tab);
        seen.push(app.focus());
    }
    assert_eq!(seen, Focus::ORDER);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.focus(), Focus::AppId, "Down wraps to the first field");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.focus(), Focus::ClientToken);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus(), Focus::DebugSwitch);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Focus::CertificateEnabled);
}

#[test]
fn enter_walks_the_text_fields_and_never_flips_a_toggle() {
    let mut app = blank();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Certificate);
    for _ in 0..10 {
        key(&mut app, KeyCode::Enter);
        assert!(app.focus().is_text());
    }
    assert!(app.settings().certificate_enabled);
}

#[test]
fn a_paste_or_click_under_the_help_reaches_nothing() {
    let mut app = example();
    app.update(Action::Focus(Focus::Account));
    key(&mut app, KeyCode::F(1));
    app.update(Action::Paste("PASTED".into()));
    app.update(Action::Focus(Focus::AppId));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.value(Focus::Account), ACCOUNT);
    assert_eq!(app.focus(), Focus::Account);
}

#[test]
fn values_given_at_start_obey_the_field_cap() {
    let mut config = blank_config();
    config.certificate = "f".repeat(2_000_000).into();
    let app = App::new(config);
    assert_eq!(app.value(Focus::Certificate).len(), MAX_FIELD_CHARS);
    let status = app.status().cloned().unwrap();
    assert!(
        status.text.contains("App Certificate was cut to 4096"),
        "{}",
        status.text
    );
}

#[test]
fn a_status_message_gives_way_to_the_next_edit() {
    let mut app = example();
    app.update(Action::Focus(Focus::Account));
    app.update(Action::Paste("x".into()));
    assert!(app.status().is_some());
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.status(), None);
}

#[test]
fn expiry_with_leading_zeros_is_refused_not_rewritten() {
    let mut app = example();
    app.update(Action::Focus(Focus::Expiry));
    ctrl(&mut app, 'u');
    type_text(&mut app, "007");
    assert_eq!(app.token(), None);
    let err = app.derived().expiry.clone().unwrap_err().to_string();
    assert!(
        err.contains("leading zeros") && err.contains("write 7"),
        "{err}"
    );
}

#[test]
fn debug_output_never_holds_the_certificate() {
    let cert = APP_CERTIFICATE;
    let config = example_config();
    let app = App::new(config.clone());
    for dump in [
        format!("{config:?}"),
        format!("{:?}", app.field(Focus::Certificate).unwrap()),
        format!("{:?}", app.derived()),
        format!("{:?}", Action::Paste(cert.into())),
    ] {
        assert!(!dump.contains(cert), "{dump}");
        assert!(!dump.contains(&cert[..8]), "{dump}");
    }
}

#[test]
fn space_and_enter_flip_toggles_but_type_in_fields() {
    let mut app = blank();
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.value(Focus::AppId), " ");
    app.update(Action::Focus(Focus::CertificateEnabled));
    assert!(app.settings().certificate_enabled);
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.settings().certificate_enabled);
    key(&mut app, KeyCode::Enter);
    assert!(app.settings().certificate_enabled);
}

#[test]
fn toggles_change_the_rule_as_the_table_says() {
    let mut app = example();
    assert_eq!(app.rule(), Rule::TokenOnly);
    app.update(Action::Focus(Focus::DebugSwitch));
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.rule(), Rule::TokenOrNoNeedToken);
    app.update(Action::Focus(Focus::CertificateEnabled));
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.rule(), Rule::AnyValue);
    // The switch cannot be set while the certificate is off: it says so and stays put.
    app.update(Action::Focus(Focus::DebugSwitch));
    let before = app.settings();
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.settings(), before);
    let status = app.status().cloned().unwrap();
    assert_eq!(status.level, StatusLevel::Warning);
    assert!(
        status
            .text
            .contains("only be set while the App Certificate is enabled")
    );
    // F3 and F4 work from a text field too.
    app.update(Action::Focus(Focus::Account));
    key(&mut app, KeyCode::F(3));
    assert_eq!(app.rule(), Rule::TokenOrNoNeedToken);
    key(&mut app, KeyCode::F(4));
    assert_eq!(app.rule(), Rule::TokenOnly);
}

#[test]
fn shell_editing_keys() {
    let mut app = blank();
    app.update(Action::Focus(Focus::Account));
    type_text(&mut app, "hello big world");
    ctrl(&mut app, 'w');
    assert_eq!(app.value(Focus::Account), "hello big ");
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.value(Focus::Account), "ello big ");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('X'));
    assert_eq!(app.value(Focus::Account), "eXllo big ");
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.value(Focus::Account), "eXllo bi ");
    ctrl(&mut app, 'a');
    ctrl(&mut app, 'k');
    assert_eq!(app.value(Focus::Account), "");
    type_text(&mut app, "again");
    ctrl(&mut app, 'u');
    assert_eq!(app.value(Focus::Account), "");
    assert_eq!(app.field(Focus::Account).unwrap().cursor(), 0);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for focus in Focus::ORDER {
        let mut app = example();
        app.update(Action::Focus(focus));
        ctrl(&mut app, 'c');
        assert!(app.should_quit(), "{focus:?}");
    }
    let mut app = example();
    key(&mut app, KeyCode::F(1));
    ctrl(&mut app, 'c');
    assert!(app.should_quit(), "over the help");
}

#[test]
fn help_opens_scrolls_and_closes_with_esc() {
    let mut app = example();
    key(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay(), Some(Overlay::Help));
    // Keys go to the help, not the field underneath.
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.help_scroll(), 1);
    assert_eq!(app.value(Focus::AppId), APP_ID);
    // Scrolling stops where the last line is in view, so the first PgUp moves at once.
    app.update(Action::Resize(100, 30));
    for _ in 0..500 {
        key(&mut app, KeyCode::PageDown);
    }
    let bottom = app.help_scroll();
    assert_eq!(bottom, sigtoken::tui::help::max_scroll(30));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.help_scroll(), bottom - 1);
    // A taller terminal needs less scrolling: the offset follows.
    app.update(Action::Resize(100, 200));
    assert_eq!(app.help_scroll(), 0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    // On a toggle, ? opens it too; in a field, ? is typed.
    app.update(Action::Focus(Focus::CertificateEnabled));
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Some(Overlay::Help));
}

#[test]
fn a_paste_lands_in_one_piece_exactly_as_given() {
    let mut app = blank();
    app.update(Action::Focus(Focus::Certificate));
    app.update(Action::Paste(format!("{APP_CERTIFICATE}\n")));
    assert_eq!(
        app.value(Focus::Certificate),
        format!("{APP_CERTIFICATE}\n")
    );
}

#[test]
fn an_oversized_paste_is_cut_and_the_user_is_told() {
    let mut app = blank();
    app.update(Action::Focus(Focus::Account));
    app.update(Action::Paste("a".repeat(1_000_000)));
    assert_eq!(app.value(Focus::Account).len(), MAX_FIELD_CHARS);
    let status = app.status().cloned().unwrap();
    assert_eq!(status.level, StatusLevel::Warning);
    assert!(status.text.contains("Paste cut"), "{}", status.text);
    assert!(status.text.contains("1000000"), "{}", status.text);
    // A full field refuses more typing, and says so.
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.value(Focus::Account).len(), MAX_FIELD_CHARS);
    assert!(app.status().cloned().unwrap().text.contains("is full"));
}

#[test]
fn a_paste_on_a_toggle_is_refused_with_a_message() {
    let mut app = example();
    app.update(Action::Focus(Focus::DebugSwitch));
    app.update(Action::Paste("x".into()));
    assert!(
        app.status()
            .cloned()
            .unwrap()
            .text
            .contains("Paste ignored")
    );
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn reveal_flips_with_ctrl_r() {
    let mut app = example();
    assert!(!app.reveal_certificate());
    ctrl(&mut app, 'r');
    assert!(app.reveal_certificate());
    ctrl(&mut app, 'r');
    assert!(!app.reveal_certificate());
}

#[test]
fn copy_asks_the_runtime_and_reports_the_route() {
    let mut app = example();
    let effect = ctrl(&mut app, 't');
    assert_eq!(
        effect,
        vec![Effect::Copy {
            target: CopyTarget::Token,
            text: WORKED_TOKEN.into()
        }]
    );
    let effect = ctrl(&mut app, 's');
    assert_eq!(
        effect,
        vec![Effect::Copy {
            target: CopyTarget::Sign,
            text: WORKED_SIGN.into()
        }]
    );
    app.update(Action::Copied(
        CopyTarget::Sign,
        CopyOutcome::Osc52 {
            why: "no display found".into(),
        },
    ));
    let text = app.status().cloned().unwrap().text;
    assert!(text.contains("sign") && text.contains("OSC 52"), "{text}");
    app.update(Action::Copied(
        CopyTarget::Token,
        CopyOutcome::System {
            note: String::new(),
        },
    ));
    assert!(app.status().unwrap().text.contains("system clipboard"));
}

#[test]
fn a_bad_expiry_blocks_the_token_and_copy_says_why() {
    let mut app = example();
    app.update(Action::Focus(Focus::Expiry));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.token(), None);
    assert!(app.derived().expiry.is_err());
    assert_eq!(ctrl(&mut app, 't'), vec![]);
    let status = app.status().cloned().unwrap();
    assert_eq!(status.level, StatusLevel::Error);
    assert!(status.text.contains("Expiry"), "{}", status.text);
    // Nothing typed is lost: the bad value is still there to fix.
    assert_eq!(app.value(Focus::Expiry), format!("{EXPIRY}x"));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn the_clock_never_changes_the_token() {
    let mut app = example();
    let later = now() + chrono::Duration::days(400);
    app.update(Action::Tick(later));
    assert_eq!(app.now(), later);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn inputs_are_never_trimmed_or_case_folded() {
    let mut app = blank();
    let typed = format!("{} ", APP_ID.to_lowercase());
    type_text(&mut app, &typed);
    assert_eq!(app.value(Focus::AppId), typed);
    assert!(app.derived().md5_input.bytes.ends_with(typed.as_bytes()));
}

fn set_expiry(app: &mut App, text: &str) {
    app.update(Action::Focus(Focus::Expiry));
    ctrl(app, 'u');
    type_text(app, text);
}

#[test]
fn every_expiry_form_of_the_worked_example_gives_the_same_token() {
    for text in [
        EXPIRY,
        "2018-12-31T15:59:59Z",
        "2018-12-31T23:59:59+08:00",
        "2018-12-31 15:59:59",
    ] {
        let mut app = example();
        set_expiry(&mut app, text);
        assert_eq!(app.token(), Some(WORKED_TOKEN), "{text}");
    }
}

#[test]
fn a_relative_expiry_resolves_against_now_and_then_holds_still() {
    let now = sigtoken::expiry::parse_now(AN_HOUR_BEFORE).unwrap();
    let mut config = Config::worked_example(now);
    config.expiry = "+1h".into();
    let mut app = App::new(config);
    assert_eq!(app.expiry_unix(), Some(EXPIRED_TIME));
    assert_eq!(app.token(), Some(WORKED_TOKEN));
    // Time passes: the token stays put.
    for s in 1..5 {
        app.update(Action::Tick(now + chrono::Duration::seconds(s)));
        assert_eq!(app.token(), Some(WORKED_TOKEN));
    }
    // Editing another field leaves it alone.
    app.update(Action::Focus(Focus::Account));
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
    // Editing the field resolves it again, against the new now.
    set_expiry(&mut app, "+1h");
    assert_eq!(app.expiry_unix(), Some(EXPIRED_TIME + 4));
}

#[test]
fn an_unparsable_expiry_names_the_accepted_forms() {
    let mut app = example();
    set_expiry(&mut app, "tomorrow");
    assert_eq!(app.token(), None);
    let err = app.derived().expiry.clone().unwrap_err().to_string();
    for form in [
        "Unix seconds",
        "Asia/Shanghai",
        "2018-12-31 15:59:59",
        "+1h30m",
    ] {
        assert!(err.contains(form), "{err}");
    }
    // The Checks panel says so too.
    assert!(codes(&app).contains(&"expiry_invalid"), "{:?}", codes(&app));
}

fn codes(app: &App) -> Vec<&'static str> {
    app.findings().iter().map(|f| f.code).collect()
}

#[test]
fn the_usual_mistakes_raise_findings_as_they_are_typed() {
    let mut app = example();
    app.update(Action::Focus(Focus::Certificate));
    app.update(Action::Paste("\n".into()));
    assert!(
        codes(&app).contains(&"certificate_whitespace"),
        "{:?}",
        codes(&app)
    );

    let mut app = example();
    app.update(Action::Focus(Focus::AppId));
    ctrl(&mut app, 'u');
    type_text(&mut app, &APP_ID.to_lowercase());
    assert!(
        !codes(&app).iter().any(|c| c.starts_with("app_id")),
        "a lower-case App ID is normal: {:?}",
        codes(&app)
    );

    let mut app = example();
    app.update(Action::Focus(Focus::Account));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Jose\u{301}");
    assert!(codes(&app).contains(&"account_nfd"));

    let mut app = example();
    set_expiry(&mut app, EXPIRY_IN_MS);
    assert!(codes(&app).contains(&"expiry_milliseconds"));
}

#[test]
fn the_expired_finding_follows_the_clock_without_touching_the_token() {
    let before = sigtoken::expiry::parse_now("2018-12-31T15:59:58Z").unwrap();
    let mut app = App::new(Config::worked_example(before));
    assert!(!codes(&app).contains(&"expired"));
    app.update(Action::Tick(before + chrono::Duration::seconds(1)));
    assert!(codes(&app).contains(&"expired"));
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn the_worked_example_is_a_finding_with_the_erratum() {
    let app = example();
    let f = app
        .findings()
        .iter()
        .find(|f| f.code == "worked_example")
        .cloned()
        .unwrap();
    assert!(
        f.message.contains(&PUBLISHED_SIGN[..8])
            && f.message.contains(&PUBLISHED_SIGN_EXPIRY.to_string())
    );
}

/// Runs the diagnosis the app asked for, as the runtime would, and hands it back.
fn run_diagnosis(app: &mut App, effects: Vec<Effect>) {
    let [Effect::Diagnose { generation, job }] = &effects[..] else {
        panic!("expected a diagnosis, got {effects:?}");
    };
    let report = sigtoken::diagnose::diagnose(&job.request());
    app.update(Action::Diagnosed(*generation, Box::new(report)));
}

#[test]
fn the_client_token_field_comes_after_the_toggles_and_opens_the_diagnosis() {
    use sigtoken::tui::model::View;
    let mut app = example();
    for _ in 0..6 {
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.focus(), Focus::ClientToken);
    assert_eq!(app.view(), View::Diagnosis);
    key(&mut app, KeyCode::F(7));
    assert_eq!(app.view(), View::Console);
}

#[test]
fn pasting_a_client_token_diagnoses_it_off_the_ui_thread() {
    use sigtoken::tui::model::Diagnosis;
    let mut app = example();
    app.update(Action::Focus(Focus::ClientToken));
    let effect = app.update(Action::Paste(PUBLISHED_TOKEN.into()));
    assert!(matches!(app.diagnosis(), Diagnosis::Running { .. }));
    run_diagnosis(&mut app, effect);
    let Diagnosis::Done(report) = app.diagnosis() else {
        panic!("{:?}", app.diagnosis());
    };
    assert_eq!(report.cause.as_ref().unwrap().code, "expiry_as_duration");
    assert_eq!(report.error().map(|e| e.code()), Some(206));
}

#[test]
fn a_stale_result_is_dropped_and_toggles_rediagnose() {
    use sigtoken::tui::model::Diagnosis;
    let mut app = example();
    app.update(Action::Focus(Focus::ClientToken));
    let first = app.update(Action::Paste("_no_need_token".into()));
    // The switch flips before the first result arrives: that result is stale.
    let second = app.update(Action::ToggleDebugSwitch);
    run_diagnosis(&mut app, first);
    assert!(matches!(app.diagnosis(), Diagnosis::Running { .. }));
    run_diagnosis(&mut app, second);
    let Diagnosis::Done(report) = app.diagnosis() else {
        panic!();
    };
    assert_eq!(report.outcome, sigtoken::policy::Outcome::Accepted);
}

#[test]
fn esc_cancels_a_running_search_and_keeps_what_is_known() {
    use sigtoken::diagnose::{Control, diagnose_with};
    use sigtoken::tui::model::Diagnosis;
    let mut app = example();
    app.update(Action::Focus(Focus::ClientToken));
    let effects = app.update(Action::Paste(PUBLISHED_TOKEN.into()));
    let [Effect::Diagnose { generation, job }] = &effects[..] else {
        panic!("a diagnosis was asked for");
    };
    let effect = key(&mut app, KeyCode::Esc);
    assert_eq!(effect, vec![Effect::CancelDiagnosis]);
    assert_eq!(app.diagnosis(), &Diagnosis::Cancelled);
    // The worker notices and reports what it knew: the verdict, not the cause.
    let control = Control::default();
    control.cancel();
    let report = diagnose_with(&job.request(), &control);
    app.update(Action::Diagnosed(*generation, Box::new(report)));
    let Diagnosis::Done(report) = app.diagnosis() else {
        panic!("{:?}", app.diagnosis());
    };
    assert!(report.cancelled);
    assert_eq!(report.error().map(|e| e.code()), Some(206));
    // Clearing the client token stops diagnosing.
    ctrl(&mut app, 'u');
    assert_eq!(app.diagnosis(), &Diagnosis::Idle);
}

#[test]
fn the_code_reference_is_searched_by_number() {
    use sigtoken::tui::model::Overlay;
    let mut app = example();
    key(&mut app, KeyCode::F(8));
    assert_eq!(app.overlay(), Some(Overlay::Codes));
    for c in "2x06".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.codes_query(), "206", "only digits go in");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.codes_query(), "20");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    assert_eq!(app.value(Focus::AppId), APP_ID);
}
