//! sigtoken's entry point: make SIGPIPE quiet, note a closed stdout, then hand over to
//! the command line (`cli`), which runs the console or a command.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether fd 1 was closed when the process started (`sigtoken generate … >&-`).
/// Rust's runtime opens /dev/null on a closed fd 0, 1 or 2 before `main`, so from `main`
/// on a closed stdout looks like `>/dev/null`: a command would print its token into
/// nothing and exit 0. A constructor runs before the runtime and looks first.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

// The `ctor` crate places the function among the executable's constructors
// (`.init_array` on ELF, `__mod_init_func` on macOS), which libc runs before Rust's
// runtime starts. It uses only libc and an atomic: nothing of std is ready yet.
#[cfg(unix)]
#[ctor::ctor(unsafe)]
fn look_at_stdout_before_the_runtime() {
    // SAFETY: F_GETFD only reads fd 1's flags; it fails (EBADF) when fd 1 is closed.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
    STDOUT_CLOSED.store(closed, Ordering::Relaxed);
}

fn main() -> ExitCode {
    // Like any Unix filter: `sigtoken batch | head` ends quietly when head has enough.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        sigtoken::cli::out::stdout_was_closed();
    }
    sigtoken::cli::main()
}
