//! The console's state, `App`, and the one place it changes: [`App::update`], a short
//! dispatch to methods grouped by concern in `app/`. It returns the effects to perform.

mod diagnosis;
mod edit;
mod findings;
mod output;
mod overlay;
mod settings;

use super::action::{Action, Effect};
use super::derive::{self, Derived, Texts};
use super::field::TextField;
use super::keymap::Scope;
use super::model::{Config, Diagnosis, Focus, Overlay, Status, StatusLevel, View};
use crate::checks::Finding;
use crate::diagnose::Candidates;
use crate::expiry::Zone;
use crate::policy::{ProjectSettings, Rule, SettingsGiven};
use crate::token::Part;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Most characters a field holds; a paste beyond it is cut, and the user is told.
pub const MAX_FIELD_CHARS: usize = 4096;

/// The console's state. Every field is private: it changes only in [`App::update`].
pub struct App {
    fields: [TextField; 5],
    focus: Focus,
    settings: ProjectSettings,
    /// Which toggles the user flipped (the others are the defaults, for the report).
    settings_given: SettingsGiven,
    reveal_certificate: bool,
    overlay: Option<Overlay>,
    /// First line of the help overlay on screen.
    help_scroll: u16,
    status: Option<Status>,
    now: DateTime<Utc>,
    should_quit: bool,
    derived: Derived,
    /// Where "local time" is, for display.
    zone: Zone,
    /// The zone a date-time without one is read in (`--tz`); UTC when `None`.
    tz: Option<Zone>,
    no_color: bool,
    /// A click focuses a field (the mouse is captured).
    mouse: bool,
    /// The terminal's size, for clamping the help's scroll.
    viewport: (u16, u16),
    /// "Now" as it was when the Expiry field was last edited: what a relative expiry
    /// (+1h) is counted from.
    expiry_anchor: DateTime<Utc>,
    view: View,
    diagnosis: Diagnosis,
    /// Bumped for every new diagnosis, so a late result of an old one is dropped.
    generation: u64,
    /// The code reference's search box.
    codes_query: TextField,
    /// Other certificates and accounts every diagnosis tries.
    candidates: Arc<Candidates>,
    /// The finding the Checks panel shows whole, by its code and field (so it stays
    /// selected while other findings come and go); `None`: every one in brief.
    selected_finding: Option<(&'static str, Option<Part>)>,
    /// Where the focus was when F7 moved it to the client token, to go back to.
    focus_before_diagnosis: Option<Focus>,
}

impl App {
    /// The console as the config describes it. It asks for no work yet: the runtime
    /// sends [`Action::Start`] first, which starts the diagnosis of a client token.
    pub fn new(config: Config) -> App {
        let mut status = config.status;
        // Values from flags, the environment or a file obey the same cap as a paste.
        let fields = [
            (Focus::AppId, config.app_id),
            (Focus::Certificate, config.certificate.expose().to_string()),
            (Focus::Account, config.account),
            (Focus::Expiry, config.expiry),
            (Focus::ClientToken, config.client_token),
        ]
        .map(|(focus, value)| {
            let mut field = TextField::default();
            let inserted = field.insert_str(&value, MAX_FIELD_CHARS);
            if inserted.dropped > 0 {
                status = Some(Status {
                    level: StatusLevel::Warning,
                    text: format!(
                        "{} was cut to {MAX_FIELD_CHARS} characters (it had {}).",
                        focus.label(),
                        inserted.kept + inserted.dropped
                    ),
                });
            }
            field
        });
        let derived = derive::derive(texts(&fields), config.now, config.tz, config.now);
        let view = if fields[4].value().is_empty() {
            View::Console
        } else {
            View::Diagnosis
        };
        App {
            fields,
            focus: Focus::AppId,
            settings: config.settings,
            settings_given: SettingsGiven::default(),
            reveal_certificate: config.reveal_certificate,
            overlay: None,
            help_scroll: 0,
            status,
            now: config.now,
            should_quit: false,
            derived,
            zone: config.zone,
            tz: config.tz,
            no_color: config.no_color,
            mouse: config.mouse,
            viewport: (80, 24),
            expiry_anchor: config.now,
            view,
            diagnosis: Diagnosis::Idle,
            generation: 0,
            codes_query: TextField::default(),
            candidates: config.candidates,
            selected_finding: None,
            focus_before_diagnosis: None,
        }
    }

    /// Applies one action; returns the work for the runtime, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Start => return self.start(),
            // Under an overlay, a click or a paste must not reach the fields behind it.
            Action::Focus(_) | Action::Paste(_) if self.overlay.is_some() => self.went_nowhere(),
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::Focus(f) => self.set_focus(f),
            Action::Edit(edit) => return self.edit(&edit),
            Action::Submit => return self.submit(),
            Action::Paste(text) => return self.paste(&text),
            Action::Tick(now) => self.tick(now),
            Action::ToggleFocused => return self.toggle_focused(),
            Action::ToggleCertificateEnabled => return self.toggle_certificate_enabled(),
            Action::ToggleDebugSwitch => return self.toggle_debug_switch(),
            Action::ToggleReveal => self.toggle_reveal(),
            Action::Copy(target) => return self.copy(target),
            Action::Copied(target, outcome) => self.copied(target, outcome),
            Action::Report => return self.report(),
            Action::Reported(result) => self.reported(result),
            Action::ClipboardCleared(result) => self.clipboard_cleared(result),
            Action::ToggleHelp => self.toggle_help(),
            Action::ScrollHelp(by) => self.scroll_help(by),
            Action::Resize(width, height) => self.resize(width, height),
            Action::CloseOverlay => self.overlay = None,
            Action::ToggleCodes => self.toggle_codes(),
            Action::SelectFinding(by) => self.select_finding(by),
            Action::CodesQuery(edit) => self.edit_codes_query(&edit),
            Action::ToggleDiagnosis => self.toggle_diagnosis(),
            Action::CancelDiagnosis => return self.cancel_diagnosis(),
            Action::DiagnosisProgress(generation, tried, total) => {
                self.diagnosis_progress(generation, tried, total)
            }
            Action::Diagnosed(generation, report) => self.diagnosed(generation, report),
            Action::DiagnosisFailed(generation) => self.diagnosis_failed(generation),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Quit => self.should_quit = true,
        }
        Vec::new()
    }

    /// The key-table scopes active now, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.overlay {
            Some(Overlay::Help) => vec![Scope::Help, Scope::Always],
            Some(Overlay::Codes) => vec![Scope::Codes, Scope::Always],
            None if self.focus.is_text() => vec![Scope::Field, Scope::Main, Scope::Always],
            None => vec![Scope::Toggle, Scope::Main, Scope::Always],
        }
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn settings(&self) -> ProjectSettings {
        self.settings
    }

    pub fn reveal_certificate(&self) -> bool {
        self.reveal_certificate
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }

    /// Whether a click focuses a field: the console captures the mouse (`--mouse`).
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn diagnosis(&self) -> &Diagnosis {
        &self.diagnosis
    }

    /// What every diagnosis tries besides the known mistakes.
    pub fn candidates(&self) -> &Candidates {
        &self.candidates
    }

    pub fn codes_query(&self) -> &str {
        self.codes_query.value()
    }

    pub fn field(&self, which: Focus) -> Option<&TextField> {
        Focus::FIELDS
            .iter()
            .position(|f| *f == which)
            .map(|i| &self.fields[i])
    }

    fn field_mut(&mut self, which: Focus) -> Option<&mut TextField> {
        Focus::FIELDS
            .iter()
            .position(|f| *f == which)
            .map(|i| &mut self.fields[i])
    }

    pub fn value(&self, which: Focus) -> &str {
        self.field(which).map_or("", TextField::value)
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    pub fn rule(&self) -> Rule {
        self.settings.rule()
    }

    /// The token on screen, if the inputs make one.
    pub fn token(&self) -> Option<&str> {
        self.derived.result.as_ref().map(|b| b.token.as_str())
    }

    /// Every finding for the current inputs at the current time: errors first.
    pub fn findings(&self) -> &[Finding] {
        &self.derived.findings
    }

    /// The expiry in Unix seconds, when it parses.
    pub fn expiry_unix(&self) -> Option<i64> {
        self.derived.expiry.as_ref().ok().map(|e| e.unix)
    }

    fn set_status(&mut self, level: StatusLevel, text: impl Into<String>) {
        self.status = Some(Status {
            level,
            text: text.into(),
        });
    }
}

/// The four inputs' values, for the derivation.
fn texts(fields: &[TextField; 5]) -> Texts<'_> {
    Texts {
        app_id: fields[0].value(),
        certificate: fields[1].value(),
        account: fields[2].value(),
        expiry: fields[3].value(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::key_label;

    fn app() -> App {
        App::new(Config::worked_example(Utc::now()))
    }

    #[test]
    fn start_diagnoses_a_client_token_given_at_start_and_nothing_else() {
        let mut config = Config::worked_example(Utc::now());
        config.client_token = "_no_need_token".into();
        let mut app = App::new(config);
        assert_eq!(app.view(), View::Diagnosis);
        let effects = app.update(Action::Start);
        assert!(matches!(
            effects[..],
            [Effect::Diagnose { generation: 1, .. }]
        ));
        assert!(matches!(app.diagnosis(), Diagnosis::Running { .. }));
        assert!(self::app().update(Action::Start).is_empty());
    }

    #[test]
    fn the_report_says_which_settings_were_given() {
        let report = |app: &mut App| match &app.update(Action::Report)[..] {
            [Effect::Report { markdown }] => markdown.clone(),
            other => panic!("no report: {other:?}"),
        };
        let mut app = app();
        let md = report(&mut app);
        assert!(
            md.contains("| App Certificate enabled | yes · assumed (default) |"),
            "{md}"
        );
        assert!(
            md.contains("| Token Debugging Switch | off · assumed (default) |"),
            "{md}"
        );
        app.update(Action::ToggleDebugSwitch);
        let md = report(&mut app);
        assert!(
            md.contains("| Token Debugging Switch | on · given |"),
            "{md}"
        );
        assert!(md.contains("| App Certificate enabled | yes · assumed (default) |"));
    }

    #[test]
    fn sentences_that_name_a_key_take_it_from_the_key_table() {
        let mut app = app();
        app.update(Action::ToggleReveal);
        let reveal = key_label(&Action::ToggleReveal);
        assert!(app.status().unwrap().text.contains(&reveal));

        app.update(Action::Focus(Focus::DebugSwitch));
        app.update(Action::Paste("x".into()));
        let next = format!("{} goes to Client token", key_label(&Action::FocusNext));
        let back = format!("{} twice goes to Expiry", key_label(&Action::FocusPrev));
        let status = &app.status().unwrap().text;
        assert!(status.contains(&next) && status.contains(&back), "{status}");

        app.update(Action::ToggleHelp);
        app.update(Action::Focus(Focus::Account));
        let close = format!("({})", key_label(&Action::CloseOverlay));
        assert!(app.status().unwrap().text.contains(&close));
    }

    #[test]
    fn the_scopes_follow_the_overlay_and_the_focus() {
        let mut app = app();
        assert_eq!(app.scopes()[0], Scope::Field);
        app.update(Action::Focus(Focus::DebugSwitch));
        assert_eq!(app.scopes()[0], Scope::Toggle);
        app.update(Action::ToggleCodes);
        assert_eq!(app.scopes(), [Scope::Codes, Scope::Always]);
        app.update(Action::ToggleCodes);
        app.update(Action::ToggleHelp);
        assert_eq!(app.scopes(), [Scope::Help, Scope::Always]);
    }
}
