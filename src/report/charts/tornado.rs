//! Tornado of critical weights: per criterion, the range its weight can move (the others
//! rescaled proportionally) before the unggulan changes, around the elicited weight.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::bars::legend_item;
use super::style::{self, DrawResult, MARGIN, Scale, Text, WIDTH, size};
use crate::report::Lang;

/// One end of a range.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeEnd {
    /// Weight at the end (the critical weight, or the limit 0 or 1).
    pub weight: f64,
    /// Whether the unggulan changes here (else the weight reached its limit without change).
    pub critical: bool,
    /// The critical weight, formatted (empty for an open end).
    pub value_label: String,
    /// The new unggulan's name (empty for an open end).
    pub new_winner: String,
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
    /// Text when neither end is critical.
    pub unchanged: String,
    /// Legend: the range bar.
    pub range_legend: String,
    /// Legend: the elicited weight.
    pub base_legend: String,
    /// Legend: a critical end.
    pub critical_legend: String,
    /// Legend: an open end.
    pub open_legend: String,
    /// What the axis measures.
    pub axis_label: String,
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Number format of the tick labels.
    pub lang: Lang,
}

const COLUMN_HEAD: i32 = 40;
const HEADING_ROW: i32 = style::PANEL_HEADING_ROW;
const NOTE_ROW: i32 = style::PANEL_NOTE_ROW;
const ROW: i32 = 64;
const LABEL_RIGHT: i32 = 400;
const BASE_RIGHT: i32 = 500;
const PLOT_LEFT: i32 = 530;
const PLOT_RIGHT: i32 = 1080;
const WINNER_LEFT: i32 = 1104;
const LEGEND_ROW: i32 = 44;
const CRITICAL: RGBColor = style::okabe_ito::VERMILLION;

fn panel_height(p: &TornadoPanel) -> i32 {
    HEADING_ROW
        + if p.note.is_empty() { 0 } else { NOTE_ROW }
        + ROW * p.rows.len().max(1) as i32
        + style::TICK_ROW
        + 16
}

fn open_end<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, c: (i32, i32)) -> DrawResult<DB> {
    area.draw(&Circle::new(c, 10, style::WHITE_RGB.filled()))?;
    area.draw(&Circle::new(c, 10, style::okabe_ito::BLUE.stroke_width(3)))
}

impl TornadoSpec {
    fn draw_row<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        row: &TornadoRow,
        top: i32,
        scale: Scale,
    ) -> DrawResult<DB> {
        let mid = top + ROW / 2;
        let label_w = LABEL_RIGHT - MARGIN;
        if style::text_width(&row.label, size::LABEL, false) <= label_w {
            style::text(
                area,
                &row.label,
                Text::new(size::LABEL).right(),
                (LABEL_RIGHT, mid),
            )?;
        } else {
            // Long names wrap to two smaller lines rather than lose their end.
            let mut lines = style::wrap(&row.label, size::SMALL, false, label_w);
            if lines.len() > 2 {
                let rest = lines[1..].join(" ");
                lines.truncate(1);
                lines.push(rest);
            }
            let lh = style::line_height(size::SMALL);
            let y0 = mid - (lines.len() as i32 - 1) * lh / 2;
            for (k, l) in lines.iter().enumerate() {
                let l = style::fit(l, size::SMALL, false, label_w);
                style::text(
                    area,
                    &l,
                    Text::new(size::SMALL).right(),
                    (LABEL_RIGHT, y0 + k as i32 * lh),
                )?;
            }
        }
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
            if end.critical {
                style::rect(area, (x - 3, b0 - 8), (x + 3, b1 + 8), CRITICAL)?;
            } else {
                open_end(area, (x, mid))?;
            }
        }
        style::rect(area, (xb - 2, b0 - 5), (xb + 2, b1 + 5), style::INK)?;
        let lines: Vec<String> = [("←", &row.low), ("→", &row.high)]
            .iter()
            .filter(|(_, e)| e.critical)
            .map(|(arrow, e)| format!("{arrow} {}: {}", e.value_label, e.new_winner))
            .collect();
        let right_w = WIDTH as i32 - MARGIN - WINNER_LEFT;
        if lines.is_empty() {
            style::text(
                area,
                &style::fit(&self.unchanged, size::SMALL, false, right_w),
                Text::new(size::SMALL).color(style::MUTED),
                (WINNER_LEFT, mid),
            )?;
        }
        let lh = 29;
        let y0 = mid - (lines.len() as i32 - 1) * lh / 2;
        for (k, l) in lines.iter().enumerate() {
            style::text(
                area,
                &style::fit(l, size::SMALL, false, right_w),
                Text::new(size::SMALL),
                (WINNER_LEFT, y0 + k as i32 * lh),
            )?;
        }
        Ok(())
    }
}

impl Figure for TornadoSpec {
    fn height(&self) -> u32 {
        let body: i32 = self.panels.iter().map(panel_height).sum();
        (style::header_height(&self.title, &self.subtitle)
            + COLUMN_HEAD
            + body
            + 2 * LEGEND_ROW
            + 8
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let scale = Scale {
            x0: PLOT_LEFT,
            x1: PLOT_RIGHT,
            max: 1.0,
        };
        let lang = self.lang;
        let decimals = style::tick_decimals(&style::ticks(1.0));
        let head = Text::new(size::SMALL).bold(true);
        style::text(
            area,
            &self.base_heading,
            head.right(),
            (BASE_RIGHT, y + COLUMN_HEAD / 2),
        )?;
        style::text(
            area,
            &self.axis_label,
            head.center(),
            ((PLOT_LEFT + PLOT_RIGHT) / 2, y + COLUMN_HEAD / 2),
        )?;
        style::text(
            area,
            &style::fit(
                &self.winner_heading,
                size::SMALL,
                true,
                WIDTH as i32 - MARGIN - WINNER_LEFT,
            ),
            head,
            (WINNER_LEFT, y + COLUMN_HEAD / 2),
        )?;
        y += COLUMN_HEAD;
        let tick = move |t: f64| lang.num(t, decimals);
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
                    ((PLOT_LEFT + PLOT_RIGHT) / 2, y + ROW / 2),
                )?;
            }
            for (i, row) in panel.rows.iter().enumerate() {
                let top = y + i as i32 * ROW;
                if i % 2 == 1 {
                    style::rect(
                        area,
                        (MARGIN, top + 2),
                        (WIDTH as i32 - MARGIN, top + ROW - 2),
                        RGBColor(0xF7, 0xF7, 0xF7),
                    )?;
                    style::grid(area, scale, (top + 2, top + ROW - 2), None)?;
                }
                self.draw_row(area, row, top, scale)?;
            }
            style::line(area, (PLOT_LEFT, y), (PLOT_LEFT, bottom), style::MUTED, 2)?;
            y = bottom + style::TICK_ROW + 16;
        }
        let mut ly = y + LEGEND_ROW / 2;
        let mut x = legend_item(
            area,
            MARGIN,
            ly,
            style::PLAIN,
            style::okabe_ito::BLUE,
            &self.range_legend,
        )?;
        style::rect(area, (x + 16, ly - 18), (x + 20, ly + 18), style::INK)?;
        x = style::legend_label(area, &self.base_legend, (x + 34, ly))?;
        open_end(area, (x + 10, ly))?;
        let open = style::fit(
            &self.open_legend,
            size::SMALL,
            false,
            WIDTH as i32 - MARGIN - x - 34,
        );
        style::text(area, &open, Text::new(size::SMALL), (x + 34, ly))?;
        ly += LEGEND_ROW;
        style::rect(
            area,
            (MARGIN + 15, ly - 18),
            (MARGIN + 21, ly + 18),
            CRITICAL,
        )?;
        let critical = style::fit(
            &self.critical_legend,
            size::SMALL,
            false,
            WIDTH as i32 - 2 * MARGIN - 46,
        );
        style::text(area, &critical, Text::new(size::SMALL), (MARGIN + 46, ly))?;
        style::caption(area, &self.caption, ly + LEGEND_ROW / 2 + 24)
    }
}
