//! The runtime: it performs the effects `update` returns (clipboard, the diagnosis
//! worker thread, saving reports) from a queue, feeding what they report back as actions.

use super::action::{Action, CopyOutcome, Effect};
use super::app::App;
use super::clipboard::{Clipboard, Done, Environment, Purpose};
use crate::diagnose::{self, Control, Report};
use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Applies `action`, then performs its effects in order. Performing one may give an
/// action back; that action's effects join the end of the queue. A loop, not recursion:
/// however long the chain, the stack stays flat.
pub fn apply(app: &mut App, action: Action, perform: impl FnMut(Effect) -> Option<Action>) {
    let effects = app.update(action);
    drain(app, effects, perform);
}

/// Performs `effects` and everything they lead to, in order.
pub fn drain(
    app: &mut App,
    effects: Vec<Effect>,
    mut perform: impl FnMut(Effect) -> Option<Action>,
) {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        if let Some(action) = perform(effect) {
            queue.extend(app.update(action));
        }
    }
}

/// The diagnosis running on a worker thread, if any.
struct Worker {
    generation: u64,
    control: Arc<Control>,
}

/// A finished diagnosis, tagged with the generation it was asked for under.
type Finished = (u64, Option<Report>);

/// Performs the work `update` asks for.
pub struct Runtime {
    clipboard: Clipboard,
    clear_after: Option<Duration>,
    /// When to clear the clipboard, and what sigtoken put there.
    clear_due: Option<(Instant, String)>,
    report_dir: Option<PathBuf>,
    worker: Option<Worker>,
    results: (Sender<Finished>, Receiver<Finished>),
    /// The app asked to suspend; the event loop, which owns the terminal, does it.
    suspend: bool,
}

impl Runtime {
    pub fn new(report_dir: Option<PathBuf>, clear_after: Option<Duration>) -> Runtime {
        Runtime {
            clipboard: Clipboard::new(&Environment::from_process()),
            clear_after,
            clear_due: None,
            report_dir,
            worker: None,
            results: mpsc::channel(),
            suspend: false,
        }
    }

    /// Applies `action` to the app and performs all the work it leads to. `out` is the
    /// terminal, for OSC 52 copies.
    pub fn handle(&mut self, app: &mut App, action: Action, out: &mut impl Write) {
        apply(app, action, |effect| self.perform(effect, out));
    }

    /// Whether a diagnosis is running or a copy waits for the system clipboard (the
    /// event loop then wakes often, for progress and for the copy's timeout).
    pub fn is_busy(&self) -> bool {
        self.worker.is_some() || self.clipboard.is_waiting()
    }

    /// Performs one effect; returns what came of it, for the app.
    fn perform(&mut self, effect: Effect, out: &mut impl Write) -> Option<Action> {
        match effect {
            Effect::Copy { target, text } => {
                let purpose = Purpose::Copy(target);
                let done = self.clipboard.copy(purpose, text, out, Instant::now());
                done.map(|done| self.done(done))
            }
            Effect::Diagnose { generation, job } => {
                self.cancel();
                let control = Arc::new(Control::default());
                let sender = self.results.0.clone();
                let worker_control = control.clone();
                std::thread::spawn(move || {
                    // A panic here must not take the UI with it: it is reported instead.
                    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        diagnose::diagnose_with(&job.request(), &worker_control)
                    }))
                    .ok();
                    let _ = sender.send((generation, report));
                });
                self.worker = Some(Worker {
                    generation,
                    control,
                });
                None
            }
            Effect::CancelDiagnosis => {
                self.cancel();
                None
            }
            Effect::Report { markdown } => self.deliver(markdown, out),
            Effect::Suspend => {
                self.suspend = true;
                None
            }
        }
    }

    /// Saves the report in the report folder, or copies it: where it went, or why not
    /// (a copy through the system clipboard reports later, from [`Runtime::poll_clipboard`]).
    fn deliver(&mut self, markdown: String, out: &mut impl Write) -> Option<Action> {
        match &self.report_dir {
            Some(dir) => Some(Action::Reported(
                crate::report::save_new(dir, &markdown, chrono::Utc::now())
                    .map(|path| format!("saved to {}", path.display()))
                    .map_err(|e| format!("saving to {}: {e}", dir.display())),
            )),
            None => {
                let done = self
                    .clipboard
                    .copy(Purpose::Report, markdown, out, Instant::now());
                done.map(|done| self.done(done))
            }
        }
    }

    /// The action that reports a finished clipboard request; a copy of the token or
    /// sign to the system clipboard also schedules the --clear-clipboard-after clear.
    fn done(&mut self, done: Done) -> Action {
        match done {
            Done::Copy {
                purpose: Purpose::Copy(target),
                text,
                outcome,
            } => {
                if let (CopyOutcome::System { .. }, Some(after)) = (&outcome, self.clear_after) {
                    self.clear_due = Some((Instant::now() + after, text));
                }
                Action::Copied(target, outcome)
            }
            Done::Copy {
                purpose: Purpose::Report,
                outcome,
                ..
            } => Action::Reported(match outcome {
                CopyOutcome::System { .. } => Ok("copied to the system clipboard".to_string()),
                CopyOutcome::Osc52 { why } => Ok(format!("sent via OSC 52 ({why})")),
                CopyOutcome::Failed { why } => Err(why),
            }),
            Done::Clear(result) => Action::ClipboardCleared(result.map(|cleared| {
                match cleared {
                    true => "cleared",
                    false => "left alone: it holds something else now",
                }
                .to_string()
            })),
        }
    }

    /// Whether the app asked to suspend since the last call.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// Stops the running diagnosis, if any.
    pub fn cancel(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.control.cancel();
        }
    }

    /// Hands what the system clipboard answered (or failed to answer in time) to the
    /// app, and starts the clipboard clear when its time has come.
    pub fn poll_clipboard(&mut self, app: &mut App, out: &mut impl Write) {
        let now = Instant::now();
        let mut done = self.clipboard.poll(now, out);
        if let Some((_, text)) = self.clear_due.take_if(|(when, _)| now >= *when) {
            done.extend(self.clipboard.clear_if_unchanged(&text, now));
        }
        for finished in done {
            let action = self.done(finished);
            self.handle(app, action, out);
        }
    }

    /// Hands finished diagnoses and the running one's progress to the app.
    pub fn poll_worker(&mut self, app: &mut App, out: &mut impl Write) {
        while let Ok((generation, report)) = self.results.1.try_recv() {
            if self
                .worker
                .as_ref()
                .is_some_and(|w| w.generation == generation)
            {
                self.worker = None;
            }
            let action = match report {
                Some(report) => Action::Diagnosed(generation, Box::new(report)),
                None => Action::DiagnosisFailed(generation),
            };
            self.handle(app, action, out);
        }
        if let Some(worker) = &self.worker {
            let (tried, total) = worker.control.progress();
            let generation = worker.generation;
            self.handle(
                app,
                Action::DiagnosisProgress(generation, tried, total),
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::CopyTarget;
    use crate::tui::field::Edit;
    use crate::tui::model::{Config, Diagnosis, Focus};
    use chrono::Utc;

    fn app() -> App {
        App::new(Config::worked_example(Utc::now()))
    }

    fn name(effect: &Effect) -> &'static str {
        match effect {
            Effect::Copy { .. } => "copy",
            Effect::Diagnose { .. } => "diagnose",
            Effect::CancelDiagnosis => "cancel",
            Effect::Report { .. } => "report",
            Effect::Suspend => "suspend",
        }
    }

    /// A copy whose result action (here a paste into the client token) asks for a
    /// diagnosis: both are performed, the copy first, and nothing more.
    #[test]
    fn an_effect_whose_result_asks_for_more_work_is_followed_in_order() {
        let mut app = app();
        app.update(Action::Focus(Focus::ClientToken));
        let mut done = Vec::new();
        apply(&mut app, Action::Copy(CopyTarget::Token), |effect| {
            done.push(name(&effect));
            match effect {
                Effect::Copy { .. } => Some(Action::Paste("_no_need_token".into())),
                _ => None,
            }
        });
        assert_eq!(done, ["copy", "diagnose"]);
        assert!(matches!(app.diagnosis(), Diagnosis::Running { .. }));
    }

    /// Effects of one action run in the order `update` gave them, each one's follow-up
    /// after those already queued: breadth first, as a queue.
    #[test]
    fn follow_up_work_joins_the_end_of_the_queue() {
        let mut app = app();
        app.update(Action::Focus(Focus::ClientToken));
        let first = vec![
            Effect::Copy {
                target: CopyTarget::Token,
                text: "t".into(),
            },
            Effect::Report {
                markdown: "m".into(),
            },
        ];
        let mut done = Vec::new();
        drain(&mut app, first, |effect| {
            done.push(name(&effect));
            matches!(effect, Effect::Copy { .. }).then(|| Action::Paste("x".into()))
        });
        assert_eq!(done, ["copy", "report", "diagnose"]);
    }

    /// A chain far deeper than any real one: with recursion it would grow the stack
    /// per step; the queue keeps it flat.
    #[test]
    fn a_long_chain_runs_without_recursion() {
        let mut app = app();
        app.update(Action::Focus(Focus::ClientToken));
        let first = app.update(Action::Paste("x".into()));
        let mut performed = 0;
        drain(&mut app, first, |effect| {
            assert!(matches!(effect, Effect::Diagnose { .. }));
            performed += 1;
            // Type a character, delete it, and so on: every step changes the token.
            let edit = if performed % 2 == 1 {
                Edit::Insert('x')
            } else {
                Edit::Backspace
            };
            (performed < 20_000).then_some(Action::Edit(edit))
        });
        assert_eq!(performed, 20_000);
    }

    /// How finished clipboard requests reach the app: a copy of the token as
    /// `Copied` (and only a system-clipboard copy schedules the clear), a copied report
    /// as `Reported`, a clear as `ClipboardCleared`.
    #[test]
    fn finished_clipboard_requests_become_actions() {
        let mut runtime = Runtime::new(None, Some(Duration::from_secs(30)));
        let token = Purpose::Copy(CopyTarget::Token);
        let osc52 = CopyOutcome::Osc52 { why: "why".into() };
        let copied = runtime.done(Done::Copy {
            purpose: token,
            text: "t".into(),
            outcome: osc52.clone(),
        });
        assert_eq!(copied, Action::Copied(CopyTarget::Token, osc52.clone()));
        assert!(runtime.clear_due.is_none(), "OSC 52 cannot be cleared");
        let system = CopyOutcome::System { note: "".into() };
        runtime.done(Done::Copy {
            purpose: token,
            text: "t".into(),
            outcome: system,
        });
        assert_eq!(
            runtime.clear_due.as_ref().map(|(_, t)| t.as_str()),
            Some("t")
        );
        let reported = runtime.done(Done::Copy {
            purpose: Purpose::Report,
            text: "# r".into(),
            outcome: osc52,
        });
        assert_eq!(
            reported,
            Action::Reported(Ok("sent via OSC 52 (why)".to_string()))
        );
        let cleared = runtime.done(Done::Clear(Err("no answer".into())));
        assert_eq!(cleared, Action::ClipboardCleared(Err("no answer".into())));
        let left = runtime.done(Done::Clear(Ok(false)));
        assert_eq!(
            left,
            Action::ClipboardCleared(Ok("left alone: it holds something else now".into()))
        );
    }
}
