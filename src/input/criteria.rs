//! Criteria sets from `criteria/*.toml`.

use std::path::Path;

use serde::Deserialize;

use super::diagnostic::{Collector, Diagnostic, InputError, Quoted};
use super::toml_file::read_toml;
use crate::model::{CriteriaSet, Criterion, HierarchyNode, Scale};
use crate::score::Direction;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: String,
    name_id: String,
    name_en: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note_id: Option<String>,
    #[serde(default)]
    note_en: Option<String>,
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: String,
    name_id: String,
    name_en: String,
    #[serde(default)]
    description_id: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    indicator_id: String,
    #[serde(default)]
    indicator_en: String,
    #[serde(rename = "type", default = "benefit")]
    direction: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    scale: Option<RawScale>,
}

fn benefit() -> String {
    "benefit".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    kind: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    levels: Vec<String>,
}

/// Reads a criteria set and checks it: unique ids, known parents one level deep, a scale
/// on every leaf and none on parents, sane bounds.
///
/// # Errors
/// Every problem found, naming the criterion.
pub fn read_criteria(path: &Path) -> Result<(CriteriaSet, Vec<u8>), InputError> {
    let (raw, bytes): (RawSet, _) = read_toml(path)?;
    let _ = (&raw.note_id, &raw.note_en);
    let mut errs = Collector::default();
    let mut bad = |msg: String| errs.push(Diagnostic::file(path, msg));
    if raw.criteria.is_empty() {
        bad("no [[criteria]] entries: a criteria set needs at least one criterion".into());
    }
    for (i, c) in raw.criteria.iter().enumerate() {
        if c.id.is_empty()
            || !c
                .id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            bad(format!(
                "criterion #{}: id {} must be non-empty ASCII letters, digits, '_' or '-'",
                i + 1,
                Quoted::double(&c.id)
            ));
        }
        if raw.criteria[..i].iter().any(|o| o.id == c.id) {
            bad(format!(
                "criterion id {} appears twice; ids must be unique",
                Quoted::double(&c.id)
            ));
        }
    }
    let index = |id: &str| raw.criteria.iter().position(|c| c.id == id);
    let mut criteria = Vec::with_capacity(raw.criteria.len());
    for c in &raw.criteria {
        let direction = match c.direction.parse::<Direction>() {
            Ok(d) => d,
            Err(_) => {
                bad(format!(
                    "criterion {}: type {} is not benefit or cost",
                    Quoted::double(&c.id),
                    Quoted::double(&c.direction)
                ));
                Direction::Benefit
            }
        };
        let parent = match &c.parent {
            None => None,
            Some(p) => match index(p) {
                Some(pi) if raw.criteria[pi].parent.is_none() && p != &c.id => Some(pi),
                Some(_) => {
                    bad(format!(
                        "criterion {}: parent {} must be a top-level criterion (two levels at most)",
                        Quoted::double(&c.id),
                        Quoted::double(p)
                    ));
                    None
                }
                None => {
                    bad(format!(
                        "criterion {}: parent {} is not a criterion of this set",
                        Quoted::double(&c.id),
                        Quoted::double(p)
                    ));
                    None
                }
            },
        };
        let scale = c.scale.as_ref().and_then(|s| match read_scale(s) {
            Ok(s) => Some(s),
            Err(msg) => {
                bad(format!("criterion {}: {msg}", Quoted::double(&c.id)));
                None
            }
        });
        criteria.push(Criterion {
            id: c.id.clone(),
            name_id: c.name_id.clone(),
            name_en: c.name_en.clone(),
            description_id: c.description_id.clone(),
            description_en: c.description_en.clone(),
            indicator_id: c.indicator_id.clone(),
            indicator_en: c.indicator_en.clone(),
            direction,
            parent,
            scale,
        });
    }
    let has_children = |i: usize| criteria.iter().any(|c| c.parent == Some(i));
    let mut nodes = vec![HierarchyNode {
        criterion: None,
        children: (0..criteria.len())
            .filter(|&i| criteria[i].parent.is_none())
            .collect(),
    }];
    let mut leaves = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        if has_children(i) {
            if raw.criteria[i].scale.is_some() {
                bad(format!(
                    "criterion {} has sub-criteria, so it has no data column: remove its scale",
                    Quoted::double(&c.id)
                ));
            }
            nodes.push(HierarchyNode {
                criterion: Some(i),
                children: (0..criteria.len())
                    .filter(|&k| criteria[k].parent == Some(i))
                    .collect(),
            });
        } else {
            if raw.criteria[i].scale.is_none() {
                bad(format!(
                    "criterion {} has no scale: add scale = {{ kind = \"rating\", min = 1, max = 5 }} or {{ kind = \"quantity\", unit = \"...\" }}",
                    Quoted::double(&c.id)
                ));
            }
            leaves.push(i);
        }
    }
    let set = CriteriaSet {
        id: raw.id,
        name_id: raw.name_id,
        name_en: raw.name_en,
        source: raw.source,
        criteria,
        nodes,
        leaves,
    };
    errs.finish((set, bytes))
}

fn read_scale(s: &RawScale) -> Result<Scale, String> {
    let finite = |v: Option<f64>, what: &str| match v {
        Some(x) if !x.is_finite() => Err(format!("scale {what} must be a finite number")),
        _ => Ok(()),
    };
    finite(s.min, "min")?;
    finite(s.max, "max")?;
    if let (Some(lo), Some(hi)) = (s.min, s.max)
        && lo >= hi
    {
        return Err(format!("scale min {lo} must be below max {hi}"));
    }
    match s.kind.as_str() {
        "rating" => {
            let (Some(min), Some(max)) = (s.min, s.max) else {
                return Err("a rating scale needs min and max (e.g. min = 1, max = 5)".into());
            };
            if !s.levels.is_empty() {
                let expected = max - min + 1.0;
                if (s.levels.len() as f64 - expected).abs() > 1e-9 {
                    return Err(format!(
                        "the rating scale {min}-{max} has {expected} levels but {} level names are given",
                        s.levels.len()
                    ));
                }
            }
            Ok(Scale::Rating {
                min,
                max,
                levels: s.levels.clone(),
            })
        }
        "quantity" => {
            let Some(unit) = s.unit.clone() else {
                return Err("a quantity scale needs a unit (e.g. unit = \"orang\")".into());
            };
            if !s.levels.is_empty() {
                return Err("level names belong to rating scales, not quantities".into());
            }
            Ok(Scale::Quantity {
                unit,
                min: s.min,
                max: s.max,
            })
        }
        other => Err(format!(
            "scale kind {} is not rating or quantity",
            Quoted::double(other)
        )),
    }
}
