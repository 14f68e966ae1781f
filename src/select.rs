//! Selection stage: rank every kelurahan x category group, pick its unggulan, then compare
//! the nominees again per kecamatan (and optionally for the whole city).
//!
//! Ranking rule: higher score first; scores within the study's tie tolerance are a tie,
//! broken by the order of the candidates file (the candidate listed first ranks higher) and
//! flagged, so the FGD decides. A group without candidates is reported as empty.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{Level, ReferenceKind, RegionRef, Scale, Scoring, Study};
use crate::score::{Direction, MatrixView, Reference, ScoreError, topsis, weighted_sum};
use crate::weights::{LevelWeights, PanelWeights, WeightOrigin};

/// One candidate's result in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Index into the study's candidates.
    pub candidate: usize,
    /// TOPSIS closeness or weighted-sum score.
    pub score: f64,
    /// Distance to the ideal (TOPSIS only).
    pub d_plus: Option<f64>,
    /// Distance to the anti-ideal (TOPSIS only).
    pub d_minus: Option<f64>,
    /// Contribution of each criterion to the result (weighted utility or weighted
    /// normalised value), aligned with the level's leaf criteria.
    pub contributions: Vec<f64>,
    /// 1-based rank in the group.
    pub rank: usize,
    /// Whether the candidate is an unggulan of the group.
    pub selected: bool,
    /// Whether its score ties (within tolerance) with another candidate's.
    pub tied: bool,
}

/// A ranked group: one region, one category, one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Index into the study's levels.
    pub level_index: usize,
    /// The level.
    pub level: Level,
    /// The region of the group.
    pub region: RegionRef,
    /// Index into the study's categories.
    pub category: usize,
    /// Weights of the level's leaf criteria used for this group.
    pub weights: Vec<f64>,
    /// Where the weights come from.
    pub origin: WeightOrigin,
    /// Candidates in input order.
    pub entries: Vec<Entry>,
    /// Indices into `entries`, best first.
    pub order: Vec<usize>,
    /// True when the last unggulan ties with the first candidate not selected.
    pub tie_at_cut: bool,
}

impl Group {
    /// The unggulan (selected entries), best first.
    pub fn winners(&self) -> impl Iterator<Item = &Entry> {
        self.order
            .iter()
            .map(|&i| &self.entries[i])
            .filter(|e| e.selected)
    }
}

/// Every group of every level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    /// Kelurahan groups (every kelurahan x category, empty ones included), then kecamatan
    /// groups, then the kota groups, each in region then category order.
    pub groups: Vec<Group>,
}

/// Sort key of a group: level, region position, category (the order `select` produces).
fn group_key(level: Level, region: RegionRef, category: usize) -> (Level, usize, usize) {
    let index = match region {
        RegionRef::Kota => 0,
        RegionRef::Kecamatan(i) | RegionRef::Kelurahan(i) => i,
    };
    (level, index, category)
}

impl Selection {
    /// The group of a region and category, by binary search (groups are in key order).
    pub fn find(&self, region: RegionRef, category: usize) -> Option<&Group> {
        self.find_index(region, category).map(|i| &self.groups[i])
    }

    /// Position of the group of a region and category in [`Selection::groups`].
    pub fn find_index(&self, region: RegionRef, category: usize) -> Option<usize> {
        let key = group_key(region.level(), region, category);
        self.groups
            .binary_search_by(|g| group_key(g.level, g.region, g.category).cmp(&key))
            .ok()
    }

    /// The groups of one level.
    pub fn level(&self, level: Level) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(move |g| g.level == level)
    }
}

/// Scale bounds of each leaf criterion of a level for fixed-reference scoring: the rating
/// bounds, a quantity's declared bounds, else the smallest and largest value of that column
/// among all candidates of the study (so scores stay comparable across groups).
pub fn fixed_bounds(study: &Study, level_index: usize) -> (Vec<f64>, Vec<f64>) {
    let spec = &study.levels[level_index];
    let mut lower = Vec::new();
    let mut upper = Vec::new();
    for (k, &leaf) in spec.criteria.leaves.iter().enumerate() {
        let col = spec.columns[k];
        let data = || study.candidates.list.iter().map(|c| c.values[col]);
        let data_min = data().fold(f64::INFINITY, f64::min);
        let data_max = data().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = match &spec.criteria.criteria[leaf].scale {
            Some(Scale::Rating { min, max, .. }) => (*min, *max),
            Some(Scale::Quantity { min, max, .. }) => {
                (min.unwrap_or(data_min), max.unwrap_or(data_max))
            }
            None => (data_min, data_max),
        };
        // A constant column without declared bounds still needs a non-empty range.
        let hi = if hi > lo { hi } else { lo + 1.0 };
        lower.push(lo);
        upper.push(hi);
    }
    (lower, upper)
}

/// The decision matrix (row-major, members x leaf criteria) of a group and the criteria's
/// directions.
pub fn group_matrix(
    study: &Study,
    level_index: usize,
    members: &[usize],
) -> (Vec<f64>, Vec<Direction>) {
    let spec = &study.levels[level_index];
    let mut data = Vec::with_capacity(members.len() * spec.columns.len());
    for &c in members {
        let values = &study.candidates.list[c].values;
        data.extend(spec.columns.iter().map(|&col| values[col]));
    }
    let directions = spec
        .criteria
        .leaves
        .iter()
        .map(|&l| spec.criteria.criteria[l].direction)
        .collect();
    (data, directions)
}

/// The reference points a level is scored against (relative, or the fixed scale bounds).
pub fn reference(study: &Study, level_index: usize) -> Reference {
    match study.method.reference {
        ReferenceKind::Relative => Reference::Relative,
        ReferenceKind::Fixed => {
            let (lower, upper) = fixed_bounds(study, level_index);
            Reference::Fixed { lower, upper }
        }
    }
}

/// What identifies a group and what it is scored with.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupInput<'a> {
    /// Index into the study's levels.
    pub level_index: usize,
    /// The region of the group.
    pub region: RegionRef,
    /// Index into the study's categories.
    pub category: usize,
    /// Candidates (indices into the study's candidates), in input order.
    pub members: &'a [usize],
    /// Weights of the level's leaf criteria.
    pub weights: Vec<f64>,
    /// Where the weights come from.
    pub origin: WeightOrigin,
}

/// Scores and ranks one group of candidates.
///
/// # Errors
/// A scoring error (cannot happen for validated studies except through inconsistent bounds).
pub fn rank_group(
    study: &Study,
    input: GroupInput<'_>,
    reference: &Reference,
) -> Result<Group, ScoreError> {
    let GroupInput {
        level_index,
        region,
        category,
        members,
        weights,
        origin,
    } = input;
    let spec = &study.levels[level_index];
    let m = &study.method;
    let cols = spec.criteria.leaves.len();
    let (data, directions) = group_matrix(study, level_index, members);
    let mut entries: Vec<Entry> = Vec::with_capacity(members.len());
    if !members.is_empty() {
        let view = MatrixView {
            rows: members.len(),
            cols,
            data: &data,
        };
        match m.scoring {
            Scoring::Topsis => {
                let r = topsis(view, &weights, &directions, m.normalization, reference)?;
                for (i, &c) in members.iter().enumerate() {
                    entries.push(Entry {
                        candidate: c,
                        score: r.closeness[i],
                        d_plus: Some(r.d_plus[i]),
                        d_minus: Some(r.d_minus[i]),
                        contributions: r.weighted[i * cols..(i + 1) * cols].to_vec(),
                        rank: 0,
                        selected: false,
                        tied: false,
                    });
                }
            }
            Scoring::WeightedSum => {
                let r = weighted_sum(view, &weights, &directions, m.normalization, reference)?;
                for (i, &c) in members.iter().enumerate() {
                    entries.push(Entry {
                        candidate: c,
                        score: r.scores[i],
                        d_plus: None,
                        d_minus: None,
                        contributions: r.contributions[i * cols..(i + 1) * cols].to_vec(),
                        rank: 0,
                        selected: false,
                        tied: false,
                    });
                }
            }
        }
    }
    let order = crate::score::ranking(&entries.iter().map(|e| e.score).collect::<Vec<_>>());
    let tol = m.tie_tolerance;
    for (pos, &i) in order.iter().enumerate() {
        entries[i].rank = pos + 1;
        entries[i].selected = pos < m.winners;
    }
    for pos in 1..order.len() {
        let (a, b) = (order[pos - 1], order[pos]);
        if (entries[a].score - entries[b].score).abs() <= tol {
            entries[a].tied = true;
            entries[b].tied = true;
        }
    }
    let tie_at_cut = order.len() > m.winners && {
        let (a, b) = (order[m.winners - 1], order[m.winners]);
        (entries[a].score - entries[b].score).abs() <= tol
    };
    Ok(Group {
        level_index,
        level: spec.level,
        region,
        category,
        weights,
        origin,
        entries,
        order,
        tie_at_cut,
    })
}

/// Runs the whole selection: kelurahan groups, then kecamatan, then kota if the study has it,
/// with the given weights per level (the study's own, or a scenario's).
///
/// # Errors
/// A scoring error from any group.
pub fn select(
    study: &Study,
    panels: &[PanelWeights],
    plan: &[LevelWeights],
) -> Result<Selection, ScoreError> {
    let categories = study.categories.len();
    let reference_for = |li: usize| reference(study, li);
    let mut groups = Vec::new();
    // Members of each kelurahan x category, in candidates-file order.
    let mut members = vec![Vec::new(); study.regions.kelurahan.len() * categories];
    for (i, c) in study.candidates.list.iter().enumerate() {
        members[c.kelurahan * categories + c.category].push(i);
    }
    let (li, _) = study
        .level(Level::Kelurahan)
        .expect("validated: the kelurahan level exists");
    let reference = reference_for(li);
    let kel: Vec<Group> = (0..members.len())
        .into_par_iter()
        .map(|g| {
            let region = RegionRef::Kelurahan(g / categories);
            let (w, origin) = plan[li].weights_for(study, panels, li, region);
            rank_group(
                study,
                GroupInput {
                    level_index: li,
                    region,
                    category: g % categories,
                    members: &members[g],
                    weights: w,
                    origin,
                },
                &reference,
            )
        })
        .collect::<Result<_, _>>()?;
    groups.extend(kel);
    for level in [Level::Kecamatan, Level::Kota] {
        let Some((li, _)) = study.level(level) else {
            break;
        };
        let reference = reference_for(li);
        let regions: Vec<RegionRef> = match level {
            Level::Kecamatan => (0..study.regions.kecamatan.len())
                .map(RegionRef::Kecamatan)
                .collect(),
            _ => vec![RegionRef::Kota],
        };
        // Nominees bucketed by (parent region position, category), in the order below.
        let mut nominees = vec![Vec::new(); regions.len() * categories];
        for g in groups.iter().filter(|g| g.level == prev_level(level)) {
            let parent = match g.region {
                RegionRef::Kelurahan(k) => study.regions.kelurahan[k].kecamatan,
                _ => 0,
            };
            nominees[parent * categories + g.category].extend(g.winners().map(|e| e.candidate));
        }
        let next: Vec<Group> = (0..nominees.len())
            .into_par_iter()
            .map(|b| {
                let region = regions[b / categories];
                let (w, origin) = plan[li].weights_for(study, panels, li, region);
                rank_group(
                    study,
                    GroupInput {
                        level_index: li,
                        region,
                        category: b % categories,
                        members: &nominees[b],
                        weights: w,
                        origin,
                    },
                    &reference,
                )
            })
            .collect::<Result<_, _>>()?;
        groups.extend(next);
    }
    Ok(Selection { groups })
}

fn prev_level(level: Level) -> Level {
    match level {
        Level::Kota => Level::Kecamatan,
        _ => Level::Kelurahan,
    }
}
