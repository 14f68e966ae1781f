//! `tabel.xlsx`: every CSV table of the report in one Excel workbook, one sheet per table,
//! in the planner's language, with the candidates' indicator values, every panel's
//! aggregated pairwise matrix and a column dictionary.
//!
//! Built from the CSV bytes the report already holds, so the workbook can never disagree
//! with the tables. Sheet names, headers and codes are words in the report's language
//! ([`dictionary`]); the CSV files keep their snake_case headers and codes. Numeric columns
//! are written as numbers (full precision, shown with four decimals), yes/no columns as
//! "Ya" / "Tidak", everything else as text with `write_string`: a
//! name starting with `=`, `+`, `-` or `@` stays text and never becomes a formula. The CSV's
//! protective apostrophe (see [`inert`](super::tables::inert)) is replaced by Excel's own
//! "quote prefix" cell style, which shows the text as typed and keeps it text when edited.
//! Headers are bold, frozen and filterable.
//!
//! The bytes are reproducible: the document's creation time is fixed (rust_xlsxwriter would
//! otherwise stamp the current time) and the zip entries carry no timestamps.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::lang::Lang;
use crate::Analysis;

pub mod dictionary;
mod matrices;

/// File name of the workbook in the report folder.
pub const FILE_NAME: &str = "tabel.xlsx";

/// Columns written as numbers (by CSV header).
const NUMBER_COLUMNS: [&str; 16] = [
    "local_weight",
    "global_weight",
    "n",
    "lambda_max",
    "ci",
    "ri",
    "cr",
    "rank",
    "given",
    "consistent_value",
    "suggested_saaty",
    "error_ratio",
    "score",
    "d_plus",
    "d_minus",
    "candidates",
];

/// Whole-number columns among [`NUMBER_COLUMNS`] (shown without decimals).
const INTEGER_COLUMNS: [&str; 3] = ["n", "rank", "candidates"];

/// The candidates file as the column dictionary names it (the indicator sheets' source).
const CANDIDATES_CSV: &str = "candidates";

/// Excel's last row index. A report with a table beyond it writes no workbook (a truncated
/// table would mislead, and the CSV files stand); `write_table` stops there as a guard.
const MAX_ROW: u32 = 1_048_575;

/// Rows an Excel sheet holds, the header included.
pub const SHEET_ROWS: usize = MAX_ROW as usize + 1;

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// Width of a number column, in characters (enough for `-1234567.8901`).
const NUMBER_WIDTH: usize = 12;

/// Excel's limit on sheet-name length.
const MAX_SHEET_NAME: usize = 31;

/// The undone CSV protection: text after the apostrophe [`inert`](super::tables::inert)
/// added, or `None` when the cell had none.
fn strip_inert(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('\'')?;
    matches!(
        rest.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
    .then_some(rest)
}

fn sheet_name(file: &str) -> String {
    let stem = file.strip_suffix(".csv").unwrap_or(file);
    // Characters Excel forbids in sheet names.
    let clean: String = stem
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    clean.chars().take(MAX_SHEET_NAME).collect()
}

struct Formats {
    header: Format,
    wrapped_header: Format,
    decimal: Format,
    matrix: Format,
    integer: Format,
    quoted: Format,
}

/// One row of the column dictionary sheet.
struct DictRow {
    sheet: String,
    column: String,
    csv: String,
    meaning: String,
    unit: String,
}

impl DictRow {
    fn new(sheet: &str, column: &str, csv: &str, meaning: &str, unit: &str) -> Self {
        Self {
            sheet: sheet.into(),
            column: column.into(),
            csv: csv.into(),
            meaning: meaning.into(),
            unit: unit.into(),
        }
    }
}

/// Text as text: a cell that would start a formula keeps Excel's quote prefix.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if super::tables::inert(text) == text {
        sheet.write_string(row, column, text)?;
    } else {
        sheet.write_string_with_format(row, column, text, &f.quoted)?;
    }
    Ok(())
}

fn row_index(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(MAX_ROW)
}

fn write_table(
    sheet: &mut Worksheet,
    name: &str,
    csv_bytes: &[u8],
    f: &Formats,
    analysis: &Analysis,
    lang: Lang,
    dict: &mut Vec<DictRow>,
) -> Result<(), XlsxError> {
    let study = &analysis.study;
    let stem = name.strip_suffix(".csv").unwrap_or(name);
    let title = dictionary::sheet_title(stem, lang).map_or_else(|| sheet_name(name), String::from);
    sheet.set_name(&title)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_bytes);
    let mut records: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    if records.is_empty() {
        return Ok(());
    }
    let header: Vec<String> = records.remove(0).iter().map(str::to_string).collect();
    let numeric: Vec<bool> = (0..header.len())
        .map(|c| numeric_column(&header[c], records.iter().map(|r| r.get(c).unwrap_or(""))))
        .collect();
    let mut labels = Vec::with_capacity(header.len());
    for h in &header {
        let (label, meaning, unit) = dictionary::describe(study, h, lang);
        dict.push(DictRow::new(
            &title,
            &label,
            &format!("{name}: {h}"),
            &meaning,
            &unit,
        ));
        labels.push(label);
    }
    let mut widths: Vec<usize> = labels.iter().map(|h| h.chars().count() + 3).collect();
    for (c, h) in labels.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &f.header)?;
    }
    let mut last_row = 0;
    for (r, record) in records.iter().enumerate() {
        let Ok(row) = u32::try_from(r + 1) else { break };
        if row > MAX_ROW {
            break;
        }
        last_row = row;
        for (c, cell) in record.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let column = header.get(c).map_or("", String::as_str);
            let number = cell.parse::<f64>().ok().filter(|x| x.is_finite());
            let word = dictionary::word(study, column, cell, lang);
            let mut shown_text = cell.chars().count() + 1;
            match (number, cell) {
                (Some(x), _) if NUMBER_COLUMNS.contains(&column) => {
                    let format = if INTEGER_COLUMNS.contains(&column) {
                        &f.integer
                    } else {
                        &f.decimal
                    };
                    sheet.write_number_with_format(row, col(c), x, format)?;
                }
                // Any other column whose every cell is a number (indicator values, counts,
                // percentages): a number in Excel's general format, never text.
                (Some(x), _) if numeric.get(c).copied().unwrap_or(false) => {
                    sheet.write_number(row, col(c), x)?;
                }
                _ if word.is_some() => {
                    let w = word.unwrap_or_default();
                    shown_text = w.chars().count() + 1;
                    sheet.write_string(row, col(c), &w)?;
                }
                _ => match strip_inert(cell) {
                    Some(text) => {
                        sheet.write_string_with_format(row, col(c), text, &f.quoted)?;
                    }
                    None => {
                        sheet.write_string(row, col(c), cell)?;
                    }
                },
            }
            // Numbers show four decimals, whatever their full-precision text length.
            let shown = if NUMBER_COLUMNS.contains(&column) {
                NUMBER_WIDTH
            } else {
                shown_text
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let w = (*w).clamp(6, MAX_WIDTH);
        sheet.set_column_width(col(c), u16::try_from(w).unwrap_or(u16::MAX))?;
    }
    if !header.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, col(header.len() - 1))?;
    }
    print_setup(sheet)?;
    Ok(())
}

/// Printed landscape, one page wide, the header row on every page: tables are wide.
fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Whether a column holds numbers: every non-empty cell a finite number, none written with a
/// leading zero (an id such as "007" stays text), and the column not a code or an id (a
/// region code "35.74" reads as a number but is not one).
fn numeric_column<'a>(header: &str, mut cells: impl Iterator<Item = &'a str>) -> bool {
    let h = header.to_ascii_lowercase();
    let identifier = h == "id"
        || h.ends_with("_id")
        || h.contains("code")
        || matches!(
            h.as_str(),
            "nip" | "nib" | "participant" | "panel" | "candidate"
        );
    if identifier {
        return false;
    }
    let mut any = false;
    let all = cells.all(|cell| {
        if cell.is_empty() {
            return true;
        }
        any = true;
        let digits = cell.trim_start_matches('-');
        let leading_zero = digits.len() > 1
            && digits.starts_with('0')
            && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
        !leading_zero && cell.parse::<f64>().is_ok_and(f64::is_finite)
    });
    any && all
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Builds the workbook: an `info` sheet about the study, then one sheet per CSV table, in
/// the order given. `tables` are (CSV file name, CSV bytes); other files are skipped. The
/// caller checks the tables' lengths against [`SHEET_ROWS`] first: a longer table would be
/// cut at Excel's last row.
///
/// # Errors
/// A table has more columns than Excel allows (16,384), or the workbook cannot be encoded.
pub fn workbook(
    analysis: &Analysis,
    lang: Lang,
    tables: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, XlsxError> {
    let study = &analysis.study;
    let mut book = Workbook::new();
    // The analysis date, never the clock, keeps the bytes identical between runs.
    let created = match study.dates.analysis {
        Some(day) => ExcelDateTime::from_ymd(
            u16::try_from(day.year).unwrap_or(2000),
            day.month,
            day.day.unwrap_or(1),
        )?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    book.set_properties(
        &DocProperties::new()
            .set_title(&study.name)
            .set_author("unggul")
            .set_comment(lang.pick(
                "Tabel hasil analisis unggul",
                "Result tables of an unggul analysis",
            ))
            .set_creation_datetime(&created),
    );
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color("#DDE5EE")
            .set_border_bottom(FormatBorder::Thin),
        wrapped_header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color("#DDE5EE")
            .set_border_bottom(FormatBorder::Thin),
        decimal: Format::new().set_num_format("0.0000"),
        matrix: Format::new().set_num_format("0.000"),
        integer: Format::new().set_num_format("0"),
        quoted: Format::new().set_quote_prefix(),
    };

    let info = book.add_worksheet();
    info.set_name(lang.pick("Keterangan", "About"))?;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let note = lang.pick(&study.note_id, &study.note_en);
    let mut rows: Vec<(&str, String)> = vec![
        (l("Studi", "Study"), study.name.clone()),
        (l("Kode studi", "Study id"), study.id.clone()),
        (l("Wilayah", "Area"), format!("{} ({})", study.regions.name, study.regions.code)),
        (l("Data ilustratif", "Illustrative data"), l("ya", "yes").to_string()),
        (l("Catatan", "Note"), note.to_string()),
        (l("Dibuat dengan", "Made with"), format!("unggul {}", env!("CARGO_PKG_VERSION"))),
        (
            l("Lembar", "Sheets"),
            l(
                "satu lembar per tabel CSV laporan, nilai indikator kandidat per tingkat, matriks berpasangan tiap panel; arti setiap kolom di lembar terakhir, Kamus kolom",
                "one sheet per CSV table of the report, the candidates' indicator values per level, every panel's pairwise matrices; every column is explained in the last sheet, Column dictionary",
            )
            .to_string(),
        ),
    ];
    if !study.illustrative {
        rows.remove(3);
    }
    for (r, (k, v)) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(0);
        info.write_string_with_format(r, 0, *k, &f.header)?;
        if super::tables::inert(v) == *v {
            info.write_string(r, 1, v)?;
        } else {
            info.write_string_with_format(r, 1, v, &f.quoted)?;
        }
    }
    info.set_column_width(0, 22)?;
    info.set_column_width(1, 90)?;
    print_setup(info)?;

    // A large study's sweep curves (hundreds of thousands of rows, for charts rather than for
    // reading) would make most of the workbook's size and time; the CSV has them.
    let large = super::is_large(study);
    let mut dict = Vec::new();
    for (name, bytes) in tables.iter().filter(|(n, _)| {
        n.ends_with(".csv")
            && !(large && (n == "sensitivity_sweeps.csv" || n == "sensitivity_curves.csv"))
    }) {
        let sheet = book.add_worksheet();
        write_table(sheet, name, bytes, &f, analysis, lang, &mut dict)?;
    }
    if tables.iter().any(|(n, _)| n.starts_with("ranking_")) {
        for sheet in matrices::indicator_sheets(analysis, lang, &f, &mut dict)? {
            book.push_worksheet(sheet);
        }
        if !analysis.panels.is_empty() {
            book.push_worksheet(matrices::pairwise_sheet(analysis, lang, &f, &mut dict)?);
        }
    }
    book.push_worksheet(dictionary_sheet(&dict, lang, &f)?);
    book.save_to_buffer()
}

/// The column dictionary: every column of every sheet with its meaning and unit, and the CSV
/// column it comes from.
fn dictionary_sheet(dict: &[DictRow], lang: Lang, f: &Formats) -> Result<Worksheet, XlsxError> {
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let mut sheet = Worksheet::new();
    sheet.set_name(l("Kamus kolom", "Column dictionary"))?;
    let header = [
        l("Lembar", "Sheet"),
        l("Kolom", "Column"),
        l("Arti", "Meaning"),
        l("Satuan", "Unit"),
        l("Berkas CSV: kolom", "CSV file: column"),
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, &f.header)?;
    }
    for (r, d) in dict.iter().enumerate() {
        let r = row_index(r + 1);
        for (c, text) in [&d.sheet, &d.column, &d.meaning, &d.unit, &d.csv]
            .into_iter()
            .enumerate()
        {
            if !text.is_empty() {
                write_text(&mut sheet, r, col(c), text, f)?;
            }
        }
    }
    for (c, w) in [26, 30, 70, 16, 40].into_iter().enumerate() {
        sheet.set_column_width(col(c), w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row_index(dict.len()), col(header.len() - 1))?;
    print_setup(&mut sheet)?;
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_added_apostrophe_is_removed() {
        assert_eq!(
            strip_inert("'=HYPERLINK(\"http://x\")"),
            Some("=HYPERLINK(\"http://x\")")
        );
        assert_eq!(strip_inert("'-5"), Some("-5"));
        assert_eq!(strip_inert("'s Gravenhage"), None);
        assert_eq!(strip_inert("Batik"), None);
    }

    #[test]
    fn numbers_are_found_but_codes_and_ids_stay_text() {
        assert!(numeric_column(
            "tenaga_kerja",
            ["5", "", "12.5"].into_iter()
        ));
        assert!(numeric_column(
            "acceptability",
            ["0.9495", "-0.1"].into_iter()
        ));
        assert!(!numeric_column("kelurahan_code", ["35.74"].into_iter()));
        assert!(!numeric_column("id", ["12"].into_iter()));
        assert!(!numeric_column("nomor", ["007", "8"].into_iter()));
        assert!(!numeric_column("name", ["Batik", "12"].into_iter()));
        assert!(!numeric_column("empty", ["", ""].into_iter()));
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("ranking_kelurahan.csv"), "ranking_kelurahan");
        assert_eq!(sheet_name("a/b:c.csv"), "a_b_c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
