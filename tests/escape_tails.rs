//! Issue 13, item 11: Esc followed at once by another key (`tmux send-keys Escape F8`
//! writes `\x1b\x1b[19~`) acts as both keys, in order; the second key's escape code is
//! never typed into a field.

mod common;

use common::app::example;
use common::example::WORKED_TOKEN;
use common::pty::Session;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sigtoken::tui::app::App;
use sigtoken::tui::keyjoin::KeyJoiner;
use sigtoken::tui::keymap;
use sigtoken::tui::model::{Focus, Overlay};

/// The events crossterm reads from `bytes` when they start with ESC ESC: one Esc (it
/// forgets the second ESC), then every other byte as a character, upper case with Shift.
fn crossterm_events(bytes: &str) -> Vec<Event> {
    let tail = bytes.strip_prefix("\x1b\x1b").expect("ESC ESC first");
    std::iter::once(KeyCode::Esc)
        .chain(tail.chars().map(KeyCode::Char))
        .map(|code| {
            let mods = match code {
                KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
                _ => KeyModifiers::NONE,
            };
            Event::Key(KeyEvent::new(code, mods))
        })
        .collect()
}

/// One burst through the joiner and the key table into `update`, as the event loop
/// does.
fn burst(app: &mut App, bytes: &str) {
    let mut joiner = KeyJoiner::default();
    let events = crossterm_events(bytes).into_iter().map(Some).chain([None]);
    for event in events.flat_map(|e| joiner.take(e)) {
        let Event::Key(key) = event else { continue };
        if let Some(action) = keymap::dispatch(&app.scopes(), &key) {
            app.update(action);
        }
    }
}

fn values(app: &App) -> Vec<String> {
    Focus::FIELDS
        .iter()
        .map(|f| app.value(*f).to_string())
        .collect()
}

#[test]
fn esc_then_f8_opens_the_code_reference_and_types_nothing() {
    let mut app = example();
    let before = values(&app);
    burst(&mut app, "\x1b\x1b[19~");
    assert_eq!(values(&app), before);
    assert_eq!(app.overlay(), Some(Overlay::Codes), "F8 acted after Esc");
    assert_eq!(app.codes_query(), "", "nor typed into the code search");
}

#[test]
fn esc_then_any_key_leaves_every_field_as_it_was() {
    for bytes in [
        "\x1b\x1b[A",
        "\x1b\x1b[D",
        "\x1b\x1bOP",
        "\x1b\x1bOS",
        "\x1b\x1b[H",
        "\x1b\x1b[F",
        "\x1b\x1b[3~",
        "\x1b\x1b[5~",
        "\x1b\x1b[6~",
        "\x1b\x1b[2~",
        "\x1b\x1b[1;5C",
        "\x1b\x1b[1;2D",
        "\x1b\x1b[24~",
        "\x1b\x1b[99~",
        "\x1b\x1b[<0;3;4M",
    ] {
        let mut app = example();
        let before = values(&app);
        burst(&mut app, bytes);
        assert_eq!(values(&app), before, "{bytes:?}");
    }
    // ← after Esc moves the cursor (it is no typing): Esc ← x types x one place left.
    let mut app = example();
    burst(&mut app, "\x1b\x1b[Dx");
    let app_id = app.value(Focus::AppId);
    assert_eq!(&app_id[app_id.len() - 2..], "x8", "{app_id}");
}

#[test]
fn in_a_terminal_esc_then_f8_keeps_the_app_id_and_opens_the_codes() {
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x1b\x1b[19~"); // Esc and F8 in one write, as tmux sends them
    let screen = s.wait_for_text("Signaling error codes");
    assert!(!screen.contains("19~"), "{screen}");
    s.send(b"\x1b"); // Esc closes the reference
    let screen = s.wait_for("the reference closed", |screen| {
        !screen.contains("Signaling error codes")
    });
    assert!(screen.contains(WORKED_TOKEN), "the App ID is unchanged");
    assert!(!screen.contains("19~"), "{screen}");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}
