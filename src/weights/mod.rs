//! Weights stage: FGD judgments to criteria weights per panel (AHP), or weights from another
//! source: explicit, equal, or objective ones computed from the candidates' data ([`objective`]).
//!
//! For each panel and each hierarchy node, every participant's matrix gets priorities and a
//! consistency ratio; the study's policy decides who enters the aggregation (AIJ: geometric
//! mean of judgments, or AIP: mean of the participants' priority vectors). Global weight of a
//! sub-criterion = its local weight x its parent's weight.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ahp::{
    Aggregation, AhpError, AipMean, JudgmentDiagnostic, PairwiseMatrix, Priorities,
    aggregate_judgments, aggregate_priorities, priorities, rank_inconsistencies,
};
use crate::model::{
    CriteriaSet, InconsistentPolicy, Method, ObjectiveMethod, RegionRef, Study, WeightSource,
};
pub mod objective;

use crate::score::Direction;
pub use objective::{
    ObjectiveError, critic_weights, entropy_weights, equal_weights, standard_deviation_weights,
};

/// One participant's results in a panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantResult {
    /// Priorities and consistency per hierarchy node.
    pub nodes: Vec<Priorities>,
    /// Whether every node's CR is within the threshold (a missing RI counts as consistent).
    pub consistent: bool,
    /// Whether the participant entered the aggregation.
    pub included: bool,
    /// The participant's own global weights of the leaf criteria.
    pub weights: Vec<f64>,
    /// For each inconsistent node: the judgments ranked by how much they disturb consistency.
    pub revisit: Vec<(usize, Vec<JudgmentDiagnostic>)>,
}

/// A panel's aggregated weights and everything needed to report how they came about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelWeights {
    /// Index into [`Study::panels`].
    pub panel: usize,
    /// Per participant, aligned with the panel's participants.
    pub participants: Vec<ParticipantResult>,
    /// The aggregated (AIJ) matrix per node, whose consistency is reported for the panel.
    pub group_matrices: Vec<PairwiseMatrix>,
    /// Priorities of the aggregated matrix per node.
    pub group_nodes: Vec<Priorities>,
    /// Local weight of every criterion of the set (within its node), from the aggregation.
    pub local: Vec<f64>,
    /// Global weights of the leaf criteria (sum 1): what scoring uses.
    pub weights: Vec<f64>,
    /// True when every participant was inconsistent and the policy was to exclude: all were
    /// kept so that the panel still has weights, and the report says so.
    pub nobody_consistent: bool,
    /// Judgments to revisit in the aggregated matrix, for inconsistent nodes.
    pub revisit: Vec<(usize, Vec<JudgmentDiagnostic>)>,
}

/// Global leaf weights from local weights per criterion (product down the hierarchy).
pub fn global_weights(set: &CriteriaSet, local: &[f64]) -> Vec<f64> {
    set.leaves
        .iter()
        .map(|&l| local[l] * set.criteria[l].parent.map_or(1.0, |p| local[p]))
        .collect()
}

fn local_from_nodes(set: &CriteriaSet, nodes: &[Vec<f64>]) -> Vec<f64> {
    let mut local = vec![0.0; set.criteria.len()];
    for (node, w) in set.nodes.iter().zip(nodes) {
        for (&c, &x) in node.children.iter().zip(w) {
            local[c] = x;
        }
    }
    local
}

fn is_consistent(p: &Priorities, threshold: f64) -> bool {
    p.cr.is_none_or(|cr| cr <= threshold)
}

/// Computes one panel's weights.
///
/// # Errors
/// An AHP computation error (cannot happen for validated matrices unless the power
/// iteration fails to converge).
pub fn panel_weights(study: &Study, panel_index: usize) -> Result<PanelWeights, AhpError> {
    let panel = &study.panels[panel_index];
    let set = &study.levels[panel.level].criteria;
    let m: &Method = &study.method;
    let mut participants = Vec::with_capacity(panel.participants.len());
    for p in &panel.participants {
        let nodes: Vec<Priorities> = p
            .matrices
            .iter()
            .map(|a| priorities(a, m.ahp_method, m.ri_table))
            .collect::<Result<_, _>>()?;
        let consistent = nodes
            .iter()
            .all(|n| is_consistent(n, m.consistency_threshold));
        let revisit = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !is_consistent(n, m.consistency_threshold))
            .map(|(k, n)| (k, rank_inconsistencies(&p.matrices[k], &n.weights)))
            .collect();
        let local = local_from_nodes(
            set,
            &nodes.iter().map(|n| n.weights.clone()).collect::<Vec<_>>(),
        );
        participants.push(ParticipantResult {
            weights: global_weights(set, &local),
            included: consistent || m.inconsistent_participants == InconsistentPolicy::Flag,
            consistent,
            nodes,
            revisit,
        });
    }
    let nobody_consistent = !participants.is_empty() && participants.iter().all(|p| !p.included);
    if nobody_consistent {
        participants.iter_mut().for_each(|p| p.included = true);
    }
    let used: Vec<usize> = (0..participants.len())
        .filter(|&i| participants[i].included)
        .collect();
    let pw: Vec<f64> = used.iter().map(|&i| panel.participants[i].weight).collect();
    let mut group_matrices = Vec::with_capacity(set.nodes.len());
    for k in 0..set.nodes.len() {
        let mats: Vec<&PairwiseMatrix> = used
            .iter()
            .map(|&i| &panel.participants[i].matrices[k])
            .collect();
        group_matrices.push(aggregate_judgments(&mats, Some(&pw))?);
    }
    let group_nodes: Vec<Priorities> = group_matrices
        .iter()
        .map(|a| priorities(a, m.ahp_method, m.ri_table))
        .collect::<Result<_, _>>()?;
    let (local, weights) = match m.aggregation {
        Aggregation::Aij => {
            let local = local_from_nodes(
                set,
                &group_nodes
                    .iter()
                    .map(|n| n.weights.clone())
                    .collect::<Vec<_>>(),
            );
            let w = global_weights(set, &local);
            (local, w)
        }
        Aggregation::AipGeometric | Aggregation::AipArithmetic => {
            let mean = if m.aggregation == Aggregation::AipGeometric {
                AipMean::Geometric
            } else {
                AipMean::Arithmetic
            };
            let vectors: Vec<&[f64]> = used
                .iter()
                .map(|&i| participants[i].weights.as_slice())
                .collect();
            let w = aggregate_priorities(&vectors, Some(&pw), mean)?;
            // Local weights for display: per node, aggregated the same way.
            let mut nodes = Vec::with_capacity(set.nodes.len());
            for k in 0..set.nodes.len() {
                let v: Vec<&[f64]> = used
                    .iter()
                    .map(|&i| participants[i].nodes[k].weights.as_slice())
                    .collect();
                nodes.push(aggregate_priorities(&v, Some(&pw), mean)?);
            }
            (local_from_nodes(set, &nodes), w)
        }
    };
    let revisit = group_nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| !is_consistent(n, m.consistency_threshold))
        .map(|(k, n)| (k, rank_inconsistencies(&group_matrices[k], &n.weights)))
        .collect();
    Ok(PanelWeights {
        panel: panel_index,
        participants,
        group_matrices,
        group_nodes,
        local,
        weights,
        nobody_consistent,
        revisit,
    })
}

/// Global leaf weights of a group of participants' matrices (one `Vec` of node matrices per
/// participant), aggregated with the study's method: what [`panel_weights`] computes as
/// `weights`, without the diagnostics. Used to recompute weights from perturbed judgments.
///
/// # Errors
/// An AHP computation error (e.g. no participants).
pub fn group_weights(
    set: &CriteriaSet,
    participants: &[Vec<PairwiseMatrix>],
    participant_weights: &[f64],
    m: &Method,
) -> Result<Vec<f64>, AhpError> {
    match m.aggregation {
        Aggregation::Aij => {
            let mut nodes = Vec::with_capacity(set.nodes.len());
            for k in 0..set.nodes.len() {
                let mats: Vec<&PairwiseMatrix> = participants.iter().map(|p| &p[k]).collect();
                let a = aggregate_judgments(&mats, Some(participant_weights))?;
                nodes.push(priorities(&a, m.ahp_method, m.ri_table)?.weights);
            }
            Ok(global_weights(set, &local_from_nodes(set, &nodes)))
        }
        Aggregation::AipGeometric | Aggregation::AipArithmetic => {
            let mean = if m.aggregation == Aggregation::AipGeometric {
                AipMean::Geometric
            } else {
                AipMean::Arithmetic
            };
            let mut vectors = Vec::with_capacity(participants.len());
            for p in participants {
                let nodes: Vec<Vec<f64>> = p
                    .iter()
                    .map(|a| priorities(a, m.ahp_method, m.ri_table).map(|x| x.weights))
                    .collect::<Result<_, _>>()?;
                vectors.push(global_weights(set, &local_from_nodes(set, &nodes)));
            }
            let refs: Vec<&[f64]> = vectors.iter().map(Vec::as_slice).collect();
            aggregate_priorities(&refs, Some(participant_weights), mean)
        }
    }
}

/// Every panel's weights, computed in parallel, in panel order.
///
/// # Errors
/// The first AHP computation error, if any.
pub fn all_panel_weights(study: &Study) -> Result<Vec<PanelWeights>, AhpError> {
    (0..study.panels.len())
        .into_par_iter()
        .map(|i| panel_weights(study, i))
        .collect()
}

/// Where a group's weights came from, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeightOrigin {
    /// From a panel (index into [`Study::panels`]).
    Panel(usize),
    /// Explicit weights in the study file.
    Explicit,
    /// Equal weights.
    Equal,
    /// Computed from the candidates' data.
    Objective(ObjectiveMethod),
}

/// A level's weights under one weight source: either one vector for every group (explicit,
/// equal, objective) or a panel per group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelWeights {
    /// The source.
    pub source: WeightSource,
    /// The single vector and its origin, for sources that do not depend on the group.
    pub fixed: Option<(Vec<f64>, WeightOrigin)>,
}

/// Objective weights of a level's leaf criteria from every candidate of the study: the same
/// vector for every group, because 3-5 candidates per group are too few to estimate them.
///
/// # Errors
/// The data are unusable for the method (e.g. negative values for entropy).
pub fn objective_weights(
    study: &Study,
    level_index: usize,
    method: ObjectiveMethod,
) -> Result<Vec<f64>, ObjectiveError> {
    let spec = &study.levels[level_index];
    let cols = spec.columns.len();
    let rows = study.candidates.list.len();
    let mut x = Vec::with_capacity(rows * cols);
    for c in &study.candidates.list {
        x.extend(spec.columns.iter().map(|&k| c.values[k]));
    }
    let benefit: Vec<bool> = spec
        .criteria
        .leaves
        .iter()
        .map(|&l| spec.criteria.criteria[l].direction == Direction::Benefit)
        .collect();
    match method {
        ObjectiveMethod::Entropy => entropy_weights(&x, rows, cols, &benefit),
        ObjectiveMethod::Critic => critic_weights(&x, rows, cols, &benefit),
        ObjectiveMethod::StandardDeviation => standard_deviation_weights(&x, rows, cols, &benefit),
    }
}

/// Resolves a level's weight source.
///
/// # Errors
/// Objective weights cannot be computed from the data.
pub fn resolve(
    study: &Study,
    level_index: usize,
    source: &WeightSource,
) -> Result<LevelWeights, ObjectiveError> {
    let n = study.levels[level_index].criteria.leaves.len();
    let fixed = match source {
        WeightSource::OwnPanel | WeightSource::Panel(_) => None,
        WeightSource::Explicit(w) => Some((w.clone(), WeightOrigin::Explicit)),
        WeightSource::Equal => Some((vec![1.0 / n as f64; n], WeightOrigin::Equal)),
        WeightSource::Objective(m) => Some((
            objective_weights(study, level_index, *m)?,
            WeightOrigin::Objective(*m),
        )),
    };
    Ok(LevelWeights {
        source: source.clone(),
        fixed,
    })
}

/// The study's own (base) weights of every level.
///
/// # Errors
/// Objective weights cannot be computed from the data.
pub fn resolve_base(study: &Study) -> Result<Vec<LevelWeights>, ObjectiveError> {
    (0..study.levels.len())
        .map(|li| resolve(study, li, &study.levels[li].weights))
        .collect()
}

impl LevelWeights {
    /// The weights a group in `region` uses, and where they come from. A panel source without
    /// a panel for the region (not possible in a validated study) falls back to equal weights.
    pub fn weights_for(
        &self,
        study: &Study,
        panels: &[PanelWeights],
        level_index: usize,
        region: RegionRef,
    ) -> (Vec<f64>, WeightOrigin) {
        if let Some((w, o)) = &self.fixed {
            return (w.clone(), o.clone());
        }
        let panel_region = match &self.source {
            WeightSource::Panel(r) => *r,
            _ => region,
        };
        match study.panel(panel_region, level_index) {
            Some(p) => (panels[p].weights.clone(), WeightOrigin::Panel(p)),
            None => {
                let n = study.levels[level_index].criteria.leaves.len();
                (vec![1.0 / n as f64; n], WeightOrigin::Equal)
            }
        }
    }
}
