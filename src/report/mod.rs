//! Report stage: tables, summary and manifest from finished results. Never recomputes a score.

pub mod charts;
pub mod lang;
pub mod manifest;
pub mod output;
pub mod summary;
pub mod tables;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use lang::Lang;
pub use output::OutputError;

use crate::Analysis;
use crate::model::Level;
use crate::select::Group;

/// What to write and how.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Language of the summary.
    pub lang: Lang,
    /// The command line, recorded in the manifest.
    pub command_line: Vec<String>,
    /// Whether to draw the charts (PNG and SVG under `charts/`).
    pub charts: bool,
}

/// Every report file as (name, bytes), manifest last, in a fixed order.
///
/// # Errors
/// A chart cannot be drawn (see [`charts::ChartError`]).
pub fn render(analysis: &Analysis, options: &ReportOptions) -> Result<Vec<(String, Vec<u8>)>, charts::ChartError> {
    let study = &analysis.study;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("weights.csv".into(), tables::weights_table(study, &analysis.panels)),
        ("consistency.csv".into(), tables::consistency_table(study, &analysis.panels)),
        ("revisit.csv".into(), tables::revisit_table(study, &analysis.panels)),
    ];
    for level in [Level::Kelurahan, Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = analysis.selection.level(level).collect();
        if study.level(level).is_none() {
            continue;
        }
        files.push((format!("ranking_{}.csv", level.id()), tables::ranking_table(study, &groups, level)));
        files.push((format!("unggulan_{}.csv", level.id()), tables::unggulan_table(study, &groups, level)));
    }
    files.push((
        "summary.md".into(),
        summary::summary(study, &analysis.panels, &analysis.selection, options.lang).into_bytes(),
    ));
    if options.charts {
        files.extend(charts::render_charts(analysis, options.lang)?);
    }
    let hashes: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (n.clone(), Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()))
        .collect();
    let extra = serde_json::json!({ "lang": options.lang });
    files.push((
        "manifest.json".into(),
        manifest::manifest(study, &options.command_line, &hashes, extra).into_bytes(),
    ));
    Ok(files)
}

/// Writes the report folder atomically: all files or none replace the previous report.
///
/// # Errors
/// The folder belongs to someone else, a chart cannot be drawn, or a write fails (nothing is
/// left half-written).
pub fn write(analysis: &Analysis, options: &ReportOptions, target: &Path) -> Result<PathBuf, OutputError> {
    let mut staging = output::Staging::new(target)?;
    for (name, bytes) in render(analysis, options)? {
        staging.write(&name, &bytes)?;
    }
    staging.commit()
}
