//! Tornado of critical weights: per criterion, the range its weight can move (the others
//! rescaled proportionally) before the unggulan changes, around the elicited weight.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::marks::{self, Marker};
use super::style::{self, DrawResult, Lines, MARGIN, Scale, Text, WIDTH, size};
use super::{Drawn, Figure};
use crate::report::Lang;

/// What happens at one end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndKind {
    /// The weight reaches its limit (0 or 1) with the same unggulan.
    Open,
    /// The unggulan changes at a weight strictly between the limits: a threshold.
    Critical,
    /// The unggulan changes only at the limit itself (weight 0 or 1): a tie at the
    /// extreme, not a threshold a panel could reach by adjusting its judgments.
    Extreme,
}

/// One end of a range.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeEnd {
    /// Weight at the end (the critical weight, or the limit 0 or 1).
    pub weight: f64,
    /// What happens there.
    pub kind: EndKind,
    /// The line in the right-hand column (empty for an open end), e.g.
    /// "← 0,123: Sanggar Sido Mulyo".
    pub text: String,
}

/// One criterion's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// Criterion name.
    pub label: String,
    /// The elicited weight, formatted.
    pub base_label: String,
    /// Elicited weight.
    pub base: f64,
    /// Lower end (decrease).
    pub low: RangeEnd,
    /// Upper end (increase).
    pub high: RangeEnd,
}

/// One group (category).
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoPanel {
    /// Heading.
    pub title: String,
    /// Line under the heading (the verdict).
    pub note: String,
    /// Rows from top to bottom.
    pub rows: Vec<TornadoRow>,
    /// Shown when there are no rows.
    pub empty: String,
}

/// Everything a tornado chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// One panel per group.
    pub panels: Vec<TornadoPanel>,
    /// Heading of the base-weight column.
    pub base_heading: String,
    /// Heading of the right-hand column (who takes over).
    pub winner_heading: String,
    /// Text when no end is a threshold.
    pub unchanged: String,
    /// Legend: the range bar.
    pub range_legend: String,
    /// Legend: the elicited weight.
    pub base_legend: String,
    /// Legend: a critical end.
    pub critical_legend: String,
    /// Legend: a change only at weight 0 or 1.
    pub extreme_legend: String,
    /// Legend: an open end.
    pub open_legend: String,
    /// What the axis measures.
    pub axis_label: String,
    /// One short line under the chart.
    pub caption: String,
    /// Number format of the tick labels.
    pub lang: Lang,
}

const LABEL_RIGHT: i32 = 420;
const BASE_RIGHT: i32 = 536;
const PLOT_LEFT: i32 = 560;
const PLOT_RIGHT: i32 = 1000;
const WINNER_LEFT: i32 = 1024;
const CRITICAL: RGBColor = style::okabe_ito::VERMILLION;
const OPEN: Marker = Marker::OpenCircle;
const EXTREME: Marker = Marker::Diamond;

impl TornadoSpec {
    /// The label and right-hand lines of a row, and the row's height.
    fn layout(&self, row: &TornadoRow) -> (Lines, Lines, i32) {
        let label = Lines::new().wrapped(
            &row.label,
            Text::new(size::LABEL).right(),
            LABEL_RIGHT - MARGIN,
        );
        let room = WIDTH as i32 - MARGIN - WINNER_LEFT;
        let mut right = Lines::new();
        for end in [&row.low, &row.high] {
            if end.kind != EndKind::Open {
                right = right.wrapped(&end.text, Text::new(size::SMALL), room);
            }
        }
        if right.is_empty() {
            right = right.wrapped(
                &self.unchanged,
                Text::new(size::SMALL).color(style::MUTED),
                room,
            );
        }
        let h = style::row_height(label.height().max(right.height()));
        (label, right, h)
    }

    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &TornadoRow,
        top: i32,
        zebra: bool,
        scale: Scale,
    ) -> DrawResult<DB> {
        let (label, right, h) = self.layout(row);
        let mid = top + h / 2;
        if zebra {
            style::rect(
                area,
                (MARGIN, top + 2),
                (WIDTH as i32 - MARGIN, top + h - 2),
                RGBColor(0xF7, 0xF7, 0xF7),
            )?;
            style::grid(area, scale, (top + 2, top + h - 2), None)?;
        }
        label.draw_around(area, (LABEL_RIGHT, mid))?;
        style::text(
            area,
            &row.base_label,
            Text::new(size::SMALL).color(style::MUTED).right(),
            (BASE_RIGHT, mid),
        )?;
        let (xl, xh, xb) = (
            scale.px(row.low.weight),
            scale.px(row.high.weight),
            scale.px(row.base),
        );
        let (b0, b1) = (mid - 12, mid + 12);
        if xh > xl {
            style::rect(area, (xl, b0), (xh, b1), style::PLAIN)?;
            style::outline(area, (xl, b0), (xh, b1), style::okabe_ito::BLUE, 1)?;
        }
        for end in [&row.low, &row.high] {
            let x = scale.px(end.weight);
            match end.kind {
                EndKind::Critical => style::rect(area, (x - 3, b0 - 8), (x + 3, b1 + 8), CRITICAL)?,
                EndKind::Extreme => marks::marker(area, (x, mid), EXTREME, style::MUTED, 10)?,
                EndKind::Open => marks::marker(area, (x, mid), OPEN, style::okabe_ito::BLUE, 10)?,
            }
        }
        style::rect(area, (xb - 2, b0 - 5), (xb + 2, b1 + 5), style::INK)?;
        right.draw_around(area, (WINNER_LEFT, mid))
    }
}

impl Figure for TornadoSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let scale = Scale {
            x0: PLOT_LEFT,
            x1: PLOT_RIGHT,
            max: 1.0,
        };
        let lang = self.lang;
        let decimals = style::tick_decimals(&style::ticks(1.0));
        let head = Text::new(size::SMALL).bold(true);
        let heads = [
            (
                BASE_RIGHT,
                Lines::new().wrapped(&self.base_heading, head.right(), BASE_RIGHT - LABEL_RIGHT),
            ),
            (
                (PLOT_LEFT + PLOT_RIGHT) / 2,
                Lines::new().wrapped(&self.axis_label, head.center(), PLOT_RIGHT - PLOT_LEFT),
            ),
            (
                WINNER_LEFT,
                Lines::new().wrapped(
                    &self.winner_heading,
                    head,
                    WIDTH as i32 - MARGIN - WINNER_LEFT,
                ),
            ),
        ];
        let head_h = heads.iter().map(|(_, l)| l.height()).max().unwrap_or(0);
        for (x, lines) in &heads {
            lines.draw(area, (*x, y + head_h - lines.height()))?;
        }
        y += head_h + 8;
        let tick = move |t: f64| lang.num(t, decimals);
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            y = style::panel_note(area, &panel.note, y)?;
            if panel.rows.is_empty() {
                y = style::empty_band(area, &panel.empty, y)? + 12;
                continue;
            }
            let heights: Vec<i32> = panel.rows.iter().map(|r| self.layout(r).2).collect();
            y = style::rows_over_grid(area, scale, &tick, y, &heights, |i, top| {
                self.draw_row(area, &panel.rows[i], top, i % 2 == 1, scale)
            })?;
        }
        let entries = [
            Entry::new(
                Swatch::Fill {
                    fill: style::PLAIN,
                    edge: style::okabe_ito::BLUE,
                },
                &self.range_legend,
            ),
            Entry::new(Swatch::Tick(style::INK), &self.base_legend),
            Entry::new(Swatch::Tick(CRITICAL), &self.critical_legend),
            Entry::new(Swatch::Mark(EXTREME, style::MUTED), &self.extreme_legend),
            Entry::new(
                Swatch::Mark(OPEN, style::okabe_ito::BLUE),
                &self.open_legend,
            ),
        ];
        y = legend::draw(area, &entries, (MARGIN, y))?;
        style::caption(area, &self.caption, y)
    }
}
