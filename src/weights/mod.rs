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

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::ahp::PriorityMethod;
    use crate::model::tests::{flat_set, hierarchy_set, study};
    use crate::model::{Panel, Participant};

    /// Hand-computed weights are exact up to rounding.
    const HAND: f64 = 1e-12;
    /// DOMAIN.md section 6 and the hand computations below give six decimals.
    const SIX_DECIMALS: f64 = 5e-7;

    fn matrix(rows: [[f64; 3]; 3]) -> PairwiseMatrix {
        PairwiseMatrix::from_rows(&rows.map(Vec::from)).expect("a reciprocal matrix")
    }

    /// DOMAIN.md section 6, "AIJ = AIP under RGMM": two consistent participants.
    fn a() -> PairwiseMatrix {
        matrix([[1.0, 3.0, 5.0], [1.0 / 3.0, 1.0, 2.0], [0.2, 0.5, 1.0]])
    }

    fn b() -> PairwiseMatrix {
        matrix([
            [1.0, 2.0, 7.0],
            [0.5, 1.0, 3.0],
            [1.0 / 7.0, 1.0 / 3.0, 1.0],
        ])
    }

    /// A cycle (x > y, y > z, z > x, each by 5): every row product is 1, so RGMM gives equal
    /// weights, lambda_max = (1 + 5 + 1/5) = 6.2, CI = (6.2 - 3) / 2 = 1.6, CR = 1.6 / 0.58.
    fn cycle() -> PairwiseMatrix {
        matrix([[1.0, 5.0, 0.2], [0.2, 1.0, 5.0], [5.0, 0.2, 1.0]])
    }

    /// The same cycle the other way round: its element-wise geometric mean with `cycle()` is
    /// the all-ones matrix.
    fn reverse_cycle() -> PairwiseMatrix {
        matrix([[1.0, 0.2, 5.0], [5.0, 1.0, 0.2], [0.2, 5.0, 1.0]])
    }

    fn person(id: &str, m: PairwiseMatrix) -> Participant {
        Participant {
            id: id.into(),
            role: "umkm".into(),
            weight: 1.0,
            matrices: vec![m],
            completed: Vec::new(),
        }
    }

    /// A three-criterion study, RGMM priorities, with one kelurahan panel (Kedungasem) of
    /// the given participants.
    fn panel_study(
        participants: Vec<Participant>,
        aggregation: Aggregation,
        policy: InconsistentPolicy,
    ) -> Study {
        let set = flat_set(&[
            ("x", Direction::Benefit),
            ("y", Direction::Benefit),
            ("z", Direction::Benefit),
        ]);
        let mut s = study(set, [WeightSource::OwnPanel, WeightSource::Equal], &[]);
        s.method.ahp_method = PriorityMethod::GeometricMean;
        s.method.aggregation = aggregation;
        s.method.inconsistent_participants = policy;
        s.panels = vec![Panel {
            region: RegionRef::Kelurahan(0),
            level: 0,
            participants,
        }];
        s
    }

    fn assert_weights(found: &[f64], expected: &[f64], tolerance: f64) {
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for (f, e) in found.iter().zip(expected) {
            assert_abs_diff_eq!(*f, *e, epsilon = tolerance);
        }
    }

    #[test]
    fn aij_and_geometric_aip_agree_under_rgmm_and_arithmetic_aip_differs() {
        // DOMAIN.md section 6: both give 0.633549, 0.259863, 0.106588; the arithmetic mean of
        // the priority vectors gives 0.631791, 0.260935, 0.107274.
        for (aggregation, expected) in [
            (Aggregation::Aij, [0.633549, 0.259863, 0.106588]),
            (Aggregation::AipGeometric, [0.633549, 0.259863, 0.106588]),
            (Aggregation::AipArithmetic, [0.631791, 0.260935, 0.107274]),
        ] {
            let s = panel_study(
                vec![person("P01", a()), person("P02", b())],
                aggregation,
                InconsistentPolicy::Exclude,
            );
            let pw = panel_weights(&s, 0).expect("the panel's weights");
            assert_weights(&pw.weights, &expected, SIX_DECIMALS);
            assert!(pw.participants.iter().all(|p| p.consistent && p.included));
            assert!(!pw.nobody_consistent && pw.revisit.is_empty());
            // A flat set: local weights are the global ones.
            assert_weights(&pw.local, &pw.weights, HAND);
        }
    }

    #[test]
    fn an_inconsistent_participant_is_flagged_and_kept() {
        // AIJ of A and the cycle under RGMM: the cycle's row products are all 1, so
        // w_i is proportional to sqrt(g_i), g = A's row geometric means
        // (15^(1/3), (2/3)^(1/3), (1/10)^(1/3)) = (2.466212, 0.873580, 0.464159):
        // sqrt g = (1.570418, 0.934655, 0.681292), sum 3.186365,
        // w = (0.492856, 0.293330, 0.213815).
        let s = panel_study(
            vec![person("P01", a()), person("P02", cycle())],
            Aggregation::Aij,
            InconsistentPolicy::Flag,
        );
        let pw = panel_weights(&s, 0).expect("the panel's weights");
        assert_weights(&pw.weights, &[0.492856, 0.293330, 0.213815], SIX_DECIMALS);
        let p = &pw.participants[1];
        assert!(!p.consistent && p.included);
        assert_abs_diff_eq!(p.nodes[0].cr.unwrap(), 1.6 / 0.58, epsilon = 1e-9);
        assert_weights(&p.weights, &[1.0 / 3.0; 3], HAND);
        // Every judgment of the cycle is off by a factor 5 from the equal weights: all three
        // are listed to revisit, each with log error ln 5.
        assert_eq!(p.revisit.len(), 1);
        let (node, diags) = &p.revisit[0];
        assert_eq!((*node, diags.len()), (0, 3));
        for d in diags {
            assert_abs_diff_eq!(d.log_error, 5f64.ln(), epsilon = 1e-9);
        }
        assert!(pw.participants[0].consistent && pw.participants[0].revisit.is_empty());
    }

    #[test]
    fn an_inconsistent_participant_is_excluded_under_the_exclude_policy() {
        // Only A enters: its RGMM weights (15^(1/3), (2/3)^(1/3), (1/10)^(1/3)) / 3.803951
        // = (0.648329, 0.229651, 0.122020).
        let s = panel_study(
            vec![person("P01", a()), person("P02", cycle())],
            Aggregation::Aij,
            InconsistentPolicy::Exclude,
        );
        let pw = panel_weights(&s, 0).expect("the panel's weights");
        assert_weights(&pw.weights, &[0.648329, 0.229651, 0.122020], SIX_DECIMALS);
        assert_weights(&pw.weights, &pw.participants[0].weights, HAND);
        assert!(!pw.participants[1].consistent && !pw.participants[1].included);
        assert!(!pw.nobody_consistent);
        // The aggregated matrix is A itself.
        assert_abs_diff_eq!(pw.group_matrices[0].get(0, 2), 5.0, epsilon = HAND);
    }

    #[test]
    fn a_panel_where_nobody_is_consistent_keeps_everyone_and_says_so() {
        // Both cycles are inconsistent; excluding both would leave no weights, so both are
        // kept. Their element-wise geometric mean is the all-ones matrix: equal weights, CR 0.
        let s = panel_study(
            vec![person("P01", cycle()), person("P02", reverse_cycle())],
            Aggregation::Aij,
            InconsistentPolicy::Exclude,
        );
        let pw = panel_weights(&s, 0).expect("the panel's weights");
        assert!(pw.nobody_consistent);
        assert!(pw.participants.iter().all(|p| !p.consistent && p.included));
        assert_weights(&pw.weights, &[1.0 / 3.0; 3], HAND);
        assert_abs_diff_eq!(pw.group_nodes[0].cr.unwrap(), 0.0, epsilon = 1e-9);
        assert!(pw.revisit.is_empty());
        // Under the flag policy the same panel is not "nobody consistent": nobody was left out.
        let s = panel_study(
            vec![person("P01", cycle()), person("P02", reverse_cycle())],
            Aggregation::Aij,
            InconsistentPolicy::Flag,
        );
        assert!(!panel_weights(&s, 0).unwrap().nobody_consistent);
    }

    #[test]
    fn participant_weights_weigh_the_geometric_mean() {
        // P01 counts twice: AIJ = A^(2/3) B^(1/3) element-wise; under RGMM w_i is
        // proportional to gA_i^(2/3) gB_i^(1/3) with gB = (14^(1/3), (3/2)^(1/3),
        // (1/21)^(1/3)); the same as the panel A, A, B with weights 1.
        let mut heavy = person("P01", a());
        heavy.weight = 2.0;
        let weighted = panel_study(
            vec![heavy, person("P02", b())],
            Aggregation::Aij,
            InconsistentPolicy::Flag,
        );
        let repeated = panel_study(
            vec![person("P01", a()), person("P01b", a()), person("P02", b())],
            Aggregation::Aij,
            InconsistentPolicy::Flag,
        );
        let w = panel_weights(&weighted, 0).unwrap().weights;
        assert_weights(&w, &panel_weights(&repeated, 0).unwrap().weights, HAND);
        let g = |row: [f64; 3]| (row[0] * row[1] * row[2]).cbrt();
        let ga = [
            g([1.0, 3.0, 5.0]),
            g([1.0 / 3.0, 1.0, 2.0]),
            g([0.2, 0.5, 1.0]),
        ];
        let gb = [
            g([1.0, 2.0, 7.0]),
            g([0.5, 1.0, 3.0]),
            g([1.0 / 7.0, 1.0 / 3.0, 1.0]),
        ];
        let raw: Vec<f64> = (0..3)
            .map(|i| ga[i].powf(2.0 / 3.0) * gb[i].powf(1.0 / 3.0))
            .collect();
        let sum: f64 = raw.iter().sum();
        let expected: Vec<f64> = raw.iter().map(|x| x / sum).collect();
        assert_weights(&w, &expected, HAND);
    }

    #[test]
    fn group_weights_recompute_what_the_panel_aggregated() {
        let s = panel_study(
            vec![person("P01", a()), person("P02", b())],
            Aggregation::AipArithmetic,
            InconsistentPolicy::Flag,
        );
        let pw = panel_weights(&s, 0).unwrap();
        let again = group_weights(
            &s.levels[0].criteria,
            &[vec![a()], vec![b()]],
            &[1.0, 1.0],
            &s.method,
        )
        .unwrap();
        assert_weights(&again, &pw.weights, HAND);
    }

    #[test]
    fn global_weights_multiply_down_the_hierarchy() {
        // usaha 0.6 over tenaga_kerja 0.25 and omzet 0.75; harga 0.4 at the top:
        // globals 0.15, 0.45, 0.40.
        let set = hierarchy_set();
        let w = global_weights(&set, &[0.6, 0.25, 0.75, 0.4]);
        assert_weights(&w, &[0.15, 0.45, 0.40], HAND);
        // Through a panel: the root judges usaha 3x harga (0.75, 0.25), usaha's node
        // tenaga_kerja 1/3 of omzet (0.25, 0.75): globals 0.1875, 0.5625, 0.25.
        let root = PairwiseMatrix::from_rows(&[vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]).unwrap();
        let usaha = PairwiseMatrix::from_rows(&[vec![1.0, 1.0 / 3.0], vec![3.0, 1.0]]).unwrap();
        let mut s = study(set, [WeightSource::OwnPanel, WeightSource::Equal], &[]);
        s.panels = vec![Panel {
            region: RegionRef::Kelurahan(0),
            level: 0,
            participants: vec![Participant {
                id: "P01".into(),
                role: "lurah".into(),
                weight: 1.0,
                matrices: vec![root, usaha],
                completed: Vec::new(),
            }],
        }];
        let pw = panel_weights(&s, 0).unwrap();
        assert_weights(&pw.local, &[0.75, 0.25, 0.75, 0.25], HAND);
        assert_weights(&pw.weights, &[0.1875, 0.5625, 0.25], HAND);
    }

    /// A two-criterion study with panels of Kedungasem (kelurahan 0) and of Wonoasih
    /// (kecamatan 0) at the kelurahan level: 3 to 1 and 1 to 3 (2x2 matrices give their
    /// weights exactly: 0.75/0.25 and 0.25/0.75).
    fn two_panels(source: WeightSource) -> (Study, Vec<PanelWeights>) {
        let set = flat_set(&[("a", Direction::Benefit), ("b", Direction::Benefit)]);
        let mut s = study(set, [source, WeightSource::Equal], &[]);
        let judge = |region, x: f64| Panel {
            region,
            level: 0,
            participants: vec![Participant {
                id: "P01".into(),
                role: "lurah".into(),
                weight: 1.0,
                matrices: vec![
                    PairwiseMatrix::from_rows(&[vec![1.0, x], vec![1.0 / x, 1.0]]).unwrap(),
                ],
                completed: Vec::new(),
            }],
        };
        s.panels = vec![
            judge(RegionRef::Kelurahan(0), 3.0),
            judge(RegionRef::Kecamatan(0), 1.0 / 3.0),
        ];
        let panels = all_panel_weights(&s).unwrap();
        (s, panels)
    }

    #[test]
    fn own_panel_weights_follow_each_groups_region() {
        let (s, panels) = two_panels(WeightSource::OwnPanel);
        let lw = resolve(&s, 0, &WeightSource::OwnPanel).unwrap();
        assert!(lw.fixed.is_none());
        let (w, origin) = lw.weights_for(&s, &panels, 0, RegionRef::Kelurahan(0));
        assert_weights(&w, &[0.75, 0.25], HAND);
        assert_eq!(origin, WeightOrigin::Panel(0));
        // Sumbertaman has no panel: equal weights, said so (a validated study never gets here).
        let (w, origin) = lw.weights_for(&s, &panels, 0, RegionRef::Kelurahan(1));
        assert_weights(&w, &[0.5, 0.5], HAND);
        assert_eq!(origin, WeightOrigin::Equal);
    }

    #[test]
    fn the_panel_of_another_region_weighs_every_group() {
        let source = WeightSource::Panel(RegionRef::Kecamatan(0));
        let (s, panels) = two_panels(source.clone());
        let lw = resolve(&s, 0, &source).unwrap();
        for region in (0..3).map(RegionRef::Kelurahan) {
            let (w, origin) = lw.weights_for(&s, &panels, 0, region);
            assert_weights(&w, &[0.25, 0.75], HAND);
            assert_eq!(origin, WeightOrigin::Panel(1));
        }
    }

    #[test]
    fn explicit_and_equal_weights_are_the_same_for_every_group() {
        let (s, panels) = two_panels(WeightSource::OwnPanel);
        let explicit = resolve(&s, 0, &WeightSource::Explicit(vec![0.3, 0.7])).unwrap();
        let equal = resolve(&s, 0, &WeightSource::Equal).unwrap();
        for region in [RegionRef::Kelurahan(0), RegionRef::Kelurahan(2)] {
            let (w, origin) = explicit.weights_for(&s, &panels, 0, region);
            assert_weights(&w, &[0.3, 0.7], HAND);
            assert_eq!(origin, WeightOrigin::Explicit);
            let (w, origin) = equal.weights_for(&s, &panels, 0, region);
            assert_weights(&w, &[0.5, 0.5], HAND);
            assert_eq!(origin, WeightOrigin::Equal);
        }
        // The base plan resolves every level's own source.
        let base = resolve_base(&s).unwrap();
        assert_eq!(base.len(), 2);
        assert!(base[0].fixed.is_none());
        assert_eq!(base[1].fixed, Some((vec![0.5, 0.5], WeightOrigin::Equal)));
    }
}
