//! The study area from a CSV of kelurahan: `kecamatan_code,kecamatan,kelurahan_code,kelurahan,aliases`.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Collector, InputError, Quoted};
use super::table::Table;
use crate::model::{Kecamatan, Kelurahan, Regions, fold_name};

/// Builds the regions from a table; `code` and `name` are the city's, from the study file.
///
/// # Errors
/// Missing columns, empty cells, a kelurahan code outside its kecamatan, a kecamatan code
/// with two names, duplicate codes, or a name/alias that two kelurahan share.
pub fn read_regions(table: &Table, code: &str, name: &str) -> Result<Regions, InputError> {
    let cols = table.require(&["kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan"])?;
    let aliases_col = table.column("aliases");
    let mut errs = Collector::default();
    let mut kecamatan: Vec<Kecamatan> = Vec::new();
    let mut kelurahan: Vec<Kelurahan> = Vec::new();
    let mut seen_names: HashMap<String, usize> = HashMap::new();
    // Codes already read, so each row is checked against them in constant time.
    let mut kecamatan_of: HashMap<String, usize> = HashMap::new();
    let mut kelurahan_codes: HashSet<String> = HashSet::new();
    for (line, row) in &table.rows {
        let line = *line;
        let mut empty = false;
        for &c in &cols {
            if row[c].is_empty() {
                errs.push(table.cell_error(line, c, "empty cell: a value is required"));
                empty = true;
            }
        }
        if empty {
            continue;
        }
        let (kc, kn, lc, ln) = (&row[cols[0]], &row[cols[1]], &row[cols[2]], &row[cols[3]]);
        // Codes name report files (charts, berita acara): nothing that could leave the folder.
        for (c, value) in [(cols[0], kc), (cols[2], lc)] {
            if !is_file_safe(value) {
                errs.push(table.cell_error(
                    line,
                    c,
                    format!(
                        "code {} may hold only letters, digits, '.', '-' and '_' (it names report files); write the Kemendagri code, e.g. 35.74.01.1001",
                        Quoted::double(value)
                    ),
                ));
            }
        }
        if !is_inside(kc, code) {
            errs.push(table.cell_error(
                line,
                cols[0],
                format!(
                    "kecamatan code {} is not inside the study area {code} ({name})",
                    Quoted::double(kc)
                ),
            ));
        }
        if !is_inside(lc, kc) {
            errs.push(table.cell_error(
                line,
                cols[2],
                format!(
                    "kelurahan code {} does not start with its kecamatan code {}",
                    Quoted::double(lc),
                    Quoted::double(&format!("{kc}."))
                ),
            ));
        }
        let kec = match kecamatan_of.get(kc) {
            Some(&i) => {
                if kecamatan[i].name != kn {
                    errs.push(table.cell_error(
                        line,
                        cols[1],
                        format!(
                            "kecamatan {} is called {} on an earlier line; one code, one name",
                            Quoted::bare(kc),
                            Quoted::double(&kecamatan[i].name)
                        ),
                    ));
                }
                i
            }
            None => {
                kecamatan_of.insert(kc.to_string(), kecamatan.len());
                kecamatan.push(Kecamatan {
                    code: kc.to_string(),
                    name: kn.to_string(),
                });
                kecamatan.len() - 1
            }
        };
        if !kelurahan_codes.insert(lc.to_string()) {
            errs.push(table.cell_error(
                line,
                cols[2],
                format!("kelurahan code {} appears twice", Quoted::double(lc)),
            ));
            continue;
        }
        let aliases: Vec<String> = aliases_col
            .map(|c| {
                row[c]
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let index = kelurahan.len();
        for n in std::iter::once(ln).chain(aliases.iter().map(String::as_str)) {
            if let Some(&other) = seen_names.get(&fold_name(n))
                && other != index
            {
                errs.push(table.cell_error(
                    line,
                    if n == ln { cols[3] } else { aliases_col.unwrap_or(cols[3]) },
                    format!(
                        "the name {} is also used for kelurahan {} ({}); names and aliases must identify one kelurahan",
                        Quoted::double(n),
                        Quoted::bare(&kelurahan[other].name),
                        Quoted::bare(&kelurahan[other].code)
                    ),
                ));
            }
            seen_names.insert(fold_name(n), index);
        }
        kelurahan.push(Kelurahan {
            code: lc.to_string(),
            name: ln.to_string(),
            kecamatan: kec,
            aliases,
        });
    }
    if kelurahan.is_empty() && errs.is_empty() {
        errs.push(
            table.table_error("no kelurahan rows: the regions file needs one row per kelurahan"),
        );
    }
    errs.finish(Regions {
        code: code.to_string(),
        name: name.to_string(),
        kecamatan,
        kelurahan,
    })
}

/// Whether a code or category can be part of a file name as it is: letters, digits, `.`, `-`
/// and `_`, and not a path of its own (`.` or `..`).
pub fn is_file_safe(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Whether a region code lies inside `parent`: it starts with the parent's code and a dot.
fn is_inside(code: &str, parent: &str) -> bool {
    code.strip_prefix(parent)
        .is_some_and(|rest| rest.starts_with('.'))
}
