//! The colours the console and the commands share, each named once here in no terminal
//! library's terms: the console's theme (src/tui/ui/theme.rs) and the commands' styles
//! (src/cli/style.rs) both translate these, so a verdict, a severity or an input is the
//! same colour in the console and in a command's output.

use crate::checks::Severity;
use crate::token::Part;

/// The eight basic terminal colours the two front ends use, and bright black.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hue {
    Red,
    Green,
    Yellow,
    Magenta,
    Cyan,
    /// Bright black, which terminals draw as dark grey.
    DarkGray,
}

impl Hue {
    /// Every colour, for the tests that hold both front ends to the same codes.
    pub const ALL: [Hue; 6] = [
        Hue::Red,
        Hue::Green,
        Hue::Yellow,
        Hue::Magenta,
        Hue::Cyan,
        Hue::DarkGray,
    ];

    /// The colour's number in the SGR foreground codes (`ESC [ n m`): what a terminal
    /// receives, whichever library writes it.
    pub const fn sgr(self) -> u8 {
        match self {
            Hue::Red => 31,
            Hue::Green => 32,
            Hue::Yellow => 33,
            Hue::Magenta => 35,
            Hue::Cyan => 36,
            Hue::DarkGray => 90,
        }
    }
}

/// A colour and a weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub hue: Hue,
    pub bold: bool,
}

impl Look {
    pub const fn plain(hue: Hue) -> Look {
        Look { hue, bold: false }
    }

    pub const fn bold(hue: Hue) -> Look {
        Look { hue, bold: true }
    }
}

/// The server accepts the token.
pub const ACCEPTED: Look = Look::bold(Hue::Green);
/// The server rejects the token.
pub const REJECTED: Look = Look::bold(Hue::Red);
/// What is believed, not known: the mistake that reproduces the client's sign.
pub const DOUBT: Look = Look::bold(Hue::Yellow);

/// A finding that blocks a token, or an error of a command.
pub const ERROR: Look = Look::bold(Hue::Red);
/// A finding worth a look, or a command's warning.
pub const WARNING: Look = Look::bold(Hue::Yellow);
/// A finding that only informs.
pub const NOTE: Look = Look::plain(Hue::Cyan);
/// A fix to try, under a command's error (cargo's `help:`).
pub const HELP: Look = Look::bold(Hue::Cyan);

/// The four inputs, each in its own colour wherever it shows.
pub const ACCOUNT: Look = Look::plain(Hue::Yellow);
pub const APP_ID: Look = Look::plain(Hue::Cyan);
pub const CERTIFICATE: Look = Look::plain(Hue::Magenta);
pub const EXPIRY: Look = Look::plain(Hue::Green);

/// The colour of a finding of this severity.
pub const fn severity(severity: Severity) -> Look {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Note => NOTE,
    }
}

/// The colour of one input.
pub const fn part(part: Part) -> Look {
    match part {
        Part::Account => ACCOUNT,
        Part::AppId => APP_ID,
        Part::AppCertificate => CERTIFICATE,
        Part::ExpiredTime => EXPIRY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inputs_and_the_severities_are_told_apart() {
        let parts = [
            Part::Account,
            Part::AppId,
            Part::AppCertificate,
            Part::ExpiredTime,
        ];
        for (i, a) in parts.iter().enumerate() {
            for b in &parts[i + 1..] {
                assert_ne!(part(*a), part(*b), "{a:?} and {b:?}");
            }
        }
        assert_ne!(severity(Severity::Error), severity(Severity::Warning));
        assert_ne!(severity(Severity::Warning), severity(Severity::Note));
        assert_ne!(ACCEPTED.hue, REJECTED.hue);
    }
}
