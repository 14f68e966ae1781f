//! HTML pieces shared by the report and the berita acara: escaping, file links, the berita
//! acara's style sheet, and which charts a report folder holds with their captions. The report
//! page itself is rendered from the document model ([`super::doc`]).

use std::fmt::Write;

use super::lang::{Lang, capitalise};
use crate::model::Study;

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(ch),
        }
    }
    o
}

/// Percent-encodes a relative file path for an `href` or `src` (keeps `/`), so names with
/// spaces or `#` still link to the right file. The result needs no further HTML escaping.
pub fn url_path(path: &str) -> String {
    let mut o = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~') {
            o.push(char::from(b));
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

/// The berita acara's style sheet: A4, sans-serif, printable (the report's is
/// [`super::doc::stylesheet`]).
pub const BASE_CSS: &str = r#"
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { background: #eef1f4; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt;
  line-height: 1.4; color: #1a1a1a; background: #fff; max-width: 210mm; margin: 0 auto;
  padding: 14mm 14mm 18mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #12355b; }
h2 { font-size: 13pt; color: #12355b; border-bottom: 1.5pt solid #12355b; padding-bottom: 1mm;
  margin: 9mm 0 3mm; }
h3 { font-size: 11pt; color: #12355b; margin: 6mm 0 2mm; }
h2, h3 { break-after: avoid; }
p { margin: 1.5mm 0 2.5mm; }
a { color: #12355b; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.6pt; }
th, td { border: 0.6pt solid #9aa5b1; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
thead th { background: #dde5ee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tbody tr:nth-child(even) td { background: #f7f9fb; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.handwriting { width: 22%; }
.muted { color: #5b6670; }
.small { font-size: 8.4pt; }
.note { border-left: 3pt solid #b7791f; background: #fdf6e7; padding: 2mm 3mm; margin: 3mm 0; }
.bad { color: #9b1c1c; font-weight: bold; }
.good { color: #22543d; }
.tag { display: inline-block; border: 0.6pt solid #9b1c1c; color: #9b1c1c; border-radius: 1mm;
  padding: 0 1mm; font-size: 7.6pt; font-weight: bold; white-space: nowrap; }
@media print {
  html { background: #fff; }
  body { max-width: none; margin: 0; padding: 0; font-size: 9.6pt; }
  a { color: inherit; text-decoration: none; }
  .screen-only { display: none; }
}
"#;

const IMAGE_EXTENSIONS: [&str; 6] = ["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// What kind of chart a file is, from its folder under `charts/` (or its name, for the city
/// overview); `None` for files unggul does not write.
pub(crate) fn chart_kind(path: &str, lang: Lang) -> Option<&'static str> {
    let rest = path.strip_prefix("charts/").unwrap_or(path);
    let (id, en) = match rest.rsplit_once('/').map_or("", |(dir, _)| dir) {
        "" if rest.starts_with("overview") => ("Ikhtisar kota", "City overview"),
        "weights" => ("Bobot kriteria", "Criteria weights"),
        "kelurahan" | "kecamatan" => ("Peringkat kandidat", "Candidate ranking"),
        dir if dir.starts_with("composition") => ("Komposisi skor", "Score composition"),
        "sensitivity/gradient" => ("Gradien bobot", "Weight gradient"),
        "sensitivity/tornado" => ("Ambang kritis (tornado)", "Critical thresholds (tornado)"),
        "sensitivity/acceptability" => ("Akseptabilitas peringkat SMAA", "SMAA rank acceptability"),
        "sensitivity/scenarios" => ("Peringkat per skenario", "Ranks per scenario"),
        _ => return None,
    };
    Some(lang.pick(id, en))
}

/// A chart's caption: its kind, then the region it is about (when its code appears in the
/// name) and the rest of the name (level, category).
pub(crate) fn chart_caption(study: &Study, path: &str, lang: Lang) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let r = &study.regions;
    let codes = r
        .kelurahan
        .iter()
        .map(|k| (k.code.as_str(), k.name.as_str()))
        .chain(
            r.kecamatan
                .iter()
                .map(|k| (k.code.as_str(), k.name.as_str())),
        )
        .chain(std::iter::once((r.code.as_str(), r.name.as_str())));
    // The longest code found wins, so a kelurahan code is not read as its kecamatan's.
    let found = codes
        .filter(|(code, _)| !code.is_empty() && stem.contains(code))
        .max_by_key(|(code, _)| code.len());
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(['_', '-', ' ']).filter(|w| !w.is_empty())
    }
    let subject = match found {
        Some((code, name)) => {
            let mut parts = vec![format!("{name} ({code})")];
            parts.extend(words(&stem.replacen(code, "", 1)).map(String::from));
            parts.join(", ")
        }
        None => words(stem).collect::<Vec<_>>().join(" "),
    };
    match chart_kind(path, lang) {
        Some(kind) if found.is_some() => format!("{kind}: {subject}"),
        Some(kind) => kind.to_string(),
        // Sentence case for a file unggul does not know: "my chart" reads "My chart".
        None => capitalise(&subject),
    }
}

/// Charts to show: image files under `charts/`, one per name stem (SVG preferred, for print),
/// in file-name order.
pub(crate) fn chart_images(files: &[String]) -> Vec<&str> {
    let mut images: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| f.starts_with("charts/"))
        .filter(|f| {
            f.rsplit_once('.').is_some_and(|(_, ext)| {
                IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    images.sort_unstable();
    let rank = |f: &str| {
        let ext = f
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        IMAGE_EXTENSIONS
            .iter()
            .position(|e| *e == ext)
            .unwrap_or(IMAGE_EXTENSIONS.len())
    };
    let stem = |f: &str| f.rsplit_once('.').map_or(f, |(s, _)| s).to_string();
    let mut chosen: Vec<&str> = Vec::new();
    let mut slot: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in images {
        match slot.get(&stem(f)) {
            Some(&k) if rank(f) < rank(chosen[k]) => chosen[k] = f,
            Some(_) => {}
            None => {
                slot.insert(stem(f), chosen.len());
                chosen.push(f);
            }
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape(r#"a & "b" 'c'"#),
            "a &amp; &quot;b&quot; &#39;c&#39;"
        );
        assert_eq!(escape("Batik Manggur"), "Batik Manggur");
    }

    #[test]
    fn url_paths_are_percent_encoded() {
        assert_eq!(
            url_path("charts/kelurahan/35.74.01.1001_agro.png"),
            "charts/kelurahan/35.74.01.1001_agro.png"
        );
        assert_eq!(url_path("a b/\"x\"#.svg"), "a%20b/%22x%22%23.svg");
    }

    #[test]
    fn charts_prefer_svg_and_skip_non_images() {
        let files: Vec<String> = [
            "charts/b.png",
            "charts/b.svg",
            "charts/a.png",
            "charts/data.csv",
            "weights.csv",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(chart_images(&files), ["charts/a.png", "charts/b.svg"]);
    }
}
