//! Sensitivity analysis of a ranking to the criteria weights.
//!
//! Everything here is pure maths: no files, no terminal; long computations report progress
//! through a callback. The input is a [`ScoreModel`], the part of one scored group (e.g. one
//! kelurahan x category) that does not depend on the weights, so any weight vector can be
//! re-scored cheaply.
//!
//! Three analyses:
//!
//! - **One-at-a-time sweeps** ([`sweep_curves`], [`sweep`]): weight `j` is set to `t` in
//!   `[0, 1]` and the other weights are rescaled proportionally so that the sum stays 1
//!   ([`rescale`]); the scores against `t` (the "gradient" view of commercial AHP tools) are
//!   kept in exact form, [`SweepCurves`], and rendered at points where needed.
//! - **Critical thresholds** ([`critical_thresholds`]), in the spirit of Triantaphyllou &
//!   Sanchez (1997), "A sensitivity analysis approach for some deterministic multi-criteria
//!   decision-making methods", *Decision Sciences* 28(1): for each criterion, the nearest weight
//!   below and above the elicited one at which the winner changes, and who takes over. Exact
//!   (closed form) for the weighted sum, roots of the crossing polynomial for TOPSIS.
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
//! Ranking rule used everywhere ([`crate::score::ranking`]): higher score first; exact ties go to the
//! candidate listed first (lower index).
#![allow(
    clippy::float_cmp,
    reason = "ranking needs exact comparisons: an exact tie goes to the candidate listed first"
)]

use crate::prec;
use crate::score::ScoreModel;

mod error;
mod noise;
mod sampler;
mod smaa;
mod sweep;
mod threshold;

pub use error::SensitivityError;
pub use noise::{CONFIDENCE_STREAMS, ColumnNoise, MatrixNoise, NoisyGroup, smaa_with_noise};
pub use sampler::{DirichletAround, GivenSamples, InTurn, UniformSimplex, WeightSampler};
pub use smaa::{DEFAULT_CHUNK, SmaaBatch, SmaaOptions, SmaaResult, smaa, smaa_batches};
pub use sweep::{Curves, Sweep, SweepCurves, rescale, sweep, sweep_curves};
pub use threshold::{Direction, Threshold, critical_thresholds};

/// Checks that `weights` is a usable weight vector for `cols` criteria: right length, finite,
/// non-negative and summing to 1 within [`prec::WEIGHT_SUM`].
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
    if (sum - 1.0).abs() > prec::WEIGHT_SUM {
        return Err(SensitivityError::WeightSum { sum });
    }
    Ok(())
}

/// Checks a score model's sizes and values before an analysis uses it; `group` only labels the
/// error.
///
/// # Errors
///
/// [`SensitivityError::ModelShape`] when a vector's length does not match `rows`/`cols`,
/// [`SensitivityError::NoCriteria`] when `cols == 0`, and
/// [`SensitivityError::NonFiniteModel`] when a value is not finite or so large that a score
/// would overflow (then NaN could appear; for weights summing to 1 a model that passes this
/// check always gives finite scores, closeness in `[0, 1]`).
pub(crate) fn validate_model(model: &ScoreModel, group: usize) -> Result<(), SensitivityError> {
    let (rows, cols) = (model.rows(), model.cols());
    if cols == 0 {
        return Err(SensitivityError::NoCriteria { group });
    }
    let shape = |what, expected, found| SensitivityError::check_len(group, what, expected, found);
    match model {
        ScoreModel::Topsis {
            normalized,
            best,
            worst,
            ..
        } => {
            shape("normalized", rows * cols, normalized.len())?;
            shape("best", cols, best.len())?;
            shape("worst", cols, worst.len())?;
            for (row, r) in normalized.chunks_exact(cols).enumerate() {
                // With weights in [0, 1] each weighted squared distance is at most these sums.
                let mut plus = 0.0;
                let mut minus = 0.0;
                for j in 0..cols {
                    plus += (r[j] - best[j]) * (r[j] - best[j]);
                    minus += (r[j] - worst[j]) * (r[j] - worst[j]);
                }
                if !(plus + minus).is_finite() {
                    return Err(SensitivityError::NonFiniteModel { group, row });
                }
            }
        }
        ScoreModel::WeightedSum { utilities, .. } => {
            shape("utilities", rows * cols, utilities.len())?;
            for (row, u) in utilities.chunks_exact(cols).enumerate() {
                if !u.iter().map(|x| x.abs()).sum::<f64>().is_finite() {
                    return Err(SensitivityError::NonFiniteModel { group, row });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_rejects_bad_shapes_and_values() {
        let bad = ScoreModel::WeightedSum {
            rows: 2,
            cols: 2,
            utilities: vec![1.0; 3],
        };
        assert!(matches!(
            validate_model(&bad, 3),
            Err(SensitivityError::ModelShape { group: 3, .. })
        ));
        let inf = ScoreModel::WeightedSum {
            rows: 1,
            cols: 2,
            utilities: vec![1.0, f64::INFINITY],
        };
        assert!(matches!(
            validate_model(&inf, 0),
            Err(SensitivityError::NonFiniteModel { row: 0, .. })
        ));
    }
}
