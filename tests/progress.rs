//! Progress with a total (issue 14): on a terminal stderr, `batch` draws an indicatif bar
//! over an accounts file (a spinner over stdin) and ends with its summary line, and
//! `diagnose` draws a bar while it searches candidate files; in a pipe, none of it.

mod common;

use common::cmd::sigtoken_with_certificate;
use common::example::{APP_CERTIFICATE, APP_ID, BEFORE, EXPIRY, PUBLISHED_TOKEN, WORKED_TOKEN};
use common::pty::Session;
use std::path::{Path, PathBuf};

const BIN: &str = env!("CARGO_BIN_EXE_sigtoken");

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sigtoken-progress-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A file of `n` accounts, one per line.
fn accounts(dir: &Path, n: u64) -> PathBuf {
    let path = dir.join("accounts.txt");
    let text: String = (0..n).map(|i| format!("user{i:09}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn batch_line(tail: &str) -> String {
    format!("{BIN} batch --app-id {APP_ID} --expiry {EXPIRY} --now {BEFORE} {tail}")
}

/// Runs `line` under `sh -c` in a pseudo-terminal (stderr is the terminal, stdout and
/// stdin what the line redirects), waits for it to end, and returns the session.
fn in_terminal(line: &str) -> Session {
    let mut s = Session::start_program(
        "sh",
        &["-c", line],
        &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)],
        120,
        30,
    );
    assert_eq!(s.wait_exit(), 0, "{line}\n{}", s.screen());
    s
}

fn raw(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw_output()).into_owned()
}

fn line_count(path: &Path) -> usize {
    std::fs::read(path)
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

#[test]
fn batch_over_a_file_draws_a_bar_on_a_terminal_and_ends_with_the_summary() {
    let dir = tempdir();
    let file = accounts(&dir, 2_000_000);
    let out = dir.join("tokens.txt");
    let s = in_terminal(&batch_line(&format!(
        "--accounts {} > {}",
        file.display(),
        out.display()
    )));
    let raw = raw(&s);
    // indicatif's bar: the bytes read of the file's 26.70 MiB, the rate, the time left.
    assert!(raw.contains("/26.70 MiB, "), "{raw:?}");
    assert!(raw.contains("B/s, ") && raw.contains(" left, "), "{raw:?}");
    assert!(raw.contains("[="), "the bar is drawn: {raw:?}");
    let screen = s.screen();
    assert!(
        screen.contains("sigtoken: 2,000,000 lines read, 2,000,000 tokens written, 0 warnings"),
        "{screen}"
    );
    // The bar was cleared before the summary: only the summary line stays.
    assert!(!screen.contains(" left, "), "{screen}");
    assert_eq!(line_count(&out), 2_000_000);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_from_stdin_spins_with_the_count_and_the_rate() {
    let dir = tempdir();
    let out = dir.join("tokens.txt");
    let s = in_terminal(&format!(
        "yes a | head -n 1000000 | {} > {}",
        batch_line(""),
        out.display()
    ));
    let raw = raw(&s);
    assert!(raw.contains(" lines read, "), "{raw:?}");
    assert!(raw.contains(" lines/s"), "{raw:?}");
    let screen = s.screen();
    assert!(
        screen.contains("sigtoken: 1,000,000 lines read, 1,000,000 tokens written, 0 warnings"),
        "{screen}"
    );
    assert!(
        !screen.contains("lines/s"),
        "the spinner was cleared: {screen}"
    );
    assert_eq!(line_count(&out), 1_000_000);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_typed_on_the_terminal_draws_no_spinner_over_the_typing() {
    let mut s = Session::start(
        &[
            "batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--now", BEFORE,
        ],
        &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)],
        120,
        30,
    );
    // batch reads whole blocks: the token comes at the end of the input (Ctrl-D).
    s.type_text("test@agora.io\n");
    s.wait_for_text("test@agora.io");
    s.send(b"\x04");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.screen().contains(WORKED_TOKEN), "{}", s.screen());
    let raw = raw(&s);
    assert!(!raw.contains("lines/s"), "{raw:?}");
    assert!(
        s.screen()
            .contains("sigtoken: 1 line read, 1 token written, 0 warnings"),
        "{}",
        s.screen()
    );
}

#[test]
fn batch_into_a_pipe_draws_nothing_on_stderr() {
    let dir = tempdir();
    let file = accounts(&dir, 300_000);
    let escape_free = |stderr: &[u8]| {
        let text = String::from_utf8_lossy(stderr).into_owned();
        assert!(!text.contains('\x1b'), "no escape code: {text:?}");
        assert!(!text.contains('\r'), "no carriage return: {text:?}");
        for drawing in ["MiB", "lines/s", "lines read", "left"] {
            assert!(!text.contains(drawing), "no {drawing}: {text:?}");
        }
    };
    let args = [
        "batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--now", BEFORE,
    ];
    let out = sigtoken_with_certificate()
        .args(args)
        .arg("--accounts")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 300_000);
    escape_free(&out.stderr);
    let out = sigtoken_with_certificate()
        .args(args)
        .write_stdin(std::fs::read(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    escape_free(&out.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

fn diagnose_line(candidates: &Path) -> String {
    format!(
        "{BIN} diagnose --app-id {APP_ID} --account nobody --now {BEFORE} \
         --candidate-accounts {} {PUBLISHED_TOKEN}",
        candidates.display()
    )
}

#[test]
fn diagnose_draws_a_bar_while_it_searches_candidate_files_then_clears_it() {
    let dir = tempdir();
    let file = accounts(&dir, 1_000_000);
    let mut s = Session::start_program(
        "sh",
        &["-c", &diagnose_line(&file)],
        &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)],
        120,
        30,
    );
    // Rejected: no candidate account makes the published sign.
    assert_eq!(s.wait_exit(), 1, "{}", s.screen());
    let raw = raw(&s);
    // The total is the search's, the candidate file's million included.
    assert!(raw.contains(" candidates tried, "), "{raw:?}");
    assert!(raw.contains("[") && raw.contains(" left"), "{raw:?}");
    let screen = s.screen();
    assert!(screen.contains("Verdict: rejected"), "{screen}");
    assert!(!screen.contains("candidates tried"), "{screen}");
    // The result comes after the bar's last clearing, never mixed with a frame.
    let verdict = raw.find("Verdict:").unwrap();
    assert!(raw.rfind("candidates tried") < Some(verdict));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn diagnose_into_a_pipe_draws_no_bar() {
    let dir = tempdir();
    let file = accounts(&dir, 200_000);
    let out = sigtoken_with_certificate()
        .args([
            "diagnose",
            "--app-id",
            APP_ID,
            "--account",
            "nobody",
            "--now",
            BEFORE,
            "--candidate-accounts",
        ])
        .arg(&file)
        .arg(PUBLISHED_TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("Verdict: rejected"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
    let _ = std::fs::remove_dir_all(dir);
}
