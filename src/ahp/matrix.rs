//! The validated pairwise comparison matrix.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::ahp::AhpError;

/// A validated positive reciprocal matrix ("matriks perbandingan berpasangan"): square,
/// `n >= 1`, every entry finite and positive, unit diagonal and `a_ji = 1 / a_ij`.
///
/// The matrix is used exactly as given (only the diagonal is stored as exactly 1), so results
/// agree with other tools on the same input. A 0.333 typed for 1/3 passes validation but moves
/// the results in the fourth decimal; write `1/3` for exact values. [`PairwiseMatrix::is_exactly_reciprocal`]
/// tells whether `a_ji = 1 / a_ij` holds to rounding.
///
/// Serialised as its rows (`[[1.0, 3.0], [0.333, 1.0]]`); deserialising validates them as
/// [`PairwiseMatrix::from_rows`] does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "Vec<Vec<f64>>", try_from = "Vec<Vec<f64>>")]
pub struct PairwiseMatrix {
    m: DMatrix<f64>,
}

impl PairwiseMatrix {
    /// Builds a matrix from its rows (row `i` holds `a_i0 .. a_i(n-1)`: how much more important
    /// criterion `i` is than each other criterion).
    ///
    /// # Errors
    ///
    /// The first problem found by [`PairwiseMatrix::problems`]: [`AhpError::EmptyMatrix`],
    /// [`AhpError::NotSquare`], [`AhpError::NonFinite`], [`AhpError::NonPositive`],
    /// [`AhpError::DiagonalNotOne`] or [`AhpError::NotReciprocal`], each naming the cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::ahp::{AhpError, PairwiseMatrix};
    ///
    /// let m = PairwiseMatrix::from_rows(&[vec![1.0, 3.0], vec![0.333, 1.0]])?;
    /// assert_eq!(m.get(1, 0), 0.333);
    /// assert!(!m.is_exactly_reciprocal());
    /// let bad = PairwiseMatrix::from_rows(&[vec![1.0, 3.0], vec![3.0, 1.0]]);
    /// assert!(matches!(bad, Err(AhpError::NotReciprocal { row: 0, col: 1, .. })));
    /// # Ok::<(), AhpError>(())
    /// ```
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, AhpError> {
        if let Some(first) = Self::problems(rows).into_iter().next() {
            return Err(first);
        }
        let n = rows.len();
        let m = DMatrix::from_fn(n, n, |i, j| if i == j { 1.0 } else { rows[i][j] });
        Ok(Self { m })
    }

    /// Whether `a_ij * a_ji = 1` for every pair, to rounding (1e-12): true for matrices built
    /// from one triangle or typed with fractions like `1/3`.
    #[must_use]
    pub fn is_exactly_reciprocal(&self) -> bool {
        let n = self.n();
        (0..n).all(|i| ((i + 1)..n).all(|j| (self.m[(i, j)] * self.m[(j, i)] - 1.0).abs() <= 1e-12))
    }

    /// Every problem in `rows`, in row-major order of the offending cell, so that a user can
    /// fix them all at once. Empty means [`PairwiseMatrix::from_rows`] will succeed.
    ///
    /// A shape problem ([`AhpError::EmptyMatrix`] or [`AhpError::NotSquare`]) is reported alone,
    /// since cells cannot be located in a ragged matrix. Reciprocity is checked once per pair,
    /// reported at the upper-triangle cell, and only when both cells are finite and positive.
    #[must_use]
    pub fn problems(rows: &[Vec<f64>]) -> Vec<AhpError> {
        let n = rows.len();
        if n == 0 {
            return vec![AhpError::EmptyMatrix];
        }
        let shape: Vec<AhpError> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.len() != n)
            .map(|(row, r)| AhpError::NotSquare {
                row,
                len: r.len(),
                expected: n,
            })
            .collect();
        if !shape.is_empty() {
            return shape;
        }
        let usable = |v: f64| v.is_finite() && v > 0.0;
        let mut out = Vec::new();
        for (row, r) in rows.iter().enumerate() {
            for (col, &value) in r.iter().enumerate() {
                if !value.is_finite() {
                    out.push(AhpError::NonFinite { row, col, value });
                } else if value <= 0.0 {
                    out.push(AhpError::NonPositive { row, col, value });
                } else if row == col {
                    if (value - 1.0).abs() > crate::prec::DIAGONAL {
                        out.push(AhpError::DiagonalNotOne { row, col, value });
                    }
                } else if row < col {
                    let mirror = rows[col][row];
                    let product = value * mirror;
                    if usable(mirror) && (product - 1.0).abs() > crate::prec::RECIPROCAL {
                        out.push(AhpError::NotReciprocal {
                            row,
                            col,
                            value,
                            mirror,
                            product,
                            tolerance: crate::prec::RECIPROCAL,
                        });
                    }
                }
            }
        }
        out
    }

    /// Builds an `n x n` matrix from its upper triangle: `a_ij = upper(i, j)` for `i < j`,
    /// `a_ji = 1 / a_ij` exactly, `a_ii = 1`. `upper` is called only for `i < j`.
    ///
    /// # Errors
    ///
    /// [`AhpError::EmptyMatrix`] if `n == 0`; [`AhpError::NonFinite`] or
    /// [`AhpError::NonPositive`] naming the first bad upper-triangle cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::ahp::PairwiseMatrix;
    ///
    /// let m = PairwiseMatrix::from_upper(3, |i, j| (j - i) as f64 * 2.0)?;
    /// assert_eq!(m.get(2, 0), 0.25);
    /// # Ok::<(), unggul::ahp::AhpError>(())
    /// ```
    pub fn from_upper(n: usize, upper: impl Fn(usize, usize) -> f64) -> Result<Self, AhpError> {
        if n == 0 {
            return Err(AhpError::EmptyMatrix);
        }
        let mut m = DMatrix::from_element(n, n, 1.0);
        for row in 0..n {
            for col in (row + 1)..n {
                let value = upper(row, col);
                if !value.is_finite() {
                    return Err(AhpError::NonFinite { row, col, value });
                }
                if value <= 0.0 {
                    return Err(AhpError::NonPositive { row, col, value });
                }
                m[(row, col)] = value;
                m[(col, row)] = 1.0 / value;
            }
        }
        Ok(Self { m })
    }

    /// The `n x n` matrix of all-equal judgments (every entry 1): equal weights, CR 0.
    ///
    /// # Panics
    ///
    /// If `n == 0` (a matrix needs at least one criterion).
    #[must_use]
    pub fn identity(n: usize) -> Self {
        assert!(n >= 1, "a pairwise matrix needs at least one criterion");
        Self {
            m: DMatrix::from_element(n, n, 1.0),
        }
    }

    /// Number of criteria compared.
    #[must_use]
    pub fn n(&self) -> usize {
        self.m.nrows()
    }

    /// The judgment `a_ij` (0-based).
    ///
    /// # Panics
    ///
    /// If `i` or `j` is `>= n`.
    #[must_use]
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.m[(i, j)]
    }

    /// The whole matrix.
    #[must_use]
    pub fn matrix(&self) -> &DMatrix<f64> {
        &self.m
    }

    /// The rows, e.g. for reports.
    #[must_use]
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.m
            .row_iter()
            .map(|r| r.iter().copied().collect())
            .collect()
    }
}

impl From<PairwiseMatrix> for Vec<Vec<f64>> {
    fn from(m: PairwiseMatrix) -> Self {
        m.to_rows()
    }
}

impl TryFrom<Vec<Vec<f64>>> for PairwiseMatrix {
    type Error = AhpError;

    fn try_from(rows: Vec<Vec<f64>>) -> Result<Self, Self::Error> {
        Self::from_rows(&rows)
    }
}

#[cfg(test)]
// Exact comparisons are intended here: stored reciprocals and diagonals must be bit-exact.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn rows3(a: [[f64; 3]; 3]) -> Vec<Vec<f64>> {
        a.iter().map(|r| r.to_vec()).collect()
    }

    const GOOD: [[f64; 3]; 3] = [[1.0, 3.0, 5.0], [1.0 / 3.0, 1.0, 2.0], [0.2, 0.5, 1.0]];

    fn with(row: usize, col: usize, value: f64) -> Vec<Vec<f64>> {
        let mut r = rows3(GOOD);
        r[row][col] = value;
        r
    }

    #[test]
    fn accepts_decimal_reciprocals_as_given() {
        let m = PairwiseMatrix::from_rows(&rows3([
            [1.0, 3.0, 0.143],
            [0.333, 1.0, 2.0],
            [7.0, 0.5, 1.0],
        ]))
        .unwrap();
        // Values are kept as typed, so results match other tools on the same input.
        assert_eq!(m.get(0, 1), 3.0);
        assert_eq!(m.get(1, 0), 0.333);
        assert_eq!(m.get(2, 0), 7.0);
        assert_eq!(m.get(0, 2), 0.143);
        assert!(!m.is_exactly_reciprocal());
        assert_eq!(m.n(), 3);
        assert_eq!(m.to_rows().len(), 3);
        for i in 0..3 {
            assert_eq!(m.get(i, i), 1.0);
        }
    }

    #[test]
    fn zero_negative_nan_and_infinity_name_the_cell() {
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(1, 2, 0.0)),
            Err(AhpError::NonPositive { row: 1, col: 2, value }) if value == 0.0
        ));
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(2, 0, -5.0)),
            Err(AhpError::NonPositive { row: 2, col: 0, value }) if value == -5.0
        ));
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(0, 1, f64::NAN)),
            Err(AhpError::NonFinite { row: 0, col: 1, value }) if value.is_nan()
        ));
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(2, 1, f64::INFINITY)),
            Err(AhpError::NonFinite { row: 2, col: 1, value }) if value.is_infinite()
        ));
    }

    #[test]
    fn non_reciprocal_and_diagonal_name_the_cell() {
        // A transposed-looking pair: 3 opposite 3.
        let err = PairwiseMatrix::from_rows(&with(1, 0, 3.0)).unwrap_err();
        assert!(matches!(
            err,
            AhpError::NotReciprocal { row: 0, col: 1, value, mirror, .. }
                if value == 3.0 && mirror == 3.0
        ));
        assert!(err.to_string().contains("(0, 1)"));
        // 1/5 typed as 0.18 is 10 % off: rejected at tolerance 0.01.
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(2, 0, 0.18)),
            Err(AhpError::NotReciprocal { row: 0, col: 2, .. })
        ));
        assert!(matches!(
            PairwiseMatrix::from_rows(&with(1, 1, 2.0)),
            Err(AhpError::DiagonalNotOne { row: 1, col: 1, value }) if value == 2.0
        ));
        // Rounding noise on the diagonal is tolerated and stored as exactly 1.
        let m = PairwiseMatrix::from_rows(&with(1, 1, 1.0 + 1e-12)).unwrap();
        assert_eq!(m.get(1, 1), 1.0);
    }

    #[test]
    fn shape_errors() {
        assert_eq!(PairwiseMatrix::from_rows(&[]), Err(AhpError::EmptyMatrix));
        assert_eq!(
            PairwiseMatrix::from_rows(&[vec![1.0, 2.0], vec![0.5]]),
            Err(AhpError::NotSquare {
                row: 1,
                len: 1,
                expected: 2
            })
        );
        assert_eq!(
            PairwiseMatrix::from_rows(&[vec![1.0, 2.0]]),
            Err(AhpError::NotSquare {
                row: 0,
                len: 2,
                expected: 1
            })
        );
        assert_eq!(
            PairwiseMatrix::from_upper(0, |_, _| 1.0),
            Err(AhpError::EmptyMatrix)
        );
    }

    #[test]
    fn problems_lists_every_bad_cell_in_row_major_order() {
        let mut r = rows3(GOOD);
        r[0][0] = 2.0;
        r[0][2] = 5.0;
        r[2][0] = 5.0;
        r[2][1] = f64::NAN;
        let p = PairwiseMatrix::problems(&r);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(matches!(
            p[0],
            AhpError::DiagonalNotOne { row: 0, col: 0, .. }
        ));
        assert!(matches!(
            p[1],
            AhpError::NotReciprocal { row: 0, col: 2, .. }
        ));
        assert!(matches!(p[2], AhpError::NonFinite { row: 2, col: 1, .. }));
        assert!(PairwiseMatrix::problems(&rows3(GOOD)).is_empty());
    }

    #[test]
    fn from_upper_is_exactly_reciprocal_and_checks_values() {
        let m = PairwiseMatrix::from_upper(4, |i, j| (i + 2 * j) as f64 / 3.0).unwrap();
        for i in 0..4 {
            assert_eq!(m.get(i, i), 1.0);
            for j in (i + 1)..4 {
                assert_eq!(m.get(j, i), 1.0 / m.get(i, j));
            }
        }
        assert!(matches!(
            PairwiseMatrix::from_upper(3, |i, j| if (i, j) == (1, 2) { -1.0 } else { 2.0 }),
            Err(AhpError::NonPositive { row: 1, col: 2, .. })
        ));
        assert!(matches!(
            PairwiseMatrix::from_upper(3, |_, j| if j == 2 { f64::NAN } else { 2.0 }),
            Err(AhpError::NonFinite { row: 0, col: 2, .. })
        ));
        assert_eq!(
            PairwiseMatrix::identity(2).matrix(),
            &DMatrix::from_element(2, 2, 1.0)
        );
    }
}
