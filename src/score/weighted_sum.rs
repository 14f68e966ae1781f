//! Weighted sum / simple additive weighting (SAW; Hwang & Yoon 1981, ch. 3.3).

use super::normalize::normalize_checked;
use super::{Direction, MatrixView, Normalization, Reference, ScoreError, check_inputs};

/// Weighted-sum result with utilities and per-criterion contributions.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedSumResult {
    /// Utility `u_ij`, row-major: `r_ij` for benefit, `1 - r_ij` for cost;
    /// higher is better. In `[0, 1]` for min-max or a fixed reference, and for
    /// vector, max and sum on non-negative data; negative data with those
    /// three gives utilities outside `[0, 1]`.
    pub utilities: Vec<f64>,
    /// Contribution `w_j u_ij` of each criterion, row-major.
    pub contributions: Vec<f64>,
    /// Score `sum_j w_j u_ij` per alternative; higher is better.
    pub scores: Vec<f64>,
    /// The normalisation actually applied ([`Normalization::MinMax`] under a
    /// fixed reference).
    pub normalization: Normalization,
}

/// Scores alternatives by the weighted sum `score_i = sum_j w_j u_ij`.
///
/// `r` is the chosen normalisation (or the bounds-based one under a fixed
/// reference) and `u = r` for benefit, `1 - r` for cost. With min-max this is
/// the classic `(x - min) / (max - min)` and `(max - x) / (max - min)`. A
/// degenerate (e.g. constant) column has `r = 0` for everybody, so benefit
/// utility 0 and cost utility 1 for all: it shifts every score equally and
/// does not discriminate.
///
/// # Errors
///
/// As for [`topsis`](super::topsis): shape, lengths, weights, non-finite or
/// too large values, fixed-reference bounds.
///
/// # Examples
///
/// ```
/// use unggul::score::{weighted_sum, Direction, MatrixView, Normalization, Reference};
/// // Turnover (benefit) and price (cost), min-max.
/// let x = MatrixView::new(&[10.0, 5.0, 20.0, 9.0], 2, 2).unwrap();
/// let r = weighted_sum(x, &[0.5, 0.5], &[Direction::Benefit, Direction::Cost],
///                      Normalization::MinMax, &Reference::Relative).unwrap();
/// assert_eq!(r.scores, vec![0.5, 0.5]);
/// ```
pub fn weighted_sum(
    x: MatrixView<'_>,
    weights: &[f64],
    directions: &[Direction],
    normalization: Normalization,
    reference: &Reference,
) -> Result<WeightedSumResult, ScoreError> {
    check_inputs(&x, Some(weights), directions)?;
    let n = normalize_checked(x, directions, normalization, reference)?;
    let cols = x.cols;

    let mut utilities = Vec::with_capacity(n.values.len());
    for row in n.values.chunks_exact(cols) {
        utilities.extend(row.iter().zip(directions).map(|(&r, d)| match d {
            Direction::Benefit => r,
            Direction::Cost => 1.0 - r,
        }));
    }
    let mut contributions = Vec::with_capacity(utilities.len());
    for row in utilities.chunks_exact(cols) {
        contributions.extend(row.iter().zip(weights).map(|(u, w)| w * u));
    }
    let scores = contributions
        .chunks_exact(cols)
        .map(|row| row.iter().sum())
        .collect();

    Ok(WeightedSumResult {
        utilities,
        contributions,
        scores,
        normalization: n.normalization,
    })
}
