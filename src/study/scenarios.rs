//! Scenario stage: the whole selection again under each weighting scenario, compared group by
//! group with the base (ranks side by side, Spearman, Kendall tau-b, WS coefficient, winner).

use serde::{Deserialize, Serialize};

use crate::Analysis;
use crate::scenario::{kendall_tau_b, spearman, ws_coefficient};
use crate::select::{Group, Selection, select};
use crate::weights::{LevelWeights, resolve};

/// One group under one scenario, compared with the same group under the base weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupComparison {
    /// Index of the group (same position in the base and scenario selections).
    pub group: usize,
    /// Whether both rank the same candidates (kecamatan groups may get other nominees).
    pub same_members: bool,
    /// Spearman's rank correlation with the base (same members, at least two).
    pub spearman: Option<f64>,
    /// Kendall's tau-b with the base.
    pub kendall_tau_b: Option<f64>,
    /// WS coefficient of Salabun & Urbaniak (2020), base ranking as reference.
    pub ws: Option<f64>,
    /// Whether the unggulan is the same candidate.
    pub same_winner: bool,
}

/// The results of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Index into the study's scenarios.
    pub scenario: usize,
    /// Resolved weights per level.
    pub level_weights: Vec<LevelWeights>,
    /// The selection under this scenario.
    pub selection: Selection,
    /// One comparison per group with candidates.
    pub comparisons: Vec<GroupComparison>,
}

/// Every scenario's results and the city-level summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyScenarios {
    /// In the study's scenario order.
    pub scenarios: Vec<ScenarioResult>,
    /// Groups with candidates whose unggulan is the same under every scenario.
    pub same_everywhere: usize,
    /// Groups with candidates.
    pub groups: usize,
}

fn winner(g: &Group) -> Option<usize> {
    g.winners().next().map(|e| e.candidate)
}

/// Compares one group across two selections.
pub fn compare(index: usize, base: &Group, other: &Group) -> GroupComparison {
    let members = |g: &Group| g.entries.iter().map(|e| e.candidate).collect::<Vec<_>>();
    let same_members = members(base) == members(other);
    let (mut rs, mut tau, mut ws) = (None, None, None);
    if same_members && base.entries.len() >= 2 {
        let a: Vec<f64> = base.entries.iter().map(|e| e.rank as f64).collect();
        let b: Vec<f64> = other.entries.iter().map(|e| e.rank as f64).collect();
        rs = spearman(&a, &b);
        tau = kendall_tau_b(&a, &b);
        ws = ws_coefficient(&a, &b);
    }
    GroupComparison {
        group: index,
        same_members,
        spearman: rs,
        kendall_tau_b: tau,
        ws,
        same_winner: winner(base) == winner(other),
    }
}

/// Runs every scenario of the study.
///
/// # Errors
/// Objective weights or scoring fail for a scenario.
pub fn analyse_scenarios(analysis: &Analysis) -> Result<StudyScenarios, crate::Error> {
    let study = &analysis.study;
    let base = &analysis.selection.groups;
    let mut scenarios = Vec::with_capacity(study.scenarios.len());
    for (k, spec) in study.scenarios.iter().enumerate() {
        let level_weights: Vec<LevelWeights> = spec
            .weights
            .iter()
            .enumerate()
            .map(|(li, source)| resolve(study, li, source))
            .collect::<Result<_, _>>()?;
        let selection = select(study, &analysis.panels, &level_weights)?;
        let comparisons = base
            .iter()
            .zip(&selection.groups)
            .enumerate()
            .filter(|(_, (b, _))| !b.entries.is_empty())
            .map(|(i, (b, s))| compare(i, b, s))
            .collect();
        scenarios.push(ScenarioResult {
            scenario: k,
            level_weights,
            selection,
            comparisons,
        });
    }
    let groups = base.iter().filter(|g| !g.entries.is_empty()).count();
    let same_everywhere = (0..base.len())
        .filter(|&i| !base[i].entries.is_empty())
        .filter(|&i| {
            scenarios
                .iter()
                .all(|s| winner(&s.selection.groups[i]) == winner(&base[i]))
        })
        .count();
    Ok(StudyScenarios {
        scenarios,
        same_everywhere,
        groups,
    })
}
