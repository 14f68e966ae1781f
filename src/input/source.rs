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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<TableRef, String> {
        let v: toml::Table = toml::from_str(&format!("x = {s}")).unwrap();
        TableRef::from_toml("candidates", &v["x"])
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
