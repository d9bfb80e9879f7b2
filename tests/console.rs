//! The console driven the way a user drives it: key events through the keymap into
//! `update`, then the state and the derived token checked.

mod common;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sigtoken::policy::Rule;
use sigtoken::tui::app::{
    Action, App, Config, CopyOutcome, CopyTarget, Effect, Focus, MAX_FIELD_CHARS, Overlay,
    StatusLevel,
};
use sigtoken::tui::keymap;

const WORKED_TOKEN: &str =
    "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T00:00:00Z")
        .unwrap()
        .to_utc()
}

fn blank() -> App {
    App::new(Config::blank(now()))
}

fn example() -> App {
    App::new(Config::worked_example(now()))
}

/// Presses a key; returns the effect `update` asked for, if any.
fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    let action = keymap::dispatch(app, &KeyEvent::new(code, mods))?;
    app.update(action)
}

fn key(app: &mut App, code: KeyCode) -> Option<Effect> {
    press(app, code, KeyModifiers::NONE)
}

fn ctrl(app: &mut App, c: char) -> Option<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

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
    assert!(app.derived().is_worked_example);
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
            assert_eq!(app.focus, focus, "{}", v.id);
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
    assert_eq!(app.value(Focus::Account), "test@agora.iox");
    let with_x = app.token().unwrap().to_string();
    assert_ne!(with_x, WORKED_TOKEN);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn focus_order_and_wrapping() {
    let mut app = blank();
    let mut seen = vec![app.focus];
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
        seen.push(app.focus);
    }
    assert_eq!(seen, Focus::ORDER);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.focus, Focus::AppId, "Down wraps to the first field");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.focus, Focus::DebugSwitch);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Focus::CertificateEnabled);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Expiry);
}

#[test]
fn enter_in_a_field_moves_on() {
    let mut app = blank();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Certificate);
}

#[test]
fn space_and_enter_flip_toggles_but_type_in_fields() {
    let mut app = blank();
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.value(Focus::AppId), " ");
    app.update(Action::Focus(Focus::CertificateEnabled));
    assert!(app.settings.certificate_enabled);
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.settings.certificate_enabled);
    key(&mut app, KeyCode::Enter);
    assert!(app.settings.certificate_enabled);
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
    let before = app.settings;
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.settings, before);
    let status = app.status.clone().unwrap();
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
        assert!(app.should_quit, "{focus:?}");
    }
    let mut app = example();
    key(&mut app, KeyCode::F(1));
    ctrl(&mut app, 'c');
    assert!(app.should_quit, "over the help");
}

#[test]
fn help_opens_scrolls_and_closes_with_esc() {
    let mut app = example();
    key(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay, Some(Overlay::Help));
    // Keys go to the help, not the field underneath.
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.help_scroll, 1);
    assert_eq!(app.value(Focus::AppId), "C5D15F8FD394285DA5227B533302A518");
    for _ in 0..500 {
        key(&mut app, KeyCode::PageDown);
    }
    assert!(app.help_scroll < keymap::help_line_count());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    // On a toggle, ? opens it too; in a field, ? is typed.
    app.update(Action::Focus(Focus::CertificateEnabled));
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
}

#[test]
fn a_paste_lands_in_one_piece_exactly_as_given() {
    let mut app = blank();
    app.update(Action::Focus(Focus::Certificate));
    app.update(Action::Paste("fe1a0437bf217bdd34cd65053fb0fe1d\n".into()));
    assert_eq!(
        app.value(Focus::Certificate),
        "fe1a0437bf217bdd34cd65053fb0fe1d\n"
    );
}

#[test]
fn an_oversized_paste_is_cut_and_the_user_is_told() {
    let mut app = blank();
    app.update(Action::Focus(Focus::Account));
    app.update(Action::Paste("a".repeat(1_000_000)));
    assert_eq!(app.value(Focus::Account).len(), MAX_FIELD_CHARS);
    let status = app.status.clone().unwrap();
    assert_eq!(status.level, StatusLevel::Warning);
    assert!(status.text.contains("Paste cut"), "{}", status.text);
    assert!(status.text.contains("1000000"), "{}", status.text);
    // A full field refuses more typing, and says so.
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.value(Focus::Account).len(), MAX_FIELD_CHARS);
    assert!(app.status.clone().unwrap().text.contains("is full"));
}

#[test]
fn a_paste_on_a_toggle_is_refused_with_a_message() {
    let mut app = example();
    app.update(Action::Focus(Focus::DebugSwitch));
    app.update(Action::Paste("x".into()));
    assert!(app.status.clone().unwrap().text.contains("Paste ignored"));
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn reveal_flips_with_ctrl_r() {
    let mut app = example();
    assert!(!app.reveal_certificate);
    ctrl(&mut app, 'r');
    assert!(app.reveal_certificate);
    ctrl(&mut app, 'r');
    assert!(!app.reveal_certificate);
}

#[test]
fn copy_asks_the_runtime_and_reports_the_route() {
    let mut app = example();
    let effect = ctrl(&mut app, 't');
    assert_eq!(
        effect,
        Some(Effect::Copy {
            target: CopyTarget::Token,
            text: WORKED_TOKEN.into()
        })
    );
    let effect = ctrl(&mut app, 's');
    assert_eq!(
        effect,
        Some(Effect::Copy {
            target: CopyTarget::Sign,
            text: "2d572d6e3a75ebde5a06626f40fe9684".into()
        })
    );
    app.update(Action::Copied(
        CopyTarget::Sign,
        CopyOutcome::Osc52 {
            why: "no display found".into(),
        },
    ));
    let text = app.status.clone().unwrap().text;
    assert!(text.contains("sign") && text.contains("OSC 52"), "{text}");
    app.update(Action::Copied(CopyTarget::Token, CopyOutcome::System));
    assert!(
        app.status
            .clone()
            .unwrap()
            .text
            .contains("system clipboard")
    );
}

#[test]
fn a_bad_expiry_blocks_the_token_and_copy_says_why() {
    let mut app = example();
    app.update(Action::Focus(Focus::Expiry));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.token(), None);
    assert!(app.derived().expiry.is_err());
    assert_eq!(ctrl(&mut app, 't'), None);
    let status = app.status.clone().unwrap();
    assert_eq!(status.level, StatusLevel::Error);
    assert!(status.text.contains("Expiry"), "{}", status.text);
    // Nothing typed is lost: the bad value is still there to fix.
    assert_eq!(app.value(Focus::Expiry), "1546271999x");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn the_clock_never_changes_the_token() {
    let mut app = example();
    let later = now() + chrono::Duration::days(400);
    app.update(Action::Tick(later));
    assert_eq!(app.now, later);
    assert_eq!(app.token(), Some(WORKED_TOKEN));
}

#[test]
fn inputs_are_never_trimmed_or_case_folded() {
    let mut app = blank();
    type_text(&mut app, "c5d15f8fd394285da5227b533302a518 ");
    assert_eq!(app.value(Focus::AppId), "c5d15f8fd394285da5227b533302a518 ");
    assert!(
        app.derived()
            .md5_input
            .bytes
            .ends_with(b"c5d15f8fd394285da5227b533302a518 ")
    );
}
