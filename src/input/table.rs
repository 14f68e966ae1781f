//! CSV tables as spreadsheets export them: comma-, semicolon- or tab-separated, with or
//! without a UTF-8 byte-order mark, with Indonesian decimal commas in semicolon files.

use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, InputError};

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
    /// a national judgments file of ten million rows stays affordable).
    pub rows: Vec<(usize, csv::StringRecord)>,
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

/// Reads a whole CSV table, checking that every row has as many fields as the header.
///
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

/// # Errors
/// The file cannot be read, is empty, is not UTF-8, or has rows whose field count differs
/// from the header's (every such row is reported, with a hint about decimal commas).
pub fn read_table(path: &Path) -> Result<Table, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::one(unreadable(path, &e)))?;
    parse_table(path, &bytes)
}

/// Parses CSV bytes already in memory; `path` is used for messages only.
///
/// # Errors
/// As [`read_table`].
pub fn parse_table(path: &Path, bytes: &[u8]) -> Result<Table, InputError> {
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
    // Excel writes CRLF line ends; normalised so reported line numbers stay exact.
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
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
        .from_reader(text.as_bytes());
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
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(Diagnostic::line(
                    path,
                    line,
                    format!("unreadable CSV row: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // blank lines and rows of empty cells, as spreadsheets leave at the end
        }
        if record.len() != headers.len() {
            let hint = if delimiter == b',' && record.len() > headers.len() {
                "; is a decimal comma (12,5) splitting a number? Write 12.5, or save the file as semicolon-separated CSV"
            } else {
                ""
            };
            problems.push(Diagnostic::line(
                path,
                line,
                format!(
                    "this row has {} fields but the header has {}{hint}",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let mut record = record;
        record.trim();
        rows.push((line, record));
    }
    if !problems.is_empty() {
        return Err(InputError {
            diagnostics: problems,
        });
    }
    Ok(Table {
        path: path.to_path_buf(),
        headers,
        delimiter,
        number_style,
        rows,
    })
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
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for name in names {
            match self.column(name) {
                Some(i) => found.push(i),
                None => problems.push(Diagnostic::line(
                    &self.path,
                    1,
                    format!(
                        "missing column '{name}' in the header (found: {}); add it or rename the column",
                        self.headers.join(", ")
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

    /// A cell problem at row `line`, column index `col`.
    pub fn cell_error(&self, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::cell(&self.path, line, col + 1, &self.headers[col], message)
    }
}

/// Parses a number as planners write it: `3`, `0.6`, `1/5` (a Saaty reciprocal), and in
/// semicolon files `12,5` and `1.250.000`. Rejects empty cells, NaN and infinities.
///
/// # Errors
/// A message saying what was found and what is expected.
pub fn parse_number(raw: &str, style: NumberStyle) -> Result<f64, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("empty cell: a number is required".into());
    }
    if let Some((num, den)) = s.split_once('/') {
        let n = parse_plain(num.trim(), style);
        let d = parse_plain(den.trim(), style);
        return match (n, d) {
            (Some(n), Some(d)) if d != 0.0 => Ok(n / d),
            (Some(_), Some(_)) => Err(format!("\"{s}\" divides by zero")),
            _ => Err(format!("\"{s}\" is not a number or a fraction like 1/5")),
        };
    }
    match parse_plain(s, style) {
        Some(v) => Ok(v),
        None if style == NumberStyle::Point && s.contains(',') => Err(format!(
            "\"{s}\" is not a number: use a decimal point (12.5) in comma-separated files"
        )),
        None if style == NumberStyle::Comma && s.contains('.') => Err(format!(
            "\"{s}\" is not a number: in semicolon-separated files write decimals with a comma (1,5) and thousands with dots (1.250.000)"
        )),
        None => Err(match style {
            NumberStyle::Comma => format!("\"{s}\" is not a number: write digits, e.g. 12 or 12,5"),
            NumberStyle::Point => format!("\"{s}\" is not a number: write digits, e.g. 12 or 12.5"),
        }),
    }
}

fn parse_plain(s: &str, style: NumberStyle) -> Option<f64> {
    let cleaned;
    let s = match style {
        NumberStyle::Point => s,
        NumberStyle::Comma => {
            // Dots are thousands separators only in groups of exactly three digits
            // (1.250.000); "1.5" in a semicolon file is ambiguous and rejected.
            let int_part = s.split(',').next().unwrap_or("");
            let groups: Vec<&str> = int_part.trim_start_matches(['-', '+']).split('.').collect();
            if groups.len() > 1
                && (groups[0].is_empty()
                    || groups[0].len() > 3
                    || groups[1..].iter().any(|g| g.len() != 3))
            {
                return None;
            }
            cleaned = s.replace('.', "").replace(',', ".");
            cleaned.as_str()
        }
    };
    // Rust's parser accepts "inf" and "NaN"; a spreadsheet cell never means those.
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
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
        assert!(parse_number("NaN", NumberStyle::Point).is_err());
        assert!(parse_number("inf", NumberStyle::Point).is_err());
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
}
