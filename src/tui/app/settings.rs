//! The App's toggle arms: the project settings (App Certificate enabled, Token
//! Debugging Switch) and revealing the certificate on screen.

use super::App;
use crate::tui::action::{Action, Effect};
use crate::tui::keymap::key_label;
use crate::tui::model::{Focus, StatusLevel};

impl App {
    /// Space or Enter on a toggle flips it; elsewhere it does nothing.
    pub(super) fn toggle_focused(&mut self) -> Vec<Effect> {
        match self.focus {
            Focus::CertificateEnabled => self.toggle_certificate_enabled(),
            Focus::DebugSwitch => self.toggle_debug_switch(),
            _ => Vec::new(),
        }
    }

    pub(super) fn toggle_certificate_enabled(&mut self) -> Vec<Effect> {
        self.settings.certificate_enabled = !self.settings.certificate_enabled;
        self.settings_given.certificate_enabled = true;
        let text = if self.settings.certificate_enabled {
            "App Certificate enabled. A newly enabled certificate takes about an hour to take effect."
        } else {
            "App Certificate disabled: the server accepts any value as the token."
        };
        self.set_status(StatusLevel::Info, text);
        self.rediagnose()
    }

    pub(super) fn toggle_debug_switch(&mut self) -> Vec<Effect> {
        if !self.settings.debug_switch_available() {
            self.set_status(
                StatusLevel::Warning,
                "The Token Debugging Switch can only be set while the App Certificate is enabled.",
            );
            return Vec::new();
        }
        self.settings.debug_switch = !self.settings.debug_switch;
        self.settings_given.debug_switch = true;
        let text = if self.settings.debug_switch {
            "Token Debugging Switch on: _no_need_token is accepted (test environments only)."
        } else {
            "Token Debugging Switch off: _no_need_token now fails with 206 LOGIN_E_TOKENWRONG."
        };
        self.set_status(StatusLevel::Info, text);
        self.rediagnose()
    }

    pub(super) fn toggle_reveal(&mut self) {
        self.reveal_certificate = !self.reveal_certificate;
        let text = if self.reveal_certificate {
            format!(
                "App Certificate revealed. {} hides it again.",
                key_label(&Action::ToggleReveal)
            )
        } else {
            "App Certificate hidden.".to_string()
        };
        self.set_status(StatusLevel::Info, text);
    }
}
