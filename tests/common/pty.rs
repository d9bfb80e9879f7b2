//! Runs the real binary in a pseudo-terminal and reads its screen through vt100: the
//! builder for the end-to-end console runs.

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before the test fails. Generous:
/// this is a deadline for a slow CI machine, not a speed goal.
pub const DEADLINE: Duration = Duration::from_secs(20);

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once the reader has taken everything the program wrote (the terminal closed).
    drained: Arc<std::sync::atomic::AtomicBool>,
    /// While set, the terminal stops reading what the program writes.
    paused: Arc<std::sync::atomic::AtomicBool>,
}

impl Session {
    pub fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_sigtoken"), args, env, cols, rows)
    }

    /// Runs another program (a shell, say) in the pseudo-terminal, with the same clean
    /// environment.
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        // No display, no SSH: copies must take the OSC 52 route, predictably. Nor any
        // other host setting: the test's `env` is all the program gets.
        for var in super::HOST_VARIABLES {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn sigtoken");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let paused = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, r, d, stop) = (parser.clone(), raw.clone(), drained.clone(), paused.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                while stop.load(std::sync::atomic::Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                let Ok(n) = reader.read(&mut buf) else { break };
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            d.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            drained,
            paused,
        }
    }

    /// Stops (true) or resumes (false) reading the program's output, like a terminal
    /// that hangs: once the pseudo-terminal's buffer is full, the program's writes block.
    pub fn pause_reading(&self, paused: bool) {
        self.paused
            .store(paused, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many bytes the program wrote that the terminal has not read yet.
    pub fn unread(&self) -> usize {
        let fd = self.master.as_raw_fd().expect("master fd");
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD stores an int for a descriptor we own.
        assert_eq!(
            unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) },
            0,
            "FIONREAD"
        );
        usize::try_from(n).unwrap_or(0)
    }

    /// The pids of the program's children (a shell's jobs).
    pub fn children(&self) -> Vec<u32> {
        let pid = self.pid();
        let path = format!("/proc/{pid}/task/{pid}/children");
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// A bracketed paste, as a terminal sends it.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The screen model takes the new size first: the program redraws at once when
        // the terminal is resized, and a frame read at the old size would wrap.
        let mut parser = self.parser.lock().unwrap();
        parser.set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// Waits until the screen satisfies `check`; panics with the screen when it never does.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("screen never showed {what}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends a signal to the program.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid.
        let rc = unsafe { libc::kill(self.pid() as libc::pid_t, signal) };
        assert_eq!(rc, 0, "kill failed");
    }

    /// The pseudo-terminal's local mode flags (ECHO, ICANON, …) as the program left them.
    pub fn local_flags(&self) -> libc::tcflag_t {
        let fd = self.master.as_raw_fd().expect("master fd");
        // SAFETY: tcgetattr fills a plain C struct for a descriptor we own.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut termios), 0, "tcgetattr");
            termios.c_lflag
        }
    }

    /// Asserts the terminal was given back: cooked mode with echo, main screen, cursor
    /// shown, mouse and bracketed paste off.
    pub fn assert_restored(&self) {
        let flags = self.local_flags();
        assert!(flags & libc::ECHO != 0, "echo is back on");
        assert!(flags & libc::ICANON != 0, "canonical (cooked) mode is back");
        let raw = String::from_utf8_lossy(&self.raw_output()).into_owned();
        let last = |seq: &str| raw.rfind(seq);
        assert!(last("\x1b[?1049l") > last("\x1b[?1049h"), "main screen");
        assert!(
            last("\x1b[?2004l") > last("\x1b[?2004h"),
            "bracketed paste off"
        );
        assert!(last("\x1b[?25h") > last("\x1b[?25l"), "cursor shown");
        if raw.contains("\x1b[?1000h") {
            assert!(last("\x1b[?1000l") > last("\x1b[?1000h"), "mouse off");
        }
        assert!(!self.alternate_screen());
    }

    /// Waits until the raw output contains `text`; returns it as (lossy) text.
    pub fn wait_for_raw(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let raw = String::from_utf8_lossy(&self.raw_output()).into_owned();
            if raw.contains(text) {
                return raw;
            }
            if start.elapsed() > DEADLINE {
                panic!("output never contained {text:?}; it was:\n{raw:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the program to exit, and for the reader to take what it wrote last
    /// (the restore escapes come right before the exit), and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_end().exit_code()
    }

    /// Waits like [`Session::wait_exit`], and returns how it ended: an exit code, or the
    /// signal it died of (`signal()` is the signal's description, as strsignal(3) has it).
    pub fn wait_end(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && start.elapsed() < DEADLINE
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("sigtoken did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
