//! `results.json`: a finished run's whole [`Analysis`], so that `unggul report` can render the
//! report again (another language, with or without charts) without recomputing a score.
//!
//! The file is compact JSON: `{"format": "unggul-results", "version": 1, "analysis": {...}}`.
//! Its bytes are deterministic (struct fields in declaration order, vectors in order, no hash
//! maps), and every float is written with serde_json's shortest round-trip formatting and read
//! back exactly (the `float_roundtrip` feature), so the [`Analysis`] read back equals the one
//! written, and writing it again gives the same bytes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Analysis;

/// Name of the file in the report folder.
pub const FILE_NAME: &str = "results.json";

/// The `format` field, telling this file from other JSON files.
pub const FORMAT: &str = "unggul-results";

/// Version of the file's layout. Raised whenever a change to the analysis types makes older
/// files unreadable; `unggul report` refuses other versions.
pub const FORMAT_VERSION: u32 = 1;

/// Problems reading `results.json`. Each message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// The file does not exist (the folder is not a finished `unggul run` report).
    #[error("{0}: no such file; run `unggul run` first to produce a report folder with its results")]
    Missing(PathBuf),
    /// The file exists but cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid results JSON (truncated, edited, or another file).
    #[error("{path}: not a valid unggul results file ({message}); run `unggul run` again")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong, as found by the JSON parser.
        message: String,
    },
    /// The file was written by a version of unggul with another layout.
    #[error(
        "{path}: results format version {found}, but this unggul reads version {expected}; run `unggul run` again"
    )]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u64,
        /// The version this build reads ([`FORMAT_VERSION`]).
        expected: u32,
    },
}

/// What is written: the header and a borrowed analysis.
#[derive(Serialize)]
struct Written<'a> {
    format: &'static str,
    version: u32,
    analysis: &'a Analysis,
}

/// The header alone, read first so that a file of another version gets a clear message.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u64,
}

/// What is read.
#[derive(Deserialize)]
struct Read {
    analysis: Analysis,
}

/// The bytes of `results.json` for an analysis (compact JSON and a final newline).
pub fn to_json(analysis: &Analysis) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(&Written {
        format: FORMAT,
        version: FORMAT_VERSION,
        analysis,
    })
    .expect("an analysis has no maps with non-string keys, so it always serialises");
    bytes.push(b'\n');
    bytes
}

/// Reads an analysis back from the bytes of a results file; `path` is used in messages only.
///
/// # Errors
/// [`ResultsError::Corrupt`] if the bytes are not a results file, [`ResultsError::Version`]
/// if they have another format version.
pub fn from_json(bytes: &[u8], path: &Path) -> Result<Analysis, ResultsError> {
    let corrupt = |e: serde_json::Error| ResultsError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let header: Header = serde_json::from_slice(bytes).map_err(corrupt)?;
    if header.format != FORMAT {
        return Err(ResultsError::Corrupt {
            path: path.to_path_buf(),
            message: format!("format is {:?}, expected {FORMAT:?}", header.format),
        });
    }
    if header.version != u64::from(FORMAT_VERSION) {
        return Err(ResultsError::Version {
            path: path.to_path_buf(),
            found: header.version,
            expected: FORMAT_VERSION,
        });
    }
    let read: Read = serde_json::from_slice(bytes).map_err(corrupt)?;
    Ok(read.analysis)
}

/// Reads `results.json` of a report folder.
///
/// # Errors
/// The file is missing ([`ResultsError::Missing`]), unreadable, corrupt or of another
/// version (see [`from_json`]).
pub fn read(report_dir: &Path) -> Result<Analysis, ResultsError> {
    let path = report_dir.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ResultsError::Missing(path.clone())
        } else {
            ResultsError::Io {
                path: path.clone(),
                source,
            }
        }
    })?;
    from_json(&bytes, &path)
}
