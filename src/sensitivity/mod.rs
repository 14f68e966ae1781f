//! Sensitivity analysis of a ranking to the criteria weights.
//!
//! Everything here is pure maths: no files, no terminal; long computations report progress
//! through a callback. The input is a [`ScoreModel`], the part of one scored group (e.g. one
//! kelurahan x category) that does not depend on the weights, so any weight vector can be
//! re-scored cheaply.
//!
//! Three analyses:
//!
//! - **One-at-a-time sweeps** ([`sweep`]): weight `j` is set to `t` in `[0, 1]` and the other
//!   weights are rescaled proportionally so that the sum stays 1 ([`rescale`]); the scores are
//!   recorded against `t` (the "gradient" view of commercial AHP tools).
//! - **Critical thresholds** ([`critical_thresholds`]), in the spirit of Triantaphyllou &
//!   Sanchez (1997), "A sensitivity analysis approach for some deterministic multi-criteria
//!   decision-making methods", *Decision Sciences* 28(1): for each criterion, the nearest weight
//!   below and above the elicited one at which the winner changes, and who takes over. Exact
//!   (closed form) for the weighted sum, root-bracketed to `1e-13` for TOPSIS.
//! - **SMAA-2** ([`smaa`]), Lahdelma & Salminen (2001), "SMAA-2: Stochastic multicriteria
//!   acceptability analysis for group decision making", *Operations Research* 49(3):
//!   weights are sampled ([`WeightSampler`]) and rank acceptabilities `b_i^r`, central weight
//!   vectors, confidence factors and pairwise winning counts are accumulated. The same weight
//!   sample is applied to every group of one draw (city-wide weight uncertainty). Results are
//!   bit-identical for any number of threads: samples are cut into fixed-size chunks, chunk `c`
//!   draws from its own ChaCha8 stream `c`, and chunk results are combined in chunk order.
//!   Optionally the decision matrix is uncertain too ([`smaa_with_noise`], [`MatrixNoise`]):
//!   each sample also perturbs every quantity by a relative amount and every rating by whole
//!   steps, and the confidence factor becomes a share of matrix draws.
//!
//! Ranking rule used everywhere ([`ranking`]): higher score first; exact ties go to the
//! candidate listed first (lower index).
#![allow(
    clippy::float_cmp,
    reason = "ranking needs exact comparisons: an exact tie goes to the candidate listed first"
)]

mod error;
mod model;
mod noise;
mod sampler;
mod smaa;
pub mod study;
mod sweep;
mod threshold;

pub use error::SensitivityError;
pub use model::{ScoreModel, ranking};
pub use noise::{CONFIDENCE_STREAMS, ColumnNoise, MatrixNoise, NoisyGroup, smaa_with_noise};
pub use sampler::{DirichletAround, GivenSamples, InTurn, UniformSimplex, WeightSampler};
pub use smaa::{DEFAULT_CHUNK, SmaaOptions, SmaaResult, smaa};
pub use sweep::{Sweep, rescale, sweep};
pub use threshold::{Direction, TOPSIS_GRID_INTERVALS, Threshold, critical_thresholds};

/// Tolerance on the sum of an elicited weight vector (it must be 1 within this).
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-6;

/// Checks that `weights` is a usable weight vector for `cols` criteria: right length, finite,
/// non-negative and summing to 1 within [`WEIGHT_SUM_TOLERANCE`].
pub(crate) fn validate_weights(weights: &[f64], cols: usize) -> Result<(), SensitivityError> {
    if weights.len() != cols {
        return Err(SensitivityError::WeightLength {
            expected: cols,
            found: weights.len(),
        });
    }
    for (index, &value) in weights.iter().enumerate() {
        if !value.is_finite() || value < 0.0 {
            return Err(SensitivityError::InvalidWeight { index, value });
        }
    }
    let sum: f64 = weights.iter().sum();
    if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
        return Err(SensitivityError::WeightSum { sum });
    }
    Ok(())
}
