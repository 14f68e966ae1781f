//! Study tables from workbooks (`.xlsx`, `.xlsm`, `.ods`): a sheet read into the same
//! [`Table`] a CSV file gives, so every reader works on both. The first non-empty row is the
//! header; rows are numbered as the spreadsheet numbers them and columns by their letters, so
//! a problem is placed as `data.xlsx!UMKM!C14`.
//!
//! Cells are read by type: numbers (also a formula's cached number) become their shortest
//! round-trip text, text stays text, and dates, booleans and formula errors are kept aside
//! ([`SheetInfo::typed`]) so that where a number belongs they are refused with what they are.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xlsx};

use super::diagnostic::{Diagnostic, InputError, Quoted};
use super::table::{CellKind, NumberStyle, SheetInfo, Table, read_file};

/// The kinds of workbook unggul reads, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    /// Office Open XML (`.xlsx`, `.xlsm`): a ZIP archive.
    Xlsx,
    /// OpenDocument spreadsheet (`.ods`): a ZIP archive whose first entry names its type.
    Ods,
}

/// Whether a path names a workbook by its extension (`.xlsx`, `.xlsm`, `.ods`, `.xls`).
pub fn is_workbook_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "ods", "xls", "xlsb"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// The workbook kind of `bytes`, or a message saying what the file is instead.
fn kind_of(bytes: &[u8]) -> Result<WorkbookKind, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        return Ok(
            if head
                .windows(34)
                .any(|w| w == b"application/vnd.oasis.opendocument")
            {
                WorkbookKind::Ods
            } else {
                WorkbookKind::Xlsx
            },
        );
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(
            "this is an Excel 97-2003 workbook (.xls): open it and save it as 'Excel Workbook (.xlsx)', then name the .xlsx file"
                .into(),
        );
    }
    Err(
        "this is not a workbook (.xlsx or .ods are ZIP archives, and this file is not one): if it is CSV text, give it a .csv name"
            .into(),
    )
}

/// Reads one sheet of a workbook (`None`: the first sheet) as a table.
///
/// # Errors
/// The file cannot be read, is not an `.xlsx`/`.ods` workbook, has no such sheet (the message
/// lists the sheets there are), or the sheet is empty or holds cells outside its header's
/// columns.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Table, InputError> {
    let bytes = read_file(path)?;
    parse_sheet(path, &bytes, sheet)
}

/// Reads one sheet of a workbook already in memory; `path` is used for messages only.
///
/// # Errors
/// As [`read_sheet`].
pub fn parse_sheet(path: &Path, bytes: &[u8], sheet: Option<&str>) -> Result<Table, InputError> {
    let fail = |m: String| InputError::one(Diagnostic::file(path, m));
    let kind = kind_of(bytes).map_err(fail)?;
    let unreadable = |e: &dyn std::fmt::Display| {
        fail(format!(
            "cannot read the workbook ({}): check that it opens in the spreadsheet, then save it again as .xlsx",
            Quoted::bare(&e.to_string())
        ))
    };
    let cursor = Cursor::new(bytes);
    let mut cells: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
    let name = match kind {
        WorkbookKind::Xlsx => {
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            let name = pick_sheet(path, &book.sheet_names(), sheet)?;
            // Streamed cell by cell: a sheet's dense range is as large as the distance between
            // its first and last cell, which a hostile file can make 17 billion cells.
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                let (row, col) = cell.get_position();
                if let Some(c) = Cell::from_ref(cell.get_value()) {
                    cells.entry(row).or_default().push((col, c));
                }
            }
            name
        }
        WorkbookKind::Ods => {
            super::ods_extent::check(path, bytes)?;
            let mut book: Ods<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            let name = pick_sheet(path, &book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            for (row, col, value) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                if let Some(c) = Cell::from_data(value) {
                    cells
                        .entry(r0 + row as u32)
                        .or_default()
                        .push((c0 + col as u32, c));
                }
            }
            name
        }
    };
    build_table(path, name, cells)
}

/// The names of a workbook's sheets, in order.
///
/// # Errors
/// As [`read_sheet`].
pub fn sheet_names(path: &Path, bytes: &[u8]) -> Result<Vec<String>, InputError> {
    let fail = |m: String| InputError::one(Diagnostic::file(path, m));
    let cursor = Cursor::new(bytes);
    let unreadable = |e: &dyn std::fmt::Display| {
        fail(format!(
            "cannot read the workbook ({}): check that it opens in the spreadsheet, then save it again as .xlsx",
            Quoted::bare(&e.to_string())
        ))
    };
    Ok(match kind_of(bytes).map_err(fail)? {
        WorkbookKind::Xlsx => calamine::open_workbook_from_rs::<Xlsx<_>, _>(cursor)
            .map_err(|e| unreadable(&e))?
            .sheet_names(),
        WorkbookKind::Ods => {
            // calamine parses every sheet of an .ods when it opens it.
            super::ods_extent::check(path, bytes)?;
            calamine::open_workbook_from_rs::<Ods<_>, _>(cursor)
                .map_err(|e| unreadable(&e))?
                .sheet_names()
        }
    })
}

/// The sheet to read: the one named (matched exactly, then ignoring case), else the first.
fn pick_sheet(path: &Path, names: &[String], wanted: Option<&str>) -> Result<String, InputError> {
    let list = || {
        names
            .iter()
            .map(|n| Quoted::single(n).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        None => names.first().cloned().ok_or_else(|| {
            InputError::one(Diagnostic::file(path, "the workbook has no sheets"))
        }),
        Some(w) => names
            .iter()
            .find(|n| *n == w)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(w)))
            .cloned()
            .ok_or_else(|| {
                InputError::one(Diagnostic::file(
                    path,
                    format!(
                        "the workbook has no sheet {} (its sheets: {}); name one of these in the study file",
                        Quoted::single(w),
                        list()
                    ),
                ))
            }),
    }
}

/// One non-empty cell: its text, and its type when it is neither text nor a number.
struct Cell {
    text: String,
    kind: Option<CellKind>,
}

impl Cell {
    fn text(text: String) -> Option<Self> {
        (!text.trim().is_empty()).then_some(Self { text, kind: None })
    }

    fn typed(text: String, kind: CellKind) -> Option<Self> {
        Some(Self {
            text,
            kind: Some(kind),
        })
    }

    fn number(v: f64) -> Option<Self> {
        // Rust's shortest round-trip text: parsing it back gives the same f64.
        Self::text(format!("{v}"))
    }

    fn from_ref(v: &DataRef<'_>) -> Option<Self> {
        match v {
            DataRef::Int(i) => Self::text(i.to_string()),
            DataRef::Float(f) => Self::number(*f),
            DataRef::String(s) => Self::text(s.clone()),
            DataRef::SharedString(s) => Self::text((*s).to_string()),
            DataRef::Bool(b) => Self::typed(bool_text(*b), CellKind::Bool(*b)),
            DataRef::DateTime(d) => {
                let t = serial_date(d.as_f64());
                Self::typed(t.clone(), CellKind::Date(t))
            }
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Self::typed(s.clone(), CellKind::Date(s.clone()))
            }
            DataRef::Error(e) => Self::typed(e.to_string(), CellKind::Error(e.to_string())),
            DataRef::Empty => None,
        }
    }

    fn from_data(v: &Data) -> Option<Self> {
        match v {
            Data::Int(i) => Self::text(i.to_string()),
            Data::Float(f) => Self::number(*f),
            Data::String(s) => Self::text(s.clone()),
            Data::Bool(b) => Self::typed(bool_text(*b), CellKind::Bool(*b)),
            Data::DateTime(d) => {
                let t = serial_date(d.as_f64());
                Self::typed(t.clone(), CellKind::Date(t))
            }
            Data::DateTimeIso(s) | Data::DurationIso(s) => {
                Self::typed(s.clone(), CellKind::Date(s.clone()))
            }
            Data::Error(e) => Self::typed(e.to_string(), CellKind::Error(e.to_string())),
            Data::Empty => None,
        }
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// A spreadsheet date serial (1900 system: day 1 is 1900-01-01, with Lotus's phantom
/// 1900-02-29 at 60) as `YYYY-MM-DD`, for messages.
fn serial_date(serial: f64) -> String {
    if !(1.0..3e6).contains(&serial) {
        return format!("{serial}");
    }
    let mut days = serial.floor() as i64;
    if days < 60 {
        days += 1; // before the phantom day the epoch is one day later
    }
    // Days since 1970-01-01 of 1899-12-30 is -25569; civil-from-days (Hinnant).
    let z = days - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The table of a sheet's non-empty cells: the first row is the header, its leftmost and
/// rightmost cells bound the table's columns.
fn build_table(
    path: &Path,
    name: String,
    mut cells: BTreeMap<u32, Vec<(u32, Cell)>>,
) -> Result<Table, InputError> {
    let sheet_error = |m: &str| InputError::one(Diagnostic::file(path, m).in_sheet(Some(&name)));
    let Some((&header_row, _)) = cells.iter().next() else {
        return Err(sheet_error(
            "the sheet is empty: expected a header row followed by data rows",
        ));
    };
    let mut header_cells = cells.remove(&header_row).unwrap_or_default();
    header_cells.sort_by_key(|(c, _)| *c);
    let first_col = header_cells.first().map_or(0, |(c, _)| *c);
    let last_col = header_cells.last().map_or(0, |(c, _)| *c);
    let width = (last_col - first_col + 1) as usize;
    let mut headers = vec![String::new(); width];
    for (c, cell) in header_cells {
        headers[(c - first_col) as usize] = cell.text.trim().to_string();
    }
    let mut info = SheetInfo {
        name: name.clone(),
        first_col: first_col as usize,
        typed: HashMap::new(),
    };
    let mut problems = Vec::new();
    let mut rows = Vec::with_capacity(cells.len());
    let mut fields = vec![String::new(); width];
    for (row, mut row_cells) in cells {
        let line = row as usize + 1;
        row_cells.sort_by_key(|(c, _)| *c);
        fields.iter_mut().for_each(String::clear);
        for (c, cell) in row_cells {
            if c < first_col || c > last_col {
                problems.push(
                    Diagnostic::line(
                        path,
                        line,
                        format!(
                            "cell {}{line} is outside the table (columns {} to {} have a header): clear it, or give its column a header",
                            super::diagnostic::column_letters(c as usize + 1),
                            super::diagnostic::column_letters(first_col as usize + 1),
                            super::diagnostic::column_letters(last_col as usize + 1)
                        ),
                    )
                    .in_sheet(Some(&name)),
                );
                continue;
            }
            let j = (c - first_col) as usize;
            if let Some(kind) = cell.kind {
                info.typed.insert((line, j), kind);
            }
            fields[j] = cell.text.trim().to_string();
        }
        rows.push((line, csv::StringRecord::from(fields.clone())));
    }
    if !problems.is_empty() {
        return Err(InputError {
            diagnostics: problems,
        });
    }
    Ok(Table {
        path: path.to_path_buf(),
        headers,
        delimiter: b',',
        number_style: NumberStyle::Point,
        rows,
        sheet: Some(info),
        header_line: header_row as usize + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

    fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut wb = Workbook::new();
        build(&mut wb);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn dates_from_serials() {
        // Excel: 1 = 1900-01-01, 61 = 1900-03-01, 44481 = 2021-10-12.
        assert_eq!(serial_date(1.0), "1900-01-01");
        assert_eq!(serial_date(61.0), "1900-03-01");
        assert_eq!(serial_date(44481.0), "2021-10-12");
    }

    #[test]
    fn a_sheet_reads_as_a_table_with_typed_cells() {
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet().set_name("UMKM").unwrap();
            // The table starts at B2, as planners often leave a margin.
            ws.write(1, 1, "id").unwrap();
            ws.write(1, 2, "omzet").unwrap();
            ws.write(2, 1, "A").unwrap();
            ws.write(2, 2, 1250000.5).unwrap();
            ws.write(3, 1, "B").unwrap();
            ws.write_formula(3, 2, Formula::new("=2*3").set_result("6"))
                .unwrap();
            ws.write(4, 1, "C").unwrap();
            let date = ExcelDateTime::from_ymd(2021, 10, 12).unwrap();
            ws.write_with_format(4, 2, &date, &Format::new().set_num_format("yyyy-mm-dd"))
                .unwrap();
            ws.write(5, 1, "D").unwrap();
            ws.write(5, 2, true).unwrap();
            ws.write(6, 1, "E").unwrap();
            ws.write(6, 2, "12,5jt").unwrap();
        });
        let t = parse_sheet(Path::new("data.xlsx"), &bytes, Some("umkm")).unwrap();
        assert_eq!(t.headers, ["id", "omzet"]);
        assert_eq!(t.header_line, 2);
        let (line, row) = &t.rows[0];
        assert_eq!((*line, &row[0]), (3, "A"));
        assert_eq!(t.number(3, 1, &row[1]), Ok(1_250_000.5));
        // A formula's cached value is read.
        assert_eq!(t.number(4, 1, &t.rows[1].1[1]), Ok(6.0));
        let date = t.number(5, 1, &t.rows[2].1[1]).unwrap_err().to_string();
        assert!(
            date.starts_with(
                "data.xlsx!UMKM!C5: column 'omzet': the cell holds a date (2021-10-12)"
            ),
            "{date}"
        );
        let b = t.number(6, 1, &t.rows[3].1[1]).unwrap_err().to_string();
        assert!(b.contains("C6") && b.contains("TRUE"), "{b}");
        let text = t.number(7, 1, &t.rows[4].1[1]).unwrap_err().to_string();
        assert!(text.contains("C7") && text.contains("holds text"), "{text}");
    }

    #[test]
    fn the_first_sheet_by_default_and_a_missing_sheet_is_named() {
        let bytes = xlsx(|wb| {
            wb.add_worksheet()
                .set_name("Wilayah")
                .unwrap()
                .write(0, 0, "x")
                .unwrap();
            wb.add_worksheet()
                .set_name("UMKM")
                .unwrap()
                .write(0, 0, "y")
                .unwrap();
        });
        let t = parse_sheet(Path::new("d.xlsx"), &bytes, None).unwrap();
        assert_eq!(t.headers, ["x"]);
        let e = parse_sheet(Path::new("d.xlsx"), &bytes, Some("Bobot"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no sheet 'Bobot'") && e.contains("'Wilayah', 'UMKM'"),
            "{e}"
        );
    }

    #[test]
    fn cells_outside_the_header_and_empty_sheets_are_refused() {
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            ws.write(0, 0, "id").unwrap();
            ws.write(1, 0, "A").unwrap();
            ws.write(1, 3, 5).unwrap();
        });
        let e = parse_sheet(Path::new("d.xlsx"), &bytes, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("d.xlsx!Sheet1!2:2: cell D2 is outside the table"),
            "{e}"
        );
        let empty = xlsx(|wb| {
            wb.add_worksheet();
        });
        let e = parse_sheet(Path::new("d.xlsx"), &empty, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("the sheet is empty"), "{e}");
    }

    #[test]
    fn far_apart_cells_do_not_allocate_the_range_between() {
        // A1 and XFD1048576: a dense range would be 17 billion cells.
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            ws.write(0, 0, "id").unwrap();
            ws.write(1_048_575, 16_383, "x").unwrap();
        });
        let e = parse_sheet(Path::new("d.xlsx"), &bytes, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("XFD1048576 is outside the table"), "{e}");
    }

    #[test]
    fn an_ods_sheet_reads_like_an_xlsx_one() {
        // tests/data/typed.ods: LibreOffice 7.4's conversion of a workbook like the one above
        // (B1 id, C1 omzet; a number, the formula =2*3, a formatted date, TRUE).
        let bytes = include_bytes!("../../tests/data/typed.ods");
        let t = parse_sheet(Path::new("d.ods"), bytes, None).unwrap();
        assert_eq!(t.headers, ["id", "omzet"]);
        assert_eq!(t.number(2, 1, &t.rows[0].1[1]), Ok(1_250_000.5));
        assert_eq!(t.number(3, 1, &t.rows[1].1[1]), Ok(6.0));
        let date = t.number(4, 1, &t.rows[2].1[1]).unwrap_err().to_string();
        assert!(
            date.starts_with("d.ods!UMKM!C4: column 'omzet': the cell holds a date (2021-10-12"),
            "{date}"
        );
        let b = t.number(5, 1, &t.rows[3].1[1]).unwrap_err().to_string();
        assert!(b.contains("C5") && b.contains("TRUE"), "{b}");
    }

    #[test]
    fn not_a_workbook() {
        let e = parse_sheet(Path::new("d.xlsx"), b"id,a\n1,2\n", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a workbook"), "{e}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Arbitrary bytes, and ZIP-signed garbage, are refused with the file named.
            #[test]
            fn any_bytes_are_a_table_or_a_located_problem(
                zip in any::<bool>(),
                body in prop::collection::vec(any::<u8>(), 0..400),
                sheet in prop::option::of("[A-Za-z]{1,6}"),
            ) {
                let mut bytes = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
                bytes.extend(body);
                if let Err(e) = parse_sheet(Path::new("x.xlsx"), &bytes, sheet.as_deref()) {
                    prop_assert!(e.diagnostics.iter().all(|d| d.file == Path::new("x.xlsx")));
                }
            }

            /// Any grid of typed cells reads back: number cells as their round-trip text,
            /// text as itself, booleans kept aside; cells outside the header refused.
            #[test]
            fn any_grid_reads_back(
                cells in prop::collection::vec(
                    ((0u32..30, 0u16..12), prop_oneof![
                        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(Some),
                        Just(None),
                    ], "[a-zA-Z0-9 ,.;]{0,10}"),
                    0..40,
                ),
            ) {
                let mut wb = Workbook::new();
                let ws = wb.add_worksheet();
                for ((r, c), num, text) in &cells {
                    match num {
                        Some(v) => ws.write_number(*r, *c, *v).map(|_| ()),
                        None => ws.write_string(*r, *c, text).map(|_| ()),
                    }
                    .unwrap();
                }
                let bytes = wb.save_to_buffer().unwrap();
                match parse_sheet(Path::new("g.xlsx"), &bytes, None) {
                    Ok(t) => {
                        for (line, row) in &t.rows {
                            prop_assert!(*line > t.header_line);
                            prop_assert_eq!(row.len(), t.headers.len());
                        }
                    }
                    Err(e) => {
                        let in_sheet = e.diagnostics.iter().all(|d| d.sheet.as_deref() == Some("Sheet1"));
                        prop_assert!(in_sheet);
                    }
                }
            }
        }
    }
}
