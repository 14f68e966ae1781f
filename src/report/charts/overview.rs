//! City overview: every kelurahan x category at a glance, grouped by kecamatan. Each cell
//! names the unggulan with its score (and a bar of that length); the kecamatan unggulan is
//! starred and outlined; a group without candidates is hatched and says so.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::style::{self, DrawResult, MARGIN, Text, WIDTH, size};
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
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Language of the number format.
    pub lang: Lang,
}

const HEAD_ROW: i32 = 52;
const SECTION_ROW: i32 = 50;
const ROW: i32 = 46;
const LABEL_W: i32 = 280;
const LEGEND_ROW: i32 = 56;

impl OverviewSpec {
    fn body_height(&self) -> i32 {
        HEAD_ROW
            + self
                .sections
                .iter()
                .map(|s| SECTION_ROW + ROW * s.rows.len() as i32)
                .sum::<i32>()
    }

    fn column_width(&self) -> i32 {
        (WIDTH as i32 - 2 * MARGIN - LABEL_W) / self.columns.len().max(1) as i32
    }
}

fn empty_cell<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    label: &str,
) -> DrawResult<DB> {
    style::rect(area, a, b, style::BAND)?;
    style::hatch(area, a, b, 16, true, RGBColor(0xBB, 0xBB, 0xBB))?;
    let w = style::text_width(label, size::SMALL, false) + 16;
    let cx = (a.0 + b.0) / 2;
    let cy = (a.1 + b.1) / 2;
    style::rect(
        area,
        (cx - w / 2, cy - 14),
        (cx + w / 2, cy + 14),
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
    fn height(&self) -> u32 {
        (style::header_height(&self.title, &self.subtitle)
            + self.body_height()
            + LEGEND_ROW
            + 16
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let cw = self.column_width();
        let col_x = |c: usize| MARGIN + LABEL_W + c as i32 * cw;
        let right = WIDTH as i32 - MARGIN;
        style::text(
            area,
            &self.row_header,
            Text::new(size::LABEL).bold(true),
            (MARGIN + 8, y + HEAD_ROW / 2),
        )?;
        for (c, name) in self.columns.iter().enumerate() {
            let label = style::fit(name, size::LABEL, true, cw - 16);
            style::text(
                area,
                &label,
                Text::new(size::LABEL).bold(true),
                (col_x(c) + 8, y + HEAD_ROW / 2),
            )?;
        }
        style::line(
            area,
            (MARGIN, y + HEAD_ROW - 2),
            (right, y + HEAD_ROW - 2),
            style::INK,
            2,
        )?;
        y += HEAD_ROW;
        for section in &self.sections {
            style::rect(
                area,
                (MARGIN, y + 6),
                (right, y + SECTION_ROW - 4),
                style::BAND,
            )?;
            let title = style::fit(&section.title, size::LABEL, true, right - MARGIN - 16);
            style::text(
                area,
                &title,
                Text::new(size::LABEL).bold(true),
                (MARGIN + 8, y + SECTION_ROW / 2 + 1),
            )?;
            y += SECTION_ROW;
            for row in &section.rows {
                let mid = y + ROW / 2;
                let label = style::fit(&row.label, size::LABEL, false, LABEL_W - 24);
                style::text(area, &label, Text::new(size::LABEL), (MARGIN + 24, mid))?;
                for (c, cell) in row.cells.iter().enumerate() {
                    let (x0, x1) = (col_x(c) + 4, col_x(c) + cw - 4);
                    let (t, b) = (y + 3, y + ROW - 3);
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
                    style::rect(area, (x0, b - 8), (end, b), style::okabe_ito::SKY_BLUE)?;
                    let (edge, width) = if cell.starred {
                        (style::INK, 3)
                    } else {
                        (style::GRID, 1)
                    };
                    style::outline(area, (x0, t), (x1, b), edge, width)?;
                    let value = Text::new(size::SMALL).bold(cell.starred).right();
                    style::text(area, &cell.value_label, value, (x1 - 8, mid))?;
                    let room = x1
                        - x0
                        - 24
                        - style::text_width(&cell.value_label, size::SMALL, cell.starred);
                    let name = if cell.starred {
                        format!("★ {}", cell.text)
                    } else {
                        cell.text.clone()
                    };
                    let name = style::fit(&name, size::SMALL, cell.starred, room);
                    style::text(
                        area,
                        &name,
                        Text::new(size::SMALL).bold(cell.starred),
                        (x0 + 8, mid),
                    )?;
                }
                style::line(
                    area,
                    (MARGIN, y + ROW),
                    (right, y + ROW),
                    RGBColor(0xEE, 0xEE, 0xEE),
                    1,
                )?;
                y += ROW;
            }
        }
        // Legend: bar, star, hatching.
        let ly = y + 16 + LEGEND_ROW / 2;
        let mut x = MARGIN;
        style::rect(
            area,
            (x, ly + 6),
            (x + 40, ly + 14),
            style::okabe_ito::SKY_BLUE,
        )?;
        style::outline(area, (x, ly - 14), (x + 60, ly + 14), style::GRID, 1)?;
        x = style::legend_label(area, &self.bar_legend, (x + 72, ly))?;
        style::outline(area, (x, ly - 14), (x + 60, ly + 14), style::INK, 3)?;
        style::text(
            area,
            "★",
            Text::new(size::SMALL).bold(true).center(),
            (x + 30, ly),
        )?;
        x = style::legend_label(area, &self.star_legend, (x + 72, ly))?;
        style::rect(area, (x, ly - 14), (x + 60, ly + 14), style::BAND)?;
        style::hatch(
            area,
            (x, ly - 14),
            (x + 60, ly + 14),
            16,
            true,
            RGBColor(0xBB, 0xBB, 0xBB),
        )?;
        let empty = style::fit(&self.empty_legend, size::SMALL, false, right - x - 72);
        style::text(area, &empty, Text::new(size::SMALL), (x + 72, ly))?;
        style::caption(area, &self.caption, y + 16 + LEGEND_ROW + 16)
    }
}
