//! Located input problems, collected so a planner fixes a file once, not twenty times.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in an input file, with its place and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
    /// The sheet, when the file is a workbook: the place is then written the spreadsheet
    /// way, `data.xlsx!UMKM!C14`.
    pub sheet: Option<String>,
    /// 1-based line number, when the problem is on a line.
    pub line: Option<usize>,
    /// 1-based column number and the column's name, when it is in a cell.
    pub column: Option<(usize, String)>,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole.
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            sheet: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem on a line.
    pub fn line(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            sheet: None,
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    /// The same problem, placed in a sheet of the workbook `file` (see [`Diagnostic::sheet`]).
    #[must_use]
    pub fn in_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_string);
        self
    }

    /// A problem in one cell.
    pub fn cell(
        file: &Path,
        line: usize,
        column: usize,
        column_name: &str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_path_buf(),
            sheet: None,
            line: Some(line),
            column: Some((column, column_name.to_string())),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            // A spreadsheet reference a planner can type into the Name Box: Sheet!C14, or the
            // whole row as Sheet!14:14.
            write!(f, "!{}", Quoted::bare(sheet))?;
            return match (self.line, &self.column) {
                (Some(line), Some((col, name))) => write!(
                    f,
                    "!{}{line}: column {}: {}",
                    column_letters(*col),
                    Quoted::single(name),
                    self.message
                ),
                (Some(line), None) => write!(f, "!{line}:{line}: {}", self.message),
                _ => write!(f, ": {}", self.message),
            };
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match &self.column {
            Some((col, name)) => write!(
                f,
                ":{col}: column {}: {}",
                Quoted::single(name),
                self.message
            ),
            None => write!(f, ": {}", self.message),
        }
    }
}

/// A 1-based column number as a spreadsheet names it: 1 → `A`, 27 → `AA`.
pub fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Every problem found while reading a study's inputs.
#[derive(Debug, Clone, Default, PartialEq, thiserror::Error)]
pub struct InputError {
    /// The problems, in the order they were found (file by file, line by line).
    pub diagnostics: Vec<Diagnostic>,
}

impl InputError {
    /// An error holding one problem.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{n} problem{} found in the input",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Collects diagnostics while a file is read, then turns them into a result.
#[derive(Debug, Default)]
pub struct Collector {
    /// The problems so far.
    pub diagnostics: Vec<Diagnostic>,
    /// With a limit: the file, the most problems listed, and how many more were found.
    limit: Option<(PathBuf, usize)>,
    omitted: usize,
}

impl Collector {
    /// A collector that keeps the first `limit` problems of `file` and only counts the rest:
    /// a file of a million rows in the wrong decimal style would otherwise give twelve million
    /// messages, and hold them all in memory.
    pub fn limited(file: &Path, limit: usize) -> Self {
        Self {
            diagnostics: Vec::new(),
            limit: Some((file.to_path_buf(), limit)),
            omitted: 0,
        }
    }

    /// Records one problem.
    pub fn push(&mut self, d: Diagnostic) {
        match &self.limit {
            Some((_, limit)) if self.diagnostics.len() >= *limit => self.omitted += 1,
            _ => self.diagnostics.push(d),
        }
    }

    /// Whether nothing went wrong so far.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Adds the problems of another error.
    pub fn extend(&mut self, e: InputError) {
        for d in e.diagnostics {
            self.push(d);
        }
    }

    /// `Ok(value)` when no problem was recorded, else every problem (and, past a limit, how
    /// many more there are).
    ///
    /// # Errors
    /// The problems recorded.
    pub fn finish<T>(self, value: T) -> Result<T, InputError> {
        let mut diagnostics = self.diagnostics;
        if let Some((file, limit)) = self.limit.filter(|_| self.omitted > 0) {
            diagnostics.push(Diagnostic::file(
                &file,
                format!(
                    "{} more problems not listed (only the first {limit} are); fix these and \
                     run again",
                    self.omitted
                ),
            ));
        }
        if diagnostics.is_empty() {
            Ok(value)
        } else {
            Err(InputError { diagnostics })
        }
    }
}

/// The longest user text a message quotes whole, in characters; longer text is cut to
/// [`QUOTE_PREFIX`] characters.
pub const QUOTE_MAX: usize = 60;

/// How many characters of a text longer than [`QUOTE_MAX`] a message shows.
pub const QUOTE_PREFIX: usize = 48;

/// User text (a cell, a header, a value) as a message quotes it: whole when it is short, else
/// its first [`QUOTE_PREFIX`] characters, `…` and its length, so a 50 MB cell cannot flood a
/// terminal: `"Kerupuk…" (5242880 characters)`. Every diagnostic that echoes user text goes
/// through this.
///
/// # Examples
/// ```
/// use unggul::input::diagnostic::Quoted;
///
/// assert_eq!(Quoted::double("12,5jt").to_string(), "\"12,5jt\"");
/// assert_eq!(Quoted::single("omzet").to_string(), "'omzet'");
/// assert_eq!(Quoted::bare("P01").to_string(), "P01");
/// let long = "x".repeat(1000);
/// assert_eq!(
///     Quoted::double(&long).to_string(),
///     format!("\"{}…\" (1000 characters)", "x".repeat(48))
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Quoted<'a> {
    text: &'a str,
    mark: &'static str,
}

impl<'a> Quoted<'a> {
    /// In double quotes, as messages quote cell values.
    pub fn double(text: &'a str) -> Self {
        Self { text, mark: "\"" }
    }

    /// In single quotes, as messages quote column names.
    pub fn single(text: &'a str) -> Self {
        Self { text, mark: "'" }
    }

    /// Without quotes, as messages name codes and ids (`participant P01`).
    pub fn bare(text: &'a str) -> Self {
        Self { text, mark: "" }
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.mark;
        // Only a text longer than QUOTE_MAX characters is cut (and only then counted whole).
        match self.text.char_indices().nth(QUOTE_MAX) {
            None => write!(f, "{m}{}{m}", self.text),
            Some(_) => {
                let cut = self
                    .text
                    .char_indices()
                    .nth(QUOTE_PREFIX)
                    .map_or(self.text.len(), |(i, _)| i);
                let n = self.text.chars().count();
                write!(f, "{m}{}…{m} ({n} characters)", &self.text[..cut])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_places() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16_384), "XFD"); // Excel's last column
        let d =
            Diagnostic::cell(Path::new("data.xlsx"), 14, 3, "omzet", "bad").in_sheet(Some("UMKM"));
        assert_eq!(d.to_string(), "data.xlsx!UMKM!C14: column 'omzet': bad");
        let d = Diagnostic::line(Path::new("data.xlsx"), 7, "bad").in_sheet(Some("UMKM"));
        assert_eq!(d.to_string(), "data.xlsx!UMKM!7:7: bad");
    }
}
