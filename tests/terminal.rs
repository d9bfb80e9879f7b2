//! The terminal is given back on every way out, and taken again after a suspend: the
//! hidden certificate prompt and the console under Ctrl-C, Ctrl-Z, `fg` and every signal
//! that ends a process, also while the terminal has stopped reading. The real binary in
//! a pseudo-terminal, read through a terminal emulator (issue 13, items 6 to 9).

mod common;

use common::example::{APP_ID, GENERATE, WORKED_TOKEN};
use common::pty::Session;

/// The description strsignal(3) gives, which is how the pseudo-terminal crate names
/// the signal a process died of.
fn described(signal: i32) -> String {
    // SAFETY: strsignal returns a pointer to a static (or thread-local) C string.
    unsafe { std::ffi::CStr::from_ptr(libc::strsignal(signal)) }
        .to_string_lossy()
        .into_owned()
}

/// Asserts that the program died of `signal`, as it would have without a handler: a
/// shell sees the signal (a script's loop stops on Ctrl-C), not an ordinary exit.
fn assert_died_of(status: &portable_pty::ExitStatus, signal: i32) {
    assert_eq!(
        status.signal(),
        Some(described(signal).as_str()),
        "signal {signal}: {status:?}"
    );
}

/// No core files from the SIGQUIT runs, whatever the host's limit.
fn no_core_files() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads a plain C struct; children inherit the limit.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &none);
    }
}

fn prompt() -> Session {
    let s = Session::start(GENERATE, &[], 100, 30);
    s.wait_for_text("App Certificate (typing is hidden):");
    s
}

const ECHO_ICANON_ISIG: libc::tcflag_t = libc::ECHO | libc::ICANON | libc::ISIG;

#[test]
fn ctrl_c_at_the_hidden_prompt_gives_the_terminal_back() {
    let mut s = prompt();
    assert_eq!(s.local_flags() & libc::ECHO, 0, "echo is off while typing");
    s.type_text("fe1a04");
    s.send(b"\x03");
    let status = s.wait_end();
    assert_died_of(&status, libc::SIGINT);
    assert_eq!(s.local_flags() & ECHO_ICANON_ISIG, ECHO_ICANON_ISIG);
    assert!(
        !s.screen().contains("fe1a04"),
        "what was typed stays hidden"
    );
    assert!(!s.screen().contains("error"), "Ctrl-C is not a failed read");
}

#[test]
fn every_ending_signal_at_the_hidden_prompt_gives_the_terminal_back() {
    no_core_files();
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT, libc::SIGUSR1] {
        let mut s = prompt();
        s.type_text("fe1a");
        s.signal(signal);
        assert_died_of(&s.wait_end(), signal);
        assert_eq!(
            s.local_flags() & ECHO_ICANON_ISIG,
            ECHO_ICANON_ISIG,
            "signal {signal}"
        );
    }
}

/// Every signal whose default action ends a process, caught: the terminal comes back
/// (cooked mode, main screen, cursor, mouse and paste modes off) before it dies of it.
#[test]
fn every_ending_signal_gives_the_console_terminal_back() {
    no_core_files();
    for signal in [
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGPIPE,
        libc::SIGVTALRM,
        libc::SIGXCPU,
    ] {
        let mut s = Session::start(&["--mouse"], &[], 100, 30);
        s.wait_for_text(WORKED_TOKEN);
        assert_eq!(s.local_flags() & libc::ECHO, 0, "raw mode while running");
        s.signal(signal);
        assert_died_of(&s.wait_end(), signal);
        s.wait_for_raw("\x1b[?1049l");
        s.assert_restored();
    }
}

/// The console keeps drawing while the terminal reads nothing, until its writes block
/// (a hung terminal, a paused tmux pane): SIGTERM must still end it, and the terminal
/// gets its modes back and the reset, ahead of the frame that could not be sent.
#[test]
fn sigterm_ends_the_console_while_its_writes_are_blocked() {
    let mut s = Session::start(&["--mouse"], &[], 200, 50);
    s.wait_for_text(WORKED_TOKEN);
    s.pause_reading(true);
    // Every resize redraws the whole screen: far more than the terminal buffers.
    for i in 0..60u16 {
        s.resize(200 - i % 2, 50);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The terminal holds as much as it takes: the console's writes are waiting.
    s.wait_for("a full terminal", |_| s.unread() >= 4000);
    s.signal(libc::SIGTERM);
    // The terminal reads again only once the process is gone; a `wait_end` that reads
    // nothing would wait on the drained flag, so watch the process first.
    let pid = s.pid();
    let start = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}/stat")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z")
    {
        assert!(
            start.elapsed() < common::pty::DEADLINE,
            "sigtoken did not end on SIGTERM while its writes were blocked"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.pause_reading(false);
    assert_died_of(&s.wait_end(), libc::SIGTERM);
    s.assert_restored();
}

/// A shell with job control, as a person has one: `sh` (dash) reads lines in cooked
/// mode, so the terminal's mode after a job stops is the one the job left.
fn shell() -> Session {
    let s = Session::start_program("sh", &["-i"], &[("PS1", "$ ")], 100, 30);
    s.wait_for_text("$ ");
    s
}

fn start_console_in(s: &mut Session) -> u32 {
    let line = format!("{} --mouse\r", env!("CARGO_BIN_EXE_sigtoken"));
    s.type_text(&line);
    s.wait_for_text(WORKED_TOKEN);
    let children = s.children();
    assert_eq!(children.len(), 1, "the shell runs one job: {children:?}");
    children[0]
}

fn stopped(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ")
        .is_some_and(|(_, rest)| rest.starts_with('T'))
}

fn assert_suspended(s: &Session, pid: u32) {
    s.wait_for("the shell's prompt after the stop", |screen| {
        screen.contains("Stopped") || screen.contains("Suspended")
    });
    assert!(stopped(pid), "the process is stopped");
    assert!(!s.alternate_screen(), "the main screen is back");
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let last = |seq: &str| raw.rfind(seq);
    assert!(
        last("\x1b[?1049l") > last("\x1b[?1049h"),
        "left the alternate screen"
    );
    assert!(last("\x1b[?1000l") > last("\x1b[?1000h"), "mouse off");
    assert!(
        last("\x1b[?2004l") > last("\x1b[?2004h"),
        "bracketed paste off"
    );
    assert!(
        s.local_flags() & libc::ECHO != 0,
        "echo is back for the shell"
    );
}

/// After `fg`: raw mode, the alternate screen and the whole console drawn again, and
/// keys go to the console, not echoed by the terminal.
fn assert_resumed(s: &mut Session) {
    s.type_text("fg\r");
    s.wait_for("the console again", |screen| screen.contains(WORKED_TOKEN));
    assert!(s.alternate_screen());
    assert_eq!(s.local_flags() & libc::ECHO, 0, "raw mode again");
    let screen = s.screen();
    assert!(
        screen.contains("App Certificate"),
        "the whole screen: {screen}"
    );
    assert!(screen.contains("MD5 input"), "the whole screen: {screen}");
    s.type_text("Q");
    s.wait_for("the typed letter in the App ID", |screen| {
        screen.contains(&format!("{APP_ID}Q"))
    });
    s.send(b"\x03");
}

#[test]
fn ctrl_z_suspends_the_console_and_fg_brings_it_back_whole() {
    let mut s = shell();
    let pid = start_console_in(&mut s);
    s.send(b"\x1a"); // Ctrl-Z
    assert_suspended(&s, pid);
    assert_resumed(&mut s);
}

#[test]
fn an_external_sigtstp_suspends_the_console_the_same_way() {
    let mut s = shell();
    let pid = start_console_in(&mut s);
    // SAFETY: kill(2) on the console, a child of our child.
    assert_eq!(unsafe { libc::kill(pid as libc::pid_t, libc::SIGTSTP) }, 0);
    assert_suspended(&s, pid);
    assert_resumed(&mut s);
}
