//! One-at-a-time weight sweeps.

use serde::{Deserialize, Serialize};

use crate::score::ScoreModel;
use crate::sensitivity::{SensitivityError, validate_model, validate_weights};

/// Weights with criterion `j` set to `t` and the others rescaled proportionally so that the
/// sum stays 1: `w_k' = w_k (1 - t) / S` with `S = sum_{k != j} w_k` (`= 1 - w_j` for weights
/// summing to 1).
///
/// Degenerate cases (documented rules):
/// - `S == 0` (the base puts all weight on `j`): `1 - t` is spread equally over the others,
///   since there is no proportion to keep.
/// - `t == base[j]` returns `base` unchanged (bit for bit), so a sweep at the elicited weight
///   reproduces the elicited scores exactly.
/// - A single criterion returns `[t]`: there is nothing to rescale against.
///
/// # Panics
///
/// If `j >= base.len()` (a programming error; the public analyses validate `j` first).
pub fn rescale(base: &[f64], j: usize, t: f64) -> Vec<f64> {
    assert!(j < base.len(), "criterion index out of range");
    if t == base[j] {
        return base.to_vec();
    }
    let others: f64 = base
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != j)
        .map(|(_, w)| w)
        .sum();
    let n_others = base.len() - 1;
    base.iter()
        .enumerate()
        .map(|(k, &w)| {
            if k == j {
                t
            } else if others > 0.0 {
                w * (1.0 - t) / others
            } else {
                (1.0 - t) / n_others as f64
            }
        })
        .collect()
}

/// Scores of every candidate along a one-at-a-time sweep of one criterion's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The criterion whose weight is varied.
    pub criterion: usize,
    /// Weight values of that criterion, increasing from 0 to 1 (the elicited weight included).
    pub t: Vec<f64>,
    /// `scores[p][i]`: score of candidate `i` at `t[p]`.
    pub scores: Vec<Vec<f64>>,
}

/// Sweeps criterion `j`'s weight over `t = 0, 1/(points-1), ..., 1`, plus the elicited weight
/// `base[j]` inserted in order (not duplicated if it is already a grid point), rescaling the
/// other weights with [`rescale`].
///
/// # Errors
///
/// Invalid model ((`validate_model`)), invalid `base` (wrong length, negative, not
/// summing to 1), `j` out of range, or `points < 2`.
pub fn sweep(
    model: &ScoreModel,
    base: &[f64],
    j: usize,
    points: usize,
) -> Result<Sweep, SensitivityError> {
    validate_model(model, 0)?;
    validate_weights(base, model.cols())?;
    if j >= model.cols() {
        return Err(SensitivityError::CriterionOutOfRange {
            criterion: j,
            cols: model.cols(),
        });
    }
    if points < 2 {
        return Err(SensitivityError::TooFewPoints { points });
    }
    let steps = (points - 1) as f64;
    let mut t: Vec<f64> = (0..points).map(|k| k as f64 / steps).collect();
    let base_t = base[j];
    if let Err(pos) = t.binary_search_by(|x| x.total_cmp(&base_t)) {
        t.insert(pos, base_t);
    }
    let scores = t
        .iter()
        .map(|&tp| model.scores_vec(&rescale(base, j, tp)))
        .collect();
    Ok(Sweep {
        criterion: j,
        t,
        scores,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    /// Rounding slack on a sum of a dozen weights.
    const SUM_TOL: f64 = 1e-12;

    fn ws_model() -> ScoreModel {
        ScoreModel::WeightedSum {
            rows: 3,
            cols: 3,
            utilities: vec![0.9, 0.1, 0.5, 0.2, 0.8, 0.4, 0.5, 0.5, 0.5],
        }
    }

    fn topsis_model() -> ScoreModel {
        ScoreModel::Topsis {
            rows: 3,
            cols: 3,
            normalized: vec![0.7, 0.2, 0.5, 0.3, 0.8, 0.4, 0.5, 0.5, 0.6],
            best: vec![0.7, 0.8, 0.6],
            worst: vec![0.3, 0.2, 0.4],
        }
    }

    #[test]
    fn sweep_endpoints_and_base_point() {
        let base = [0.5, 0.3, 0.2];
        for model in [ws_model(), topsis_model()] {
            let s = sweep(&model, &base, 1, 11).expect("valid sweep");
            // 11 grid points plus 0.3, which is a grid point already only up to rounding
            // (3.0 / 10.0 == 0.3 in binary, so it must not be duplicated).
            assert_eq!(s.t.len(), 11);
            assert_eq!(s.t[0], 0.0);
            assert_eq!(*s.t.last().expect("non-empty"), 1.0);
            let p = s.t.iter().position(|&x| x == 0.3).expect("base point");
            assert_eq!(s.scores[p], model.scores_vec(&base));
            // t = 0: criterion 1 ignored, others 0.5 : 0.2 scaled to 5/7, 2/7.
            let w0 = [5.0 / 7.0, 0.0, 2.0 / 7.0];
            for (a, b) in s.scores[0].iter().zip(model.scores_vec(&w0)) {
                assert_abs_diff_eq!(*a, b, epsilon = SUM_TOL);
            }
            // t = 1: all weight on criterion 1.
            assert_eq!(
                *s.scores.last().expect("non-empty"),
                model.scores_vec(&[0.0, 1.0, 0.0])
            );
        }
        // A base weight off the grid is inserted in order.
        let s = sweep(&ws_model(), &[0.55, 0.25, 0.2], 0, 3).expect("valid sweep");
        assert_eq!(s.t, vec![0.0, 0.5, 0.55, 1.0]);
    }

    #[test]
    fn sweep_rejects_bad_input() {
        let m = ws_model();
        assert!(matches!(
            sweep(&m, &[0.5, 0.5, 0.0], 3, 5),
            Err(SensitivityError::CriterionOutOfRange { .. })
        ));
        assert!(matches!(
            sweep(&m, &[0.5, 0.5, 0.5], 0, 5),
            Err(SensitivityError::WeightSum { .. })
        ));
        assert!(matches!(
            sweep(&m, &[0.5, 0.5, 0.0], 0, 1),
            Err(SensitivityError::TooFewPoints { points: 1 })
        ));
    }

    #[test]
    fn rescale_with_all_weight_on_one_criterion_spreads_equally() {
        assert_eq!(rescale(&[0.0, 1.0, 0.0], 1, 0.4), vec![0.3, 0.4, 0.3]);
        assert_eq!(rescale(&[1.0], 0, 0.4), vec![0.4]);
    }

    proptest! {
        #[test]
        fn rescale_keeps_sum_one_and_proportions(
            raw in prop::collection::vec(0.0f64..1.0, 2..12),
            j_seed in 0usize..100,
            t in 0.0f64..=1.0,
        ) {
            let sum: f64 = raw.iter().sum();
            prop_assume!(sum > 1e-6);
            let base: Vec<f64> = raw.iter().map(|x| x / sum).collect();
            let j = j_seed % base.len();
            let w = rescale(&base, j, t);
            prop_assert!((w.iter().sum::<f64>() - 1.0).abs() <= SUM_TOL);
            prop_assert!(w.iter().all(|&x| x >= 0.0));
            prop_assert_eq!(w[j], t);
            // Ratios among the other criteria are kept.
            for k in 0..base.len() {
                if k != j && base[k] > 0.0 && base[j] < 1.0 {
                    let want = base[k] * (1.0 - t) / (1.0 - base[j]);
                    prop_assert!((w[k] - want).abs() <= 1e-9);
                }
            }
        }
    }
}
