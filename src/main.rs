//! sigtoken's entry point: make SIGPIPE quiet, then hand over to the command line
//! (`cli`), which runs the console or a command.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Like any Unix filter: `sigtoken batch | head` ends quietly when head has enough.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    sigtoken::cli::main()
}
