//! Score composition: each candidate's bar split into what each criterion contributes, so a
//! reader sees why one candidate beats another. Segments are told apart by colour, hatching
//! and the criterion's number printed inside, so colour is never the only cue.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::style::{self, DrawResult, MARGIN, Scale, Text, WIDTH, size};
use crate::report::Lang;

/// One candidate's stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositionRow {
    /// Main label.
    pub label: String,
    /// Second, smaller line; may be empty.
    pub sublabel: String,
    /// Contribution of each series (criterion), aligned with [`CompositionSpec::series`].
    pub parts: Vec<f64>,
    /// Text after the bar (e.g. the final score).
    pub end_label: String,
    /// Drawn bold with an outline (the unggulan).
    pub highlight: bool,
}

/// A titled group of rows (one category).
#[derive(Debug, Clone, PartialEq)]
pub struct CompositionPanel {
    /// Heading.
    pub title: String,
    /// Rows from top to bottom.
    pub rows: Vec<CompositionRow>,
    /// Shown when `rows` is empty.
    pub empty: String,
}

/// Everything a composition chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositionSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Names of the series (criteria), numbered 1.. in the legend and inside the segments.
    pub series: Vec<String>,
    /// Panels from top to bottom.
    pub panels: Vec<CompositionPanel>,
    /// What the axis measures.
    pub axis_label: String,
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Language of the number format.
    pub lang: Lang,
}

const HEADING_ROW: i32 = style::PANEL_HEADING_ROW;
const ROW: i32 = 70;
const LABEL_RIGHT: i32 = 560;
const BAR_LEFT: i32 = 590;
const BAR_RIGHT: i32 = 1330;
const LEGEND_LINE: i32 = 42;
const LEGEND_COLUMNS: usize = 2;

fn panel_height(p: &CompositionPanel) -> i32 {
    HEADING_ROW + ROW * p.rows.len().max(1) as i32 + style::TICK_ROW + 12
}

impl CompositionSpec {
    fn legend_height(&self) -> i32 {
        (self.series.len().div_ceil(LEGEND_COLUMNS) as i32) * LEGEND_LINE + LEGEND_LINE + 12
    }

    fn max(&self) -> f64 {
        let longest = self
            .panels
            .iter()
            .flat_map(|p| &p.rows)
            .map(|r| r.parts.iter().sum::<f64>())
            .fold(0.0, f64::max);
        style::nice_max(longest)
    }
}

/// Fills one segment: series colour, plus hatching for series beyond the palette.
fn segment<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    i: usize,
    a: (i32, i32),
    b: (i32, i32),
) -> DrawResult<DB> {
    style::rect(area, a, b, style::SERIES[i % style::SERIES.len()])?;
    if (i / style::SERIES.len()) % 2 == 1 {
        style::hatch(area, a, b, 14, true, style::on_series(i))?;
    }
    style::outline(area, a, b, style::WHITE_RGB, 1)
}

impl Figure for CompositionSpec {
    fn height(&self) -> u32 {
        let body: i32 = self.panels.iter().map(panel_height).sum();
        (style::header_height(&self.title, &self.subtitle)
            + self.legend_height()
            + body
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        // Legend first: the numbers in the segments refer to it.
        style::muted_line(
            area,
            &self.axis_label,
            (MARGIN, y + LEGEND_LINE / 2),
            WIDTH as i32 - MARGIN,
        )?;
        y += LEGEND_LINE;
        let col_w = (WIDTH as i32 - 2 * MARGIN) / LEGEND_COLUMNS as i32;
        let per_col = self.series.len().div_ceil(LEGEND_COLUMNS).max(1);
        for (i, name) in self.series.iter().enumerate() {
            let (col, row) = ((i / per_col) as i32, (i % per_col) as i32);
            let (x, ly) = (
                MARGIN + col * col_w,
                y + LEGEND_LINE / 2 + row * LEGEND_LINE,
            );
            segment(area, i, (x, ly - 15), (x + 44, ly + 15))?;
            style::text(
                area,
                &(i + 1).to_string(),
                Text::new(size::SMALL)
                    .bold(true)
                    .color(style::on_series(i))
                    .center(),
                (x + 22, ly),
            )?;
            let label = style::fit(name, size::SMALL, false, col_w - 70);
            style::text(area, &label, Text::new(size::SMALL), (x + 56, ly))?;
        }
        y += self.legend_height() - LEGEND_LINE;

        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: self.max(),
        };
        let decimals = style::tick_decimals(&style::ticks(scale.max));
        let lang = self.lang;
        let tick_label = move |t: f64| lang.num(t, decimals);
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            let bottom = y + panel.rows.len().max(1) as i32 * ROW;
            style::grid(area, scale, (y, bottom), Some(&tick_label))?;
            if panel.rows.is_empty() {
                style::hatch(
                    area,
                    (MARGIN, y + 10),
                    (WIDTH as i32 - MARGIN, bottom - 10),
                    24,
                    true,
                    style::GRID,
                )?;
                style::text(
                    area,
                    &panel.empty,
                    Text::new(size::LABEL).color(style::MUTED).center(),
                    (WIDTH as i32 / 2, y + ROW / 2),
                )?;
            }
            for (r, row) in panel.rows.iter().enumerate() {
                let top = y + r as i32 * ROW;
                let mid = top + ROW / 2;
                let label_w = LABEL_RIGHT - MARGIN;
                let label = style::fit(&row.label, size::LABEL, row.highlight, label_w);
                let (label_y, has_sub) = if row.sublabel.is_empty() {
                    (mid, false)
                } else {
                    (mid - 14, true)
                };
                style::text(
                    area,
                    &label,
                    Text::new(size::LABEL).bold(row.highlight).right(),
                    (LABEL_RIGHT, label_y),
                )?;
                if has_sub {
                    let sub = style::fit(&row.sublabel, size::SMALL, false, label_w);
                    style::text(
                        area,
                        &sub,
                        Text::new(size::SMALL).color(style::MUTED).right(),
                        (LABEL_RIGHT, mid + 16),
                    )?;
                }
                let (t, b) = (top + 12, top + ROW - 12);
                let mut acc = 0.0;
                for (i, &part) in row.parts.iter().enumerate() {
                    let (x0, x1) = (scale.px(acc), scale.px(acc + part.max(0.0)));
                    acc += part.max(0.0);
                    if x1 <= x0 {
                        continue;
                    }
                    segment(area, i, (x0, t), (x1, b))?;
                    let number = (i + 1).to_string();
                    if x1 - x0 >= style::text_width(&number, size::SMALL, true) + 8 {
                        let c = Text::new(size::SMALL)
                            .bold(true)
                            .color(style::on_series(i))
                            .center();
                        style::text(area, &number, c, ((x0 + x1) / 2, mid))?;
                    }
                }
                let end = scale.px(acc);
                if row.highlight {
                    style::outline(area, (BAR_LEFT - 3, t - 3), (end + 3, b + 3), style::INK, 2)?;
                }
                let end_label = style::fit(
                    &row.end_label,
                    size::LABEL,
                    row.highlight,
                    WIDTH as i32 - 8 - end - 14,
                );
                style::text(
                    area,
                    &end_label,
                    Text::new(size::LABEL).bold(row.highlight),
                    (end + 14, mid),
                )?;
            }
            style::line(area, (BAR_LEFT, y), (BAR_LEFT, bottom), style::MUTED, 2)?;
            y = bottom + style::TICK_ROW + 12;
        }
        style::caption(area, &self.caption, y + 16)
    }
}
