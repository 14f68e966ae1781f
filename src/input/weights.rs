//! Explicit weights as a table: `weights = { table = "bobot.csv" }` in the study file, one row
//! per leaf criterion with its weight (`criterion,weight`), from a CSV file or a workbook
//! sheet like every other study table.

use std::collections::HashMap;

use super::diagnostic::{Collector, InputError, Quoted};
use super::judgments::find_criterion;
use super::table::Table;
use crate::model::CriteriaSet;

/// The column of a weights table that names the criterion.
pub const CRITERION_COLUMN: &str = "criterion";

/// The weight column when the study file names none.
pub const DEFAULT_WEIGHT_COLUMN: &str = "weight";

/// Reads a weights table for the criteria set `set`: in every row a leaf criterion (its id,
/// or its Indonesian or English name) and its weight in `weight_column`, a number of 0 or
/// more. Every leaf criterion has exactly one row. The weights are returned in the set's
/// leaf order as written (the caller scales them to sum 1, as it does for weights written in
/// the study file, so that percentages summing to 100 are read too).
///
/// # Errors
/// Every problem, each located at its cell (`bobot.csv:4:2`, `data.xlsx!Bobot!B4`): missing
/// columns, an empty, unknown, parent or repeated criterion, a weight that is not a number
/// or is negative; criteria without a row; weights that sum to zero.
pub fn read_weight_table(
    table: &Table,
    set: &CriteriaSet,
    weight_column: &str,
) -> Result<Vec<f64>, InputError> {
    let cols = table.require(&[CRITERION_COLUMN, weight_column])?;
    let (crit_col, weight_col) = (cols[0], cols[1]);
    let leaf_ids = || {
        let ids: Vec<&str> = set
            .leaves
            .iter()
            .map(|&l| set.criteria[l].id.as_str())
            .collect();
        ids.join(", ")
    };
    let mut errs = Collector::default();
    let mut weights: Vec<Option<f64>> = vec![None; set.leaves.len()];
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        let text = row[crit_col].trim();
        if text.is_empty() {
            errs.push(table.cell_error(
                line,
                crit_col,
                format!(
                    "empty criterion: write the id or the name of a criterion of set '{}' ({})",
                    set.id,
                    leaf_ids()
                ),
            ));
            continue;
        }
        let Some(c) = find_criterion(set, text) else {
            errs.push(table.cell_error(
                line,
                crit_col,
                format!(
                    "{} is not a criterion of set '{}': use one of {}",
                    Quoted::double(text),
                    set.id,
                    leaf_ids()
                ),
            ));
            continue;
        };
        let Some(slot) = set.leaves.iter().position(|&l| l == c) else {
            let children: Vec<&str> = set
                .criteria
                .iter()
                .filter(|k| k.parent == Some(c))
                .map(|k| k.id.as_str())
                .collect();
            errs.push(table.cell_error(
                line,
                crit_col,
                format!(
                    "{} is a parent criterion: explicit weights are given to the criteria that are scored ({}), and a parent's weight is the sum of theirs; replace this row by one row per sub-criterion",
                    Quoted::double(text),
                    children.join(", ")
                ),
            ));
            continue;
        };
        if let Some(first) = seen.insert(c, line) {
            errs.push(table.cell_error(
                line,
                crit_col,
                format!(
                    "criterion {} already has a weight (row {first}); keep one row per criterion",
                    set.criteria[c].id
                ),
            ));
            continue;
        }
        match table.number(line, weight_col, &row[weight_col]) {
            Ok(v) if v < 0.0 => errs.push(table.cell_error(
                line,
                weight_col,
                format!("weight {v} is negative: a weight is 0 or more"),
            )),
            Ok(v) if v.abs() > crate::score::MAX_ABS_VALUE => errs.push(table.cell_error(
                line,
                weight_col,
                format!(
                    "weight {v:e} is beyond {:e}: write weights as fractions (0.25) or percentages (25)",
                    crate::score::MAX_ABS_VALUE
                ),
            )),
            Ok(v) => weights[slot] = Some(v),
            Err(d) => errs.push(d),
        }
    }
    let missing: Vec<&str> = set
        .leaves
        .iter()
        .filter(|&&l| !seen.contains_key(&l))
        .map(|&l| set.criteria[l].id.as_str())
        .collect();
    if !missing.is_empty() {
        errs.push(table.table_error(format!(
            "no weight for {} of set '{}': add a row for each (criterion,weight)",
            missing.join(", "),
            set.id
        )));
    }
    if errs.is_empty() && weights.iter().flatten().sum::<f64>() <= 0.0 {
        errs.push(
            table.table_error(
                "the weights sum to zero: give at least one criterion a positive weight",
            ),
        );
    }
    errs.finish(weights.into_iter().map(|w| w.unwrap_or(0.0)).collect())
}
