//! End to end: the real binary in a pseudo-terminal, read through a terminal emulator:
//! typing, pasting, resizing, copying, signals, and the terminal restored at the end.

mod common;

use common::example::{
    ACCOUNT, AN_HOUR_BEFORE, APP_CERTIFICATE, APP_ID, EXPIRED_TIME, EXPIRY, GENERATE,
    PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY, PUBLISHED_TOKEN, WORKED_TOKEN,
};
use common::pty::Session;

#[test]
fn opens_on_the_worked_example_and_quits_cleanly() {
    let mut s = Session::start(&[], &[], 100, 30);
    let screen = s.wait_for_text(WORKED_TOKEN);
    assert!(screen.contains("sigtoken"));
    assert!(
        screen.contains(&PUBLISHED_SIGN[..8]),
        "the erratum is on screen"
    );
    assert!(
        !screen.contains(APP_CERTIFICATE),
        "the certificate is masked"
    );
    assert!(s.alternate_screen());
    s.send(b"\x03"); // Ctrl-C
    assert_eq!(s.wait_exit(), 0);
    // It left the alternate screen and turned bracketed paste off again.
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(raw.contains("\x1b[?2004l"), "bracketed paste off");
}

#[test]
fn typed_inputs_show_the_vector_token() {
    // CJK and emoji accounts, typed as UTF-8 keystrokes into a blank console.
    let vectors = common::vectors();
    for id in [
        "unicode_cjk_account",
        "emoji_account",
        "account_with_colons",
    ] {
        let v = vectors.iter().find(|v| v.id == id).unwrap();
        let mut s = Session::start(&["--blank"], &[], 100, 30);
        s.wait_for_text("App ID");
        for value in [&v.app_id, &v.app_certificate, &v.account, &v.expired_time] {
            s.type_text(value);
            s.send(b"\t");
        }
        s.wait_for_text(&v.token);
        s.send(b"\x03");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn a_bracketed_paste_lands_whole_and_shows_its_line_break() {
    let mut s = Session::start(&["--blank"], &[], 100, 30);
    s.wait_for_text("App ID");
    s.send(b"\t"); // App Certificate
    // A terminal sends a pasted newline as CR, inside the paste brackets.
    s.paste(&format!("{APP_CERTIFICATE}\r"));
    // Masked, but the line break is shown, flagged, and explained.
    s.wait_for_text("••••␍");
    s.wait_for_text("App Certificate ends with a carriage return");
    let screen = s.wait_for_text("terminals send a pasted newline as CR");
    assert!(!screen.contains(APP_CERTIFICATE));
    s.send(b"\x12"); // Ctrl-R reveals
    s.wait_for_text(&format!("{APP_CERTIFICATE}␍"));
    s.send(b"\x7f"); // Backspace removes the line break
    s.wait_for("the line break and its finding gone", |screen| {
        screen.contains("32 chars · shown") && !screen.contains("carriage return")
    });
    s.send(b"\x03");
    s.wait_exit();
}

#[test]
fn toggles_change_the_explanation() {
    // Tall enough for the server rules' table and summary beside the whole findings.
    let mut s = Session::start(&[], &[], 100, 34);
    s.wait_for_text(WORKED_TOKEN);
    s.wait_for("the switch-off rule highlighted", |screen| {
        screen.contains("▶ enabled           off")
    });
    s.send(b"\x1bOS"); // F4: debugging switch on
    s.wait_for_text("▶ enabled           on");
    s.wait_for_text("Switch on: a valid token or _no_need_token logs in");
    s.send(b"\x1bOR"); // F3: certificate off
    s.wait_for_text("▶ not enabled");
    s.wait_for_text("Certificate off: any value logs in");
    s.wait_for_text("unavailable: needs the App Certificate");
    s.send(b"\x03");
    s.wait_exit();
}

#[test]
fn resizing_to_1x1_and_back_keeps_working() {
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    for (cols, rows) in [(1, 1), (20, 5), (1, 1), (100, 30)] {
        s.resize(cols, rows);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    s.wait_for_text(WORKED_TOKEN);
    // Still editing: type on the end of the App ID.
    s.send(b"\x05Z"); // Ctrl-E, Z
    s.wait_for_text(&format!("1:{APP_ID}Z:{EXPIRY}:"));
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_small_screen_asks_to_enlarge_and_recovers() {
    let mut s = Session::start(&[], &[], 40, 10);
    s.wait_for_text("Enlarge");
    s.resize(100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x03");
    s.wait_exit();
}

#[test]
fn copy_without_a_display_goes_through_osc52_and_says_so() {
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x14"); // Ctrl-T
    s.wait_for_text("OSC 52");
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let expected = sigtoken::tui::clipboard::osc52(WORKED_TOKEN);
    assert!(raw.contains(&expected), "the OSC 52 escape was written");
    s.send(b"\x03");
    s.wait_exit();
}

#[test]
fn flags_and_environment_fill_the_fields() {
    let dir = std::env::temp_dir().join(format!("sigtoken-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cert_file = dir.join("cert");
    std::fs::write(&cert_file, format!("{APP_CERTIFICATE}\n")).unwrap();
    let mut s = Session::start(
        &[
            "--account",
            ACCOUNT,
            "--expiry",
            EXPIRY,
            "--certificate-file",
            cert_file.to_str().unwrap(),
        ],
        &[("AGORA_APP_ID", APP_ID)],
        100,
        30,
    );
    let screen = s.wait_for_text(WORKED_TOKEN);
    assert!(screen.contains("trailing newline was stripped"), "{screen}");
    s.send(b"\x03");
    s.wait_exit();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let mut s = Session::start(&[], &[("SIGTOKEN_TEST_PANIC", "1")], 100, 30);
    let code = s.wait_exit();
    assert_ne!(code, 0);
    // Give the reader thread a moment to take the last bytes.
    let raw = s.wait_for_raw("panic requested by SIGTOKEN_TEST_PANIC");
    let restored = raw.find("\x1b[?1049l").expect("left the alternate screen");
    let message = raw.find("panic requested").unwrap();
    assert!(restored < message, "terminal restored before the message");
    assert!(
        raw[..message].contains("\x1b[?2004l"),
        "bracketed paste off"
    );
    assert!(raw[..message].contains("\x1b[?25h"), "cursor shown");
    s.assert_restored();
}

#[test]
fn quitting_restores_the_terminal() {
    let mut s = Session::start(&["--mouse"], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x11"); // Ctrl-Q
    assert_eq!(s.wait_exit(), 0);
    s.wait_for_raw("\x1b[?1049l");
    s.assert_restored();
}

#[test]
fn the_certificate_is_never_in_argv() {
    let s = Session::start(&[], &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)], 100, 30);
    s.wait_for_text("App Certificate taken from AGORA_APP_CERTIFICATE");
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", s.pid())).unwrap();
    assert!(!String::from_utf8_lossy(&cmdline).contains(APP_CERTIFICATE));
    assert!(!s.screen().contains(APP_CERTIFICATE));
}

#[test]
fn a_megabyte_paste_is_one_event_and_is_cut_with_a_message() {
    let mut s = Session::start(&["--blank"], &[], 100, 30);
    s.wait_for_text("App ID");
    s.send(b"\t\t"); // Account
    s.paste(&"x".repeat(1 << 20));
    s.wait_for_text("Paste cut: kept 4096 of 1048576 characters");
    s.wait_for_text("4096 chars");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn an_unbracketed_burst_of_keys_is_taken_whole() {
    // A terminal without bracketed paste types a paste as a burst of keys. Several KB
    // must all arrive (crossterm has been seen to stall after 1024 bytes of a burst).
    let mut s = Session::start(&["--blank"], &[], 100, 30);
    s.wait_for_text("App ID");
    s.send(b"\t\t");
    let burst: String = (0..3000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    s.send(burst.as_bytes());
    // No further key is sent: the whole burst must arrive on its own.
    s.wait_for_text("3000 chars");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_resize_storm_leaves_it_working() {
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    for i in 0..60u16 {
        let (cols, rows) = match i % 5 {
            0 => (1, 1),
            1 => (500, 200),
            2 => (2, 1),
            3 => (61, 24),
            _ => (80 + i, 24 + i % 7),
        };
        s.resize(cols, rows);
    }
    s.resize(100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x05Z");
    s.wait_for_text(&format!("{APP_ID}Z:{EXPIRY}:"));
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_fixed_now_resolves_a_relative_expiry() {
    let mut s = Session::start(
        &[
            "--now",
            AN_HOUR_BEFORE,
            "--expiry",
            "+1h",
            "--account",
            ACCOUNT,
            "--app-id",
            APP_ID,
        ],
        &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)],
        100,
        30,
    );
    let screen = s.wait_for_text(WORKED_TOKEN);
    assert!(screen.contains(&format!("= {EXPIRY} · ")), "{screen}");
    assert!(
        screen.contains(&format!(
            "+1h from 2018-12-31 14:59:59 UTC is {EXPIRED_TIME}"
        )),
        "{screen}"
    );
    assert!(screen.contains("valid, expires in 1h"), "{screen}");
    s.send(b"\x03");
    s.wait_exit();
}

#[test]
fn a_pasted_client_token_is_diagnosed_on_screen() {
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x1b[18~"); // F7: the diagnosis view, the cursor in Client token
    s.wait_for_text("The cursor is in Client token");
    s.paste(PUBLISHED_TOKEN);
    s.wait_for_text("rejected with 206 LOGIN_E_TOKENWRONG");
    s.wait_for_text("Your server hashed a duration where the expiry time belongs");
    s.wait_for_text(&format!("expiry {PUBLISHED_SIGN_EXPIRY} (30 days,"));
    s.send(b"\x1b[19~"); // F8: the code reference
    s.type_text("206");
    s.wait_for_text("What to check");
    s.send(b"\x1b");
    // An Esc followed at once by another key reads as Alt-key: let it land first.
    s.wait_for("the reference closed", |screen| {
        !screen.contains("What to check")
    });
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_command_prompts_for_the_certificate_with_echo_off() {
    let mut s = Session::start(GENERATE, &[], 100, 30);
    s.wait_for_text("App Certificate (typing is hidden):");
    s.type_text(&format!("{APP_CERTIFICATE}\r"));
    s.wait_for_text(WORKED_TOKEN);
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.screen().contains(APP_CERTIFICATE),
        "the typed certificate is not echoed"
    );
}

#[test]
fn f9_saves_a_report_without_the_certificate() {
    let dir = std::env::temp_dir().join(format!("sigtoken-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Session::start(&["--report-dir", dir.to_str().unwrap()], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x1b[20~"); // F9
    s.wait_for_text("Report saved to");
    s.send(b"\x03");
    s.wait_exit();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(text.contains(WORKED_TOKEN));
    assert!(!text.contains(APP_CERTIFICATE));
    std::fs::remove_dir_all(&dir).ok();
}

/// The console run with a known certificate through copies, a report, a diagnosis,
/// the help and a quit: not one byte it wrote, to the terminal or a file, holds the
/// certificate. Nor does a panic's text.
#[test]
fn the_console_never_writes_the_certificate() {
    let dir = std::env::temp_dir().join(format!("sigtoken-leak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Session::start(
        &[
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
            "--expiry",
            EXPIRY,
            "--report-dir",
            dir.to_str().unwrap(),
            "--client-token",
            PUBLISHED_TOKEN,
        ],
        &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)],
        100,
        30,
    );
    s.wait_for_text("rejected: 206");
    s.send(b"\x1b[18~"); // F7: the token panels
    s.wait_for_text("MD5 input");
    s.send(b"\x14"); // Ctrl-T
    s.wait_for_text("OSC 52");
    s.send(b"\x1b[20~"); // F9
    s.wait_for_text("Report saved to");
    s.send(b"\x1bOP"); // F1
    s.wait_for_text("Help");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(
        !raw.contains(APP_CERTIFICATE),
        "the terminal output holds the certificate"
    );
    for file in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(!text.contains(APP_CERTIFICATE), "{}", file.path().display());
    }
    std::fs::remove_dir_all(&dir).ok();

    let mut s = Session::start(
        &[],
        &[
            ("AGORA_APP_CERTIFICATE", APP_CERTIFICATE),
            ("SIGTOKEN_TEST_PANIC", "1"),
        ],
        100,
        30,
    );
    s.wait_exit();
    let raw = s.wait_for_raw("panic requested");
    assert!(
        !raw.contains(APP_CERTIFICATE),
        "the panic text holds the certificate"
    );
}
