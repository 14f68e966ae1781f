//! Line-chart marks shared by the sensitivity charts: one look per candidate (colour, dash
//! pattern and marker shape, so lines stay apart in greyscale print), dashed polylines and
//! markers drawn as plain elements (deterministic SVG).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, DrawResult, okabe_ito};

/// Marker shapes, filled or open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Filled circle.
    Circle,
    /// Filled square.
    Square,
    /// Filled triangle pointing up.
    Triangle,
    /// Filled diamond.
    Diamond,
    /// Open circle.
    OpenCircle,
    /// Open square.
    OpenSquare,
    /// Open triangle.
    OpenTriangle,
    /// Diagonal cross.
    Cross,
}

/// How one candidate's line looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesStyle {
    /// Line and marker colour.
    pub color: RGBColor,
    /// Dash pattern in pixels (on, off, on, off, ...); empty = solid.
    pub dash: &'static [i32],
    /// Marker shape.
    pub marker: Marker,
}

/// Line colours: Okabe-Ito without yellow first (too light for a thin line on white), black
/// after the six darker hues, yellow last.
const LINE_COLORS: [RGBColor; 8] = [
    okabe_ito::BLUE,
    okabe_ito::VERMILLION,
    okabe_ito::GREEN,
    okabe_ito::PURPLE,
    okabe_ito::ORANGE,
    okabe_ito::SKY_BLUE,
    style::INK,
    okabe_ito::YELLOW,
];

const DASHES: [&[i32]; 6] = [
    &[],
    &[18, 9],
    &[5, 7],
    &[20, 7, 5, 7],
    &[34, 10],
    &[10, 5, 3, 5, 3, 5],
];

const MARKERS: [Marker; 8] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::OpenCircle,
    Marker::OpenSquare,
    Marker::OpenTriangle,
    Marker::Cross,
];

/// The look of the `i`-th line (candidates in base rank order, so the unggulan is solid blue
/// with filled circles in every chart).
pub fn series(i: usize) -> SeriesStyle {
    SeriesStyle {
        color: LINE_COLORS[i % LINE_COLORS.len()],
        dash: DASHES[i % DASHES.len()],
        marker: MARKERS[i % MARKERS.len()],
    }
}

/// A polyline with a dash pattern (solid when `dash` is empty). The pattern runs on across
/// vertices, so a curve drawn from many short segments still shows its dashes.
pub fn polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(i32, i32)],
    color: RGBColor,
    width: u32,
    dash: &[i32],
) -> DrawResult<DB> {
    if points.len() < 2 {
        return Ok(());
    }
    if dash.is_empty() {
        return area.draw(&PathElement::new(
            points.to_vec(),
            color.stroke_width(width),
        ));
    }
    let total: f64 = dash.iter().map(|&d| f64::from(d)).sum();
    let mut phase = 0.0_f64;
    let mut piece: Vec<(f64, f64)> = Vec::new();
    let flush = |piece: &mut Vec<(f64, f64)>| -> DrawResult<DB> {
        if piece.len() >= 2 {
            let pts: Vec<(i32, i32)> = piece
                .iter()
                .map(|&(x, y)| (x.round() as i32, y.round() as i32))
                .collect();
            area.draw(&PathElement::new(pts, color.stroke_width(width)))?;
        }
        piece.clear();
        Ok(())
    };
    // Where in the pattern a distance falls: (index of the dash element, distance left in it).
    let locate = |phase: f64| {
        let mut p = phase % total;
        for (k, &d) in dash.iter().enumerate() {
            let d = f64::from(d);
            if p < d {
                return (k, d - p);
            }
            p -= d;
        }
        (0, f64::from(dash[0]))
    };
    for w in points.windows(2) {
        let (a, b) = (
            (f64::from(w[0].0), f64::from(w[0].1)),
            (f64::from(w[1].0), f64::from(w[1].1)),
        );
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len == 0.0 {
            continue;
        }
        let at = |s: f64| (a.0 + (b.0 - a.0) * s / len, a.1 + (b.1 - a.1) * s / len);
        let mut s = 0.0;
        while s < len {
            let (k, left) = locate(phase);
            let step = left.min(len - s);
            if k % 2 == 0 {
                if piece.is_empty() {
                    piece.push(at(s));
                }
                piece.push(at(s + step));
            } else {
                flush(&mut piece)?;
            }
            s += step;
            phase += step;
        }
    }
    flush(&mut piece)
}

/// A marker of radius `r` centred at `c`.
pub fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    shape: Marker,
    color: RGBColor,
    r: i32,
) -> DrawResult<DB> {
    let fill = color.filled();
    let open = color.stroke_width(3);
    let white = style::WHITE_RGB.filled();
    let triangle = vec![
        (x, y - r - 1),
        (x + r + 1, y + r - 1),
        (x - r - 1, y + r - 1),
    ];
    let square = [(x - r + 1, y - r + 1), (x + r - 1, y + r - 1)];
    match shape {
        Marker::Circle => area.draw(&Circle::new((x, y), r, fill)),
        Marker::Square => area.draw(&Rectangle::new(square, fill)),
        Marker::Triangle => area.draw(&Polygon::new(triangle, fill)),
        Marker::Diamond => area.draw(&Polygon::new(
            vec![
                (x, y - r - 2),
                (x + r + 2, y),
                (x, y + r + 2),
                (x - r - 2, y),
            ],
            fill,
        )),
        Marker::OpenCircle => {
            area.draw(&Circle::new((x, y), r, white))?;
            area.draw(&Circle::new((x, y), r, open))
        }
        Marker::OpenSquare => {
            area.draw(&Rectangle::new(square, white))?;
            area.draw(&Rectangle::new(square, open))
        }
        Marker::OpenTriangle => {
            area.draw(&Polygon::new(triangle.clone(), white))?;
            let mut closed = triangle;
            closed.push(closed[0]);
            area.draw(&PathElement::new(closed, open))
        }
        Marker::Cross => {
            style::line(area, (x - r, y - r), (x + r, y + r), color, 4)?;
            style::line(area, (x - r, y + r), (x + r, y - r), color, 4)
        }
    }
}

/// A disc of radius `r` in `color` with `number` inside: a mark no other candidate of a
/// chart shares, whatever their count, and legible without colour.
pub fn badge<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    number: usize,
    color: RGBColor,
    r: i32,
) -> DrawResult<DB> {
    area.draw(&Circle::new((x, y), r + 2, style::WHITE_RGB.filled()))?;
    area.draw(&Circle::new((x, y), r, color.filled()))?;
    style::text(
        area,
        &number.to_string(),
        style::Text::new(style::size::SMALL)
            .bold(true)
            .color(style::ink_on(color))
            .center(),
        (x, y),
    )
}
