//! # unggul: choosing superior local products (PUD) with defensible numbers
//!
//! unggul is the engine behind the `unggul` command: it turns FGD participants' pairwise
//! judgments into criteria weights (AHP), scores candidate UMKM per kelurahan and category
//! (TOPSIS or weighted sum), picks the unggulan, compares the nominees again per kecamatan,
//! and writes tables and a summary a planner can attach to a decision paper.
//!
//! The pipeline flows one way, one module per stage:
//!
//! ```text
//! input ─▶ model ─▶ weights (ahp) ─▶ select (score) ─▶ sensitivity ─▶ report
//! ```
//!
//! The maths modules ([`ahp`], [`score`], [`sensitivity`], [`scenario`]) never touch files or
//! the terminal, and can be used on their own:
//!
//! ```
//! use unggul::ahp::{PairwiseMatrix, PriorityMethod, RandomIndexTable, priorities};
//! use unggul::score::{Direction, MatrixView, Normalization, Reference, topsis};
//!
//! // Criteria weights from one pairwise matrix (Saaty's eigenvector method).
//! let a = PairwiseMatrix::from_rows(&[
//!     vec![1.0, 3.0, 5.0],
//!     vec![1.0 / 3.0, 1.0, 2.0],
//!     vec![1.0 / 5.0, 1.0 / 2.0, 1.0],
//! ])?;
//! let p = priorities(&a, PriorityMethod::Eigenvector, RandomIndexTable::SaatyClassic)?;
//! assert!(p.cr.unwrap() < 0.10);
//!
//! // Rank three candidates with TOPSIS; the second criterion is a cost.
//! let data = [250.0, 16.0, 12.0, 200.0, 16.0, 8.0, 300.0, 32.0, 16.0];
//! let x = MatrixView { rows: 3, cols: 3, data: &data };
//! let dirs = [Direction::Benefit, Direction::Cost, Direction::Benefit];
//! let r = topsis(x, &p.weights, &dirs, Normalization::Vector, &Reference::Relative)?;
//! assert!(r.closeness.iter().all(|c| (0.0..=1.0).contains(c)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![warn(clippy::float_cmp)]

pub mod ahp;
pub mod generate;
pub mod input;
pub mod model;
pub mod report;
pub mod scenario;
pub mod score;
pub mod select;
pub mod sensitivity;
pub mod weights;

use model::Study;
use select::Selection;
use weights::PanelWeights;

/// Everything a run computes, ready for reporting. Serialisable, so that a finished run can
/// be reported again without recomputing (see [`report::results`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// The validated study.
    pub study: Study,
    /// Weights of every FGD panel.
    pub panels: Vec<PanelWeights>,
    /// Resolved weights of every level (the study's base weights).
    pub level_weights: Vec<weights::LevelWeights>,
    /// Ranked groups of every level.
    pub selection: Selection,
    /// Sweeps, thresholds, SMAA and verdicts, when run.
    pub sensitivity: Option<sensitivity::study::StudySensitivity>,
    /// Weighting scenarios compared with the base, when run.
    pub scenarios: Option<scenario::study::StudyScenarios>,
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

/// Errors of a whole run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs have problems (each located).
    #[error(transparent)]
    Input(#[from] input::InputError),
    /// An AHP computation failed.
    #[error("AHP: {0}")]
    Ahp(#[from] ahp::AhpError),
    /// A scoring computation failed.
    #[error("scoring: {0}")]
    Score(#[from] score::ScoreError),
    /// Writing the report failed.
    #[error("report: {0}")]
    Output(#[from] report::OutputError),
    /// A sensitivity computation failed.
    #[error("sensitivity: {0}")]
    Sensitivity(#[from] sensitivity::SensitivityError),
    /// Objective weights could not be computed from the data.
    #[error("objective weights: {0}")]
    Objective(#[from] scenario::ObjectiveError),
}

/// Runs the weights and selection stages on a validated study.
///
/// # Errors
/// An AHP or scoring error (not expected for a study that passed validation).
pub fn analyse(study: Study) -> Result<Analysis, Error> {
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
) -> Result<Analysis, Error> {
    let mut analysis = analyse(study)?;
    if options.scenarios && !analysis.study.scenarios.is_empty() {
        analysis.scenarios = Some(scenario::study::analyse_scenarios(&analysis)?);
    }
    if options.sensitivity {
        let s = sensitivity::study::analyse_sensitivity(&analysis, &|d, t| {
            progress("sensitivity", d, t)
        })?;
        analysis.sensitivity = Some(s);
    }
    Ok(analysis)
}
