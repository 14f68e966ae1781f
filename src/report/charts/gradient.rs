//! Weight-sweep ("gradient") charts: small multiples, one panel per criterion, each showing
//! every candidate's score as that criterion's weight goes from 0 to 1 (the other weights
//! rescaled proportionally), with the elicited weight and the critical weights marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::marks::{self, SeriesStyle};
use super::style::{self, DrawResult, MARGIN, Text, WIDTH, size};
use crate::report::Lang;

/// A weight at which the unggulan changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalMark {
    /// The critical weight (0..=1).
    pub weight: f64,
    /// Whether it lies below the elicited weight (its label then goes to the left).
    pub decrease: bool,
    /// First label line (the formatted weight).
    pub value_label: String,
    /// Second label line (the new unggulan's name).
    pub label: String,
}

/// One criterion's panel.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientPanel {
    /// Criterion name.
    pub title: String,
    /// Second heading line (e.g. the elicited weight).
    pub subtitle: String,
    /// Elicited weight of the criterion.
    pub base: f64,
    /// Weights of the sweep, increasing from 0 to 1.
    pub t: Vec<f64>,
    /// `scores[i][p]`: score of line `i` at `t[p]`.
    pub scores: Vec<Vec<f64>>,
    /// Critical weights, drawn as dashed lines.
    pub critical: Vec<CriticalMark>,
}

/// One line of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientLine {
    /// Legend label (e.g. "1. Sanggar Sido Mulyo").
    pub label: String,
    /// Drawn thicker, on top (the unggulan).
    pub highlight: bool,
}

/// Everything a gradient chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// One panel per criterion.
    pub panels: Vec<GradientPanel>,
    /// One entry per line, aligned with each panel's `scores`; styled by position.
    pub lines: Vec<GradientLine>,
    /// Top of the score axis.
    pub y_max: f64,
    /// Legend heading.
    pub legend_title: String,
    /// Legend text of the elicited-weight line.
    pub base_legend: String,
    /// Legend text of a critical-weight line.
    pub critical_legend: String,
    /// What the axes measure (a line under the panels).
    pub axis_label: String,
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Number format of the tick labels.
    pub lang: Lang,
}

const COLS: usize = 4;
const CELL_W: i32 = (WIDTH as i32 - 2 * MARGIN) / COLS as i32;
/// Heading of a panel below its title lines.
const SUBTITLE_H: i32 = 36;
const PLOT_H: i32 = 250;
const TICK_H: i32 = 36;
const GAP: i32 = 26;
/// Room left of each plot for the score ticks (drawn in the first column only).
const Y_LABELS: i32 = 58;
const LEGEND_ROW: i32 = 38;
const AXIS_ROW: i32 = 44;
/// Colour of the critical-weight lines.
const CRITICAL: RGBColor = style::okabe_ito::VERMILLION;

impl GradientSpec {
    /// Title lines of a panel (long criterion names wrap to two lines).
    fn title_lines(title: &str) -> Vec<String> {
        let w = CELL_W - 12;
        let mut lines = style::wrap(title, size::LABEL, true, w);
        if lines.len() > 2 {
            let rest = lines[1..].join(" ");
            lines.truncate(1);
            lines.push(rest);
        }
        lines
            .iter()
            .map(|l| style::fit(l, size::LABEL, true, w))
            .collect()
    }

    fn title_h(&self) -> i32 {
        let lines = self
            .panels
            .iter()
            .map(|p| Self::title_lines(&p.title).len())
            .max()
            .unwrap_or(1) as i32;
        lines * style::line_height(size::LABEL) + SUBTITLE_H
    }

    fn cell_h(&self) -> i32 {
        self.title_h() + PLOT_H + TICK_H + GAP
    }

    fn cells(&self) -> usize {
        self.panels.len() + usize::from(self.legend_in_cell())
    }

    fn legend_entries(&self) -> usize {
        self.lines.len() + 2
    }

    /// The legend sits in the grid's spare cell when there is one and it fits.
    fn legend_in_cell(&self) -> bool {
        !self.panels.len().is_multiple_of(COLS)
            && (self.legend_entries() as i32 + 1) * LEGEND_ROW <= self.cell_h() - GAP
    }

    fn grid_rows(&self) -> i32 {
        self.cells().div_ceil(COLS) as i32
    }

    fn legend_below_height(&self) -> i32 {
        if self.legend_in_cell() {
            0
        } else {
            (self.legend_entries().div_ceil(2) as i32 + 1) * LEGEND_ROW + 12
        }
    }

    fn style_of(&self, i: usize) -> (SeriesStyle, u32) {
        (
            marks::series(i),
            if self.lines[i].highlight { 5 } else { 3 },
        )
    }

    /// Draws the legend in a box starting at (x, y), `columns` wide of `col_w` pixels.
    fn draw_legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (x, y): (i32, i32),
        columns: usize,
        col_w: i32,
    ) -> DrawResult<DB> {
        style::text(
            area,
            &self.legend_title,
            Text::new(size::SMALL).bold(true),
            (x, y + LEGEND_ROW / 2),
        )?;
        let per_col = self.legend_entries().div_ceil(columns);
        let pos = |k: usize| {
            (
                x + (k / per_col) as i32 * col_w,
                y + LEGEND_ROW * (1 + (k % per_col) as i32) + LEGEND_ROW / 2,
            )
        };
        let text_w = col_w - 84;
        for (i, line) in self.lines.iter().enumerate() {
            let (s, w) = self.style_of(i);
            let (lx, ly) = pos(i);
            marks::legend_sample(area, (lx, ly), s, w)?;
            let label = style::fit(&line.label, size::SMALL, line.highlight, text_w);
            style::text(
                area,
                &label,
                Text::new(size::SMALL).bold(line.highlight),
                (lx + 76, ly),
            )?;
        }
        let (bx, by) = pos(self.lines.len());
        style::line(area, (bx + 32, by - 14), (bx + 32, by + 14), style::INK, 3)?;
        let base = style::fit(&self.base_legend, size::SMALL, false, text_w);
        style::text(area, &base, Text::new(size::SMALL), (bx + 76, by))?;
        let (cx, cy) = pos(self.lines.len() + 1);
        marks::polyline(
            area,
            &[(cx + 32, cy - 16), (cx + 32, cy + 16)],
            CRITICAL,
            3,
            &[7, 5],
        )?;
        let critical = style::fit(&self.critical_legend, size::SMALL, false, text_w);
        style::text(area, &critical, Text::new(size::SMALL), (cx + 76, cy))
    }

    fn draw_panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panel: &GradientPanel,
        (x, y): (i32, i32),
        first_column: bool,
    ) -> DrawResult<DB> {
        let title_h = self.title_h();
        let sub_y = style::paragraph(
            area,
            &Self::title_lines(&panel.title),
            Text::new(size::LABEL).bold(true),
            (x + 6, y + 18),
        )?;
        let sub = style::fit(&panel.subtitle, size::SMALL, false, CELL_W - 12);
        style::text(
            area,
            &sub,
            Text::new(size::SMALL).color(style::MUTED),
            (x + 6, sub_y - 2),
        )?;
        let (x0, x1) = (x + Y_LABELS, x + CELL_W - 16);
        let (y0, y1) = (y + title_h, y + title_h + PLOT_H);
        let px = |t: f64| x0 + (t.clamp(0.0, 1.0) * f64::from(x1 - x0)).round() as i32;
        let py =
            |v: f64| y1 - ((v / self.y_max).clamp(0.0, 1.0) * f64::from(y1 - y0)).round() as i32;
        let y_ticks = style::ticks(self.y_max);
        let y_dec = style::tick_decimals(&y_ticks);
        for &v in &y_ticks {
            style::line(area, (x0, py(v)), (x1, py(v)), style::GRID, 1)?;
            if first_column {
                style::text(
                    area,
                    &self.lang.num(v, y_dec),
                    Text::new(size::SMALL).color(style::MUTED).right(),
                    (x0 - 8, py(v)),
                )?;
            }
        }
        for k in 0..=4 {
            let t = f64::from(k) / 4.0;
            style::line(area, (px(t), y0), (px(t), y1), style::GRID, 1)?;
            if k % 2 == 0 {
                let label = self.lang.num(t, if k == 2 { 1 } else { 0 });
                style::text(
                    area,
                    &label,
                    Text::new(size::SMALL).color(style::MUTED).center(),
                    (px(t), y1 + 20),
                )?;
            }
        }
        style::outline(area, (x0, y0), (x1, y1), style::MUTED, 1)?;
        // The unggulan last, so it is on top.
        let order: Vec<usize> = (0..panel.scores.len()).rev().collect();
        for &i in &order {
            let (s, w) = self.style_of(i);
            let pts: Vec<(i32, i32)> = panel
                .t
                .iter()
                .zip(&panel.scores[i])
                .map(|(&t, &v)| (px(t), py(v)))
                .collect();
            marks::polyline(area, &pts, s.color, w, s.dash)?;
            for k in 0..=4 {
                let t = f64::from(k) / 4.0;
                if let Some(v) = interpolate(&panel.t, &panel.scores[i], t) {
                    marks::marker(area, (px(t), py(v)), s.marker, s.color, 7)?;
                }
            }
        }
        style::line(
            area,
            (px(panel.base), y0),
            (px(panel.base), y1),
            style::INK,
            3,
        )?;
        let xb = px(panel.base);
        for mark in &panel.critical {
            let cx = px(mark.weight);
            marks::polyline(area, &[(cx, y0), (cx, y1)], CRITICAL, 3, &[7, 5])?;
        }
        for mark in &panel.critical {
            let cx = px(mark.weight);
            // Labels go away from the elicited weight. When that side is too narrow they go
            // to the other side of the base line, lower down, clear of the other label.
            let (mut left, mut anchor, mut shift) = (mark.decrease, cx, 0);
            let room = |left: bool, anchor: i32| if left { anchor - x0 } else { x1 - anchor } - 16;
            if room(left, anchor) < 110 {
                left = !left;
                anchor = if left { cx.min(xb) } else { cx.max(xb) };
                shift = 64;
            }
            let (cx, room) = (anchor, room(left, anchor));
            let ly = y0 + 22 + shift;
            let value = style::fit(&mark.value_label, size::SMALL, true, room);
            let name = style::fit(&mark.label, size::SMALL, false, room);
            let w = style::text_width(&value, size::SMALL, true).max(style::text_width(
                &name,
                size::SMALL,
                false,
            ));
            let (bx0, bx1, tx, t) = if left {
                (cx - 10 - w, cx - 3, cx - 8, Text::new(size::SMALL).right())
            } else {
                (cx + 3, cx + 10 + w, cx + 8, Text::new(size::SMALL))
            };
            style::rect(area, (bx0, ly - 16), (bx1, ly + 44), style::WHITE_RGB)?;
            style::text(area, &value, t.bold(true).color(CRITICAL), (tx, ly))?;
            style::text(area, &name, t, (tx, ly + 28))?;
        }
        Ok(())
    }
}

/// Linear interpolation of a sweep at weight `t`.
fn interpolate(ts: &[f64], vs: &[f64], t: f64) -> Option<f64> {
    let k = ts.iter().position(|&x| x >= t)?;
    // `ts[k] >= t`, so `<=` means the weight is a sweep point.
    if k == 0 || ts[k] <= t {
        return vs.get(k).copied();
    }
    let (ta, tb) = (ts[k - 1], ts[k]);
    let s = (t - ta) / (tb - ta);
    Some(vs[k - 1] + s * (vs[k] - vs[k - 1]))
}

impl Figure for GradientSpec {
    fn height(&self) -> u32 {
        (style::header_height(&self.title, &self.subtitle)
            + self.grid_rows() * self.cell_h()
            + AXIS_ROW
            + self.legend_below_height()
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let top = style::header(area, &self.title, &self.subtitle)? + 8;
        let cell_h = self.cell_h();
        let cell = |k: usize| {
            (
                MARGIN + (k % COLS) as i32 * CELL_W,
                top + (k / COLS) as i32 * cell_h,
            )
        };
        for (k, panel) in self.panels.iter().enumerate() {
            self.draw_panel(area, panel, cell(k), k % COLS == 0)?;
        }
        let mut y = top + self.grid_rows() * self.cell_h();
        if self.legend_in_cell() {
            let (x, ly) = cell(self.panels.len());
            self.draw_legend(area, (x + 20, ly), 1, CELL_W - 20)?;
        }
        style::muted_line(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)?;
        y += AXIS_ROW - 20;
        if !self.legend_in_cell() {
            self.draw_legend(area, (MARGIN, y), 2, (WIDTH as i32 - 2 * MARGIN) / 2)?;
            y += self.legend_below_height();
        }
        style::caption(area, &self.caption, y + 16)
    }
}
