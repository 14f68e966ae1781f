//! `index.html`: the whole report as one page a planner opens in a browser and prints.
//!
//! Self-contained: inline CSS (A4, print-friendly), no JavaScript, nothing fetched from the
//! internet. SVG charts are embedded in the page; other images are `<img>` links to the files of the same report folder, so the
//! page works offline as long as it stays next to them. The sections mirror `summary.md`.
//! Every text that comes from input data goes through [`escape`].

use crate::weights::WeightOrigin;
use std::fmt::Write;

use super::lang::{Lang, capitalise};
use super::method::{method_choices, ri_table_name};
use super::summary::{SensitivityIntro, fraction};
use super::{berita_acara, contents};
use crate::Analysis;
use crate::model::{Level, RegionRef, Study};
use crate::report::facts::Facts;
use crate::report::summary::{participants_sentence, tied_others};
use crate::score::Direction;
use crate::select::Group;

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

/// The sensitivity section of the page: the same opening as the summary's, then one verdict
/// per group.
pub struct SensitivitySection {
    /// How the analysis was run and what the verdicts mean.
    pub intro: SensitivityIntro,
    /// One row per group.
    pub rows: Vec<SensitivityVerdictRow>,
}

/// One group's sensitivity verdict for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityVerdictRow {
    /// The group the verdict is about, e.g. `Ketapang / agro`.
    pub group: String,
    /// The verdict in the report's language, e.g. `stabil`.
    pub verdict: String,
}

/// The style sheet shared by `index.html` and the berita acara: A4, serif-free, printable.
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

const INDEX_CSS: &str = r#"
.cover { border-top: 5pt solid #12355b; padding-top: 5mm; margin-bottom: 5mm; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8.4pt; color: #5b6670; margin: 0 0 2mm; }
.subtitle { font-size: 12.5pt; margin: 0 0 2mm; }
.toc { border: 0.6pt solid #9aa5b1; padding: 3mm 5mm; margin: 5mm 0; }
.toc h2 { border: none; margin: 0 0 1mm; padding: 0; break-before: auto; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { margin: 0.6mm 0; }
.toc li.sub { padding-left: 7mm; font-size: 9pt; }
.toc .n { display: inline-block; min-width: 8mm; color: #5b6670; }
dl.facts { display: grid; grid-template-columns: 55mm 1fr; gap: 1mm 4mm; margin: 2mm 0 4mm; }
dl.facts dt { font-weight: bold; color: #33414e; }
dl.facts dd { margin: 0; }
td .w { font-weight: bold; }
td .p { color: #5b6670; }
th.cat { text-transform: capitalize; }
.figs { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.figs.wide { grid-template-columns: 1fr; }
figure { margin: 0 0 3mm; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; border: 0.6pt solid #c9d1d9; background: #fff; }
figcaption { font-size: 8.4pt; color: #33414e; margin-top: 1mm; }
ul.files { columns: 2; padding-left: 5mm; }
figure .chart svg { width: 100%; height: auto; display: block; }
footer { margin-top: 10mm; border-top: 0.6pt solid #9aa5b1; padding-top: 2mm; font-size: 8.4pt; color: #5b6670; }
@media print {
  h2 { break-before: page; }
  .toc h2, .toc + h2 { break-before: auto; }
  table.method, table.unggulan { break-inside: avoid; }
  .figs { display: block; }
  .figs figure { display: inline-block; width: 49%; vertical-align: top; }
  .figs.wide figure { width: 100%; }
}
"#;

/// The kinds of chart, by file-name prefix, in report order: (prefix, anchor, Indonesian
/// title, English title, one chart per row).
const CHART_KINDS: [(&str, &str, &str, &str, bool); 6] = [
    (
        "charts/overview",
        "grafik-ikhtisar",
        "Ikhtisar",
        "Overview",
        true,
    ),
    (
        "charts/weights/",
        "grafik-bobot",
        "Bobot kriteria",
        "Criteria weights",
        false,
    ),
    (
        "charts/kelurahan/",
        "grafik-kelurahan",
        "Peringkat kelurahan",
        "Kelurahan rankings",
        false,
    ),
    (
        "charts/kecamatan/",
        "grafik-kecamatan",
        "Peringkat kecamatan",
        "Kecamatan rankings",
        false,
    ),
    (
        "charts/composition/",
        "grafik-komposisi",
        "Komposisi skor",
        "Score composition",
        false,
    ),
    (
        "charts/sensitivity/",
        "grafik-sensitivitas",
        "Analisis sensitivitas",
        "Sensitivity analysis",
        false,
    ),
];

const IMAGE_EXTENSIONS: [&str; 6] = ["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// The page being written: body text plus the table of contents, numbered as we go.
struct Page {
    body: String,
    toc: Vec<(bool, String, String, String)>,
    major: usize,
    minor: usize,
}

impl Page {
    fn h2(&mut self, id: &str, title: &str) {
        self.major += 1;
        self.minor = 0;
        let n = self.major.to_string();
        let _ = writeln!(self.body, "<h2 id=\"{id}\">{n}. {title}</h2>");
        self.toc.push((false, n, id.to_string(), title.to_string()));
    }

    fn h3(&mut self, id: &str, title: &str) {
        self.minor += 1;
        let n = format!("{}.{}", self.major, self.minor);
        let _ = writeln!(self.body, "<h3 id=\"{id}\">{n} {title}</h3>");
        self.toc.push((true, n, id.to_string(), title.to_string()));
    }
}

fn level_name(lang: Lang, level: Level) -> &'static str {
    match level {
        Level::Kelurahan => "kelurahan",
        Level::Kecamatan => "kecamatan",
        Level::Kota => lang.pick("kota", "city"),
    }
}

fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b {
        lang.pick("ya", "yes")
    } else {
        lang.pick("tidak", "no")
    }
}

/// A group's unggulan as a table cell: name, product, score; a tag when the FGD must decide.
fn winner_cell(study: &Study, lang: Lang, g: &Group, show_origin: bool) -> String {
    let mut cells = Vec::new();
    for e in g.winners() {
        let c = &study.candidates.list[e.candidate];
        let mut s = format!(
            "<span class=\"w\">{}</span><br><span class=\"p\">{}</span> · <span class=\"num\">{}</span>",
            escape(&c.name),
            escape(&c.product),
            lang.num(e.score, 4)
        );
        if show_origin {
            let _ = write!(
                s,
                "<br><span class=\"p small\">Kel. {}</span>",
                escape(&study.regions.kelurahan[c.kelurahan].name)
            );
        }
        cells.push(s);
    }
    if cells.is_empty() {
        return format!(
            "<span class=\"muted\">{}</span>",
            lang.pick("— (tidak ada kandidat)", "— (no candidates)")
        );
    }
    let mut s = cells.join("<br>");
    if g.tie_at_cut {
        let others = tied_others(study, g, escape);
        let _ = write!(
            s,
            " <span class=\"tag\">{}</span>",
            match lang {
                Lang::Id => format!("seri dengan {others}: diputuskan FGD"),
                Lang::En => format!("tied with {others}: FGD decides"),
            }
        );
    }
    s
}

/// What kind of chart a file is, from its folder under `charts/` (or its name, for the city
/// overview); `None` for files unggul does not write.
fn chart_kind(path: &str, lang: Lang) -> Option<&'static str> {
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
fn chart_caption(study: &Study, path: &str, lang: Lang) -> String {
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
    let caption = match chart_kind(path, lang) {
        Some(kind) if found.is_some() => format!("{kind}: {subject}"),
        Some(kind) => kind.to_string(),
        // Sentence case for a file unggul does not know: "my chart" reads "My chart".
        None => capitalise(&subject),
    };
    escape(&caption)
}

/// Charts to show: image files under `charts/`, one per name stem (SVG preferred, for print),
/// in file-name order.
fn chart_images(files: &[String]) -> Vec<&str> {
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
    for f in images {
        match chosen.iter_mut().find(|c| stem(c) == stem(f)) {
            Some(c) if rank(f) < rank(c) => *c = f,
            Some(_) => {}
            None => chosen.push(f),
        }
    }
    chosen
}

/// Renders `index.html`.
///
/// `files` are the names of the other files of the report folder (relative paths); the
/// images among them under `charts/` are shown in the charts section, grouped by kind
/// (`charts/overview*`, `charts/weights/`, `charts/kelurahan/`, `charts/kecamatan/`,
/// `charts/composition/`, `charts/sensitivity/`, then any others), and the page links to the
/// tables, the workbook and the berita acara. Without `sensitivity` the page has no
/// sensitivity section.
pub fn render_html(
    analysis: &Analysis,
    facts: &Facts,
    lang: Lang,
    files: &[String],
    sensitivity: Option<&SensitivitySection>,
    inline_svgs: &std::collections::HashMap<&str, &[u8]>,
) -> String {
    let study = &analysis.study;
    let panels = &analysis.panels;
    let selection = &analysis.selection;
    let m = &study.method;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let mut p = Page {
        body: String::new(),
        toc: Vec::new(),
        major: 0,
        minor: 0,
    };
    let cats: Vec<String> = study.categories.iter().map(|c| escape(c)).collect();
    let kel_level = study.level(Level::Kelurahan).map(|(i, _)| i);

    // Overview.
    let (kel_groups, filled) = facts
        .level(Level::Kelurahan)
        .map_or((0, 0), |c| (c.groups, c.filled));
    p.h2("ringkasan", l("Ringkasan", "Overview"));
    let overview: [(&str, String); 6] = [
        (
            l("Wilayah", "Area"),
            format!(
                "{} ({}): {} kelurahan, {} kecamatan",
                escape(&study.regions.name),
                escape(&study.regions.code),
                study.regions.kelurahan.len(),
                study.regions.kecamatan.len()
            ),
        ),
        (l("Kategori PUD", "PUD categories"), cats.join(", ")),
        (
            l("Kandidat UMKM", "Candidate UMKM"),
            study.candidates.list.len().to_string(),
        ),
        (
            l(
                "Kelompok kelurahan × kategori",
                "Kelurahan × category groups",
            ),
            format!(
                "{filled} {} {} {}; {} {}",
                l("dari", "of"),
                kel_groups,
                l("memiliki unggulan", "have an unggulan"),
                kel_groups - filled,
                l("kosong", "empty")
            ),
        ),
        (
            l("Peserta FGD", "FGD participants"),
            escape(&participants_sentence(facts, m.consistency_threshold, lang)),
        ),
        (
            l("Seri yang perlu diputuskan FGD", "Ties the FGD must decide"),
            facts.ties.len().to_string(),
        ),
    ];
    p.body.push_str("<dl class=\"facts\">\n");
    for (k, v) in overview {
        let _ = writeln!(p.body, "<dt>{k}</dt><dd>{v}</dd>");
    }
    p.body.push_str("</dl>\n");

    // Method.
    p.h2("metode", l("Metode", "Method"));
    let _ = writeln!(
        p.body,
        "<table class=\"method\"><thead><tr><th style=\"width:32%\">{}</th><th>{}</th></tr></thead><tbody>",
        l("Pilihan", "Choice"),
        l("Nilai", "Value")
    );
    for c in method_choices(m, lang) {
        let id =
            c.id.map_or_else(String::new, |id| format!(" (<code>{id}</code>)"));
        let _ = writeln!(
            p.body,
            "<tr><td>{}</td><td>{}{id}</td></tr>",
            c.choice,
            escape(&c.words)
        );
    }
    p.body.push_str("</tbody></table>\n");

    // Weights per level.
    p.h2("bobot", l("Bobot kriteria", "Criteria weights"));
    for (li, spec) in study.levels.iter().enumerate() {
        let set = &spec.criteria;
        p.h3(
            &format!("bobot-{}", spec.level.id()),
            &format!(
                "{} {} <span class=\"muted\">({})</span>",
                l("Tingkat", "Level:"),
                level_name(lang, spec.level),
                escape(lang.pick(&set.name_id, &set.name_en))
            ),
        );
        let _ = writeln!(
            p.body,
            "<table class=\"criteria\"><thead><tr><th class=\"num\">No</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            l("Kriteria", "Criterion"),
            l("Indikator", "Indicator"),
            l("Jenis", "Type")
        );
        for (k, &c) in set.leaves.iter().enumerate() {
            let crit = &set.criteria[c];
            let parent = crit.parent.map_or_else(String::new, |pi| {
                format!(
                    "<span class=\"muted\">{} › </span>",
                    escape(lang.pick(&set.criteria[pi].name_id, &set.criteria[pi].name_en))
                )
            });
            let kind = match crit.direction {
                Direction::Benefit => l("keuntungan (benefit)", "benefit"),
                Direction::Cost => l("biaya (cost)", "cost"),
            };
            let _ = writeln!(
                p.body,
                "<tr><td class=\"num\">{}</td><td>{parent}{}</td><td>{}</td><td>{kind}</td></tr>",
                k + 1,
                escape(lang.pick(&crit.name_id, &crit.name_en)),
                escape(lang.pick(&crit.indicator_id, &crit.indicator_en))
            );
        }
        p.body.push_str("</tbody></table>\n");
        let heads: String = (1..=set.leaves.len())
            .map(|k| format!("<th class=\"num\">{k}</th>"))
            .collect();
        let _ = writeln!(
            p.body,
            "<p class=\"small muted\">{}</p>",
            l(
                "Bobot global per kriteria (nomor kolom = nomor kriteria di atas); bobot terbesar tiap baris dicetak tebal. CR: rasio konsistensi terbesar dari matriks gabungan panel.",
                "Global weight per criterion (column number = criterion number above); each row's largest weight in bold. CR: the largest consistency ratio of the panel's aggregated matrices."
            )
        );
        let _ = writeln!(
            p.body,
            "<table class=\"weights\"><thead><tr><th>Panel</th>{heads}<th class=\"num\">CR</th></tr></thead><tbody>"
        );
        let weight_cells = |w: &[f64]| -> String {
            let max = w.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            w.iter()
                .map(|&x| {
                    let s = lang.num(x, 4);
                    if x >= max {
                        format!("<td class=\"num\"><strong>{s}</strong></td>")
                    } else {
                        format!("<td class=\"num\">{s}</td>")
                    }
                })
                .collect()
        };
        match &analysis.level_weights[li].fixed {
            Some((w, origin)) => {
                let label = match origin {
                    WeightOrigin::Equal => l("bobot sama", "equal weights").to_string(),
                    WeightOrigin::Objective(m) => {
                        format!("{} ({})", l("bobot objektif", "objective weights"), m.id())
                    }
                    _ => l("bobot ditetapkan", "explicit weights").to_string(),
                };
                let _ = writeln!(
                    p.body,
                    "<tr><td>{label}</td>{}<td class=\"num\">—</td></tr>",
                    weight_cells(w)
                );
            }
            None => {
                for pw in panels
                    .iter()
                    .filter(|pw| study.panels[pw.panel].level == li)
                {
                    let panel = &study.panels[pw.panel];
                    let cr = pw
                        .group_nodes
                        .iter()
                        .filter_map(|n| n.cr)
                        .fold(0.0_f64, f64::max);
                    let cr_cell = if cr > m.consistency_threshold {
                        format!("<td class=\"num bad\">{}</td>", lang.num(cr, 3))
                    } else {
                        format!("<td class=\"num\">{}</td>", lang.num(cr, 3))
                    };
                    let _ = writeln!(
                        p.body,
                        "<tr><td><span class=\"muted small\">{}</span> {}</td>{}{cr_cell}</tr>",
                        escape(study.regions.code_of(panel.region)),
                        escape(study.regions.name_of(panel.region)),
                        weight_cells(&pw.weights)
                    );
                }
            }
        }
        p.body.push_str("</tbody></table>\n");
    }

    // Consistency.
    p.h2(
        "konsistensi",
        l("Konsistensi penilaian", "Consistency of judgments"),
    );
    let _ = writeln!(
        p.body,
        "<p>{} CR ≤ {} ({} {}).</p>",
        l(
            "Penilaian berpasangan dianggap konsisten bila",
            "Pairwise judgments count as consistent when"
        ),
        lang.num(m.consistency_threshold, 2),
        l("tabel Indeks Random", "Random Index table"),
        escape(ri_table_name(m.ri_table))
    );
    let bad: Vec<(usize, usize)> = panels
        .iter()
        .enumerate()
        .flat_map(|(pi, pw)| {
            pw.participants
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.consistent)
                .map(move |(k, _)| (pi, k))
        })
        .collect();
    if panels.is_empty() {
        let _ = writeln!(
            p.body,
            "<p>{}</p>",
            l(
                "Tidak ada penilaian FGD: bobot ditetapkan dalam berkas studi.",
                "No FGD judgments: the weights are set in the study file."
            )
        );
    } else if bad.is_empty() {
        let _ = writeln!(
            p.body,
            "<p class=\"good\">{}</p>",
            l(
                "Semua peserta konsisten.",
                "Every participant is consistent."
            )
        );
    } else {
        let _ = writeln!(
            p.body,
            "<p>{}</p>",
            l(
                "Peserta berikut memiliki CR di atas ambang. Kolom terakhir menunjukkan penilaian yang paling perlu ditinjau ulang dan nilai yang konsisten dengan bobotnya (lengkap di <code>revisit.csv</code>).",
                "These participants have a CR above the threshold. The last column shows the judgment most worth revisiting and the value that would be consistent with their weights (all in <code>revisit.csv</code>)."
            )
        );
        let _ = writeln!(
            p.body,
            "<table><thead><tr><th>Panel</th><th>{}</th><th>{}</th><th class=\"num\">CR</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            l("Peserta", "Participant"),
            l("Peran", "Role"),
            l("Diikutkan", "Included"),
            l("Tinjau ulang", "Revisit")
        );
        for (pi, k) in bad {
            let pw = &panels[pi];
            let panel = &study.panels[pw.panel];
            let set = &study.levels[panel.level].criteria;
            let r = &pw.participants[k];
            let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
            let hint = r
                .revisit
                .first()
                .and_then(|(node, d)| d.first().map(|d| (node, d)))
                .map_or_else(String::new, |(node, d)| {
                    let ch = &set.nodes[*node].children;
                    let name = |c: usize| {
                        escape(lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en))
                    };
                    format!(
                        "{} vs {}: {} → {} <span class=\"muted\">({} {})</span>",
                        name(ch[d.row]),
                        name(ch[d.col]),
                        fraction(d.given, lang),
                        lang.num(d.consistent, 2),
                        l("skala Saaty terdekat", "nearest Saaty value"),
                        fraction(d.suggested_saaty, lang)
                    )
                });
            let person = &panel.participants[k];
            let _ = writeln!(
                p.body,
                "<tr><td><span class=\"muted small\">{}</span> {}</td><td>{}</td><td>{}</td><td class=\"num bad\">{}</td><td>{}</td><td>{hint}</td></tr>",
                escape(study.regions.code_of(panel.region)),
                escape(study.regions.name_of(panel.region)),
                escape(&person.id),
                escape(&person.role),
                lang.num(cr, 3),
                yes_no(lang, r.included)
            );
        }
        p.body.push_str("</tbody></table>\n");
    }
    if panels.iter().any(|p| p.nobody_consistent) {
        let _ = writeln!(
            p.body,
            "<p class=\"note\">{}</p>",
            l(
                "Catatan: pada panel yang semua pesertanya tidak konsisten, semua penilaian tetap diikutkan agar bobot tetap ada.",
                "Note: in panels where no participant is consistent, all judgments were kept so that the panel still has weights."
            )
        );
    }

    // Unggulan per kelurahan, grouped by kecamatan.
    p.h2(
        "unggulan-kelurahan",
        l("Unggulan kelurahan", "Kelurahan unggulan"),
    );
    let _ = writeln!(
        p.body,
        "<p>{}</p>",
        l(
            "Satu unggulan per kategori untuk setiap kelurahan, dengan nilai preferensi (0–1). Nama kelurahan menautkan ke draf berita acaranya.",
            "The unggulan per category of every kelurahan, with its preference score (0–1). Each kelurahan name links to its draft berita acara (minutes)."
        )
    );
    let cat_heads: String = cats
        .iter()
        .map(|c| format!("<th class=\"cat\">{c}</th>"))
        .collect();
    for (ki, kec) in study.regions.kecamatan.iter().enumerate() {
        p.h3(
            &format!("kecamatan-{}", ki + 1),
            &format!(
                "Kecamatan {} <span class=\"muted\">({})</span>",
                escape(&kec.name),
                escape(&kec.code)
            ),
        );
        let _ = writeln!(
            p.body,
            "<table class=\"unggulan\"><thead><tr><th style=\"width:17%\">Kelurahan</th>{cat_heads}</tr></thead><tbody>"
        );
        for (k, kel) in study
            .regions
            .kelurahan
            .iter()
            .enumerate()
            .filter(|(_, k)| k.kecamatan == ki)
        {
            let cells: String = (0..study.categories.len())
                .map(|c| {
                    let cell = analysis
                        .selection
                        .find(RegionRef::Kelurahan(k), c)
                        .map_or_else(String::new, |g| winner_cell(study, lang, g, false));
                    format!("<td>{cell}</td>")
                })
                .collect();
            let name = if kel_level.is_some() {
                format!(
                    "<a href=\"{}\">{}</a>",
                    url_path(&berita_acara::file_name(study, k)),
                    escape(&kel.name)
                )
            } else {
                escape(&kel.name)
            };
            let _ = writeln!(p.body, "<tr><td>{name}</td>{cells}</tr>");
        }
        p.body.push_str("</tbody></table>\n");
    }

    // Kecamatan and city unggulan.
    for level in [Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = selection.level(level).collect();
        if groups.is_empty() {
            continue;
        }
        let (id, title) = match level {
            Level::Kecamatan => (
                "unggulan-kecamatan",
                l("Unggulan kecamatan", "Kecamatan unggulan"),
            ),
            _ => ("unggulan-kota", l("Unggulan kota", "City unggulan")),
        };
        p.h2(id, title);
        let _ = writeln!(
            p.body,
            "<p>{}</p>",
            l(
                "Nominasi dari tingkat di bawahnya dibandingkan kembali dengan kriteria dan bobot tingkat ini.",
                "The nominees from the level below are compared again with this level's criteria and weights."
            )
        );
        let first = match level {
            Level::Kecamatan => "Kecamatan",
            _ => l("Kota", "City"),
        };
        let _ = writeln!(
            p.body,
            "<table class=\"unggulan\"><thead><tr><th style=\"width:17%\">{first}</th>{cat_heads}</tr></thead><tbody>"
        );
        let mut regions: Vec<RegionRef> = groups.iter().map(|g| g.region).collect();
        regions.dedup();
        for region in regions {
            let cells: String = (0..study.categories.len())
                .map(|c| {
                    let cell = analysis
                        .selection
                        .find(region, c)
                        .map_or_else(String::new, |g| winner_cell(study, lang, g, true));
                    format!("<td>{cell}</td>")
                })
                .collect();
            let _ = writeln!(
                p.body,
                "<tr><td>{}</td>{cells}</tr>",
                escape(study.regions.name_of(region))
            );
        }
        p.body.push_str("</tbody></table>\n");
    }

    if let Some(section) = sensitivity {
        p.h2(
            "sensitivitas",
            l("Analisis sensitivitas", "Sensitivity analysis"),
        );
        let intro = &section.intro;
        let _ = writeln!(p.body, "<p>{}</p>", escape(&intro.method));
        let _ = writeln!(p.body, "<p>{}:</p>\n<ul>", escape(intro.rules_label));
        for (word, condition) in &intro.rules {
            let _ = writeln!(
                p.body,
                "<li><em>{}</em> {}</li>",
                escape(word),
                escape(condition)
            );
        }
        p.body.push_str("</ul>\n");
        if !intro.notes.is_empty() {
            p.body.push_str("<ul>\n");
            for note in &intro.notes {
                let _ = writeln!(p.body, "<li>{}</li>", escape(note));
            }
            p.body.push_str("</ul>\n");
        }
        let _ = writeln!(p.body, "<p>{}</p>", escape(&intro.counts));
        let _ = writeln!(
            p.body,
            "<table><thead><tr><th style=\"width:35%\">{}</th><th>{}</th></tr></thead><tbody>",
            l("Kelompok", "Group"),
            l("Kesimpulan", "Verdict")
        );
        for row in &section.rows {
            let _ = writeln!(
                p.body,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&row.group),
                escape(&row.verdict)
            );
        }
        p.body.push_str("</tbody></table>\n");
    }

    if let Some(overview) = super::summary::scenario_overview(analysis, lang) {
        p.h2("skenario", l("Skenario pembobotan", "Weighting scenarios"));
        let _ = writeln!(p.body, "<p>{}</p>", escape(&overview.headline));
        p.body.push_str("<table><thead><tr>");
        for (k, h) in overview.header.iter().enumerate() {
            let class = if k == 0 { "" } else { " class=\"num\"" };
            let _ = write!(p.body, "<th{class}>{}</th>", escape(h));
        }
        p.body.push_str("</tr></thead><tbody>\n");
        for row in &overview.rows {
            p.body.push_str("<tr>");
            for (k, cell) in row.iter().enumerate() {
                let class = if k == 0 { "" } else { " class=\"num\"" };
                let _ = write!(p.body, "<td{class}>{}</td>", escape(cell));
            }
            p.body.push_str("</tr>\n");
        }
        p.body.push_str("</tbody></table>\n");
        let _ = writeln!(p.body, "<p>{}</p>", escape(overview.note));
        if !overview.changes.is_empty() {
            let _ = writeln!(p.body, "<p>{}</p>\n<ul>", escape(overview.changes_label));
            for c in &overview.changes {
                let _ = writeln!(p.body, "<li>{}</li>", escape(c));
            }
            p.body.push_str("</ul>\n");
        }
    }

    // Charts, one subsection per kind.
    let images = chart_images(files);
    if !images.is_empty() {
        p.h2("grafik", l("Grafik", "Charts"));
        let mut figure = 0;
        let mut shown = vec![false; images.len()];
        let kinds = CHART_KINDS
            .iter()
            .map(|&(prefix, id, tid, ten, wide)| (Some(prefix), id, lang.pick(tid, ten), wide));
        let other = std::iter::once((None, "grafik-lain", l("Grafik lain", "Other charts"), false));
        for (prefix, id, title, wide) in kinds.chain(other) {
            let members: Vec<usize> = (0..images.len())
                .filter(|&i| !shown[i] && prefix.is_none_or(|pre| images[i].starts_with(pre)))
                .collect();
            if members.is_empty() {
                continue;
            }
            p.h3(id, title);
            let _ = writeln!(
                p.body,
                "<div class=\"figs{}\">",
                if wide { " wide" } else { "" }
            );
            for i in members {
                shown[i] = true;
                figure += 1;
                let caption = chart_caption(study, images[i], lang);
                // SVG charts are embedded so the page stands alone (plotters escapes its text).
                match inline_svgs
                    .get(images[i])
                    .and_then(|b| std::str::from_utf8(b).ok())
                {
                    Some(svg) => {
                        let svg = svg.find("<svg").map_or(svg, |k| &svg[k..]);
                        let _ = writeln!(
                            p.body,
                            "<figure><div class=\"chart\" role=\"img\" aria-label=\"{caption}\">{svg}</div><figcaption>{} {figure}. {caption}</figcaption></figure>",
                            l("Gambar", "Figure"),
                        );
                    }
                    None => {
                        let _ = writeln!(
                            p.body,
                            "<figure><img src=\"{src}\" alt=\"{caption}\" loading=\"lazy\"><figcaption>{} {figure}. {caption}</figcaption></figure>",
                            l("Gambar", "Figure"),
                            src = url_path(images[i])
                        );
                    }
                }
            }
            p.body.push_str("</div>\n");
        }
    }

    // Things to decide and notes.
    if !facts.ties.is_empty() {
        p.h2(
            "seri",
            l(
                "Seri yang perlu diputuskan FGD",
                "Ties for the FGD to decide",
            ),
        );
        p.body.push_str("<ul>\n");
        for tie in &facts.ties {
            let g = &selection.groups[tie.group];
            let names: Vec<String> = tie
                .candidates
                .iter()
                .map(|&c| escape(&study.candidates.list[c].name))
                .collect();
            let _ = writeln!(
                p.body,
                "<li>{} {} / {}: {}</li>",
                level_name(lang, g.level),
                escape(study.regions.name_of(g.region)),
                escape(&study.categories[g.category]),
                names.join(", ")
            );
        }
        p.body.push_str("</ul>\n");
    }
    if !study.warnings.is_empty() {
        p.h2("catatan", l("Catatan", "Notes"));
        p.body.push_str("<ul>\n");
        for w in &study.warnings {
            let _ = writeln!(p.body, "<li>{}</li>", escape(w));
        }
        p.body.push_str("</ul>\n");
    }

    // Files.
    p.h2("berkas", l("Berkas", "Files"));
    // The berita acara get their own list below, and the charts are on this page.
    p.body.push_str("<ul>\n");
    let listed = contents::entries(files)
        .into_iter()
        .filter(|f| !f.ends_with('/'))
        .chain(std::iter::once("manifest.json"));
    for f in listed {
        let what = contents::describe(f, lang).map_or_else(String::new, |w| format!(": {w}"));
        let _ = writeln!(
            p.body,
            "<li><a href=\"{}\"><code>{}</code></a>{what}</li>",
            url_path(f),
            escape(f)
        );
    }
    p.body.push_str("</ul>\n");
    if kel_level.is_some() && !study.regions.kelurahan.is_empty() {
        let _ = writeln!(
            p.body,
            "<p>{}</p>\n<ul class=\"files\">",
            l(
                "Draf berita acara penetapan produk unggulan per kelurahan (untuk dicetak dan ditandatangani):",
                "Draft berita acara (minutes) per kelurahan, to print and sign:"
            )
        );
        for (k, kel) in study.regions.kelurahan.iter().enumerate() {
            let f = berita_acara::file_name(study, k);
            let _ = writeln!(
                p.body,
                "<li><a href=\"{}\">{}</a> <span class=\"muted small\">{}</span></li>",
                url_path(&f),
                escape(&kel.name),
                escape(&kel.code)
            );
        }
        p.body.push_str("</ul>\n");
    }

    // Assemble: head, cover, table of contents, body.
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">",
        l("id", "en")
    );
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(
        o,
        "<meta name=\"generator\" content=\"unggul {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        o,
        "<title>{}: {}</title>",
        l("Produk Unggulan Daerah", "Superior local products"),
        escape(&study.name)
    );
    let _ = writeln!(o, "<style>{BASE_CSS}{INDEX_CSS}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<header class=\"cover\">");
    let _ = writeln!(
        o,
        "<p class=\"kicker\">{}</p>",
        l(
            "Lampiran · Analisis multikriteria AHP–TOPSIS",
            "Annex · Multi-criteria analysis, AHP–TOPSIS"
        )
    );
    let _ = writeln!(
        o,
        "<h1>{}</h1>",
        l(
            "Rekomendasi Produk Unggulan Daerah",
            "Superior Local Product (PUD) recommendations"
        )
    );
    let _ = writeln!(o, "<p class=\"subtitle\">{}</p>", escape(&study.name));
    let _ = writeln!(
        o,
        "<p class=\"muted small\">{} ({}) · {} <code>{}</code> · unggul {}</p>",
        escape(&study.regions.name),
        escape(&study.regions.code),
        l("studi", "study"),
        escape(&study.id),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(o, "</header>");
    let note = lang.pick(&study.note_id, &study.note_en);
    if study.illustrative {
        let _ = writeln!(
            o,
            "<p class=\"note\"><strong>{}</strong> {}</p>",
            l("Data ilustratif.", "Illustrative data."),
            escape(note)
        );
    } else if !note.is_empty() {
        let _ = writeln!(o, "<p class=\"note\">{}</p>", escape(note));
    }
    let _ = writeln!(
        o,
        "<nav class=\"toc\">\n<h2>{}</h2>\n<ol>",
        l("Daftar isi", "Contents")
    );
    for (sub, n, id, title) in &p.toc {
        let _ = writeln!(
            o,
            "<li{}><a href=\"#{id}\"><span class=\"n\">{n}</span>{title}</a></li>",
            if *sub { " class=\"sub\"" } else { "" }
        );
    }
    let _ = writeln!(o, "</ol>\n</nav>");
    o.push_str(&p.body);
    let _ = writeln!(
        o,
        "<footer>{} unggul {}. {}</footer>\n</body>\n</html>",
        l("Dibuat dengan", "Made with"),
        env!("CARGO_PKG_VERSION"),
        l(
            "Angka lengkap ada di tabel CSV dan buku kerja Excel; pilihan metode dan hash berkas masukan ada di manifest.json.",
            "Full-precision numbers are in the CSV tables and the Excel workbook; method choices and input file hashes are in manifest.json."
        )
    );
    o
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
