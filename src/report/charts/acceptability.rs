//! Rank acceptability (SMAA-2): per candidate, a bar split into the shares of weight samples
//! in which it gets rank 1, 2, ... in viridis order (dark to light, monotone in lightness, so
//! ranks read in order in greyscale and for colour-blind readers), the rank-1 share printed.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::style::{self, DrawResult, Lines, MARGIN, Scale, Text, WIDTH, size};
use super::{Drawn, Figure};
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
    /// One short line under the chart.
    pub caption: String,
    /// Number format of the labels.
    pub lang: Lang,
}

const LABEL_RIGHT: i32 = 600;
const BAR_LEFT: i32 = 628;
const BAR_RIGHT: i32 = 1330;
const BAR: i32 = 44;

/// Viridis (van der Walt & Smith 2015) at eleven evenly spaced stops: perceptually uniform,
/// lightness rising monotonically, and readable with the common colour-vision deficiencies.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5F, 0x8D),
    (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x22, 0xA8, 0x84),
    (0x44, 0xBF, 0x70),
    (0x7A, 0xD1, 0x51),
    (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
];

/// Colour of rank `r` (0-based) of `n`: dark for rank 1, light for the last.
pub fn rank_color(r: usize, n: usize) -> RGBColor {
    let s = if n <= 1 {
        0.0
    } else {
        r as f64 / (n - 1) as f64
    };
    let pos = s * (VIRIDIS.len() - 1) as f64;
    let k = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - k as f64;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl AcceptabilitySpec {
    fn layout(row: &AcceptabilityRow) -> (Lines, i32) {
        style::labelled_row(&row.label, &row.sublabel, row.highlight, LABEL_RIGHT)
    }

    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &AcceptabilityRow,
        top: i32,
        scale: Scale,
        n: usize,
    ) -> DrawResult<DB> {
        let lang = self.lang;
        let (label, h) = Self::layout(row);
        let mid = top + h / 2;
        label.draw_around(area, (LABEL_RIGHT, mid))?;
        let (b0, b1) = (mid - BAR / 2, mid + BAR / 2);
        let mut acc = 0.0;
        for (r, &share) in row.shares.iter().enumerate() {
            let (xa, xb) = (scale.px(acc), scale.px(acc + share));
            acc += share;
            if xb <= xa {
                continue;
            }
            let fill = rank_color(r, n);
            style::rect(area, (xa, b0), (xb, b1), fill)?;
            // A white hairline between segments keeps neighbours apart.
            style::line(area, (xb, b0), (xb, b1), style::WHITE_RGB, 2)?;
            let label = format!("{} %", lang.num(share * 100.0, 0));
            if xb - xa >= style::text_width(&label, size::SMALL, false) + 14 {
                style::text(
                    area,
                    &label,
                    Text::new(size::SMALL).color(style::ink_on(fill)).center(),
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
        )
    }
}

impl Figure for AcceptabilitySpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let lang = self.lang;
        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: 1.0,
        };
        let head = Lines::new().wrapped(
            &self.end_heading,
            Text::new(size::SMALL).bold(true).right(),
            WIDTH as i32 - MARGIN - BAR_RIGHT - 8,
        );
        y = head.draw(area, (WIDTH as i32 - MARGIN, y))? + 4;
        let tick = move |t: f64| format!("{} %", lang.num(t * 100.0, 0));
        let n = self.ranks.len();
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            y = style::panel_note(area, &panel.note, y)?;
            if panel.rows.is_empty() {
                y = style::empty_band(area, &panel.empty, y)? + 12;
                continue;
            }
            let heights: Vec<i32> = panel.rows.iter().map(|r| Self::layout(r).1).collect();
            y = style::rows_over_grid(area, scale, &tick, y, &heights, |i, top| {
                self.draw_row(area, &panel.rows[i], top, scale, n)
            })?;
        }
        let entries: Vec<Entry> = self
            .ranks
            .iter()
            .enumerate()
            .map(|(r, label)| {
                Entry::new(
                    Swatch::Fill {
                        fill: rank_color(r, n),
                        edge: style::MUTED,
                    },
                    label,
                )
            })
            .collect();
        y = legend::draw(area, &entries, (MARGIN, y))?;
        y = style::note(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, y)
    }
}
