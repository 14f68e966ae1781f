//! Charts for decision papers: PNG (16 cm wide at 254 dpi, for Word and print) and SVG.
//!
//! Every chart is described by a plain spec ([`BarChartSpec`], [`CompositionSpec`],
//! [`WeightsSpec`], [`OverviewSpec`], and for the sensitivity stage [`GradientSpec`],
//! [`TornadoSpec`], [`AcceptabilitySpec`], [`ScenarioRanksSpec`]) and drawn by one function
//! per kind, so every chart has the same look. [`render_charts`] builds the specs of a finished
//! [`Analysis`]; it never recomputes a score.
//!
//! Text uses the bundled DejaVu Sans, so a PNG is the same on every machine, fonts installed
//! or not; an SVG names the same family (with Verdana and sans-serif as fallbacks). Colours
//! are Okabe-Ito, and meaning is also carried by lightness, hatching and labels, so the
//! charts survive greyscale print and colour-blind readers. Same inputs, same bytes.

pub mod acceptability;
pub mod bars;
pub mod composition;
pub mod gradient;
pub mod marks;
pub mod overview;
pub mod scenario_ranks;
mod specs;
pub mod style;
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
pub use tornado::{RangeEnd, TornadoPanel, TornadoRow, TornadoSpec};
pub use weights::{ParticipantWeights, WeightsSpec};

use crate::Analysis;
use crate::report::Lang;
use style::DrawResult;

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
    /// PNG bytes, with the resolution set to 254 dpi.
    pub png: Vec<u8>,
    /// SVG text.
    pub svg: String,
}

/// A chart that knows its height and can draw itself on any plotters backend.
pub trait Figure {
    /// Height in pixels at [`style::WIDTH`] wide.
    fn height(&self) -> u32;
    /// Draws the chart on a white area of `style::WIDTH` x `height()` pixels.
    ///
    /// # Errors
    /// Whatever the backend reports.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// Draws a figure to PNG and SVG. `name` only labels errors.
///
/// # Errors
/// The font cannot be loaded, drawing fails, or PNG encoding fails.
pub fn render<F: Figure>(figure: &F, name: &str) -> Result<Rendered, ChartError> {
    if !style::register_fonts() {
        return Err(ChartError::Font);
    }
    let (w, h) = (style::WIDTH, figure.height());
    let draw_err = |e: &dyn std::fmt::Display| ChartError::Draw {
        chart: name.to_string(),
        message: e.to_string(),
    };
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| draw_err(&e))?;
        figure.draw(&area).map_err(|e| draw_err(&e))?;
        area.present().map_err(|e| draw_err(&e))?;
    }
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| draw_err(&e))?;
        figure.draw(&area).map_err(|e| draw_err(&e))?;
        area.present().map_err(|e| draw_err(&e))?;
    }
    let png = encode_png(&pixels, w, h).map_err(|source| ChartError::Encode {
        chart: name.to_string(),
        source,
    })?;
    Ok(Rendered { png, svg })
}

/// Encodes RGB pixels as PNG with a pHYs chunk, so Word sizes the image from its resolution.
fn encode_png(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    // Charts are mostly flat colour: adaptive filtering makes files several times smaller.
    enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let ppm = (style::DPI / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    let mut writer = enc.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(out)
}

/// Draws a ranked bar chart.
///
/// # Errors
/// As [`render`].
pub fn bar_chart(spec: &BarChartSpec) -> Result<Rendered, ChartError> {
    render(spec, &spec.title)
}

/// Draws a score-composition chart.
///
/// # Errors
/// As [`render`].
pub fn composition_chart(spec: &CompositionSpec) -> Result<Rendered, ChartError> {
    render(spec, &spec.title)
}

/// Draws a criteria-weights chart.
///
/// # Errors
/// As [`render`].
pub fn weights_chart(spec: &WeightsSpec) -> Result<Rendered, ChartError> {
    render(spec, &spec.title)
}

/// Draws the city overview.
///
/// # Errors
/// As [`render`].
pub fn overview_chart(spec: &OverviewSpec) -> Result<Rendered, ChartError> {
    render(spec, &spec.title)
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
    fn height(&self) -> u32 {
        match self {
            Chart::Bars(s) => s.height(),
            Chart::Composition(s) => s.height(),
            Chart::Weights(s) => s.height(),
            Chart::Overview(s) => s.height(),
            Chart::Gradient(s) => s.height(),
            Chart::Tornado(s) => s.height(),
            Chart::Acceptability(s) => s.height(),
            Chart::ScenarioRanks(s) => s.height(),
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
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

/// The charts of an analysis as (path without extension under `charts/`, spec), in report
/// order: rankings per kelurahan, per kecamatan (and city), the overview, weights per panel,
/// score composition per kelurahan and kecamatan; then, when the sensitivity stage ran, a
/// gradient chart per group whose verdict is not "stable"
/// (`sensitivity/gradient/<level>-<region code>-<category>`), a tornado and a rank
/// acceptability chart per region (`sensitivity/tornado/<level>-<region code>`,
/// `sensitivity/acceptability/...`, one panel per category); and, when scenarios ran, the
/// scenario rank chart per region (`sensitivity/scenarios/<level>-<region code>`).
pub fn chart_specs(analysis: &Analysis, lang: Lang) -> Vec<(String, Chart)> {
    specs::all(analysis, lang)
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
) -> Result<Vec<(String, Vec<u8>)>, ChartError> {
    let specs = chart_specs(analysis, lang);
    let rendered: Vec<Rendered> = specs
        .par_iter()
        .map(|(path, chart)| render(chart, path))
        .collect::<Result<_, _>>()?;
    Ok(specs
        .into_iter()
        .zip(rendered)
        .flat_map(|((path, _), r)| {
            [
                (format!("charts/{path}.png"), r.png),
                (format!("charts/{path}.svg"), r.svg.into_bytes()),
            ]
        })
        .collect())
}

#[cfg(test)]
mod tests;
