//! `unggul ahp` and `unggul topsis`: the raw methods on plain CSV files, for researchers and
//! for checking results against other tools.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::{Map, Value, json};
use unggul::ahp::{
    AhpError, PairwiseMatrix, PriorityMethod, RandomIndexTable, priorities, rank_inconsistencies,
};
use unggul::input::table::{Table, parse_number, read_table};
use unggul::input::{Diagnostic, InputError};
use unggul::score::{Direction, MAX_ABS_VALUE, MatrixView, Normalization, Reference, topsis};

use super::{Failure, note, print};

/// Output format of the raw commands.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Aligned text for reading.
    Table,
    /// JSON for programs.
    Json,
    /// CSV for spreadsheets and programs.
    Csv,
}

#[derive(Args, Debug)]
pub struct AhpArgs {
    /// Pairwise matrix CSV: header `criterion,<name1>,...,<nameN>`, one row per criterion.
    #[arg(long)]
    pairwise: PathBuf,
    /// Priority method: eigenvector, geometric (row geometric mean) or column-mean.
    #[arg(long, default_value = "eigenvector")]
    method: PriorityMethod,
    /// Random Index table: saaty-classic, saaty-2005, alonso-lamata, tummala-ling, donegan-dodd.
    #[arg(long, default_value = "saaty-classic")]
    ri: RandomIndexTable,
    /// Largest acceptable consistency ratio.
    #[arg(long, default_value_t = 0.10)]
    threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Args, Debug)]
pub struct TopsisArgs {
    /// Decision matrix CSV: header `id,<criterion...>`, one row per alternative.
    #[arg(long)]
    matrix: PathBuf,
    /// Criteria CSV: header `criterion,weight,type`; type benefit/cost (or max/min, keuntungan/biaya).
    #[arg(long)]
    criteria: PathBuf,
    /// Normalisation: vector (Hwang & Yoon), min-max, max or sum.
    #[arg(long, default_value = "vector")]
    normalization: Normalization,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

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
            let msg = format!("row '{}', column '{}': {e}", names[r], names[c]);
            table.cell_error(line, c + 1, msg)
        }
        None => Diagnostic::file(&table.path, e.to_string()),
    }
}

/// Reads a labelled pairwise matrix, reporting every bad cell.
fn read_pairwise(path: &Path) -> Result<(Vec<String>, PairwiseMatrix), InputError> {
    let table = read_table(path)?;
    let names: Vec<String> = table.headers[1..].to_vec();
    let mut problems = Vec::new();
    if names.is_empty() {
        problems.push(Diagnostic::line(
            path,
            1,
            "the header needs `criterion` followed by one column per criterion",
        ));
    }
    for (j, name) in names.iter().enumerate() {
        if name.is_empty() || names[..j].iter().any(|o| o.eq_ignore_ascii_case(name)) {
            problems.push(table.cell_error(
                1,
                j + 1,
                format!("criterion name \"{name}\" is empty or repeated; every column needs its own name"),
            ));
        }
    }
    if table.rows.len() != names.len() {
        problems.push(Diagnostic::file(
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
            problems.push(table.cell_error(
                *line,
                0,
                format!(
                    "row {} is \"{}\" but column {} is \"{expected}\": list rows in the same order as the columns",
                    i + 1,
                    &fields[0],
                    i + 2
                ),
            ));
        }
        let mut row = Vec::with_capacity(names.len());
        for (j, f) in fields.iter().enumerate().skip(1) {
            match parse_number(f, table.number_style) {
                Ok(v) => row.push(v),
                Err(m) => {
                    problems.push(table.cell_error(*line, j, m));
                    row.push(f64::NAN);
                }
            }
        }
        rows.push(row);
    }
    if problems.is_empty() {
        problems.extend(
            PairwiseMatrix::problems(&rows)
                .iter()
                .map(|e| located(&table, e, &names)),
        );
    }
    if !problems.is_empty() {
        return Err(InputError {
            diagnostics: problems,
        });
    }
    let m = PairwiseMatrix::from_rows(&rows)
        .map_err(|e| InputError::one(located(&table, &e, &names)))?;
    Ok((names, m))
}

pub fn run_ahp(args: AhpArgs) -> Result<(), Failure> {
    let (names, m) = read_pairwise(&args.pairwise)?;
    let p = priorities(&m, args.method, args.ri).map_err(|e| Failure::Other(e.to_string()))?;
    let consistent = p.cr.is_none_or(|cr| cr <= args.threshold);
    let not_judged =
        p.cr.is_none()
            .then(|| consistency_not_judged(m.n(), args.ri));
    // CSV has no place for a sentence: say it on stderr.
    if let Some(why) = not_judged
        .as_ref()
        .filter(|_| matches!(args.format, Format::Csv))
    {
        note(&format!("note: {why}"));
    }
    let revisit = if consistent {
        Vec::new()
    } else {
        rank_inconsistencies(&m, &p.weights)
    };
    let out = match args.format {
        Format::Json => {
            let mut weights = Map::new();
            for (n, w) in names.iter().zip(&p.weights) {
                weights.insert(n.clone(), json!(w));
            }
            let value = json!({
                "method": args.method.to_string(),
                "ri_table": args.ri.to_string(),
                "ri_table_source": args.ri.citation(),
                "n": m.n(),
                "weights": Value::Object(weights),
                "lambda_max": p.lambda_max,
                "ci": p.ci,
                "ri": p.ri,
                "cr": p.cr,
                "threshold": args.threshold,
                "consistent": p.cr.map(|cr| cr <= args.threshold),
                "consistency_note": not_judged,
                "revisit": revisit.iter().map(|d| json!({
                    "criterion_a": names[d.row], "criterion_b": names[d.col], "given": d.given,
                    "consistent_value": d.consistent, "suggested_saaty": d.suggested_saaty, "error_ratio": d.error,
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
            let _ = w.write_record([
                "criterion",
                "weight",
                "lambda_max",
                "ci",
                "ri",
                "cr",
                "ri_table",
                "method",
            ]);
            for (n, x) in names.iter().zip(&p.weights) {
                let _ = w.write_record([
                    n.clone(),
                    x.to_string(),
                    p.lambda_max.to_string(),
                    p.ci.to_string(),
                    opt(p.ri),
                    opt(p.cr),
                    args.ri.to_string(),
                    args.method.to_string(),
                ]);
            }
            String::from_utf8(w.into_inner().expect("memory")).expect("CSV of UTF-8 is UTF-8")
        }
        Format::Table => {
            let mut s = String::new();
            let width = names
                .iter()
                .map(|n| n.chars().count())
                .max()
                .unwrap_or(9)
                .max(9);
            let _ = writeln!(s, "{:width$}  weight", "criterion");
            for (n, x) in names.iter().zip(&p.weights) {
                let _ = writeln!(s, "{n:width$}  {x:.6}");
            }
            let _ = writeln!(s, "\nmethod      {}", args.method);
            let _ = writeln!(s, "lambda_max  {:.6}", p.lambda_max);
            let _ = writeln!(s, "CI          {:.6}", p.ci);
            match (p.ri, p.cr) {
                (Some(ri), Some(cr)) => {
                    let _ = writeln!(s, "RI          {ri} ({}: {})", args.ri, args.ri.citation());
                    let _ = writeln!(
                        s,
                        "CR          {cr:.6} ({})",
                        if consistent {
                            "consistent"
                        } else {
                            "INCONSISTENT"
                        }
                    );
                }
                _ => {
                    let _ = writeln!(s, "RI          none");
                    let _ = writeln!(s, "CR          none");
                    if let Some(why) = &not_judged {
                        let _ = writeln!(s, "\n{why}");
                    }
                }
            }
            if !revisit.is_empty() {
                let _ = writeln!(s, "\njudgments to revisit (most inconsistent first):");
                for d in revisit.iter().take(5) {
                    let _ = writeln!(
                        s,
                        "  {} vs {}: given {:.4}, consistent {:.4}, nearest Saaty value {:.4}",
                        names[d.row], names[d.col], d.given, d.consistent, d.suggested_saaty
                    );
                }
            }
            s
        }
    };
    print(&out)
}

/// Why a matrix of `n` criteria gets no consistency verdict: the Random Index table has no
/// value for `n` (tables stop at 15; Donegan & Dodd at 100), so CR = CI / RI is undefined.
fn consistency_not_judged(n: usize, table: RandomIndexTable) -> String {
    let remedy = if table == RandomIndexTable::DoneganDodd {
        "no published table goes further; group the criteria under parents"
    } else {
        "use --ri donegan-dodd (up to n = 100) or group the criteria under parents"
    };
    format!(
        "the Random Index table {table} has no value for n = {n}, so the consistency ratio \
         cannot be computed and consistency cannot be judged; {remedy}"
    )
}

/// The criteria CSV of the raw commands.
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

/// Reads the criteria CSV: names, weights scaled to sum 1, directions.
pub fn read_criteria_csv(path: &Path) -> Result<CriteriaCsv, InputError> {
    let table = read_table(path)?;
    duplicate_headers(&table)?;
    let cols = table.require(&["criterion", "weight", "type"])?;
    let mut problems = Vec::new();
    let (mut names, mut weights, mut dirs): (Vec<String>, Vec<f64>, Vec<Direction>) =
        (Vec::new(), Vec::new(), Vec::new());
    for (line, row) in &table.rows {
        let name = &row[cols[0]];
        if name.is_empty() {
            problems.push(table.cell_error(*line, cols[0], "empty criterion name"));
        } else if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            problems.push(table.cell_error(
                *line,
                cols[0],
                format!("criterion \"{name}\" is listed twice"),
            ));
        }
        match parse_number(&row[cols[1]], table.number_style) {
            Ok(w) if w >= 0.0 => weights.push(w),
            Ok(w) => problems.push(table.cell_error(
                *line,
                cols[1],
                format!("weight {w} must not be negative"),
            )),
            Err(m) => problems.push(table.cell_error(*line, cols[1], m)),
        }
        match row[cols[2]].parse::<Direction>() {
            Ok(d) => dirs.push(d),
            Err(_) => problems.push(table.cell_error(
                *line,
                cols[2],
                format!(
                    "type \"{}\" is not benefit or cost (max/min, keuntungan/biaya)",
                    &row[cols[2]]
                ),
            )),
        }
        names.push(name.to_string());
    }
    if table.rows.is_empty() {
        problems.push(Diagnostic::file(path, "no criteria rows below the header"));
    }
    let sum: f64 = weights.iter().sum();
    if problems.is_empty() && sum <= 0.0 {
        problems.push(Diagnostic::file(
            path,
            "the weights sum to zero: give at least one positive weight",
        ));
    } else if problems.is_empty() && !sum.is_finite() {
        problems.push(Diagnostic::file(
            path,
            format!("the weights are too large to add up (their sum is {sum}); rescale them"),
        ));
    }
    if !problems.is_empty() {
        return Err(InputError {
            diagnostics: problems,
        });
    }
    weights.iter_mut().for_each(|w| *w /= sum);
    Ok(CriteriaCsv {
        names,
        weights,
        directions: dirs,
        given_sum: sum,
    })
}

/// One problem per header column outside `used` (the columns a criteria file names, plus the
/// fixed ones): such a column would otherwise be dropped silently, its weight ignored.
pub fn unknown_columns(table: &Table, used: &[usize], criteria_path: &Path) -> Vec<Diagnostic> {
    table
        .headers
        .iter()
        .enumerate()
        .filter(|(j, _)| !used.contains(j))
        .map(|(_, h)| {
            Diagnostic::line(
                &table.path,
                1,
                format!(
                    "column '{h}' is not in the criteria file {}; add it there or remove the column",
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
pub fn duplicate_headers(table: &Table) -> Result<(), InputError> {
    let mut problems = Vec::new();
    for (j, h) in table.headers.iter().enumerate() {
        if let Some(first) = table.headers[..j]
            .iter()
            .position(|e| e.eq_ignore_ascii_case(h))
        {
            problems.push(Diagnostic::line(
                &table.path,
                1,
                format!(
                    "column '{h}' appears twice in the header (columns {} and {}); keep one",
                    first + 1,
                    j + 1
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError {
            diagnostics: problems,
        })
    }
}

/// One group of alternatives from a decision-matrix CSV.
pub struct Alternatives {
    /// The group's name (empty for files without a `group` column).
    pub group: String,
    /// Alternative ids in file order.
    pub ids: Vec<String>,
    /// Row-major values, one row per id, columns in criteria-file order.
    pub data: Vec<f64>,
}

/// Reads a decision matrix: header `[group,]id,<criterion...>` (columns matched by name to
/// the criteria file), every problem located. With `grouped`, rows are split by the `group`
/// column in order of first appearance; ids must be unique within a group.
pub fn read_alternatives(
    path: &Path,
    criteria_path: &Path,
    names: &[String],
    grouped: bool,
) -> Result<Vec<Alternatives>, InputError> {
    let table = read_table(path)?;
    let mut wanted: Vec<&str> = if grouped {
        vec!["group", "id"]
    } else {
        vec!["id"]
    };
    let fixed = wanted.len();
    wanted.extend(names.iter().map(String::as_str));
    duplicate_headers(&table)?;
    let cols = table.require(&wanted)?;
    // A `group` column means a file meant for `smaa --matrices`: say so, rather than "add it
    // to the criteria file".
    let stray_group = table
        .column("group")
        .filter(|j| !grouped && !cols.contains(j));
    let mut problems: Vec<Diagnostic> = stray_group
        .map(|_| Diagnostic::line(&table.path, 1, "column 'group': this command takes one decision matrix, header id,<criteria>; split the file by group and run it once per group (unggul smaa --matrices takes several groups)"))
        .into_iter()
        .collect();
    let used: Vec<usize> = cols.iter().copied().chain(stray_group).collect();
    problems.extend(unknown_columns(&table, &used, criteria_path));
    let mut groups: Vec<Alternatives> = Vec::new();
    for (line, row) in &table.rows {
        let group = if grouped {
            row[cols[0]].to_string()
        } else {
            String::new()
        };
        let gi = match groups.iter().position(|g| g.group == group) {
            Some(i) => i,
            None => {
                groups.push(Alternatives {
                    group,
                    ids: Vec::new(),
                    data: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[gi];
        let id = &row[cols[fixed - 1]];
        if g.ids.iter().any(|x| x == id) {
            problems.push(table.cell_error(
                *line,
                cols[fixed - 1],
                format!("duplicate id \"{id}\""),
            ));
        }
        g.ids.push(id.to_string());
        for &c in &cols[fixed..] {
            match parse_number(&row[c], table.number_style) {
                Ok(v) if v.abs() > MAX_ABS_VALUE => {
                    problems.push(table.cell_error(
                        *line,
                        c,
                        format!(
                            "{v:e} is beyond the supported magnitude {MAX_ABS_VALUE:e}; \
                             rescale the criterion (e.g. to millions)"
                        ),
                    ));
                    g.data.push(0.0);
                }
                Ok(v) => g.data.push(v),
                Err(m) => {
                    problems.push(table.cell_error(*line, c, m));
                    g.data.push(0.0);
                }
            }
        }
    }
    if table.rows.is_empty() {
        problems.push(Diagnostic::file(path, "no alternatives below the header"));
    }
    if problems.is_empty() {
        Ok(groups)
    } else {
        Err(InputError {
            diagnostics: problems,
        })
    }
}

pub fn run_topsis(args: TopsisArgs) -> Result<(), Failure> {
    let CriteriaCsv {
        names,
        weights,
        directions: dirs,
        given_sum: sum,
    } = read_criteria_csv(&args.criteria)?;
    if (sum - 1.0).abs() > 1e-9 {
        note(&format!(
            "note: the weights in {} sum to {sum}; scaled to sum 1",
            args.criteria.display()
        ));
    }
    let mut groups = read_alternatives(&args.matrix, &args.criteria, &names, false)?;
    let Alternatives { ids, data, .. } = groups.remove(0);
    let view = MatrixView {
        rows: ids.len(),
        cols: names.len(),
        data: &data,
    };
    let r = topsis(
        view,
        &weights,
        &dirs,
        args.normalization,
        &Reference::Relative,
    )
    .map_err(|e| Failure::Input(format!("{}: {e}", args.matrix.display())))?;
    let order = unggul::score::ranking(&r.closeness);
    let mut rank = vec![0; ids.len()];
    for (pos, &i) in order.iter().enumerate() {
        rank[i] = pos + 1;
    }
    let out = match args.format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["id", "closeness", "rank", "d_plus", "d_minus"]);
            for i in 0..ids.len() {
                let _ = w.write_record([
                    ids[i].clone(),
                    r.closeness[i].to_string(),
                    rank[i].to_string(),
                    r.d_plus[i].to_string(),
                    r.d_minus[i].to_string(),
                ]);
            }
            String::from_utf8(w.into_inner().expect("memory")).expect("UTF-8")
        }
        Format::Json => {
            let obj = |v: &[f64]| {
                let mut m = Map::new();
                for (n, x) in names.iter().zip(v) {
                    m.insert(n.clone(), json!(x));
                }
                Value::Object(m)
            };
            let value = json!({
                "method": "topsis",
                "normalization": args.normalization.to_string(),
                "weights": obj(&weights),
                "types": names.iter().zip(&dirs).map(|(n, d)| (n.clone(), json!(d.to_string()))).collect::<Map<_, _>>(),
                "ideal": obj(&r.ideal),
                "anti_ideal": obj(&r.anti_ideal),
                "alternatives": (0..ids.len()).map(|i| json!({
                    "id": ids[i], "closeness": r.closeness[i], "rank": rank[i], "d_plus": r.d_plus[i], "d_minus": r.d_minus[i],
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
        }
        Format::Table => {
            let width = ids
                .iter()
                .map(|n| n.chars().count())
                .max()
                .unwrap_or(2)
                .max(2);
            let mut s = format!(
                "{:>4}  {:width$}  {:>10}  {:>10}  {:>10}\n",
                "rank", "id", "closeness", "d_plus", "d_minus"
            );
            for &i in &order {
                let _ = writeln!(
                    s,
                    "{:>4}  {:width$}  {:>10.6}  {:>10.6}  {:>10.6}",
                    rank[i], ids[i], r.closeness[i], r.d_plus[i], r.d_minus[i]
                );
            }
            let _ = writeln!(
                s,
                "\nnormalisation: {}; ideal per criterion: max for benefit, min for cost",
                args.normalization
            );
            s
        }
    };
    print(&out)
}
