//! Criteria weights of one FGD panel: the aggregated weight of each criterion as a bar, and
//! every participant's own weight as a dot over it, so disagreement in the FGD is visible.
//! Participants left out of the aggregation are hollow circles (shape, not colour).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::marks::Marker;
use super::style::{self, DrawResult, Lines, MARGIN, Scale, Text, WIDTH, size};
use super::{Drawn, Figure};
use crate::report::Lang;

/// One participant's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantWeights {
    /// Who (id and role).
    pub label: String,
    /// Weights aligned with [`WeightsSpec::criteria`].
    pub weights: Vec<f64>,
    /// Whether the participant entered the aggregation.
    pub included: bool,
}

/// Everything a weights chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightsSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Criterion names, top to bottom.
    pub criteria: Vec<String>,
    /// The aggregated weights, aligned with `criteria`.
    pub group: Vec<f64>,
    /// The participants (may be empty, e.g. for explicit weights).
    pub participants: Vec<ParticipantWeights>,
    /// Legend text of the bar.
    pub group_legend: String,
    /// Legend text of a filled dot.
    pub included_legend: String,
    /// Legend text of a hollow dot.
    pub excluded_legend: String,
    /// Legend text of the range line.
    pub range_legend: String,
    /// What the axis measures.
    pub axis_label: String,
    /// One short line under the chart (the group's consistency).
    pub caption: String,
    /// Language of the number format.
    pub lang: Lang,
}

const LABEL_RIGHT: i32 = 560;
const BAR_LEFT: i32 = 588;
const BAR_RIGHT: i32 = 1400;
const DOT: i32 = 8;
/// A participant left out of the aggregation: open, in vermillion.
const EXCLUDED: RGBColor = style::okabe_ito::VERMILLION;

impl WeightsSpec {
    fn max(&self) -> f64 {
        let all = self
            .group
            .iter()
            .chain(self.participants.iter().flat_map(|p| &p.weights));
        style::nice_max(all.copied().fold(0.0, f64::max))
    }

    fn label(name: &str) -> (Lines, i32) {
        let lines =
            Lines::new().wrapped(name, Text::new(size::LABEL).right(), LABEL_RIGHT - MARGIN);
        let h = style::row_height(lines.height());
        (lines, h)
    }

    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        c: usize,
        top: i32,
        scale: Scale,
    ) -> DrawResult<DB> {
        let (label, h) = Self::label(&self.criteria[c]);
        let mid = top + h / 2;
        if c % 2 == 1 {
            // Zebra rows help the eye follow a criterion across the chart.
            style::rect(
                area,
                (MARGIN, top),
                (WIDTH as i32 - MARGIN, top + h),
                RGBColor(0xF7, 0xF7, 0xF7),
            )?;
            style::grid(area, scale, (top, top + h), None)?;
        }
        label.draw_around(area, (LABEL_RIGHT, mid))?;
        let w = self.group.get(c).copied().unwrap_or(0.0);
        let end = scale.px(w);
        let (b0, b1) = (mid - 29, mid + 29);
        style::rect(area, (BAR_LEFT, b0), (end, b1), style::PLAIN)?;
        style::outline(area, (BAR_LEFT, b0), (end, b1), style::HIGHLIGHT, 1)?;
        // The aggregated weight as a thick mark at the bar's end, visible under the dots.
        style::rect(area, (end - 3, b0 - 4), (end + 3, b1 + 4), style::HIGHLIGHT)?;
        // The range spans the participants whose judgments entered the group weights.
        let values: Vec<f64> = self
            .participants
            .iter()
            .filter(|p| p.included)
            .filter_map(|p| p.weights.get(c).copied())
            .collect();
        if values.len() > 1 {
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (a, b) = (scale.px(lo), scale.px(hi));
            style::line(area, (a, mid), (b, mid), style::INK, 2)?;
            style::line(area, (a, mid - 10), (a, mid + 10), style::INK, 2)?;
            style::line(area, (b, mid - 10), (b, mid + 10), style::INK, 2)?;
        }
        // Participants spread vertically by their order, so equal weights stay visible.
        let n = self.participants.len() as i32;
        for (j, p) in self.participants.iter().enumerate() {
            let Some(&v) = p.weights.get(c) else { continue };
            let dy = if n > 1 {
                (j as i32 * 46) / (n - 1) - 23
            } else {
                0
            };
            let (x, y) = (scale.px(v), mid + dy);
            if p.included {
                area.draw(&Circle::new((x, y), DOT + 2, style::WHITE_RGB.filled()))?;
                super::marks::marker(area, (x, y), Marker::Circle, style::INK, DOT)?;
            } else {
                super::marks::marker(area, (x, y), Marker::OpenCircle, EXCLUDED, DOT)?;
            }
        }
        style::text(
            area,
            &self.lang.num(w, 3),
            Text::new(size::LABEL).bold(true).right(),
            (WIDTH as i32 - MARGIN, mid),
        )
    }
}

impl Figure for WeightsSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: self.max(),
        };
        let decimals = style::tick_decimals(&style::ticks(scale.max));
        let lang = self.lang;
        let tick_label = move |t: f64| lang.num(t, decimals);
        let heights: Vec<i32> = self.criteria.iter().map(|c| Self::label(c).1).collect();
        y = style::rows_over_grid(area, scale, &tick_label, y, &heights, |c, top| {
            self.draw_row(area, c, top, scale)
        })?;
        let mut entries = vec![Entry::new(
            Swatch::Fill {
                fill: style::PLAIN,
                edge: style::HIGHLIGHT,
            },
            &self.group_legend,
        )];
        if !self.participants.is_empty() {
            entries.push(Entry::new(Swatch::Whisker, &self.range_legend));
            entries.push(Entry::new(
                Swatch::Mark(Marker::Circle, style::INK),
                &self.included_legend,
            ));
            if self.participants.iter().any(|p| !p.included) {
                entries.push(Entry::new(
                    Swatch::Mark(Marker::OpenCircle, EXCLUDED),
                    &self.excluded_legend,
                ));
            }
        }
        y = legend::draw(area, &entries, (MARGIN, y))?;
        y = style::note(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, y)
    }
}
