//! The one legend of every chart: entries of a sample mark and a text, flowing left to
//! right over as many rows as they need; a text too long for a row wraps, never cut.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::marks::{self, Marker, SeriesStyle};
use super::style::{self, Lines, MARGIN, Text, WIDTH, size};

/// What a legend entry shows before its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    /// A filled box with an edge (a bar, a segment, a rank).
    Fill {
        /// Fill colour.
        fill: RGBColor,
        /// Edge colour.
        edge: RGBColor,
    },
    /// A box in a criterion's colour with its number inside (stacked segments).
    Numbered {
        /// Series index (0-based; the number shown is one more).
        series: usize,
        /// Drawn as the pale, hatched variant (the distance to the ideal).
        pale: bool,
    },
    /// A grey segment, solid or pale and hatched (the two parts of a TOPSIS bar).
    Half {
        /// The pale, hatched part.
        pale: bool,
    },
    /// A grey hatched box (an empty group).
    Hatched,
    /// A cell with the score strip along its bottom (overview).
    Strip,
    /// A cell with a thick outline and a star (overview).
    Starred,
    /// A line sample with its dash pattern and marker (a candidate's line).
    Series(SeriesStyle, u32),
    /// A vertical line, optionally dashed (a base or critical weight).
    Rule {
        /// Colour.
        color: RGBColor,
        /// Width in pixels.
        width: u32,
        /// Dash pattern (empty = solid).
        dash: &'static [i32],
    },
    /// A short thick vertical bar (a weight marked on a range).
    Tick(RGBColor),
    /// A numbered disc (a candidate in the scenario chart).
    Badge {
        /// The number inside.
        number: usize,
        /// The disc's colour.
        color: RGBColor,
    },
    /// A single marker.
    Mark(Marker, RGBColor),
    /// A horizontal range with end caps (min to max).
    Whisker,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The sample mark.
    pub swatch: Swatch,
    /// Its text.
    pub label: String,
    /// Bold text (e.g. the unggulan).
    pub bold: bool,
}

impl Entry {
    /// An entry in regular text.
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Self {
        Entry {
            swatch,
            label: label.into(),
            bold: false,
        }
    }

    /// In bold.
    pub fn bold(mut self, bold: bool) -> Self {
        self.bold = bold;
        self
    }
}

/// Width of the sample mark, and the gap between it and its text.
const SAMPLE: i32 = 64;
const SAMPLE_GAP: i32 = 14;
/// Gap between one entry and the next on a row.
const ENTRY_GAP: i32 = 40;
/// Minimum height of a legend row.
const ROW: i32 = 52;

fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    (x, y): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1, y0, y1) = (x + 6, x + SAMPLE - 6, y - 15, y + 15);
    match swatch {
        Swatch::Fill { fill, edge } => {
            style::rect(area, (x0, y0), (x1, y1), fill)?;
            style::outline(area, (x0, y0), (x1, y1), edge, 1)
        }
        Swatch::Numbered { series, pale } => segment(area, series, pale, (x0, y0), (x1, y1), true),
        Swatch::Half { pale } => {
            if pale {
                style::rect(area, (x0, y0), (x1, y1), style::tint(style::MUTED, 0.6))?;
                style::hatch(area, (x0, y0), (x1, y1), 14, false, style::MUTED)
            } else {
                style::rect(area, (x0, y0), (x1, y1), style::MUTED)
            }
        }
        Swatch::Hatched => {
            style::rect(area, (x0, y0), (x1, y1), style::BAND)?;
            style::hatch(area, (x0, y0), (x1, y1), 16, true, HATCH_GREY)
        }
        Swatch::Strip => {
            style::rect(
                area,
                (x0, y1 - 8),
                (x0 + 36, y1),
                style::okabe_ito::SKY_BLUE,
            )?;
            style::outline(area, (x0, y0), (x1, y1), style::GRID, 1)
        }
        Swatch::Starred => {
            style::outline(area, (x0, y0), (x1, y1), style::INK, 3)?;
            style::text(
                area,
                "★",
                Text::new(size::SMALL).bold(true).center(),
                ((x0 + x1) / 2, y),
            )
        }
        Swatch::Series(s, width) => {
            marks::polyline(area, &[(x, y), (x + SAMPLE, y)], s.color, width, s.dash)?;
            marks::marker(area, (x + SAMPLE / 2, y), s.marker, s.color, 8)
        }
        Swatch::Rule { color, width, dash } => marks::polyline(
            area,
            &[(x + SAMPLE / 2, y - 18), (x + SAMPLE / 2, y + 18)],
            color,
            width,
            dash,
        ),
        Swatch::Tick(color) => style::rect(
            area,
            (x + SAMPLE / 2 - 3, y - 18),
            (x + SAMPLE / 2 + 3, y + 18),
            color,
        ),
        Swatch::Badge { number, color } => {
            marks::badge(area, (x + SAMPLE / 2, y), number, color, 22)
        }
        Swatch::Mark(m, color) => marks::marker(area, (x + SAMPLE / 2, y), m, color, 10),
        Swatch::Whisker => {
            style::line(area, (x0, y), (x1, y), style::INK, 2)?;
            style::line(area, (x0, y - 10), (x0, y + 10), style::INK, 2)?;
            style::line(area, (x1, y - 10), (x1, y + 10), style::INK, 2)
        }
    }
}

/// Grey of hatching on empty groups.
pub const HATCH_GREY: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// One stacked segment of series `i`: the series colour (pale and hatched for the distance to
/// the ideal, hatched too past the palette's length), with its number inside when `number`
/// and it fits.
pub fn segment<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    i: usize,
    pale: bool,
    a: (i32, i32),
    b: (i32, i32),
    number: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let base = style::SERIES[i % style::SERIES.len()];
    let fill = if pale { style::tint(base, 0.6) } else { base };
    style::rect(area, a, b, fill)?;
    if pale || (i / style::SERIES.len()) % 2 == 1 {
        let ink = if pale { base } else { style::on_series(i) };
        style::hatch(area, a, b, 14, !pale, ink)?;
    }
    style::outline(area, a, b, style::WHITE_RGB, 1)?;
    let label = (i + 1).to_string();
    if number && b.0 - a.0 >= style::text_width(&label, size::SMALL, true) + 10 {
        let color = if pale {
            style::INK
        } else {
            style::on_series(i)
        };
        let cx = (a.0 + b.0) / 2;
        if pale {
            // A white pad keeps the number legible on the hatching.
            let w = style::text_width(&label, size::SMALL, true) / 2 + 4;
            let cy = (a.1 + b.1) / 2;
            style::rect(area, (cx - w, cy - 16), (cx + w, cy + 16), style::WHITE_RGB)?;
        }
        style::text(
            area,
            &label,
            Text::new(size::SMALL).bold(true).color(color).center(),
            (cx, (a.1 + b.1) / 2),
        )?;
    }
    Ok(())
}

/// Draws the entries from `(x, top)`, flowing between `x` and the right margin; returns the
/// y below the legend (`top` when there are no entries).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    (x, top): (i32, i32),
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let right = WIDTH as i32 - MARGIN;
    let text_room = right - x - SAMPLE - SAMPLE_GAP;
    let laid: Vec<(Swatch, Lines)> = entries
        .iter()
        .map(|e| {
            let t = Text::new(size::SMALL).bold(e.bold);
            (e.swatch, Lines::new().wrapped(&e.label, t, text_room))
        })
        .collect();
    // Rows of entries that fit side by side.
    let mut rows: Vec<Vec<&(Swatch, Lines)>> = Vec::new();
    let mut used = right - x;
    for item in &laid {
        let w = SAMPLE + SAMPLE_GAP + item.1.width();
        if rows.is_empty() || used + ENTRY_GAP + w > right - x {
            rows.push(Vec::new());
            used = w;
        } else {
            used += ENTRY_GAP + w;
        }
        if let Some(row) = rows.last_mut() {
            row.push(item);
        }
    }
    let mut y = top;
    for row in rows {
        let h = row
            .iter()
            .map(|(_, l)| l.height())
            .max()
            .unwrap_or(0)
            .max(ROW);
        let mut cx = x;
        for (swatch, lines) in row {
            let first_mid = y + (h - lines.height()) / 2 + style::line_height(size::SMALL) / 2;
            draw_swatch(area, *swatch, (cx, first_mid))?;
            lines.draw_around(area, (cx + SAMPLE + SAMPLE_GAP, y + h / 2))?;
            cx += SAMPLE + SAMPLE_GAP + lines.width() + ENTRY_GAP;
        }
        y += h;
    }
    Ok(y)
}
