//! Reading TOML files with errors that point at the line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, InputError};

/// Reads and deserialises a TOML file, returning its bytes too (for hashing).
///
/// # Errors
/// The file cannot be read or does not match the expected shape; the error names the line
/// and column of the offending key.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<(T, Vec<u8>), InputError> {
    let bytes = std::fs::read(path).map_err(|e| {
        InputError::one(Diagnostic::file(path, format!("cannot read the file: {e}")))
    })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| InputError::one(Diagnostic::file(path, "the file is not UTF-8 text")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match toml::from_str::<T>(text) {
        Ok(v) => Ok((v, bytes)),
        Err(e) => {
            let message = e.message().trim().to_string();
            let d = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    Diagnostic {
                        file: path.to_path_buf(),
                        line: Some(line),
                        column: None,
                        message: format!("(column {col}) {message}"),
                    }
                }
                None => Diagnostic::file(path, message),
            };
            Err(InputError::one(d))
        }
    }
}
