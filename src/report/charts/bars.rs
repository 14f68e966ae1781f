//! Ranked horizontal bar charts: one panel per category, candidates best first, scores
//! labelled, the unggulan dark and starred. Takes plain data, so other charts (sensitivity)
//! can reuse it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::style::{self, DrawResult, MARGIN, Scale, Text, WIDTH, size};
use crate::report::Lang;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Main label (e.g. "1. Sanggar Sido Mulyo").
    pub label: String,
    /// Second, smaller line (e.g. the product); may be empty.
    pub sublabel: String,
    /// Length of the bar, in axis units.
    pub value: f64,
    /// Text printed at the end of the bar (the formatted value).
    pub value_label: String,
    /// Drawn dark and bold (the unggulan).
    pub highlight: bool,
    /// Text after the value (e.g. "★ unggulan", "seri"); may be empty.
    pub note: String,
}

/// A titled group of bars (one category).
#[derive(Debug, Clone, PartialEq)]
pub struct BarPanel {
    /// Heading of the panel.
    pub title: String,
    /// Bars from top to bottom.
    pub bars: Vec<Bar>,
    /// Shown (over a hatched band) when `bars` is empty.
    pub empty: String,
}

/// Everything a ranked bar chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChartSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Panels from top to bottom.
    pub panels: Vec<BarPanel>,
    /// Right end of the value axis (values beyond are clipped).
    pub max: f64,
    /// Legend text for a highlighted bar; no legend entry when empty.
    pub highlight_legend: String,
    /// Legend text for a plain bar; no legend entry when empty.
    pub plain_legend: String,
    /// What the axis measures, shown in the legend row.
    pub axis_label: String,
    /// Caption paragraphs under the chart (method, notes).
    pub caption: Vec<String>,
    /// Language of the tick labels' number format.
    pub lang: Lang,
}

const HEADING_ROW: i32 = style::PANEL_HEADING_ROW;
const ROW: i32 = 70;
const LABEL_RIGHT: i32 = 600;
const BAR_LEFT: i32 = 630;
const BAR_RIGHT: i32 = 1250;
const LEGEND_ROW: i32 = 56;

fn panel_height(p: &BarPanel) -> i32 {
    HEADING_ROW + ROW * p.bars.len().max(1) as i32 + style::TICK_ROW + 12
}

/// Draws a legend swatch and its text; returns the x after it.
pub(crate) fn legend_item<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: i32,
    y: i32,
    fill: RGBColor,
    outline: RGBColor,
    label: &str,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    style::rect(area, (x, y - 12), (x + 36, y + 12), fill)?;
    style::outline(area, (x, y - 12), (x + 36, y + 12), outline, 1)?;
    style::legend_label(area, label, (x + 46, y))
}

/// The width a [`legend_item`] takes, gap after it included.
pub(crate) fn legend_item_width(label: &str) -> i32 {
    46 + style::text_width(label, size::SMALL, false) + style::LEGEND_GAP
}

impl Figure for BarChartSpec {
    fn height(&self) -> u32 {
        let body: i32 = self.panels.iter().map(panel_height).sum();
        (style::header_height(&self.title, &self.subtitle)
            + body
            + LEGEND_ROW
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let scale = Scale {
            x0: BAR_LEFT,
            x1: BAR_RIGHT,
            max: self.max,
        };
        let decimals = style::tick_decimals(&style::ticks(self.max));
        let lang = self.lang;
        let tick_label = move |t: f64| lang.num(t, decimals);
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            let rows = panel.bars.len().max(1) as i32;
            let bottom = y + rows * ROW;
            style::grid(area, scale, (y, bottom), Some(&tick_label))?;
            if panel.bars.is_empty() {
                let (a, b) = ((MARGIN, y + 10), (WIDTH as i32 - MARGIN, bottom - 10));
                style::hatch(area, a, b, 24, true, style::GRID)?;
                let w = style::text_width(&panel.empty, size::LABEL, false) + 32;
                let cx = WIDTH as i32 / 2;
                style::rect(
                    area,
                    (cx - w / 2, y + ROW / 2 - 20),
                    (cx + w / 2, y + ROW / 2 + 20),
                    style::WHITE_RGB,
                )?;
                style::text(
                    area,
                    &panel.empty,
                    Text::new(size::LABEL).color(style::MUTED).center(),
                    (cx, y + ROW / 2),
                )?;
            }
            for (i, bar) in panel.bars.iter().enumerate() {
                let top = y + i as i32 * ROW;
                let mid = top + ROW / 2;
                let label_w = LABEL_RIGHT - MARGIN;
                if bar.sublabel.is_empty() {
                    let label = style::fit(&bar.label, size::LABEL, bar.highlight, label_w);
                    style::text(
                        area,
                        &label,
                        Text::new(size::LABEL).bold(bar.highlight).right(),
                        (LABEL_RIGHT, mid),
                    )?;
                } else {
                    let label = style::fit(&bar.label, size::LABEL, bar.highlight, label_w);
                    let sub = style::fit(&bar.sublabel, size::SMALL, false, label_w);
                    style::text(
                        area,
                        &label,
                        Text::new(size::LABEL).bold(bar.highlight).right(),
                        (LABEL_RIGHT, mid - 14),
                    )?;
                    style::text(
                        area,
                        &sub,
                        Text::new(size::SMALL).color(style::MUTED).right(),
                        (LABEL_RIGHT, mid + 16),
                    )?;
                }
                let end = scale.px(bar.value);
                let (fill, edge) = if bar.highlight {
                    (style::HIGHLIGHT, style::HIGHLIGHT)
                } else {
                    (style::PLAIN, style::okabe_ito::BLUE)
                };
                if end > BAR_LEFT {
                    style::rect(area, (BAR_LEFT, top + 14), (end, top + ROW - 14), fill)?;
                    style::outline(area, (BAR_LEFT, top + 14), (end, top + ROW - 14), edge, 1)?;
                }
                let value = Text::new(size::LABEL).bold(bar.highlight);
                style::text(area, &bar.value_label, value, (end + 12, mid))?;
                if !bar.note.is_empty() {
                    let x = end
                        + 12
                        + style::text_width(&bar.value_label, size::LABEL, bar.highlight)
                        + 14;
                    let note = style::fit(&bar.note, size::SMALL, true, WIDTH as i32 - 8 - x);
                    let color = if bar.highlight {
                        style::HIGHLIGHT
                    } else {
                        style::MUTED
                    };
                    style::text(
                        area,
                        &note,
                        Text::new(size::SMALL).bold(true).color(color),
                        (x, mid),
                    )?;
                }
            }
            // Baseline of the value axis.
            style::line(area, (BAR_LEFT, y), (BAR_LEFT, bottom), style::MUTED, 2)?;
            y = bottom + style::TICK_ROW + 12;
        }
        let ly = y + LEGEND_ROW / 2;
        let mut x = MARGIN;
        if !self.highlight_legend.is_empty() {
            x = legend_item(
                area,
                x,
                ly,
                style::HIGHLIGHT,
                style::HIGHLIGHT,
                &self.highlight_legend,
            )?;
        }
        if !self.plain_legend.is_empty() {
            x = legend_item(
                area,
                x,
                ly,
                style::PLAIN,
                style::okabe_ito::BLUE,
                &self.plain_legend,
            )?;
        }
        style::muted_line(area, &self.axis_label, (x, ly), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, y + LEGEND_ROW + 16)
    }
}
