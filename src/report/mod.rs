//! Report stage: tables, summary, workbook, berita acara, `index.html` and manifest from
//! finished results. Never recomputes a score.

pub mod annex;
pub mod berita_acara;
pub mod charts;
pub mod columnar;
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

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::Digest;

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
    /// CSV or Parquet tables (see [`columnar::TableFormat`]).
    pub tables: columnar::TableFormat,
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

/// Every report file as (name, bytes), manifest last, in a fixed order: [`render_to`] into
/// memory.
///
/// # Errors
/// A chart cannot be drawn (see [`charts::ChartError`]).
pub fn render(
    analysis: &Analysis,
    options: &ReportOptions,
) -> Result<Vec<(String, Vec<u8>)>, OutputError> {
    let mut memory = output::InMemory::default();
    let order = render_to(analysis, options, &mut memory)?;
    // In the manifest's order (the summary is made last but listed where it always was).
    let mut files = memory.files;
    files.sort_by_key(|(name, _)| order.iter().position(|n| n == name));
    Ok(files)
}

/// Files made together in parallel before they are written: enough to keep both cores busy,
/// few enough that memory holds a chunk of a national study's pages, not all of them.
const FILES_IN_FLIGHT: usize = 256;

/// The files written so far with their SHA-256, in the manifest's order.
struct Written<'s> {
    sink: &'s mut dyn output::Sink,
    /// Tables go to Parquet rather than CSV.
    parquet: bool,
    files: Vec<(String, String)>,
    /// The first table too long for an Excel sheet, with its row count.
    too_long: Option<(String, usize)>,
}

impl Written<'_> {
    /// Writes a table made row by row into the file (see [`tables::Csv`]): as CSV, or as
    /// Parquet converted on the way, never held whole.
    fn put_table(
        &mut self,
        name: &str,
        make: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<usize>,
    ) -> Result<(), OutputError> {
        // The decree's annex is a document to print: it stays CSV.
        if self.parquet && name != annex::STEM {
            return self.put_streamed(format!("{name}.parquet"), &mut |w| {
                let mut parquet = columnar::ParquetTable::new(w);
                make(&mut parquet)?;
                parquet.finish()
            });
        }
        let mut rows = 0;
        self.put_streamed(format!("{name}.csv"), &mut |w| {
            rows = make(w)?;
            Ok(())
        })?;
        // An Excel sheet holds 1,048,576 rows, the header included.
        if self.too_long.is_none() && rows >= xlsx::SHEET_ROWS {
            self.too_long = Some((format!("{name}.csv"), rows + 1));
        }
        Ok(())
    }

    fn put(&mut self, name: String, bytes: &[u8]) -> Result<(), OutputError> {
        self.sink.put_with(&name, &mut |w| w.write_all(bytes))?;
        self.files.push((name, sha256_hex(bytes)));
        Ok(())
    }

    /// Writes a file made piece by piece, hashing it on the way.
    fn put_streamed(
        &mut self,
        name: String,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let mut hasher = sha2::Sha256::new();
        self.sink.put_with(&name, &mut |w| {
            let mut hashing = HashingWriter {
                inner: w,
                hasher: &mut hasher,
            };
            write(&mut hashing)
        })?;
        let hash = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.files.push((name, hash));
        Ok(())
    }

    /// Makes files from `items` in parallel, a chunk at a time, and writes them in order.
    fn put_all<T: Sync>(
        &mut self,
        items: &[T],
        make: impl Fn(&T) -> Result<Vec<(String, Vec<u8>)>, OutputError> + Sync,
    ) -> Result<(), OutputError> {
        for chunk in items.chunks(FILES_IN_FLIGHT) {
            let made: Vec<Vec<(String, Vec<u8>)>> =
                chunk.par_iter().map(&make).collect::<Result<_, _>>()?;
            for (name, bytes) in made.into_iter().flatten() {
                self.put(name, &bytes)?;
            }
        }
        Ok(())
    }

    fn names(&self) -> Vec<String> {
        self.files.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// A writer that hashes what passes through it.
struct HashingWriter<'a> {
    inner: &'a mut dyn Write,
    hasher: &'a mut sha2::Sha256,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes every report file into `sink` as it is made, manifest last, in a fixed order.
/// Memory holds the analysis and the files in flight (a table's current row group, or one
/// chunk of pages), so a national study's report is written in the memory of its analysis.
///
/// Returns the files' names in the manifest's order, manifest last.
///
/// # Errors
/// A chart cannot be drawn (see [`charts::ChartError`]), or the sink cannot write.
pub fn render_to(
    analysis: &Analysis,
    options: &ReportOptions,
    sink: &mut dyn output::Sink,
) -> Result<Vec<String>, OutputError> {
    let study = &analysis.study;
    let large = is_large(study);
    let facts = facts::Facts::of(analysis);
    let mut out = Written {
        sink,
        parquet: options.tables.parquet(study.regions.kelurahan.len()),
        files: Vec::new(),
        too_long: None,
    };
    let full = options.scope == Scope::Full;
    if full {
        let (panels, levels) = (&analysis.panels, &analysis.level_weights);
        out.put_table("weights", &mut |w| {
            tables::weights_table(study, panels, levels, w)
        })?;
        out.put_table("consistency", &mut |w| {
            tables::consistency_table(study, panels, w)
        })?;
        out.put_table("revisit", &mut |w| tables::revisit_table(study, panels, w))?;
    }
    for level in [Level::Kelurahan, Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = analysis.selection.level(level).collect();
        if !full || study.level(level).is_none() {
            continue;
        }
        out.put_table(&format!("ranking_{}", level.id()), &mut |w| {
            tables::ranking_table(study, &groups, level, w)
        })?;
        out.put_table(&format!("unggulan_{}", level.id()), &mut |w| {
            tables::unggulan_table(study, &groups, level, w)
        })?;
    }
    if full {
        out.put_table(annex::STEM, &mut |w| annex::table(analysis, w))?;
    }
    if let Some(s) = &analysis.sensitivity {
        out.put_table("stability", &mut |w| {
            robustness::stability_table(analysis, s, w)
        })?;
        out.put_table("sensitivity_thresholds", &mut |w| {
            robustness::thresholds_table(analysis, s, w)
        })?;
        // Dense sweep points only where they are read whole: a city, or on request. The
        // curves hold every group's sweeps exactly.
        if !large || options.all_charts {
            out.put_table("sensitivity_sweeps", &mut |w| {
                robustness::sweeps_table(analysis, s, w)
            })?;
        }
        out.put_table("sensitivity_curves", &mut |w| {
            robustness::curves_table(analysis, s, w)
        })?;
        if s.spec.enabled {
            out.put_table("smaa_acceptability", &mut |w| {
                robustness::acceptability_table(analysis, s, w)
            })?;
            out.put_table("smaa_central_weights", &mut |w| {
                robustness::central_weights_table(analysis, s, w)
            })?;
            out.put_table("smaa_pairwise", &mut |w| {
                robustness::pairwise_table(analysis, s, w)
            })?;
        }
    }
    if let Some(sc) = &analysis.scenarios {
        out.put_table("scenarios", &mut |w| {
            robustness::scenarios_table(analysis, sc, w)
        })?;
        out.put_table("scenario_ranks", &mut |w| {
            robustness::scenario_ranks_table(analysis, sc, w)
        })?;
    }
    crate::memory::release_freed();
    // The summary lists the folder's files, all known only at the end: its place in the
    // manifest is kept here and it is written just before the manifest.
    let summary_at = out.files.len();
    out.files.push(("summary.md".into(), String::new()));
    if full && options.charts {
        let plan = charts::ChartPlan {
            all: options.all_charts,
            png: options.png || !large,
        };
        let specs = charts::chart_specs(analysis, options.lang, plan);
        out.put_all(&specs, |(path, chart)| {
            Ok(charts::render_files(path, chart, plan)?)
        })?;
    }
    let mut notes = Vec::new();
    match out.too_long.clone() {
        None if out.parquet => notes.push(format!(
            "{} not written: the tables are Parquet files (--tables); use them, or --tables csv",
            xlsx::FILE_NAME
        )),
        None => {
            // Built from the tables as written, so the workbook never disagrees with them.
            let tables: Vec<(String, Vec<u8>)> = out
                .files
                .iter()
                .filter(|(n, _)| n.ends_with(".csv") && !n.contains('/'))
                .filter_map(|(n, _)| Some((n.clone(), out.sink.get(n)?)))
                .collect();
            let workbook = xlsx::workbook(analysis, options.lang, &tables)
                .expect("sheet names and sizes are checked, and the workbook is written to memory");
            drop(tables);
            out.put(xlsx::FILE_NAME.into(), &workbook)?;
        }
        Some((name, rows)) => notes.push(format!(
            "{} not written: {name} has {rows} rows, more than an Excel sheet holds; use the CSV files",
            xlsx::FILE_NAME
        )),
    }
    // The report document, built once: index.html renders it whole, the summary its main part.
    let mut report_doc = None;
    if full {
        let regions = berita_acara::regions(study);
        out.put_all(&regions, |&region| {
            Ok(berita_acara::files(analysis, &facts, region).into())
        })?;
        // A decree's annex is one kota's or kabupaten's. Above a kabupaten's size (a province,
        // the nation: one document of 270,000 rows, built in gigabytes) its rows stay in the
        // CSV, from which each kabupaten's annex is cut or run as its own study.
        if study.regions.kelurahan.len() > columnar::PARQUET_ABOVE_KELURAHAN {
            notes.push(format!(
                "{0}.html and {0}.docx not written: a study of more than {1} kelurahan spans several kota or kabupaten, each with its own decree; {0}.csv holds every row (run each kabupaten as its own study for its annex)",
                annex::STEM,
                columnar::PARQUET_ABOVE_KELURAHAN
            ));
        } else {
            for (name, bytes) in annex::files(analysis) {
                out.put(name, &bytes)?;
            }
        }
        crate::memory::release_freed();
        let explore_pages = explore::plan(analysis, options.lang);
        out.put_all(&explore_pages, |page| {
            Ok(vec![(
                page.name.clone(),
                page.render(analysis, options.lang),
            )])
        })?;
        crate::memory::release_freed();
        // index.html lists itself, results.json and the manifest, written after it.
        let mut names = out.names();
        // A study with Parquet tables gets its results compressed (JSON is most of its output).
        let results_name = if out.parquet {
            results::GZ_FILE_NAME
        } else {
            results::FILE_NAME
        };
        names.extend(["index.html", results_name, "manifest.json"].map(String::from));
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
        let folder = study_report::Folder::new(analysis, &facts, &names);
        let doc = study_report::build_part(analysis, &facts, options.lang, &folder, main);
        let setup = page_setup(analysis, options.lang, &out.files, &*out.sink, &doc);
        let index = doc::to_html(&doc, &setup);
        if large {
            // One page per kecamatan, so that every page opens and prints at any size.
            let kecamatan: Vec<usize> = (0..study.regions.kecamatan.len()).collect();
            for chunk in kecamatan.chunks(FILES_IN_FLIGHT) {
                let (sink, files) = (&*out.sink, &out.files);
                let made: Vec<(String, Vec<u8>)> = chunk
                    .par_iter()
                    .map(|&k| {
                        let part = study_report::Part::Kecamatan(k);
                        let page =
                            study_report::build_part(analysis, &facts, options.lang, &folder, part);
                        let setup = page_setup(analysis, options.lang, files, sink, &page);
                        (
                            study_report::kecamatan_page_name(study, k),
                            doc::to_html(&page, &setup).into_bytes(),
                        )
                    })
                    .collect();
                for (name, bytes) in made {
                    out.put(name, &bytes)?;
                }
            }
        }
        out.put("index.html".into(), index.as_bytes())?;
        report_doc = Some(doc);
        // The whole analysis, so that `unggul report` can render this folder again; written
        // as it is serialised, never held whole.
        out.put_streamed(results_name.into(), &mut |w| {
            if results_name == results::GZ_FILE_NAME {
                results::write_json_gz(analysis, w)
            } else {
                results::write_json(analysis, w)
            }
        })?;
    }
    // With index.html beside it the summary is the main part; alone, it is the whole report.
    let summary = match report_doc {
        Some(doc) => study_report::main_part(&doc, options.lang),
        None => {
            let mut names = out.names();
            names.push("manifest.json".into());
            study_report::build(analysis, &facts, options.lang, &names)
        }
    };
    let summary = doc::to_markdown(&summary).into_bytes();
    out.sink
        .put_with("summary.md", &mut |w| w.write_all(&summary))?;
    out.files[summary_at].1 = sha256_hex(&summary);
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
    let manifest = manifest::manifest(study, &options.command_line, &out.files, extra);
    out.sink
        .put_with("manifest.json", &mut |w| w.write_all(manifest.as_bytes()))?;
    let mut order = out.names();
    order.push("manifest.json".into());
    Ok(order)
}

/// How `index.html` is printed: the study's paper, a running head with its name, and the
/// charts embedded as SVG up to [`study_report::INLINE_SVG_BUDGET`] bytes (the rest linked).
fn page_setup(
    analysis: &Analysis,
    lang: Lang,
    files: &[(String, String)],
    sink: &dyn output::Sink,
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
    // In the folder's order, so that the budget goes to the same charts on every run.
    for (name, _) in files {
        let Some(path) = figures.get(name.as_str()) else {
            continue;
        };
        if !(name.starts_with("charts/") && name.ends_with(".svg")) {
            continue;
        }
        let Some(bytes) = sink.get(name) else {
            continue;
        };
        if bytes.len() > budget {
            continue;
        }
        // plotters escapes its text; the XML prolog is dropped so the SVG sits in the page.
        if let Ok(svg) = std::str::from_utf8(&bytes) {
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
    render_to(analysis, options, &mut staging)?;
    staging.commit()
}
