//! TOPSIS with every intermediate (Hwang & Yoon 1981, ch. 3.4).

use super::normalize::normalize_checked;
use super::{Direction, MatrixView, Normalization, Reference, ScoreError, check_inputs};

/// TOPSIS result with every intermediate, for reports and audits.
#[derive(Debug, Clone, PartialEq)]
pub struct TopsisResult {
    /// Normalised matrix `r_ij`, row-major.
    pub normalized: Vec<f64>,
    /// Weighted normalised matrix `v_ij = w_j r_ij`, row-major.
    pub weighted: Vec<f64>,
    /// Positive ideal `A+_j = w_j best_j` (solusi ideal positif).
    pub ideal: Vec<f64>,
    /// Negative ideal `A-_j = w_j worst_j` (solusi ideal negatif).
    pub anti_ideal: Vec<f64>,
    /// Distance of each alternative to the ideal, `D+_i`.
    pub d_plus: Vec<f64>,
    /// Distance of each alternative to the anti-ideal, `D-_i`.
    pub d_minus: Vec<f64>,
    /// Closeness `C_i = D-_i / (D+_i + D-_i)` in `[0, 1]` (0.5 when both
    /// distances are 0); higher is better.
    pub closeness: Vec<f64>,
    /// The normalisation actually applied ([`Normalization::MinMax`] under a
    /// fixed reference).
    pub normalization: Normalization,
}

/// Ranks alternatives by TOPSIS (Hwang & Yoon 1981).
///
/// Steps and degenerate-case rules are in the [module docs](super): the ideal
/// takes the column max for benefit and the column min for cost (never `1/x`),
/// a degenerate column contributes nothing, and `C = 0.5` when
/// `D+ + D- = 0`.
///
/// # Errors
///
/// Empty or mis-shaped matrix; weights or directions of the wrong length;
/// weights negative, non-finite, all zero or not summing to 1; a non-finite
/// or too large value (row and column named); under [`Reference::Fixed`],
/// invalid bounds or a value outside them.
///
/// # Examples
///
/// ```
/// use unggul::score::{topsis, Direction, MatrixView, Normalization, Reference};
/// // Papathanasiou & Ploskas (2018), alternatives A4 and A5 only.
/// let x = MatrixView::new(&[9.0, 9.0, 7.0, 3.0, 11.0, 10.0, 3.0, 7.0], 2, 4).unwrap();
/// let r = topsis(x, &[0.4, 0.3, 0.1, 0.2], &[Direction::Benefit; 4],
///                Normalization::Vector, &Reference::Relative).unwrap();
/// assert!(r.closeness[1] > r.closeness[0]);
/// ```
pub fn topsis(
    x: MatrixView<'_>,
    weights: &[f64],
    directions: &[Direction],
    normalization: Normalization,
    reference: &Reference,
) -> Result<TopsisResult, ScoreError> {
    check_inputs(&x, Some(weights), directions)?;
    let n = normalize_checked(x, directions, normalization, reference)?;
    let cols = x.cols;

    let mut weighted = Vec::with_capacity(n.values.len());
    for row in n.values.chunks_exact(cols) {
        weighted.extend(row.iter().zip(weights).map(|(r, w)| w * r));
    }
    // With w >= 0 the weighted column max is w times the normalised max.
    let ideal: Vec<f64> = weights.iter().zip(&n.best).map(|(w, b)| w * b).collect();
    let anti_ideal: Vec<f64> = weights.iter().zip(&n.worst).map(|(w, b)| w * b).collect();

    let mut d_plus = Vec::with_capacity(x.rows);
    let mut d_minus = Vec::with_capacity(x.rows);
    let mut closeness_out = Vec::with_capacity(x.rows);
    for row in weighted.chunks_exact(cols) {
        let dp = squared_distance(row, &ideal).sqrt();
        let dm = squared_distance(row, &anti_ideal).sqrt();
        d_plus.push(dp);
        d_minus.push(dm);
        closeness_out.push(closeness(dp, dm));
    }

    Ok(TopsisResult {
        normalized: n.values,
        weighted,
        ideal,
        anti_ideal,
        d_plus,
        d_minus,
        closeness: closeness_out,
        normalization: n.normalization,
    })
}

/// `sum_j (v_j - p_j)^2`, summed in column order (the kernel does the same).
fn squared_distance(v: &[f64], p: &[f64]) -> f64 {
    let mut acc = 0.0;
    for (a, b) in v.iter().zip(p) {
        let d = a - b;
        acc += d * d;
    }
    acc
}

/// `C = D- / (D+ + D-)`, or 0.5 when the alternative coincides with both the
/// ideal and the anti-ideal (`D+ = D- = 0`), so no NaN can arise.
pub(super) fn closeness(d_plus: f64, d_minus: f64) -> f64 {
    let total = d_plus + d_minus;
    if total > 0.0 { d_minus / total } else { 0.5 }
}
