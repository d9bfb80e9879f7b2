//! Issue 13, item 12: a system clipboard that never answers. A fake X server accepts
//! the connection and never writes a byte, so the X11 handshake waits forever; the
//! console must still fall back to OSC 52 within its timeout, say so, and quit at once
//! on Ctrl-C.

mod common;

use common::example::WORKED_TOKEN;
use common::pty::Session;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An "X server" on 127.0.0.1, display `:N` (TCP port 6000 + N), that takes every
/// connection and never answers. Returns the display number and the count of
/// connections taken.
fn silent_x_server() -> (u16, Arc<AtomicUsize>) {
    let (listener, display) = (50..200)
        .find_map(|n| {
            TcpListener::bind(("127.0.0.1", 6000 + n))
                .ok()
                .map(|l| (l, n))
        })
        .expect("a free port from 6050 up");
    let taken = Arc::new(AtomicUsize::new(0));
    let count = taken.clone();
    std::thread::spawn(move || {
        // Held open, never written to: the client waits for the setup reply.
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
            count.fetch_add(1, Ordering::SeqCst);
        }
    });
    (display, taken)
}

#[test]
fn a_clipboard_that_never_answers_falls_back_to_osc52_and_ctrl_c_still_quits() {
    let (display, taken) = silent_x_server();
    let display = format!("127.0.0.1:{display}");
    let mut s = Session::start(&[], &[("DISPLAY", &display)], 120, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x14"); // Ctrl-T
    s.wait_for_text("did not answer within 2 s");
    // The clipboard library did connect over TCP: the silent handshake is what hung.
    assert_eq!(taken.load(Ordering::SeqCst), 1, "one X11 connection");
    let expected = sigtoken::tui::clipboard::osc52(WORKED_TOKEN);
    s.wait_for_raw(&expected);
    // The next copy does not wait again: it goes straight to OSC 52, and says why.
    s.send(b"\x13"); // Ctrl-S: the sign
    s.wait_for_text("stopped answering");
    let sign = &WORKED_TOKEN[WORKED_TOKEN.len() - 32..];
    s.wait_for_raw(&sigtoken::tui::clipboard::osc52(sign));
    assert_eq!(taken.load(Ordering::SeqCst), 1, "not asked again");
    s.send(b"\x03"); // Ctrl-C
    assert_eq!(s.wait_exit(), 0);
    s.wait_for_raw("\x1b[?1049l");
    s.assert_restored();
}

/// Ctrl-C while a copy waits for the clipboard quits at once: nothing waits for the
/// stuck call.
#[test]
fn ctrl_c_during_a_stuck_copy_quits_at_once() {
    let display = format!("127.0.0.1:{}", silent_x_server().0);
    let mut s = Session::start(&[], &[("DISPLAY", &display)], 120, 30);
    s.wait_for_text(WORKED_TOKEN);
    s.send(b"\x14"); // Ctrl-T
    s.send(b"\x03"); // Ctrl-C, before the timeout
    assert_eq!(s.wait_exit(), 0);
    s.wait_for_raw("\x1b[?1049l");
    s.assert_restored();
}
