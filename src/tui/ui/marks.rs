//! What the fields and the MD5 input share about a value's characters: which ones the
//! findings are about, and whether the certificate is masked.

use super::text::Cell;
use super::theme::THEME;
use crate::checks::{Marks, Severity};
use crate::token::Part;
use crate::tui::app::App;
use crate::visible::Mask;

/// The characters of one input that errors and warnings are about.
pub struct PartMarks {
    whole: Option<Severity>,
    /// The worst severity naming each character, by `char` index (dense: one lookup
    /// per character drawn, however many findings there are).
    chars: Vec<Option<Severity>>,
}

impl PartMarks {
    /// Marked characters are underlined in the colour of the worst finding; characters
    /// a finding names one by one are also shown reversed.
    #[inline]
    pub fn apply(&self, index: usize, mut cell: Cell) -> Cell {
        let single = self.chars.get(index).copied().flatten();
        if let Some(severity) = single.or(self.whole) {
            cell.style = cell.style.patch(THEME.mark(severity));
            if single.is_some() {
                cell.style = cell.style.patch(THEME.marks.single);
            }
        }
        cell
    }
}

pub fn marks_for(app: &App, part: Part) -> PartMarks {
    let mut marks = PartMarks {
        whole: None,
        chars: Vec::new(),
    };
    for f in app
        .findings()
        .iter()
        .filter(|f| f.field == Some(part) && f.severity != Severity::Note)
    {
        match &f.marks {
            Marks::None => {}
            Marks::Whole => {
                marks.whole = Some(marks.whole.map_or(f.severity, |s| s.min(f.severity)))
            }
            Marks::Chars(indices) => {
                for &i in indices {
                    if i >= marks.chars.len() {
                        marks.chars.resize(i + 1, None);
                    }
                    let slot = &mut marks.chars[i];
                    *slot = Some(slot.map_or(f.severity, |s| s.min(f.severity)));
                }
            }
        }
    }
    marks
}

/// How one input shows: the certificate masked unless revealed, the others as they are.
pub fn mask(app: &App, part: Part) -> Mask {
    if part == Part::AppCertificate && !app.reveal_certificate() {
        Mask::Masked
    } else {
        Mask::Clear
    }
}
