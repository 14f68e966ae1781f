//! One-at-a-time weight sweeps.

use serde::{Deserialize, Serialize};

use crate::score::ScoreModel;
use crate::score::model::closeness;
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
    rescale_proportionally(base, j, t)
}

/// [`rescale`] without its `t == base[j]` shortcut.
fn rescale_proportionally(base: &[f64], j: usize, t: f64) -> Vec<f64> {
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

/// Scores of every candidate along a one-at-a-time sweep of one criterion's weight, at a
/// finite set of points (rendered from [`SweepCurves`] with [`SweepCurves::render`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The criterion whose weight is varied.
    pub criterion: usize,
    /// Weight values of that criterion, increasing from 0 to 1 (the elicited weight included).
    pub t: Vec<f64>,
    /// `scores[p][i]`: score of candidate `i` at `t[p]`.
    pub scores: Vec<Vec<f64>>,
}

/// The exact curves of a one-at-a-time sweep of criterion `j`: every candidate's score as a
/// function of the weight `t` of `j`, the other weights rescaled by [`rescale`].
///
/// Along the sweep every weight is linear in `t`: `w_j = t` and `w_k = c_k (1 - t)` with
/// `c_k = w_k / S` (`1 / (n - 1)` when `S == 0`). So each quantity below is fixed by its
/// values at the two ends, `t = 0` (criterion `j` dropped) and `t = 1` (criterion `j` alone):
///
/// - TOPSIS (the ideal and anti-ideal in normalised space do not depend on the weights):
///   `D+²(t) = plus[1] t² + plus[0] (1 - t)²`, with `plus[1] = (r_ij - best_j)²` and
///   `plus[0] = sum_{k != j} c_k² (r_ik - best_k)²`; `D-²` likewise with `worst`; then
///   `C(t) = D- / (D+ + D-)` (0.5 when both are 0, as in [`ScoreModel::scores`]).
/// - Weighted sum: `score(t) = score[1] t + score[0] (1 - t)`.
///
/// Both end values are computed with exactly the arithmetic of [`ScoreModel::scores`] on the
/// rescaled weights, so the scores at `t = 0` and `t = 1` are bit-identical to a direct
/// evaluation, and elsewhere equal to it up to rounding (about `1e-15`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepCurves {
    /// The criterion whose weight is varied.
    pub criterion: usize,
    /// Its elicited weight (where the sweep passes through the elicited scores).
    pub base_weight: f64,
    /// Per candidate, the end values that fix its curve.
    pub curves: Curves,
}

/// Per-candidate end values of a sweep's curves, `[at t = 0, at t = 1]` (see [`SweepCurves`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Curves {
    /// TOPSIS: squared distances to the ideal and to the anti-ideal.
    Topsis {
        /// `[D+²(0), D+²(1)]` per candidate.
        plus: Vec<[f64; 2]>,
        /// `[D-²(0), D-²(1)]` per candidate.
        minus: Vec<[f64; 2]>,
    },
    /// Weighted sum: the score itself.
    WeightedSum {
        /// `[score(0), score(1)]` per candidate.
        score: Vec<[f64; 2]>,
    },
}

/// A quadratic `at_1 t² + at_0 (1 - t)²` at `t` (`s = 1 - t`).
#[inline]
fn ends_quadratic(e: [f64; 2], t: f64, s: f64) -> f64 {
    e[1] * (t * t) + e[0] * (s * s)
}

impl SweepCurves {
    /// Number of candidates.
    pub fn rows(&self) -> usize {
        match &self.curves {
            Curves::Topsis { plus, .. } => plus.len(),
            Curves::WeightedSum { score } => score.len(),
        }
    }

    /// Score of candidate `i` at weight `t` of the criterion (`t` in `[0, 1]`).
    ///
    /// # Panics
    ///
    /// If `i >= self.rows()`.
    pub fn score_at(&self, i: usize, t: f64) -> f64 {
        let s = 1.0 - t;
        match &self.curves {
            Curves::Topsis { plus, minus } => closeness(
                ends_quadratic(plus[i], t, s),
                ends_quadratic(minus[i], t, s),
            ),
            Curves::WeightedSum { score } => score[i][1] * t + score[i][0] * s,
        }
    }

    /// Scores of every candidate at weight `t` into `out` (one slot per candidate).
    ///
    /// # Panics
    ///
    /// If `out.len() != self.rows()`.
    pub fn scores_at(&self, t: f64, out: &mut [f64]) {
        assert_eq!(out.len(), self.rows(), "one output slot per candidate");
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.score_at(i, t);
        }
    }

    /// Dense points of the sweep: `t = 0, 1/(points-1), ..., 1` plus the elicited weight
    /// inserted in order (not duplicated if it is already a grid point), each with every
    /// candidate's score. `points` below 2 is taken as 2.
    pub fn render(&self, points: usize) -> Sweep {
        let steps = (points.max(2) - 1) as f64;
        let mut t: Vec<f64> = (0..points.max(2)).map(|k| k as f64 / steps).collect();
        let base_t = self.base_weight;
        if let Err(pos) = t.binary_search_by(|x| x.total_cmp(&base_t)) {
            t.insert(pos, base_t);
        }
        let scores = t
            .iter()
            .map(|&tp| {
                let mut row = vec![0.0; self.rows()];
                self.scores_at(tp, &mut row);
                row
            })
            .collect();
        Sweep {
            criterion: self.criterion,
            t,
            scores,
        }
    }
}

/// The exact curves of criterion `j`'s one-at-a-time sweep (see [`SweepCurves`]).
///
/// # Errors
///
/// Invalid model ((`validate_model`)), invalid `base` (wrong length, negative, not
/// summing to 1), or `j` out of range.
pub fn sweep_curves(
    model: &ScoreModel,
    base: &[f64],
    j: usize,
) -> Result<SweepCurves, SensitivityError> {
    validate_model(model, 0)?;
    validate_weights(base, model.cols())?;
    if j >= model.cols() {
        return Err(SensitivityError::CriterionOutOfRange {
            criterion: j,
            cols: model.cols(),
        });
    }
    Ok(curves_unchecked(model, base, j))
}

/// [`sweep_curves`] for a validated model and weights and `j < cols`.
pub(crate) fn curves_unchecked(model: &ScoreModel, base: &[f64], j: usize) -> SweepCurves {
    let cols = model.cols();
    // The other criteria's weights when `j` is dropped (`0` for `j` itself), exactly as
    // `rescale` computes them, without its shortcut at the base weight.
    let at_zero = rescale_proportionally(base, j, 0.0);
    let curves = match model {
        ScoreModel::Topsis {
            normalized,
            best,
            worst,
            ..
        } => {
            let mut plus = Vec::with_capacity(model.rows());
            let mut minus = Vec::with_capacity(model.rows());
            for r in normalized.chunks_exact(cols) {
                // Summed in criterion order with `(w * w) * d²`, as `ScoreModel::scores`.
                let (mut p0, mut m0) = (0.0, 0.0);
                for k in (0..cols).filter(|&k| k != j) {
                    let w2 = at_zero[k] * at_zero[k];
                    let dp = r[k] - best[k];
                    let dm = r[k] - worst[k];
                    p0 += w2 * (dp * dp);
                    m0 += w2 * (dm * dm);
                }
                let dp = r[j] - best[j];
                let dm = r[j] - worst[j];
                plus.push([p0, dp * dp]);
                minus.push([m0, dm * dm]);
            }
            Curves::Topsis { plus, minus }
        }
        ScoreModel::WeightedSum { utilities, .. } => {
            let score = utilities
                .chunks_exact(cols)
                .map(|u| {
                    let mut s0 = 0.0;
                    for k in (0..cols).filter(|&k| k != j) {
                        s0 += at_zero[k] * u[k];
                    }
                    [s0, u[j]]
                })
                .collect();
            Curves::WeightedSum { score }
        }
    };
    SweepCurves {
        criterion: j,
        base_weight: base[j],
        curves,
    }
}

/// Sweeps criterion `j`'s weight over `t = 0, 1/(points-1), ..., 1`, plus the elicited weight
/// `base[j]` inserted in order (not duplicated if it is already a grid point): the dense
/// rendering of [`sweep_curves`].
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
    if points < 2 {
        return Err(SensitivityError::TooFewPoints { points });
    }
    Ok(sweep_curves(model, base, j)?.render(points))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    /// Rounding slack on a sum of a dozen weights.
    const SUM_TOL: f64 = 1e-12;
    /// Agreement of the curves with a direct evaluation (a few roundings of values below 1).
    const CURVE_TOL: f64 = 1e-12;

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
            // The elicited scores, up to the rounding of the curves.
            for (a, b) in s.scores[p].iter().zip(model.scores_vec(&base)) {
                assert_abs_diff_eq!(*a, b, epsilon = CURVE_TOL);
            }
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

    /// The curves reproduce a direct evaluation of the rescaled weights to [`CURVE_TOL`], and
    /// exactly at the two ends.
    #[test]
    fn curves_reproduce_direct_scores() {
        use rand::{RngExt, SeedableRng, rngs::ChaCha8Rng};
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for case in 0..400 {
            let rows = rng.random_range(1..=12usize);
            let cols = rng.random_range(1..=9usize);
            let values: Vec<f64> = (0..rows * cols).map(|_| rng.random::<f64>()).collect();
            let model = if case % 2 == 0 {
                let best: Vec<f64> = (0..cols).map(|_| rng.random::<f64>()).collect();
                let worst: Vec<f64> = (0..cols).map(|_| rng.random::<f64>()).collect();
                ScoreModel::Topsis {
                    rows,
                    cols,
                    normalized: values,
                    best,
                    worst,
                }
            } else {
                ScoreModel::WeightedSum {
                    rows,
                    cols,
                    utilities: values,
                }
            };
            let mut base: Vec<f64> = (0..cols).map(|_| rng.random::<f64>()).collect();
            if case % 5 == 0 {
                // All weight on one criterion: the equal-spread rule of `rescale`.
                base = vec![0.0; cols];
                base[rng.random_range(0..cols)] = 1.0;
            }
            let sum: f64 = base.iter().sum();
            base.iter_mut().for_each(|w| *w /= sum);
            for j in 0..cols {
                let c = sweep_curves(&model, &base, j).expect("valid");
                assert_eq!(c.rows(), rows);
                for t in [0.0, 1.0] {
                    let mut got = vec![0.0; rows];
                    c.scores_at(t, &mut got);
                    if t != base[j] {
                        assert_eq!(got, model.scores_vec(&rescale(&base, j, t)), "t = {t}");
                    }
                }
                for k in 0..=50 {
                    let t = k as f64 / 50.0 + if k < 50 { 1e-3 } else { 0.0 };
                    let direct = model.scores_vec(&rescale(&base, j, t));
                    for (i, d) in direct.iter().enumerate() {
                        assert_abs_diff_eq!(c.score_at(i, t), *d, epsilon = CURVE_TOL);
                    }
                }
                let s = c.render(11);
                assert!(s.t.contains(&base[j]));
                assert_eq!(s.scores.len(), s.t.len());
            }
        }
    }

    #[test]
    fn curves_serialise_compactly() {
        let c = sweep_curves(&topsis_model(), &[0.5, 0.3, 0.2], 1).expect("valid");
        let json = serde_json::to_string(&c).expect("serialisable");
        assert!(
            json.starts_with(r#"{"criterion":1,"base_weight":0.3,"curves":{"topsis":{"plus":[["#)
        );
        let back: SweepCurves = serde_json::from_str(&json).expect("readable");
        assert_eq!(back, c);
    }
}
