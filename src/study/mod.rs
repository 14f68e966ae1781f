//! Running a whole study: the stages above the maths.
//!
//! [`analyse`] resolves every panel's weights and ranks every group (kelurahan, then kecamatan
//! from the kelurahan nominees); [`run_study`] adds the weighting scenarios ([`scenarios`]) and
//! the sensitivity analysis of every group ([`sensitivity`]); [`checks`] lists what to verify
//! before the results are signed. This is the only module that
//! knows a study's shape and the maths modules at once: `ahp`, `score`, `sensitivity` and
//! `scenario` take matrices, weights and options and return numbers and typed notes.

pub mod checks;
pub mod scenarios;
pub mod sensitivity;

use crate::model::Study;
use crate::select::{self, Selection};
use crate::weights::{self, LevelWeights, PanelWeights};

/// Everything a run computes, ready for reporting. Serialisable, so that a finished run can
/// be reported again without recomputing (see [`crate::report::results`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// The validated study.
    pub study: Study,
    /// Weights of every FGD panel.
    pub panels: Vec<PanelWeights>,
    /// Resolved weights of every level (the study's base weights).
    pub level_weights: Vec<LevelWeights>,
    /// Ranked groups of every level.
    pub selection: Selection,
    /// Sweeps, thresholds, SMAA and verdicts, when run.
    pub sensitivity: Option<sensitivity::StudySensitivity>,
    /// Weighting scenarios compared with the base, when run.
    pub scenarios: Option<scenarios::StudyScenarios>,
}

/// Which optional stages a run includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Run the sensitivity analysis (sweeps, thresholds; SMAA if the study enables it).
    pub sensitivity: bool,
    /// Run the study's weighting scenarios.
    pub scenarios: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            sensitivity: true,
            scenarios: true,
        }
    }
}

/// Runs the weights and selection stages on a validated study.
///
/// # Errors
/// An AHP or scoring error (not expected for a study that passed validation).
pub fn analyse(study: Study) -> Result<Analysis, crate::Error> {
    let panels = weights::all_panel_weights(&study)?;
    let level_weights = weights::resolve_base(&study)?;
    let selection = select::select(&study, &panels, &level_weights)?;
    Ok(Analysis {
        study,
        panels,
        level_weights,
        selection,
        sensitivity: None,
        scenarios: None,
    })
}

/// Runs a whole study: weights, selection, then the optional stages. `progress` receives
/// (stage name, done, total) for long steps.
///
/// # Errors
/// Any stage's error.
pub fn run_study(
    study: Study,
    options: RunOptions,
    progress: &(dyn Fn(&str, usize, usize) + Sync),
) -> Result<Analysis, crate::Error> {
    let mut analysis = analyse(study)?;
    if options.scenarios && !analysis.study.scenarios.is_empty() {
        analysis.scenarios = Some(scenarios::analyse_scenarios(&analysis)?);
    }
    if options.sensitivity {
        let s = sensitivity::analyse_sensitivity(&analysis, &|d, t| progress("sensitivity", d, t))?;
        analysis.sensitivity = Some(s);
    }
    Ok(analysis)
}
