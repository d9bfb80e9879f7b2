//! Copying: the system clipboard through arboard where there is one, otherwise an
//! OSC 52 escape that asks the terminal (also over SSH) to set its clipboard.
//! No outcome is ever a crash; every one is reported for the status line.

use super::action::CopyOutcome;
use base64::Engine;
use std::io::Write;

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

/// A system clipboard that can take text.
pub trait SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
    fn get_text(&mut self) -> Result<String, String>;
}

/// arboard, opened on the first copy and kept alive until the program ends (on X11
/// the copied text lives only as long as the handle does).
#[derive(Default)]
pub struct Arboard(Option<arboard::Clipboard>);

impl Arboard {
    fn handle(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.0.is_none() {
            self.0 = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        self.0.as_mut().ok_or_else(|| "no clipboard".to_string())
    }
}

impl SystemClipboard for Arboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        self.handle()?.set_text(text).map_err(|e| e.to_string())
    }

    fn get_text(&mut self) -> Result<String, String> {
        self.handle()?.get_text().map_err(|e| e.to_string())
    }
}

/// The session's clipboard.
pub struct Clipboard<S: SystemClipboard = Arboard> {
    route: Route,
    tmux: bool,
    system: S,
}

impl Clipboard<Arboard> {
    pub fn new(env: &Environment) -> Self {
        Clipboard::with_system(env, Arboard::default())
    }
}

impl<S: SystemClipboard> Clipboard<S> {
    pub fn with_system(env: &Environment, system: S) -> Self {
        Clipboard {
            route: route(env),
            tmux: env.tmux,
            system,
        }
    }

    /// Clears the system clipboard if it still holds `text` (what sigtoken put there),
    /// as pass and KeePassXC do. What went by OSC 52 cannot be read back, so it is left.
    pub fn clear_if_unchanged(&mut self, text: &str) -> Result<bool, String> {
        if self.route != Route::System {
            return Ok(false);
        }
        if self.system.get_text()? == text {
            self.system.set_text("")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Copies `text`. `terminal` is where an OSC 52 escape goes.
    pub fn copy(&mut self, text: &str, terminal: &mut impl Write) -> CopyOutcome {
        let why = match &self.route {
            Route::Osc52(why) => why.to_string(),
            Route::System => match self.system.set_text(text) {
                Ok(()) => {
                    // On X11 the selection belongs to this process.
                    let note = if cfg!(all(unix, not(target_os = "macos"))) {
                        " (on X11 it lasts while sigtoken runs, unless a clipboard manager keeps it)"
                    } else {
                        ""
                    };
                    return CopyOutcome::System {
                        note: note.to_string(),
                    };
                }
                Err(e) => format!("the system clipboard failed ({e})"),
            },
        };
        match terminal
            .write_all(osc52(text).as_bytes())
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let outcome = clipboard.copy("token", &mut terminal);
        assert_eq!(terminal, osc52("token").into_bytes());
        assert!(matches!(outcome, CopyOutcome::Osc52 { ref why } if why.contains("no display")));
        let mut in_tmux = Clipboard::new(&Environment {
            tmux: true,
            ..Environment::default()
        });
        let outcome = in_tmux.copy("token", &mut Vec::new());
        assert!(
            matches!(outcome, CopyOutcome::Osc52 { ref why } if why.contains("set-clipboard on"))
        );
    }

    struct Fake(Result<(), String>, Vec<String>);

    impl SystemClipboard for Fake {
        fn set_text(&mut self, text: &str) -> Result<(), String> {
            self.1.push(text.to_string());
            self.0.clone()
        }

        fn get_text(&mut self) -> Result<String, String> {
            self.0
                .clone()
                .map(|()| self.1.last().cloned().unwrap_or_default())
        }
    }

    #[test]
    fn clearing_only_takes_back_what_sigtoken_put_there() {
        let mut clipboard = Clipboard::with_system(&DESKTOP, Fake(Ok(()), vec![]));
        clipboard.copy("token", &mut Vec::new());
        assert_eq!(clipboard.clear_if_unchanged("token"), Ok(true));
        assert_eq!(clipboard.system.1.last().map(String::as_str), Some(""));
        // Something else was copied since: left alone.
        clipboard.copy("token", &mut Vec::new());
        clipboard.system.1.push("the user's own text".into());
        assert_eq!(clipboard.clear_if_unchanged("token"), Ok(false));
        assert_eq!(
            clipboard.system.1.last().map(String::as_str),
            Some("the user's own text")
        );
        // OSC 52 cannot be read back: nothing is done.
        let mut osc = Clipboard::with_system(&Environment::default(), Fake(Ok(()), vec![]));
        assert_eq!(osc.clear_if_unchanged("token"), Ok(false));
    }

    const DESKTOP: Environment = Environment {
        ssh: false,
        x11_display: true,
        wayland_display: false,
        tmux: false,
    };

    #[test]
    fn a_working_system_clipboard_gets_the_text_and_no_escape_is_written() {
        let mut clipboard = Clipboard::with_system(&DESKTOP, Fake(Ok(()), vec![]));
        let mut terminal = Vec::new();
        assert!(matches!(
            clipboard.copy("token", &mut terminal),
            CopyOutcome::System { .. }
        ));
        assert!(terminal.is_empty());
        assert_eq!(clipboard.system.1, vec!["token".to_string()]);
    }

    #[test]
    fn a_failing_system_clipboard_falls_back_to_osc52() {
        let mut clipboard =
            Clipboard::with_system(&DESKTOP, Fake(Err("X11 server refused".into()), vec![]));
        let mut terminal = Vec::new();
        let outcome = clipboard.copy("token", &mut terminal);
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
        let outcome = clipboard.copy("token", &mut Broken);
        assert!(matches!(outcome, CopyOutcome::Failed { ref why } if why.contains("gone")));
    }
}
