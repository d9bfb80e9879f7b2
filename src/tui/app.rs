//! The console's state, and the one place it changes: [`App::update`].
//!
//! Derived values (MD5 input, sign, token) are recomputed whenever an input changes,
//! inside `update`, and never while drawing or on a timer.

use super::field::{Edit, TextField};
use crate::checks::{self, Finding};
use crate::diagnose::{Job, Report};
use crate::expiry::{self, Expiry, ExpiryError, Zone};
use crate::policy::{ProjectSettings, Rule};
use crate::token::{self, Inputs, Md5Input, Sign, worked_example};
use chrono::{DateTime, Utc};

/// Most characters a field holds; a paste beyond it is cut, and the user is told.
pub const MAX_FIELD_CHARS: usize = 4096;

/// The focusable widgets, in focus order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    AppId,
    Certificate,
    Account,
    Expiry,
    CertificateEnabled,
    DebugSwitch,
    /// The token a failing client sent, for the diagnosis.
    ClientToken,
}

impl Focus {
    pub const ORDER: [Focus; 7] = [
        Focus::AppId,
        Focus::Certificate,
        Focus::Account,
        Focus::Expiry,
        Focus::CertificateEnabled,
        Focus::DebugSwitch,
        Focus::ClientToken,
    ];
    pub const FIELDS: [Focus; 5] = [
        Focus::AppId,
        Focus::Certificate,
        Focus::Account,
        Focus::Expiry,
        Focus::ClientToken,
    ];

    fn index(self) -> usize {
        Focus::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn next(self) -> Focus {
        Focus::ORDER[(self.index() + 1) % Focus::ORDER.len()]
    }

    pub fn prev(self) -> Focus {
        Focus::ORDER[(self.index() + Focus::ORDER.len() - 1) % Focus::ORDER.len()]
    }

    pub fn is_text(self) -> bool {
        Focus::FIELDS.contains(&self)
    }

    pub fn label(self) -> &'static str {
        match self {
            Focus::AppId => "App ID",
            Focus::Certificate => "App Certificate",
            Focus::Account => "Account",
            Focus::Expiry => "Expiry",
            Focus::CertificateEnabled => "App Certificate enabled",
            Focus::DebugSwitch => "Token Debugging Switch",
            Focus::ClientToken => "Client token",
        }
    }
}

/// What to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyTarget {
    Token,
    Sign,
}

impl CopyTarget {
    pub fn name(self) -> &'static str {
        match self {
            CopyTarget::Token => "token",
            CopyTarget::Sign => "sign",
        }
    }
}

/// How a copy went; reported back by the runtime after it ran an [`Effect::Copy`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyOutcome {
    /// The system clipboard took it (arboard); `note` qualifies it (may be empty).
    System { note: String },
    /// Sent as an OSC 52 escape to the terminal; `why` says why not the system clipboard.
    Osc52 { why: String },
    /// Neither way worked.
    Failed { why: String },
}

/// Everything that can happen to the console.
#[derive(Clone, PartialEq, Eq)]
pub enum Action {
    FocusNext,
    FocusPrev,
    Focus(Focus),
    /// An edit of the focused text field (ignored on a toggle).
    Edit(Edit),
    /// Enter in a text field moves on; on a toggle it flips it.
    Submit,
    /// A bracketed paste: lands in the focused field in one piece.
    Paste(String),
    ToggleFocused,
    ToggleCertificateEnabled,
    ToggleDebugSwitch,
    ToggleReveal,
    Copy(CopyTarget),
    Copied(CopyTarget, CopyOutcome),
    ToggleHelp,
    /// The terminal's size changed (and at start).
    Resize(u16, u16),
    /// Scrolls the help overlay by this many lines.
    ScrollHelp(i16),
    CloseOverlay,
    /// The clock moved; only the time-dependent text changes, never the token.
    Tick(DateTime<Utc>),
    /// Show the console's panels, or the diagnosis of the client token.
    ToggleDiagnosis,
    /// Stop the running search for the mistake.
    CancelDiagnosis,
    /// The search has tried this many of this many candidates (generation, tried, total).
    DiagnosisProgress(u64, u64, u64),
    /// A diagnosis finished (generation, report).
    Diagnosed(u64, Box<Report>),
    /// A diagnosis failed with an internal error (generation).
    DiagnosisFailed(u64),
    /// Make the Markdown report of what is on screen (copied, or saved with --report-dir).
    Report,
    /// The runtime delivered the report: where it went, or why it did not.
    Reported(Result<String, String>),
    /// The clipboard was cleared after --clear-clipboard-after, or left alone, or not.
    ClipboardCleared(Result<String, String>),
    /// Open or close the error code reference.
    ToggleCodes,
    /// The code reference's search box.
    CodesQuery(Edit),
    Quit,
}

impl std::fmt::Debug for Action {
    // A paste may be a certificate: show its length, never its text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Paste(text) => write!(f, "Paste(<{} chars>)", text.chars().count()),
            Action::Edit(Edit::Insert(_)) => write!(f, "Edit(Insert(<char>))"),
            Action::FocusNext => write!(f, "FocusNext"),
            Action::FocusPrev => write!(f, "FocusPrev"),
            Action::Focus(x) => write!(f, "Focus({x:?})"),
            Action::Edit(e) => write!(f, "Edit({e:?})"),
            Action::Submit => write!(f, "Submit"),
            Action::ToggleFocused => write!(f, "ToggleFocused"),
            Action::ToggleCertificateEnabled => write!(f, "ToggleCertificateEnabled"),
            Action::ToggleDebugSwitch => write!(f, "ToggleDebugSwitch"),
            Action::ToggleReveal => write!(f, "ToggleReveal"),
            Action::Copy(t) => write!(f, "Copy({t:?})"),
            Action::Copied(t, o) => write!(f, "Copied({t:?}, {o:?})"),
            Action::ToggleHelp => write!(f, "ToggleHelp"),
            Action::Resize(w, h) => write!(f, "Resize({w}, {h})"),
            Action::ScrollHelp(n) => write!(f, "ScrollHelp({n})"),
            Action::CloseOverlay => write!(f, "CloseOverlay"),
            Action::Tick(t) => write!(f, "Tick({t})"),
            Action::ToggleDiagnosis => write!(f, "ToggleDiagnosis"),
            Action::CancelDiagnosis => write!(f, "CancelDiagnosis"),
            Action::DiagnosisProgress(g, t, n) => write!(f, "DiagnosisProgress({g}, {t}, {n})"),
            Action::Diagnosed(g, r) => write!(f, "Diagnosed({g}, {:?})", r.outcome),
            Action::DiagnosisFailed(g) => write!(f, "DiagnosisFailed({g})"),
            Action::ToggleCodes => write!(f, "ToggleCodes"),
            Action::Report => write!(f, "Report"),
            Action::ClipboardCleared(r) => write!(f, "ClipboardCleared({r:?})"),
            Action::Reported(r) => write!(f, "Reported({r:?})"),
            Action::CodesQuery(e) => write!(f, "CodesQuery({e:?})"),
            Action::Quit => write!(f, "Quit"),
        }
    }
}

/// Work for the runtime that `update` must not do itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Copy {
        target: CopyTarget,
        text: String,
    },
    /// Run this diagnosis off the UI thread, cancelling any other.
    Diagnose {
        generation: u64,
        job: Box<Job>,
    },
    CancelDiagnosis,
    /// Deliver this Markdown report: save it in the report folder, or copy it.
    Report {
        markdown: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The error code reference.
    Codes,
}

/// What the lower half of the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// MD5 input, sign and token, checks, server rules.
    Console,
    /// The diagnosis of the client token.
    Diagnosis,
}

/// Where the diagnosis of the client token stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// No client token to diagnose.
    Idle,
    Running {
        tried: u64,
        total: u64,
    },
    Cancelled,
    Done(Box<Report>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusLevel {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub level: StatusLevel,
    pub text: String,
}

/// What the inputs make, recomputed on every change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    pub md5_input: Md5Input,
    pub expiry: Result<Expiry, ExpiryError>,
    /// Every finding for the inputs at the current time, sorted.
    pub findings: Vec<Finding>,
    /// Present when the expiry parses.
    pub result: Option<Built>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub sign: Sign,
    pub token: String,
}

/// How the console starts.
#[derive(Clone)]
pub struct Config {
    pub app_id: String,
    pub certificate: crate::secret::Secret,
    pub account: String,
    pub expiry: String,
    /// A client token to diagnose at start.
    pub client_token: String,
    pub reveal_certificate: bool,
    pub settings: ProjectSettings,
    pub now: DateTime<Utc>,
    /// Where "local time" is shown for.
    pub zone: Zone,
    /// Draw without colours (NO_COLOR): emphasis by bold, underline and reverse only.
    pub no_color: bool,
    /// A message for the status line at start (e.g. where the certificate came from).
    pub status: Option<Status>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("app_id", &self.app_id)
            .field("certificate", &"<redacted>")
            .field("account", &self.account)
            .field("expiry", &self.expiry)
            .field("settings", &self.settings)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl Config {
    pub fn worked_example(now: DateTime<Utc>) -> Config {
        Config {
            app_id: worked_example::APP_ID.into(),
            certificate: worked_example::APP_CERTIFICATE.into(),
            account: worked_example::ACCOUNT.into(),
            expiry: worked_example::EXPIRED_TIME.to_string(),
            client_token: String::new(),
            reveal_certificate: false,
            settings: ProjectSettings::default(),
            now,
            zone: Zone::Local,
            no_color: false,
            status: None,
        }
    }

    pub fn blank(now: DateTime<Utc>) -> Config {
        Config {
            app_id: String::new(),
            certificate: Default::default(),
            account: String::new(),
            expiry: String::new(),
            ..Config::worked_example(now)
        }
    }
}

/// The console's state. Every field is private: it changes only in [`App::update`].
pub struct App {
    fields: [TextField; 5],
    focus: Focus,
    settings: ProjectSettings,
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
    no_color: bool,
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
    /// Work found while applying an action, returned from `update`.
    pending: Option<Effect>,
}

impl App {
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
        let derived = derive(&fields, config.now, config.now);
        let has_client_token = !fields[4].value().is_empty();
        let mut app = App {
            fields,
            focus: Focus::AppId,
            settings: config.settings,
            reveal_certificate: config.reveal_certificate,
            overlay: None,
            help_scroll: 0,
            status,
            now: config.now,
            should_quit: false,
            derived,
            zone: config.zone,
            no_color: config.no_color,
            viewport: (80, 24),
            expiry_anchor: config.now,
            view: View::Console,
            diagnosis: Diagnosis::Idle,
            generation: 0,
            codes_query: TextField::default(),
            pending: None,
        };
        if has_client_token {
            app.view = View::Diagnosis;
            app.rediagnose();
        }
        app
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

    fn set_status(&mut self, level: StatusLevel, text: impl Into<String>) {
        self.status = Some(Status {
            level,
            text: text.into(),
        });
    }

    /// Every finding for the current inputs at the current time: errors first.
    pub fn findings(&self) -> Vec<&Finding> {
        self.derived.findings.iter().collect()
    }

    /// The expiry in Unix seconds, when it parses.
    pub fn expiry_unix(&self) -> Option<i64> {
        self.derived.expiry.as_ref().ok().map(|e| e.unix)
    }

    fn recompute(&mut self) {
        // A relative expiry resolves against the clock when the Expiry field is
        // edited, and then stays put while other fields change.
        if self.focus == Focus::Expiry {
            self.expiry_anchor = self.now;
        }
        self.derived = derive(&self.fields, self.expiry_anchor, self.now);
        self.rediagnose();
    }

    /// Applies one action. Returns work for the runtime, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply(action);
        effect.or_else(|| self.pending.take())
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            // Under the help, a click or a paste must not reach the fields behind it.
            Action::Focus(_) | Action::Paste(_) if self.overlay.is_some() => {
                self.set_status(
                    StatusLevel::Warning,
                    "Close the help (Esc) first: that went nowhere.",
                );
            }
            Action::Focus(f) => self.set_focus(f),
            Action::Edit(edit) => {
                self.status = None;
                self.edit(&edit);
            }
            Action::Submit => {
                if self.focus.is_text() {
                    // Enter walks the text fields only, so it never flips a toggle by accident.
                    let i = Focus::FIELDS
                        .iter()
                        .position(|f| *f == self.focus)
                        .unwrap_or(0);
                    self.set_focus(Focus::FIELDS[(i + 1) % Focus::FIELDS.len()]);
                } else {
                    return self.apply(Action::ToggleFocused);
                }
            }
            Action::Paste(text) => self.paste(&text),
            Action::ToggleFocused => match self.focus {
                Focus::CertificateEnabled => return self.apply(Action::ToggleCertificateEnabled),
                Focus::DebugSwitch => return self.apply(Action::ToggleDebugSwitch),
                _ => {}
            },
            Action::ToggleCertificateEnabled => {
                self.settings.certificate_enabled = !self.settings.certificate_enabled;
                let text = if self.settings.certificate_enabled {
                    "App Certificate enabled. A newly enabled certificate takes about an hour to take effect."
                } else {
                    "App Certificate disabled: the server accepts any value as the token."
                };
                self.set_status(StatusLevel::Info, text);
                self.rediagnose();
            }
            Action::ToggleDebugSwitch => {
                if self.settings.debug_switch_available() {
                    self.settings.debug_switch = !self.settings.debug_switch;
                    let text = if self.settings.debug_switch {
                        "Token Debugging Switch on: _no_need_token is accepted (test environments only)."
                    } else {
                        "Token Debugging Switch off: _no_need_token now fails with 206 LOGIN_E_TOKENWRONG."
                    };
                    self.set_status(StatusLevel::Info, text);
                    self.rediagnose();
                } else {
                    self.set_status(
                        StatusLevel::Warning,
                        "The Token Debugging Switch can only be set while the App Certificate is enabled.",
                    );
                }
            }
            Action::ToggleReveal => {
                self.reveal_certificate = !self.reveal_certificate;
                let text = if self.reveal_certificate {
                    "App Certificate revealed. Ctrl-R hides it again."
                } else {
                    "App Certificate hidden."
                };
                self.set_status(StatusLevel::Info, text);
            }
            Action::Copy(target) => return self.copy(target),
            Action::Copied(target, outcome) => self.copied(target, outcome),
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.overlay = match self.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                }
            }
            Action::ScrollHelp(by) => {
                let max = super::keymap::help_max_scroll(self.viewport.1);
                self.help_scroll = self.help_scroll.saturating_add_signed(by).min(max);
            }
            Action::Resize(width, height) => {
                self.viewport = (width, height);
                self.help_scroll = self.help_scroll.min(super::keymap::help_max_scroll(height));
            }
            Action::CloseOverlay => self.overlay = None,
            Action::Tick(now) => {
                self.now = now;
                // Only what depends on the clock changes; the token is not recomputed.
                self.derived.findings =
                    findings(&self.fields, &self.derived.expiry, self.expiry_anchor, now);
            }
            Action::ToggleDiagnosis => {
                self.view = match self.view {
                    View::Console => View::Diagnosis,
                    View::Diagnosis => View::Console,
                };
                // The client token is not on the console's screen: focus what is.
                if self.view == View::Console && self.focus == Focus::ClientToken {
                    self.focus = Focus::AppId;
                }
                if self.view == View::Diagnosis && self.value(Focus::ClientToken).is_empty() {
                    self.set_status(
                        StatusLevel::Info,
                        "Paste the token the failing client sent into Client token (Shift-Tab).",
                    );
                }
            }
            Action::CancelDiagnosis => {
                if matches!(self.diagnosis, Diagnosis::Running { .. }) {
                    self.diagnosis = Diagnosis::Cancelled;
                    self.set_status(StatusLevel::Info, "Search for the mistake cancelled.");
                    return Some(Effect::CancelDiagnosis);
                }
            }
            Action::DiagnosisProgress(generation, tried, total) => {
                if generation == self.generation
                    && let Diagnosis::Running { .. } = self.diagnosis
                {
                    self.diagnosis = Diagnosis::Running { tried, total };
                }
            }
            Action::Diagnosed(generation, report) => {
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
            Action::DiagnosisFailed(generation) => {
                if generation == self.generation {
                    self.diagnosis = Diagnosis::Cancelled;
                    self.set_status(
                        StatusLevel::Error,
                        "The diagnosis failed with an internal error; please report it.",
                    );
                }
            }
            Action::ToggleCodes => {
                self.codes_query = TextField::default();
                self.overlay = match self.overlay {
                    Some(Overlay::Codes) => None,
                    _ => Some(Overlay::Codes),
                };
            }
            Action::CodesQuery(edit) => {
                // The reference is searched by number: only digits go in.
                if !matches!(edit, Edit::Insert(c) if !c.is_ascii_digit()) {
                    self.codes_query.apply(&edit, 3);
                }
            }
            Action::Report => return Some(self.report()),
            Action::ClipboardCleared(Ok(what)) => {
                self.set_status(StatusLevel::Info, format!("Clipboard {what}."))
            }
            Action::ClipboardCleared(Err(why)) => self.set_status(
                StatusLevel::Warning,
                format!("Could not clear the clipboard: {why}."),
            ),
            Action::Reported(Ok(place)) => {
                self.set_status(StatusLevel::Success, format!("Report {place}."))
            }
            Action::Reported(Err(why)) => {
                self.set_status(StatusLevel::Error, format!("No report: {why}."))
            }
            Action::Quit => self.should_quit = true,
        }
        None
    }

    /// The Markdown report of the inputs, checks and diagnosis as they stand.
    fn report(&self) -> Effect {
        let findings: Vec<Finding> = self.findings().into_iter().cloned().collect();
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
            now: self.now,
            findings: &findings,
            diagnosis,
        });
        Effect::Report { markdown }
    }

    /// Work asked for while the app was made (a diagnosis of a client token given at
    /// start), for the runtime to pick up once.
    pub fn take_pending(&mut self) -> Option<Effect> {
        self.pending.take()
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn diagnosis(&self) -> &Diagnosis {
        &self.diagnosis
    }

    pub fn codes_query(&self) -> &str {
        self.codes_query.value()
    }

    /// The client token lives in the diagnosis view: going there shows it.
    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if focus == Focus::ClientToken {
            self.view = View::Diagnosis;
        }
    }

    /// Starts a new diagnosis of the client token (or stops diagnosing when it is
    /// empty); the runtime picks the work up from `pending`.
    fn rediagnose(&mut self) {
        let token = self.value(Focus::ClientToken).to_string();
        if token.is_empty() {
            if matches!(self.diagnosis, Diagnosis::Running { .. }) {
                self.pending = Some(Effect::CancelDiagnosis);
            }
            self.diagnosis = Diagnosis::Idle;
            return;
        }
        self.generation += 1;
        let job = Job {
            client_token: token,
            app_id: self.value(Focus::AppId).to_string(),
            account: self.value(Focus::Account).to_string(),
            certificate: self.value(Focus::Certificate).to_string(),
            settings: self.settings,
            now: self.now,
        };
        self.diagnosis = Diagnosis::Running { tried: 0, total: 0 };
        self.pending = Some(Effect::Diagnose {
            generation: self.generation,
            job: Box::new(job),
        });
    }

    fn edit(&mut self, edit: &Edit) {
        let focus = self.focus;
        let Some(field) = self.field_mut(focus) else {
            return;
        };
        let full = matches!(edit, Edit::Insert(_)) && field.char_count() >= MAX_FIELD_CHARS;
        if field.apply(edit, MAX_FIELD_CHARS) {
            if focus == Focus::ClientToken {
                self.view = View::Diagnosis;
            }
            self.recompute();
        }
        if full {
            self.set_status(
                StatusLevel::Warning,
                format!(
                    "{} is full: a field holds at most {MAX_FIELD_CHARS} characters.",
                    focus.label()
                ),
            );
        }
    }

    fn paste(&mut self, text: &str) {
        let focus = self.focus;
        let Some(field) = self.field_mut(focus) else {
            self.set_status(
                StatusLevel::Warning,
                "Paste ignored: move to a text field (Tab) to paste into it.",
            );
            return;
        };
        let inserted = field.insert_str(text, MAX_FIELD_CHARS);
        if focus == Focus::ClientToken {
            self.view = View::Diagnosis;
        }
        self.recompute();
        if inserted.dropped > 0 {
            self.set_status(
                StatusLevel::Warning,
                format!(
                    "Paste cut: kept {} of {} characters; {} holds at most {MAX_FIELD_CHARS}.",
                    inserted.kept,
                    inserted.kept + inserted.dropped,
                    focus.label()
                ),
            );
        } else if text.ends_with('\r') {
            self.set_status(
                StatusLevel::Warning,
                "Paste ends in a line break (␍), kept as typed: terminals send a pasted newline as CR.",
            );
        } else if text.ends_with('\n') {
            self.set_status(
                StatusLevel::Warning,
                "Paste ends in a newline (↵), kept as typed: it changes the token.",
            );
        } else {
            self.set_status(
                StatusLevel::Info,
                format!(
                    "Pasted {} into {}.",
                    if inserted.kept == 1 {
                        "1 character".to_string()
                    } else {
                        format!("{} characters", inserted.kept)
                    },
                    focus.label()
                ),
            );
        }
    }

    fn copy(&mut self, target: CopyTarget) -> Option<Effect> {
        let Some(built) = &self.derived.result else {
            self.set_status(
                StatusLevel::Error,
                format!(
                    "Nothing to copy: fix the Expiry first, the {} cannot be built yet.",
                    target.name()
                ),
            );
            return None;
        };
        let text = match target {
            CopyTarget::Token => built.token.clone(),
            CopyTarget::Sign => built.sign.to_hex(),
        };
        Some(Effect::Copy { target, text })
    }

    fn copied(&mut self, target: CopyTarget, outcome: CopyOutcome) {
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
}

/// Every finding for the fields: the one assembly, with a relative expiry counted from
/// `anchor` and the expiry judged against `now`.
fn findings(
    fields: &[TextField; 5],
    expiry: &Result<Expiry, ExpiryError>,
    anchor: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let [app_id, certificate, account] = [0, 1, 2].map(|i| fields[i].value());
    let subject = checks::Subject {
        app_id,
        certificate,
        account: Some(account),
        expiry: expiry.as_ref(),
    };
    checks::assess(&subject, anchor, now)
}

fn derive(fields: &[TextField; 5], anchor: DateTime<Utc>, now: DateTime<Utc>) -> Derived {
    let [app_id, certificate, account, expiry_text] = [0, 1, 2, 3].map(|i| fields[i].value());
    let expiry = expiry::parse(expiry_text, anchor);
    let result = expiry.as_ref().ok().map(|e| {
        let inputs = Inputs::new(app_id, certificate, account, e.unix);
        let sign = inputs.sign();
        Built {
            token: token::format_token(app_id, e.unix, &sign),
            sign,
        }
    });
    // The expiry is hashed as its integer value; while it does not parse, show it as typed.
    let expiry_written = match &expiry {
        Ok(e) => e.unix.to_string(),
        Err(_) => expiry_text.to_string(),
    };
    Derived {
        md5_input: Md5Input::new(account, app_id, certificate, &expiry_written),
        findings: findings(fields, &expiry, anchor, now),
        expiry,
        result,
    }
}
