//! Charts of the bundled study: produced, not blank, labelled, readable in print (every text
//! at least 8 pt at 16 cm, nothing cut), honest about what they show, deterministic.

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
    FILES.get_or_init(|| {
        render_charts(bundled(), Lang::Id, ChartPlan::default()).expect("charts render")
    })
}

/// Renders only the charts at `paths` (one by one, on this thread).
fn render_some(analysis: &Analysis, lang: Lang, paths: &[&str]) -> Vec<(String, Vec<u8>)> {
    let specs = chart_specs(analysis, lang, ChartPlan::default());
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

/// All the text of an SVG as one string, lines joined by spaces (a phrase may wrap).
fn joined(svg: &str) -> String {
    texts(svg).join(" ")
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
        assert!((600..4500).contains(&h), "{name}: height {h}");
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
    let specs = chart_specs(bundled(), Lang::Id, ChartPlan::default());
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
    blank.axis_label.clear();
    let draw = |s: &BarChartSpec| render(&Chart::Bars(s.clone()), "test").expect("render");
    let with = inspect_png(&draw(spec).png).2;
    let without = inspect_png(&draw(&blank).png).2;
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
    assert!(joined(weights).contains("CR kelompok 0,") && weights.contains("AHP"));
    assert!(weights.contains("Lapangan kerja"));
    let overview = svg(files, "charts/overview.svg");
    for k in &a.study.regions.kelurahan {
        assert!(
            joined(overview).contains(&k.name),
            "{} in the overview",
            k.name
        );
    }
    assert!(overview.contains("Kecamatan Kedopok"));
    let composition = svg(files, "charts/composition/kelurahan/35.74.04.1003.svg");
    assert!(composition.contains("Komposisi skor") && composition.contains("Sumber daya lokal"));
}

#[test]
fn english_labels_with_lang_en() {
    let files = &render_some(bundled(), Lang::En, &SAMPLE);
    let weights = svg(files, "charts/weights/35.74.04.1003.svg");
    assert!(weights.contains("Criteria weights") && joined(weights).contains("group CR 0."));
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
fn long_names_wrap_and_are_never_cut() {
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
        caption: long.repeat(3),
        lang: Lang::Id,
    };
    let r = render(&Chart::Bars(spec), "test").expect("render");
    assert!(!r.svg.contains('…'));
    // Every word of the name is drawn, in order, over the wrapped lines.
    let words: Vec<String> = texts(&r.svg)
        .iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let name: Vec<&str> = long.split_whitespace().collect();
    assert!(
        words.windows(name.len()).any(|w| w == name.as_slice()),
        "the whole name is drawn"
    );
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

/// Every chart of the study with sensitivity and scenarios, the on-request ones too, as
/// (path, SVG): enough to check text and layout of every kind without rasterising.
fn all_svgs() -> &'static Vec<(String, String)> {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let plan = ChartPlan {
            all: true,
            ..ChartPlan::default()
        };
        let specs = chart_specs(with_sensitivity(), Lang::Id, plan);
        specs
            .par_iter()
            .map(|(path, chart)| (path.clone(), render_svg(chart, path).expect("draws")))
            .collect()
    })
}

#[test]
fn sensitivity_charts_are_listed_per_group_and_region() {
    use crate::study::sensitivity::Verdict;
    let a = with_sensitivity();
    let s = a.sensitivity.as_ref().expect("sensitivity ran");
    let specs = chart_specs(a, Lang::Id, ChartPlan::default());
    let all = chart_specs(
        a,
        Lang::Id,
        ChartPlan {
            all: true,
            ..ChartPlan::default()
        },
    );
    let count = |specs: &[(String, Chart)], prefix: &str| {
        specs.iter().filter(|(p, _)| p.starts_with(prefix)).count()
    };
    let compared: Vec<_> = s
        .groups
        .iter()
        .filter(|g| a.selection.groups[g.group].entries.len() >= 2)
        .collect();
    let not_stable = compared
        .iter()
        .filter(|g| !matches!(g.verdict, Verdict::Stable { .. }))
        .count();
    assert!(not_stable > 0 && not_stable < compared.len());
    // By default a gradient only where the unggulan is not stable; on request, everywhere.
    assert_eq!(count(&specs, "sensitivity/gradient/"), not_stable);
    assert_eq!(count(&all, "sensitivity/gradient/"), compared.len());
    let regions = a.study.regions.kelurahan.len() + a.study.regions.kecamatan.len();
    for kind in ["tornado", "acceptability", "scenarios"] {
        let prefix = format!("sensitivity/{kind}/");
        assert_eq!(count(&all, &prefix), regions, "{kind} on request");
        let drawn = count(&specs, &prefix);
        assert!(drawn > 0 && drawn <= regions, "{kind}: {drawn} by default");
    }
    // A region whose every group is stable gets no tornado by default.
    let quiet = (0..a.study.regions.kelurahan.len()).find(|&k| {
        let region = crate::model::RegionRef::Kelurahan(k);
        compared.iter().all(|g| {
            a.selection.groups[g.group].region != region
                || matches!(g.verdict, Verdict::Stable { .. })
        })
    });
    if let Some(k) = quiet {
        let code = a
            .study
            .regions
            .code_of(crate::model::RegionRef::Kelurahan(k));
        let path = format!("sensitivity/tornado/kelurahan-{code}");
        assert!(!specs.iter().any(|(p, _)| *p == path));
        assert!(all.iter().any(|(p, _)| *p == path));
    }
    // The sensitivity charts come after the others, and every path is unique.
    let first = all
        .iter()
        .position(|(p, _)| p.starts_with("sensitivity/"))
        .expect("sensitivity charts");
    assert!(
        all[first..]
            .iter()
            .all(|(p, _)| p.starts_with("sensitivity/"))
    );
    let mut paths: Vec<&String> = all.iter().map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), all.len());
    for path in SENSITIVITY_SAMPLE {
        assert!(specs.iter().any(|(p, _)| p == path), "{path} listed");
    }
    // Without the stage, no sensitivity charts.
    assert_eq!(
        count(
            &chart_specs(
                bundled(),
                Lang::Id,
                ChartPlan {
                    all: true,
                    ..ChartPlan::default()
                }
            ),
            "sensitivity/"
        ),
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
        gradient.contains("→ ") || gradient.contains("← "),
        "critical lines name the new unggulan"
    );
    assert!(
        joined(gradient).contains("peka terhadap bobot"),
        "the verdict"
    );
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
    assert!(
        joined(tornado).contains("putusan: stabil") && joined(tornado).contains("putusan: peka")
    );

    assert!(
        svg(
            files,
            "charts/sensitivity/acceptability/kelurahan-35.74.01.1001.svg"
        )
        .contains(&format!("seed {}", s.spec.seed))
    );

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
    assert!(joined(scenarios).contains("Bobot awal") && scenarios.contains("entropi"));
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
    assert!(joined(gradient).contains("sensitive to the weight of"));
    assert!(texts(gradient).iter().any(|t| t == "0.5"));
    let tornado = svg(
        &files,
        "charts/sensitivity/tornado/kelurahan-35.74.01.1001.svg",
    );
    assert!(
        tornado.contains("Critical weight thresholds")
            && joined(tornado).contains("verdict: stable")
    );
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
            && joined(scenarios).contains("Equal weights")
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

/// Font sizes (CSS px) and the width of an SVG written by plotters.
fn font_sizes(svg: &str) -> (f64, Vec<f64>) {
    let attr = |s: &str, name: &str| -> Option<f64> {
        let rest = s.split_once(&format!("{name}=\""))?.1;
        rest.split_once('"')?.0.parse().ok()
    };
    let width = attr(svg, "width").expect("svg width");
    let sizes = svg
        .split("<text")
        .skip(1)
        .map(|t| attr(t, "font-size").expect("text has a font size"))
        .collect();
    (width, sizes)
}

#[test]
fn every_text_is_at_least_8_pt_when_printed_16_cm_wide() {
    let mut checked = 0;
    for (path, svg) in all_svgs() {
        let (width, sizes) = font_sizes(svg);
        assert!(!sizes.is_empty(), "{path} has text");
        for px in sizes {
            let pt = px * style::PRINT_WIDTH_PT / width;
            assert!(pt >= style::MIN_POINTS, "{path}: text of {pt:.2} pt");
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked} texts checked");
}

#[test]
fn nothing_is_cut_with_an_ellipsis() {
    for (path, svg) in all_svgs() {
        assert!(
            !texts(svg).iter().any(|t| t.contains('…')),
            "{path} cuts a label"
        );
    }
}

#[test]
fn every_kind_of_chart_is_checked() {
    for kind in [
        "kelurahan/",
        "kecamatan/",
        "overview",
        "weights/",
        "composition/",
        "sensitivity/gradient/",
        "sensitivity/tornado/",
        "sensitivity/acceptability/",
        "sensitivity/scenarios/",
    ] {
        assert!(
            all_svgs().iter().any(|(p, _)| p.starts_with(kind)),
            "{kind}"
        );
    }
}

#[test]
fn composition_shows_what_the_closeness_is_made_of() {
    let a = bundled();
    let mut rows = 0;
    for (path, chart) in chart_specs(a, Lang::Id, ChartPlan::default()) {
        let Chart::Composition(spec) = chart else {
            continue;
        };
        let (level, code) = path
            .strip_prefix("composition/")
            .and_then(|p| p.split_once('/'))
            .expect("composition path");
        let groups: Vec<_> = a
            .selection
            .groups
            .iter()
            .filter(|g| g.level.id() == level && a.study.regions.code_of(g.region) == code)
            .collect();
        assert_eq!(groups.len(), spec.panels.len(), "{path}");
        for (g, panel) in groups.iter().zip(&spec.panels) {
            assert_eq!(g.order.len(), panel.rows.len());
            for (&i, row) in g.order.iter().zip(&panel.rows) {
                let e = &g.entries[i];
                // The headline number is the engine's closeness, printed as the report does.
                assert!(row.score.to_bits() == e.score.to_bits(), "{path}");
                assert!(row.end_label.contains(&Lang::Id.num(e.score, 3)));
                // The solid part is C, the hatched rest 1 − C; the split agrees with D±.
                let solid: f64 = row.parts.iter().sum();
                let rest: f64 = row.rest.iter().sum();
                assert!(
                    (solid - e.score).abs() < 1e-12,
                    "{path}: {solid} vs {}",
                    e.score
                );
                assert!((solid + rest - 1.0).abs() < 1e-12, "{path}");
                assert_eq!(row.parts.len(), g.weights.len());
                rows += 1;
            }
            // Ordered by rank: the solid parts never grow down the panel.
            assert!(
                panel
                    .rows
                    .windows(2)
                    .all(|w| w[0].parts.iter().sum::<f64>() >= w[1].parts.iter().sum::<f64>())
            );
        }
    }
    assert!(rows > 300, "{rows} rows");
}

#[test]
fn namesakes_are_told_apart() {
    // Kedopok's Jrebeng Kulon (35.74.05.1001) has two agro UMKM named "UD Mutiara".
    let specs = chart_specs(bundled(), Lang::Id, ChartPlan::default());
    for (path, chart) in &specs {
        // Name and second line together (the second line carries the kelurahan above the
        // kelurahan level).
        let labels: Vec<(&String, &String)> = match chart {
            Chart::Bars(s) => s
                .panels
                .iter()
                .flat_map(|p| p.bars.iter().map(|b| (&b.label, &b.sublabel)))
                .collect(),
            Chart::Composition(s) => s
                .panels
                .iter()
                .flat_map(|p| p.rows.iter().map(|r| (&r.label, &r.sublabel)))
                .collect(),
            _ => continue,
        };
        // "3. UD Mutiara (JBK-AGR-02)": the part after the rank is unique in the chart.
        let mut names: Vec<(&str, &String)> = labels
            .iter()
            .map(|(l, sub)| (l.split_once(". ").map_or(l.as_str(), |(_, n)| n), *sub))
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "{path} repeats a name");
    }
    let (_, chart) = specs
        .iter()
        .find(|(p, _)| p == "kelurahan/35.74.05.1001")
        .expect("Jrebeng Kulon");
    let Chart::Bars(spec) = chart else {
        panic!("bars")
    };
    let mutiara = spec
        .panels
        .iter()
        .flat_map(|p| &p.bars)
        .filter(|b| b.label.contains("UD Mutiara ("))
        .count();
    assert_eq!(mutiara, 2, "both namesakes qualified");
}

#[test]
fn thresholds_at_the_ends_are_shown_as_ties_at_the_extreme() {
    let specs = chart_specs(
        with_sensitivity(),
        Lang::Id,
        ChartPlan {
            all: true,
            ..ChartPlan::default()
        },
    );
    let (mut extreme, mut critical) = (0, 0);
    for (path, chart) in &specs {
        let ends: Vec<&RangeEnd> = match chart {
            Chart::Tornado(s) => s
                .panels
                .iter()
                .flat_map(|p| &p.rows)
                .flat_map(|r| [&r.low, &r.high])
                .collect(),
            _ => continue,
        };
        for end in ends {
            let at_end = end.weight <= 1e-9 || end.weight >= 1.0 - 1e-9;
            match end.kind {
                EndKind::Critical => {
                    assert!(!at_end, "{path}: {} shown as a threshold", end.weight);
                    critical += 1;
                }
                EndKind::Extreme => {
                    assert!(at_end && end.text.contains("seri di ujung"), "{path}");
                    extreme += 1;
                }
                EndKind::Open => assert!(end.text.is_empty()),
            }
        }
    }
    assert!(
        extreme > 0 && critical > 0,
        "{extreme} extreme, {critical} critical"
    );
}

#[test]
fn scenario_marks_are_unique_and_every_winner_is_named() {
    let specs = chart_specs(
        with_sensitivity(),
        Lang::Id,
        ChartPlan {
            all: true,
            ..ChartPlan::default()
        },
    );
    let mut panels = 0;
    for (path, chart) in &specs {
        let Chart::ScenarioRanks(spec) = chart else {
            continue;
        };
        for panel in &spec.panels {
            let mut numbers: Vec<usize> = panel.lines.iter().map(|l| l.number).collect();
            numbers.sort_unstable();
            numbers.dedup();
            assert_eq!(numbers.len(), panel.lines.len(), "{path}: a shared mark");
            for k in 0..spec.columns.len() {
                for line in panel.lines.iter().filter(|l| l.ranks[k] == Some(1)) {
                    assert!(!line.label.is_empty(), "{path}: an unnamed winner");
                }
            }
            panels += 1;
        }
        // Every name is drawn: at the left of the base column, or in the key.
        let svg = &all_svgs().iter().find(|(p, _)| p == path).expect("drawn").1;
        let words: String = texts(svg).join(" ");
        for line in spec.panels.iter().flat_map(|p| &p.lines) {
            for w in line.label.split_whitespace() {
                assert!(words.contains(w), "{path}: {w} not drawn");
            }
        }
    }
    assert!(panels > 0);
}

#[test]
fn rank_colours_darken_to_lighten_in_order() {
    let lum = |c: plotters::style::RGBColor| {
        0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2)
    };
    for n in 2..=12 {
        let l: Vec<f64> = (0..n)
            .map(|r| lum(acceptability::rank_color(r, n)))
            .collect();
        assert!(l.windows(2).all(|w| w[1] > w[0] + 5.0), "{n}: {l:?}");
    }
}

#[test]
fn pngs_are_indexed_and_small() {
    let files = rendered();
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".png")) {
        let reader = png::Decoder::new(bytes.as_slice())
            .read_info()
            .expect("PNG header");
        assert_eq!(reader.info().color_type, png::ColorType::Indexed, "{name}");
    }
    let overview = file(files, "charts/overview.png").len();
    assert!(overview < 400_000, "overview PNG {overview} bytes");
}
