//! Weight-sweep ("gradient") charts: small multiples, one panel per criterion, each showing
//! every candidate's score as that criterion's weight goes from 0 to 1 (the other weights
//! rescaled proportionally), with the elicited weight and the critical weights marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::marks::{self, SeriesStyle};
use super::style::{self, DrawResult, Lines, MARGIN, Text, WIDTH, size};
use super::tornado::EndKind;
use super::{Drawn, Figure};
use crate::report::Lang;

/// A weight at which the unggulan changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalMark {
    /// The critical weight (0..=1).
    pub weight: f64,
    /// A threshold inside the range, or a change only at weight 0 or 1.
    pub kind: EndKind,
    /// What happens there, listed under the panel (e.g. "← 0,123: Sanggar Sido Mulyo").
    pub text: String,
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
    /// Legend text of a change only at weight 0 or 1.
    pub extreme_legend: String,
    /// What the axes measure (a line under the panels).
    pub axis_label: String,
    /// One short line under the chart.
    pub caption: String,
    /// Number format of the tick labels.
    pub lang: Lang,
}

const COLS: usize = 3;
const CELL_W: i32 = (WIDTH as i32 - 2 * MARGIN) / COLS as i32;
const PLOT_H: i32 = 250;
const GAP: i32 = 30;
/// Room left of each plot for the score ticks.
const Y_LABELS: i32 = 84;
/// Colour of the critical-weight lines; a change only at 0 or 1 is grey.
const CRITICAL: RGBColor = style::okabe_ito::VERMILLION;
const DASH: &[i32] = &[7, 5];

/// A panel laid out: its heading, the text of its critical weights, its height.
struct Cell {
    heading: Lines,
    notes: Lines,
}

impl Cell {
    fn new(panel: &GradientPanel) -> Self {
        let w = CELL_W - 16;
        let heading = Lines::new()
            .wrapped(&panel.title, Text::new(size::LABEL).bold(true), w)
            .wrapped(
                &panel.subtitle,
                Text::new(size::SMALL).color(style::MUTED),
                w,
            );
        let mut notes = Lines::new();
        for mark in &panel.critical {
            let color = match mark.kind {
                EndKind::Extreme => style::MUTED,
                _ => style::INK,
            };
            notes = notes.wrapped(&mark.text, Text::new(size::SMALL).color(color), w);
        }
        Cell { heading, notes }
    }
}

impl GradientSpec {
    fn style_of(&self, i: usize) -> (SeriesStyle, u32) {
        (
            marks::series(i),
            if self.lines[i].highlight { 5 } else { 3 },
        )
    }

    fn draw_panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panel: &GradientPanel,
        cell: &Cell,
        (x, y): (i32, i32),
        heading_h: i32,
    ) -> DrawResult<DB> {
        cell.heading.draw(area, (x + 6, y))?;
        let (x0, x1) = (x + Y_LABELS, x + CELL_W - 20);
        let (y0, y1) = (y + heading_h + 12, y + heading_h + 12 + PLOT_H);
        let px = |t: f64| x0 + (t.clamp(0.0, 1.0) * f64::from(x1 - x0)).round() as i32;
        let py =
            |v: f64| y1 - ((v / self.y_max).clamp(0.0, 1.0) * f64::from(y1 - y0)).round() as i32;
        let y_ticks = style::ticks(self.y_max);
        let y_dec = style::tick_decimals(&y_ticks);
        for &v in &y_ticks {
            style::line(area, (x0, py(v)), (x1, py(v)), style::GRID, 1)?;
            style::text(
                area,
                &self.lang.num(v, y_dec),
                Text::new(size::SMALL).color(style::MUTED).right(),
                (x0 - 8, py(v)),
            )?;
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
                    (px(t), y1 + style::TICK_ROW / 2),
                )?;
            }
        }
        style::outline(area, (x0, y0), (x1, y1), style::MUTED, 1)?;
        // The unggulan last, so it is on top.
        for i in (0..panel.scores.len()).rev() {
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
        for mark in &panel.critical {
            let cx = px(mark.weight);
            let color = match mark.kind {
                EndKind::Extreme => style::MUTED,
                _ => CRITICAL,
            };
            marks::polyline(area, &[(cx, y0), (cx, y1)], color, 3, DASH)?;
        }
        cell.notes.draw(area, (x + 6, y1 + style::TICK_ROW))?;
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
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)? + 8;
        let cells: Vec<Cell> = self.panels.iter().map(Cell::new).collect();
        // Panels in rows of COLS; a row is as tall as its tallest heading and notes.
        for (row_panels, row_cells) in self.panels.chunks(COLS).zip(cells.chunks(COLS)) {
            let heading_h = row_cells
                .iter()
                .map(|c| c.heading.height())
                .max()
                .unwrap_or(0);
            let notes_h = row_cells
                .iter()
                .map(|c| c.notes.height())
                .max()
                .unwrap_or(0);
            for (k, (panel, cell)) in row_panels.iter().zip(row_cells).enumerate() {
                let x = MARGIN + k as i32 * CELL_W;
                self.draw_panel(area, panel, cell, (x, y), heading_h)?;
            }
            y += heading_h + 12 + PLOT_H + style::TICK_ROW + notes_h + GAP;
        }
        y = style::note(area, &self.axis_label, (MARGIN, y), WIDTH as i32 - MARGIN)?;
        y = style::note(
            area,
            &self.legend_title,
            (MARGIN, y + 8),
            WIDTH as i32 - MARGIN,
        )?;
        let mut entries: Vec<Entry> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let (s, w) = self.style_of(i);
                Entry::new(Swatch::Series(s, w), &line.label).bold(line.highlight)
            })
            .collect();
        entries.push(Entry::new(
            Swatch::Rule {
                color: style::INK,
                width: 3,
                dash: &[],
            },
            &self.base_legend,
        ));
        entries.push(Entry::new(
            Swatch::Rule {
                color: CRITICAL,
                width: 3,
                dash: DASH,
            },
            &self.critical_legend,
        ));
        if self
            .panels
            .iter()
            .flat_map(|p| &p.critical)
            .any(|m| m.kind == EndKind::Extreme)
        {
            entries.push(Entry::new(
                Swatch::Rule {
                    color: style::MUTED,
                    width: 3,
                    dash: DASH,
                },
                &self.extreme_legend,
            ));
        }
        y = legend::draw(area, &entries, (MARGIN, y))?;
        style::caption(area, &self.caption, y)
    }
}
