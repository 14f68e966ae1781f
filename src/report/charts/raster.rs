//! PNG output as small as the picture allows: a chart is a few flat colours plus the
//! anti-aliased edges between them, so it is written with a palette of at most 256 colours
//! (exact when the chart has no more, else median cut keeping every flat colour exact),
//! unfiltered (indices are labels, not intensities). The resolution is recorded so Word
//! places it 16 cm wide.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::style;

/// Colours a PNG palette holds.
const PALETTE: usize = 256;

/// Encodes RGB pixels (`w` x `h`, row-major) as an indexed PNG with a pHYs chunk.
///
/// # Errors
/// The encoder's error (cannot happen for a buffer of the right size).
pub fn encode(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let (palette, indices) = quantize(pixels);
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Indexed);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_palette(palette.iter().flatten().copied().collect::<Vec<u8>>());
    // `Best` saves about 4 % more for eight times the time; not worth it for 200 charts.
    enc.set_compression(png::Compression::Default);
    // Indices are labels, not intensities: differencing neighbours only adds noise.
    enc.set_filter(png::FilterType::NoFilter);
    let ppm = (style::DPI / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    let mut writer = enc.write_header()?;
    writer.write_image_data(&indices)?;
    writer.finish()?;
    Ok(out)
}

/// A multiply-rotate hash for colour keys: SipHash's protection against crafted keys is not
/// needed for pixels, and hashing is most of the time of quantising a chart.
#[derive(Default)]
struct ColourHasher(u64);

impl Hasher for ColourHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type ColourMap<V> = HashMap<[u8; 3], V, BuildHasherDefault<ColourHasher>>;

/// A colour and how many pixels have it.
#[derive(Debug, Clone, Copy)]
struct Count {
    rgb: [u8; 3],
    n: u64,
}

/// The palette and each pixel's index into it. Deterministic: the colours are handled in
/// sorted order, never in hash order.
fn quantize(pixels: &[u8]) -> (Vec<[u8; 3]>, Vec<u8>) {
    // Runs of one colour are the rule (white ground, flat fills): count a run at once.
    let mut counts: ColourMap<u64> = ColourMap::default();
    let mut run: Option<([u8; 3], u64)> = None;
    for p in pixels.chunks_exact(3) {
        let rgb = [p[0], p[1], p[2]];
        match &mut run {
            Some((c, n)) if *c == rgb => *n += 1,
            _ => {
                if let Some((c, n)) = run.replace((rgb, 1)) {
                    *counts.entry(c).or_insert(0) += n;
                }
            }
        }
    }
    if let Some((c, n)) = run {
        *counts.entry(c).or_insert(0) += n;
    }
    let mut colours: Vec<Count> = counts
        .into_iter()
        .map(|(rgb, n)| Count { rgb, n })
        .collect();
    colours.sort_unstable_by_key(|c| c.rgb);
    let palette = if colours.len() <= PALETTE {
        colours.iter().map(|c| c.rgb).collect()
    } else {
        median_cut(colours.clone())
    };
    let mut index: ColourMap<u8> = ColourMap::default();
    for c in &colours {
        index.insert(c.rgb, nearest(&palette, c.rgb));
    }
    let mut last = ([0u8; 3], None::<u8>);
    let indices = pixels
        .chunks_exact(3)
        .map(|p| {
            let rgb = [p[0], p[1], p[2]];
            match last {
                (c, Some(i)) if c == rgb => i,
                _ => {
                    let i = index[&rgb];
                    last = (rgb, Some(i));
                    i
                }
            }
        })
        .collect();
    (palette, indices)
}

/// Splits the colours into at most [`PALETTE`] boxes, the box with the most pixels times
/// its widest channel range first, at the pixel-weighted median of that channel. Each box
/// is represented by its most common colour, so flat fills and the white ground stay exact.
fn median_cut(colours: Vec<Count>) -> Vec<[u8; 3]> {
    let mut boxes = vec![colours];
    while boxes.len() < PALETTE {
        let Some((k, channel)) = boxes
            .iter()
            .enumerate()
            .filter_map(|(k, b)| {
                let (channel, range) = widest(b);
                let pixels: u64 = b.iter().map(|c| c.n).sum();
                (range > 0).then_some((k, channel, u64::from(range) * pixels))
            })
            .max_by(|a, b| a.2.cmp(&b.2).then(b.0.cmp(&a.0)))
            .map(|(k, channel, _)| (k, channel))
        else {
            break;
        };
        let mut b = boxes.swap_remove(k);
        b.sort_unstable_by_key(|c| (c.rgb[channel], c.rgb));
        let total: u64 = b.iter().map(|c| c.n).sum();
        let mut acc = 0;
        // The first colour past half the pixels, kept so that both halves are non-empty.
        let mut cut = b.len() - 1;
        for (i, c) in b.iter().enumerate() {
            acc += c.n;
            if 2 * acc >= total {
                cut = i + 1;
                break;
            }
        }
        let cut = cut.clamp(1, b.len() - 1);
        let upper = b.split_off(cut);
        boxes.push(b);
        boxes.push(upper);
    }
    let mut palette: Vec<[u8; 3]> = boxes
        .iter()
        .filter_map(|b| {
            b.iter()
                .max_by(|a, c| a.n.cmp(&c.n).then(c.rgb.cmp(&a.rgb)))
        })
        .map(|c| c.rgb)
        .collect();
    palette.sort_unstable();
    palette
}

/// The channel with the widest range in a box, and that range.
fn widest(b: &[Count]) -> (usize, u8) {
    (0..3)
        .map(|ch| {
            let lo = b.iter().map(|c| c.rgb[ch]).min().unwrap_or(0);
            let hi = b.iter().map(|c| c.rgb[ch]).max().unwrap_or(0);
            (ch, hi - lo)
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((0, 0))
}

/// Index of the palette colour nearest to `rgb` (squared distance, weighted 2:4:3 for how
/// the eye weighs red, green and blue).
fn nearest(palette: &[[u8; 3]], rgb: [u8; 3]) -> u8 {
    let d = |p: &[u8; 3]| {
        let e = |k: usize| i32::from(p[k]) - i32::from(rgb[k]);
        2 * e(0) * e(0) + 4 * e(1) * e(1) + 3 * e(2) * e(2)
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| d(p))
        .map_or(0, |(i, _)| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(bytes).read_info().expect("header");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("data");
        buf.truncate(info.buffer_size());
        (reader.info().color_type, buf)
    }

    #[test]
    fn few_colours_are_kept_exactly() {
        let px: Vec<u8> = [
            [255, 255, 255],
            [0, 114, 178],
            [26, 26, 26],
            [255, 255, 255],
        ]
        .iter()
        .flatten()
        .copied()
        .collect();
        let (palette, idx) = quantize(&px);
        assert_eq!(palette.len(), 3);
        let back: Vec<u8> = idx.iter().flat_map(|&i| palette[i as usize]).collect();
        assert_eq!(back, px);
        let (colour, _) = decode(&encode(&px, 2, 2).expect("encodes"));
        assert_eq!(colour, png::ColorType::Indexed);
    }

    #[test]
    fn many_colours_keep_the_common_ones_exact() {
        // A white ground with one flat blue, and a ramp of 1,000 rare colours.
        let mut px = Vec::new();
        for _ in 0..20_000 {
            px.extend([255, 255, 255]);
        }
        for _ in 0..5_000 {
            px.extend([0, 114, 178]);
        }
        for i in 0..1000u32 {
            px.extend([(i % 256) as u8, (i / 4 % 256) as u8, (i * 7 % 256) as u8]);
        }
        let (palette, idx) = quantize(&px);
        assert!(palette.len() <= PALETTE);
        assert_eq!(palette[idx[0] as usize], [255, 255, 255]);
        assert_eq!(palette[idx[20_000] as usize], [0, 114, 178]);
        // Same input, same palette.
        assert_eq!(quantize(&px), (palette, idx));
    }
}
