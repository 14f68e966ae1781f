//! `unggul convert`: a study's judgments written in the other layout (long ⇄ wide).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use unggul::input::judgments::{JudgmentLayout, convert_layout};
use unggul::model::MissingJudgments;

use super::{Failure, note, print, resolve_study};

/// The layout to write.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Layout {
    /// One row per participant per pair: criterion_a, criterion_b, value (Saaty's scale).
    Long,
    /// One row per participant, one '<a> vs <b>' column per pair (the signed scale).
    Wide,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The study whose judgments are converted (a study.toml or its folder).
    study: PathBuf,
    /// The layout to write.
    #[arg(long, value_enum)]
    to: Layout,
    /// The file to write: .csv, or .xlsx (one sheet, numbers as numbers). Default: stdout (CSV).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Reads the study (every check of `validate`; skipped pairs are kept, not refused) and
/// writes its judgments in the layout asked for, skipped pairs blank (wide) or absent (long).
pub fn convert(args: ConvertArgs) -> Result<(), Failure> {
    let path = resolve_study(Some(args.study))?;
    let study = unggul::input::read_study_with(&path, Some(MissingJudgments::Complete))?;
    for w in &study.warnings {
        note(&format!("warning: {w}"));
    }
    if study.panels.is_empty() {
        return Err(Failure::Input(format!(
            "{}: the study has no judgments to convert (no level takes its weights from FGD panels)",
            path.display()
        )));
    }
    let sets: Vec<_> = study.levels.iter().map(|l| &l.criteria).collect();
    let to = match args.to {
        Layout::Long => JudgmentLayout::Long,
        Layout::Wide => JudgmentLayout::Wide,
    };
    let rows = convert_layout(&study.panels, &sets, &study.regions, to);
    match &args.out {
        Some(out)
            if out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) =>
        {
            write_xlsx(out, &rows)
        }
        Some(out) => std::fs::write(out, csv_text(&rows))
            .map_err(|e| Failure::Other(format!("cannot write {}: {e}", out.display()))),
        None => print(&csv_text(&rows)),
    }
}

/// The rows as comma-separated text. Cells are written as they are (no apostrophe before a
/// leading '-'): the file is an input, and `-5` is a judgment on the signed scale.
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The rows as one sheet, named `Penilaian`; cells that are numbers are written as numbers.
fn write_xlsx(out: &std::path::Path, rows: &[Vec<String>]) -> Result<(), Failure> {
    let fail = |e: rust_xlsxwriter::XlsxError| {
        Failure::Other(format!("cannot write {}: {e}", out.display()))
    };
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Penilaian").map_err(fail)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            // Codes (35.74.01.1001) and ids stay text; only judgment and weight cells of data
            // rows are numbers.
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && c >= 3 && !cell.contains('/') => ws.write_number(r, c, v),
                _ if cell.is_empty() => continue,
                _ => ws.write_string(r, c, cell),
            }
            .map_err(fail)?;
        }
    }
    wb.save(out).map_err(fail)
}
