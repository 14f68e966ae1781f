//! Criteria weights of one FGD panel: the aggregated weight of each criterion as a bar, and
//! every participant's own weight as a dot over it, so disagreement in the FGD is visible.
//! Participants left out of the aggregation are hollow circles (shape, not colour).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::bars::legend_item;
use super::style::{self, DrawResult, MARGIN, Scale, Text, WIDTH, size};
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
    /// Caption paragraphs (method, CR, RI table).
    pub caption: Vec<String>,
    /// Language of the number format.
    pub lang: Lang,
}

const ROW: i32 = 78;
const LABEL_RIGHT: i32 = 470;
const BAR_LEFT: i32 = 500;
const BAR_RIGHT: i32 = 1420;
const LEGEND_LINE: i32 = 44;
const DOT: i32 = 8;

impl WeightsSpec {
    fn max(&self) -> f64 {
        let all = self
            .group
            .iter()
            .chain(self.participants.iter().flat_map(|p| &p.weights));
        style::nice_max(all.copied().fold(0.0, f64::max))
    }
}

fn dot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    included: bool,
) -> DrawResult<DB> {
    if included {
        area.draw(&Circle::new((x, y), DOT + 2, style::WHITE_RGB.filled()))?;
        area.draw(&Circle::new((x, y), DOT, style::INK.filled()))
    } else {
        area.draw(&Circle::new((x, y), DOT, style::WHITE_RGB.filled()))?;
        area.draw(&Circle::new(
            (x, y),
            DOT,
            style::okabe_ito::VERMILLION.stroke_width(3),
        ))
    }
}

impl Figure for WeightsSpec {
    fn height(&self) -> u32 {
        let body = ROW * self.criteria.len() as i32 + style::TICK_ROW + 12;
        (style::header_height(&self.title, &self.subtitle)
            + body
            + 4 * LEGEND_LINE
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: self.max(),
        };
        let decimals = style::tick_decimals(&style::ticks(scale.max));
        let lang = self.lang;
        let tick_label = move |t: f64| lang.num(t, decimals);
        let bottom = y + ROW * self.criteria.len() as i32;
        style::grid(area, scale, (y, bottom), Some(&tick_label))?;
        let n = self.participants.len() as i32;
        for (c, name) in self.criteria.iter().enumerate() {
            let top = y + c as i32 * ROW;
            let mid = top + ROW / 2;
            if c % 2 == 1 {
                // Zebra rows help the eye follow a criterion across the chart.
                style::rect(
                    area,
                    (MARGIN, top),
                    (WIDTH as i32 - MARGIN, top + ROW),
                    RGBColor(0xF7, 0xF7, 0xF7),
                )?;
                style::grid(area, scale, (top, top + ROW), None)?;
            }
            // Long criterion names wrap onto a second line before they are cut.
            let mut lines = style::wrap(name, size::LABEL, false, LABEL_RIGHT - MARGIN);
            if lines.len() > 2 {
                lines[1] = style::fit(
                    &lines[1..].join(" "),
                    size::LABEL,
                    false,
                    LABEL_RIGHT - MARGIN,
                );
                lines.truncate(2);
            }
            let lines: Vec<String> = lines
                .iter()
                .map(|l| style::fit(l, size::LABEL, false, LABEL_RIGHT - MARGIN))
                .collect();
            let first = mid - (lines.len() as i32 - 1) * style::line_height(size::LABEL) / 2;
            style::paragraph(
                area,
                &lines,
                Text::new(size::LABEL).right(),
                (LABEL_RIGHT, first),
            )?;
            let w = self.group.get(c).copied().unwrap_or(0.0);
            let end = scale.px(w);
            style::rect(
                area,
                (BAR_LEFT, top + 10),
                (end, top + ROW - 10),
                style::PLAIN,
            )?;
            style::outline(
                area,
                (BAR_LEFT, top + 10),
                (end, top + ROW - 10),
                style::HIGHLIGHT,
                1,
            )?;
            // The aggregated weight as a thick mark at the bar's end, visible under the dots.
            style::rect(
                area,
                (end - 3, top + 6),
                (end + 3, top + ROW - 6),
                style::HIGHLIGHT,
            )?;
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
            for (j, p) in self.participants.iter().enumerate() {
                let Some(&v) = p.weights.get(c) else { continue };
                let dy = if n > 1 {
                    (j as i32 * (ROW - 32)) / (n - 1) - (ROW - 32) / 2
                } else {
                    0
                };
                dot(area, (scale.px(v), mid + dy), p.included)?;
            }
            let value = lang.num(w, 3);
            style::text(
                area,
                &value,
                Text::new(size::LABEL).bold(true).right(),
                (WIDTH as i32 - MARGIN, mid),
            )?;
        }
        style::line(area, (BAR_LEFT, y), (BAR_LEFT, bottom), style::MUTED, 2)?;
        y = bottom + style::TICK_ROW + 12;

        // Legend: two lines (bar and range; the two kinds of dot).
        let ly = y + LEGEND_LINE / 2;
        let x = legend_item(
            area,
            MARGIN,
            ly,
            style::PLAIN,
            style::HIGHLIGHT,
            &self.group_legend,
        )?;
        if !self.participants.is_empty() {
            style::line(area, (x, ly), (x + 36, ly), style::INK, 2)?;
            style::line(area, (x, ly - 10), (x, ly + 10), style::INK, 2)?;
            style::line(area, (x + 36, ly - 10), (x + 36, ly + 10), style::INK, 2)?;
            style::legend_label(area, &self.range_legend, (x + 46, ly))?;
            let ly = ly + LEGEND_LINE;
            dot(area, (MARGIN + 18, ly), true)?;
            let x = style::legend_label(area, &self.included_legend, (MARGIN + 46, ly))?;
            if self.participants.iter().any(|p| !p.included) {
                dot(area, (x + 18, ly), false)?;
                style::legend_label(area, &self.excluded_legend, (x + 46, ly))?;
            }
        }
        let ay = if self.participants.is_empty() {
            ly + LEGEND_LINE
        } else {
            ly + 2 * LEGEND_LINE
        };
        style::muted_line(area, &self.axis_label, (MARGIN, ay), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, ay + LEGEND_LINE)
    }
}
