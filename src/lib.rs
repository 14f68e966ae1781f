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
//! input ─▶ model ─▶ weights (ahp) ─▶ score ─▶ select ─▶ sensitivity ─▶ report
//!                          study: runs the stages over a whole study
//! ```
//!
//! The maths modules ([`ahp`], [`score`], [`sensitivity`], [`scenario`]) take matrices, weights
//! and options and return numbers; they never touch files, the terminal or the study runner
//! ([`study`]), and can be used on their own:
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
pub mod calendar;
pub mod generate;
pub mod input;
pub mod memory;
pub mod model;
pub mod prec;
pub mod report;
pub mod scenario;
pub mod score;
pub mod select;
pub mod sensitivity;
pub mod study;
pub mod template;
pub mod weights;

pub use study::{Analysis, RunOptions, analyse, run_study};

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
    Objective(#[from] weights::ObjectiveError),
}
