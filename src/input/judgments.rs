//! FGD pairwise judgments in long form, as questionnaire exports have them:
//! `panel,participant,role,criterion_a,criterion_b,value[,participant_weight]`, one row per
//! participant per pair; `value` says how much more important `criterion_a` is than
//! `criterion_b` on Saaty's scale ("3", "1/5" and non-Saaty values like "0.6" are all valid).

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Collector, Diagnostic, InputError, Quoted};
use super::table::{Table, parse_number};
use crate::ahp::PairwiseMatrix;
use crate::model::{CriteriaSet, Panel, Participant, RegionIndex, RegionRef, Regions};
use crate::prec;

struct Pending {
    id: String,
    role: String,
    weight: f64,
    line: usize,
    /// (criterion_i, criterion_j) with i < j in set order -> (a_ij, line)
    pairs: HashMap<(usize, usize), (f64, usize)>,
    /// Pairs whose row had a bad value: already reported, so not reported again as missing.
    reported: Vec<(usize, usize)>,
}

/// Reads the judgments and builds each participant's matrices. `level_of_panel` says which
/// level's criteria a panel judges (None: the panel is not used, its rows are skipped with a
/// warning); `sets` are the levels' criteria sets.
///
/// # Errors
/// Every problem: unknown panels or criteria, a pair across hierarchy nodes, zero, negative
/// or non-numeric values, duplicate or contradictory pairs, and missing pairs (named).
pub fn read_judgments(
    table: &Table,
    regions: &Regions,
    sets: &[&CriteriaSet],
    level_of_panel: &dyn Fn(RegionRef) -> Option<usize>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Panel>, InputError> {
    let cols = table.require(&[
        "panel",
        "participant",
        "role",
        "criterion_a",
        "criterion_b",
        "value",
    ])?;
    let weight_col = table.column("participant_weight");
    let mut errs = Collector::default();
    // Panels in order of first appearance; participants likewise.
    let mut panels: Vec<(RegionRef, usize, Vec<Pending>)> = Vec::new();
    let mut unused: Vec<String> = Vec::new();
    let mut unused_seen: HashSet<String> = HashSet::new();
    let index = RegionIndex::new(regions);
    let mut panel_of: HashMap<RegionRef, usize> = HashMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        let Some(region) = index.panel_region(&row[cols[0]]) else {
            errs.push(table.cell_error(
                line,
                cols[0],
                format!(
                    "unknown panel {}: use the Kemendagri code of a kelurahan ({}), a kecamatan ({}) or the city ({})",
                    Quoted::double(&row[cols[0]]), regions.kelurahan[0].code, regions.kecamatan[0].code, regions.code
                ),
            ));
            continue;
        };
        let Some(level) = level_of_panel(region) else {
            if !unused_seen.contains(&row[cols[0]]) {
                unused_seen.insert(row[cols[0]].to_string());
                unused.push(row[cols[0]].to_string());
            }
            continue;
        };
        let set = sets[level];
        let pi = *panel_of.entry(region).or_insert_with(|| {
            panels.push((region, level, Vec::new()));
            panels.len() - 1
        });
        let participant_id = &row[cols[1]];
        if participant_id.is_empty() {
            errs.push(table.cell_error(
                line,
                cols[1],
                "empty participant: name or number each participant",
            ));
            continue;
        }
        let weight = match weight_col {
            None => 1.0,
            Some(c) if row[c].is_empty() => 1.0,
            Some(c) => match parse_number(&row[c], table.number_style) {
                Ok(w) if w > 0.0 => w,
                Ok(w) => {
                    errs.push(table.cell_error(
                        line,
                        c,
                        format!("participant weight {w} must be positive"),
                    ));
                    continue;
                }
                Err(m) => {
                    errs.push(table.cell_error(line, c, m));
                    continue;
                }
            },
        };
        let participants = &mut panels[pi].2;
        let part = match participants.iter().position(|p| p.id == participant_id) {
            Some(i) => {
                let p = &participants[i];
                if p.role != row[cols[2]] {
                    errs.push(table.cell_error(
                        line,
                        cols[2],
                        format!(
                            "participant {} has role {} on line {}; one participant, one role",
                            Quoted::bare(participant_id),
                            Quoted::double(&p.role),
                            p.line
                        ),
                    ));
                }
                if (p.weight - weight).abs() > 1e-12 {
                    errs.push(Diagnostic::line(
                        &table.path,
                        line,
                        format!(
                            "participant {} has another weight on line {}",
                            Quoted::bare(participant_id),
                            p.line
                        ),
                    ));
                }
                i
            }
            None => {
                participants.push(Pending {
                    id: participant_id.to_string(),
                    role: row[cols[2]].to_string(),
                    weight,
                    line,
                    pairs: HashMap::new(),
                    reported: Vec::new(),
                });
                participants.len() - 1
            }
        };
        let find = |c: usize| {
            let id = &row[cols[c]];
            set.index(id).ok_or_else(|| {
                table.cell_error(
                    line,
                    cols[c],
                    format!(
                        "unknown criterion {} for criteria set '{}': expected one of {}",
                        Quoted::double(id),
                        set.id,
                        set.criteria
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
        };
        let (a, b) = match (find(3), find(4)) {
            (Ok(a), Ok(b)) => (a, b),
            (ea, eb) => {
                for e in [ea.err(), eb.err()].into_iter().flatten() {
                    errs.push(e);
                }
                continue;
            }
        };
        if a == b {
            errs.push(table.cell_error(
                line,
                cols[4],
                "a criterion compared with itself: remove the row (the diagonal is always 1)",
            ));
            continue;
        }
        if set.node_of(a) != set.node_of(b) {
            errs.push(table.cell_error(
                line,
                cols[4],
                format!(
                    "\"{}\" and \"{}\" have different parents, so they are not compared with each other; compare criteria under the same parent",
                    set.criteria[a].id, set.criteria[b].id
                ),
            ));
            continue;
        }
        let ordered = (a.min(b), a.max(b));
        let value = match parse_number(&row[cols[5]], table.number_style) {
            // Saaty's scale, with room for rounding of typed reciprocals (0.111 for 1/9).
            Ok(v) if (1.0 / 9.0 - 1e-3..=9.0 + 1e-9).contains(&v) => v,
            Ok(v) if v > 0.0 => {
                participants[part].reported.push(ordered);
                errs.push(table.cell_error(
                    line,
                    cols[5],
                    format!("judgment {v} is outside Saaty's scale 1/9 to 9: check for a typo (e.g. 33 for 3)"),
                ));
                continue;
            }
            Ok(v) => {
                participants[part].reported.push(ordered);
                errs.push(table.cell_error(
                    line,
                    cols[5],
                    format!("judgment {v} must be positive: Saaty's scale runs from 1/9 to 9 (1 = equally important)"),
                ));
                continue;
            }
            Err(m) => {
                participants[part].reported.push(ordered);
                errs.push(table.cell_error(line, cols[5], m));
                continue;
            }
        };
        let (key, a_ij) = if a < b {
            ((a, b), value)
        } else {
            ((b, a), 1.0 / value)
        };
        match participants[part].pairs.get(&key) {
            Some(&(prev, prev_line)) => {
                if (prev * (1.0 / a_ij) - 1.0).abs() > prec::RECIPROCAL {
                    errs.push(table.cell_error(
                        line,
                        cols[5],
                        format!(
                            "participant {} already judged {} vs {} on line {prev_line}, and this value contradicts it (not reciprocal); keep one row per pair",
                            Quoted::bare(participant_id),
                            set.criteria[key.0].id, set.criteria[key.1].id
                        ),
                    ));
                } else if a < b {
                    errs.push(table.cell_error(
                        line,
                        cols[3],
                        format!("duplicate judgment of {} vs {} (first on line {prev_line}); keep one row per pair", set.criteria[a].id, set.criteria[b].id),
                    ));
                }
            }
            None => {
                participants[part].pairs.insert(key, (a_ij, line));
            }
        }
    }
    for code in unused {
        warnings.push(format!(
            "{}: panel {} is not used by any level of the study; its judgments were skipped",
            table.path.display(),
            Quoted::bare(&code)
        ));
    }
    let mut out = Vec::with_capacity(panels.len());
    for (region, level, pending) in panels {
        let set = sets[level];
        let mut participants = Vec::with_capacity(pending.len());
        for p in pending {
            let mut matrices = Vec::with_capacity(set.nodes.len());
            let mut complete = true;
            for node in &set.nodes {
                let ch = &node.children;
                for x in 0..ch.len() {
                    for y in x + 1..ch.len() {
                        if !p.pairs.contains_key(&(ch[x], ch[y])) {
                            complete = false;
                            if p.reported.contains(&(ch[x], ch[y])) {
                                continue;
                            }
                            errs.push(Diagnostic::file(
                                &table.path,
                                format!(
                                    "panel {} participant {}: no judgment of {} vs {}; add a row for this pair",
                                    regions.code_of(region),
                                    Quoted::bare(&p.id),
                                    set.criteria[ch[x]].id,
                                    set.criteria[ch[y]].id
                                ),
                            ));
                        }
                    }
                }
                if complete {
                    match PairwiseMatrix::from_upper(ch.len(), |x, y| p.pairs[&(ch[x], ch[y])].0) {
                        Ok(m) => matrices.push(m),
                        Err(e) => {
                            complete = false;
                            errs.push(Diagnostic::file(
                                &table.path,
                                format!(
                                    "panel {} participant {}: {e}",
                                    regions.code_of(region),
                                    Quoted::bare(&p.id)
                                ),
                            ));
                        }
                    }
                }
            }
            if complete {
                participants.push(Participant {
                    id: p.id,
                    role: p.role,
                    weight: p.weight,
                    matrices,
                });
            }
        }
        out.push(Panel {
            region,
            level,
            participants,
        });
    }
    errs.finish(out)
}
