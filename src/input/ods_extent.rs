//! A bound on what an `.ods` workbook may make us allocate, checked before calamine reads it.
//!
//! calamine reads an `.ods` sheet into a dense range: every cell between the first and the
//! last one holding something, with `table:number-columns-repeated` and
//! `table:number-rows-repeated` expanded (its own cap is 100 million cells). A file of less
//! than a kilobyte can declare a value repeated over 16384 columns and 3000 rows: measured
//! with `/usr/bin/time -v`, `unggul validate` on such a file peaked at 10.2 GB resident and
//! took 97 s (300 rows: 2.7 GB, 29 s). So `content.xml` is scanned first, streaming, and a
//! workbook whose sheets span more than [`MAX_CELLS`] cells, or whose `content.xml` is larger
//! than [`MAX_CONTENT_BYTES`], is refused with the sheet and the farthest cell named.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::diagnostic::{Diagnostic, InputError, column_letters};

/// The most cells the sheets of an `.ods` workbook may span together (counting repeated rows
/// and columns between the first and the last cell that holds something): a candidates table
/// of 50,000 rows by 20 columns. Larger tables read faster as CSV, which is streamed.
pub const MAX_CELLS: u64 = 1_000_000;

/// The largest `content.xml` (uncompressed) read from an `.ods` workbook: 256 MiB.
pub const MAX_CONTENT_BYTES: u64 = 256 << 20;

/// The extent of one sheet so far: rows and columns are 0-based, ends exclusive.
#[derive(Default)]
struct Extent {
    name: String,
    /// The next row's index (row repeats counted).
    row: u64,
    /// First and one-past-last row holding something.
    rows: Option<(u64, u64)>,
    /// First and one-past-last column holding something.
    cols: Option<(u64, u64)>,
    /// Cells calamine keeps while reading rows (each row element once, repeats expanded up to
    /// its last non-empty cell).
    row_cells: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0).saturating_mul(c1 - c0),
            _ => 0,
        }
        .max(self.row_cells)
    }
}

fn repeats(e: &BytesStart<'_>, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

fn has_attr(e: &BytesStart<'_>, key: &str) -> bool {
    e.attributes().flatten().any(|a| a.key.as_ref() == key)
}

/// Checks an `.ods` workbook's declared size before it is read. A file that is not a ZIP
/// archive with a `content.xml`, or whose XML is broken, passes: calamine then says what is
/// wrong with it.
///
/// # Errors
/// The sheets span more than [`MAX_CELLS`] cells (the message names the sheet, its extent and
/// its farthest cell, and what to do), or `content.xml` exceeds [`MAX_CONTENT_BYTES`].
pub fn check(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(entry) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let too_large = || {
        InputError::one(Diagnostic::file(
            path,
            format!(
                "the workbook's content is larger than {} MiB uncompressed, more than unggul reads from an .ods file: save the table as CSV (UTF-8) and name the CSV file",
                MAX_CONTENT_BYTES >> 20
            ),
        ))
    };
    if entry.size() > MAX_CONTENT_BYTES {
        return Err(too_large());
    }
    // The declared size may lie: stop reading one byte past the limit.
    let mut xml = Reader::from_reader(BufReader::new(entry.take(MAX_CONTENT_BYTES + 1)));
    let mut buf = Vec::new();
    let mut sheet: Option<Extent> = None;
    let mut total = 0u64;
    // The current row: its repeats, next column, and first/one-past-last filled column.
    let mut row_repeats = 1u64;
    let mut col = 0u64;
    let mut row_cols: Option<(u64, u64)> = None;
    // Broken XML ends the scan: calamine then says what is wrong with it.
    while let Ok(event) = xml.read_event_into(&mut buf) {
        let (start, empty_element) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" => {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "table:name")
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    sheet = Some(Extent {
                        name,
                        ..Extent::default()
                    });
                }
                "table:table-row" => {
                    row_repeats = repeats(&e, "table:number-rows-repeated");
                    col = 0;
                    row_cols = None;
                    if empty_element && let Some(s) = sheet.as_mut() {
                        s.row = s.row.saturating_add(row_repeats);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(&e, "table:number-columns-repeated");
                    // A cell with a type, a formula or content (text) holds something.
                    let filled = !empty_element
                        || has_attr(&e, "office:value-type")
                        || has_attr(&e, "table:formula");
                    if filled {
                        let end = col.saturating_add(n);
                        row_cols =
                            Some(row_cols.map_or((col, end), |(a, b)| (a.min(col), b.max(end))));
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(s) = sheet.as_mut() {
                    if let Some((c0, c1)) = row_cols {
                        let r0 = s.row;
                        let r1 = s.row.saturating_add(row_repeats);
                        s.rows = Some(s.rows.map_or((r0, r1), |(a, _)| (a, r1)));
                        s.cols = Some(s.cols.map_or((c0, c1), |(a, b)| (a.min(c0), b.max(c1))));
                        s.row_cells = s.row_cells.saturating_add(c1.min(16_384));
                    }
                    s.row = s.row.saturating_add(row_repeats);
                    if total.saturating_add(s.cells()) > MAX_CELLS {
                        return Err(too_many(path, s));
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(s) = sheet.take() {
                    total = total.saturating_add(s.cells());
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if xml.into_inner().into_inner().limit() == 0 {
        return Err(too_large());
    }
    Ok(())
}

fn too_many(path: &Path, s: &Extent) -> InputError {
    let (r0, r1) = s.rows.unwrap_or((0, 0));
    let (c0, c1) = s.cols.unwrap_or((0, 0));
    let far = format!(
        "{}{}",
        column_letters(usize::try_from(c1).unwrap_or(usize::MAX)),
        r1
    );
    InputError::one(
        Diagnostic::file(
            path,
            format!(
                "the sheet reaches cell {far}: {} rows by {} columns counting repeated rows and columns, more than the {MAX_CELLS} cells unggul reads from an .ods workbook; delete the rows and columns below and beside the table (often formatting copied to the end of the sheet), or save the table as CSV (UTF-8) and name the CSV file",
                r1 - r0,
                c1 - c0,
            ),
        )
        .in_sheet(Some(&s.name)),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An .ods workbook whose one sheet `UMKM` has a header row `id,name` and then a row
    /// holding 1 in `cols` repeated columns, repeated `rows` times.
    pub(crate) fn repeated_ods(rows: u64, cols: u64) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="UMKM"><table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>name</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="{cols}"><text:p>1</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_str()),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn repeated_rows_and_columns_count_up_to_the_last_filled_cell() {
        let path = Path::new("a.ods");
        // 1 + 999 rows by 1000 columns: within the bound (trailing empty rows and columns,
        // as spreadsheets save formatting to the sheet's end, do not count).
        assert!(check(path, &repeated_ods(999, 1000)).is_ok());
        // One row more is beyond it.
        let e = check(path, &repeated_ods(1000, 1000)).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(d.sheet.as_deref(), Some("UMKM"));
        assert!(
            d.message.starts_with(
                "the sheet reaches cell ALL1001: 1001 rows by 1000 columns counting repeated rows and columns, more than the 1000000 cells"
            ),
            "{}",
            d.message
        );
        // A full-width row repeated to the sheet's last row, which calamine would expand.
        let e = check(path, &repeated_ods(1_048_575, 16_384)).unwrap_err();
        assert!(e.diagnostics[0].message.contains("cell XFD1048576"));
    }

    #[test]
    fn what_is_not_an_ods_archive_is_left_to_calamine() {
        let path = Path::new("a.ods");
        assert!(check(path, b"PK\x03\x04 not really").is_ok());
        assert!(check(path, b"").is_ok());
        let typed =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/typed.ods"))
                .unwrap();
        assert!(check(path, &typed).is_ok());
    }
}
