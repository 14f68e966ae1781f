//! Report stage: tables, summary, workbook, berita acara, `index.html` and manifest from
//! finished results. Never recomputes a score.

pub mod annex;
pub mod berita_acara;
pub mod charts;
pub mod contents;
pub mod doc;
pub mod docx;
pub mod explore;
pub mod facts;
pub mod html;
pub mod lang;
pub mod manifest;
pub mod method;
pub mod output;
pub mod results;
pub mod robustness;
pub mod study_report;
pub mod summary;
pub mod tables;
pub mod wording;
pub mod xlsx;

use std::path::{Path, PathBuf};

pub use lang::Lang;
pub use output::OutputError;

use rayon::prelude::*;

use crate::Analysis;
use crate::input::study::sha256_hex;
use crate::model::Level;
use crate::select::Group;

/// What to write and how.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Language of the summary.
    pub lang: Lang,
    /// The command line, recorded in the manifest.
    pub command_line: Vec<String>,
    /// Which files to write.
    pub scope: Scope,
    /// Whether to draw the charts (PNG and SVG under `charts/`).
    pub charts: bool,
    /// Also draw the charts that add nothing to the tables (a stable group's gradient, a
    /// region where every group is stable); see [`charts::ChartPlan`].
    pub all_charts: bool,
    /// Write a PNG beside every SVG chart even for a large study (a city's report always
    /// has them; see [`is_large`]).
    pub png: bool,
}

/// Above this many kelurahan a report is split: a main page with one page per kecamatan,
/// and charts as SVG only unless PNGs are asked for. A city has at most about 150 kelurahan
/// (Kota Surabaya 153); a kabupaten's 300–900 desa make one page too big to open or print.
pub const SPLIT_ABOVE_KELURAHAN: usize = 160;

/// Whether a study's report is split into a main page and one page per kecamatan.
pub fn is_large(study: &crate::model::Study) -> bool {
    study.regions.kelurahan.len() > SPLIT_ABOVE_KELURAHAN
}

/// Which files a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything (`unggul run`).
    Full,
    /// Sensitivity and scenario tables with the summary (`unggul sensitivity`).
    Robustness,
}

/// Every report file as (name, bytes), manifest last, in a fixed order.
///
/// # Errors
/// A chart cannot be drawn (see [`charts::ChartError`]).
pub fn render(
    analysis: &Analysis,
    options: &ReportOptions,
) -> Result<Vec<(String, Vec<u8>)>, charts::ChartError> {
    let study = &analysis.study;
    let facts = facts::Facts::of(analysis);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let full = options.scope == Scope::Full;
    if full {
        files.push((
            "weights.csv".into(),
            tables::weights_table(study, &analysis.panels, &analysis.level_weights),
        ));
        files.push((
            "consistency.csv".into(),
            tables::consistency_table(study, &analysis.panels),
        ));
        files.push((
            "revisit.csv".into(),
            tables::revisit_table(study, &analysis.panels),
        ));
    }
    for level in [Level::Kelurahan, Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = analysis.selection.level(level).collect();
        if !full || study.level(level).is_none() {
            continue;
        }
        files.push((
            format!("ranking_{}.csv", level.id()),
            tables::ranking_table(study, &groups, level),
        ));
        files.push((
            format!("unggulan_{}.csv", level.id()),
            tables::unggulan_table(study, &groups, level),
        ));
    }
    if full {
        files.push((format!("{}.csv", annex::STEM), annex::table(analysis)));
    }
    if let Some(s) = &analysis.sensitivity {
        files.push((
            "stability.csv".into(),
            robustness::stability_table(analysis, s),
        ));
        files.push((
            "sensitivity_thresholds.csv".into(),
            robustness::thresholds_table(analysis, s),
        ));
        files.push((
            "sensitivity_sweeps.csv".into(),
            robustness::sweeps_table(analysis, s, is_large(study) && !options.all_charts),
        ));
        if s.spec.enabled {
            files.push((
                "smaa_acceptability.csv".into(),
                robustness::acceptability_table(analysis, s),
            ));
            files.push((
                "smaa_central_weights.csv".into(),
                robustness::central_weights_table(analysis, s),
            ));
            files.push((
                "smaa_pairwise.csv".into(),
                robustness::pairwise_table(analysis, s),
            ));
        }
    }
    if let Some(sc) = &analysis.scenarios {
        files.push((
            "scenarios.csv".into(),
            robustness::scenarios_table(analysis, sc),
        ));
        files.push((
            "scenario_ranks.csv".into(),
            robustness::scenario_ranks_table(analysis, sc),
        ));
    }
    // The summary lists the folder's files, all known only at the end: its place is kept here
    // and it is written just before the manifest.
    let summary_at = files.len();
    files.push(("summary.md".into(), Vec::new()));
    if full && options.charts {
        files.extend(charts::render_charts(
            analysis,
            options.lang,
            charts::ChartPlan {
                all: options.all_charts,
                png: options.png || !is_large(study),
            },
        )?);
    }
    let mut notes = Vec::new();
    match xlsx::too_long(&files) {
        None => {
            let workbook = xlsx::workbook(study, options.lang, &files)
                .expect("sheet names and sizes are checked, and the workbook is written to memory");
            files.push((xlsx::FILE_NAME.into(), workbook));
        }
        Some((name, rows)) => notes.push(format!(
            "{} not written: {name} has {rows} rows, more than an Excel sheet holds; use the CSV files",
            xlsx::FILE_NAME
        )),
    }
    // The report document, built once: index.html renders it whole, the summary its main part.
    let mut report_doc = None;
    if full {
        files.extend(berita_acara::all(analysis, &facts));
        files.extend(annex::files(analysis));
        files.extend(explore::pages(analysis, options.lang));
        // index.html lists itself, results.json and the manifest, written after it.
        let mut names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        names.extend(["index.html", results::FILE_NAME, "manifest.json"].map(String::from));
        let large = is_large(study);
        if large {
            names.extend(
                (0..study.regions.kecamatan.len())
                    .map(|k| study_report::kecamatan_page_name(study, k)),
            );
        }
        let main = if large {
            study_report::Part::Main
        } else {
            study_report::Part::Whole
        };
        let doc = study_report::build_part(analysis, &facts, options.lang, &names, main);
        let index = doc::to_html(&doc, &page_setup(analysis, options.lang, &files, &doc));
        if large {
            // One page per kecamatan, so that every page opens and prints at any size.
            let pages: Vec<(String, Vec<u8>)> = (0..study.regions.kecamatan.len())
                .into_par_iter()
                .map(|k| {
                    let part = study_report::Part::Kecamatan(k);
                    let page =
                        study_report::build_part(analysis, &facts, options.lang, &names, part);
                    let html =
                        doc::to_html(&page, &page_setup(analysis, options.lang, &files, &page));
                    (
                        study_report::kecamatan_page_name(study, k),
                        html.into_bytes(),
                    )
                })
                .collect();
            files.extend(pages);
        }
        files.push(("index.html".into(), index.into_bytes()));
        report_doc = Some(doc);
        // The whole analysis, so that `unggul report` can render this folder again.
        files.push((results::FILE_NAME.into(), results::to_json(analysis)));
    }
    // With index.html beside it the summary is the main part; alone, it is the whole report.
    let summary = match report_doc {
        Some(doc) => study_report::main_part(&doc, options.lang),
        None => {
            let mut names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
            names.push("manifest.json".into());
            study_report::build(analysis, &facts, options.lang, &names)
        }
    };
    files[summary_at].1 = doc::to_markdown(&summary).into_bytes();
    let hashes: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (n.clone(), sha256_hex(b)))
        .collect();
    let extra = serde_json::json!({
        "lang": options.lang,
        "sensitivity": analysis.sensitivity.as_ref().map(|s| {
            let mut v = serde_json::json!({
                "settings": s.spec,
                "chunk": crate::sensitivity::DEFAULT_CHUNK,
                "batch_seeds": "SplitMix64 of the seed and the batch number; one batch per shared weight vector",
                "verdict_rules": {
                    "stable_acceptability": crate::study::sensitivity::STABLE_ACCEPTABILITY,
                    "close_acceptability": crate::study::sensitivity::CLOSE_ACCEPTABILITY,
                    "sensitive_change": crate::study::sensitivity::SENSITIVE_CHANGE,
                },
                "notes": s.notes,
            });
            // Only with noise on, so manifests of runs without it stay as they were.
            if s.spec.enabled && s.spec.matrix_noise() {
                v["matrix_noise"] = serde_json::json!({
                    "quantity_noise": s.spec.quantity_noise,
                    "rating_steps": s.spec.rating_steps,
                    "quantities": "x becomes x (1 + e), e uniform in [-quantity_noise, quantity_noise], held within the scale's declared bounds (and a fixed reference's bounds); criteria without a scale count as quantities",
                    "ratings": "x moves by k whole steps, |k| <= rating_steps, every level reachable within the scale equally likely",
                    "draws": "per sample: the weight vector, then each group's matrix row by row, from the chunk's stream; the matrix is normalised and scored again as in the scoring stage",
                    "confidence_factor": "Lahdelma & Salminen (2001) eq. 8: share of matrix draws in which the candidate wins with its central weights; a second pass of as many draws, chunk c on stream 2^63 + c",
                });
            }
            v
        }),
        "scenarios": study.scenarios,
        "notes": notes,
    });
    files.push((
        "manifest.json".into(),
        manifest::manifest(study, &options.command_line, &hashes, extra).into_bytes(),
    ));
    Ok(files)
}

/// How `index.html` is printed: the study's paper, a running head with its name, and the
/// charts embedded as SVG up to [`study_report::INLINE_SVG_BUDGET`] bytes (the rest linked).
fn page_setup(
    analysis: &Analysis,
    lang: Lang,
    files: &[(String, Vec<u8>)],
    page: &doc::Document,
) -> doc::PageSetup {
    // The figures of this page, by their file in the folder (a kecamatan page links
    // `../charts/...`).
    let figures: std::collections::HashMap<&str, &str> = page
        .blocks
        .iter()
        .filter_map(|b| match b {
            doc::Block::Figure { path, .. } => {
                Some((path.trim_start_matches("../"), path.as_str()))
            }
            _ => None,
        })
        .collect();
    let mut inline_svgs = std::collections::HashMap::new();
    // A large study's kecamatan pages link their charts: inlined, they would copy every
    // chart of the folder once more.
    let mut budget = if is_large(&analysis.study)
        && page
            .blocks
            .iter()
            .any(|b| matches!(b, doc::Block::Figure { path, .. } if path.starts_with("../")))
    {
        0
    } else {
        study_report::INLINE_SVG_BUDGET
    };
    for (name, bytes) in files {
        let Some(path) = figures.get(name.as_str()) else {
            continue;
        };
        if !(name.starts_with("charts/") && name.ends_with(".svg")) || bytes.len() > budget {
            continue;
        }
        // plotters escapes its text; the XML prolog is dropped so the SVG sits in the page.
        if let Ok(svg) = std::str::from_utf8(bytes) {
            let svg = svg.find("<svg").map_or(svg, |k| &svg[k..]);
            budget -= bytes.len();
            inline_svgs.insert((*path).to_string(), svg.to_string());
        }
    }
    doc::PageSetup {
        lang: match lang {
            Lang::Id => "id",
            Lang::En => "en",
        },
        paper_mm: analysis.study.paper.size_mm(),
        running_head: analysis.study.name.clone(),
        page_word: lang.pick("Halaman", "Page").to_string(),
        contents_word: lang.pick("Daftar isi", "Contents").to_string(),
        inline_svgs,
    }
}

/// Writes the report folder atomically: all files or none replace the previous report.
///
/// # Errors
/// The folder belongs to someone else, a chart cannot be drawn, or a write fails (nothing is
/// left half-written).
pub fn write(
    analysis: &Analysis,
    options: &ReportOptions,
    target: &Path,
) -> Result<PathBuf, OutputError> {
    let mut staging = output::Staging::new(target)?;
    for (name, bytes) in render(analysis, options)? {
        staging.write(&name, &bytes)?;
    }
    staging.commit()
}
