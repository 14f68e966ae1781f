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

/// Font sizes (plotters units: the font's ascent-to-descent height in pixels). At 254 dpi,
/// 27 px is about 8 pt, the smallest size that stays comfortable in print.
pub mod size {
    /// Chart title.
    pub const TITLE: f64 = 40.0;
    /// Subtitle under the title.
    pub const SUBTITLE: f64 = 29.0;
    /// Panel headings.
    pub const HEADING: f64 = 32.0;
    /// Row labels and values.
    pub const LABEL: f64 = 28.0;
    /// Secondary labels, ticks, legend and caption.
    pub const SMALL: f64 = 24.0;
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
    if matches!(i % SERIES.len(), 0 | 2 | 4) {
        WHITE_RGB
    } else {
        INK
    }
}

/// White as an `RGBColor`.
pub const WHITE_RGB: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

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

/// `text` cut with an ellipsis so it fits `max` pixels.
pub fn fit(text: &str, size: f64, bold: bool, max: i32) -> String {
    if text_width(text, size, bold) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of characters kept.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if text_width(&s, size, bold) <= max {
            lo = mid
        } else {
            hi = mid - 1
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// `text` then `tail` in `max` pixels, cutting `text` rather than `tail` (a qualifier that
/// tells two names apart must survive the cut); all of it cut when `tail` alone is too wide.
pub fn fit_keeping_tail(text: &str, tail: &str, size: f64, bold: bool, max: i32) -> String {
    let whole = format!("{text}{tail}");
    let room = max - text_width(tail, size, bold);
    if text_width(&whole, size, bold) <= max || room < text_width("…", size, bold) {
        return fit(&whole, size, bold, max);
    }
    fit(text, size, bold, room) + tail
}

/// Greedy word wrap of `text` to lines of at most `max` pixels.
pub fn wrap(text: &str, size: f64, bold: bool, max: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size, bold) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Line height for a font size.
pub fn line_height(size: f64) -> i32 {
    (size * 1.25).round() as i32
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

/// Draws wrapped lines starting with the first line's middle at `y`; returns the y after them.
pub fn paragraph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
    t: Text,
    (x, y): (i32, i32),
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let lh = line_height(t.size);
    for (i, line) in lines.iter().enumerate() {
        text(area, line, t, (x, y + i as i32 * lh))?;
    }
    Ok(y + lines.len() as i32 * lh)
}

/// Height of a panel heading band (one category of a chart).
pub const PANEL_HEADING_ROW: i32 = 56;
/// Height of the note line under a panel heading.
pub const PANEL_NOTE_ROW: i32 = 36;

/// Draws a panel's heading band with its title at `y`; returns the y below it.
pub fn panel_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    rect(
        area,
        (MARGIN, y + 6),
        (WIDTH as i32 - MARGIN, y + PANEL_HEADING_ROW - 6),
        BAND,
    )?;
    let title = fit(title, size::HEADING, true, WIDTH as i32 - 2 * MARGIN - 24);
    text(
        area,
        &title,
        Text::new(size::HEADING).bold(true),
        (MARGIN + 12, y + PANEL_HEADING_ROW / 2),
    )?;
    Ok(y + PANEL_HEADING_ROW)
}

/// Draws a panel's muted note line at `y` (nothing for an empty note); returns the y below it.
pub fn panel_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    note: &str,
    y: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    if note.is_empty() {
        return Ok(y);
    }
    let note = fit(note, size::SMALL, false, WIDTH as i32 - 2 * MARGIN - 24);
    text(
        area,
        &note,
        Text::new(size::SMALL).color(MUTED),
        (MARGIN + 12, y + PANEL_NOTE_ROW / 2),
    )?;
    Ok(y + PANEL_NOTE_ROW)
}

/// Gap between one legend entry and the next.
pub const LEGEND_GAP: i32 = 36;

/// Draws a legend entry's text from `x` at `y`; returns the x where the next entry starts.
pub fn legend_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    (x, y): (i32, i32),
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    text(area, label, Text::new(size::SMALL), (x, y))?;
    Ok(x + text_width(label, size::SMALL, false) + LEGEND_GAP)
}

/// Draws a muted line of small text (what an axis measures) from `x` at `y`, cut to end
/// before `right`.
pub fn muted_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &str,
    (x, y): (i32, i32),
    right: i32,
) -> DrawResult<DB> {
    let line = fit(line, size::SMALL, false, right - x);
    text(area, &line, Text::new(size::SMALL).color(MUTED), (x, y))
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

/// The title block: title, subtitle lines. Returns the y below it.
pub fn header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &[String],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = WIDTH as i32 - 2 * MARGIN;
    let mut y = MARGIN + (size::TITLE / 2.0) as i32;
    let lines = wrap(title, size::TITLE, true, width);
    y = paragraph(area, &lines, Text::new(size::TITLE).bold(true), (MARGIN, y))?;
    let sub = subtitle
        .iter()
        .flat_map(|s| wrap(s, size::SUBTITLE, false, width))
        .collect::<Vec<_>>();
    y = paragraph(
        area,
        &sub,
        Text::new(size::SUBTITLE).color(MUTED),
        (MARGIN, y),
    )?;
    Ok(y + 8)
}

/// Height the title block takes (same layout as [`header`]).
pub fn header_height(title: &str, subtitle: &[String]) -> i32 {
    let width = WIDTH as i32 - 2 * MARGIN;
    let title_lines = wrap(title, size::TITLE, true, width).len() as i32;
    let sub_lines: i32 = subtitle
        .iter()
        .map(|s| wrap(s, size::SUBTITLE, false, width).len() as i32)
        .sum();
    MARGIN
        + (size::TITLE / 2.0) as i32
        + title_lines * line_height(size::TITLE)
        + sub_lines * line_height(size::SUBTITLE)
        + 8
}

/// Caption lines wrapped to the chart width.
pub fn caption_lines(caption: &[String]) -> Vec<String> {
    caption
        .iter()
        .flat_map(|c| wrap(c, size::SMALL, false, WIDTH as i32 - 2 * MARGIN))
        .collect()
}

/// Height of a wrapped caption plus the bottom margin.
pub fn caption_height(caption: &[String]) -> i32 {
    caption_lines(caption).len() as i32 * line_height(size::SMALL) + MARGIN
}

/// Draws the caption with its first line's middle at `y`.
pub fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &[String],
    y: i32,
) -> DrawResult<DB> {
    paragraph(
        area,
        &caption_lines(caption),
        Text::new(size::SMALL).color(MUTED),
        (MARGIN, y),
    )
    .map(|_| ())
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
                (x, y1 + 18),
            )?;
        }
    }
    Ok(())
}

/// Height of a tick-label row under a grid.
pub const TICK_ROW: i32 = 40;

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
    fn long_text_is_cut_with_an_ellipsis() {
        assert!(register_fonts());
        let long = "Kelompok Usaha Bersama Pengolahan Hasil Perikanan Mina Bahari Sejahtera";
        let cut = fit(long, size::LABEL, false, 300);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, size::LABEL, false) <= 300);
        assert_eq!(fit("Pilang", size::LABEL, false, 300), "Pilang");
        let kept = fit_keeping_tail(long, " (Wiroborang)", size::LABEL, false, 300);
        assert!(kept.ends_with("… (Wiroborang)"), "{kept}");
        assert!(text_width(&kept, size::LABEL, false) <= 300);
        assert_eq!(
            fit_keeping_tail("Pilang", " (P1)", size::LABEL, false, 300),
            "Pilang (P1)"
        );
        let lines = wrap(long, size::SMALL, false, 400);
        assert!(
            lines.len() > 1
                && lines
                    .iter()
                    .all(|l| text_width(l, size::SMALL, false) <= 400)
        );
    }
}
