//! The plain CSV files of the raw commands (`unggul ahp`, `topsis`, `smaa`, `thresholds`): a
//! pairwise matrix, a criteria list, decision matrices (one, or several by group) and weight
//! samples.
//!
//! Every problem is located, as in a study, and collected (up to [`MAX_PROBLEMS`] per file).
//! Every reader takes time and memory linear in its file: rows are read one at a time and kept
//! only as the numbers and ids they hold, and every lookup (a group, a repeated id, a column)
//! goes through a hash table, never a scan of the rows before.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::Path;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};

use super::diagnostic::{Collector, Diagnostic, InputError, Quoted};
use super::table::{Rows, Table, open_table, parse_number, read_file, read_table};
use crate::ahp::{AhpError, PairwiseMatrix};
use crate::score::{Direction, MAX_ABS_VALUE};

/// The most problems a raw reader lists per file; the rest are counted.
pub const MAX_PROBLEMS: usize = 200;

/// A labelled pairwise comparison matrix (`unggul ahp`).
#[derive(Debug, Clone)]
pub struct Pairwise {
    /// Criterion names, in header order.
    pub names: Vec<String>,
    /// The matrix, validated (positive, unit diagonal, reciprocal).
    pub matrix: PairwiseMatrix,
}

/// Reads a pairwise matrix CSV: header `criterion,<name1>,...,<nameN>`, one row per criterion
/// in the same order.
///
/// # Errors
/// Every bad cell, a repeated or empty name, rows out of order or missing, and every cell that
/// breaks positivity, the unit diagonal or reciprocity.
pub fn read_pairwise(path: &Path) -> Result<Pairwise, InputError> {
    let table = read_table(path)?;
    let names: Vec<String> = table.headers[1..].to_vec();
    let mut errs = Collector::limited(path, MAX_PROBLEMS);
    if names.is_empty() {
        errs.push(Diagnostic::line(
            path,
            1,
            "the header needs `criterion` followed by one column per criterion",
        ));
    }
    let mut seen = HashSet::with_capacity(names.len());
    for (j, name) in names.iter().enumerate() {
        if name.is_empty() || !seen.insert(name.to_ascii_lowercase()) {
            errs.push(table.cell_error(
                1,
                j + 1,
                format!(
                    "criterion name {} is empty or repeated; every column needs its own name",
                    Quoted::double(name)
                ),
            ));
        }
    }
    if table.rows.len() != names.len() {
        errs.push(Diagnostic::file(
            path,
            format!(
                "{} criteria in the header but {} rows: a pairwise matrix needs one row per criterion",
                names.len(),
                table.rows.len()
            ),
        ));
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    for (i, (line, fields)) in table.rows.iter().enumerate() {
        if let Some(expected) = names.get(i)
            && !fields[0].eq_ignore_ascii_case(expected)
        {
            errs.push(table.cell_error(
                *line,
                0,
                format!(
                    "row {} is {} but column {} is {}: list rows in the same order as the columns",
                    i + 1,
                    Quoted::double(&fields[0]),
                    i + 2,
                    Quoted::double(expected),
                ),
            ));
        }
        let row: Vec<f64> = (1..fields.len())
            .map(|j| {
                parse_number(&fields[j], table.number_style).unwrap_or_else(|m| {
                    errs.push(table.cell_error(*line, j, m));
                    f64::NAN
                })
            })
            .collect();
        rows.push(row);
    }
    if errs.is_empty() {
        for e in PairwiseMatrix::problems(&rows) {
            errs.push(located(&table, &e, &names));
        }
    }
    errs.finish(())?;
    let matrix = PairwiseMatrix::from_rows(&rows)
        .map_err(|e| InputError::one(located(&table, &e, &names)))?;
    Ok(Pairwise { names, matrix })
}

/// An AHP problem placed on its cell of the pairwise CSV, when it has one.
fn located(table: &Table, e: &AhpError, names: &[String]) -> Diagnostic {
    let cell = match e {
        AhpError::NonFinite { row, col, .. }
        | AhpError::NonPositive { row, col, .. }
        | AhpError::DiagonalNotOne { row, col, .. }
        | AhpError::NotReciprocal { row, col, .. } => Some((*row, *col)),
        _ => None,
    };
    match cell {
        Some((r, c)) => {
            let line = table.rows.get(r).map_or(r + 2, |(l, _)| *l);
            let msg = format!(
                "row {}, column {}: {e}",
                Quoted::single(&names[r]),
                Quoted::single(&names[c])
            );
            table.cell_error(line, c + 1, msg)
        }
        None => Diagnostic::file(&table.path, e.to_string()),
    }
}

/// The criteria CSV of the raw commands: header `criterion,weight,type`.
#[derive(Debug, Clone, PartialEq)]
pub struct CriteriaCsv {
    /// Criterion names in file order.
    pub names: Vec<String>,
    /// Weights scaled to sum 1.
    pub weights: Vec<f64>,
    /// Benefit or cost per criterion.
    pub directions: Vec<Direction>,
    /// The sum of the weights as given (1 unless they were rescaled).
    pub given_sum: f64,
}

/// Reads the criteria CSV: names, weights scaled to sum 1, directions (benefit/cost, also
/// max/min and keuntungan/biaya).
///
/// # Errors
/// Every bad cell, a criterion listed twice (ignoring ASCII case, as columns are matched), a
/// negative weight, no rows, and weights that sum to zero or overflow.
pub fn read_criteria(path: &Path) -> Result<CriteriaCsv, InputError> {
    let table = read_table(path)?;
    duplicate_headers(&table)?;
    let cols = table.require(&["criterion", "weight", "type"])?;
    let mut errs = Collector::limited(path, MAX_PROBLEMS);
    let mut names = Vec::with_capacity(table.rows.len());
    let mut weights = Vec::with_capacity(table.rows.len());
    let mut directions = Vec::with_capacity(table.rows.len());
    let mut seen = HashSet::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let name = &row[cols[0]];
        if name.is_empty() {
            errs.push(table.cell_error(*line, cols[0], "empty criterion name"));
        } else if !seen.insert(name.to_ascii_lowercase()) {
            errs.push(table.cell_error(
                *line,
                cols[0],
                format!("criterion {} is listed twice", Quoted::double(name)),
            ));
        }
        match parse_number(&row[cols[1]], table.number_style) {
            Ok(w) if w >= 0.0 => weights.push(w),
            Ok(w) => errs.push(table.cell_error(
                *line,
                cols[1],
                format!("weight {w} must not be negative"),
            )),
            Err(m) => errs.push(table.cell_error(*line, cols[1], m)),
        }
        match row[cols[2]].parse::<Direction>() {
            Ok(d) => directions.push(d),
            Err(_) => errs.push(table.cell_error(
                *line,
                cols[2],
                format!(
                    "type {} is not benefit or cost (max/min, keuntungan/biaya)",
                    Quoted::double(&row[cols[2]])
                ),
            )),
        }
        names.push(name.to_string());
    }
    if table.rows.is_empty() {
        errs.push(Diagnostic::file(path, "no criteria rows below the header"));
    }
    let sum: f64 = weights.iter().sum();
    if errs.is_empty() && sum <= 0.0 {
        errs.push(Diagnostic::file(
            path,
            "the weights sum to zero: give at least one positive weight",
        ));
    } else if errs.is_empty() && !sum.is_finite() {
        errs.push(Diagnostic::file(
            path,
            format!("the weights are too large to add up (their sum is {sum}); rescale them"),
        ));
    }
    errs.finish(())?;
    weights.iter_mut().for_each(|w| *w /= sum);
    Ok(CriteriaCsv {
        names,
        weights,
        directions,
        given_sum: sum,
    })
}

/// One group of alternatives from a decision-matrix CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternatives {
    /// The group's name (empty for files without a `group` column).
    pub group: String,
    /// Alternative ids in file order.
    pub ids: Vec<String>,
    /// Row-major values, one row per id, columns in criteria-file order.
    pub data: Vec<f64>,
}

/// Reads a decision matrix: header `[group,]id,<criterion...>` (columns matched by name to
/// `names`, the criteria of the file at `criteria_path`), every problem located. With
/// `grouped`, rows are split by the `group` column in order of first appearance (a group's
/// rows need not be next to each other); ids must be unique within a group. Without it there
/// is one group, named "".
///
/// # Errors
/// Rows of the wrong width, a column named twice, missing or unknown columns (a `group` column
/// where none is expected is pointed to `smaa --matrices`), repeated ids, bad numbers and
/// numbers beyond [`MAX_ABS_VALUE`], no rows.
///
/// # Examples
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # let path = dir.path().join("m.csv");
/// # std::fs::write(&path, "group;id;a;b\ng1;x;1;2,5\ng2;x;3;1\ng1;y;2;2\n").unwrap();
/// use std::path::Path;
/// use unggul::input::raw::read_alternatives;
///
/// let names = ["a".to_string(), "b".to_string()];
/// let groups = read_alternatives(&path, Path::new("c.csv"), &names, true).unwrap();
/// assert_eq!(groups[0].group, "g1");
/// assert_eq!(groups[0].ids, ["x", "y"]);
/// assert_eq!(groups[0].data, [1.0, 2.5, 2.0, 2.0]);
/// assert_eq!(groups[1].ids, ["x"]);
/// ```
pub fn read_alternatives(
    path: &Path,
    criteria_path: &Path,
    names: &[String],
    grouped: bool,
) -> Result<Vec<Alternatives>, InputError> {
    let bytes = read_file(path)?;
    // An upper bound on the rows, so the values of an ungrouped file take one allocation of
    // their final size rather than a doubling vector's spare half. A row holds at least one
    // character and one separator per value, which bounds a file of quoted line breaks.
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    let rows_at_most = lines.min(bytes.len() / (2 * names.len()).max(1));
    let mut rows = open_table(path, &bytes)?;
    let read = alternatives(&mut rows, criteria_path, names, grouped, rows_at_most);
    // Rows of the wrong width come first: the file's shape is wrong, the rest follows.
    rows.finish()?;
    read
}

fn alternatives(
    rows: &mut Rows<'_>,
    criteria_path: &Path,
    names: &[String],
    grouped: bool,
    rows_at_most: usize,
) -> Result<Vec<Alternatives>, InputError> {
    let table = rows.table();
    let path = table.path.clone();
    let mut wanted: Vec<&str> = if grouped {
        vec!["group", "id"]
    } else {
        vec!["id"]
    };
    let fixed = wanted.len();
    wanted.extend(names.iter().map(String::as_str));
    duplicate_headers(table)?;
    let cols = table.require(&wanted)?;
    let mut errs = Collector::limited(&path, MAX_PROBLEMS);
    // A `group` column means a file meant for `smaa --matrices`: say so, rather than "add it
    // to the criteria file".
    let stray_group = table
        .column("group")
        .filter(|j| !grouped && !cols.contains(j));
    if stray_group.is_some() {
        errs.push(Diagnostic::line(&path, 1, "column 'group': this command takes one decision matrix, header id,<criteria>; split the file by group and run it once per group (unggul smaa --matrices takes several groups)"));
    }
    let used: Vec<usize> = cols.iter().copied().chain(stray_group).collect();
    for d in unknown_columns(table, &used, criteria_path) {
        errs.push(d);
    }
    let (id_col, value_cols) = (cols[fixed - 1], &cols[fixed..]);
    let mut groups: Vec<Alternatives> = Vec::new();
    let mut group_of: hashbrown::HashMap<String, usize> = hashbrown::HashMap::new();
    // Every id read, as its hash (of group and text), group and position in the group's ids:
    // the text stays in `ids` alone, and growing the table never hashes a text again.
    let mut seen: HashTable<(u64, usize, usize)> = HashTable::with_capacity(rows_at_most);
    let hasher = DefaultHashBuilder::default();
    let mut any = false;
    while let Some(row) = rows.next_row() {
        any = true;
        // An ungrouped file is one group; a grouped one finds each row's group by its name.
        let name = if grouped { &row[cols[0]] } else { "" };
        let known = if grouped {
            group_of.get(name).copied()
        } else {
            (!groups.is_empty()).then_some(0)
        };
        let gi = match known {
            Some(gi) => gi,
            None => {
                group_of.insert(name.to_string(), groups.len());
                groups.push(Alternatives {
                    group: name.to_string(),
                    ids: Vec::new(),
                    data: if grouped {
                        Vec::new()
                    } else {
                        Vec::with_capacity(rows_at_most * value_cols.len())
                    },
                });
                groups.len() - 1
            }
        };
        let id = &row[id_col];
        let hash = hasher.hash_one((gi, id));
        let same =
            |&(h, g, i): &(u64, usize, usize)| h == hash && g == gi && groups[g].ids[i] == id;
        match seen.entry(hash, same, |&(h, _, _)| h) {
            Entry::Occupied(_) => {
                errs.push(row.error(id_col, format!("duplicate id {}", Quoted::double(id))))
            }
            Entry::Vacant(slot) => {
                slot.insert((hash, gi, groups[gi].ids.len()));
            }
        }
        let g = &mut groups[gi];
        g.ids.push(id.to_string());
        for &c in value_cols {
            let v = match row.number(c) {
                Ok(v) if v.abs() > MAX_ABS_VALUE => {
                    errs.push(row.error(
                        c,
                        format!(
                            "{v:e} is beyond the supported magnitude {MAX_ABS_VALUE:e}; \
                             rescale the criterion (e.g. to millions)"
                        ),
                    ));
                    0.0
                }
                Ok(v) => v,
                Err(d) => {
                    errs.push(d);
                    0.0
                }
            };
            g.data.push(v);
        }
    }
    if !any {
        errs.push(Diagnostic::file(&path, "no alternatives below the header"));
    }
    if grouped {
        // Many small groups: give back what their growing vectors left spare.
        for g in &mut groups {
            g.ids.shrink_to_fit();
            g.data.shrink_to_fit();
        }
    }
    errs.finish(groups)
}

/// Reads weight samples: header = the criterion names (any order), one weight vector per row,
/// each scaled to sum 1.
///
/// # Errors
/// A column named twice, missing or unknown columns, bad or negative weights, rows that sum to
/// zero or overflow, no rows.
pub fn read_weight_samples(
    path: &Path,
    criteria_path: &Path,
    names: &[String],
) -> Result<Vec<Vec<f64>>, InputError> {
    let bytes = read_file(path)?;
    let mut rows = open_table(path, &bytes)?;
    let read = weight_samples(&mut rows, criteria_path, names);
    rows.finish()?;
    read
}

fn weight_samples(
    rows: &mut Rows<'_>,
    criteria_path: &Path,
    names: &[String],
) -> Result<Vec<Vec<f64>>, InputError> {
    let table = rows.table();
    let path = table.path.clone();
    duplicate_headers(table)?;
    let wanted: Vec<&str> = names.iter().map(String::as_str).collect();
    let cols = table.require(&wanted)?;
    let mut errs = Collector::limited(&path, MAX_PROBLEMS);
    for d in unknown_columns(table, &cols, criteria_path) {
        errs.push(d);
    }
    let mut samples = Vec::new();
    let mut any = false;
    while let Some(row) = rows.next_row() {
        any = true;
        let mut w = Vec::with_capacity(cols.len());
        for &c in &cols {
            match row.number(c) {
                Ok(v) if v >= 0.0 => w.push(v),
                Ok(v) => errs.push(row.error(c, format!("weight {v} must not be negative"))),
                Err(d) => errs.push(d),
            }
        }
        if w.len() < cols.len() {
            continue;
        }
        let sum: f64 = w.iter().sum();
        if !sum.is_finite() {
            errs.push(Diagnostic::line(
                &path,
                row.line,
                format!(
                    "the weights of this row are too large to add up (their sum is \
                     {sum}); rescale the row"
                ),
            ));
        } else if sum > 0.0 {
            w.iter_mut().for_each(|x| *x /= sum);
            samples.push(w);
        } else {
            errs.push(Diagnostic::line(
                &path,
                row.line,
                "the weights of this row sum to zero: give at least one criterion a positive weight, or delete the row",
            ));
        }
    }
    if !any {
        errs.push(Diagnostic::file(
            &path,
            "no weight vectors below the header",
        ));
    }
    errs.finish(samples)
}

/// One problem per header column outside `used` (the columns a criteria file names, plus the
/// fixed ones): such a column would otherwise be dropped silently, its weight ignored.
fn unknown_columns(table: &Table, used: &[usize], criteria_path: &Path) -> Vec<Diagnostic> {
    let mut is_used = vec![false; table.headers.len()];
    for &j in used {
        is_used[j] = true;
    }
    table
        .headers
        .iter()
        .zip(is_used)
        .filter(|(_, used)| !used)
        .map(|(h, _)| {
            Diagnostic::line(
                &table.path,
                1,
                format!(
                    "column {} is not in the criteria file {}; add it there or remove the column",
                    Quoted::single(h),
                    criteria_path.display()
                ),
            )
        })
        .collect()
}

/// Rejects a header that names a column twice (names match ignoring ASCII case, as
/// [`Table::column`] does): only the first would be read, silently.
///
/// # Errors
/// One problem per repeated name, with both column numbers.
fn duplicate_headers(table: &Table) -> Result<(), InputError> {
    let mut errs = Collector::limited(&table.path, MAX_PROBLEMS);
    let mut first: HashMap<String, usize> = HashMap::with_capacity(table.headers.len());
    for (j, h) in table.headers.iter().enumerate() {
        if let Some(&i) = first.get(&h.to_ascii_lowercase()) {
            errs.push(Diagnostic::line(
                &table.path,
                1,
                format!(
                    "column {} appears twice in the header (columns {} and {}); keep one",
                    Quoted::single(h),
                    i + 1,
                    j + 1
                ),
            ));
        } else {
            first.insert(h.to_ascii_lowercase(), j);
        }
    }
    errs.finish(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn groups_are_found_wherever_their_rows_are() {
        let dir = tempfile::tempdir().unwrap();
        let m = write(
            &dir,
            "m.csv",
            "group,id,a\ng1,x,1\ng2,x,2\ng1,y,3\ng2,y,4\ng3,z,5\n",
        );
        let names = ["a".to_string()];
        let g = read_alternatives(&m, Path::new("c.csv"), &names, true).unwrap();
        let got: Vec<(&str, Vec<&str>, Vec<f64>)> = g
            .iter()
            .map(|g| {
                (
                    g.group.as_str(),
                    g.ids.iter().map(String::as_str).collect(),
                    g.data.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("g1", vec!["x", "y"], vec![1.0, 3.0]),
                ("g2", vec!["x", "y"], vec![2.0, 4.0]),
                ("g3", vec!["z"], vec![5.0]),
            ]
        );
    }

    #[test]
    fn a_repeated_id_is_found_in_its_group_only() {
        let dir = tempfile::tempdir().unwrap();
        let m = write(
            &dir,
            "m.csv",
            "group,id,a\ng1,x,1\ng2,x,2\ng1,y,3\ng1,x,4\ng2,y,5\ng2,y,6\n",
        );
        let names = ["a".to_string()];
        let e = read_alternatives(&m, Path::new("c.csv"), &names, true).unwrap_err();
        let lines: Vec<Option<usize>> = e.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(5), Some(7)], "{e}");
        assert!(e.to_string().contains("duplicate id \"x\""), "{e}");
    }

    #[test]
    fn problems_past_the_limit_are_counted_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("id,a\n");
        for i in 0..(MAX_PROBLEMS + 50) {
            text.push_str(&format!("r{i},x\n"));
        }
        let m = write(&dir, "m.csv", &text);
        let e = read_alternatives(&m, Path::new("c.csv"), &["a".to_string()], false).unwrap_err();
        assert_eq!(e.diagnostics.len(), MAX_PROBLEMS + 1);
        let last = e.diagnostics.last().unwrap().to_string();
        assert!(last.contains("50 more problems not listed"), "{last}");
    }

    #[test]
    fn weight_samples_are_scaled_and_matched_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let w = write(&dir, "w.csv", "b;a\n1;3\n0,5;0,5\n");
        let names = ["a".to_string(), "b".to_string()];
        let s = read_weight_samples(&w, Path::new("c.csv"), &names).unwrap();
        assert_eq!(s, [vec![0.75, 0.25], vec![0.5, 0.5]]);
    }

    #[test]
    fn pairwise_and_criteria_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "p.csv", "criterion,a,b\na,1,3\nb,1/3,1\n");
        let read = read_pairwise(&p).unwrap();
        assert_eq!(read.names, ["a", "b"]);
        assert_eq!(read.matrix.n(), 2);
        let c = write(&dir, "c.csv", "criterion,weight,type\na,3,max\nb,1,biaya\n");
        let c = read_criteria(&c).unwrap();
        assert_eq!(c.weights, [0.75, 0.25]);
        assert_eq!(c.directions, [Direction::Benefit, Direction::Cost]);
        assert!((c.given_sum - 4.0).abs() < 1e-12);
    }
}
