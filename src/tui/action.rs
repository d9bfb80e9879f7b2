//! What can happen to the console (`Action`) and the work `update` hands back for the
//! runtime to do (`Effect`), with the copy target and how a copy went.

use super::field::Edit;
use super::model::Focus;
use crate::diagnose::{Job, Report};
use chrono::{DateTime, Utc};

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
    /// The console starts: the runtime sends it once, before the first frame. It starts
    /// the diagnosis of a client token given at start.
    Start,
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
    /// Selects the next (1) or previous (-1) finding in the Checks panel, which shows it
    /// whole; past either end, none is selected.
    SelectFinding(i8),
    /// Open or close the error code reference.
    ToggleCodes,
    /// The code reference's search box.
    CodesQuery(Edit),
    /// Give the terminal back and stop, as Ctrl-Z does in any program (`fg` resumes).
    Suspend,
    Quit,
}

impl std::fmt::Debug for Action {
    // A paste may be a certificate: show its length, never its text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Paste(text) => write!(f, "Paste(<{} chars>)", text.chars().count()),
            Action::Edit(Edit::Insert(_)) => write!(f, "Edit(Insert(<char>))"),
            Action::Start => write!(f, "Start"),
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
            Action::SelectFinding(by) => write!(f, "SelectFinding({by})"),
            Action::Report => write!(f, "Report"),
            Action::ClipboardCleared(r) => write!(f, "ClipboardCleared({r:?})"),
            Action::Reported(r) => write!(f, "Reported({r:?})"),
            Action::CodesQuery(e) => write!(f, "CodesQuery({e:?})"),
            Action::Suspend => write!(f, "Suspend"),
            Action::Quit => write!(f, "Quit"),
        }
    }
}

/// Work for the runtime that `update` must not do itself. `update` returns a list of
/// them; performing one may give an action back, whose effects join the queue.
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
    /// Give the terminal back and stop the process until it is continued.
    Suspend,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_what_was_pasted_or_typed() {
        let secret = "5CFd2fd1755d40ecb72977518be15d3b";
        let shown = format!("{:?}", Action::Paste(secret.into()));
        assert_eq!(shown, "Paste(<32 chars>)");
        let typed = format!("{:?}", Action::Edit(Edit::Insert('5')));
        assert!(!typed.contains('5'), "{typed}");
    }
}
