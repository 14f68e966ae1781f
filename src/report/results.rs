//! `results.json`: a finished run's whole [`Analysis`], so that `unggul report` can render the
//! report again (another language, with or without charts) without recomputing a score.
//!
//! The file is compact JSON: `{"format": "unggul-results", "version": 1, "analysis": {...}}`.
//! Its bytes are deterministic (struct fields in declaration order, vectors in order, no hash
//! maps), and every float is written with serde_json's shortest round-trip formatting and read
//! back exactly (the `float_roundtrip` feature), so the [`Analysis`] read back equals the one
//! written, and writing it again gives the same bytes.
//!
//! A report rendered again from these results with the same language and chart setting is
//! byte-identical to the one `unggul run` wrote, `manifest.json` included, except for the
//! manifest's `command_line` entry, which records the `unggul report ...` command instead (and
//! so the manifest's own bytes, which no other file hashes). The study's input files are not
//! read again: the manifest's `inputs` hashes are those recorded by the run.

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
    #[error(
        "{0}: no such file; run `unggul run` first to produce a report folder with its results"
    )]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RunOptions;

    /// The bundled study with every stage (SMAA with few samples, to stay quick).
    fn bundled() -> Analysis {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate::input::BUNDLED_STUDY);
        let mut study = crate::input::read_study(&path).expect("bundled study reads");
        study.sensitivity.samples = 200;
        crate::run_study(study, RunOptions::default(), &|_, _, _| {}).expect("bundled study runs")
    }

    #[test]
    fn analysis_round_trips_exactly() {
        let analysis = bundled();
        assert!(analysis.sensitivity.is_some() && analysis.scenarios.is_some());
        let bytes = to_json(&analysis);
        let back = from_json(&bytes, Path::new(FILE_NAME)).expect("results read back");
        // Exact equality, floats included: nothing is lost on the way through JSON.
        assert!(back == analysis, "the analysis read back differs");
        assert_eq!(to_json(&back), bytes, "writing again gives other bytes");
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        let path = Path::new("r/results.json");
        let err = from_json(br#"{"format":"unggul-results","version":99}"#, path).unwrap_err();
        assert!(
            matches!(err, ResultsError::Version { found: 99, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("r/results.json"));
        let err = from_json(b"{\"format\":\"unggul-res", path).unwrap_err();
        assert!(matches!(err, ResultsError::Corrupt { .. }), "{err}");
        let err = from_json(br#"{"format":"other","version":1}"#, path).unwrap_err();
        assert!(matches!(err, ResultsError::Corrupt { .. }), "{err}");
        let err = read(Path::new("/nonexistent-unggul-report")).unwrap_err();
        assert!(matches!(err, ResultsError::Missing(_)), "{err}");
        assert!(err.to_string().contains("unggul run"));
    }

    #[test]
    fn pairwise_matrices_are_validated_on_the_way_in() {
        use crate::ahp::PairwiseMatrix;
        let m: PairwiseMatrix = serde_json::from_str("[[1.0,3.0],[0.3333333333333333,1.0]]")
            .expect("a reciprocal matrix reads");
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            "[[1.0,3.0],[0.3333333333333333,1.0]]"
        );
        assert!(serde_json::from_str::<PairwiseMatrix>("[[1.0,3.0],[3.0,1.0]]").is_err());
        assert!(serde_json::from_str::<PairwiseMatrix>("[[1.0,3.0]]").is_err());
    }
}
