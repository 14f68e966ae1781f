//! Score composition: what each candidate's score is made of, criterion by criterion, so a
//! reader sees why one candidate beats another. For a weighted sum the segments are the
//! contributions `w × u` and add up to the score. For TOPSIS the bar is split at the
//! closeness `C = D− / (D+ + D−)`: the solid part (length `C`) is divided by each criterion's
//! share of `D−²`, the pale hatched rest (length `1 − C`) by its share of `D+²`. Segments are
//! told apart by colour, hatching and the criterion's number, so colour is never the only cue.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch, segment};
use super::style::{self, DrawResult, Lines, MARGIN, Scale, Text, WIDTH, size};
use super::{Drawn, Figure};
use crate::report::Lang;

/// One candidate's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositionRow {
    /// Main label.
    pub label: String,
    /// Second, smaller line; may be empty.
    pub sublabel: String,
    /// Solid segments from 0, one per series (criterion), aligned with
    /// [`CompositionSpec::series`]; they add up to [`CompositionRow::score`].
    pub parts: Vec<f64>,
    /// Pale hatched segments after the solid ones, one per series (TOPSIS: `1 − C` split by
    /// the shares of `D+²`); empty when the score is the whole bar (weighted sum).
    pub rest: Vec<f64>,
    /// The score the bar shows, as the engine computed it.
    pub score: f64,
    /// The score as printed after the bar.
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
    /// Legend text of the solid segments.
    pub parts_legend: String,
    /// Legend text of the pale segments (empty when no row has any).
    pub rest_legend: String,
    /// Panels from top to bottom.
    pub panels: Vec<CompositionPanel>,
    /// What the axis measures.
    pub axis_label: String,
    /// One short line under the chart.
    pub caption: String,
    /// Language of the number format.
    pub lang: Lang,
}

const LABEL_RIGHT: i32 = 640;
const BAR_LEFT: i32 = 668;
const BAR_RIGHT: i32 = 1290;
const BAR: i32 = 44;

impl CompositionSpec {
    fn max(&self) -> f64 {
        let longest = self
            .panels
            .iter()
            .flat_map(|p| &p.rows)
            .map(|r| {
                let bar: f64 = r.parts.iter().chain(&r.rest).map(|v| v.max(0.0)).sum();
                bar.max(r.score)
            })
            .fold(0.0, f64::max);
        // A TOPSIS bar is 1 long; rounding must not stretch the axis to the next tick.
        if longest <= 1.0 + 1e-9 {
            1.0
        } else {
            style::nice_max(longest)
        }
    }

    /// The label of a row and the row's height.
    fn row_layout(row: &CompositionRow) -> (Lines, i32) {
        style::labelled_row(&row.label, &row.sublabel, row.highlight, LABEL_RIGHT)
    }

    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &CompositionRow,
        top: i32,
        scale: Scale,
    ) -> DrawResult<DB> {
        let (label, h) = Self::row_layout(row);
        let mid = top + h / 2;
        label.draw_around(area, (LABEL_RIGHT, mid))?;
        let (t, b) = (mid - BAR / 2, mid + BAR / 2);
        if row.parts.is_empty() && row.rest.is_empty() {
            // Nothing to split (both distances 0): a plain bar to the score.
            style::rect(area, (BAR_LEFT, t), (scale.px(row.score), b), style::MUTED)?;
        }
        let mut acc = 0.0;
        for (pale, values) in [(false, &row.parts), (true, &row.rest)] {
            for (i, &part) in values.iter().enumerate() {
                let (x0, x1) = (scale.px(acc), scale.px(acc + part.max(0.0)));
                acc += part.max(0.0);
                if x1 > x0 {
                    segment(area, i, pale, (x0, t), (x1, b), true)?;
                }
            }
        }
        // The score's place on the bar: the end of the solid part.
        let at = scale.px(row.score);
        style::rect(area, (at - 2, t - 8), (at + 2, b + 8), style::INK)?;
        if row.highlight {
            style::outline(
                area,
                (BAR_LEFT - 3, t - 3),
                (scale.px(acc) + 3, b + 3),
                style::INK,
                2,
            )?;
        }
        let x = scale.px(acc).max(at) + 14;
        Lines::new()
            .wrapped(
                &row.end_label,
                Text::new(size::LABEL).bold(row.highlight),
                WIDTH as i32 - MARGIN - x,
            )
            .draw_around(area, (x, mid))
    }
}

impl Figure for CompositionSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        // Legend first: the numbers in the segments refer to it.
        let mut entries: Vec<Entry> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, name)| {
                Entry::new(
                    Swatch::Numbered {
                        series: i,
                        pale: false,
                    },
                    name,
                )
            })
            .collect();
        if !self.rest_legend.is_empty() {
            entries.push(Entry::new(Swatch::Half { pale: false }, &self.parts_legend));
            entries.push(Entry::new(Swatch::Half { pale: true }, &self.rest_legend));
        }
        y = legend::draw(area, &entries, (MARGIN, y))?;
        y = style::note(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)? + 8;

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
            if panel.rows.is_empty() {
                y = style::empty_band(area, &panel.empty, y)? + 12;
                continue;
            }
            let heights: Vec<i32> = panel.rows.iter().map(|r| Self::row_layout(r).1).collect();
            y = style::rows_over_grid(area, scale, &tick_label, y, &heights, |i, top| {
                self.draw_row(area, &panel.rows[i], top, scale)
            })?;
        }
        style::caption(area, &self.caption, y)
    }
}
