//! Completing a pairwise matrix with missing judgments.
//!
//! With some comparisons missing, the logarithmic least squares problem
//! `min sum_{(i,j) known} (ln a_ij - y_i + y_j)^2` has the normal equations `L y = b`, where `L`
//! is the Laplacian of the graph of known comparisons and `b_i = sum_{j known with i} ln a_ij`.
//! The solution is unique up to a constant exactly when that graph is connected, and filling
//! each missing `a_ij` with `exp(y_i - y_j)` is the LLSM-optimal completion (Bozóki, Fülöp &
//! Rónyai 2010, "On optimal completion of incomplete pairwise comparison matrices",
//! Mathematical and Computer Modelling 52, 318-333, Theorem 4): the RGMM weights of the
//! completed matrix are `exp(y)` normalised.

use std::collections::VecDeque;

use nalgebra::{DMatrix, DVector};

use crate::ahp::{AhpError, PairwiseMatrix};

/// Completes an `n x n` matrix from the `known` judgments `(row, col, a_row_col)` (0-based; each
/// unordered pair at most once, in either orientation). Known judgments are kept as given (their
/// mirrors become exact reciprocals); each missing `a_ij` becomes `exp(y_i - y_j)` with `y` the
/// logarithmic least squares solution (Bozóki, Fülöp & Rónyai 2010).
///
/// # Errors
///
/// [`AhpError::EmptyMatrix`] for `n == 0`; [`AhpError::JudgmentOutOfRange`] for an index `>= n`
/// or a diagonal pair; [`AhpError::NonFinite`] / [`AhpError::NonPositive`] for a bad value;
/// [`AhpError::DuplicateJudgment`] for a pair given twice; [`AhpError::Disconnected`] when the
/// known comparisons do not link every criterion to every other (directly or through a chain).
///
/// # Examples
///
/// ```
/// use unggul::ahp::complete;
///
/// // a_01 = 2 and a_12 = 3 imply a_02 = 6 when nothing contradicts them.
/// let m = complete(3, &[(0, 1, 2.0), (1, 2, 3.0)])?;
/// assert!((m.get(0, 2) - 6.0).abs() < 1e-12);
/// # Ok::<(), unggul::ahp::AhpError>(())
/// ```
pub fn complete(n: usize, known: &[(usize, usize, f64)]) -> Result<PairwiseMatrix, AhpError> {
    let given = known_logs(n, known)?;
    // Fix y_0 = 0: the reduced Laplacian of a connected graph is positive definite.
    let m = n - 1;
    let mut lap = DMatrix::<f64>::zeros(m, m);
    let mut rhs = DVector::<f64>::zeros(m);
    for i in 1..n {
        for (j, g) in given[i].iter().enumerate() {
            if let Some(log_a) = g {
                lap[(i - 1, i - 1)] += 1.0;
                if j > 0 {
                    lap[(i - 1, j - 1)] -= 1.0;
                }
                rhs[i - 1] += log_a;
            }
        }
    }
    let y_rest = if m == 0 {
        DVector::zeros(0)
    } else {
        lap.cholesky()
            .ok_or(AhpError::Disconnected { criterion: 1 })?
            .solve(&rhs)
    };
    let y = |i: usize| if i == 0 { 0.0 } else { y_rest[i - 1] };
    PairwiseMatrix::from_upper(n, |i, j| match given[i][j] {
        Some(log_a) => known_value(known, i, j).unwrap_or_else(|| log_a.exp()),
        None => (y(i) - y(j)).exp(),
    })
}

/// The known judgments as `ln a_ij` in both orientations, checked: indices, values, no pair
/// twice, and every criterion linked to every other.
fn known_logs(n: usize, known: &[(usize, usize, f64)]) -> Result<Vec<Vec<Option<f64>>>, AhpError> {
    if n == 0 {
        return Err(AhpError::EmptyMatrix);
    }
    let mut given: Vec<Vec<Option<f64>>> = vec![vec![None; n]; n];
    for &(row, col, value) in known {
        if row >= n || col >= n || row == col {
            return Err(AhpError::JudgmentOutOfRange { row, col, n });
        }
        if !value.is_finite() {
            return Err(AhpError::NonFinite { row, col, value });
        }
        if value <= 0.0 {
            return Err(AhpError::NonPositive { row, col, value });
        }
        if given[row][col].is_some() {
            return Err(AhpError::DuplicateJudgment { row, col });
        }
        given[row][col] = Some(value.ln());
        given[col][row] = Some(-value.ln());
    }
    if let Some(criterion) = first_unreachable(&given) {
        return Err(AhpError::Disconnected { criterion });
    }
    Ok(given)
}

/// Completes an `n x n` matrix by Harker's method (Harker 1987, "Alternative modes of
/// questioning in the analytic hierarchy process", Mathematical Modelling 9, 353-360): the
/// weights are the principal eigenvector of the auxiliary matrix `C` with `c_ij = a_ij` for
/// known pairs, `0` for missing ones and `c_ii = 1 + m_i` (`m_i` the number of judgments
/// missing in row `i`); each missing `a_ij` becomes `w_i / w_j`. Since `(C w)_i` equals
/// `(B w)_i` for the completed matrix `B`, `w` is also `B`'s principal eigenvector, so the
/// eigenvector method gives the same weights on the completed matrix. Known judgments are kept
/// as given.
///
/// # Errors
/// As [`complete`].
///
/// # Examples
///
/// ```
/// use unggul::ahp::complete_harker;
///
/// // Consistent judgments are completed consistently, as with any sound method.
/// let m = complete_harker(3, &[(0, 1, 2.0), (1, 2, 3.0)])?;
/// assert!((m.get(0, 2) - 6.0).abs() < 1e-9);
/// # Ok::<(), unggul::ahp::AhpError>(())
/// ```
pub fn complete_harker(
    n: usize,
    known: &[(usize, usize, f64)],
) -> Result<PairwiseMatrix, AhpError> {
    let given = known_logs(n, known)?;
    let mut c = DMatrix::<f64>::zeros(n, n);
    for i in 0..n {
        let mut missing = 0.0;
        for j in 0..n {
            if i == j {
                continue;
            }
            match given[i][j] {
                Some(_) => c[(i, j)] = known_value(known, i, j).unwrap_or(1.0),
                None => missing += 1.0,
            }
        }
        c[(i, i)] = 1.0 + missing;
    }
    // C is non-negative with a positive diagonal and, the comparisons being connected,
    // irreducible: primitive, so power iteration converges to its Perron vector.
    let mut w = DVector::<f64>::from_element(n, 1.0 / n as f64);
    for _ in 0..super::priority::EIGEN_MAX_ITERATIONS {
        let mut next = &c * &w;
        let sum: f64 = next.iter().sum();
        next /= sum;
        let change = (&next - &w).amax();
        w = next;
        if change < super::priority::EIGEN_TOLERANCE {
            break;
        }
    }
    PairwiseMatrix::from_upper(n, |i, j| match given[i][j] {
        Some(log_a) => known_value(known, i, j).unwrap_or_else(|| log_a.exp()),
        None => w[i] / w[j],
    })
}

/// The value of a known pair as typed (not through exp(ln)), oriented as `a_ij`.
fn known_value(known: &[(usize, usize, f64)], i: usize, j: usize) -> Option<f64> {
    known.iter().find_map(|&(r, c, v)| {
        if (r, c) == (i, j) {
            Some(v)
        } else if (r, c) == (j, i) {
            Some(1.0 / v)
        } else {
            None
        }
    })
}

/// First criterion not reachable from criterion 0 through known comparisons (breadth-first).
fn first_unreachable(given: &[Vec<Option<f64>>]) -> Option<usize> {
    let n = given.len();
    let mut seen = vec![false; n];
    seen[0] = true;
    let mut queue = VecDeque::from([0]);
    while let Some(i) = queue.pop_front() {
        for (j, g) in given[i].iter().enumerate() {
            if g.is_some() && !seen[j] {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    seen.iter().position(|s| !s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ahp::{PriorityMethod, RandomIndexTable, priorities};

    const TOL: f64 = 1e-12;

    #[test]
    fn a_complete_set_of_judgments_is_returned_unchanged() {
        let known = [(0, 1, 3.0), (0, 2, 5.0), (1, 2, 0.5)];
        let m = complete(3, &known).unwrap();
        let direct = PairwiseMatrix::from_upper(3, |i, j| match (i, j) {
            (0, 1) => 3.0,
            (0, 2) => 5.0,
            _ => 0.5,
        })
        .unwrap();
        assert_eq!(m, direct);
    }

    #[test]
    fn a_spanning_tree_is_completed_consistently() {
        // A star around criterion 2 (given in the lower orientation too) implies everything.
        let known = [(2, 0, 0.25), (1, 2, 3.0), (2, 3, 2.0)];
        let m = complete(4, &known).unwrap();
        approx::assert_relative_eq!(m.get(2, 0), 0.25, max_relative = TOL);
        approx::assert_relative_eq!(m.get(0, 1), 4.0 / 3.0, max_relative = TOL);
        approx::assert_relative_eq!(m.get(1, 3), 6.0, max_relative = TOL);
        let p = priorities(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        )
        .unwrap();
        assert!(p.ci <= TOL);
    }

    #[test]
    fn completion_matches_the_llsm_optimality_condition() {
        // Bozóki, Fülöp & Rónyai (2010), Theorem 4: the RGMM weights of the completed matrix
        // solve the incomplete LLSM problem, so the gradient of its objective vanishes there:
        // for every i, sum over known j of (ln a_ij - ln w_i + ln w_j) = 0.
        let known = [(0, 1, 3.0), (1, 2, 5.0), (0, 2, 0.5), (2, 3, 2.0)];
        let m = complete(4, &known).unwrap();
        let w = priorities(
            &m,
            PriorityMethod::GeometricMean,
            RandomIndexTable::SaatyClassic,
        )
        .unwrap()
        .weights;
        for i in 0..4 {
            let grad: f64 = known
                .iter()
                .filter_map(|&(r, c, v)| {
                    let resid = v.ln() - w[r].ln() + w[c].ln();
                    (r == i).then_some(resid).or((c == i).then_some(-resid))
                })
                .sum();
            approx::assert_abs_diff_eq!(grad, 0.0, epsilon = TOL);
        }
    }

    /// Bozóki, Fülöp & Rónyai (2010), "On optimal completions of incomplete pairwise
    /// comparison matrices", Mathematical and Computer Modelling 52, Example 3 (p. 332):
    /// U = [1 1 5 2; 1 1 3 4; 1/5 1/3 1 x; 1/2 1/4 1/x 1], x = a_34 missing.
    const BOZOKI_EXAMPLE_3: [(usize, usize, f64); 5] = [
        (0, 1, 1.0),
        (0, 2, 5.0),
        (0, 3, 2.0),
        (1, 2, 3.0),
        (1, 3, 4.0),
    ];

    #[test]
    fn harker_fills_with_the_ratio_of_its_own_weights() {
        // Harker (1987): w is the Perron vector of C (c_ii = 1 + missing in row i, missing
        // c_ij = 0), and then also of the completion B with b_ij = w_i / w_j, so the
        // eigenvector method on B returns w and B w = lambda w row by row.
        let m = complete_harker(4, &BOZOKI_EXAMPLE_3).unwrap();
        let p = priorities(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        )
        .unwrap();
        let w = &p.weights;
        approx::assert_relative_eq!(m.get(2, 3), w[2] / w[3], max_relative = 1e-9);
        for (i, j, v) in BOZOKI_EXAMPLE_3 {
            approx::assert_relative_eq!(m.get(i, j), v, max_relative = TOL);
        }
        // Harker's value differs from the lambda_max-optimal completion the paper computes
        // (x = 0.7302965066047): his weights are not the ones that minimise lambda_max.
        assert!((m.get(2, 3) - 0.730_296_506_604_7).abs() > 1e-3);
    }

    #[test]
    fn llsm_completion_of_bozoki_example_3() {
        // With one missing element both triads through it count equally, and the LLSM
        // completion is the geometric mean of their transitive estimates: van Uden's rule,
        // x = sqrt(2/5 * 4/3) = 0.73029674334 as printed in Example 3 of the same paper.
        let m = complete(4, &BOZOKI_EXAMPLE_3).unwrap();
        approx::assert_relative_eq!(m.get(2, 3), 0.730_296_743_34, max_relative = 1e-10);
    }

    /// A 5 x 5 questionnaire with three pairs skipped, (0, 3), (1, 4) and (2, 4).
    const FIVE_SKIPPED: [(usize, usize, f64); 7] = [
        (0, 1, 3.0),
        (0, 2, 5.0),
        (0, 4, 7.0),
        (1, 2, 2.0),
        (1, 3, 1.0 / 3.0),
        (2, 3, 1.0 / 4.0),
        (3, 4, 2.0),
    ];

    /// Harker's weights (eigenvector method on the completed matrix) and the filled values,
    /// against an independent computation: no published worked example of Harker's method
    /// with numbers could be found (Harker 1987, Mathematical Modelling 9(11) 837-848, is not
    /// openly available), so `benches/peer/check_incomplete.py` computes the Perron vector of
    /// Harker's matrix C with numpy's general eigen-solver (LAPACK geev, numpy 2.4.6) instead
    /// of power iteration. Its printout, to 15 significant digits, is copied here.
    #[test]
    fn harker_matches_an_independent_eigensolver() {
        // (known judgments, n, weights, filled values)
        type Case<'a> = (
            &'a [(usize, usize, f64)],
            usize,
            &'a [f64],
            &'a [(usize, usize, f64)],
        );
        let cases: [Case; 2] = [
            (
                &BOZOKI_EXAMPLE_3,
                4,
                &[
                    0.373578523215818,
                    0.392122942848217,
                    0.0981765286808336,
                    0.136122005255131,
                ],
                &[(2, 3, 0.721239218426317)],
            ),
            (
                &FIVE_SKIPPED,
                5,
                &[
                    0.444228129991381,
                    0.121956666252531,
                    0.0700661536673265,
                    0.269369039359803,
                    0.0943800107289589,
                ],
                &[
                    (0, 3, 1.64914323875957),
                    (1, 4, 1.29218745908778),
                    (2, 4, 0.742383404347589),
                ],
            ),
        ];
        for (known, n, weights, filled) in cases {
            let m = complete_harker(n, known).unwrap();
            for &(i, j, v) in filled {
                approx::assert_relative_eq!(m.get(i, j), v, max_relative = 1e-9);
            }
            let p = priorities(
                &m,
                PriorityMethod::Eigenvector,
                RandomIndexTable::SaatyClassic,
            )
            .unwrap();
            for (got, want) in p.weights.iter().zip(weights) {
                approx::assert_relative_eq!(*got, *want, max_relative = 1e-9);
            }
        }
    }

    /// The LLSM completion with several pairs missing, against numpy's least-squares solver on
    /// ln a_ij = y_i - y_j over the known pairs (`benches/peer/check_incomplete.py`, numpy
    /// 2.4.6), instead of the Cholesky solve of the normal equations used here. The published
    /// check with one missing pair is `llsm_completion_of_bozoki_example_3`.
    #[test]
    fn llsm_matches_an_independent_least_squares_solver() {
        let m = complete(5, &FIVE_SKIPPED).unwrap();
        for (i, j, v) in [
            (0, 3, 1.6355331550943),
            (1, 4, 1.34230691117261),
            (2, 4, 0.777391802734834),
        ] {
            approx::assert_relative_eq!(m.get(i, j), v, max_relative = 1e-12);
        }
        let w = priorities(
            &m,
            PriorityMethod::GeometricMean,
            RandomIndexTable::SaatyClassic,
        )
        .unwrap()
        .weights;
        let want = [
            0.44181741220863,
            0.123936994382682,
            0.0717776260307884,
            0.270136628433654,
            0.0923313389442459,
        ];
        for (got, want) in w.iter().zip(want) {
            approx::assert_relative_eq!(*got, want, max_relative = 1e-12);
        }
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(complete(0, &[]), Err(AhpError::EmptyMatrix));
        assert_eq!(complete(1, &[]), Ok(PairwiseMatrix::identity(1)));
        assert_eq!(
            complete(3, &[(0, 1, 2.0)]),
            Err(AhpError::Disconnected { criterion: 2 })
        );
        assert_eq!(
            complete(4, &[(0, 1, 2.0), (2, 3, 2.0)]),
            Err(AhpError::Disconnected { criterion: 2 })
        );
        assert_eq!(
            complete(3, &[(0, 3, 2.0)]),
            Err(AhpError::JudgmentOutOfRange {
                row: 0,
                col: 3,
                n: 3
            })
        );
        assert_eq!(
            complete(3, &[(1, 1, 1.0)]),
            Err(AhpError::JudgmentOutOfRange {
                row: 1,
                col: 1,
                n: 3
            })
        );
        assert_eq!(
            complete(2, &[(0, 1, 2.0), (1, 0, 0.5)]),
            Err(AhpError::DuplicateJudgment { row: 1, col: 0 })
        );
        assert!(matches!(
            complete(2, &[(1, 0, -2.0)]),
            Err(AhpError::NonPositive { row: 1, col: 0, .. })
        ));
        assert!(matches!(
            complete(2, &[(0, 1, f64::NAN)]),
            Err(AhpError::NonFinite { row: 0, col: 1, .. })
        ));
    }
}
