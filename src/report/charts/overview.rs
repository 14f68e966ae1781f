//! City overview: every kelurahan x category at a glance, grouped by kecamatan. Each cell
//! names the unggulan with its score (and a bar of that length); the kecamatan unggulan is
//! starred and outlined; a group without candidates is hatched and says so.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, HATCH_GREY, Swatch};
use super::style::{self, DrawResult, Lines, MARGIN, Text, WIDTH, size};
use super::{Drawn, Figure};
use crate::report::Lang;

/// One filled cell.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewCell {
    /// The unggulan's name.
    pub text: String,
    /// Its score (bar length, in `0..=OverviewSpec::max`).
    pub value: f64,
    /// The formatted score.
    pub value_label: String,
    /// Starred and outlined (e.g. also the kecamatan unggulan).
    pub starred: bool,
}

/// One row (a kelurahan).
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    /// Row label.
    pub label: String,
    /// One cell per column; `None` for an empty group.
    pub cells: Vec<Option<OverviewCell>>,
}

/// A block of rows under a heading (a kecamatan).
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewSection {
    /// Heading.
    pub title: String,
    /// Rows.
    pub rows: Vec<OverviewRow>,
}

/// Everything the overview shows.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Heading of the label column.
    pub row_header: String,
    /// Column headings (categories).
    pub columns: Vec<String>,
    /// Sections top to bottom.
    pub sections: Vec<OverviewSection>,
    /// Score of a full-width bar.
    pub max: f64,
    /// Text of an empty cell.
    pub empty: String,
    /// Legend text of the bar.
    pub bar_legend: String,
    /// Legend text of the star.
    pub star_legend: String,
    /// Legend text of the hatching.
    pub empty_legend: String,
    /// One short line under the chart.
    pub caption: String,
    /// Language of the number format.
    pub lang: Lang,
}

const SECTION_PAD: i32 = 14;
const MIN_ROW: i32 = 58;
const LABEL_W: i32 = 270;
/// Height of the score strip along a cell's bottom.
const STRIP: i32 = 8;

impl OverviewSpec {
    fn column_width(&self) -> i32 {
        (WIDTH as i32 - 2 * MARGIN - LABEL_W) / self.columns.len().max(1) as i32
    }

    /// A cell's name wrapped across the cell, and whether its score fits at the end of the
    /// name's last line (else it takes a line of its own).
    fn cell_name(&self, cell: &OverviewCell) -> (Lines, bool) {
        let room = self.column_width() - 8 - 16;
        let name = if cell.starred {
            format!("★ {}", cell.text)
        } else {
            cell.text.clone()
        };
        let wrapped = style::wrap(&name, size::SMALL, cell.starred, room);
        let last = wrapped
            .last()
            .map_or(0, |l| style::text_width(l, size::SMALL, cell.starred));
        let value = style::text_width(&cell.value_label, size::SMALL, cell.starred);
        let lines = Lines::new().wrapped(&name, Text::new(size::SMALL).bold(cell.starred), room);
        (lines, last + 16 + value <= room)
    }

    /// Height of a cell's text: the name, and the score's own line when it needs one.
    fn cell_height(&self, cell: &OverviewCell) -> i32 {
        let (name, inline) = self.cell_name(cell);
        name.height()
            + if inline {
                0
            } else {
                style::line_height(size::SMALL)
            }
    }

    fn row_label(row: &OverviewRow) -> Lines {
        Lines::new().wrapped(&row.label, Text::new(size::SMALL), LABEL_W - 24 - 8)
    }

    fn row_height(&self, row: &OverviewRow) -> i32 {
        let names = row
            .cells
            .iter()
            .flatten()
            .map(|c| self.cell_height(c))
            .max()
            .unwrap_or(0);
        (names.max(Self::row_label(row).height()) + STRIP + 16).max(MIN_ROW)
    }

    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &OverviewRow,
        y: i32,
    ) -> Drawn<DB> {
        let h = self.row_height(row);
        let cw = self.column_width();
        let right = WIDTH as i32 - MARGIN;
        Self::row_label(row).draw(area, (MARGIN + 24, y + 8))?;
        for (c, cell) in row.cells.iter().enumerate() {
            let x = MARGIN + LABEL_W + c as i32 * cw;
            let (x0, x1) = (x + 4, x + cw - 4);
            let (t, b) = (y + 3, y + h - 3);
            let Some(cell) = cell else {
                empty_cell(area, (x0, t), (x1, b), &self.empty)?;
                continue;
            };
            let frac = if self.max > 0.0 {
                (cell.value / self.max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let end = x0 + (frac * f64::from(x1 - x0)).round() as i32;
            // The score as a strip along the bottom: visible, yet never under the text.
            style::rect(area, (x0, b - STRIP), (end, b), style::okabe_ito::SKY_BLUE)?;
            let (edge, width) = if cell.starred {
                (style::INK, 3)
            } else {
                (style::GRID, 1)
            };
            style::outline(area, (x0, t), (x1, b), edge, width)?;
            let (name, inline) = self.cell_name(cell);
            let below = name.draw(area, (x0 + 8, t + 5))?;
            let lh = style::line_height(size::SMALL);
            let value_mid = if inline {
                below - lh / 2
            } else {
                below + lh / 2
            };
            let value = Text::new(size::SMALL).bold(cell.starred).right();
            style::text(area, &cell.value_label, value, (x1 - 8, value_mid))?;
        }
        style::line(
            area,
            (MARGIN, y + h),
            (right, y + h),
            RGBColor(0xEE, 0xEE, 0xEE),
            1,
        )?;
        Ok(y + h)
    }
}

fn empty_cell<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    label: &str,
) -> DrawResult<DB> {
    style::rect(area, a, b, style::BAND)?;
    style::hatch(area, a, b, 16, true, HATCH_GREY)?;
    let w = style::text_width(label, size::SMALL, false) + 16;
    let cx = (a.0 + b.0) / 2;
    let cy = (a.1 + b.1) / 2;
    style::rect(
        area,
        (cx - w / 2, cy - 22),
        (cx + w / 2, cy + 22),
        style::BAND,
    )?;
    style::text(
        area,
        label,
        Text::new(size::SMALL).color(style::MUTED).center(),
        (cx, cy),
    )
}

impl Figure for OverviewSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let cw = self.column_width();
        let right = WIDTH as i32 - MARGIN;
        let head = Text::new(size::LABEL).bold(true);
        let mut heads = vec![(
            MARGIN + 8,
            Lines::new().wrapped(&self.row_header, head, LABEL_W - 16),
        )];
        for (c, name) in self.columns.iter().enumerate() {
            let x = MARGIN + LABEL_W + c as i32 * cw + 8;
            heads.push((x, Lines::new().wrapped(name, head, cw - 16)));
        }
        let head_h = heads.iter().map(|(_, l)| l.height()).max().unwrap_or(0) + 12;
        for (x, lines) in &heads {
            lines.draw(area, (*x, y + 4))?;
        }
        y += head_h;
        style::line(area, (MARGIN, y - 2), (right, y - 2), style::INK, 2)?;
        for section in &self.sections {
            let title = Lines::new().wrapped(&section.title, head, right - MARGIN - 16);
            let band = title.height() + 2 * SECTION_PAD;
            style::rect(area, (MARGIN, y + 6), (right, y + band - 4), style::BAND)?;
            title.draw(area, (MARGIN + 8, y + SECTION_PAD + 1))?;
            y += band;
            for row in &section.rows {
                y = self.draw_row(area, row, y)?;
            }
        }
        let entries = [
            Entry::new(Swatch::Strip, &self.bar_legend),
            Entry::new(Swatch::Starred, &self.star_legend),
            Entry::new(Swatch::Hatched, &self.empty_legend),
        ];
        y = legend::draw(area, &entries, (MARGIN, y + 16))?;
        style::caption(area, &self.caption, y)
    }
}
