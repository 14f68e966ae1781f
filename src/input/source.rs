//! Where a study table comes from: a CSV file, or a sheet of a workbook. Every table the
//! study file names under `[inputs]` goes through [`TableRef`], so a new table (panel or
//! participant details, say) is read from CSV and workbooks alike by adding one key:
//!
//! ```toml
//! [inputs]
//! regions = "wilayah.csv"                                  # a CSV file
//! candidates = "data.xlsx"                                 # a workbook's first sheet
//! judgments = { file = "data.xlsx", sheet = "Kuesioner", layout = "wide" }
//! ```

use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, InputError, Quoted};
use super::table::{Table, read_table};
use super::workbook::{is_workbook_path, read_sheet};

/// A table as the study file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRef {
    /// The file, relative to the study file's folder (as written).
    pub file: PathBuf,
    /// The sheet of a workbook (None: the first sheet, or a CSV file).
    pub sheet: Option<String>,
    /// The judgments layout (`long` or `wide`), when given.
    pub layout: Option<String>,
}

impl TableRef {
    /// Interprets the value of `[inputs] <key>`: a path, or a table
    /// `{ file = "...", sheet = "...", layout = "..." }`.
    ///
    /// # Errors
    /// A message starting `[inputs] <key>` (so it can be placed on its line) saying what to
    /// write instead.
    pub fn from_toml(key: &str, value: &toml::Value) -> Result<Self, String> {
        let shape = format!(
            "write {key} = \"file.csv\", {key} = \"data.xlsx\" (its first sheet) or {key} = {{ file = \"data.xlsx\", sheet = \"Sheet1\" }}"
        );
        match value {
            toml::Value::String(s) => Ok(Self {
                file: PathBuf::from(s),
                sheet: None,
                layout: None,
            }),
            toml::Value::Table(t) => {
                let mut file = None;
                let mut sheet = None;
                let mut layout = None;
                for (k, v) in t {
                    let slot = match k.as_str() {
                        "file" => &mut file,
                        "sheet" => &mut sheet,
                        "layout" => &mut layout,
                        other => {
                            return Err(format!(
                                "[inputs] {key}: unknown key {}: the keys are file, sheet and layout",
                                Quoted::double(other)
                            ));
                        }
                    };
                    match v {
                        toml::Value::String(s) => *slot = Some(s.clone()),
                        _ => {
                            return Err(format!(
                                "[inputs] {key}: {k} must be text in double quotes"
                            ));
                        }
                    }
                }
                let Some(file) = file else {
                    return Err(format!("[inputs] {key} has no file: {shape}"));
                };
                Ok(Self {
                    file: PathBuf::from(file),
                    sheet,
                    layout,
                })
            }
            _ => Err(format!("[inputs] {key} is not a file name: {shape}")),
        }
    }

    /// Whether the table is read from a workbook: a sheet is named, or the file's extension
    /// is a workbook's.
    pub fn is_workbook(&self) -> bool {
        self.sheet.is_some() || is_workbook_path(&self.file)
    }

    /// How the study file's value reads in a message: `"umkm.csv"`, or
    /// `"data.xlsx" sheet "UMKM"`.
    pub fn describe(&self) -> String {
        let file = Quoted::double(&self.file.to_string_lossy()).to_string();
        match &self.sheet {
            None => file,
            Some(s) => format!("{file} sheet {}", Quoted::double(s)),
        }
    }

    /// Reads every table the reference names, relative to `dir`: as [`TableRef::read`], but
    /// `sheet = "*"` reads every sheet of the workbook, and a `*` in the file name (not in
    /// its folder) reads every matching file of the folder, in name order: a folder of filled
    /// questionnaires (`kuesioner/*.xlsx`, one sheet per participant).
    ///
    /// # Errors
    /// As [`TableRef::read`], for every file and sheet (all problems reported together); no
    /// file matching a pattern.
    pub fn read_all(&self, dir: &Path, study: &Path, key: &str) -> Result<Vec<Table>, InputError> {
        let name = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let files: Vec<PathBuf> = if name.contains('*') {
            let folder = self.file.parent().unwrap_or(Path::new(""));
            let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| matches_pattern(&name, n) && !n.starts_with("~$"))
                        .map(|n| folder.join(n))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            if found.is_empty() {
                return Err(InputError::one(Diagnostic::file(
                    study,
                    format!(
                        "[inputs] {key} = {}: no file in {} matches {}; check the folder and the pattern",
                        Quoted::double(&self.file.to_string_lossy()),
                        dir.join(folder).display(),
                        Quoted::double(&name)
                    ),
                )));
            }
            found
        } else {
            vec![self.file.clone()]
        };
        let mut tables = Vec::new();
        let mut problems = Vec::new();
        for file in files {
            let one = TableRef {
                file,
                sheet: self.sheet.clone(),
                layout: self.layout.clone(),
            };
            let result = if self.sheet.as_deref() == Some("*") {
                one.read_every_sheet(dir, study, key)
            } else {
                one.read(dir, study, key).map(|t| vec![t])
            };
            match result {
                Ok(t) => tables.extend(t),
                Err(e) => problems.extend(e.diagnostics),
            }
        }
        if problems.is_empty() {
            Ok(tables)
        } else {
            Err(InputError {
                diagnostics: problems,
            })
        }
    }

    fn read_every_sheet(
        &self,
        dir: &Path,
        study: &Path,
        key: &str,
    ) -> Result<Vec<Table>, InputError> {
        let path = dir.join(&self.file);
        if !path.is_file() {
            return self.read(dir, study, key).map(|t| vec![t]);
        }
        let bytes = super::table::read_file(&path)?;
        let names = super::workbook::sheet_names(&path, &bytes)?;
        let mut tables = Vec::new();
        let mut problems = Vec::new();
        for name in names {
            match super::workbook::parse_sheet(&path, &bytes, Some(&name)) {
                Ok(t) => tables.push(t),
                // An empty sheet (a spare one) is no table, not a problem.
                Err(e)
                    if e.diagnostics
                        .iter()
                        .all(|d| d.message.starts_with("the sheet is empty")) => {}
                Err(e) => problems.extend(e.diagnostics),
            }
        }
        if problems.is_empty() {
            Ok(tables)
        } else {
            Err(InputError {
                diagnostics: problems,
            })
        }
    }

    /// Reads the table, relative to `dir` (the study file's folder). A missing file is
    /// reported against the study file's `[inputs] <key>` line (`study`), not as an
    /// unreadable file.
    ///
    /// # Errors
    /// The file is missing or unreadable, or its contents are not a table (see
    /// [`read_table`] and [`read_sheet`]).
    pub fn read(&self, dir: &Path, study: &Path, key: &str) -> Result<Table, InputError> {
        let path = dir.join(&self.file);
        if !path.is_file() {
            let what = if path.exists() {
                "is a folder, not a file"
            } else {
                "does not exist"
            };
            return Err(InputError::one(Diagnostic::file(
                study,
                format!(
                    "[inputs] {key} = {}: {} {what}; the path is relative to the study file's folder: correct it, or put the file there",
                    Quoted::double(&self.file.to_string_lossy()),
                    path.display()
                ),
            )));
        }
        if self.is_workbook() {
            read_sheet(&path, self.sheet.as_deref())
        } else {
            read_table(&path)
        }
    }
}

/// Whether a file name matches a pattern whose `*` stand for any text (case-insensitive, as
/// file names are on the offices' Windows machines).
fn matches_pattern(pattern: &str, name: &str) -> bool {
    let (pattern, name) = (pattern.to_lowercase(), name.to_lowercase());
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = name.as_str();
    for (k, part) in parts.iter().enumerate() {
        if k == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if k == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(i) => rest = &rest[i + part.len()..],
                None => return false,
            }
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<TableRef, String> {
        let v: toml::Table = toml::from_str(&format!("x = {s}")).unwrap();
        TableRef::from_toml("candidates", &v["x"])
    }

    #[test]
    fn patterns() {
        assert!(matches_pattern("*.xlsx", "kuesioner-35.74.01.1001.XLSX"));
        assert!(matches_pattern("kuesioner-*.xlsx", "kuesioner-1.xlsx"));
        assert!(!matches_pattern("kuesioner-*.xlsx", "umkm.xlsx"));
        assert!(!matches_pattern("*.xlsx", "a.xlsx.bak"));
        assert!(matches_pattern("a*b*c", "aXbYc"));
    }

    #[test]
    fn a_path_or_a_sheet() {
        assert_eq!(
            parse("\"umkm.csv\"").unwrap().file,
            PathBuf::from("umkm.csv")
        );
        assert!(!parse("\"umkm.csv\"").unwrap().is_workbook());
        assert!(parse("\"data.XLSX\"").unwrap().is_workbook());
        let t = parse("{ file = \"d.ods\", sheet = \"UMKM\" }").unwrap();
        assert_eq!(t.sheet.as_deref(), Some("UMKM"));
        assert_eq!(t.describe(), "\"d.ods\" sheet \"UMKM\"");
        assert!(
            parse("{ fil = \"d.ods\" }")
                .unwrap_err()
                .contains("unknown key \"fil\"")
        );
        assert!(
            parse("{ sheet = \"A\" }")
                .unwrap_err()
                .contains("has no file")
        );
        assert!(
            parse("3")
                .unwrap_err()
                .starts_with("[inputs] candidates is not a file name")
        );
    }
}
