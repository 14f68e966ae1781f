//! Ranked horizontal bar charts: one panel per category, candidates best first, scores
//! labelled, the unggulan dark and starred. Takes plain data, so other charts (sensitivity)
//! can reuse it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::style::{self, DrawResult, Lines, MARGIN, Scale, Text, WIDTH, size};
use super::{Drawn, Figure};
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
    /// What the axis measures, under the legend.
    pub axis_label: String,
    /// One short line under the chart.
    pub caption: String,
    /// Language of the tick labels' number format.
    pub lang: Lang,
}

const LABEL_RIGHT: i32 = 700;
const BAR_LEFT: i32 = 728;
const BAR_RIGHT: i32 = 1180;
/// Thickness of a bar.
const BAR: i32 = 40;

/// A bar's row, laid out: its label, its note and where the note goes, its height.
struct Row<'a> {
    bar: &'a Bar,
    label: Lines,
    note: Lines,
    /// The note follows the value on its line (else it goes under the value).
    beside: bool,
    height: i32,
}

impl<'a> Row<'a> {
    fn new(bar: &'a Bar, scale: Scale) -> Self {
        let label = style::row_label(
            &bar.label,
            &bar.sublabel,
            bar.highlight,
            LABEL_RIGHT - MARGIN,
        );
        let (value_x, note_x) = Self::xs(bar, scale);
        let right = WIDTH as i32 - MARGIN;
        let note_style = Text::new(size::SMALL).bold(true).color(if bar.highlight {
            style::HIGHLIGHT
        } else {
            style::MUTED
        });
        let beside = style::text_width(&bar.note, size::SMALL, true) <= right - note_x;
        let room = if beside {
            right - note_x
        } else {
            right - value_x
        };
        let note = Lines::new().wrapped(&bar.note, note_style, room);
        let value_h = style::line_height(size::LABEL);
        let right_h = if beside {
            value_h
        } else {
            value_h + note.height()
        };
        let height = style::row_height(label.height().max(right_h));
        Row {
            bar,
            label,
            note,
            beside,
            height,
        }
    }

    /// Where the value and the note start.
    fn xs(bar: &Bar, scale: Scale) -> (i32, i32) {
        let value_x = scale.px(bar.value) + 12;
        let w = style::text_width(&bar.value_label, size::LABEL, bar.highlight);
        (value_x, value_x + w + 14)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        top: i32,
        scale: Scale,
    ) -> DrawResult<DB> {
        let bar = self.bar;
        let mid = top + self.height / 2;
        self.label.draw_around(area, (LABEL_RIGHT, mid))?;
        let end = scale.px(bar.value);
        let (fill, edge) = if bar.highlight {
            (style::HIGHLIGHT, style::HIGHLIGHT)
        } else {
            (style::PLAIN, style::okabe_ito::BLUE)
        };
        if end > BAR_LEFT {
            let (a, b) = ((BAR_LEFT, mid - BAR / 2), (end, mid + BAR / 2));
            style::rect(area, a, b, fill)?;
            style::outline(area, a, b, edge, 1)?;
        }
        let (value_x, note_x) = Self::xs(bar, scale);
        let value = Text::new(size::LABEL).bold(bar.highlight);
        if self.beside {
            style::text(area, &bar.value_label, value, (value_x, mid))?;
            self.note.draw_around(area, (note_x, mid))?;
        } else {
            let value_h = style::line_height(size::LABEL);
            let y0 = mid - (value_h + self.note.height()) / 2;
            style::text(area, &bar.value_label, value, (value_x, y0 + value_h / 2))?;
            self.note.draw(area, (value_x, y0 + value_h))?;
        }
        Ok(())
    }
}

impl Figure for BarChartSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
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
            if panel.bars.is_empty() {
                y = style::empty_band(area, &panel.empty, y)? + 12;
                continue;
            }
            let rows: Vec<Row> = panel.bars.iter().map(|b| Row::new(b, scale)).collect();
            let heights: Vec<i32> = rows.iter().map(|r| r.height).collect();
            y = style::rows_over_grid(area, scale, &tick_label, y, &heights, |i, top| {
                rows[i].draw(area, top, scale)
            })?;
        }
        let mut entries = Vec::new();
        if !self.highlight_legend.is_empty() {
            entries.push(Entry::new(
                Swatch::Fill {
                    fill: style::HIGHLIGHT,
                    edge: style::HIGHLIGHT,
                },
                &self.highlight_legend,
            ));
        }
        if !self.plain_legend.is_empty() {
            entries.push(Entry::new(
                Swatch::Fill {
                    fill: style::PLAIN,
                    edge: style::okabe_ito::BLUE,
                },
                &self.plain_legend,
            ));
        }
        y = legend::draw(area, &entries, (MARGIN, y))?;
        y = style::note(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)?;
        style::caption(area, &self.caption, y)
    }
}
