//! Which judgments make a matrix inconsistent, and what would fix them.

use serde::{Deserialize, Serialize};

use crate::ahp::PairwiseMatrix;

/// Saaty's fundamental scale and its reciprocals, ascending: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9.
pub const SAATY_SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

/// How far one judgment is from what the weights imply (Saaty 2003).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgmentDiagnostic {
    /// 0-based row (the criterion judged more or less important), `row < col`.
    pub row: usize,
    /// 0-based column.
    pub col: usize,
    /// The judgment `a_ij` as given.
    pub given: f64,
    /// `w_i / w_j`: the judgment that would agree exactly with the weights.
    pub consistent: f64,
    /// The Saaty-scale value nearest to `consistent` in log space (see [`SAATY_SCALE`]).
    pub suggested_saaty: f64,
    /// Saaty's error `e_ij = a_ij w_j / w_i`; 1 when the judgment agrees with the weights.
    pub error: f64,
    /// `|ln e_ij|`, the ranking key: 0 for a consistent judgment.
    pub log_error: f64,
}

/// The upper-triangle judgments (`row < col`) ranked by how far each departs from the weights,
/// `|ln(a_ij w_j / w_i)|` descending, ties by `(row, col)`: the first ones are those to revisit
/// when CR is too high. Pass the weights computed from `m` (any method).
///
/// `suggested_saaty` takes the scale value with the smallest `|ln s - ln(w_i / w_j)|`; an exact
/// tie between two neighbours goes to the one nearer to 1 (the more moderate judgment).
///
/// # Panics
///
/// If `weights.len() != m.n()` or a weight is not finite and positive: a programming error,
/// since the weights [`crate::ahp::priorities`] returns for `m` always fit. (Panicking here
/// keeps a NaN or infinite error out of a report.)
#[must_use]
pub fn rank_inconsistencies(m: &PairwiseMatrix, weights: &[f64]) -> Vec<JudgmentDiagnostic> {
    let n = m.n();
    assert!(
        weights.len() == n && weights.iter().all(|w| w.is_finite() && *w > 0.0),
        "rank_inconsistencies: {} weights for a {n} x {n} matrix, or a weight not finite and \
         positive; pass the priorities computed from this matrix",
        weights.len()
    );
    let mut out: Vec<JudgmentDiagnostic> = (0..n)
        .flat_map(|row| ((row + 1)..n).map(move |col| (row, col)))
        .map(|(row, col)| {
            let given = m.get(row, col);
            let consistent = weights[row] / weights[col];
            let error = given * weights[col] / weights[row];
            JudgmentDiagnostic {
                row,
                col,
                given,
                consistent,
                suggested_saaty: nearest_saaty(consistent),
                error,
                log_error: error.ln().abs(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.log_error
            .total_cmp(&a.log_error)
            .then((a.row, a.col).cmp(&(b.row, b.col)))
    });
    out
}

/// Nearest [`SAATY_SCALE`] value in log space; ties towards 1.
fn nearest_saaty(x: f64) -> f64 {
    let lx = x.ln();
    // Visit the scale from 1 outwards (1, 2, 1/2, 3, 1/3, ...) and keep only strict
    // improvements, so an exact tie goes to the value nearer to 1.
    let mut order = SAATY_SCALE;
    order.sort_by(|a, b| a.ln().abs().total_cmp(&b.ln().abs()));
    let mut best = 1.0_f64;
    for s in order {
        if (s.ln() - lx).abs() < (best.ln() - lx).abs() {
            best = s;
        }
    }
    best
}

#[cfg(test)]
// Exact comparisons are intended here: stored and suggested values are exact scale entries.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn nearest_saaty_uses_log_distance_and_clamps_to_the_scale() {
        assert_eq!(nearest_saaty(1.0), 1.0);
        assert_eq!(nearest_saaty(2.9), 3.0);
        // In log space the midpoint of 1 and 2 is sqrt(2) = 1.414: 1.45 goes up, 1.40 down.
        assert_eq!(nearest_saaty(1.45), 2.0);
        assert_eq!(nearest_saaty(1.40), 1.0);
        assert_eq!(nearest_saaty(1.0 / 2.9), 1.0 / 3.0);
        assert_eq!(nearest_saaty(50.0), 9.0);
        assert_eq!(nearest_saaty(1e-3), 1.0 / 9.0);
    }

    #[test]
    fn ranks_the_one_bad_judgment_first() {
        // Consistent with w = (4, 2, 1)/7 except a_02, which should be 4 but is given as 1/2.
        let m = PairwiseMatrix::from_upper(3, |i, j| match (i, j) {
            (0, 1) | (1, 2) => 2.0,
            _ => 0.5,
        })
        .unwrap();
        let w = [4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0];
        let d = rank_inconsistencies(&m, &w);
        assert_eq!(d.len(), 3);
        assert_eq!((d[0].row, d[0].col), (0, 2));
        approx::assert_relative_eq!(d[0].consistent, 4.0, max_relative = 1e-12);
        assert_eq!(d[0].suggested_saaty, 4.0);
        approx::assert_relative_eq!(d[0].error, 0.125, max_relative = 1e-12);
        approx::assert_relative_eq!(d[0].log_error, 8f64.ln(), max_relative = 1e-12);
        // The two consistent judgments tie at 0 and keep (row, col) order.
        assert_eq!((d[1].row, d[1].col), (0, 1));
        assert_eq!((d[2].row, d[2].col), (1, 2));
        assert!(d[1].log_error < 1e-12 && d[2].log_error < 1e-12);
    }

    #[test]
    fn a_single_criterion_has_no_judgments() {
        assert!(rank_inconsistencies(&PairwiseMatrix::identity(1), &[1.0]).is_empty());
    }

    #[test]
    #[should_panic(expected = "2 weights for a 3 x 3 matrix")]
    fn weights_of_the_wrong_length_panic() {
        let _ = rank_inconsistencies(&PairwiseMatrix::identity(3), &[0.5, 0.5]);
    }

    #[test]
    #[should_panic(expected = "not finite and")]
    fn a_zero_weight_panics() {
        let _ = rank_inconsistencies(&PairwiseMatrix::identity(3), &[0.5, 0.5, 0.0]);
    }
}
