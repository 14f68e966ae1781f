//! Rank acceptability (SMAA-2): per candidate, a bar split into the shares of weight samples
//! in which it gets rank 1, 2, ... in a dark-to-light sequence, the rank-1 share printed.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::bars::{legend_item, legend_item_width};
use super::style::{self, DrawResult, MARGIN, Scale, Text, WIDTH, size};
use crate::report::Lang;

/// One candidate's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptabilityRow {
    /// Main label (e.g. "1. Sanggar Sido Mulyo").
    pub label: String,
    /// Second line (e.g. the product).
    pub sublabel: String,
    /// Share of samples per rank (rank 1 first), summing to 1.
    pub shares: Vec<f64>,
    /// Text right of the bar (the rank-1 share).
    pub end_label: String,
    /// The unggulan (bold label).
    pub highlight: bool,
}

/// One group (category).
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptabilityPanel {
    /// Heading.
    pub title: String,
    /// Line under the heading (the verdict).
    pub note: String,
    /// Rows from top to bottom.
    pub rows: Vec<AcceptabilityRow>,
    /// Shown when there are no rows.
    pub empty: String,
}

/// Everything a rank-acceptability chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptabilitySpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// One panel per group.
    pub panels: Vec<AcceptabilityPanel>,
    /// Legend label of each rank (rank 1 first); also sets the colour scale, so a rank has
    /// the same colour in every panel.
    pub ranks: Vec<String>,
    /// Heading of the end-label column.
    pub end_heading: String,
    /// What the axis measures.
    pub axis_label: String,
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Number format of the labels.
    pub lang: Lang,
}

const HEAD_ROW: i32 = 44;
const HEADING_ROW: i32 = style::PANEL_HEADING_ROW;
const NOTE_ROW: i32 = style::PANEL_NOTE_ROW;
const ROW: i32 = 70;
const LABEL_RIGHT: i32 = 560;
const BAR_LEFT: i32 = 590;
const BAR_RIGHT: i32 = 1330;
const LEGEND_ROW: i32 = 44;

/// Dark to light blue, evenly spaced in lightness from Okabe-Ito blue, so ranks read in order
/// in greyscale too.
pub fn rank_color(r: usize, n: usize) -> RGBColor {
    let (dark, light) = ((0x08, 0x3D, 0x6B), (0xE3, 0xEE, 0xF7));
    let s = if n <= 1 {
        0.0
    } else {
        r as f64 / (n - 1) as f64
    };
    let mix = |a: u8, b: u8| (f64::from(a) + s * (f64::from(b) - f64::from(a))).round() as u8;
    RGBColor(
        mix(dark.0, light.0),
        mix(dark.1, light.1),
        mix(dark.2, light.2),
    )
}

fn on_rank(r: usize, n: usize) -> RGBColor {
    if n <= 1 || (r as f64) / ((n - 1) as f64) < 0.5 {
        style::WHITE_RGB
    } else {
        style::INK
    }
}

impl AcceptabilitySpec {
    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &AcceptabilityRow,
        top: i32,
        scale: Scale,
        n: usize,
    ) -> DrawResult<DB> {
        let lang = self.lang;
        let mid = top + ROW / 2;
        let label_w = LABEL_RIGHT - MARGIN;
        style::text(
            area,
            &style::fit(&row.label, size::LABEL, row.highlight, label_w),
            Text::new(size::LABEL).bold(row.highlight).right(),
            (LABEL_RIGHT, mid - 14),
        )?;
        style::text(
            area,
            &style::fit(&row.sublabel, size::SMALL, false, label_w),
            Text::new(size::SMALL).color(style::MUTED).right(),
            (LABEL_RIGHT, mid + 16),
        )?;
        let (b0, b1) = (top + 12, top + ROW - 12);
        let mut acc = 0.0;
        for (r, &share) in row.shares.iter().enumerate() {
            let (xa, xb) = (scale.px(acc), scale.px(acc + share));
            acc += share;
            if xb <= xa {
                continue;
            }
            style::rect(area, (xa, b0), (xb, b1), rank_color(r, n))?;
            // A white hairline between segments keeps neighbours apart.
            style::line(area, (xb, b0), (xb, b1), style::WHITE_RGB, 2)?;
            let label = format!("{} %", lang.num(share * 100.0, 0));
            if xb - xa >= style::text_width(&label, size::SMALL, false) + 14 {
                style::text(
                    area,
                    &label,
                    Text::new(size::SMALL).color(on_rank(r, n)).center(),
                    ((xa + xb) / 2, mid),
                )?;
            }
        }
        style::outline(area, (BAR_LEFT, b0), (BAR_RIGHT, b1), style::MUTED, 1)?;
        style::text(
            area,
            &row.end_label,
            Text::new(size::LABEL).bold(row.highlight).right(),
            (WIDTH as i32 - MARGIN, mid),
        )?;
        Ok(())
    }
}

fn panel_height(p: &AcceptabilityPanel) -> i32 {
    HEADING_ROW
        + if p.note.is_empty() { 0 } else { NOTE_ROW }
        + ROW * p.rows.len().max(1) as i32
        + style::TICK_ROW
        + 12
}

impl AcceptabilitySpec {
    fn legend_rows(&self) -> i32 {
        // Rank swatches flow over as many rows as needed.
        let mut rows = 1;
        let mut x = MARGIN;
        for r in &self.ranks {
            let w = legend_item_width(r);
            if x + w > WIDTH as i32 - MARGIN {
                rows += 1;
                x = MARGIN;
            }
            x += w;
        }
        rows
    }
}

impl Figure for AcceptabilitySpec {
    fn height(&self) -> u32 {
        let body: i32 = self.panels.iter().map(panel_height).sum();
        (style::header_height(&self.title, &self.subtitle)
            + HEAD_ROW
            + body
            + LEGEND_ROW * (self.legend_rows() + 1)
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let lang = self.lang;
        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: 1.0,
        };
        style::text(
            area,
            &self.end_heading,
            Text::new(size::SMALL).bold(true).center(),
            (
                (BAR_RIGHT + WIDTH as i32 - MARGIN) / 2 + 6,
                y + HEAD_ROW / 2,
            ),
        )?;
        y += HEAD_ROW;
        let tick = move |t: f64| format!("{} %", lang.num(t * 100.0, 0));
        let n = self.ranks.len();
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            y = style::panel_note(area, &panel.note, y)?;
            let bottom = y + ROW * panel.rows.len().max(1) as i32;
            style::grid(area, scale, (y, bottom), Some(&tick))?;
            if panel.rows.is_empty() {
                style::text(
                    area,
                    &panel.empty,
                    Text::new(size::LABEL).color(style::MUTED).center(),
                    ((BAR_LEFT + BAR_RIGHT) / 2, y + ROW / 2),
                )?;
            }
            for (i, row) in panel.rows.iter().enumerate() {
                self.draw_row(area, row, y + i as i32 * ROW, scale, n)?;
            }
            style::line(area, (BAR_LEFT, y), (BAR_LEFT, bottom), style::MUTED, 2)?;
            y = bottom + style::TICK_ROW + 12;
        }
        let mut ly = y + LEGEND_ROW / 2;
        let mut x = MARGIN;
        for (r, label) in self.ranks.iter().enumerate() {
            let w = legend_item_width(label);
            if x + w > WIDTH as i32 - MARGIN {
                ly += LEGEND_ROW;
                x = MARGIN;
            }
            x = legend_item(area, x, ly, rank_color(r, n), style::MUTED, label)?;
        }
        ly += LEGEND_ROW;
        style::muted_line(area, &self.axis_label, (MARGIN, ly), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, ly + LEGEND_ROW / 2 + 24)
    }
}
