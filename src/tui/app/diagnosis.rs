//! The App's diagnosis arms: starting a diagnosis of the client token (at start and
//! on every change), switching views, cancelling, and taking the worker's results.

use super::App;
use crate::diagnose::{Job, Report};
use crate::tui::action::Effect;
use crate::tui::help;
use crate::tui::model::{Diagnosis, Focus, StatusLevel, View};

impl App {
    /// The console starts: a client token given at start (the view already shows its
    /// diagnosis) is diagnosed at once.
    pub(super) fn start(&mut self) -> Vec<Effect> {
        if self.value(Focus::ClientToken).is_empty() {
            return Vec::new();
        }
        self.rediagnose()
    }

    /// Starts a new diagnosis of the client token (or stops diagnosing when it is
    /// empty), and returns the work that takes.
    pub(super) fn rediagnose(&mut self) -> Vec<Effect> {
        let token = self.value(Focus::ClientToken).to_string();
        if token.is_empty() {
            let running = matches!(self.diagnosis, Diagnosis::Running { .. });
            self.diagnosis = Diagnosis::Idle;
            return if running {
                vec![Effect::CancelDiagnosis]
            } else {
                Vec::new()
            };
        }
        self.generation += 1;
        let job = Job {
            client_token: token,
            app_id: self.value(Focus::AppId).to_string(),
            account: self.value(Focus::Account).to_string(),
            certificate: self.value(Focus::Certificate).to_string(),
            settings: self.settings,
            now: self.now,
            candidates: self.candidates.clone(),
        };
        self.diagnosis = Diagnosis::Running { tried: 0, total: 0 };
        vec![Effect::Diagnose {
            generation: self.generation,
            job: Box::new(job),
        }]
    }

    /// F7: to the diagnosis with the cursor in the Client token field, ready for a
    /// paste; and back to the token panels, with the focus where it was.
    pub(super) fn toggle_diagnosis(&mut self) {
        match self.view {
            View::Console => {
                self.view = View::Diagnosis;
                if self.focus != Focus::ClientToken {
                    self.focus_before_diagnosis = Some(self.focus);
                }
                self.focus = Focus::ClientToken;
                if self.value(Focus::ClientToken).is_empty() {
                    self.set_status(StatusLevel::Info, help::client_token_ready());
                }
            }
            View::Diagnosis => {
                self.view = View::Console;
                if self.focus == Focus::ClientToken {
                    self.focus = self.focus_before_diagnosis.unwrap_or(Focus::AppId);
                }
                self.focus_before_diagnosis = None;
            }
        }
    }

    pub(super) fn cancel_diagnosis(&mut self) -> Vec<Effect> {
        if !matches!(self.diagnosis, Diagnosis::Running { .. }) {
            return Vec::new();
        }
        self.diagnosis = Diagnosis::Cancelled;
        self.set_status(StatusLevel::Info, "Search for the mistake cancelled.");
        vec![Effect::CancelDiagnosis]
    }

    pub(super) fn diagnosis_progress(&mut self, generation: u64, tried: u64, total: u64) {
        if generation == self.generation
            && let Diagnosis::Running { .. } = self.diagnosis
        {
            self.diagnosis = Diagnosis::Running { tried, total };
        }
    }

    pub(super) fn diagnosed(&mut self, generation: u64, report: Box<Report>) {
        // A search cancelled with Esc still knows the verdict and the parsed
        // token: its report says the search was cut short, and shows the rest.
        if generation == self.generation
            && matches!(
                self.diagnosis,
                Diagnosis::Running { .. } | Diagnosis::Cancelled
            )
        {
            self.diagnosis = Diagnosis::Done(report);
        }
    }

    pub(super) fn diagnosis_failed(&mut self, generation: u64) {
        if generation == self.generation {
            self.diagnosis = Diagnosis::Cancelled;
            self.set_status(
                StatusLevel::Error,
                "The diagnosis failed with an internal error; please report it.",
            );
        }
    }
}
