//! The controlling terminal's mode and the signals that end or stop the process: what
//! the hidden certificate prompt and the console need to give the terminal back on every
//! way out. Unix only, and it draws nothing: the console and the prompt use it.

use std::io::{self, Write};
use std::os::fd::AsRawFd;

/// The signals whose default action ends the process and that a program may catch:
/// each one must give the terminal back first. (SIGKILL and SIGSTOP cannot be caught;
/// SIGSEGV, SIGBUS, SIGFPE and SIGILL are faults, not requests.)
pub const ENDING: &[libc::c_int] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGPIPE,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
];

/// Opens the controlling terminal for writing, never blocking and never becoming its
/// controlling process.
fn open_tty() -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open("/dev/tty")
}

/// The terminal's mode as it was, to put back.
#[derive(Clone, Copy)]
pub struct Mode(libc::termios);

impl Mode {
    /// The controlling terminal's mode now; `None` without a terminal.
    pub fn now() -> Option<Mode> {
        let tty = open_tty().ok()?;
        // SAFETY: tcgetattr fills a plain C struct for a descriptor we hold open.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(tty.as_raw_fd(), &mut termios) == 0).then_some(Mode(termios))
        }
    }

    /// Puts the mode back at once, without waiting for output to drain: safe from a
    /// signal-watching thread while another thread is stuck writing.
    pub fn restore(&self) {
        if let Ok(tty) = open_tty() {
            // SAFETY: tcsetattr reads the struct we saved, for a descriptor we hold open.
            unsafe {
                libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, &self.0);
            }
        }
    }
}

/// Output to the terminal that never sleeps inside the kernel. A blocking write to a
/// terminal that stopped reading holds the terminal's write lock until it can go on, and
/// nothing else can write to it meanwhile, not even the reset on the way out. This one
/// writes without blocking and waits for room itself, asking `give_up` between waits.
pub struct Output {
    tty: std::fs::File,
    give_up: fn() -> bool,
}

impl Output {
    /// The controlling terminal, through a handle of its own (its non-blocking flag is
    /// not the shell's).
    pub fn open(give_up: fn() -> bool) -> io::Result<Output> {
        Ok(Output {
            tty: open_tty()?,
            give_up,
        })
    }
}

impl io::Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        loop {
            // Asked before every write, not only when the terminal is full: once the
            // signal thread has written the reset, no frame may land after it.
            if (self.give_up)() {
                return Err(io::Error::other("gave up writing to the terminal"));
            }
            match self.tty.write(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    let mut room = libc::pollfd {
                        fd: self.tty.as_raw_fd(),
                        events: libc::POLLOUT,
                        revents: 0,
                    };
                    // SAFETY: poll on one descriptor we hold open; a short wait, so
                    // `give_up` is asked again soon.
                    unsafe {
                        libc::poll(&mut room, 1, 50);
                    }
                }
                other => return other,
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes `bytes` to a terminal that may have stopped reading: what is waiting in it is
/// thrown away first (a half-drawn frame would hide the reset), then `bytes` go in
/// without blocking, or not at all.
pub fn write_over_stuck_output(bytes: &[u8]) {
    let Ok(mut tty) = open_tty() else { return };
    // SAFETY: tcflush on a descriptor we hold open.
    unsafe {
        libc::tcflush(tty.as_raw_fd(), libc::TCOFLUSH);
    }
    let _ = tty.write_all(bytes);
}

/// Writes `bytes` to the terminal, if it takes them at once.
pub fn write_to_tty(bytes: &[u8]) {
    if let Ok(mut tty) = open_tty() {
        let _ = tty.write_all(bytes);
    }
}

/// Ends the process the way `signal` would have without a handler, so a shell or a
/// script sees it die of that signal (a script's loop stops on Ctrl-C, for one).
pub fn die_of(signal: libc::c_int) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Only if the signal did not end the process (it is blocked, say).
    std::process::exit(128 + signal)
}

/// Stops the process as Ctrl-Z does (SIGTSTP, default action) and returns once it is
/// continued. Whatever handler was installed for SIGTSTP is put back afterwards.
pub fn stop_self() {
    // SAFETY: sigaction swaps a plain C struct; the old action is restored unchanged.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut());
    }
}
