//! Located input problems, collected so a planner fixes a file once, not twenty times.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in an input file, with its place and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
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
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem on a line.
    pub fn line(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
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
            line: Some(line),
            column: Some((column, column_name.to_string())),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match &self.column {
            Some((col, name)) => write!(f, ":{col}: column '{name}': {}", self.message),
            None => write!(f, ": {}", self.message),
        }
    }
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
}

impl Collector {
    /// Records one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Whether nothing went wrong so far.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Adds the problems of another error.
    pub fn extend(&mut self, e: InputError) {
        self.diagnostics.extend(e.diagnostics);
    }

    /// `Ok(value)` when no problem was recorded, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, InputError> {
        if self.diagnostics.is_empty() {
            Ok(value)
        } else {
            Err(InputError {
                diagnostics: self.diagnostics,
            })
        }
    }
}
