//! Rank ("bump") charts across weighting scenarios: one panel per category, the base weights
//! first, a line per candidate from rank to rank. Every mark carries the candidate's number
//! (its base rank), so no two candidates share a marker however many there are; names stand
//! at the left, and a candidate only a scenario ranks is named in a key under its panel.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Swatch};
use super::marks;
use super::style::{self, Lines, MARGIN, Text, WIDTH, size};
use super::{Drawn, Figure};
use crate::report::Lang;

/// One candidate's line.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    /// Position (1 = top) per column; `None` where the candidate is not ranked (a kecamatan
    /// nominee that only some scenarios produce).
    pub ranks: Vec<Option<usize>>,
    /// The number on its marks, unique in the panel (the base rank; candidates only a
    /// scenario ranks are numbered after the others).
    pub number: usize,
    /// Its name, with what tells namesakes apart.
    pub label: String,
    /// The base unggulan (thicker line, bold label).
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
    /// Heading of the key of candidates absent from the base column.
    pub key_heading: String,
    /// Panels from top to bottom.
    pub panels: Vec<RankPanel>,
    /// One short line under the chart.
    pub caption: String,
    /// Number format.
    pub lang: Lang,
}

const LEFT_LABEL: i32 = 520;
const PLOT_LEFT: i32 = 560;
const PLOT_RIGHT: i32 = WIDTH as i32 - MARGIN;
const MIN_SLOT: i32 = 62;
/// Radius of a numbered mark.
const BADGE: i32 = 25;

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

    fn column_step(&self) -> i32 {
        (PLOT_RIGHT - PLOT_LEFT) / self.columns.len().max(1) as i32
    }

    fn column_x(&self, k: usize) -> i32 {
        PLOT_LEFT + self.column_step() * k as i32 + self.column_step() / 2
    }

    fn left_label(line: &RankLine) -> Lines {
        Lines::new().wrapped(
            &line.label,
            Text::new(size::SMALL).bold(line.highlight).right(),
            LEFT_LABEL - MARGIN,
        )
    }

    /// Height of a rank slot: room for the tallest name at the left, and for a mark.
    fn slot_height(panel: &RankPanel) -> i32 {
        panel
            .lines
            .iter()
            .filter(|l| matches!(l.ranks.first(), Some(Some(_))))
            .map(|l| Self::left_label(l).height() + 12)
            .max()
            .unwrap_or(0)
            .max(MIN_SLOT)
    }

    fn draw_panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panel: &RankPanel,
        mut y: i32,
    ) -> Drawn<DB> {
        y = style::panel_heading(area, &panel.title, y)?;
        if panel.lines.is_empty() {
            return Ok(style::empty_band(area, &panel.empty, y)? + 12);
        }
        let step = self.column_step();
        let heads: Vec<Lines> = self
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                Lines::new().wrapped(c, Text::new(size::SMALL).bold(k == 0).center(), step - 12)
            })
            .collect();
        let head_h = heads.iter().map(Lines::height).max().unwrap_or(0);
        for (k, lines) in heads.iter().enumerate() {
            lines.draw(area, (self.column_x(k), y + 8 + head_h - lines.height()))?;
        }
        y += head_h + 16;
        let slot = Self::slot_height(panel);
        let slots = Self::slots(panel) as i32;
        let slot_y = |r: usize| y + slot * (r as i32 - 1) + slot / 2;
        let (g0, g1) = (y, y + slot * slots);
        for r in 1..=slots {
            if r % 2 == 0 {
                let top = g0 + slot * (r - 1);
                style::rect(
                    area,
                    (MARGIN, top),
                    (WIDTH as i32 - MARGIN, top + slot),
                    RGBColor(0xF7, 0xF7, 0xF7),
                )?;
            }
        }
        for k in 0..self.columns.len() {
            let x = self.column_x(k);
            style::line(area, (x, g0), (x, g1), style::GRID, 1)?;
        }
        // The base unggulan last, so it is on top.
        for (i, line) in panel.lines.iter().enumerate().rev() {
            let s = marks::series(i);
            let width = if line.highlight { 6 } else { 3 };
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
        }
        for (i, line) in panel.lines.iter().enumerate().rev() {
            let s = marks::series(i);
            for (k, r) in line.ranks.iter().enumerate() {
                if let Some(r) = r {
                    let at = (self.column_x(k), slot_y(*r));
                    marks::badge(area, at, line.number, s.color, BADGE)?;
                }
            }
        }
        for line in &panel.lines {
            if let Some(Some(r)) = line.ranks.first() {
                Self::left_label(line).draw_around(area, (LEFT_LABEL, slot_y(*r)))?;
            }
        }
        y = g1 + 12;
        // Candidates the base column does not rank are named here.
        let key: Vec<Entry> = panel
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !matches!(l.ranks.first(), Some(Some(_))))
            .map(|(i, l)| {
                Entry::new(
                    Swatch::Badge {
                        number: l.number,
                        color: marks::series(i).color,
                    },
                    &l.label,
                )
            })
            .collect();
        if !key.is_empty() {
            y = style::note(area, &self.key_heading, (MARGIN, y), WIDTH as i32 - MARGIN)?;
            y = legend::draw(area, &key, (MARGIN, y))?;
        }
        Ok(y + 12)
    }
}

impl Figure for ScenarioRanksSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let mut y = style::header(area, &self.title, &self.subtitle)?;
        for panel in &self.panels {
            y = self.draw_panel(area, panel, y)?;
        }
        style::caption(area, &self.caption, y)
    }
}
