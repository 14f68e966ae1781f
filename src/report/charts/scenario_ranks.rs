//! Rank ("bump") charts across weighting scenarios: one panel per category, the base weights
//! first, a line per candidate from rank to rank, names at both ends.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Figure;
use super::marks;
use super::style::{self, DrawResult, MARGIN, Text, WIDTH, size};
use crate::report::Lang;

/// One candidate's line.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    /// Position (1 = top) per column; `None` where the candidate is not ranked (a kecamatan
    /// nominee that only some scenarios produce).
    pub ranks: Vec<Option<usize>>,
    /// Label at the left end (empty when absent from the first column).
    pub left_label: String,
    /// Label at the right end (empty when absent from the last column).
    pub right_label: String,
    /// Text after both labels that tells namesakes apart (` (Wiroborang)`), kept whole when
    /// a label is cut to fit; empty for a unique name.
    pub qualifier: String,
    /// The base unggulan (thicker line, bold labels).
    pub highlight: bool,
}

/// One category.
#[derive(Debug, Clone, PartialEq)]
pub struct RankPanel {
    /// Heading.
    pub title: String,
    /// Lines, styled by position (base rank order).
    pub lines: Vec<RankLine>,
    /// Shown when there are no lines.
    pub empty: String,
}

/// Everything a scenario rank chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRanksSpec {
    /// Title.
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Column names (base first).
    pub columns: Vec<String>,
    /// Panels from top to bottom.
    pub panels: Vec<RankPanel>,
    /// Caption paragraphs.
    pub caption: Vec<String>,
    /// Number format.
    pub lang: Lang,
}

const HEADING_ROW: i32 = style::PANEL_HEADING_ROW;
const SLOT: i32 = 48;
const LEFT_LABEL: i32 = 410;
const PLOT_LEFT: i32 = 450;
const PLOT_RIGHT: i32 = 1180;
const RIGHT_LABEL: i32 = 1180;
const COLUMN_LINES: usize = 3;

impl ScenarioRanksSpec {
    fn slots(panel: &RankPanel) -> usize {
        panel
            .lines
            .iter()
            .flat_map(|l| l.ranks.iter().flatten())
            .copied()
            .max()
            .unwrap_or(1)
    }

    fn column_label_lines(&self) -> Vec<Vec<String>> {
        let w = self.column_step() - 12;
        self.columns
            .iter()
            .map(|c| {
                let mut lines = style::wrap(c, size::SMALL, false, w);
                if lines.len() > COLUMN_LINES {
                    let rest = lines[COLUMN_LINES - 1..].join(" ");
                    lines.truncate(COLUMN_LINES - 1);
                    lines.push(rest);
                }
                lines
                    .iter()
                    .map(|l| style::fit(l, size::SMALL, false, w))
                    .collect()
            })
            .collect()
    }

    fn column_step(&self) -> i32 {
        (PLOT_RIGHT - PLOT_LEFT) / self.columns.len().max(1) as i32
    }

    fn column_x(&self, k: usize) -> i32 {
        PLOT_LEFT + self.column_step() * k as i32 + self.column_step() / 2
    }

    fn labels_height(&self) -> i32 {
        let lines = self
            .column_label_lines()
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1) as i32;
        lines * style::line_height(size::SMALL) + 16
    }

    fn panel_height(&self, p: &RankPanel) -> i32 {
        HEADING_ROW + self.labels_height() + SLOT * Self::slots(p) as i32 + 20
    }
}

impl Figure for ScenarioRanksSpec {
    fn height(&self) -> u32 {
        let body: i32 = self.panels.iter().map(|p| self.panel_height(p)).sum();
        (style::header_height(&self.title, &self.subtitle)
            + body
            + 16
            + style::caption_height(&self.caption)) as u32
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        let labels = self.column_label_lines();
        for panel in &self.panels {
            y = style::panel_heading(area, &panel.title, y)?;
            let lh = style::line_height(size::SMALL);
            for (k, lines) in labels.iter().enumerate() {
                for (j, l) in lines.iter().enumerate() {
                    style::text(
                        area,
                        l,
                        Text::new(size::SMALL).bold(k == 0).center(),
                        (self.column_x(k), y + 8 + lh / 2 + j as i32 * lh),
                    )?;
                }
            }
            y += self.labels_height();
            let slots = Self::slots(panel);
            let slot_y = |r: usize| y + SLOT * (r as i32 - 1) + SLOT / 2;
            let (g0, g1) = (y, y + SLOT * slots as i32);
            for k in 0..self.columns.len() {
                let x = self.column_x(k);
                style::line(area, (x, g0), (x, g1), style::GRID, 1)?;
            }
            if panel.lines.is_empty() {
                style::text(
                    area,
                    &panel.empty,
                    Text::new(size::LABEL).color(style::MUTED).center(),
                    (WIDTH as i32 / 2, y + SLOT / 2),
                )?;
            }
            // Base unggulan last, so it is on top.
            for (i, line) in panel.lines.iter().enumerate().rev() {
                let s = marks::series(i);
                let width = if line.highlight { 5 } else { 3 };
                // Connect consecutive columns where the candidate is ranked.
                let mut run: Vec<(i32, i32)> = Vec::new();
                for (k, r) in line.ranks.iter().enumerate() {
                    match r {
                        Some(r) => run.push((self.column_x(k), slot_y(*r))),
                        None => {
                            marks::polyline(area, &run, s.color, width, s.dash)?;
                            run.clear();
                        }
                    }
                }
                marks::polyline(area, &run, s.color, width, s.dash)?;
                for (k, r) in line.ranks.iter().enumerate() {
                    if let Some(r) = r {
                        marks::marker(area, (self.column_x(k), slot_y(*r)), s.marker, s.color, 9)?;
                    }
                }
            }
            for (i, line) in panel.lines.iter().enumerate() {
                let t = Text::new(size::SMALL).bold(line.highlight);
                if let (Some(Some(r)), false) = (line.ranks.first(), line.left_label.is_empty()) {
                    let label = style::fit_keeping_tail(
                        &line.left_label,
                        &line.qualifier,
                        size::SMALL,
                        line.highlight,
                        LEFT_LABEL - MARGIN,
                    );
                    style::text(area, &label, t.right(), (LEFT_LABEL, slot_y(*r)))?;
                    let s = marks::series(i);
                    marks::marker(area, (LEFT_LABEL + 22, slot_y(*r)), s.marker, s.color, 9)?;
                }
                if let (Some(Some(r)), false) = (line.ranks.last(), line.right_label.is_empty()) {
                    let label = style::fit_keeping_tail(
                        &line.right_label,
                        &line.qualifier,
                        size::SMALL,
                        line.highlight,
                        WIDTH as i32 - MARGIN - RIGHT_LABEL,
                    );
                    style::text(area, &label, t, (RIGHT_LABEL, slot_y(*r)))?;
                }
            }
            y = g1 + 20;
        }
        style::caption(area, &self.caption, y + 16)
    }
}
