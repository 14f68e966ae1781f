//! Charts of the bundled study: produced, not blank, labelled, deterministic.

use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::model::Level;

fn bundled() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/probolinggo/study.toml");
        let study = crate::input::read_study(&path).expect("bundled study reads");
        crate::analyse(study).expect("bundled study analyses")
    })
}

/// Every chart of the bundled study, in Bahasa Indonesia, rendered once for all tests.
fn rendered() -> &'static Vec<(String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| render_charts(bundled(), Lang::Id).expect("charts render"))
}

/// Renders only the charts at `paths` (one by one, on this thread).
fn render_some(analysis: &Analysis, lang: Lang, paths: &[&str]) -> Vec<(String, Vec<u8>)> {
    let specs = chart_specs(analysis, lang);
    let mut out = Vec::new();
    for path in paths {
        let (_, chart) = specs
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no chart {path}"));
        let r = render(chart, path).expect("chart renders");
        out.push((format!("charts/{path}.png"), r.png));
        out.push((format!("charts/{path}.svg"), r.svg.into_bytes()));
    }
    out
}

const SAMPLE: [&str; 5] = [
    "kelurahan/35.74.04.1003",
    "kecamatan/35.74.04",
    "overview",
    "weights/35.74.04.1003",
    "composition/kelurahan/35.74.04.1003",
];

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

fn svg<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    std::str::from_utf8(file(files, name)).expect("SVG is UTF-8")
}

/// The text items of an SVG, unescaped.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1.split_once("</text>")?.0;
            Some(
                body.trim()
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

/// Decodes a PNG; returns (width, height, number of pixels that are not near-white, pHYs).
fn inspect_png(bytes: &[u8]) -> (u32, u32, usize, Option<png::PixelDimensions>) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("PNG header");
    let dims = reader.info().pixel_dims;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    let px = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let inked = px
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&c| c < 230))
        .count();
    (info.width, info.height, inked, dims)
}

fn lang_num(group: &crate::select::Group) -> String {
    Lang::Id.num(group.winners().next().expect("a winner").score, 3)
}

#[test]
fn every_region_panel_and_the_overview_get_a_png_and_an_svg() {
    let a = bundled();
    let files = rendered();
    let kel = a.study.regions.kelurahan.len();
    let kec = a.study.regions.kecamatan.len();
    let expected = kel + kec + 1 + a.panels.len() + kel + kec;
    assert_eq!(files.len(), 2 * expected);
    for (i, pair) in files.chunks(2).enumerate() {
        let stem = pair[0]
            .0
            .strip_suffix(".png")
            .unwrap_or_else(|| panic!("{i}: {} is not a PNG", pair[0].0));
        assert_eq!(pair[1].0, format!("{stem}.svg"));
        assert!(stem.starts_with("charts/"));
    }
    for name in [
        "charts/kelurahan/35.74.04.1003.png",
        "charts/kecamatan/35.74.04.png",
        "charts/overview.png",
        "charts/weights/35.74.04.1003.png",
        "charts/weights/35.74.04.png",
        "charts/composition/kelurahan/35.74.04.1003.png",
        "charts/composition/kecamatan/35.74.04.png",
    ] {
        file(files, name);
    }
}

#[test]
fn pngs_are_word_sized_and_not_blank() {
    for (name, bytes) in rendered().iter().filter(|(n, _)| n.ends_with(".png")) {
        let (w, h, inked, dims) = inspect_png(bytes);
        assert_eq!(w, style::WIDTH, "{name}");
        assert!((600..4000).contains(&h), "{name}: height {h}");
        // Text, bars and grid cover a fair share; a chart without fonts or bars would not.
        let share = inked as f64 / f64::from(w * h);
        assert!(
            share > 0.04,
            "{name}: only {:.1}% of pixels drawn",
            share * 100.0
        );
        let dims = dims.expect("pHYs chunk");
        assert_eq!(dims.xppu, 10_000, "{name}: 254 dpi");
    }
}

#[test]
fn text_is_drawn_in_the_png() {
    // A chart with its text removed would still have bars: compare against a text-free
    // rendering of the same spec to prove the bundled font drew glyphs.
    let specs = chart_specs(bundled(), Lang::Id);
    let (_, chart) = specs
        .iter()
        .find(|(p, _)| p == "kelurahan/35.74.04.1003")
        .expect("spec");
    let Chart::Bars(spec) = chart else {
        panic!("bar chart expected")
    };
    let mut blank = spec.clone();
    blank.title.clear();
    blank.subtitle.clear();
    blank.caption.clear();
    let with = inspect_png(&bar_chart(spec).expect("render").png).2;
    let without = inspect_png(&bar_chart(&blank).expect("render").png).2;
    assert!(
        with > without + 20_000,
        "title and caption add ink: {with} vs {without} pixels"
    );
}

#[test]
fn svgs_carry_the_expected_labels_in_indonesian() {
    let a = bundled();
    let files = rendered();
    let kel = svg(files, "charts/kelurahan/35.74.04.1003.svg");
    assert!(kel.contains("Kelurahan Kanigaran"));
    let group = a
        .selection
        .level(Level::Kelurahan)
        .find(|g| a.study.regions.code_of(g.region) == "35.74.04.1003")
        .expect("Kanigaran group");
    let winner = &a.study.candidates.list[group.winners().next().expect("a winner").candidate];
    assert!(
        kel.contains(&winner.name),
        "winner {} labelled",
        winner.name
    );
    assert!(kel.contains("★ unggulan"));
    assert!(kel.contains("Agro") && kel.contains("Kerajinan") && kel.contains("Budaya"));
    let items = texts(kel);
    assert!(
        items.iter().any(|t| t == "0,6"),
        "Indonesian decimal comma on the axis"
    );
    assert!(
        items.iter().any(|t| t == &lang_num(group)),
        "the winner's score, written 0,xxx"
    );
    assert!(
        !items.iter().any(|t| t.starts_with("0.")),
        "no decimal point in Indonesian output"
    );
    assert!(kel.contains("DejaVu Sans"));
    let weights = svg(files, "charts/weights/35.74.04.1003.svg");
    assert!(weights.contains("Bobot kriteria"));
    assert!(weights.contains("Indeks Random (RI)") && weights.contains("CR = 0,"));
    assert!(weights.contains("Lapangan kerja"));
    let overview = svg(files, "charts/overview.svg");
    for k in &a.study.regions.kelurahan {
        assert!(overview.contains(&k.name), "{} in the overview", k.name);
    }
    assert!(overview.contains("Kecamatan Kedopok"));
    let composition = svg(files, "charts/composition/kelurahan/35.74.04.1003.svg");
    assert!(composition.contains("Komposisi skor") && composition.contains("Sumber daya lokal"));
}

#[test]
fn english_labels_with_lang_en() {
    let files = &render_some(bundled(), Lang::En, &SAMPLE);
    let weights = svg(files, "charts/weights/35.74.04.1003.svg");
    assert!(weights.contains("Criteria weights") && weights.contains("Random Index (RI)"));
    assert!(weights.contains("Job creation"));
    assert!(
        texts(weights).iter().any(|t| t.starts_with("0.")),
        "English decimal point"
    );
    let kel = svg(files, "charts/kelurahan/35.74.04.1003.svg");
    assert!(kel.contains("Candidate ranking") && kel.contains("considered"));
}

#[test]
fn empty_groups_are_visible_in_the_overview_and_the_ranking() {
    let mut a = bundled().clone();
    let g = a
        .selection
        .groups
        .iter_mut()
        .find(|g| g.level == Level::Kelurahan)
        .expect("a group");
    g.entries.clear();
    g.order.clear();
    let code = a.study.regions.code_of(g.region).to_string();
    let paths = [
        "overview".to_string(),
        format!("kelurahan/{code}"),
        format!("composition/kelurahan/{code}"),
    ];
    let files = render_some(
        &a,
        Lang::Id,
        &paths.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(svg(&files, "charts/overview.svg").contains("tidak ada kandidat"));
    assert!(svg(&files, &format!("charts/kelurahan/{code}.svg")).contains("tidak ada kandidat"));
    assert!(
        svg(&files, &format!("charts/composition/kelurahan/{code}.svg"))
            .contains("tidak ada kandidat")
    );
}

#[test]
fn two_renders_give_the_same_bytes() {
    // The first render is parallel (rayon), the second sequential: same bytes either way.
    let first = rendered();
    for (name, bytes) in render_some(bundled(), Lang::Id, &SAMPLE) {
        assert!(
            file(first, &name) == bytes.as_slice(),
            "{name} differs between renders"
        );
    }
}

#[test]
fn long_names_are_cut_not_clipped() {
    let long = "Kelompok Usaha Bersama Pengolahan Hasil Perikanan dan Kelautan Mina Bahari Sejahtera Abadi";
    let spec = BarChartSpec {
        title: "Uji".into(),
        subtitle: vec![],
        panels: vec![BarPanel {
            title: "Agro".into(),
            bars: vec![Bar {
                label: long.into(),
                sublabel: long.into(),
                value: 0.5,
                value_label: "0,500".into(),
                highlight: true,
                note: "★ unggulan".into(),
            }],
            empty: String::new(),
        }],
        max: 1.0,
        highlight_legend: "unggulan".into(),
        plain_legend: String::new(),
        axis_label: String::new(),
        caption: vec![long.repeat(3)],
        lang: Lang::Id,
    };
    let r = bar_chart(&spec).expect("render");
    assert!(r.svg.contains("Kelompok Usaha Bersama") && r.svg.contains('…'));
    assert!(!r.svg.contains(&format!(">{long}<")));
}

/// The bundled study with sensitivity (300 SMAA samples, to keep the test quick) and scenarios.
fn with_sensitivity() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/probolinggo/study.toml");
        let mut study = crate::input::read_study(&path).expect("bundled study reads");
        study.sensitivity.samples = 300;
        crate::run_study(study, crate::RunOptions::default(), &|_, _, _| {})
            .expect("bundled study runs")
    })
}

/// Ketapang (35.74.01.1001): its budaya unggulan is sensitive, so it gets a gradient too.
const SENSITIVITY_SAMPLE: [&str; 4] = [
    "sensitivity/gradient/kelurahan-35.74.01.1001-budaya",
    "sensitivity/tornado/kelurahan-35.74.01.1001",
    "sensitivity/acceptability/kelurahan-35.74.01.1001",
    "sensitivity/scenarios/kelurahan-35.74.01.1001",
];

fn sensitivity_rendered() -> &'static Vec<(String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| render_some(with_sensitivity(), Lang::Id, &SENSITIVITY_SAMPLE))
}

#[test]
fn sensitivity_charts_are_listed_per_group_and_region() {
    use crate::study::sensitivity::Verdict;
    let a = with_sensitivity();
    let s = a.sensitivity.as_ref().expect("sensitivity ran");
    let specs = chart_specs(a, Lang::Id);
    let count = |prefix: &str| specs.iter().filter(|(p, _)| p.starts_with(prefix)).count();
    let not_stable = s
        .groups
        .iter()
        .filter(|g| a.selection.groups[g.group].entries.len() >= 2)
        .filter(|g| !matches!(g.verdict, Verdict::Stable { .. }))
        .count();
    assert!(not_stable > 0 && not_stable < s.groups.len());
    assert_eq!(count("sensitivity/gradient/"), not_stable);
    let regions = a.study.regions.kelurahan.len() + a.study.regions.kecamatan.len();
    assert_eq!(count("sensitivity/tornado/"), regions);
    assert_eq!(count("sensitivity/acceptability/"), regions);
    assert_eq!(count("sensitivity/scenarios/"), regions);
    // The sensitivity charts come after the others, and every path is unique.
    let first = specs
        .iter()
        .position(|(p, _)| p.starts_with("sensitivity/"))
        .expect("sensitivity charts");
    assert!(
        specs[first..]
            .iter()
            .all(|(p, _)| p.starts_with("sensitivity/"))
    );
    let mut paths: Vec<&String> = specs.iter().map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), specs.len());
    for path in SENSITIVITY_SAMPLE {
        assert!(specs.iter().any(|(p, _)| p == path), "{path} listed");
    }
    // Without the stage, no sensitivity charts.
    assert_eq!(
        chart_specs(bundled(), Lang::Id)
            .iter()
            .filter(|(p, _)| p.starts_with("sensitivity/"))
            .count(),
        0
    );
}

#[test]
fn sensitivity_pngs_are_word_sized_and_not_blank() {
    for (name, bytes) in sensitivity_rendered()
        .iter()
        .filter(|(n, _)| n.ends_with(".png"))
    {
        let (w, h, inked, dims) = inspect_png(bytes);
        assert_eq!(w, style::WIDTH, "{name}");
        assert!((600..4000).contains(&h), "{name}: height {h}");
        let share = inked as f64 / f64::from(w * h);
        assert!(
            share > 0.04,
            "{name}: only {:.1}% of pixels drawn",
            share * 100.0
        );
        assert_eq!(dims.expect("pHYs chunk").xppu, 10_000, "{name}: 254 dpi");
    }
}

#[test]
fn sensitivity_svgs_carry_the_expected_labels_in_indonesian() {
    let a = with_sensitivity();
    let s = a.sensitivity.as_ref().expect("sensitivity ran");
    let files = sensitivity_rendered();
    let gradient = svg(
        files,
        "charts/sensitivity/gradient/kelurahan-35.74.01.1001-budaya.svg",
    );
    assert!(gradient.contains("Gradien bobot: Kelurahan Ketapang · Budaya"));
    for name in ["Sumber daya lokal", "Wirausaha baru", "Nilai tambah"] {
        assert!(gradient.contains(name), "criterion {name} in the gradient");
    }
    assert!(gradient.contains("bobot awal 0,") && gradient.contains("bobot kritis"));
    assert!(
        gradient.contains("→ "),
        "critical lines name the new unggulan"
    );
    assert!(gradient.contains("peka terhadap bobot"), "the verdict");
    assert!(gradient.contains(&format!("seed {}", s.spec.seed)));
    assert!(gradient.contains("300 sampel bobot"), "the sample count");
    let items = texts(gradient);
    assert!(
        items.iter().any(|t| t == "0,5"),
        "decimal comma on the axis"
    );
    assert!(!items.iter().any(|t| t.starts_with("0.")));

    let tornado = svg(
        files,
        "charts/sensitivity/tornado/kelurahan-35.74.01.1001.svg",
    );
    assert!(tornado.contains("Ambang kritis bobot") && tornado.contains("Triantaphyllou"));
    assert!(
        tornado.contains("Agro") && tornado.contains("Kerajinan") && tornado.contains("Budaya")
    );
    assert!(tornado.contains("tetap pada bobot 0–1"));
    assert!(tornado.contains("putusan: stabil") && tornado.contains("putusan: peka"));

    let acceptability = svg(
        files,
        "charts/sensitivity/acceptability/kelurahan-35.74.01.1001.svg",
    );
    assert!(acceptability.contains("Penerimaan peringkat (SMAA-2)"));
    assert!(acceptability.contains("peringkat 1") && acceptability.contains("★"));
    // The unggulan's rank-1 share, as printed in the summary (one decimal, percent sign).
    let group = a
        .selection
        .level(Level::Kelurahan)
        .position(|g| a.study.regions.code_of(g.region) == "35.74.01.1001")
        .expect("Ketapang");
    let gs = s
        .groups
        .iter()
        .find(|g| g.group == group)
        .expect("agro results");
    let winner = a.selection.groups[group].order[0];
    let share = gs.smaa.as_ref().expect("SMAA").acceptability(winner, 0);
    let label = format!("{} %", Lang::Id.num(share * 100.0, 1));
    assert!(texts(acceptability).contains(&label), "{label} printed");

    let scenarios = svg(
        files,
        "charts/sensitivity/scenarios/kelurahan-35.74.01.1001.svg",
    );
    assert!(scenarios.contains("Peringkat menurut skenario bobot"));
    assert!(scenarios.contains("Bobot awal") && scenarios.contains("entropi"));
    assert!(scenarios.contains("unggulan"));
}

#[test]
fn sensitivity_charts_in_english() {
    let files = render_some(with_sensitivity(), Lang::En, &SENSITIVITY_SAMPLE);
    let gradient = svg(
        &files,
        "charts/sensitivity/gradient/kelurahan-35.74.01.1001-budaya.svg",
    );
    assert!(gradient.contains("Weight gradient") && gradient.contains("Local resources"));
    assert!(gradient.contains("sensitive to the weight of"));
    assert!(texts(gradient).iter().any(|t| t == "0.5"));
    let tornado = svg(
        &files,
        "charts/sensitivity/tornado/kelurahan-35.74.01.1001.svg",
    );
    assert!(tornado.contains("Critical weight thresholds") && tornado.contains("verdict: stable"));
    let acceptability = svg(
        &files,
        "charts/sensitivity/acceptability/kelurahan-35.74.01.1001.svg",
    );
    assert!(acceptability.contains("Rank acceptability") && acceptability.contains("rank 1"));
    let scenarios = svg(
        &files,
        "charts/sensitivity/scenarios/kelurahan-35.74.01.1001.svg",
    );
    assert!(
        scenarios.contains("Ranks across weighting scenarios")
            && scenarios.contains("Equal weights")
    );
}

#[test]
fn sensitivity_charts_render_the_same_bytes_twice() {
    let first = sensitivity_rendered();
    let second = render_some(with_sensitivity(), Lang::Id, &SENSITIVITY_SAMPLE);
    for (name, bytes) in &second {
        assert!(
            file(first, name) == bytes.as_slice(),
            "{name} differs between renders"
        );
    }
}
