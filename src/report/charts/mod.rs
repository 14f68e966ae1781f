//! Charts for decision papers: PNG (16 cm wide at 254 dpi, indexed colour, for Word and
//! print) and SVG.
//!
//! Every chart is described by a plain spec ([`BarChartSpec`], [`CompositionSpec`],
//! [`WeightsSpec`], [`OverviewSpec`], and for the sensitivity stage [`GradientSpec`],
//! [`TornadoSpec`], [`AcceptabilitySpec`], [`ScenarioRanksSpec`]) and drawn by one function
//! per kind, so every chart has the same look. [`render_charts`] builds the specs of a finished
//! [`Analysis`]; it never recomputes a score. [`ChartPlan`] says whether the charts that add
//! nothing to the text (a stable unggulan's sensitivity charts) are drawn too.
//!
//! Made to be read where they are used: every text is at least 8 pt with the chart printed
//! 16 cm wide ([`style::MIN_POINTS`]); labels wrap and rows grow, so no name or verdict is
//! ever cut; a name that repeats in a chart carries its kelurahan or id; each chart ends with
//! one short caption line (the methods are in the report text). A chart's height is measured
//! by laying it out, so what is drawn and the room it gets cannot disagree.
//!
//! Text uses the bundled DejaVu Sans, so a PNG is the same on every machine, fonts installed
//! or not; an SVG names the same family (with Verdana and sans-serif as fallbacks). Colours
//! are Okabe-Ito (ranks: viridis), and meaning is also carried by lightness, hatching,
//! numbers and labels, so the charts survive greyscale print and colour-blind readers. Same
//! inputs, same bytes.

pub mod acceptability;
pub mod bars;
pub mod composition;
pub mod gradient;
pub mod legend;
pub mod marks;
pub mod overview;
mod raster;
pub mod scenario_ranks;
mod specs;
pub mod style;
pub mod svg;
pub mod tornado;
pub mod weights;

use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

pub use acceptability::{AcceptabilityPanel, AcceptabilityRow, AcceptabilitySpec};
pub use bars::{Bar, BarChartSpec, BarPanel};
pub use composition::{CompositionPanel, CompositionRow, CompositionSpec};
pub use gradient::{CriticalMark, GradientLine, GradientPanel, GradientSpec};
pub use overview::{OverviewCell, OverviewRow, OverviewSection, OverviewSpec};
pub use scenario_ranks::{RankLine, RankPanel, ScenarioRanksSpec};
pub use tornado::{EndKind, RangeEnd, TornadoPanel, TornadoRow, TornadoSpec};
pub use weights::{ParticipantWeights, WeightsSpec};

use crate::Analysis;
use crate::report::Lang;

/// Why a chart could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The bundled font could not be loaded (a corrupt build).
    #[error("the bundled chart font could not be loaded")]
    Font,
    /// Drawing failed (plotters reported an error).
    #[error("drawing {chart}: {message}")]
    Draw {
        /// File name of the chart.
        chart: String,
        /// The backend's message.
        message: String,
    },
    /// PNG encoding failed.
    #[error("encoding {chart} as PNG: {source}")]
    Encode {
        /// File name of the chart.
        chart: String,
        /// The encoder's error.
        source: png::EncodingError,
    },
}

/// A chart drawn in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// PNG bytes (indexed colour), with the resolution set to 254 dpi.
    pub png: Vec<u8>,
    /// SVG text.
    pub svg: String,
}

/// Result of drawing a whole figure: the y below the last thing drawn.
pub type Drawn<DB> = Result<i32, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart that can draw itself on any plotters backend.
pub trait Figure {
    /// Draws the chart from the top of a white area [`style::WIDTH`] wide; returns the y below
    /// the last thing drawn. The chart's height is measured by drawing it once on a scratch
    /// area, so what is drawn and the room it gets cannot disagree.
    ///
    /// # Errors
    /// Whatever the backend reports.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB>;
}

/// Draws a figure on an SVG as tall as any figure could be, and returns the SVG cut to the
/// figure's height (its laid-out content and the bottom margin): one drawing gives both the
/// height the PNG needs and the SVG itself.
///
/// # Errors
/// Whatever the SVG backend reports.
fn laid_out_svg<F: Figure>(
    figure: &F,
) -> Result<(u32, String), DrawingAreaErrorKind<std::io::Error>> {
    const TALL: u32 = 1 << 20;
    let mut svg = String::new();
    let bottom = {
        let area = SVGBackend::with_string(&mut svg, (style::WIDTH, TALL)).into_drawing_area();
        area.fill(&WHITE)?;
        let bottom = figure.draw(&area)?;
        area.present()?;
        bottom
    };
    let h = (bottom + style::MARGIN).max(1) as u32;
    // The root element and the background rectangle are the first two lines.
    let mut out = String::with_capacity(svg.len());
    for (k, line) in svg.split_inclusive('\n').enumerate() {
        if k < 2 {
            out.push_str(&line.replace(&TALL.to_string(), &h.to_string()));
        } else {
            out.push_str(line);
        }
    }
    Ok((h, out))
}

/// Draws a figure to PNG and SVG. `name` only labels errors.
///
/// # Errors
/// The font cannot be loaded, drawing fails, or PNG encoding fails.
pub fn render<F: Figure>(figure: &F, name: &str) -> Result<Rendered, ChartError> {
    let (h, svg) = layout(figure, name)?;
    let png = draw_png(figure, name, h)?;
    Ok(Rendered { png, svg })
}

/// Draws a figure to SVG only (a large study's charts: the browser and Word read SVG, and
/// rasterising thousands of PNGs is most of a kabupaten's run time).
///
/// # Errors
/// The font cannot be loaded, or drawing fails.
pub fn render_svg<F: Figure>(figure: &F, name: &str) -> Result<String, ChartError> {
    Ok(layout(figure, name)?.1)
}

/// The error of drawing chart `name`.
fn draw_error(name: &str, e: &dyn std::fmt::Display) -> ChartError {
    ChartError::Draw {
        chart: name.to_string(),
        message: e.to_string(),
    }
}

/// Registers the font, lays the figure out and draws its compacted SVG.
fn layout<F: Figure>(figure: &F, name: &str) -> Result<(u32, String), ChartError> {
    if !style::register_fonts() {
        return Err(ChartError::Font);
    }
    let (h, svg) = laid_out_svg(figure).map_err(|e| draw_error(name, &e))?;
    Ok((h, svg::compact(&svg)))
}

fn draw_png<F: Figure>(figure: &F, name: &str, h: u32) -> Result<Vec<u8>, ChartError> {
    let w = style::WIDTH;
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| draw_error(name, &e))?;
        figure.draw(&area).map_err(|e| draw_error(name, &e))?;
        area.present().map_err(|e| draw_error(name, &e))?;
    }
    raster::encode(&pixels, w, h).map_err(|source| ChartError::Encode {
        chart: name.to_string(),
        source,
    })
}

/// Any chart of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Ranked bars.
    Bars(BarChartSpec),
    /// Stacked criterion contributions.
    Composition(CompositionSpec),
    /// Criteria weights with the participants' spread.
    Weights(WeightsSpec),
    /// Every kelurahan x category at a glance.
    Overview(OverviewSpec),
    /// Scores along one-at-a-time weight sweeps, one panel per criterion.
    Gradient(GradientSpec),
    /// How far each weight can move before the unggulan changes.
    Tornado(TornadoSpec),
    /// SMAA-2 rank acceptability per candidate.
    Acceptability(AcceptabilitySpec),
    /// Ranks across weighting scenarios.
    ScenarioRanks(ScenarioRanksSpec),
}

impl Figure for Chart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        match self {
            Chart::Bars(s) => s.draw(area),
            Chart::Composition(s) => s.draw(area),
            Chart::Weights(s) => s.draw(area),
            Chart::Overview(s) => s.draw(area),
            Chart::Gradient(s) => s.draw(area),
            Chart::Tornado(s) => s.draw(area),
            Chart::Acceptability(s) => s.draw(area),
            Chart::ScenarioRanks(s) => s.draw(area),
        }
    }
}

/// Which charts a report draws, and in which formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartPlan {
    /// Also draw the charts that say nothing new (off by default): a weight gradient for a
    /// group whose unggulan is stable, tornado and rank-acceptability charts of a region
    /// where every group's unggulan is stable, and the scenario chart of a region where no
    /// scenario changes an unggulan. The text reports say "stable" for these already.
    pub all: bool,
    /// A PNG beside every SVG (on by default; a large study's report leaves them out unless
    /// asked, see [`crate::report::ReportOptions::png`]).
    pub png: bool,
}

impl Default for ChartPlan {
    fn default() -> Self {
        ChartPlan {
            all: false,
            png: true,
        }
    }
}

/// The charts of an analysis as (path without extension under `charts/`, spec), in report
/// order: rankings per kelurahan, per kecamatan (and city), the overview, weights per panel,
/// score composition per kelurahan and kecamatan; then, when the sensitivity stage ran, a
/// weight gradient per group (`sensitivity/gradient/<level>-<region code>-<category>`), a
/// tornado and a rank-acceptability chart per region (`sensitivity/tornado/<level>-<region
/// code>`, `sensitivity/acceptability/...`, one panel per category); and, when scenarios
/// ran, the scenario rank chart per region (`sensitivity/scenarios/<level>-<region code>`).
/// Of the sensitivity charts, those that say nothing new are left out unless
/// [`ChartPlan::all`].
pub fn chart_specs(analysis: &Analysis, lang: Lang, plan: ChartPlan) -> Vec<(String, Chart)> {
    specs::all(analysis, lang, plan)
}

/// Every chart of an analysis as (file name, bytes): `charts/<path>.png` then `.svg` for each,
/// in the order of [`chart_specs`]. Charts are drawn in parallel; the order does not depend on
/// the number of threads.
///
/// # Errors
/// The first chart that fails (see [`ChartError`]).
pub fn render_charts(
    analysis: &Analysis,
    lang: Lang,
    plan: ChartPlan,
) -> Result<Vec<(String, Vec<u8>)>, ChartError> {
    let specs = chart_specs(analysis, lang, plan);
    let rendered: Vec<Vec<(String, Vec<u8>)>> = specs
        .par_iter()
        .map(|(path, chart)| render_files(path, chart, plan))
        .collect::<Result<_, _>>()?;
    Ok(rendered.into_iter().flatten().collect())
}

/// One chart's files: `charts/<path>.png` (when the plan has PNGs) then `charts/<path>.svg`.
///
/// # Errors
/// The chart cannot be drawn (see [`ChartError`]).
pub fn render_files(
    path: &str,
    chart: &Chart,
    plan: ChartPlan,
) -> Result<Vec<(String, Vec<u8>)>, ChartError> {
    let (png, svg) = if plan.png {
        render(chart, path).map(|r| (Some(r.png), r.svg))?
    } else {
        (None, render_svg(chart, path)?)
    };
    Ok(png
        .map(|png| (format!("charts/{path}.png"), png))
        .into_iter()
        .chain([(format!("charts/{path}.svg"), svg.into_bytes())])
        .collect())
}

#[cfg(test)]
mod tests;
