//! Shared chart style: the bundled font, the palette, sizes, and small drawing helpers
//! (text that fits, wrapped captions, hatched fills) used by every chart.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Font family name the bundled DejaVu Sans is registered under. The SVG backend writes it
/// verbatim into `font-family`, so it doubles as the fallback list for SVG viewers (Verdana
/// has near-identical metrics).
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the bundled fonts once per process; `false` if a font file is unreadable.
pub fn register_fonts() -> bool {
    static DONE: OnceLock<bool> = OnceLock::new();
    *DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    })
}

/// Chart width in pixels: 16 cm at [`DPI`], the text width of an A4 page in Word.
pub const WIDTH: u32 = 1600;
/// Resolution written into the PNG, so Word places it at 16 cm wide.
pub const DPI: f64 = 254.0;
/// Outer margin.
pub const MARGIN: i32 = 48;

/// Font sizes, in plotters units (the font's ascent-to-descent height in pixels). The SVG
/// backend writes `size / 1.24` as the CSS font size, so text printed with the chart 16 cm
/// wide is [`svg_points`]`(size)` points; every size here gives at least [`MIN_POINTS`].
pub mod size {
    /// Chart title.
    pub const TITLE: f64 = 46.0;
    /// Subtitle under the title.
    pub const SUBTITLE: f64 = 38.0;
    /// Panel headings.
    pub const HEADING: f64 = 41.0;
    /// Row labels and values.
    pub const LABEL: f64 = 39.0;
    /// Secondary labels, ticks, legend and caption: the smallest text of every chart.
    pub const SMALL: f64 = 36.0;
}

/// The smallest text size, in points, with the chart printed [`PRINT_WIDTH_PT`] wide.
pub const MIN_POINTS: f64 = 8.0;
/// Print width the sizes are chosen for: 16 cm, the text width of an A4 page, in points.
pub const PRINT_WIDTH_PT: f64 = 16.0 / 2.54 * 72.0;

/// Point size of text of plotters size `size` in the SVG, printed [`PRINT_WIDTH_PT`] wide.
pub fn svg_points(size: f64) -> f64 {
    size / 1.24 * PRINT_WIDTH_PT / f64::from(WIDTH)
}

/// Okabe-Ito colours (Okabe & Ito 2008), safe for the common colour-vision deficiencies.
pub mod okabe_ito {
    use plotters::style::RGBColor;
    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// Sky blue.
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    /// Bluish green.
    pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// Yellow.
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
    /// Blue.
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// Vermillion.
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// Reddish purple.
    pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
}

/// Main text.
pub const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Secondary text (products, ticks, captions).
pub const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
/// Light band behind headings and empty cells.
pub const BAND: RGBColor = RGBColor(0xF0, 0xF0, 0xF0);
/// The highlighted (unggulan) bar: dark, so it stays dark in greyscale print.
pub const HIGHLIGHT: RGBColor = okabe_ito::BLUE;
/// Other bars: light, so dark and light differ in greyscale too.
pub const PLAIN: RGBColor = RGBColor(0xA9, 0xCF, 0xEA);

/// Segment colours for stacked bars (criteria), ordered so neighbours differ in lightness.
pub const SERIES: [RGBColor; 7] = [
    okabe_ito::BLUE,
    okabe_ito::YELLOW,
    okabe_ito::VERMILLION,
    okabe_ito::SKY_BLUE,
    okabe_ito::GREEN,
    okabe_ito::ORANGE,
    okabe_ito::PURPLE,
];

/// Whether text on a series colour should be white (dark fill) or black.
pub fn on_series(i: usize) -> RGBColor {
    ink_on(SERIES[i % SERIES.len()])
}

/// White as an `RGBColor`.
pub const WHITE_RGB: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// `c` mixed with white: `amount` 0 keeps it, 1 gives white.
pub fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (f64::from(v) + amount * (255.0 - f64::from(v))).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Whether text on `c` should be white (dark fill) or ink (light fill), by relative
/// luminance.
pub fn ink_on(c: RGBColor) -> RGBColor {
    let lum = 0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2);
    if lum < 140.0 { WHITE_RGB } else { INK }
}

/// A font of the bundled family.
pub fn font(size: f64, bold: bool) -> FontDesc<'static> {
    FontDesc::new(
        FontFamily::Name(FAMILY),
        size,
        if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        },
    )
}

/// Width of `text` in pixels (bitmap metrics; SVG text comes out slightly narrower).
pub fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    font(size, bold).box_size(text).map_or(0, |(w, _)| w as i32)
}

/// Greedy word wrap of `text` to lines of at most `max` pixels. Nothing is ever cut: a word
/// wider than a whole line is broken between characters.
pub fn wrap(text: &str, size: f64, bold: bool, max: i32) -> Vec<String> {
    let fits = |s: &str| text_width(s, size, bold) <= max;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word alone too wide for a line is broken where it must be.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Line height for a font size.
pub fn line_height(size: f64) -> i32 {
    (size * 1.2).round() as i32
}

/// Result of drawing on an area of backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `x` is the left end.
    Left,
    /// `x` is the middle.
    Center,
    /// `x` is the right end.
    Right,
}

/// Text style options for [`text`].
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// Font size.
    pub size: f64,
    /// Bold face.
    pub bold: bool,
    /// Colour.
    pub color: RGBColor,
    /// Horizontal anchor.
    pub align: Align,
}

impl Text {
    /// Regular, left-aligned text in the main ink.
    pub fn new(size: f64) -> Self {
        Text {
            size,
            bold: false,
            color: INK,
            align: Align::Left,
        }
    }
    /// Bold.
    pub fn bold(mut self, bold: bool) -> Self {
        self.bold = bold;
        self
    }
    /// In another colour.
    pub fn color(mut self, color: RGBColor) -> Self {
        self.color = color;
        self
    }
    /// Right-aligned.
    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }
    /// Centred.
    pub fn center(mut self) -> Self {
        self.align = Align::Center;
        self
    }
}

/// Draws one line of text whose visual middle is at `y`.
pub fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &str,
    t: Text,
    (x, y): (i32, i32),
) -> DrawResult<DB> {
    let h = match t.align {
        Align::Left => HPos::Left,
        Align::Center => HPos::Center,
        Align::Right => HPos::Right,
    };
    let style = TextStyle::from(font(t.size, t.bold))
        .color(&t.color)
        .pos(Pos::new(h, VPos::Center));
    // The backends put a centred line's baseline a little high (bitmap) or low (SVG); this
    // offset splits the difference so labels sit in the middle of their bars in both.
    area.draw_text(s, &style, (x, y + (t.size * 0.16).round() as i32))
}

/// Lines of text drawn top to bottom, each in its own style: a row's label (the name, then a
/// smaller muted line), a legend entry, a wrapped note. Laid out once, so the space a block
/// takes and what it draws cannot disagree.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    items: Vec<(String, Text)>,
}

impl Lines {
    /// No lines.
    pub fn new() -> Self {
        Lines::default()
    }

    /// `text` wrapped to `max` pixels in style `t` (nothing for empty text).
    pub fn wrapped(mut self, text: &str, t: Text, max: i32) -> Self {
        self.items.extend(
            wrap(text, t.size, t.bold, max)
                .into_iter()
                .map(|line| (line, t)),
        );
        self
    }

    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Height of the block.
    pub fn height(&self) -> i32 {
        self.items.iter().map(|(_, t)| line_height(t.size)).sum()
    }

    /// Width of the widest line.
    pub fn width(&self) -> i32 {
        self.items
            .iter()
            .map(|(s, t)| text_width(s, t.size, t.bold))
            .max()
            .unwrap_or(0)
    }

    /// Draws the block from `top`, each line anchored at `x` as its style says; returns the
    /// y below it.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (x, top): (i32, i32),
    ) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut y = top;
        for (s, t) in &self.items {
            let lh = line_height(t.size);
            text(area, s, *t, (x, y + lh / 2))?;
            y += lh;
        }
        Ok(y)
    }

    /// Draws the block centred vertically on `mid`.
    pub fn draw_around<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (x, mid): (i32, i32),
    ) -> DrawResult<DB> {
        self.draw(area, (x, mid - self.height() / 2)).map(|_| ())
    }
}

/// A row's label, right-aligned at its x: the name (bold for the unggulan), then a smaller
/// muted line (product, kelurahan), each wrapped to `max` pixels.
pub fn row_label(label: &str, sublabel: &str, bold: bool, max: i32) -> Lines {
    Lines::new()
        .wrapped(label, Text::new(size::LABEL).bold(bold).right(), max)
        .wrapped(sublabel, Text::new(size::SMALL).color(MUTED).right(), max)
}

/// The least height of a row of a bar-like chart, and the padding around its label.
pub const MIN_ROW: i32 = 68;
const ROW_PAD: i32 = 16;

/// Height of a row whose tallest content (label, text beside the bar) is `content` high.
pub fn row_height(content: i32) -> i32 {
    (content + ROW_PAD).max(MIN_ROW)
}

/// Draws a panel's rows over a value grid from `y`: the grid with its tick labels behind
/// rows of the given heights, each drawn by `row(i, top)`, and the axis baseline; returns the
/// y below the tick labels. Rows grow with their labels, so their heights come first.
pub fn rows_over_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    tick_label: &dyn Fn(f64) -> String,
    y: i32,
    heights: &[i32],
    mut row: impl FnMut(usize, i32) -> DrawResult<DB>,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let bottom = y + heights.iter().sum::<i32>();
    grid(area, scale, (y, bottom), Some(tick_label))?;
    let mut top = y;
    for (i, h) in heights.iter().enumerate() {
        row(i, top)?;
        top += h;
    }
    line(area, (scale.x0, y), (scale.x0, bottom), MUTED, 2)?;
    Ok(bottom + TICK_ROW + 12)
}

/// `text` wrapped across the chart, inside a panel's indent.
fn across(text: &str, t: Text) -> Lines {
    Lines::new().wrapped(text, t, WIDTH as i32 - 2 * MARGIN - 24)
}

/// A candidate's row label right-aligned at `label_right` (see [`row_label`]) and the height
/// of its row.
pub fn labelled_row(label: &str, sublabel: &str, bold: bool, label_right: i32) -> (Lines, i32) {
    let lines = row_label(label, sublabel, bold, label_right - MARGIN);
    let h = row_height(lines.height());
    (lines, h)
}

/// Vertical padding around a panel heading's text.
const HEADING_PAD: i32 = 10;

/// Draws a panel's heading band (one category of a chart), wrapped, from `y`; returns the y
/// below it.
pub fn panel_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let lines = across(title, Text::new(size::HEADING).bold(true));
    let bottom = y + lines.height() + 2 * HEADING_PAD + 12;
    rect(
        area,
        (MARGIN, y + 6),
        (WIDTH as i32 - MARGIN, bottom - 6),
        BAND,
    )?;
    lines.draw(area, (MARGIN + 12, y + 6 + HEADING_PAD))?;
    Ok(bottom)
}

/// Draws a panel's muted note (the verdict under a heading), wrapped, from `y`; returns the
/// y below it (unchanged for an empty note).
pub fn panel_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    note: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    if note.is_empty() {
        return Ok(y);
    }
    let lines = across(note, Text::new(size::SMALL).color(MUTED));
    Ok(lines.draw(area, (MARGIN + 12, y + 4))? + 6)
}

/// Draws muted small text (what an axis measures) wrapped between `x` and `right` from `y`;
/// returns the y below it.
pub fn note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &str,
    (x, y): (i32, i32),
    right: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    Lines::new()
        .wrapped(line, Text::new(size::SMALL).color(MUTED), right - x)
        .draw(area, (x, y))
}

/// Height of the band an empty panel shows.
const EMPTY_ROW: i32 = 80;

/// Draws an empty panel's message over a hatched band from `y`; returns the y below it.
pub fn empty_band<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    message: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let bottom = y + EMPTY_ROW;
    let (a, b) = ((MARGIN, y + 8), (WIDTH as i32 - MARGIN, bottom - 8));
    hatch(area, a, b, 24, true, GRID)?;
    let w = text_width(message, size::LABEL, false) + 32;
    let (cx, cy) = (WIDTH as i32 / 2, (y + bottom) / 2);
    rect(
        area,
        (cx - w / 2, cy - 24),
        (cx + w / 2, cy + 24),
        WHITE_RGB,
    )?;
    text(
        area,
        message,
        Text::new(size::LABEL).color(MUTED).center(),
        (cx, cy),
    )?;
    Ok(bottom)
}

/// A filled rectangle.
pub fn rect<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    c: RGBColor,
) -> DrawResult<DB> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))
}

/// A rectangle outline.
pub fn outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    c: RGBColor,
    width: u32,
) -> DrawResult<DB> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(width)))
}

/// A straight line.
pub fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    c: RGBColor,
    width: u32,
) -> DrawResult<DB> {
    area.draw(&PathElement::new(vec![a, b], c.stroke_width(width)))
}

/// Diagonal hatching inside a rectangle, so a fill is told apart without colour.
/// `rising` picks the direction (/ or \).
pub fn hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    spacing: i32,
    rising: bool,
    c: RGBColor,
) -> DrawResult<DB> {
    let (w, h) = (x1 - x0, y1 - y0);
    if w <= 0 || h <= 0 {
        return Ok(());
    }
    // Lines u + v = k (u across, v down from the top); clip each to the box.
    let mut k = spacing / 2;
    while k < w + h {
        let (ua, va) = (k.min(w), k - k.min(w));
        let (ub, vb) = (k - k.min(h), k.min(h));
        let map = |u: i32, v: i32| {
            if rising {
                (x0 + u, y0 + v)
            } else {
                (x1 - u, y0 + v)
            }
        };
        line(area, map(ua, va), map(ub, vb), c, 2)?;
        k += spacing;
    }
    Ok(())
}

/// The title block: title, subtitle lines, wrapped. Returns the y below it.
pub fn header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &[String],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = WIDTH as i32 - 2 * MARGIN;
    let mut lines = Lines::new().wrapped(title, Text::new(size::TITLE).bold(true), width);
    for s in subtitle {
        lines = lines.wrapped(s, Text::new(size::SUBTITLE).color(MUTED), width);
    }
    Ok(lines.draw(area, (MARGIN, MARGIN))? + 12)
}

/// Draws the one-line caption (wrapped should it be long) from `y`; returns the y below it.
pub fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    note(area, caption, (MARGIN, y + 8), WIDTH as i32 - MARGIN)
}

/// Round tick positions covering `0..=max` (about five of them).
pub fn ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0];
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    (0..)
        .map(|i| i as f64 * step)
        .take_while(|t| *t <= max + step * 1e-9)
        .collect()
}

/// A "nice" upper bound for an axis showing values up to `max`.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    (max / step).ceil() * step
}

/// Decimals a tick label needs: the fewest that show every tick exactly.
pub fn tick_decimals(ticks: &[f64]) -> usize {
    (0..4)
        .find(|&d| {
            ticks.iter().all(|t| {
                let x = t * 10f64.powi(d as i32);
                (x - x.round()).abs() < 1e-6
            })
        })
        .unwrap_or(4)
}

/// Maps values `0..=max` to pixels `x0..=x1`.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Pixel of value 0.
    pub x0: i32,
    /// Pixel of value `max`.
    pub x1: i32,
    /// Largest value.
    pub max: f64,
}

impl Scale {
    /// The pixel of a value (clamped to the axis).
    pub fn px(&self, v: f64) -> i32 {
        let t = if self.max > 0.0 {
            (v / self.max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.x0 + (t * f64::from(self.x1 - self.x0)).round() as i32
    }
}

/// Vertical grid lines for the ticks between `y0` and `y1`, labelled below when `labels`.
pub fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    (y0, y1): (i32, i32),
    labels: Option<&dyn Fn(f64) -> String>,
) -> DrawResult<DB> {
    for t in ticks(scale.max) {
        let x = scale.px(t);
        line(area, (x, y0), (x, y1), GRID, 1)?;
        if let Some(f) = labels {
            text(
                area,
                &f(t),
                Text::new(size::SMALL).color(MUTED).center(),
                (x, y1 + TICK_ROW / 2),
            )?;
        }
    }
    Ok(())
}

/// Height of a tick-label row under a grid.
pub const TICK_ROW: i32 = 52;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(1.0).len(), 6);
        assert_eq!(tick_decimals(&ticks(1.0)), 1);
        assert_eq!(tick_decimals(&ticks(0.5)), 1);
        assert_eq!(tick_decimals(&ticks(0.25)), 2);
        assert!((nice_max(0.37) - 0.4).abs() < 1e-12);
    }

    #[test]
    fn every_size_prints_at_8_pt_or_more() {
        for s in [
            size::TITLE,
            size::SUBTITLE,
            size::HEADING,
            size::LABEL,
            size::SMALL,
        ] {
            assert!(svg_points(s) >= MIN_POINTS, "{s} is {} pt", svg_points(s));
        }
    }

    #[test]
    fn long_text_wraps_and_nothing_is_cut() {
        assert!(register_fonts());
        let long = "Kelompok Usaha Bersama Pengolahan Hasil Perikanan Mina Bahari Sejahtera";
        let lines = wrap(long, size::SMALL, false, 400);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| text_width(l, size::SMALL, false) <= 400)
        );
        assert_eq!(lines.join(" "), long);
        // A single word wider than the line is broken, never dropped.
        let word = "Pengolahanhasilperikananminabaharisejahtera";
        let broken = wrap(word, size::LABEL, true, 200);
        assert!(broken.len() > 1);
        assert_eq!(broken.concat(), word);
        assert!(
            broken
                .iter()
                .all(|l| text_width(l, size::LABEL, true) <= 200)
        );
        assert_eq!(wrap("Pilang", size::LABEL, false, 300), ["Pilang"]);
    }
}
