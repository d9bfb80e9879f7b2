//! Copying: the system clipboard through arboard where there is one, otherwise an
//! OSC 52 escape that asks the terminal (also over SSH) to set its clipboard.
//! No outcome is ever a crash, and no wait for a stuck clipboard is longer than
//! [`ANSWER_WITHIN`]; every outcome is reported for the status line.

use super::action::{CopyOutcome, CopyTarget};
use super::system_clipboard::{
    ANSWER_WITHIN, Answer, Arboard, NotAsked, Request, SystemClipboard, SystemThread,
};
use base64::Engine;
use std::io::Write;
use std::time::Instant;

/// The OSC 52 escape that sets the clipboard (`c`) to `text`.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

/// What the environment says about where a copy can go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    pub ssh: bool,
    pub x11_display: bool,
    pub wayland_display: bool,
    /// Inside tmux, which passes OSC 52 on only with `set-clipboard on`.
    pub tmux: bool,
}

impl Environment {
    pub fn from_process() -> Environment {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Environment {
            ssh: set("SSH_CONNECTION") || set("SSH_TTY") || set("SSH_CLIENT"),
            x11_display: set("DISPLAY"),
            wayland_display: set("WAYLAND_DISPLAY"),
            tmux: set("TMUX"),
        }
    }
}

/// Which way to try first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    System,
    /// Straight to OSC 52, with the reason.
    Osc52(&'static str),
}

/// Decides the route. Over SSH the system clipboard would be the remote machine's,
/// which the user cannot paste from, so the terminal gets it.
pub fn route(env: &Environment) -> Route {
    if env.ssh {
        return Route::Osc52("over SSH the local clipboard is the terminal's");
    }
    let needs_display = cfg!(all(
        unix,
        not(any(
            target_os = "macos",
            target_os = "ios",
            target_os = "android"
        ))
    ));
    if needs_display && !env.x11_display {
        return if env.wayland_display {
            Route::Osc52("no X11 display (Wayland without XWayland)")
        } else {
            Route::Osc52("no display found")
        };
    }
    Route::System
}

/// What a copy is for: how the runtime reports its outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Copy(CopyTarget),
    Report,
}

/// A clipboard request that is done: answered, or sent via OSC 52 instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Done {
    Copy {
        purpose: Purpose,
        text: String,
        outcome: CopyOutcome,
    },
    /// The clear after --clear-clipboard-after: whether it cleared, or why not.
    Clear(Result<bool, String>),
}

/// What a request still waiting for the system clipboard was for.
enum Waiting {
    Copy(Purpose, String),
    Clear,
}

/// Why a copy did not go to the system clipboard: it did not answer in time.
fn timed_out() -> String {
    format!(
        "the system clipboard did not answer within {} s; later copies skip it",
        ANSWER_WITHIN.as_secs()
    )
}

/// Why a copy went straight to OSC 52: the system clipboard hung earlier.
const STUCK: &str =
    "the system clipboard stopped answering earlier; copies skip it until sigtoken restarts";

fn failed(why: &str) -> String {
    format!("the system clipboard failed ({why})")
}

fn not_asked(why: NotAsked) -> String {
    match why {
        NotAsked::Stuck => STUCK.to_string(),
        NotAsked::NoThread(Some(e)) => failed(&format!("its thread could not start: {e}")),
        NotAsked::NoThread(None) => failed("its thread could not start"),
    }
}

/// The session's clipboard. The system clipboard is asked on its own thread (see
/// [`SystemThread`]): a copy or a clear that needs it finishes later, in [`Clipboard::poll`].
pub struct Clipboard<S: SystemClipboard + Send + 'static = Arboard> {
    route: Route,
    tmux: bool,
    system: SystemThread<S>,
    /// What each request sent to the system clipboard is for, by its id.
    waiting: Vec<(u64, Waiting)>,
}

impl Clipboard<Arboard> {
    pub fn new(env: &Environment) -> Self {
        Clipboard::with_system(env, Arboard::default())
    }
}

impl<S: SystemClipboard + Send + 'static> Clipboard<S> {
    pub fn with_system(env: &Environment, system: S) -> Self {
        Clipboard {
            route: route(env),
            tmux: env.tmux,
            system: SystemThread::new(system),
            waiting: Vec::new(),
        }
    }

    /// Whether a request waits for the system clipboard (poll soon: it may time out).
    pub fn is_waiting(&self) -> bool {
        self.system.is_waiting()
    }

    /// Copies `text` for `purpose`. `terminal` is where an OSC 52 escape goes. Done at
    /// once by OSC 52; through the system clipboard, it finishes in [`Clipboard::poll`].
    pub fn copy(
        &mut self,
        purpose: Purpose,
        text: String,
        terminal: &mut impl Write,
        now: Instant,
    ) -> Option<Done> {
        let why = match &self.route {
            Route::Osc52(why) => why.to_string(),
            Route::System => match self.system.ask(Request::Set(text.clone()), now) {
                Ok(id) => {
                    self.waiting.push((id, Waiting::Copy(purpose, text)));
                    return None;
                }
                Err(why) => not_asked(why),
            },
        };
        Some(self.by_osc52(purpose, text, why, terminal))
    }

    /// Clears the system clipboard if it still holds `text` (what sigtoken put there),
    /// as pass and KeePassXC do. What went by OSC 52 cannot be read back, so it is left.
    /// Through the system clipboard, it finishes in [`Clipboard::poll`].
    pub fn clear_if_unchanged(&mut self, text: &str, now: Instant) -> Option<Done> {
        if self.route != Route::System {
            return Some(Done::Clear(Ok(false)));
        }
        match self
            .system
            .ask(Request::ClearIfUnchanged(text.to_string()), now)
        {
            Ok(id) => {
                self.waiting.push((id, Waiting::Clear));
                None
            }
            Err(why) => Some(Done::Clear(Err(not_asked(why)))),
        }
    }

    /// What the system clipboard answered by `now`, and what it did not answer in time:
    /// a copy then goes via OSC 52 to `terminal`, a clear is reported undone.
    pub fn poll(&mut self, now: Instant, terminal: &mut impl Write) -> Vec<Done> {
        let mut done = Vec::new();
        for (id, answer) in self.system.poll(now) {
            let Some(at) = self.waiting.iter().position(|(w, _)| *w == id) else {
                continue;
            };
            let (_, waiting) = self.waiting.remove(at);
            done.push(match (waiting, answer) {
                (Waiting::Copy(purpose, text), Answer::Answered(Ok(_))) => Done::Copy {
                    purpose,
                    text,
                    outcome: CopyOutcome::System {
                        note: system_note().to_string(),
                    },
                },
                (Waiting::Copy(purpose, text), Answer::Answered(Err(e))) => {
                    self.by_osc52(purpose, text, failed(&e), terminal)
                }
                (Waiting::Copy(purpose, text), Answer::TimedOut) => {
                    self.by_osc52(purpose, text, timed_out(), terminal)
                }
                (Waiting::Clear, Answer::Answered(result)) => Done::Clear(result),
                (Waiting::Clear, Answer::TimedOut) => Done::Clear(Err(timed_out())),
            });
        }
        done
    }

    /// Sends `text` as an OSC 52 escape; `why` says why not the system clipboard.
    fn by_osc52(
        &self,
        purpose: Purpose,
        text: String,
        why: String,
        terminal: &mut impl Write,
    ) -> Done {
        let outcome = match terminal
            .write_all(osc52(&text).as_bytes())
            .and_then(|()| terminal.flush())
        {
            Ok(()) => {
                let hint = if self.tmux {
                    "; tmux passes it on with set-clipboard on"
                } else {
                    "; if nothing pastes, the terminal blocks OSC 52"
                };
                CopyOutcome::Osc52 {
                    why: format!("{why}{hint}"),
                }
            }
            Err(e) => CopyOutcome::Failed {
                why: format!("{why}, and writing to the terminal failed ({e})"),
            },
        };
        Done::Copy {
            purpose,
            text,
            outcome,
        }
    }
}

/// What a copy to the system clipboard comes with.
fn system_note() -> &'static str {
    // On X11 the selection belongs to this process.
    if cfg!(all(unix, not(target_os = "macos"))) {
        " (on X11 it lasts while sigtoken runs, unless a clipboard manager keeps it)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::system_clipboard::fake::{Fake, wait_for_calls};
    use std::time::Duration;

    const TOKEN: Purpose = Purpose::Copy(CopyTarget::Token);

    /// What a finished copy came to.
    fn outcome_of(done: Option<Done>) -> CopyOutcome {
        match done {
            Some(Done::Copy { outcome, .. }) => outcome,
            other => panic!("not a finished copy: {other:?}"),
        }
    }

    /// Polls at `now` (before any deadline) until the system clipboard has answered.
    fn settle(clipboard: &mut Clipboard<Fake>, now: Instant, terminal: &mut Vec<u8>) -> Done {
        let give_up = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(done) = clipboard.poll(now, terminal).pop() {
                return done;
            }
            assert!(Instant::now() < give_up, "the clipboard never answered");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn osc52_bytes_are_exact() {
        assert_eq!(osc52("1:AB:5:c0"), "\x1b]52;c;MTpBQjo1OmMw\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        assert_eq!(osc52("用"), "\x1b]52;c;55So\x07");
    }

    #[test]
    fn ssh_always_goes_through_the_terminal() {
        let env = Environment {
            ssh: true,
            ..DESKTOP
        };
        assert!(matches!(route(&env), Route::Osc52(_)));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn no_display_goes_through_the_terminal_and_writes_the_escape() {
        let env = Environment::default();
        assert_eq!(route(&env), Route::Osc52("no display found"));
        let mut clipboard = Clipboard::new(&env);
        let mut terminal = Vec::new();
        let now = Instant::now();
        let outcome = outcome_of(clipboard.copy(TOKEN, "token".into(), &mut terminal, now));
        assert_eq!(terminal, osc52("token").into_bytes());
        assert!(matches!(outcome, CopyOutcome::Osc52 { ref why } if why.contains("no display")));
        let mut in_tmux = Clipboard::new(&Environment {
            tmux: true,
            ..Environment::default()
        });
        let outcome = outcome_of(in_tmux.copy(TOKEN, "token".into(), &mut Vec::new(), now));
        assert!(
            matches!(outcome, CopyOutcome::Osc52 { ref why } if why.contains("set-clipboard on"))
        );
    }

    #[test]
    fn clearing_only_takes_back_what_sigtoken_put_there() {
        let (fake, seen) = Fake::at_once();
        let mut clipboard = Clipboard::with_system(&DESKTOP, fake);
        let (now, mut terminal) = (Instant::now(), Vec::new());
        assert_eq!(
            clipboard.copy(TOKEN, "token".into(), &mut terminal, now),
            None
        );
        settle(&mut clipboard, now, &mut terminal);
        assert_eq!(clipboard.clear_if_unchanged("token", now), None);
        assert_eq!(
            settle(&mut clipboard, now, &mut terminal),
            Done::Clear(Ok(true))
        );
        assert_eq!(seen.lock().unwrap().held, "");
        // Something else was copied since: left alone.
        clipboard.copy(TOKEN, "token".into(), &mut terminal, now);
        settle(&mut clipboard, now, &mut terminal);
        seen.lock().unwrap().held = "the user's own text".into();
        clipboard.clear_if_unchanged("token", now);
        assert_eq!(
            settle(&mut clipboard, now, &mut terminal),
            Done::Clear(Ok(false))
        );
        assert_eq!(seen.lock().unwrap().held, "the user's own text");
        assert!(terminal.is_empty());
        // OSC 52 cannot be read back: nothing is done.
        let (fake, seen) = Fake::at_once();
        let mut osc = Clipboard::with_system(&Environment::default(), fake);
        assert_eq!(
            osc.clear_if_unchanged("token", now),
            Some(Done::Clear(Ok(false)))
        );
        assert!(seen.lock().unwrap().calls.is_empty());
    }

    const DESKTOP: Environment = Environment {
        ssh: false,
        x11_display: true,
        wayland_display: false,
        tmux: false,
    };

    #[test]
    fn a_working_system_clipboard_gets_the_text_and_no_escape_is_written() {
        let (fake, seen) = Fake::at_once();
        let mut clipboard = Clipboard::with_system(&DESKTOP, fake);
        let (now, mut terminal) = (Instant::now(), Vec::new());
        assert_eq!(
            clipboard.copy(TOKEN, "token".into(), &mut terminal, now),
            None
        );
        assert!(clipboard.is_waiting());
        let done = settle(&mut clipboard, now, &mut terminal);
        assert!(
            matches!(&done, Done::Copy { purpose: TOKEN, text, outcome: CopyOutcome::System { .. } } if text == "token"),
            "{done:?}"
        );
        assert!(!clipboard.is_waiting());
        assert!(terminal.is_empty());
        assert_eq!(seen.lock().unwrap().calls, ["set token"]);
    }

    #[test]
    fn a_failing_system_clipboard_falls_back_to_osc52() {
        let (fake, _) = Fake::failing("X11 server refused");
        let mut clipboard = Clipboard::with_system(&DESKTOP, fake);
        let (now, mut terminal) = (Instant::now(), Vec::new());
        assert_eq!(
            clipboard.copy(TOKEN, "token".into(), &mut terminal, now),
            None
        );
        let outcome = outcome_of(Some(settle(&mut clipboard, now, &mut terminal)));
        assert_eq!(terminal, osc52("token").into_bytes());
        assert!(
            matches!(outcome, CopyOutcome::Osc52 { ref why } if why.contains("X11 server refused")),
            "{outcome:?}"
        );
    }

    #[test]
    fn a_broken_terminal_is_reported_not_fatal() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("gone"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut clipboard = Clipboard::new(&Environment {
            ssh: true,
            ..DESKTOP
        });
        let outcome =
            outcome_of(clipboard.copy(TOKEN, "token".into(), &mut Broken, Instant::now()));
        assert!(matches!(outcome, CopyOutcome::Failed { ref why } if why.contains("gone")));
    }

    /// Issue 13, item 12: a system clipboard that never answers. The copy waits at most
    /// [`ANSWER_WITHIN`], then goes via OSC 52 and says why; every later copy goes
    /// straight to OSC 52, and says so; a clear is reported undone at once.
    #[test]
    fn a_clipboard_that_never_answers_falls_back_to_osc52_and_is_skipped_from_then_on() {
        let (fake, seen, _never_opened) = Fake::gated();
        let mut clipboard = Clipboard::with_system(&DESKTOP, fake);
        let (now, mut terminal) = (Instant::now(), Vec::new());
        assert_eq!(
            clipboard.copy(TOKEN, "token".into(), &mut terminal, now),
            None
        );
        assert!(
            clipboard
                .poll(now + ANSWER_WITHIN / 2, &mut terminal)
                .is_empty()
        );
        assert!(terminal.is_empty(), "nothing sent before the timeout");
        let done = clipboard.poll(now + ANSWER_WITHIN, &mut terminal);
        let [
            Done::Copy {
                purpose,
                text,
                outcome: CopyOutcome::Osc52 { why },
            },
        ] = &done[..]
        else {
            panic!("{done:?}");
        };
        assert_eq!((*purpose, text.as_str()), (TOKEN, "token"));
        assert_eq!(
            why,
            "the system clipboard did not answer within 2 s; later copies skip it; \
             if nothing pastes, the terminal blocks OSC 52"
        );
        assert_eq!(terminal, osc52("token").into_bytes());

        let later = now + ANSWER_WITHIN * 2;
        let sign = Purpose::Copy(CopyTarget::Sign);
        let outcome = outcome_of(clipboard.copy(sign, "sign".into(), &mut terminal, later));
        assert!(matches!(outcome, CopyOutcome::Osc52 { ref why } if why.starts_with(STUCK)));
        assert_eq!(
            terminal,
            [osc52("token"), osc52("sign")].concat().into_bytes()
        );
        let report = clipboard.copy(Purpose::Report, "# report".into(), &mut terminal, later);
        assert!(matches!(
            report,
            Some(Done::Copy {
                purpose: Purpose::Report,
                ..
            })
        ));
        assert_eq!(
            clipboard.clear_if_unchanged("token", later),
            Some(Done::Clear(Err(STUCK.to_string())))
        );
        assert!(!clipboard.is_waiting());
        // The first call is the one stuck; nothing was sent after it.
        assert_eq!(wait_for_calls(&seen, 1), ["set token"]);
    }

    /// A clear that the clipboard does not answer is reported after the timeout.
    #[test]
    fn a_clear_that_never_answers_is_reported_undone() {
        let (fake, _, open) = Fake::gated();
        let mut clipboard = Clipboard::with_system(&DESKTOP, fake);
        let (now, mut terminal) = (Instant::now(), Vec::new());
        clipboard.copy(TOKEN, "token".into(), &mut terminal, now);
        open.send(()).unwrap();
        settle(&mut clipboard, now, &mut terminal);
        assert_eq!(clipboard.clear_if_unchanged("token", now), None);
        assert!(clipboard.poll(now, &mut terminal).is_empty());
        assert_eq!(
            clipboard.poll(now + ANSWER_WITHIN, &mut terminal),
            [Done::Clear(Err(timed_out()))]
        );
        assert!(terminal.is_empty());
    }
}
