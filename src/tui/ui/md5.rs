//! The MD5 input panel: the four inputs joined as they are hashed, coloured by part,
//! wrapped (with a ruler of part names), long parts shortened in the middle.

use super::block::panel;
use super::marks::{marks_for, mask};
use super::text::{Cell, GlyphCells, value_cells};
use super::theme::THEME;
use crate::token::Part;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The MD5 input's glyphs, part by part, built once per frame: one entry per `char`,
/// each with its cells (the glyph, and a byte count after non-ASCII characters).
pub type Md5Cells = Vec<(Part, Vec<GlyphCells>)>;

pub fn cells(app: &App) -> Md5Cells {
    let input = &app.derived().md5_input;
    input
        .parts
        .iter()
        .map(|(part, _)| {
            let marks = marks_for(app, *part);
            let glyphs = value_cells(
                input.part_str(*part),
                mask(app, *part),
                THEME.part(*part),
                true,
            )
            .into_iter()
            .enumerate()
            .map(|(i, g)| g.map(|c| marks.apply(i, c)))
            .collect();
            (*part, glyphs)
        })
        .collect()
}

/// Lays the cells out in rows of at most `width` columns, never splitting a cell, and
/// hands each to `put` with whether it starts a new row; returns the number of rows.
/// With `keep`, a part longer than twice that many characters shows only its first and
/// last `keep`, so every part stays on screen. The one routine behind both [`row_count`]
/// and [`lines`].
fn lay_out(
    parts: &Md5Cells,
    width: usize,
    keep: Option<usize>,
    mut put: impl FnMut(Part, &Cell, bool),
) -> usize {
    let mut rows = 1;
    let mut used = 0;
    let mut place = |part: Part, cell: &Cell| {
        let new_row = used + cell.width > width && used > 0;
        if new_row {
            rows += 1;
            used = 0;
        }
        used += cell.width;
        put(part, cell, new_row);
    };
    for (part, glyphs) in parts {
        // A long part shows its first and last `k` glyphs around a count of the rest;
        // the glyphs in between are never visited.
        let (head, tail) = match keep.filter(|k| glyphs.len() > 2 * k + 1) {
            Some(k) => (&glyphs[..k], Some(&glyphs[glyphs.len() - k..])),
            None => (&glyphs[..], None),
        };
        for cell in head.iter().flat_map(GlyphCells::iter) {
            place(*part, cell);
        }
        if let Some(tail) = tail {
            let hidden = glyphs.len() - 2 * tail.len();
            let style = THEME.part(*part).patch(THEME.md5.elided);
            place(*part, &Cell::new(format!("⋯{hidden} more⋯"), style));
            for cell in tail.iter().flat_map(GlyphCells::iter) {
                place(*part, cell);
            }
        }
    }
    rows
}

/// How many rows the MD5 input wraps to at `width`, without building them (the layout
/// asks this for every level of detail it tries).
pub fn row_count(parts: &Md5Cells, width: usize, keep: Option<usize>) -> usize {
    lay_out(parts, width, keep, |_, _, _| {})
}

/// The MD5 input's lines; with `ruler`, each row has the part names above it.
pub fn lines(
    parts: &Md5Cells,
    width: usize,
    ruler: bool,
    keep: Option<usize>,
) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<(Part, Cell)>> = vec![Vec::new()];
    lay_out(parts, width, keep, |part, cell, new_row| {
        if new_row {
            rows.push(Vec::new());
        }
        if let Some(row) = rows.last_mut() {
            row.push((part, cell.clone()));
        }
    });
    if rows[0].is_empty() {
        return vec![Line::from(Span::styled(
            "(every field is empty)",
            THEME.md5.empty,
        ))];
    }
    let mut lines = Vec::new();
    for row in rows {
        if ruler {
            lines.push(ruler_line(&row));
        }
        lines.push(Line::from(
            row.iter().map(|(_, c)| c.span()).collect::<Vec<_>>(),
        ));
    }
    lines
}

/// `account──────appId─────…` over a row, one run per part.
fn ruler_line(row: &[(Part, Cell)]) -> Line<'static> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < row.len() {
        let part = row[i].0;
        let mut run = 0;
        while i < row.len() && row[i].0 == part {
            run += row[i].1.width;
            i += 1;
        }
        let name = if part.label().len() <= run {
            part.label()
        } else {
            part.short_label()
        };
        let name: String = name.chars().take(run).collect();
        let fill = run - name.chars().count();
        spans.push(Span::styled(
            format!("{name}{}", "─".repeat(fill)),
            THEME.part(part).patch(THEME.md5.ruler),
        ));
    }
    Line::from(spans)
}

/// The panel, with its byte count in the title and the parts' legend on a border.
pub fn render(app: &App, frame: &mut Frame, area: Rect, borders: bool, lines: Vec<Line<'static>>) {
    let input = &app.derived().md5_input;
    let title = format!(" MD5 input · {} bytes ", input.len());
    let legend_with = |name: fn(Part) -> &'static str| {
        let mut spans = vec![Span::raw(" ")];
        for (i, (part, range)) in input.parts.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" + ", THEME.md5.legend_plus));
            }
            spans.push(Span::styled(
                format!("{} {}", name(*part), range.len()),
                THEME.part(*part),
            ));
        }
        spans.push(Span::raw(" "));
        Line::from(spans).right_aligned()
    };
    // The legend goes on the bottom border, or shares the title row without borders:
    // long names if they fit, short ones if not.
    let room = if borders {
        (area.width as usize).saturating_sub(4)
    } else {
        (area.width as usize).saturating_sub(title.chars().count() + 3)
    };
    let legend = [legend_with(Part::label), legend_with(Part::short_label)]
        .into_iter()
        .find(|l| l.width() <= room)
        .unwrap_or_default();
    let block = if borders {
        panel(&title, true).title_bottom(legend)
    } else {
        panel(&title, false).title_top(legend)
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visible::Mask;

    fn parts() -> Md5Cells {
        [
            (Part::Account, "用户 José\n".repeat(30)),
            (Part::AppId, "A".repeat(70)),
            (Part::AppCertificate, String::new()),
            (Part::ExpiredTime, "1546271999".to_string()),
        ]
        .into_iter()
        .map(|(part, text)| {
            (
                part,
                value_cells(&text, Mask::Clear, THEME.part(part), true),
            )
        })
        .collect()
    }

    #[test]
    fn the_count_is_the_rows_built() {
        let parts = parts();
        for width in [1, 2, 5, 17, 40, 98, 400] {
            for keep in [None, Some(256), Some(64), Some(24), Some(8)] {
                let built = lines(&parts, width, false, keep).len();
                assert_eq!(row_count(&parts, width, keep), built, "{width} {keep:?}");
                let ruled = lines(&parts, width, true, keep).len();
                assert_eq!(ruled, 2 * built, "{width} {keep:?}");
            }
        }
    }

    #[test]
    fn shortened_parts_keep_both_ends() {
        let text: String = lines(&parts(), 400, false, Some(8))
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(text.starts_with("用₃户₃·José₂↵⋯224 more⋯用₃"), "{text}");
        assert!(text.contains("AAAAAAAA⋯54 more⋯AAAAAAAA"), "{text}");
        assert!(text.ends_with("1546271999"), "{text}");
    }

    #[test]
    fn nothing_to_show_says_so() {
        assert_eq!(row_count(&Vec::new(), 10, None), 1);
        let empty = lines(&Vec::new(), 10, true, None);
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].to_string(), "(every field is empty)");
    }
}
