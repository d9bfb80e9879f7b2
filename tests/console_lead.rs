//! Issue 12, "the console leads to the answer": F7 puts the cursor in the Client token
//! field, a finding can be selected and read whole, and typing on a toggle is answered.
//! Keys go through the key table into `update`, as a user's would.

mod common;

use common::app::{ctrl, example, example_config, key};
use common::example::{APP_CERTIFICATE, APP_ID, EXPIRY_IN_MS, PUBLISHED_TOKEN, WORKED_TOKEN};
use crossterm::event::KeyCode;
use sigtoken::tui::action::{Action, Effect};
use sigtoken::tui::app::App;
use sigtoken::tui::keymap::{self, key_label};
use sigtoken::tui::model::{Focus, StatusLevel, View};

#[test]
fn f7_puts_the_cursor_in_the_client_token_and_a_paste_lands_there() {
    let mut app = example();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::Certificate);
    key(&mut app, KeyCode::F(7));
    assert_eq!(app.view(), View::Diagnosis);
    assert_eq!(app.focus(), Focus::ClientToken);
    let status = app.status().expect("F7 says what to do").text.clone();
    assert!(status.contains("The cursor is in Client token"), "{status}");
    let effects = app.update(Action::Paste(PUBLISHED_TOKEN.into()));
    assert!(
        matches!(effects[..], [Effect::Diagnose { .. }]),
        "{effects:?}"
    );
    assert_eq!(app.value(Focus::ClientToken), PUBLISHED_TOKEN);
    assert_eq!(app.value(Focus::AppId), APP_ID, "the App ID is untouched");
    assert_eq!(app.token(), Some(WORKED_TOKEN));
    // F7 again: back to the token panels, the focus where it was before.
    key(&mut app, KeyCode::F(7));
    assert_eq!(app.view(), View::Console);
    assert_eq!(app.focus(), Focus::Certificate);
}

#[test]
fn f7_back_from_a_diagnosis_reached_by_tab_focuses_the_first_field() {
    let mut app = example();
    app.update(Action::Focus(Focus::ClientToken));
    assert_eq!(app.view(), View::Diagnosis);
    key(&mut app, KeyCode::F(7));
    assert_eq!((app.view(), app.focus()), (View::Console, Focus::AppId));
}

#[test]
fn the_next_check_key_walks_the_findings_and_back_to_none() {
    let mut config = example_config();
    config.certificate = format!("{APP_CERTIFICATE}\n").into();
    config.expiry = EXPIRY_IN_MS.into();
    let mut app = App::new(config);
    let count = app.findings().len();
    assert!(count >= 3, "{:?}", app.findings());
    assert_eq!(app.selected_finding_index(), None);
    let mut seen = Vec::new();
    for _ in 0..count {
        ctrl(&mut app, 'n');
        seen.push(app.selected_finding_index().unwrap());
    }
    assert_eq!(seen, (0..count).collect::<Vec<_>>());
    ctrl(&mut app, 'n');
    assert_eq!(app.selected_finding_index(), None, "after the last, none");
    ctrl(&mut app, 'p');
    assert_eq!(
        app.selected_finding_index(),
        Some(count - 1),
        "back to the last"
    );
}

#[test]
fn the_selected_check_follows_its_finding_while_others_come_and_go() {
    let mut config = example_config();
    config.expiry = EXPIRY_IN_MS.into();
    let mut app = App::new(config);
    // Select the milliseconds error on the expiry.
    while app
        .selected_finding_index()
        .is_none_or(|i| app.findings()[i].code != "expiry_milliseconds")
    {
        ctrl(&mut app, 'n');
        assert!(app.findings().len() < 20);
    }
    // A newline at the end of the certificate adds an error before it.
    app.update(Action::Focus(Focus::Certificate));
    app.update(Action::Paste("\n".into()));
    let i = app.selected_finding_index().expect("still selected");
    assert_eq!(app.findings()[i].code, "expiry_milliseconds");
    assert!(i > 0, "{:?}", app.findings());
    // Fixing the expiry makes the finding go: nothing is selected.
    app.update(Action::Focus(Focus::Expiry));
    ctrl(&mut app, 'u');
    for c in "1546271999".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.selected_finding_index(), None);
}

#[test]
fn a_note_that_explains_the_input_comes_before_the_warnings() {
    let mut config = example_config();
    config.account = "Jose\u{301}".into(); // a warning (NFD) and a note (non-ASCII)
    config.expiry = "2031-01-01 00:00:00".into(); // read as UTC: the explaining note
    let app = App::new(config);
    let codes: Vec<&str> = app.findings().iter().map(|f| f.code).collect();
    let at = |code: &str| codes.iter().position(|c| *c == code).expect(code);
    assert!(at("expiry_read_as_utc") < at("account_nfd"), "{codes:?}");
    assert!(at("account_nfd") < at("account_non_ascii"), "{codes:?}");
}

#[test]
fn typing_on_a_toggle_is_answered_on_the_status_line() {
    let mut app = example();
    app.update(Action::Focus(Focus::CertificateEnabled));
    let before = app.settings();
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.settings(), before, "nothing flipped");
    assert_eq!(app.token(), Some(WORKED_TOKEN), "nothing typed anywhere");
    let status = app.status().expect("the keystroke is answered");
    assert_eq!(status.level, StatusLevel::Warning);
    let flip = keymap::key_label_in(keymap::Scope::Toggle, &Action::ToggleFocused);
    let prev = key_label(&Action::FocusPrev);
    let next = key_label(&Action::FocusNext);
    // The nearer field first: the start of the line is what a narrow screen keeps.
    let expected = format!(
        "Typing ignored on a toggle: {prev} goes to Expiry, {next} twice goes to Client \
         token. {flip} flips App Certificate enabled."
    );
    assert_eq!(status.text, expected);
    // A paste on a toggle says the same, and the way there works as it says.
    app.update(Action::Paste("abc".into()));
    assert!(
        app.status()
            .unwrap()
            .text
            .starts_with("Paste ignored on a toggle")
    );
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Focus::Expiry);
}

#[test]
fn the_footer_always_offers_the_token_copy_and_the_diagnosis() {
    use sigtoken::tui::action::CopyTarget;
    let scopes = example().scopes();
    let hints = keymap::footer_hints(&scopes);
    for action in [Action::Copy(CopyTarget::Token), Action::ToggleDiagnosis] {
        let label = key_label(&action);
        assert!(
            hints.iter().any(|h| h.keys == label && h.always),
            "{label} is not always in the footer: {hints:?}"
        );
    }
}
