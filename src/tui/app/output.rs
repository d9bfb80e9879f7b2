//! The App's output arms: copying the token or sign, the Markdown report, and the
//! status lines for what the runtime reports back (copied, saved, clipboard cleared).

use super::App;
use crate::checks::Finding;
use crate::tui::action::{CopyOutcome, CopyTarget, Effect};
use crate::tui::model::{Diagnosis, Focus, StatusLevel};

impl App {
    pub(super) fn copy(&mut self, target: CopyTarget) -> Vec<Effect> {
        let Some(built) = &self.derived.result else {
            self.set_status(
                StatusLevel::Error,
                format!(
                    "Nothing to copy: fix the Expiry first, the {} cannot be built yet.",
                    target.name()
                ),
            );
            return Vec::new();
        };
        let text = match target {
            CopyTarget::Token => built.token.clone(),
            CopyTarget::Sign => built.sign.to_hex(),
        };
        vec![Effect::Copy { target, text }]
    }

    pub(super) fn copied(&mut self, target: CopyTarget, outcome: CopyOutcome) {
        let name = target.name();
        match outcome {
            CopyOutcome::System { note } => self.set_status(
                StatusLevel::Success,
                format!("Copied the {name} to the system clipboard{note}."),
            ),
            // Whether the terminal took it cannot be known: say what was done.
            CopyOutcome::Osc52 { why } => self.set_status(
                StatusLevel::Info,
                format!("Sent the {name} via OSC 52: {why}."),
            ),
            CopyOutcome::Failed { why } => self.set_status(
                StatusLevel::Error,
                format!("Could not copy the {name}: {why}. Select it on screen instead."),
            ),
        }
    }

    /// The Markdown report of the inputs, checks and diagnosis as they stand.
    pub(super) fn report(&self) -> Vec<Effect> {
        let findings: Vec<Finding> = self.findings().to_vec();
        let token = self.value(Focus::ClientToken);
        let diagnosis = match (&self.diagnosis, token.is_empty()) {
            (Diagnosis::Done(report), false) => Some((token, report.as_ref())),
            _ => None,
        };
        let markdown = crate::report::markdown(&crate::report::ReportInput {
            app_id: self.value(Focus::AppId),
            certificate: self.value(Focus::Certificate),
            account: self.value(Focus::Account),
            expiry_text: self.value(Focus::Expiry),
            expiry: &self.derived.expiry,
            settings: self.settings,
            // The console shows its toggles; one the user flipped was given.
            settings_given: self.settings_given,
            now: self.now,
            findings: &findings,
            diagnosis,
        });
        vec![Effect::Report { markdown }]
    }

    pub(super) fn reported(&mut self, result: Result<String, String>) {
        match result {
            Ok(place) => self.set_status(StatusLevel::Success, format!("Report {place}.")),
            Err(why) => self.set_status(StatusLevel::Error, format!("No report: {why}.")),
        }
    }

    pub(super) fn clipboard_cleared(&mut self, result: Result<String, String>) {
        match result {
            Ok(what) => self.set_status(StatusLevel::Info, format!("Clipboard {what}.")),
            Err(why) => self.set_status(
                StatusLevel::Warning,
                format!("Could not clear the clipboard: {why}."),
            ),
        }
    }
}
