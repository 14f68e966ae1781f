//! Candidate UMKM from a CSV: `id,name,product,kelurahan,category,<criterion ids...>`.

use std::collections::HashMap;

use super::diagnostic::{Collector, InputError, Quoted};
use super::table::Table;
use crate::model::{Candidate, CandidateDetails, Candidates, RegionIndex, Regions, Scale};
use crate::score::MAX_ABS_VALUE;

/// Reads the candidates; `criteria` lists every criterion column the study's levels need,
/// with its scale (values are checked against rating and declared quantity bounds).
///
/// # Errors
/// Every problem: missing columns, empty or non-numeric cells, values outside a scale,
/// duplicate ids, unknown kelurahan or categories.
pub fn read_candidates(
    table: &Table,
    regions: &Regions,
    categories: &[String],
    criteria: &[(String, Scale)],
) -> Result<Candidates, InputError> {
    let mut names: Vec<&str> = vec!["id", "name", "product", "kelurahan", "category"];
    names.extend(criteria.iter().map(|(id, _)| id.as_str()));
    let cols = table.require(&names)?;
    // Optional columns that identify a candidate on paper (berita acara, decree annex).
    let detail = |name: &str| table.column(name);
    let (owner_col, address_col, nib_col) = (detail("owner"), detail("address"), detail("nib"));
    let mut errs = Collector::default();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let index = RegionIndex::new(regions);
    let mut list = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let line = *line;
        let mut ok = true;
        let id = &row[cols[0]];
        if id.is_empty() {
            errs.push(table.cell_error(line, cols[0], "empty id: every UMKM needs a unique id"));
            ok = false;
        } else if let Some(first) = seen.insert(id, line) {
            errs.push(table.cell_error(
                line,
                cols[0],
                format!(
                    "duplicate UMKM id {} (first on line {first}); ids must be unique",
                    Quoted::double(id)
                ),
            ));
            ok = false;
        }
        let kelurahan = index.kelurahan(&row[cols[3]]);
        if kelurahan.is_none() {
            errs.push(table.cell_error(
                line,
                cols[3],
                format!(
                    "unknown kelurahan {}: use a code or name from the regions file (e.g. {} or {})",
                    Quoted::double(&row[cols[3]]),
                    Quoted::bare(&regions.kelurahan[0].code),
                    Quoted::bare(&regions.kelurahan[0].name)
                ),
            ));
            ok = false;
        }
        let category = categories
            .iter()
            .position(|c| c.eq_ignore_ascii_case(&row[cols[4]]));
        if category.is_none() {
            errs.push(table.cell_error(
                line,
                cols[4],
                format!(
                    "unknown category {}: expected one of {}",
                    Quoted::double(&row[cols[4]]),
                    categories.join(", ")
                ),
            ));
            ok = false;
        }
        let mut values = Vec::with_capacity(criteria.len());
        for (k, (cid, scale)) in criteria.iter().enumerate() {
            let c = cols[5 + k];
            match table.number(line, c, &row[c]) {
                Ok(v) if v.abs() > MAX_ABS_VALUE => {
                    // As the raw commands: beyond this, sums of squares in the scoring overflow.
                    errs.push(table.cell_error(
                        line,
                        c,
                        format!(
                            "{v:e} is beyond the supported magnitude {MAX_ABS_VALUE:e}; \
                             rescale the criterion (e.g. to millions)"
                        ),
                    ));
                    ok = false;
                    values.push(0.0);
                }
                Ok(v) => {
                    if let Some(msg) = out_of_scale(v, scale) {
                        errs.push(table.cell_error(
                            line,
                            c,
                            format!("{v} {msg} of criterion '{cid}'"),
                        ));
                        ok = false;
                    } else if let Some(msg) = between_levels(v, scale) {
                        errs.push(table.cell_error(
                            line,
                            c,
                            format!("{} {msg}", Quoted::double(row[c].trim())),
                        ));
                        ok = false;
                    }
                    values.push(v);
                }
                Err(d) => {
                    errs.push(d);
                    ok = false;
                }
            }
        }
        if let (true, Some(kelurahan), Some(category)) = (ok, kelurahan, category) {
            list.push(Candidate {
                id: id.to_string(),
                name: row[cols[1]].to_string(),
                product: row[cols[2]].to_string(),
                kelurahan,
                category,
                values,
                line,
                details: CandidateDetails {
                    owner: owner_col.map_or_else(String::new, |c| row[c].to_string()),
                    address: address_col.map_or_else(String::new, |c| row[c].to_string()),
                    nib: nib_col.map_or_else(String::new, |c| row[c].to_string()),
                },
            });
        }
    }
    if table.rows.is_empty() {
        errs.push(table.table_error("no candidate rows: add one row per UMKM below the header"));
    }
    let columns = criteria.iter().map(|(id, _)| id.clone()).collect();
    errs.finish(Candidates { columns, list })
}

fn out_of_scale(v: f64, scale: &Scale) -> Option<String> {
    match scale {
        Scale::Rating { min, max, .. } if v < *min || v > *max => {
            Some(format!("is outside the rating scale {min}-{max}"))
        }
        Scale::Quantity { min: Some(lo), .. } if v < *lo => {
            Some(format!("is below the minimum {lo}"))
        }
        Scale::Quantity { max: Some(hi), .. } if v > *hi => {
            Some(format!("is above the maximum {hi}"))
        }
        _ => None,
    }
}

/// A rating between two levels of its scale (2.5 on 1-4). Ratings name a level, so an
/// average of several assessors is a quantity, and the message says how to declare one.
fn between_levels(v: f64, scale: &Scale) -> Option<String> {
    let Scale::Rating { min, max, .. } = scale else {
        return None;
    };
    let steps = v - min;
    if (steps - steps.round()).abs() <= crate::prec::SCALE_STEP {
        return None;
    }
    Some(format!(
        "is not a level of the rating scale {min}-{max}: ratings are whole levels of the \
         scale; correct the value, or if it is an average of several assessors, declare the \
         criterion as a quantity with min and max in the criteria file \
         (scale = {{ kind = \"quantity\", unit = \"...\", min = {min}, max = {max} }})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(min: f64, max: f64) -> Scale {
        Scale::Rating {
            min,
            max,
            levels: Vec::new(),
        }
    }

    #[test]
    fn ratings_are_whole_levels() {
        assert!(between_levels(2.5, &rating(1.0, 4.0)).is_some());
        assert!(between_levels(3.0, &rating(1.0, 4.0)).is_none());
        assert!(between_levels(1.1, &rating(0.1, 3.1)).is_none());
        let quantity = Scale::Quantity {
            unit: "orang".into(),
            min: Some(0.0),
            max: None,
        };
        assert!(between_levels(2.5, &quantity).is_none());
    }
}
