//! Report stage: tables, summary, workbook, berita acara, `index.html` and manifest from
//! finished results. Never recomputes a score.

pub mod berita_acara;
pub mod html;
pub mod lang;
pub mod manifest;
pub mod output;
pub mod summary;
pub mod tables;
pub mod xlsx;

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
}

/// Every report file as (name, bytes), manifest last, in a fixed order.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> Vec<(String, Vec<u8>)> {
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
    let workbook = xlsx::workbook(study, options.lang, &files)
        .expect("sheet names and sizes are checked, and the workbook is written to memory");
    files.push((xlsx::FILE_NAME.into(), workbook));
    files.extend(berita_acara::all(analysis));
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let index = html::render_html(analysis, options.lang, &names, &[]);
    files.push(("index.html".into(), index.into_bytes()));
    let hashes: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (n.clone(), Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()))
        .collect();
    let extra = serde_json::json!({ "lang": options.lang });
    files.push((
        "manifest.json".into(),
        manifest::manifest(study, &options.command_line, &hashes, extra).into_bytes(),
    ));
    files
}

/// Writes the report folder atomically: all files or none replace the previous report.
///
/// # Errors
/// The folder belongs to someone else, or a write fails (nothing is left half-written).
pub fn write(analysis: &Analysis, options: &ReportOptions, target: &Path) -> Result<PathBuf, OutputError> {
    let mut staging = output::Staging::new(target)?;
    for (name, bytes) in render(analysis, options) {
        staging.write(&name, &bytes)?;
    }
    staging.commit()
}
