//! The weight-independent part of a scored group: what every re-scoring under other weights
//! (sweeps, thresholds, SMAA, the what-if page) starts from.
#![allow(
    clippy::float_cmp,
    reason = "ranking needs exact comparisons: an exact tie goes to the candidate listed first"
)]

use crate::model::Scoring;
use crate::score::{Direction, MatrixView, Normalization, Reference, ScoreError, normalize};

/// One group of candidates (e.g. one kelurahan x category) reduced to what depends on weights.
///
/// Build it with [`ScoreModel::from_matrix`]; the sensitivity analyses check a model's shape
/// and values before use (`crate::sensitivity::validate_model`).
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreModel {
    /// TOPSIS (Hwang & Yoon 1981) with weights `w >= 0`: `ideal_j = w_j * best_j`,
    /// `anti_j = w_j * worst_j`, so `D+_i^2 = sum_j w_j^2 (r_ij - best_j)^2`,
    /// `D-_i^2 = sum_j w_j^2 (r_ij - worst_j)^2`, `C_i = D-_i / (D+_i + D-_i)`, and
    /// `C_i = 0.5` when `D+_i + D-_i == 0` (the candidate equals both reference points on every
    /// weighted criterion, so it is neither closer to the ideal nor to the anti-ideal).
    Topsis {
        /// Number of candidates.
        rows: usize,
        /// Number of criteria.
        cols: usize,
        /// Normalised decision matrix `r_ij`, row-major (`rows * cols` values).
        normalized: Vec<f64>,
        /// Best normalised value per criterion (max for benefit, min for cost).
        best: Vec<f64>,
        /// Worst normalised value per criterion.
        worst: Vec<f64>,
    },
    /// Weighted sum (SAW): `score_i = sum_j w_j u_ij`.
    WeightedSum {
        /// Number of candidates.
        rows: usize,
        /// Number of criteria.
        cols: usize,
        /// Utilities `u_ij`, row-major (`rows * cols` values).
        utilities: Vec<f64>,
    },
}

impl ScoreModel {
    /// Number of candidates.
    pub fn rows(&self) -> usize {
        match self {
            ScoreModel::Topsis { rows, .. } | ScoreModel::WeightedSum { rows, .. } => *rows,
        }
    }

    /// Number of criteria.
    pub fn cols(&self) -> usize {
        match self {
            ScoreModel::Topsis { cols, .. } | ScoreModel::WeightedSum { cols, .. } => *cols,
        }
    }

    /// The score model of a raw decision matrix, normalised exactly as the scoring stage does
    /// ([`crate::score::topsis`], [`crate::score::weighted_sum`]): the same normalisation and
    /// reference, and for the weighted sum the utilities `r` (benefit) and `1 - r` (cost).
    ///
    /// # Errors
    ///
    /// The matrix cannot be normalised (see [`normalize`]: shape, non-finite or too large
    /// values, a value outside fixed-reference bounds).
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::model::Scoring;
    /// use unggul::score::{Direction, MatrixView, Normalization, Reference};
    /// use unggul::score::ScoreModel;
    /// let x = MatrixView::new(&[10.0, 5.0, 20.0, 9.0], 2, 2).unwrap();
    /// let m = ScoreModel::from_matrix(
    ///     x,
    ///     &[Direction::Benefit, Direction::Cost],
    ///     Scoring::Topsis,
    ///     Normalization::Vector,
    ///     &Reference::Relative,
    /// )
    /// .unwrap();
    /// assert_eq!((m.rows(), m.cols()), (2, 2));
    /// ```
    pub fn from_matrix(
        x: MatrixView<'_>,
        directions: &[Direction],
        scoring: Scoring,
        normalization: Normalization,
        reference: &Reference,
    ) -> Result<Self, ScoreError> {
        let n = normalize(x, directions, normalization, reference)?;
        Ok(match scoring {
            Scoring::Topsis => ScoreModel::Topsis {
                rows: n.rows,
                cols: n.cols,
                normalized: n.values,
                best: n.best,
                worst: n.worst,
            },
            Scoring::WeightedSum => {
                // As in `weighted_sum`: a cost criterion's utility is 1 - r.
                let mut utilities = n.values;
                for row in utilities.chunks_exact_mut(n.cols) {
                    for (u, d) in row.iter_mut().zip(directions) {
                        if *d == Direction::Cost {
                            *u = 1.0 - *u;
                        }
                    }
                }
                ScoreModel::WeightedSum {
                    rows: n.rows,
                    cols: n.cols,
                    utilities,
                }
            }
        })
    }

    /// Scores every candidate under `weights` into `out`.
    ///
    /// The arithmetic is exactly the one of the SMAA kernel (`(w_j * w_j) * d_ij^2` summed in
    /// criterion order from 0), so a ranking here equals the ranking SMAA counts for the same
    /// weights, bit for bit.
    ///
    /// # Panics
    ///
    /// If `weights.len() != self.cols()`, `out.len() != self.rows()`, or the model's vectors do
    /// not match its declared size (programming errors, not data errors).
    pub fn scores(&self, weights: &[f64], out: &mut [f64]) {
        let (rows, cols) = (self.rows(), self.cols());
        assert_eq!(weights.len(), cols, "one weight per criterion");
        assert_eq!(out.len(), rows, "one output slot per candidate");
        match self {
            ScoreModel::Topsis {
                normalized,
                best,
                worst,
                ..
            } => {
                for (o, r) in out.iter_mut().zip(normalized.chunks_exact(cols)) {
                    let mut plus = 0.0;
                    let mut minus = 0.0;
                    for j in 0..cols {
                        let w2 = weights[j] * weights[j];
                        let dp = r[j] - best[j];
                        let dm = r[j] - worst[j];
                        plus += w2 * (dp * dp);
                        minus += w2 * (dm * dm);
                    }
                    *o = closeness(plus, minus);
                }
            }
            ScoreModel::WeightedSum { utilities, .. } => {
                for (o, u) in out.iter_mut().zip(utilities.chunks_exact(cols)) {
                    let mut s = 0.0;
                    for j in 0..cols {
                        s += weights[j] * u[j];
                    }
                    *o = s;
                }
            }
        }
    }

    /// Convenience: [`ScoreModel::scores`] into a new vector.
    pub(crate) fn scores_vec(&self, weights: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.rows()];
        self.scores(weights, &mut out);
        out
    }
}

/// TOPSIS closeness from squared distances: `C = D- / (D+ + D-)`, 0.5 when both are 0.
#[inline(always)]
pub(crate) fn closeness(plus_sq: f64, minus_sq: f64) -> f64 {
    let plus = plus_sq.sqrt();
    let minus = minus_sq.sqrt();
    let total = plus + minus;
    // Branch-free, so the SMAA kernel vectorises: with z = 1 when total == 0 (then minus == 0
    // too) this is 0.5 / 1, otherwise (minus + 0) / (total + 0) == minus / total exactly.
    let z = if total == 0.0 { 1.0 } else { 0.0 };
    (minus + 0.5 * z) / (total + z)
}

/// `true` when candidate `a` ranks above candidate `b` (higher score; on an exact tie, lower
/// index). NaN (which validated models never produce) ranks below everything.
#[inline(always)]
pub(crate) fn beats(scores: &[f64], a: usize, b: usize) -> bool {
    let (sa, sb) = (scores[a], scores[b]);
    sa > sb || (sa == sb && a < b) || (sb.is_nan() && !sa.is_nan())
}

/// Index of the winner under [`super::ranking`]'s rule, `None` for no candidates.
pub(crate) fn winner(scores: &[f64]) -> Option<usize> {
    (0..scores.len()).reduce(|best, i| if beats(scores, i, best) { i } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::ranking;
    use approx::assert_abs_diff_eq;

    /// Agreement with the published closeness values (4-decimal rounding in the source).
    const PUBLISHED_TOL: f64 = 5e-5;

    /// Hwang & Yoon (1981) fighter aircraft, vector normalisation (DOMAIN.md section 6):
    /// C = 0.6433, 0.2684, 0.6135, 0.3123 with w = 0.2, 0.1, 0.1, 0.1, 0.2, 0.3.
    #[test]
    fn topsis_model_reproduces_hwang_yoon() {
        let x = [
            [2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0],
            [2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0],
            [1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0],
            [2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0],
        ];
        let cost = [false, false, false, true, false, false];
        let mut normalized = vec![0.0; 24];
        let mut best = vec![0.0; 6];
        let mut worst = vec![0.0; 6];
        for j in 0..6 {
            let norm = x.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt();
            let col: Vec<f64> = x.iter().map(|r| r[j] / norm).collect();
            for i in 0..4 {
                normalized[i * 6 + j] = col[i];
            }
            let max = col.iter().copied().fold(f64::MIN, f64::max);
            let min = col.iter().copied().fold(f64::MAX, f64::min);
            (best[j], worst[j]) = if cost[j] { (min, max) } else { (max, min) };
        }
        let model = ScoreModel::Topsis {
            rows: 4,
            cols: 6,
            normalized,
            best,
            worst,
        };
        let c = model.scores_vec(&[0.2, 0.1, 0.1, 0.1, 0.2, 0.3]);
        for (got, want) in c.iter().zip([0.6433, 0.2684, 0.6135, 0.3123]) {
            assert_abs_diff_eq!(*got, want, epsilon = PUBLISHED_TOL);
        }
        assert_eq!(ranking(&c), vec![0, 2, 3, 1]);
    }

    /// The score model carries exactly the numbers of the scoring stage.
    #[test]
    fn from_matrix_equals_the_scoring_stage() {
        use crate::score::weighted_sum;
        let data = [3.0, 120.0, 2.0, 4.0, 80.0, 5.0, 1.0, 95.0, 3.0];
        let x = MatrixView::new(&data, 3, 3).expect("valid");
        let dirs = [Direction::Benefit, Direction::Cost, Direction::Benefit];
        let fixed = Reference::Fixed {
            lower: vec![1.0, 0.0, 1.0],
            upper: vec![5.0, 200.0, 5.0],
        };
        for reference in [Reference::Relative, fixed] {
            for norm in [
                Normalization::Vector,
                Normalization::MinMax,
                Normalization::Sum,
            ] {
                let w = [0.5, 0.3, 0.2];
                let ws = weighted_sum(x, &w, &dirs, norm, &reference).expect("valid");
                let m = ScoreModel::from_matrix(x, &dirs, Scoring::WeightedSum, norm, &reference)
                    .expect("valid");
                let ScoreModel::WeightedSum { utilities, .. } = m else {
                    panic!("weighted sum expected");
                };
                assert_eq!(utilities, ws.utilities);
                let n = normalize(x, &dirs, norm, &reference).expect("valid");
                let t = ScoreModel::from_matrix(x, &dirs, Scoring::Topsis, norm, &reference)
                    .expect("valid");
                assert_eq!(
                    t,
                    ScoreModel::Topsis {
                        rows: 3,
                        cols: 3,
                        normalized: n.values,
                        best: n.best,
                        worst: n.worst,
                    }
                );
            }
        }
    }

    #[test]
    fn ranking_breaks_ties_by_index_and_puts_nan_last() {
        assert_eq!(ranking(&[1.0, 2.0, 2.0, 0.5]), vec![1, 2, 0, 3]);
        assert_eq!(ranking(&[f64::NAN, 0.0, -0.0]), vec![1, 2, 0]);
        assert_eq!(winner(&[0.3, 0.7, 0.7]), Some(1));
        assert_eq!(winner(&[]), None);
    }

    #[test]
    fn identical_candidates_get_half_closeness() {
        let model = ScoreModel::Topsis {
            rows: 2,
            cols: 2,
            normalized: vec![0.5, 0.5, 0.5, 0.5],
            best: vec![0.5, 0.5],
            worst: vec![0.5, 0.5],
        };
        assert_eq!(model.scores_vec(&[0.5, 0.5]), vec![0.5, 0.5]);
    }
}
