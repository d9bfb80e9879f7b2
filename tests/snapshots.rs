//! Whole frames on ratatui's TestBackend, as insta snapshots. Review changes with
//! `cargo insta review` (or read the .snap files: they are plain text).

mod common;

use common::app::{blank_config, example_config};
use common::example::{
    APP_CERTIFICATE, APP_ID, EXPIRY, EXPIRY_IN_MS, PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY,
    PUBLISHED_TOKEN, WORKED_SIGN, WORKED_TOKEN,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::tui::action::Action;
use sigtoken::tui::app::App;
use sigtoken::tui::field::Edit;
use sigtoken::tui::model::{Config, Focus};
use sigtoken::tui::ui;

/// Local time in the snapshots is UTC+8, whatever the machine's zone.
fn zone() -> sigtoken::expiry::Zone {
    sigtoken::expiry::Zone::Fixed(chrono::FixedOffset::east_opt(8 * 3600).unwrap())
}

fn cfg() -> Config {
    Config {
        zone: zone(),
        ..example_config()
    }
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
    App::new(cfg())
}

#[test]
fn worked_example_100x30() {
    let terminal = draw(&example(), 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains(WORKED_TOKEN));
    assert!(text.contains(&PUBLISHED_SIGN[..8]), "the erratum is shown");
    assert!(!text.contains(APP_CERTIFICATE), "certificate masked");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn worked_example_80x24() {
    let terminal = draw(&example(), 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains(WORKED_SIGN));
    assert!(text.contains(&PUBLISHED_SIGN[..8]));
    assert!(!text.contains(APP_CERTIFICATE));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn certificate_revealed() {
    let mut app = example();
    app.update(Action::ToggleReveal);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    // In the field and in the MD5 input.
    assert_eq!(text.matches(APP_CERTIFICATE).count(), 2);
}

#[test]
fn help_overlay_100x30() {
    let mut app = example();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
}

#[test]
fn blank_100x30() {
    insta::assert_snapshot!(
        draw(
            &App::new(Config {
                zone: zone(),
                ..blank_config()
            }),
            100,
            30
        )
        .backend()
    );
}

#[test]
fn hidden_characters_made_visible_100x30() {
    let mut config = cfg();
    config.certificate = format!("{}\n", APP_CERTIFICATE).into();
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
    assert!(text.contains("No token yet"));
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
            if overlay != app.overlay().is_some() {
                app.update(Action::ToggleHelp);
            }
            draw(&app, w, h);
        }
    }
}

#[test]
fn long_values_keep_every_part_of_the_md5_input_in_view() {
    let mut config = cfg();
    config.account = "用".repeat(3000);
    config.app_id = "A".repeat(500);
    config.certificate = format!("{}\r", APP_CERTIFICATE).into();
    let app = App::new(config);
    for (w, h) in [(100, 30), (80, 24), (60, 24)] {
        let terminal = draw(&app, w, h);
        let text = screen_text(&terminal);
        // The middle of the long parts gives way; the ends of every part stay.
        assert!(text.contains("⋯"), "{w}x{h}\n{text}");
        assert!(
            text.contains("•␍"),
            "the certificate's line break: {w}x{h}\n{text}"
        );
        assert!(text.contains(EXPIRY), "the expiry: {w}x{h}\n{text}");
        assert!(!text.contains("Enlarge"), "{w}x{h}\n{text}");
    }
}

#[test]
fn the_usual_mistakes_100x30() {
    let mut config = cfg();
    config.app_id = APP_ID.to_lowercase();
    config.certificate = format!("{}\n", APP_CERTIFICATE).into();
    config.account = "Jose\u{301}".into();
    config.expiry = EXPIRY_IN_MS.into();
    let app = App::new(config);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    assert!(
        text.contains(&format!("1:{}:{EXPIRY_IN_MS}:", APP_ID.to_lowercase())),
        "{text}"
    );
    // Each finding on its own line, beside the field it concerns; a lower-case App ID
    // is normal and draws none.
    assert!(!text.contains("lower-case"), "{text}");
    for (field, message) in [
        ("App Certificate", "ends with a newline"),
        ("Account", "is in Unicode NFD"),
        ("Expiry", "13 digits: milliseconds"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.contains(&format!("{field:<16}")) && l.contains(message)),
            "{field}: {message} not on screen:\n{text}"
        );
    }
    assert!(!text.contains(APP_CERTIFICATE));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn relative_expiry_80x24() {
    let mut config = cfg();
    config.expiry = "+1h30m".into();
    let terminal = draw(&App::new(config), 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("= 1795915800 · "), "{text}");
    assert!(text.contains("fixed"), "{text}");
    assert!(text.contains("valid, expires in 1h 30m"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

/// The characters a finding is about are marked where they stand: reversed and
/// underlined in the field and in the MD5 input.
#[test]
fn findings_mark_their_characters() {
    use ratatui::style::Modifier;
    let mut config = cfg();
    config.certificate = format!("{}\n", APP_CERTIFICATE).into();
    let terminal = draw(&App::new(config), 100, 30);
    let buffer = terminal.backend().buffer();
    let marked: Vec<(u16, u16)> = buffer
        .content
        .iter()
        .enumerate()
        .filter(|(_, cell)| cell.symbol() == "↵")
        .map(|(i, _)| buffer.pos_of(i))
        .collect();
    assert_eq!(marked.len(), 2, "in the field and in the MD5 input");
    for (x, y) in marked {
        let cell = &buffer[(x, y)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "({x},{y})");
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "({x},{y})");
    }
    // An unmarked character of the same value is left alone.
    let bullet = buffer
        .content
        .iter()
        .find(|cell| cell.symbol() == "•")
        .unwrap();
    assert!(!bullet.modifier.contains(Modifier::REVERSED));
}

fn diagnosed(token: &str) -> App {
    diagnosed_with(cfg(), token)
}

fn diagnosed_with(config: Config, token: &str) -> App {
    use sigtoken::tui::action::Effect;
    let mut app = App::new(config);
    app.update(Action::Focus(Focus::ClientToken));
    let effects = app.update(Action::Paste(token.into()));
    let [Effect::Diagnose { generation, job }] = &effects[..] else {
        panic!("no diagnosis asked for");
    };
    let report = sigtoken::diagnose::diagnose(&job.request());
    app.update(Action::Diagnosed(*generation, Box::new(report)));
    app
}

#[test]
fn diagnosis_of_the_published_token_100x30() {
    let app = diagnosed(PUBLISHED_TOKEN);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    assert!(
        text.contains("rejected with 206 LOGIN_E_TOKENWRONG"),
        "{text}"
    );
    assert!(
        text.contains("a duration where the expiry time belongs"),
        "{text}"
    );
    assert!(text.contains(&PUBLISHED_SIGN_EXPIRY.to_string()), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn diagnosis_of_a_malformed_token_80x24() {
    let app = diagnosed(&format!("1:{APP_ID}:15462719 99:abc"));
    let terminal = draw(&app, 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("malformed_token"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn code_reference_100x30() {
    let mut app = App::new(cfg());
    app.update(Action::ToggleCodes);
    let list = screen_text(&draw(&app, 100, 30));
    assert!(list.contains("104 LOGOUT_E_PACKET") && list.contains("209 LOGIN_E_INVALID_USER"));
    for c in "206".chars() {
        app.update(Action::CodesQuery(sigtoken::tui::field::Edit::Insert(c)));
    }
    let terminal = draw(&app, 100, 30);
    assert!(screen_text(&terminal).contains("What to check"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn no_color_draws_without_colours_but_keeps_emphasis() {
    use ratatui::style::{Color, Modifier};
    let mut config = cfg();
    config.no_color = true;
    config.certificate = format!("{}\n", APP_CERTIFICATE).into();
    let terminal = draw(&App::new(config), 100, 30);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(
        buffer
            .content
            .iter()
            .any(|c| c.symbol() == "↵" && c.modifier.contains(Modifier::REVERSED)),
        "the marked newline is still reversed"
    );
}

#[test]
fn the_client_token_field_carries_no_marks_of_the_inputs() {
    use ratatui::style::Modifier;
    // The worked example has expired by the tests' clock: the Expiry field is marked
    // whole. The client token, drawn in the diagnosis view, is not an input: unmarked.
    let app = diagnosed(WORKED_TOKEN);
    assert!(app.findings().iter().any(|f| f.code == "expired"));
    let terminal = draw(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    let row_of = |text: &str| {
        (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(text)
            })
            .unwrap_or_else(|| panic!("{text} on screen"))
    };
    let underlined = |y: u16, text: &str| {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let start = line.find(text).unwrap();
        let x = line[..start].chars().count() as u16;
        (x..x + text.chars().count() as u16)
            .all(|x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED))
    };
    let expiry = row_of("Expiry ");
    assert!(underlined(expiry, EXPIRY), "the expired Expiry is marked");
    let client = row_of("Client token ");
    // The field scrolls to its cursor, at the end: the sign is in view.
    assert!(!underlined(client, WORKED_SIGN), "the client token is not");
}

#[test]
fn worked_example_60x24() {
    let terminal = draw(&example(), 60, 24);
    let text = screen_text(&terminal);
    // The narrowest full console: the sign whole, the token never wrapped (shortened
    // in the middle, Ctrl-T copies it whole), the certificate masked.
    assert!(text.contains(WORKED_SIGN));
    assert!(
        text.lines()
            .any(|l| l.contains("1:C5D15F8FD394285DA5227B533302A518:") && l.contains('⋯')),
        "{text}"
    );
    assert!(text.contains("Ctrl-T copy token"), "{text}");
    assert!(text.contains("Client token"), "{text}");
    assert!(!text.contains(APP_CERTIFICATE));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn worked_example_200x50() {
    let terminal = draw(&example(), 200, 50);
    let text = screen_text(&terminal);
    assert!(text.contains(WORKED_TOKEN));
    assert!(text.contains(&PUBLISHED_SIGN[..8]));
    assert!(!text.contains(APP_CERTIFICATE));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn diagnosis_of_the_published_token_200x50() {
    let terminal = draw(&diagnosed(PUBLISHED_TOKEN), 200, 50);
    let text = screen_text(&terminal);
    assert!(text.contains("a duration where the expiry time belongs"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_diagnosis_names_the_candidate_files_it_searched() {
    use sigtoken::diagnose::Candidates;
    use sigtoken::token::Inputs;
    let other = "0123456789abcdef0123456789abcdef";
    let token = Inputs::new(
        APP_ID,
        other,
        "test@agora.io",
        common::example::EXPIRED_TIME,
    )
    .token();
    let config = Config {
        candidates: std::sync::Arc::new(Candidates {
            certificates: vec!["ffffffffffffffffffffffffffffffff".into(), other.into()],
            certificate_file: Some("certs.txt".into()),
            accounts: Vec::new(),
            account_file: None,
        }),
        ..cfg()
    };
    let app = diagnosed_with(config, &token);
    let text = screen_text(&draw(&app, 100, 30));
    assert!(
        text.contains("Your server used another certificate: candidate"),
        "{text}"
    );
    assert!(text.contains("(line 2)"), "{text}");
    assert!(
        text.contains("Searched  Every known mistake, and 2 candidate certificates from"),
        "{text}"
    );
    assert!(text.contains("certs.txt."), "{text}");
    assert!(!text.contains(other), "the candidate is a secret: {text}");
}

#[test]
fn diagnosis_of_the_published_token_60x24() {
    let terminal = draw(&diagnosed(PUBLISHED_TOKEN), 60, 24);
    let text = screen_text(&terminal);
    // Too narrow for two columns: the client's sign and the expected one are stacked,
    // each whole.
    assert!(text.contains(PUBLISHED_SIGN), "{text}");
    assert!(text.contains(WORKED_SIGN), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn diagnosis_of_the_published_token_80x24() {
    let terminal = draw(&diagnosed(PUBLISHED_TOKEN), 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains(PUBLISHED_SIGN), "{text}");
    assert!(text.contains(WORKED_SIGN), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

/// F7 on the first screen: the cursor in the empty Client token field, which says
/// what to paste and what the diagnosis then shows.
#[test]
fn f7_on_the_first_screen_80x24() {
    let mut app = example();
    app.update(Action::ToggleDiagnosis);
    let terminal = draw(&app, 80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("▸ Client token"), "{text}");
    assert!(text.contains("The cursor is in Client token"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

/// A finding selected with the key table's key is shown whole, wrapped; the others
/// stay one line each.
#[test]
fn a_selected_check_is_shown_whole_100x30() {
    let mut config = cfg();
    config.app_id = APP_ID.to_lowercase();
    config.certificate = format!("{}\n", APP_CERTIFICATE).into();
    config.account = "Jose\u{301}".into();
    config.expiry = EXPIRY_IN_MS.into();
    let mut app = App::new(config);
    app.update(Action::SelectFinding(1));
    app.update(Action::SelectFinding(1));
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    let whole = &app.findings()[1];
    // Every word of its why is on screen (wrapped, not cut).
    for word in whole.why.split(' ') {
        assert!(text.contains(word), "{word} not on screen:\n{text}");
    }
    assert!(text.contains("2 of 6"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_overlay_60x24() {
    let mut app = example();
    app.update(Action::ToggleHelp);
    let terminal = draw(&app, 60, 24);
    let text = screen_text(&terminal);
    for line in sigtoken::tui::help::workflow() {
        assert!(text.contains(&line), "{line} not whole on screen:\n{text}");
    }
    insta::assert_snapshot!(terminal.backend());
}
