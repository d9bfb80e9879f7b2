//! The console's look: every style named once, in one [`THEME`], grouped by panel; and
//! how NO_COLOR takes the colours out of a finished frame.

use crate::checks::Severity;
use crate::palette::{self, Hue, Look};
use crate::token::Part;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

const NONE: Style = Style::new();
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().add_modifier(Modifier::DIM);

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

const fn fg_bold(color: Color) -> Style {
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

/// A colour the commands share (src/palette.rs), in ratatui's terms.
const fn look(look: Look) -> Style {
    let color = match look.hue {
        Hue::Red => Color::Red,
        Hue::Green => Color::Green,
        Hue::Yellow => Color::Yellow,
        Hue::Magenta => Color::Magenta,
        Hue::Cyan => Color::Cyan,
        Hue::DarkGray => Color::DarkGray,
    };
    if look.bold { fg_bold(color) } else { fg(color) }
}

/// The box around every panel.
pub struct PanelTheme {
    pub border: Style,
    pub title: Style,
}

/// The whole screen: the too-small notice and the "… more lines" note of a cut panel.
pub struct ScreenTheme {
    pub too_small: Style,
    pub cut_note: Style,
}

/// The four inputs, each in its own colour wherever it shows.
pub struct PartsTheme {
    pub account: Style,
    pub app_id: Style,
    pub certificate: Style,
    pub expiry: Style,
}

/// How characters are drawn on top of their input's colour.
pub struct GlyphsTheme {
    /// A space, shown as a visible dot.
    pub space: Style,
    /// Control, invisible and combining characters.
    pub hidden: Style,
    /// The UTF-8 byte count after a non-ASCII character.
    pub byte_count: Style,
}

/// The characters a finding is about, in the fields and in the MD5 input.
pub struct MarksTheme {
    pub error: Style,
    pub warning: Style,
    /// On top: a character a finding names one by one.
    pub single: Style,
}

pub struct InputsTheme {
    pub help_hint: Style,
    /// The focused field's label and the focused toggle.
    pub focused: Style,
    pub empty: Style,
    /// The empty Client token field's words on how to use it.
    pub placeholder: Style,
    pub info: Style,
    pub info_error: Style,
    pub toggle: Style,
    pub toggle_disabled: Style,
    pub toggle_note: Style,
    pub times: Style,
    pub expired: Style,
    pub valid: Style,
}

pub struct Md5Theme {
    /// On top of the part's colour: the "⋯N more⋯" of a shortened part.
    pub elided: Style,
    /// On top of the part's colour: the part names above each row.
    pub ruler: Style,
    pub empty: Style,
    pub legend_plus: Style,
}

pub struct ResultTheme {
    pub label: Style,
    pub value: Style,
    /// The "⋯" where a token too long for the screen is shortened.
    pub elided: Style,
    pub no_token: Style,
    pub not_checked: Style,
    pub expired: Style,
    pub valid: Style,
}

pub struct ChecksTheme {
    pub error: Style,
    pub warning: Style,
    pub note: Style,
    pub why: Style,
    pub clean: Style,
    /// The marker of the finding shown whole.
    pub selected: Style,
    /// The title's word on the key that reads a finding whole.
    pub hint: Style,
}

/// The workflow, where a tall console has room for it.
pub struct WorkflowTheme {
    pub text: Style,
}

pub struct PolicyTheme {
    pub header: Style,
    pub row: Style,
    pub active_row: Style,
    pub text: Style,
    pub note: Style,
}

pub struct DiagnosisTheme {
    pub label: Style,
    pub hint: Style,
    pub running: Style,
    pub accepted: Style,
    pub rejected: Style,
    pub column_head: Style,
    pub when: Style,
    pub same: Style,
    pub differs: Style,
    pub malformed: Style,
    pub cause: Style,
    /// What the search tried.
    pub searched: Style,
}

pub struct OverlaysTheme {
    pub border: Style,
    pub title: Style,
    pub heading: Style,
    pub key: Style,
    pub query: Style,
    pub hint: Style,
    pub no_match: Style,
    pub code_title: Style,
}

pub struct StatusTheme {
    pub info: Style,
    pub success: Style,
    pub warning: Style,
    pub error: Style,
    /// What the status line says when there is no status.
    pub idle: Style,
}

pub struct FooterTheme {
    pub key: Style,
}

/// The console's styles, by where they show. Shared groups first (boxes, the screen,
/// the inputs' colours, glyphs, marks), then one group per panel.
pub struct Theme {
    pub panel: PanelTheme,
    pub screen: ScreenTheme,
    pub parts: PartsTheme,
    pub glyphs: GlyphsTheme,
    pub marks: MarksTheme,
    pub inputs: InputsTheme,
    pub md5: Md5Theme,
    pub result: ResultTheme,
    pub checks: ChecksTheme,
    pub workflow: WorkflowTheme,
    pub policy: PolicyTheme,
    pub diagnosis: DiagnosisTheme,
    pub overlays: OverlaysTheme,
    pub status: StatusTheme,
    pub footer: FooterTheme,
}

pub static THEME: Theme = Theme {
    panel: PanelTheme {
        border: fg(Color::DarkGray),
        title: BOLD,
    },
    screen: ScreenTheme {
        too_small: fg(Color::Yellow),
        cut_note: fg(Color::DarkGray),
    },
    parts: PartsTheme {
        account: look(palette::ACCOUNT),
        app_id: look(palette::APP_ID),
        certificate: look(palette::CERTIFICATE),
        expiry: look(palette::EXPIRY),
    },
    glyphs: GlyphsTheme {
        space: fg(Color::DarkGray),
        hidden: Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        byte_count: fg(Color::DarkGray),
    },
    marks: MarksTheme {
        error: Style::new()
            .underline_color(Color::Red)
            .add_modifier(Modifier::UNDERLINED),
        warning: Style::new()
            .underline_color(Color::Yellow)
            .add_modifier(Modifier::UNDERLINED),
        single: Style::new().add_modifier(Modifier::REVERSED),
    },
    inputs: InputsTheme {
        help_hint: fg(Color::DarkGray),
        focused: fg_bold(Color::Cyan),
        empty: fg(Color::DarkGray),
        placeholder: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
        info: fg(Color::DarkGray),
        info_error: fg(Color::Red),
        toggle: NONE,
        toggle_disabled: fg(Color::DarkGray),
        toggle_note: fg(Color::DarkGray),
        times: fg(Color::DarkGray),
        expired: fg_bold(Color::Red),
        valid: fg_bold(Color::Green),
    },
    md5: Md5Theme {
        elided: DIM,
        ruler: DIM,
        empty: fg(Color::DarkGray),
        legend_plus: fg(Color::DarkGray),
    },
    result: ResultTheme {
        label: fg(Color::DarkGray),
        value: BOLD,
        elided: fg_bold(Color::Yellow).add_modifier(Modifier::REVERSED),
        no_token: fg(Color::Red),
        not_checked: fg(Color::DarkGray),
        expired: fg(Color::Red),
        valid: fg(Color::Green),
    },
    checks: ChecksTheme {
        error: look(palette::ERROR),
        warning: look(palette::WARNING),
        note: look(palette::NOTE),
        why: fg(Color::DarkGray),
        clean: fg(Color::Green),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        hint: fg(Color::DarkGray),
    },
    workflow: WorkflowTheme {
        text: fg(Color::Gray),
    },
    policy: PolicyTheme {
        header: fg(Color::DarkGray),
        row: NONE,
        active_row: Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        text: NONE,
        note: fg(Color::DarkGray),
    },
    diagnosis: DiagnosisTheme {
        label: fg(Color::DarkGray),
        hint: fg(Color::DarkGray),
        running: fg(Color::Yellow),
        accepted: look(palette::ACCEPTED),
        rejected: look(palette::REJECTED),
        column_head: fg_bold(Color::DarkGray),
        when: fg(Color::DarkGray),
        same: fg(Color::Green),
        differs: fg_bold(Color::Red),
        malformed: fg(Color::Red),
        cause: look(palette::DOUBT),
        searched: fg(Color::DarkGray),
    },
    overlays: OverlaysTheme {
        border: fg(Color::Cyan),
        title: BOLD,
        heading: BOLD,
        key: fg(Color::Cyan),
        query: BOLD,
        hint: fg(Color::DarkGray),
        no_match: fg(Color::Yellow),
        code_title: fg_bold(Color::Cyan),
    },
    status: StatusTheme {
        info: fg(Color::Gray),
        success: fg(Color::Green),
        warning: fg(Color::Yellow),
        error: fg(Color::Red),
        idle: fg(Color::DarkGray),
    },
    footer: FooterTheme {
        key: Style::new().fg(Color::Black).bg(Color::Gray),
    },
};

impl Theme {
    /// The colour of one input, wherever its characters show.
    pub fn part(&self, part: Part) -> Style {
        match part {
            Part::Account => self.parts.account,
            Part::AppId => self.parts.app_id,
            Part::AppCertificate => self.parts.certificate,
            Part::ExpiredTime => self.parts.expiry,
        }
    }

    /// A finding's icon colour and weight, in the checks and in the diagnosis.
    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.checks.error,
            Severity::Warning => self.checks.warning,
            Severity::Note => self.checks.note,
        }
    }

    /// Underline for a character named by a finding of this severity.
    pub fn mark(&self, severity: Severity) -> Style {
        if severity == Severity::Error {
            self.marks.error
        } else {
            self.marks.warning
        }
    }
}

/// NO_COLOR: one pass over the finished frame takes every colour out; bold, underline
/// and reverse carry the emphasis.
pub fn strip_colours(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
        cell.underline_color = Color::Reset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The console draws each shared colour as the SGR code the commands write for it
    /// (src/cli/style.rs): ratatui's basic colours are ANSI 0-7 (SGR 30-37), its dark
    /// grey bright black (SGR 90).
    #[test]
    fn the_shared_colours_are_the_commands_sgr_codes() {
        let hues = Hue::ALL;
        for hue in hues {
            let sgr = match look(Look::plain(hue)).fg {
                Some(Color::Red) => 31,
                Some(Color::Green) => 32,
                Some(Color::Yellow) => 33,
                Some(Color::Magenta) => 35,
                Some(Color::Cyan) => 36,
                Some(Color::DarkGray) => 90,
                other => panic!("{hue:?} drawn as {other:?}"),
            };
            assert_eq!(sgr, hue.sgr(), "{hue:?}");
            let bold = look(Look::bold(hue)).add_modifier;
            assert!(bold.contains(Modifier::BOLD), "{hue:?}");
        }
        assert_eq!(THEME.diagnosis.accepted, look(palette::ACCEPTED));
        assert_eq!(THEME.severity(Severity::Note), look(palette::NOTE));
        assert_eq!(THEME.part(Part::AppCertificate), look(palette::CERTIFICATE));
    }
}
