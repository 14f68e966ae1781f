//! CSV tables as spreadsheets export them: comma-, semicolon- or tab-separated, with or
//! without a UTF-8 byte-order mark, with Indonesian decimal commas in semicolon files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Cursor;
use std::ops::Index;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, InputError, Quoted};

/// How numbers are written in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1250000.5`: the decimal point, no thousands separator (comma- or tab-separated files).
    Point,
    /// `1.250.000,5`: Indonesian Excel exports (semicolon-separated files).
    Comma,
}

/// A CSV file read into memory, header checked, rows not yet interpreted.
#[derive(Debug)]
pub struct Table {
    /// Where it was read from (as given by the user, for messages).
    pub path: PathBuf,
    /// Header names, trimmed.
    pub headers: Vec<String>,
    /// The field separator that was detected.
    pub delimiter: u8,
    /// How numbers are written, from the separator.
    pub number_style: NumberStyle,
    /// Data rows: 1-based line number and the trimmed fields (one packed record per row, so
    /// a national judgments file of ten million rows stays affordable). Empty for a table
    /// read row by row ([`Rows`]). For a sheet the line is the spreadsheet's row number.
    pub rows: Vec<(usize, csv::StringRecord)>,
    /// The sheet, when the table was read from a workbook (None for CSV).
    pub sheet: Option<SheetInfo>,
    /// The line (CSV) or row (sheet) the header is on, 1-based.
    pub header_line: usize,
}

/// What a table read from a workbook keeps of its sheet: the name and first column (so a
/// problem is placed as `data.xlsx!UMKM!C14`) and the cells that are neither text nor a
/// number, so that a date or a boolean where a number belongs is refused, not read as text.
#[derive(Debug, Clone, Default)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// The 0-based spreadsheet column of the table's first column.
    pub first_col: usize,
    /// Cells typed as something else than text or a number, by (row number, table column).
    pub typed: HashMap<(usize, usize), CellKind>,
}

/// The type of a workbook cell that is neither text nor a number.
#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    /// A date or time (shown as the spreadsheet would show it, e.g. `2021-10-12`).
    Date(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A formula error such as `#DIV/0!` (its cached value).
    Error(String),
}

/// Picks the separator that occurs most often in the header line, outside quotes.
fn sniff_delimiter(header_line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header_line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    // Ties (e.g. a one-column file) fall back to the comma, the first entry.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// A file that cannot be read, with what to check.
pub fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    let advice = match e.kind() {
        std::io::ErrorKind::NotFound => {
            "check the path: a relative path starts from the folder unggul runs in"
        }
        std::io::ErrorKind::PermissionDenied => "check the file's read permission",
        std::io::ErrorKind::IsADirectory => "name a file, not a folder",
        _ => "check that the file exists and can be read",
    };
    Diagnostic::file(path, format!("cannot read the file ({e}): {advice}"))
}

/// Reads a whole CSV table, checking that every row has as many fields as the header.
///
/// # Errors
/// The file cannot be read, is empty, is not UTF-8, or has rows whose field count differs
/// from the header's (every such row is reported, with a hint about decimal commas).
pub fn read_table(path: &Path) -> Result<Table, InputError> {
    let bytes = read_file(path)?;
    parse_table(path, &bytes)
}

/// A file's bytes, or a located problem saying what to check.
///
/// # Errors
/// The file cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|e| InputError::one(unreadable(path, &e)))
}

/// Parses CSV bytes already in memory; `path` is used for messages only.
///
/// # Errors
/// As [`read_table`].
pub fn parse_table(path: &Path, bytes: &[u8]) -> Result<Table, InputError> {
    let mut rows = open_table(path, bytes)?;
    let mut kept = Vec::new();
    while let Some((line, record)) = rows.next_record() {
        let mut record = record.clone();
        record.trim();
        kept.push((line, record));
    }
    let mut table = rows.finish()?;
    table.rows = kept;
    Ok(table)
}

/// Opens CSV bytes for reading row by row (see [`Rows`]): checks the encoding, finds the
/// separator and reads the header. `path` is used for messages only.
///
/// # Errors
/// The bytes are empty, not UTF-8, or the header cannot be read.
pub fn open_table<'a>(path: &Path, bytes: &'a [u8]) -> Result<Rows<'a>, InputError> {
    if let Some(what) = not_csv(bytes) {
        return Err(InputError::one(Diagnostic::file(path, what)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::one(Diagnostic::file(
            path,
            format!(
                "the file is not UTF-8 text (bad byte at offset {}); save it from the spreadsheet as 'CSV UTF-8'",
                e.valid_up_to()
            ),
        ))
    })?;
    // Excel writes CRLF line ends; normalised so reported line numbers stay exact (the CSV
    // reader counts a record's line before it has consumed the `\n` of the previous `\r\n`).
    let text: Cow<'a, [u8]> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").into_bytes())
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    let first_line = std::str::from_utf8(&text)
        .unwrap_or("")
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    if first_line.trim().is_empty() {
        return Err(InputError::one(Diagnostic::file(
            path,
            "the file is empty: expected a header line followed by data rows",
        )));
    }
    let delimiter = sniff_delimiter(first_line);
    let number_style = if delimiter == b';' {
        NumberStyle::Comma
    } else {
        NumberStyle::Point
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 16)
        .from_reader(Cursor::new(text));
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(InputError::one(Diagnostic::line(
                path,
                1,
                format!("unreadable header: {e}"),
            )));
        }
    };
    Ok(Rows {
        table: Table {
            path: path.to_path_buf(),
            headers,
            delimiter,
            number_style,
            rows: Vec::new(),
            sheet: None,
            header_line: 1,
        },
        reader,
        record: csv::StringRecord::new(),
        problems: Vec::new(),
    })
}

/// What a file that is not CSV text is, and what to do, judged from its first bytes: a
/// workbook saved where a CSV belongs, or Excel's UTF-16 "Unicode Text" export. Such files
/// would otherwise fail later as "missing column 'id' (found: PK…)".
fn not_csv(bytes: &[u8]) -> Option<String> {
    const SAVE: &str = "save the sheet as 'CSV UTF-8 (Comma delimited)' from the spreadsheet";
    const STUDY: &str = "or, in a study file, name the workbook itself: candidates = \"data.xlsx\" \
                         (its first sheet) or { file = \"data.xlsx\", sheet = \"UMKM\" }";
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        let kind = if head
            .windows(34)
            .any(|w| w == b"application/vnd.oasis.opendocument")
        {
            "an OpenDocument spreadsheet (.ods, a ZIP archive)"
        } else {
            "a workbook or other ZIP archive (an .xlsx file is one)"
        };
        return Some(format!("this is {kind}, not CSV text: {SAVE}, {STUDY}"));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(format!(
            "this is an Excel 97-2003 workbook (.xls), not CSV text: {SAVE}, {STUDY}"
        ));
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        // Without a byte-order mark: ASCII text in UTF-16 has a zero in every other byte.
        || (bytes.len() >= 4 && bytes[..bytes.len().min(64)].chunks(2).all(|c| c.contains(&0)));
    if utf16 {
        return Some(format!(
            "this is UTF-16 text (Excel's 'Unicode Text' export), not UTF-8 CSV: {SAVE} instead, {STUDY}"
        ));
    }
    None
}

/// A table read row by row, so a reader keeps only what it needs of each row (a decision
/// matrix of a million rows becomes its numbers, not a million records). Rows whose field
/// count differs from the header's, and rows the CSV reader cannot read, are skipped and
/// reported by [`Rows::finish`]; blank rows are skipped.
///
/// # Examples
/// ```
/// use std::path::Path;
/// use unggul::input::table::open_table;
///
/// let mut rows = open_table(Path::new("m.csv"), b"id;omzet\nA; 1.250,5 \nB;12,5jt\n").unwrap();
/// let mut read = Vec::new();
/// while let Some(row) = rows.next_row() {
///     read.push((row.line, row[0].to_string(), row.number(1).map_err(|d| d.to_string())));
/// }
/// assert_eq!(read[0], (2, "A".to_string(), Ok(1250.5)));
/// assert!(read[1].2.as_ref().unwrap_err().starts_with("m.csv:3:2: column 'omzet': \"12,5jt\""));
/// assert_eq!(rows.finish().unwrap().headers, ["id", "omzet"]);
/// ```
#[derive(Debug)]
pub struct Rows<'a> {
    /// The header, separator and number style (its `rows` stay empty).
    table: Table,
    reader: csv::Reader<Cursor<Cow<'a, [u8]>>>,
    record: csv::StringRecord,
    problems: Vec<Diagnostic>,
}

/// One data row of a table read with [`Rows`]: its line, its table (for column names and
/// located messages) and its fields, trimmed when indexed (`row[j]` is column `j`'s text).
#[derive(Debug, Clone, Copy)]
pub struct Row<'r> {
    /// The 1-based line the row starts on.
    pub line: usize,
    /// The table's header, separator and number style.
    pub table: &'r Table,
    fields: &'r csv::StringRecord,
}

impl Index<usize> for Row<'_> {
    type Output = str;

    fn index(&self, j: usize) -> &str {
        trim(&self.fields[j])
    }
}

/// `str::trim`, with a fast exit for the usual cell that starts and ends with a visible
/// ASCII character (a third of a large file's read time went on trimming).
fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

impl Row<'_> {
    /// A problem in column `col` of this row.
    pub fn error(&self, col: usize, message: impl Into<String>) -> Diagnostic {
        self.table.cell_error(self.line, col, message)
    }

    /// The number in column `col`, or a located problem saying what is wrong with it.
    ///
    /// # Errors
    /// As [`parse_number`].
    pub fn number(&self, col: usize) -> Result<f64, Diagnostic> {
        parse_number(&self[col], self.table.number_style).map_err(|m| self.error(col, m))
    }
}

impl<'a> Rows<'a> {
    /// The header, separator and number style (its `rows` are empty), for column lookups
    /// and located messages.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The next data row with as many fields as the header.
    pub fn next_row(&mut self) -> Option<Row<'_>> {
        let (line, _) = self.next_record()?;
        Some(Row {
            line,
            table: &self.table,
            fields: &self.record,
        })
    }

    /// The next data row as the CSV reader gives it (untrimmed).
    fn next_record(&mut self) -> Option<(usize, &csv::StringRecord)> {
        let path = &self.table.path;
        let width = self.table.headers.len();
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    self.problems.push(Diagnostic::line(
                        path,
                        line,
                        format!("unreadable CSV row: {e}"),
                    ));
                    continue;
                }
            }
            let line = self.record.position().map_or(0, |p| p.line() as usize);
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue; // blank lines and rows of empty cells, as spreadsheets leave at the end
            }
            if self.record.len() != width {
                let hint = if self.table.delimiter == b',' && self.record.len() > width {
                    "; is a decimal comma (12,5) splitting a number? Write 12.5, or save the file as semicolon-separated CSV"
                } else {
                    ""
                };
                self.problems.push(Diagnostic::line(
                    path,
                    line,
                    format!(
                        "this row has {} fields but the header has {width}{hint}",
                        self.record.len(),
                    ),
                ));
                continue;
            }
            return Some((line, &self.record));
        }
    }

    /// Reads the rows not yet read and returns the header (as a table without rows).
    ///
    /// # Errors
    /// Every row that could not be read or has the wrong number of fields. A reader calls this
    /// before reporting its own problems, which such rows would only confuse.
    pub fn finish(mut self) -> Result<Table, InputError> {
        while self.next_record().is_some() {}
        if self.problems.is_empty() {
            Ok(self.table)
        } else {
            Err(InputError {
                diagnostics: self.problems,
            })
        }
    }
}

impl Table {
    /// Index of a column by name (case-insensitive), if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The indices of the required columns, or one problem per missing column.
    ///
    /// # Errors
    /// Names every missing column and the header that was found.
    pub fn require(&self, names: &[&str]) -> Result<Vec<usize>, InputError> {
        // One map of the header, so a file of thousands of criteria is matched in linear time;
        // the first of equal names wins, as in `column`.
        let mut index: HashMap<String, usize> = HashMap::with_capacity(self.headers.len());
        for (j, h) in self.headers.iter().enumerate() {
            index.entry(h.to_ascii_lowercase()).or_insert(j);
        }
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for name in names {
            match index.get(&name.to_ascii_lowercase()) {
                Some(&i) => {
                    found.push(i);
                    if let Some(again) = self.headers[i + 1..]
                        .iter()
                        .position(|h| h.eq_ignore_ascii_case(name))
                    {
                        problems.push(self.line_error(
                            self.header_line,
                            format!(
                                "column {} appears twice in the header (columns {} and {}); keep one of them, or rename the other",
                                Quoted::single(name),
                                self.column_label(i),
                                self.column_label(i + 1 + again)
                            ),
                        ));
                    }
                }
                None => problems.push(self.line_error(
                    self.header_line,
                    format!(
                        "missing column {} in the header (found: {}); add it or rename the column",
                        Quoted::single(name),
                        self.header_list()
                    ),
                )),
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(InputError {
                diagnostics: problems,
            })
        }
    }

    /// A column as a message names it: its number in a CSV file, its letters in a sheet.
    pub fn column_label(&self, col: usize) -> String {
        match &self.sheet {
            None => (col + 1).to_string(),
            Some(s) => super::diagnostic::column_letters(s.first_col + col + 1),
        }
    }

    /// The header's names for a message, at most [`HEADER_LIST_MAX`] of them.
    fn header_list(&self) -> String {
        let mut s = String::new();
        for (j, h) in self.headers.iter().take(HEADER_LIST_MAX).enumerate() {
            let sep = if j > 0 { ", " } else { "" };
            let _ = write!(s, "{sep}{}", Quoted::bare(h));
        }
        if self.headers.len() > HEADER_LIST_MAX {
            let _ = write!(s, " and {} more", self.headers.len() - HEADER_LIST_MAX);
        }
        s
    }

    /// A cell problem at row `line`, column index `col` (placed in its sheet for a workbook).
    pub fn cell_error(&self, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            None => Diagnostic::cell(&self.path, line, col + 1, &self.headers[col], message),
            Some(s) => Diagnostic::cell(
                &self.path,
                line,
                s.first_col + col + 1,
                &self.headers[col],
                message,
            )
            .in_sheet(Some(&s.name)),
        }
    }

    /// A problem with row `line` as a whole.
    pub fn line_error(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::line(&self.path, line, message).in_sheet(self.sheet_name())
    }

    /// A problem with the table as a whole.
    pub fn table_error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::file(&self.path, message).in_sheet(self.sheet_name())
    }

    /// The sheet's name, for a table read from a workbook.
    pub fn sheet_name(&self) -> Option<&str> {
        self.sheet.as_ref().map(|s| s.name.as_str())
    }

    /// Where the table is, for messages: `umkm.csv`, or `data.xlsx!UMKM`.
    pub fn place(&self) -> String {
        match &self.sheet {
            None => self.path.display().to_string(),
            Some(s) => format!("{}!{}", self.path.display(), Quoted::bare(&s.name)),
        }
    }

    /// The number in the cell at row `line`, column `col`, whose text is `text`: a number cell
    /// of a sheet, or number text as [`parse_number`] reads it. A date, a boolean or a formula
    /// error in a sheet is refused with what it is.
    ///
    /// # Errors
    /// A located problem saying what the cell holds and what to write instead.
    pub fn number(&self, line: usize, col: usize, text: &str) -> Result<f64, Diagnostic> {
        if let Some(s) = &self.sheet {
            if let Some(kind) = s.typed.get(&(line, col)) {
                let what = match kind {
                    CellKind::Date(d) => format!(
                        "the cell holds a date ({}), not a number: format the cell as Number and enter the number",
                        Quoted::bare(d)
                    ),
                    CellKind::Bool(b) => format!(
                        "the cell holds the logical value {}, not a number: enter the number",
                        if *b { "TRUE" } else { "FALSE" }
                    ),
                    CellKind::Error(e) => format!(
                        "the cell's formula gives the error {}: correct the formula or enter the number",
                        Quoted::bare(e)
                    ),
                };
                return Err(self.cell_error(line, col, what));
            }
            return parse_number(text, NumberStyle::Point).map_err(|_| {
                self.cell_error(
                    line,
                    col,
                    if text.trim().is_empty() {
                        "empty cell: a number is required".to_string()
                    } else {
                        format!(
                            "{} is not a number: enter digits (the spreadsheet then stores a number, e.g. 12,5 or 12.5 as your spreadsheet writes decimals); the cell holds text",
                            Quoted::double(text.trim())
                        )
                    },
                )
            });
        }
        parse_number(text, self.number_style).map_err(|m| self.cell_error(line, col, m))
    }
}

/// The most header names a "missing column" message lists.
const HEADER_LIST_MAX: usize = 30;

/// Parses a number as planners write it: `3`, `0.6`, `1/5` (a Saaty reciprocal), and in
/// semicolon files `12,5` and `1.250.000`. Rejects empty cells, NaN and infinities.
///
/// # Errors
/// A message saying what was found (quoted briefly) and what is expected.
pub fn parse_number(raw: &str, style: NumberStyle) -> Result<f64, String> {
    let s = trim(raw);
    if s.is_empty() {
        return Err("empty cell: a number is required".into());
    }
    // The common case first: a plain number, no fraction.
    if let Some(v) = parse_plain(s, style) {
        return Ok(v);
    }
    let q = Quoted::double(s);
    if let Some((num, den)) = s.split_once('/') {
        let n = parse_plain(num.trim(), style);
        let d = parse_plain(den.trim(), style);
        return match (n, d) {
            (Some(n), Some(d)) if d != 0.0 => Ok(n / d),
            (Some(_), Some(_)) => Err(format!("{q} divides by zero")),
            _ => Err(format!("{q} is not a number or a fraction like 1/5")),
        };
    }
    Err(match style {
        NumberStyle::Point if s.contains(',') => {
            format!("{q} is not a number: use a decimal point (12.5) in comma-separated files")
        }
        NumberStyle::Comma if s.contains('.') => format!(
            "{q} is not a number: in semicolon-separated files write decimals with a comma (1,5) and thousands with dots (1.250.000)"
        ),
        NumberStyle::Comma => format!("{q} is not a number: write digits, e.g. 12 or 12,5"),
        NumberStyle::Point => format!("{q} is not a number: write digits, e.g. 12 or 12.5"),
    })
}

/// The longest number text (in bytes) a semicolon file's cell is rewritten in on the stack;
/// longer ones take an allocation.
const SHORT_NUMBER: usize = 64;

fn parse_plain(s: &str, style: NumberStyle) -> Option<f64> {
    let numeric = |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E');
    match style {
        // Rust's parser takes digits, sign, point and exponent, and also "inf", "infinity" and
        // "NaN", which `finite` turns away: a spreadsheet cell never means those.
        NumberStyle::Point => finite(s),
        NumberStyle::Comma => {
            if !s.bytes().all(|b| numeric(b) || b == b',') {
                return None;
            }
            // Dots are thousands separators only in groups of exactly three digits
            // (1.250.000); "1.5" in a semicolon file is ambiguous and rejected.
            let int_part = s.split(',').next().unwrap_or("");
            let mut groups = int_part.trim_start_matches(['-', '+']).split('.');
            let first = groups.next().unwrap_or("");
            let mut rest = groups.peekable();
            if rest.peek().is_some()
                && (first.is_empty() || first.len() > 3 || rest.any(|g| g.len() != 3))
            {
                return None;
            }
            // Drop the thousands dots and make the decimal comma a point.
            let cleaned = s.bytes().filter(|&b| b != b'.').map(|b| match b {
                b',' => b'.',
                b => b,
            });
            if s.len() <= SHORT_NUMBER {
                let mut buf = [0u8; SHORT_NUMBER];
                let mut n = 0;
                for b in cleaned {
                    buf[n] = b;
                    n += 1;
                }
                finite(std::str::from_utf8(&buf[..n]).ok()?)
            } else {
                finite(&String::from_utf8(cleaned.collect()).ok()?)
            }
        }
    }
}

/// A finite number, or None (not a number, or NaN or infinite, including overflow: "1e400").
fn finite(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_styles() {
        assert_eq!(parse_number("3", NumberStyle::Point), Ok(3.0));
        assert_eq!(parse_number("1/5", NumberStyle::Point), Ok(0.2));
        assert_eq!(parse_number(" 0.6 ", NumberStyle::Point), Ok(0.6));
        assert_eq!(parse_number("12,5", NumberStyle::Comma), Ok(12.5));
        assert_eq!(
            parse_number("1.250.000", NumberStyle::Comma),
            Ok(1_250_000.0)
        );
        assert!(
            parse_number("12,5", NumberStyle::Point)
                .unwrap_err()
                .contains("decimal point")
        );
        for not_a_number in [
            "NaN",
            "nan",
            "inf",
            "-Infinity",
            "1e400",
            "0x10",
            "1_000",
            "½",
        ] {
            assert!(parse_number(not_a_number, NumberStyle::Point).is_err());
            assert!(parse_number(not_a_number, NumberStyle::Comma).is_err());
        }
        assert_eq!(parse_number("\u{a0}2.5\t", NumberStyle::Point), Ok(2.5));
        assert_eq!(parse_number("-1e3", NumberStyle::Point), Ok(-1000.0));
        assert!(parse_number("", NumberStyle::Point).is_err());
        assert!(parse_number("1/0", NumberStyle::Point).is_err());
        assert!(parse_number("12,5jt", NumberStyle::Comma).is_err());
    }

    #[test]
    fn semicolon_file_with_bom() {
        let t = parse_table(
            Path::new("x.csv"),
            "\u{feff}id;omzet\nA;1.250.000,5\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, vec!["id", "omzet"]);
        assert_eq!(
            parse_number(&t.rows[0].1[1], t.number_style),
            Ok(1_250_000.5)
        );
    }

    #[test]
    fn decimal_comma_in_comma_file_is_located() {
        let e = parse_table(Path::new("x.csv"), b"id,a,b\nA,12,5,3\n").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("x.csv:2"), "{text}");
        assert!(text.contains("decimal comma"), "{text}");
    }

    #[test]
    fn crlf_line_numbers_are_exact() {
        let e = parse_table(Path::new("x.csv"), b"id,a\r\nA,1\r\nB,1,2\r\n").unwrap_err();
        assert!(e.to_string().contains("x.csv:3:"), "{e}");
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(
            parse_table(Path::new("x.csv"), b"")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            /// Arbitrary bytes never panic; a failure names the file.
            #[test]
            fn any_bytes_are_a_table_or_a_located_problem(
                bytes in prop::collection::vec(any::<u8>(), 0..600),
            ) {
                if let Err(e) = parse_table(Path::new("x.csv"), &bytes) {
                    prop_assert!(!e.diagnostics.is_empty());
                    prop_assert!(e.diagnostics.iter().all(|d| d.file == Path::new("x.csv")));
                }
            }

            /// CSV-ish text of separators, quotes, commas and digits: rows keep the header's
            /// width, and every number cell either parses or says why, located.
            #[test]
            fn any_text_table_is_read_row_by_row(text in "[a-c0-9,;\t\"\n .-]{0,200}") {
                if let Ok(t) = parse_table(Path::new("x.csv"), text.as_bytes()) {
                    for (line, row) in &t.rows {
                        prop_assert_eq!(row.len(), t.headers.len());
                        for j in 0..row.len() {
                            if let Err(d) = t.number(*line, j, &row[j]) {
                                prop_assert_eq!(d.line, Some(*line));
                            }
                        }
                    }
                }
            }
        }
    }
}
