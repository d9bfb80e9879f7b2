//! Whole frames on ratatui's TestBackend, as insta snapshots. Review changes with
//! `cargo insta review` (or read the .snap files: they are plain text).

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::token::worked_example;
use sigtoken::tui::app::{Action, App, Config, Focus};
use sigtoken::tui::field::Edit;
use sigtoken::tui::ui;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T00:00:00Z")
        .unwrap()
        .to_utc()
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, frame);
        })
        .unwrap();
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

fn example() -> App {
    App::new(Config::worked_example(now()))
}

#[test]
fn worked_example_100x30() {
    let terminal = draw(&example(), 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains(
        "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684"
    ));
    assert!(text.contains("5c0ee12f"), "the erratum is shown");
    assert!(
        !text.contains(worked_example::APP_CERTIFICATE),
        "certificate masked"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn worked_example_80x24() {
    let terminal = draw(&example(), 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("2d572d6e3a75ebde5a06626f40fe9684"));
    assert!(text.contains("5c0ee12f"));
    assert!(!text.contains(worked_example::APP_CERTIFICATE));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn certificate_revealed() {
    let mut app = example();
    app.update(Action::ToggleReveal);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    // In the field and in the MD5 input.
    assert_eq!(text.matches(worked_example::APP_CERTIFICATE).count(), 2);
}

#[test]
fn help_overlay_100x30() {
    let mut app = example();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
}

#[test]
fn blank_100x30() {
    insta::assert_snapshot!(draw(&App::new(Config::blank(now())), 100, 30).backend());
}

#[test]
fn hidden_characters_made_visible_100x30() {
    let mut config = Config::worked_example(now());
    config.certificate = "fe1a0437bf217bdd34cd65053fb0fe1d\n".into();
    config.account = "Jose\u{301} 用户😀\t\0\u{200B}".into();
    let app = App::new(config);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    // The certificate stays masked, but its trailing newline shows.
    assert!(text.contains("••••↵"), "{text}");
    assert!(text.contains("◌\u{301}"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn bad_expiry_and_certificate_off_100x30() {
    let mut app = example();
    app.update(Action::Focus(Focus::Expiry));
    app.update(Action::Edit(Edit::Insert('m')));
    app.update(Action::ToggleCertificateEnabled);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains("cannot be built yet"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn debug_switch_on_80x24() {
    let mut app = example();
    app.update(Action::ToggleDebugSwitch);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn tiny_30x6_asks_for_more_room() {
    let terminal = draw(&example(), 30, 6);
    assert!(screen_text(&terminal).contains("Enlarge"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn every_size_down_to_1x1_draws() {
    let mut app = example();
    app.update(Action::ToggleHelp);
    for (w, h) in [
        (1, 1),
        (0, 0),
        (1, 30),
        (200, 1),
        (59, 40),
        (60, 22),
        (61, 21),
        (500, 200),
    ] {
        for overlay in [true, false] {
            if overlay != app.overlay.is_some() {
                app.update(Action::ToggleHelp);
            }
            draw(&app, w, h);
        }
    }
}

#[test]
fn long_values_scroll_and_truncate_without_breaking_the_layout() {
    let mut config = Config::worked_example(now());
    config.account = "用".repeat(3000);
    config.app_id = "A".repeat(500);
    let app = App::new(config);
    for (w, h) in [(100, 30), (80, 24), (60, 22)] {
        let terminal = draw(&app, w, h);
        let text = screen_text(&terminal);
        assert!(text.contains("more lines"), "{w}x{h}\n{text}");
    }
}
