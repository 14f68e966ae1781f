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
use crate::input::study::sha256_hex;

mod validate;

pub use validate::{MAX_LISTED, Problems, validate};

/// Name of the file in the report folder.
pub const FILE_NAME: &str = "results.json";

/// Name of the file when the report's tables are Parquet (a study of more than 1,000
/// kelurahan, see [`crate::report::columnar::TableFormat`]): the same JSON, gzip-compressed
/// at the fastest level (about 3.4 times smaller).
pub const GZ_FILE_NAME: &str = "results.json.gz";

/// The `format` field, telling this file from other JSON files.
pub const FORMAT: &str = "unggul-results";

/// Version of the file's layout. Raised whenever a change to the analysis types makes older
/// files unreadable; `unggul report` refuses other versions.
pub const FORMAT_VERSION: u32 = 2;

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
    /// The file reads as an analysis, but its indices, lengths or numbers do not fit the
    /// study it embeds (see [`validate()`]).
    #[error("{path}: {problems}{}rerun `unggul run` to rebuild it", separator(.problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, each with its JSON path.
        problems: Problems,
    },
    /// The file's SHA-256 is not the one the report's `manifest.json` records: it was
    /// changed after the run.
    #[error(
        "{path}: changed after the run (its SHA-256 is not the one {manifest} records), so its numbers cannot be trusted; rerun `unggul run` to rebuild it"
    )]
    Edited {
        /// The file.
        path: PathBuf,
        /// The manifest that records another hash.
        manifest: PathBuf,
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

/// One problem continues the line; a list ends it.
fn separator(problems: &Problems) -> &'static str {
    if problems.total == 1 { "; " } else { "\n" }
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

/// Writes `results.json` for an analysis into `w` as it is serialised (the same bytes as
/// [`to_json`]), so a national study's results are never held whole in memory.
///
/// # Errors
/// `w` fails.
pub fn write_json(analysis: &Analysis, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(
        &mut *w,
        &Written {
            format: FORMAT,
            version: FORMAT_VERSION,
            analysis,
        },
    )
    .map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

/// Bytes of JSON per gzip member of `results.json.gz`.
pub const GZ_BLOCK: usize = 8 << 20;

/// Writes `results.json.gz`: the JSON of [`write_json`] as gzip members of [`GZ_BLOCK`]
/// bytes each, compressed on a second thread while the next block is serialised (the two
/// halves of the work take about as long). A gzip file of several members is one stream to
/// every reader (`gzip -d`, Python's `gzip`, pandas, flate2's `MultiGzDecoder`). The bytes
/// depend only on the analysis, never on timing.
///
/// # Errors
/// `w` fails.
pub fn write_json_gz(analysis: &Analysis, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::sync::mpsc;
    // At most two blocks wait for the compressor, so memory holds a few blocks.
    let (to_compress, blocks) = mpsc::sync_channel::<Vec<u8>>(2);
    let (compressed_tx, compressed) = mpsc::channel::<std::io::Result<Vec<u8>>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for block in blocks {
                let mut gz = flate2::write::GzEncoder::new(
                    Vec::with_capacity(block.len() / 4),
                    flate2::Compression::fast(),
                );
                let member = std::io::Write::write_all(&mut gz, &block).and_then(|()| gz.finish());
                if compressed_tx.send(member).is_err() {
                    return;
                }
            }
        });
        let mut blocks = GzBlocks {
            block: Vec::with_capacity(GZ_BLOCK),
            to_compress: Some(to_compress),
            compressed: &compressed,
            out: w,
        };
        let written = write_json(analysis, &mut blocks).and_then(|()| blocks.finish());
        // Unblocks the compressor if serialising failed half-way.
        blocks.to_compress = None;
        written
    })
}

/// The serialiser's side of [`write_json_gz`]: fills blocks, hands them to the compressor,
/// and writes the members back in order as they come.
struct GzBlocks<'a> {
    block: Vec<u8>,
    to_compress: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    compressed: &'a std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    out: &'a mut dyn std::io::Write,
}

impl GzBlocks<'_> {
    fn send(&mut self) -> std::io::Result<()> {
        let block = std::mem::replace(&mut self.block, Vec::with_capacity(GZ_BLOCK));
        let gone = || std::io::Error::other("the gzip compressor stopped");
        self.to_compress
            .as_ref()
            .ok_or_else(gone)?
            .send(block)
            .map_err(|_| gone())?;
        // Members already compressed go out now, so they do not pile up.
        while let Ok(member) = self.compressed.try_recv() {
            self.out.write_all(&member?)?;
        }
        Ok(())
    }

    /// Sends the last block and writes every remaining member.
    fn finish(&mut self) -> std::io::Result<()> {
        if !self.block.is_empty() {
            self.send()?;
        }
        self.to_compress = None;
        for member in self.compressed.iter() {
            self.out.write_all(&member?)?;
        }
        Ok(())
    }
}

impl std::io::Write for GzBlocks<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.block.extend_from_slice(buf);
        if self.block.len() >= GZ_BLOCK {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads an analysis back from the bytes of a results file and checks it against the study
/// it embeds ([`validate()`]); `path` is used in messages only.
///
/// # Errors
/// [`ResultsError::Corrupt`] if the bytes are not a results file (the message names the JSON
/// path where reading stopped), [`ResultsError::Version`] if they have another format
/// version, [`ResultsError::Invalid`] if the analysis does not fit its study.
pub fn from_json(bytes: &[u8], path: &Path) -> Result<Analysis, ResultsError> {
    let corrupt = |e: serde_json::Error| ResultsError::Corrupt {
        path: path.to_path_buf(),
        message: parse_message(bytes, &e),
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
    validate(&read.analysis).map_err(|problems| ResultsError::Invalid {
        path: path.to_path_buf(),
        problems,
    })?;
    Ok(read.analysis)
}

/// The parser's message with the JSON path where it stopped, found by scanning the bytes up
/// to the error's position (the file is one line, so "line 1 column 2345678" alone does not
/// help anyone find the place).
fn parse_message(bytes: &[u8], e: &serde_json::Error) -> String {
    let offset = error_offset(bytes, e.line(), e.column());
    // The parser may stand past the separator that follows the bad value.
    let value_end = bytes[..offset]
        .iter()
        .rposition(|b| !matches!(b, b',' | b' ' | b'\n' | b'\r' | b'\t'))
        .map_or(0, |i| i + 1);
    let at = json_path_at(bytes, value_end);
    // A file cut inside a number or a word reads as a syntax error at its very end.
    let truncated = e.classify() == serde_json::error::Category::Eof
        || bytes[offset..].iter().all(u8::is_ascii_whitespace);
    match (truncated, at.is_empty()) {
        (true, true) => format!("the file ends early: {e}"),
        (true, false) => format!("the file ends early, inside {at}: {e}"),
        (false, true) => e.to_string(),
        (false, false) => format!("at {at}: {e}"),
    }
}

/// Byte offset of a 1-based line and column as serde_json reports them (within the bytes).
fn error_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(bytes.len())
}

/// The JSON path (`analysis.selection.groups[3].entries[0].rank`) of the value being read at
/// byte `end`: a scan of the bytes before it, tracking object keys and array positions.
/// Empty at the top level.
fn json_path_at(bytes: &[u8], end: usize) -> String {
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let end = end.min(bytes.len());
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut()
                    && *want_key
                {
                    *key = Some(String::from_utf8_lossy(&bytes[start..i.min(end)]).into_owned());
                    *want_key = false;
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// The SHA-256 that a report folder's `manifest.json` records for `results.json`, if the
/// manifest is there, reads, and lists it.
fn recorded_sha256(manifest: &Path, name: &str) -> Option<String> {
    let text = std::fs::read(manifest).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    value
        .get("outputs")?
        .as_array()?
        .iter()
        .find(|o| o.get("file").and_then(serde_json::Value::as_str) == Some(name))?
        .get("sha256")?
        .as_str()
        .map(String::from)
}

/// Reads `results.json` of a report folder and checks it (see [`from_json`]); if the folder's
/// `manifest.json` records the file's SHA-256, the bytes must still have it.
///
/// # Errors
/// The file is missing ([`ResultsError::Missing`]), unreadable, corrupt, of another
/// version or invalid (see [`from_json`]), or changed after the run
/// ([`ResultsError::Edited`]).
pub fn read(report_dir: &Path) -> Result<Analysis, ResultsError> {
    use sha2::Digest;
    use std::io::Read as _;
    let plain = report_dir.join(FILE_NAME);
    let gz = report_dir.join(GZ_FILE_NAME);
    let compressed = !plain.exists() && gz.exists();
    let path = if compressed { gz } else { plain };
    let io = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ResultsError::Missing(path.clone())
        } else {
            ResultsError::Io {
                path: path.clone(),
                source,
            }
        }
    };
    let open = |file: std::fs::File| -> Box<dyn std::io::Read> {
        if compressed {
            Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
                file,
            )))
        } else {
            Box::new(file)
        }
    };
    // The header leads the file as unggul writes it: a file of another version is refused
    // before its analysis is read. Any other file takes the path that reads it whole.
    let mut head = Vec::new();
    open(std::fs::File::open(&path).map_err(io)?)
        .take(256)
        .read_to_end(&mut head)
        .map_err(io)?;
    let Some(header) = leading_header(&head) else {
        return read_whole(report_dir, &path, compressed);
    };
    if header.format != FORMAT {
        return read_whole(report_dir, &path, compressed);
    }
    if header.version != u64::from(FORMAT_VERSION) {
        return Err(ResultsError::Version {
            path: path.clone(),
            found: header.version,
            expected: FORMAT_VERSION,
        });
    }
    // Read as it streams in, so memory holds the analysis, never the file's bytes too. The
    // hash is of the file's bytes, as the manifest records them.
    let file = std::fs::File::open(&path).map_err(io)?;
    let mut hashing = HashingReader {
        inner: std::io::BufReader::with_capacity(1 << 20, file),
        hasher: sha2::Sha256::new(),
    };
    let parsed = if compressed {
        let decoder = flate2::read::MultiGzDecoder::new(&mut hashing);
        serde_json::from_reader::<_, Read>(std::io::BufReader::with_capacity(1 << 20, decoder))
    } else {
        serde_json::from_reader::<_, Read>(&mut hashing)
    };
    let Ok(read) = parsed else {
        // The located message needs the bytes; only a broken file pays for reading them.
        return read_whole(report_dir, &path, compressed);
    };
    // Whatever follows the JSON is hashed too.
    std::io::copy(&mut hashing, &mut std::io::sink()).map_err(io)?;
    validate(&read.analysis).map_err(|problems| ResultsError::Invalid {
        path: path.clone(),
        problems,
    })?;
    let sha: String = hashing
        .hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let manifest = report_dir.join("manifest.json");
    let name = if compressed { GZ_FILE_NAME } else { FILE_NAME };
    if recorded_sha256(&manifest, name).is_some_and(|recorded| recorded != sha) {
        return Err(ResultsError::Edited { path, manifest });
    }
    Ok(read.analysis)
}

/// The format and version at the start of a results file, when the file starts as unggul
/// writes it: `{"format":"...","version":N,"analysis":`.
fn leading_header(head: &[u8]) -> Option<Header> {
    let marker = b",\"analysis\":";
    let end = head.windows(marker.len()).position(|w| w == marker)?;
    let mut json = head[..end].to_vec();
    json.push(b'}');
    serde_json::from_slice(&json).ok()
}

/// A reader that hashes what passes through it.
struct HashingReader<R> {
    inner: R,
    hasher: sha2::Sha256,
}

impl<R: std::io::Read> std::io::Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// [`read`] with the whole file in memory: for files that do not start as unggul writes
/// them, and to locate what is wrong in a broken one.
fn read_whole(report_dir: &Path, path: &Path, compressed: bool) -> Result<Analysis, ResultsError> {
    let io = |source| ResultsError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let manifest = report_dir.join("manifest.json");
    let name = if compressed { GZ_FILE_NAME } else { FILE_NAME };
    let edited =
        || recorded_sha256(&manifest, name).is_some_and(|recorded| recorded != sha256_hex(&bytes));
    let json = if compressed {
        let mut json = Vec::new();
        let unpacked = std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
            &mut json,
        );
        match unpacked {
            Ok(_) => json,
            // Bytes appended to the file after the run read as a broken gzip member: the
            // manifest's hash says what happened.
            Err(_) if edited() => {
                return Err(ResultsError::Edited {
                    path: path.to_path_buf(),
                    manifest,
                });
            }
            Err(e) => {
                return Err(ResultsError::Corrupt {
                    path: path.to_path_buf(),
                    message: format!("not a gzip file or cut short: {e}"),
                });
            }
        }
    } else {
        bytes.clone()
    };
    let analysis = from_json(&json, path)?;
    if edited() {
        return Err(ResultsError::Edited {
            path: path.to_path_buf(),
            manifest,
        });
    }
    Ok(analysis)
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
    fn the_json_path_of_a_byte_offset_names_keys_and_positions() {
        let text = br#"{"analysis":{"groups":[{"a":1},{"entries":[{"rank":2},{"rank":"x"}]}]}}"#;
        let at = |needle: &str| {
            let end = String::from_utf8_lossy(text).find(needle).unwrap() + needle.len();
            json_path_at(text, end)
        };
        assert_eq!(at(r#""x""#), "analysis.groups[1].entries[1].rank");
        assert_eq!(at(r#"{"a":1"#), "analysis.groups[0].a");
        assert_eq!(json_path_at(text, 0), "");
        assert_eq!(json_path_at(text, text.len()), "");
        // Escaped quotes inside strings do not end them.
        let text = br#"{"k":"a\"b","n":[1,2"#;
        assert_eq!(json_path_at(text, text.len()), "n[1]");
        // serde_json's column counts the bytes read on the line: the offset is just past them.
        assert_eq!(error_offset(b"ab\ncd\nef", 3, 2), 8);
        assert_eq!(error_offset(b"ab", 1, 99), 2);
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
