//! Writing a report folder so that a crash never leaves half a report in place of a good one.
//!
//! Files are written into a fresh sibling folder, then swapped in with renames. A folder that
//! unggul did not write (no marker file) is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Name of the marker file that identifies a folder written by unggul.
pub const MARKER: &str = ".unggul-report";

/// Problems writing a report.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target exists and was not written by unggul: refuse to touch it.
    #[error(
        "{0} exists and was not written by unggul (no {MARKER} file); choose another --out folder or move it away"
    )]
    NotOurs(PathBuf),
    /// The target is an unggul report, but holds files the last run did not write or that
    /// were edited since: replacing the folder would lose them.
    #[error("{path} holds files that the last unggul run did not write, or that were edited since: {}; move them out of the folder or choose another --out", files.join(", "))]
    UserFiles {
        /// The report folder.
        path: PathBuf,
        /// The files (relative to the folder) that would be lost.
        files: Vec<String>,
    },
    /// A file system operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] super::charts::ChartError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Files in an earlier report folder that its manifest does not account for: added by the
/// user, or changed since (a planner editing a berita acara in place).
fn foreign_files(dir: &Path) -> Vec<String> {
    use crate::input::study::sha256_hex;
    let manifest: Option<serde_json::Value> = std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let listed: std::collections::HashMap<String, String> = manifest
        .as_ref()
        .and_then(|m| m["outputs"].as_array())
        .map(|a| {
            a.iter()
                .filter_map(|o| {
                    Some((
                        o["file"].as_str()?.to_string(),
                        o["sha256"].as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).map_or_else(
                |_| p.display().to_string(),
                |r| r.to_string_lossy().replace('\\', "/"),
            );
            if rel == MARKER || rel == "manifest.json" {
                continue;
            }
            let ours = listed
                .get(&rel)
                .is_some_and(|h| std::fs::read(&p).is_ok_and(|b| &sha256_hex(&b) == h));
            if !ours {
                found.push(rel);
            }
        }
    }
    found.sort();
    found
}

/// A report being assembled in a staging folder.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    files: Vec<String>,
}

impl Staging {
    /// Starts a report destined for `target`.
    ///
    /// # Errors
    /// `target` exists but is not an unggul report, it is one but holds files the last run did
    /// not write or that were edited since, or the staging folder cannot be made.
    pub fn new(target: &Path) -> Result<Self, OutputError> {
        if target.exists() && !target.join(MARKER).exists() {
            let empty = std::fs::read_dir(target)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty {
                return Err(OutputError::NotOurs(target.to_path_buf()));
            }
        }
        if target.join(MARKER).exists() {
            let files = foreign_files(target);
            if !files.is_empty() {
                return Err(OutputError::UserFiles {
                    path: target.to_path_buf(),
                    files,
                });
            }
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = target
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io(&staging))?;
        Ok(Self {
            target: target.to_path_buf(),
            staging,
            files: Vec::new(),
        })
    }

    /// Writes one file (relative name, may contain a subfolder) into the staging folder.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.staging.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut f = std::fs::File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        self.files.push(name.to_string());
        Ok(())
    }

    /// Writes one file through a buffered writer, for files made piece by piece (such as
    /// `results.json`) that are never held whole in memory.
    ///
    /// # Errors
    /// The file cannot be created, or `write` or the final flush fails.
    pub fn write_with(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.staging.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let f = std::fs::File::create(&path).map_err(io(&path))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        write(&mut w).map_err(io(&path))?;
        w.flush().map_err(io(&path))?;
        self.files.push(name.to_string());
        Ok(())
    }

    /// Bytes of a file written so far (`None` if there is none or it cannot be read).
    pub fn read_back(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.staging.join(name)).ok()
    }

    /// Names of the files written so far, in order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// Swaps the finished report into place, replacing an earlier unggul report.
    ///
    /// # Errors
    /// A rename or removal fails; the earlier report is then still in place or in the
    /// `.old` folder next to it, never lost.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        self.write(
            MARKER,
            b"This folder is written by unggul and replaced on every run.\n",
        )?;
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(io(&self.target))?;
        }
        std::fs::rename(&self.staging, &self.target).map_err(io(&self.target))?;
        if had_old {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A report that failed half-way is removed; the previous one stays untouched.
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Where a report's files go as they are made, one at a time: the staging folder of a run, or
/// memory for tests. Memory then holds the files in flight, not the whole report.
pub trait Sink: Sync {
    /// Writes one file by calling `write` with a writer for it.
    ///
    /// # Errors
    /// The file cannot be written.
    fn put_with(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError>;

    /// Bytes of a file already put, for the parts built from other files (the workbook from
    /// the tables, a page's inlined charts).
    fn get(&self, name: &str) -> Option<Vec<u8>>;
}

impl Sink for Staging {
    fn put_with(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        self.write_with(name, write)
    }

    fn get(&self, name: &str) -> Option<Vec<u8>> {
        self.read_back(name)
    }
}

/// Report files kept in memory as (name, bytes), in the order written.
#[derive(Debug, Default)]
pub struct InMemory {
    /// The files.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Sink for InMemory {
    fn put_with(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(io(Path::new(name)))?;
        self.files.push((name.to_string(), bytes));
        Ok(())
    }

    fn get(&self, name: &str) -> Option<Vec<u8>> {
        self.files
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
    }
}
