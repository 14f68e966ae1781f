//! Objective criteria weights computed from the decision matrix itself.
//!
//! These give reference weighting scenarios ("what would the data alone say?") to compare with
//! FGD/AHP weights. All functions take the decision matrix row-major, `rows` alternatives by
//! `cols` criteria, plus one direction flag per criterion (`true` = benefit, `false` = cost),
//! and return weights that are non-negative and sum to 1.
//!
//! Methods:
//!
//! - [`entropy_weights`]: Shannon entropy method (Zeleny 1982; Hwang & Yoon 1981, sec. 2.2;
//!   pymcdm `entropy_weights`). Sum normalisation `p_ij = x_ij / sum_i x_ij` of the raw,
//!   non-negative data, `E_j = -(1 / ln m) sum_i p_ij ln p_ij`, `d_j = 1 - E_j`,
//!   `w_j = d_j / sum_k d_k`. Sum normalisation is invariant to a positive rescaling of a
//!   column, so units (Rupiah, juta Rupiah, persons) do not matter. Entropy ignores the
//!   direction by construction: it measures how unevenly a criterion spreads over the
//!   alternatives, not which end is good. (Min-max normalising first was rejected: it would
//!   make the weights depend on where the zero of the scale lies, and turn the worst
//!   alternative into a hard zero.)
//! - [`critic_weights`]: CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995). Min-max normalise
//!   with direction, `sigma_j` = standard deviation of column j, `r_jk` = Pearson correlation of
//!   normalised columns j and k, `C_j = sigma_j sum_k (1 - r_jk)`, `w_j = C_j / sum_k C_k`.
//!   Direction matters here: flipping a criterion from benefit to cost flips the sign of its
//!   correlations with the others. (pymcdm 1.4 `critic_weights` ignores criteria types and
//!   treats every column as benefit; for a cost criterion its numbers therefore differ.)
//! - [`standard_deviation_weights`]: `w_j` proportional to the standard deviation of the
//!   min-max normalised column. Normalising first answers the common complaint that
//!   standard-deviation weights on raw units let turnover in Rupiah swamp a 1-5 score
//!   (pymcdm 1.4 `standard_deviation_weights` works on raw data). The direction does not change
//!   a standard deviation; it is accepted for a uniform signature.
//! - [`equal_weights`]: `1 / n` each.
//!
//! Standard deviations are sample standard deviations (divisor `m - 1`), as in pymcdm 1.4
//! (`np.std(..., ddof=1)`) and in Diakoulaki et al. The choice cannot change any weight: every
//! `sigma_j` shares the factor `sqrt(m / (m - 1))`, which cancels in `w_j = C_j / sum C`.
//!
//! Degenerate inputs, with defined results:
//!
//! - A constant column (all values equal, including all zero) carries no information: entropy
//!   `d_j = 0`, `sigma_j = 0`, hence weight 0 from all three methods.
//! - A single alternative (`m = 1`): every column is constant, so every method returns equal
//!   weights (next rule).
//! - If every criterion scores 0 (all `d_j`, or all `C_j`, or all `sigma_j` are 0), the method
//!   has no information to distribute and returns equal weights.
//! - Entropy: `0 ln 0 = 0` (the limit), so zeros in the data are allowed. (pymcdm 1.4 sets the
//!   whole column's entropy to 0 when one `p_ij` is 0, i.e. maximal weight; its sum
//!   normalisation rejects zeros before reaching that branch.)
//! - CRITIC: the correlation with a constant column is undefined (0/0) and is taken as 0, so a
//!   constant column adds `1 - 0 = 1` to every other column's conflict sum. Correlations within
//!   [`crate::prec::PERFECT_CORRELATION`] of +1 are taken as exactly 1, so duplicated criteria (e.g. the
//!   same turnover in Rupiah and in juta Rupiah) give `C = 0` instead of rounding noise.
//!
//! References:
//! - Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining objective weights in
//!   multiple criteria problems: the CRITIC method. Computers & Operations Research 22(7),
//!   763-770.
//! - Zeleny, M. (1982). Multiple Criteria Decision Making. McGraw-Hill.
//! - Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making. Springer.

use thiserror::Error;

/// Why objective weights could not be computed from a decision matrix.
///
/// Row and column fields are 0-based indices; the messages count from 1 for the user.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ObjectiveError {
    /// The matrix has no alternative or no criterion.
    #[error(
        "the decision matrix is empty ({rows} alternatives x {cols} criteria): \
         give at least one alternative and one criterion"
    )]
    Empty {
        /// Number of alternatives given.
        rows: usize,
        /// Number of criteria given.
        cols: usize,
    },
    /// The number of values is not `rows * cols`.
    #[error(
        "the decision matrix has {len} values, but {rows} alternatives x {cols} criteria need {}: \
         give one value per alternative and criterion, row by row",
        .rows.saturating_mul(*.cols)
    )]
    Shape {
        /// Number of values given.
        len: usize,
        /// Number of alternatives declared.
        rows: usize,
        /// Number of criteria declared.
        cols: usize,
    },
    /// The number of benefit/cost flags differs from the number of criteria.
    #[error(
        "{got} benefit/cost directions were given for {cols} criteria: \
         give exactly one direction per criterion"
    )]
    Directions {
        /// Number of direction flags given.
        got: usize,
        /// Number of criteria.
        cols: usize,
    },
    /// A value is NaN or infinite.
    #[error(
        "alternative {}, criterion {} has the value {value}: every value must be a finite number; \
         fill in or remove the missing value",
        .row + 1, .col + 1
    )]
    NonFinite {
        /// Alternative (row) index, 0-based.
        row: usize,
        /// Criterion (column) index, 0-based.
        col: usize,
        /// The offending value.
        value: f64,
    },
    /// The entropy method got a negative value (its shares `p_ij` must be non-negative).
    #[error(
        "alternative {}, criterion {} has the negative value {value}: the entropy method needs \
         non-negative data; correct the value, or use CRITIC or standard-deviation weights, \
         which accept negative data",
        .row + 1, .col + 1
    )]
    Negative {
        /// Alternative (row) index, 0-based.
        row: usize,
        /// Criterion (column) index, 0-based.
        col: usize,
        /// The offending value.
        value: f64,
    },
}

/// Equal weights `1 / cols` for each of `cols` criteria (empty for `cols = 0`).
///
/// # Examples
///
/// ```
/// # use unggul::weights::equal_weights;
/// assert_eq!(equal_weights(4), vec![0.25; 4]);
/// ```
pub fn equal_weights(cols: usize) -> Vec<f64> {
    vec![1.0 / cols as f64; cols]
}

/// Shannon entropy weights (Zeleny 1982) of a row-major `rows x cols` decision matrix `x` with
/// non-negative values: `p_ij = x_ij / sum_i x_ij`, `E_j = -(1 / ln m) sum_i p_ij ln p_ij`,
/// `d_j = 1 - E_j`, `w_j = d_j / sum_k d_k`.
///
/// `benefit` (one flag per criterion) is checked for length but does not change the result:
/// entropy is the same for a criterion and its reverse. A constant (or all-zero) column gets
/// weight 0; `0 ln 0 = 0`; a single alternative or all-constant data give equal weights.
/// See the [module documentation](self) for the reasoning.
///
/// # Errors
///
/// [`ObjectiveError::Empty`], [`ObjectiveError::Shape`], [`ObjectiveError::Directions`] for a
/// malformed matrix; [`ObjectiveError::NonFinite`] and [`ObjectiveError::Negative`] name the
/// first offending cell in row-major order.
///
/// # Examples
///
/// ```
/// # use unggul::weights::entropy_weights;
/// // Criterion 2 is constant, so it gets no weight.
/// let x = [1.0, 5.0, 9.0,
///          3.0, 5.0, 1.0];
/// let w = entropy_weights(&x, 2, 3, &[true, true, false]).unwrap();
/// assert_eq!(w[1], 0.0);
/// assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// ```
pub fn entropy_weights(
    x: &[f64],
    rows: usize,
    cols: usize,
    benefit: &[bool],
) -> Result<Vec<f64>, ObjectiveError> {
    validate(x, rows, cols, benefit)?;
    if let Some(i) = x.iter().position(|&v| v < 0.0) {
        return Err(ObjectiveError::Negative {
            row: i / cols,
            col: i % cols,
            value: x[i],
        });
    }
    let ln_m = (rows as f64).ln();
    let divergence = (0..cols)
        .map(|j| {
            let column: Vec<f64> = (0..rows).map(|i| x[i * cols + j]).collect();
            let (min, max) = min_max(&column);
            // Constant columns (including all zero, and m = 1) carry no information; deciding
            // this exactly (zero range) avoids E_j = 1 +- rounding noise.
            if max <= min {
                return 0.0;
            }
            // Dividing by the maximum first keeps the sum finite for values near f64::MAX.
            let scaled: Vec<f64> = column.iter().map(|v| v / max).collect();
            let total: f64 = scaled.iter().sum();
            let entropy: f64 = scaled
                .iter()
                .map(|v| v / total)
                .filter(|&p| p > 0.0)
                .map(|p| -p * p.ln())
                .sum::<f64>()
                / ln_m;
            // E_j <= 1 in exact arithmetic; clamp the rounding excess.
            (1.0 - entropy).max(0.0)
        })
        .collect();
    Ok(normalise_or_equal(divergence))
}

/// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995) of a row-major `rows x cols`
/// decision matrix: min-max normalise each column with its direction (benefit
/// `(x - min) / (max - min)`, cost `(max - x) / (max - min)`, zero range gives zeros), then
/// `C_j = sigma_j sum_k (1 - r_jk)` with `sigma_j` the sample standard deviation and `r_jk`
/// the Pearson correlation of the normalised columns, and `w_j = C_j / sum_k C_k`.
///
/// Invariant to a positive affine change of units of any column. A constant column gets
/// weight 0 and correlation 0 with every other column; all `C_j = 0` (e.g. one alternative,
/// or perfectly correlated criteria) gives equal weights. See the
/// [module documentation](self).
///
/// # Errors
///
/// [`ObjectiveError::Empty`], [`ObjectiveError::Shape`], [`ObjectiveError::Directions`] for a
/// malformed matrix; [`ObjectiveError::NonFinite`] names the first non-finite cell.
///
/// # Examples
///
/// ```
/// # use unggul::weights::critic_weights;
/// let x = [1.0, 10.0, 3.0,
///          2.0, 30.0, 1.0,
///          3.0, 20.0, 2.0];
/// let w = critic_weights(&x, 3, 3, &[true, true, false]).unwrap();
/// assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// ```
pub fn critic_weights(
    x: &[f64],
    rows: usize,
    cols: usize,
    benefit: &[bool],
) -> Result<Vec<f64>, ObjectiveError> {
    validate(x, rows, cols, benefit)?;
    let z = min_max_columns(x, rows, cols, benefit);
    let stats: Vec<(f64, f64)> = z.iter().map(|c| mean_and_sd(c)).collect();
    let contrast = (0..cols)
        .map(|j| {
            let (mean_j, sd_j) = stats[j];
            if sd_j == 0.0 {
                return 0.0;
            }
            let conflict: f64 = (0..cols)
                .map(|k| {
                    let (mean_k, sd_k) = stats[k];
                    let r = if k == j {
                        1.0
                    } else if sd_k == 0.0 {
                        // Correlation with a constant column is 0/0; defined as 0 (module docs).
                        0.0
                    } else {
                        pearson(&z[j], mean_j, sd_j, &z[k], mean_k, sd_k)
                    };
                    1.0 - r
                })
                .sum();
            sd_j * conflict
        })
        .collect();
    Ok(normalise_or_equal(contrast))
}

/// Standard-deviation weights on min-max normalised data: `w_j = sigma_j / sum_k sigma_k`,
/// `sigma_j` the sample standard deviation of column j scaled to `[0, 1]` by
/// `(x - min) / (max - min)`.
///
/// Normalising first makes the weights independent of units (a positive affine change of a
/// column changes nothing), unlike standard deviations of raw data where turnover in Rupiah
/// would swamp a 1-5 score. The direction flags are checked for length; a criterion and its
/// reverse have the same spread, so they do not change the result. A constant column gets
/// weight 0; all-constant data (or one alternative) give equal weights.
///
/// # Errors
///
/// [`ObjectiveError::Empty`], [`ObjectiveError::Shape`], [`ObjectiveError::Directions`] for a
/// malformed matrix; [`ObjectiveError::NonFinite`] names the first non-finite cell.
///
/// # Examples
///
/// ```
/// # use unggul::weights::standard_deviation_weights;
/// // Turnover in Rupiah and a 1-5 score with the same pattern get the same weight.
/// let x = [1.0e9, 1.0,
///          3.0e9, 5.0,
///          2.0e9, 3.0];
/// let w = standard_deviation_weights(&x, 3, 2, &[true, true]).unwrap();
/// assert!((w[0] - 0.5).abs() < 1e-12);
/// ```
pub fn standard_deviation_weights(
    x: &[f64],
    rows: usize,
    cols: usize,
    benefit: &[bool],
) -> Result<Vec<f64>, ObjectiveError> {
    validate(x, rows, cols, benefit)?;
    let spread = min_max_columns(x, rows, cols, benefit)
        .iter()
        .map(|c| mean_and_sd(c).1)
        .collect();
    Ok(normalise_or_equal(spread))
}

/// Checks shape, direction count and finiteness; the first bad cell in row-major order wins.
fn validate(x: &[f64], rows: usize, cols: usize, benefit: &[bool]) -> Result<(), ObjectiveError> {
    if rows == 0 || cols == 0 {
        return Err(ObjectiveError::Empty { rows, cols });
    }
    if rows.checked_mul(cols) != Some(x.len()) {
        return Err(ObjectiveError::Shape {
            len: x.len(),
            rows,
            cols,
        });
    }
    if benefit.len() != cols {
        return Err(ObjectiveError::Directions {
            got: benefit.len(),
            cols,
        });
    }
    if let Some(i) = x.iter().position(|v| !v.is_finite()) {
        return Err(ObjectiveError::NonFinite {
            row: i / cols,
            col: i % cols,
            value: x[i],
        });
    }
    Ok(())
}

/// Smallest and largest value of a non-empty, finite slice.
fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// Columns of `x` min-max normalised to `[0, 1]` with 1 = best, one `Vec` per criterion.
/// A zero-range column becomes all zeros.
fn min_max_columns(x: &[f64], rows: usize, cols: usize, benefit: &[bool]) -> Vec<Vec<f64>> {
    (0..cols)
        .map(|j| {
            let column: Vec<f64> = (0..rows).map(|i| x[i * cols + j]).collect();
            let (min, max) = min_max(&column);
            // Zero range: the column cannot tell alternatives apart.
            if max <= min {
                return vec![0.0; rows];
            }
            // Halving every term is exact and keeps max - min finite even for values of
            // opposite sign near f64::MAX.
            let range = max / 2.0 - min / 2.0;
            column
                .iter()
                .map(|v| {
                    if benefit[j] {
                        (v / 2.0 - min / 2.0) / range
                    } else {
                        (max / 2.0 - v / 2.0) / range
                    }
                })
                .collect()
        })
        .collect()
}

/// Mean and sample standard deviation (divisor `n - 1`); the deviation is 0 for `n < 2`.
fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    (mean, (ss / (n - 1.0)).sqrt())
}

/// Pearson correlation of two equally long columns with known means and non-zero sample
/// standard deviations, clamped to `[-1, 1]` and snapped to 1 near +1.
fn pearson(a: &[f64], mean_a: f64, sd_a: f64, b: &[f64], mean_b: f64, sd_b: f64) -> f64 {
    let n = a.len() as f64;
    let cov: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x - mean_a) * (y - mean_b))
        .sum::<f64>()
        / (n - 1.0);
    let r = (cov / (sd_a * sd_b)).clamp(-1.0, 1.0);
    if r > 1.0 - crate::prec::PERFECT_CORRELATION {
        1.0
    } else {
        r
    }
}

/// Scales non-negative scores to sum 1; all zero gives equal weights (no information).
fn normalise_or_equal(scores: Vec<f64>) -> Vec<f64> {
    let total: f64 = scores.iter().sum();
    if total > 0.0 {
        scores.into_iter().map(|s| s / total).collect()
    } else {
        equal_weights(scores.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    /// pymcdm/numpy reference values are printed with 17 significant digits; allow for a
    /// different summation order.
    const REFERENCE: f64 = 1e-12;
    /// Invariance checks compare two computations whose rounding differs.
    const INVARIANCE: f64 = 1e-9;

    /// Hwang & Yoon (1981) fighter aircraft matrix (DOMAIN.md section 6): max speed, ferry
    /// range, max payload, cost (cost criterion), reliability, manoeuvrability.
    const AIRCRAFT: [f64; 24] = [
        2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0, //
        2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0, //
        1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0, //
        2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0,
    ];
    const AIRCRAFT_BENEFIT: [bool; 6] = [true, true, true, false, true, true];

    fn assert_weights(actual: &[f64], expected: &[f64], tol: f64) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert_abs_diff_eq!(*a, *e, epsilon = tol);
        }
    }

    /// pymcdm 1.4.0 (numpy 2.4.6): `weights.entropy_weights(X)` on the raw aircraft matrix.
    #[test]
    fn entropy_matches_pymcdm_on_aircraft() {
        let w = entropy_weights(&AIRCRAFT, 4, 6, &AIRCRAFT_BENEFIT).unwrap();
        let pymcdm = [
            0.06418973460150319,
            0.20608816423562512,
            0.01344459087436496,
            0.08132562861545672,
            0.35868002434481006,
            0.27627185732823994,
        ];
        assert_weights(&w, &pymcdm, REFERENCE);
    }

    /// pymcdm 1.4.0: `weights.critic_weights(X)` ignores criteria types, so the cost criterion
    /// is emulated by negating its column there (min-max of -x as benefit = (max - x) / range).
    #[test]
    fn critic_matches_pymcdm_on_aircraft() {
        let w = critic_weights(&AIRCRAFT, 4, 6, &AIRCRAFT_BENEFIT).unwrap();
        let pymcdm_cost_negated = [
            0.23587443831557697,
            0.2088184566705272,
            0.12700027279059142,
            0.1306154747275454,
            0.12092615890445788,
            0.17676519859130096,
        ];
        assert_weights(&w, &pymcdm_cost_negated, REFERENCE);

        // pymcdm 1.4.0 `critic_weights(X)` as given (every column benefit).
        let w = critic_weights(&AIRCRAFT, 4, 6, &[true; 6]).unwrap();
        let pymcdm_all_benefit = [
            0.16910352655626698,
            0.15848412111022295,
            0.1705825534734865,
            0.15987482924283802,
            0.1628420509524129,
            0.1791129186647726,
        ];
        assert_weights(&w, &pymcdm_all_benefit, REFERENCE);
    }

    /// pymcdm 1.4.0: `weights.standard_deviation_weights(normalize_matrix(X,
    /// minmax_normalization, None))`. On raw units pymcdm gives payload 0.71 and speed 0.00017.
    #[test]
    fn standard_deviation_matches_pymcdm_on_minmax_aircraft() {
        let w = standard_deviation_weights(&AIRCRAFT, 4, 6, &AIRCRAFT_BENEFIT).unwrap();
        let pymcdm = [
            0.16503161458817442,
            0.16438771195885962,
            0.16226649132235288,
            0.1651761467553492,
            0.1579386049452878,
            0.18519943042997614,
        ];
        assert_weights(&w, &pymcdm, REFERENCE);
    }

    /// Independent numpy 2.4.6 / scipy 1.17.1 computation with `scipy.special.entr` (which
    /// defines 0 ln 0 = 0): a column containing 0, a constant column, and a positive column.
    #[test]
    fn entropy_with_zero_and_constant_column() {
        let x = [
            0.0, 3.0, 5.0, //
            2.0, 3.0, 1.0, //
            4.0, 3.0, 0.5, //
            1.0, 3.0, 2.0,
        ];
        let w = entropy_weights(&x, 4, 3, &[true; 3]).unwrap();
        assert_weights(
            &w,
            &[0.5773042569447826, 0.0, 0.42269574305521745],
            REFERENCE,
        );
        // Direction does not enter the entropy method.
        assert_eq!(w, entropy_weights(&x, 4, 3, &[false; 3]).unwrap());
    }

    /// Independent numpy 2.4.6 computation (`np.corrcoef`, `ddof=1`) with the documented rule
    /// r = 0 against a constant column; criterion 3 is a cost criterion.
    #[test]
    fn critic_and_sd_with_constant_column() {
        let x = [
            3.0, 7.0, 10.0, 4.0, //
            1.0, 7.0, 30.0, 5.0, //
            4.0, 7.0, 20.0, 1.0, //
            2.0, 7.0, 25.0, 3.0, //
            5.0, 7.0, 15.0, 2.0,
        ];
        let benefit = [true, true, false, true];
        let w = critic_weights(&x, 5, 4, &benefit).unwrap();
        assert_weights(
            &w,
            &[
                0.3163265306122448,
                0.0,
                0.2653061224489796,
                0.4183673469387755,
            ],
            REFERENCE,
        );
        let w = standard_deviation_weights(&x, 5, 4, &benefit).unwrap();
        let third = 1.0 / 3.0;
        assert_weights(&w, &[third, 0.0, third, third], REFERENCE);
    }

    /// Direct formula loop for CRITIC on a 3 x 2 matrix, by hand: normalised columns
    /// a = (0, 0.5, 1) and b = (0, 1, 0.5) have equal sigma = 0.5 and r = 0.5, so
    /// C_a = C_b = 0.5 * (0 + 0.5) and the weights are equal. Making b a cost criterion gives
    /// b' = (1, 0, 0.5), r = -0.5, still equal weights; adding a third column equal to a
    /// leaves a and the copy perfectly correlated (r snapped to 1).
    #[test]
    fn critic_hand_computation() {
        let x = [1.0, 10.0, 2.0, 30.0, 3.0, 20.0];
        assert_weights(
            &critic_weights(&x, 3, 2, &[true, true]).unwrap(),
            &[0.5, 0.5],
            REFERENCE,
        );
        assert_weights(
            &critic_weights(&x, 3, 2, &[true, false]).unwrap(),
            &[0.5, 0.5],
            REFERENCE,
        );
        // Columns: a, b, a in other units (x * 0.1 + 7). sigma all 0.5; r_ab = 0.5, r_aa' = 1.
        // C_a = C_a' = 0.5 * (0 + 0.5 + 0) = 0.25, C_b = 0.5 * (0.5 + 0 + 0.5) = 0.5.
        let x = [1.0, 10.0, 7.1, 2.0, 30.0, 7.2, 3.0, 20.0, 7.3];
        assert_weights(
            &critic_weights(&x, 3, 3, &[true; 3]).unwrap(),
            &[0.25, 0.5, 0.25],
            REFERENCE,
        );
    }

    #[test]
    fn degenerate_inputs_give_equal_weights() {
        let one_row = [3.0, 1.0e9, 0.0];
        let constant = [2.0, 5.0, 2.0, 5.0, 2.0, 5.0];
        // Perfectly correlated criteria (same data, other units) leave CRITIC no conflict.
        let duplicated = [0.1, 100.0, 0.7, 700.0, 0.3, 300.0];
        for f in [entropy_weights, critic_weights, standard_deviation_weights] {
            assert_eq!(f(&one_row, 1, 3, &[true; 3]).unwrap(), equal_weights(3));
            assert_eq!(
                f(&constant, 3, 2, &[true, false]).unwrap(),
                equal_weights(2)
            );
        }
        assert_eq!(
            critic_weights(&duplicated, 3, 2, &[true, true]).unwrap(),
            equal_weights(2)
        );
        assert!(equal_weights(0).is_empty());
    }

    #[test]
    fn malformed_input_is_an_error_naming_the_cell() {
        for f in [entropy_weights, critic_weights, standard_deviation_weights] {
            assert_eq!(
                f(&[], 0, 3, &[true; 3]),
                Err(ObjectiveError::Empty { rows: 0, cols: 3 })
            );
            assert_eq!(
                f(&[1.0; 5], 2, 3, &[true; 3]),
                Err(ObjectiveError::Shape {
                    len: 5,
                    rows: 2,
                    cols: 3
                })
            );
            assert_eq!(
                f(&[1.0; 6], 2, 3, &[true; 2]),
                Err(ObjectiveError::Directions { got: 2, cols: 3 })
            );
            let err = f(&[1.0, 2.0, 3.0, 4.0, f64::NAN, 6.0], 2, 3, &[true; 3]).unwrap_err();
            assert!(matches!(
                err,
                ObjectiveError::NonFinite { row: 1, col: 1, .. }
            ));
            assert!(
                err.to_string().contains("alternative 2, criterion 2"),
                "{err}"
            );
        }
        let err = entropy_weights(&[1.0, 2.0, 3.0, -4.0, 5.0, 6.0], 2, 3, &[true; 3]).unwrap_err();
        assert_eq!(
            err,
            ObjectiveError::Negative {
                row: 1,
                col: 0,
                value: -4.0
            }
        );
        assert!(
            err.to_string().contains("alternative 2, criterion 1"),
            "{err}"
        );
        // CRITIC and standard deviation accept negative data (e.g. growth rates).
        assert!(critic_weights(&[1.0, -2.0, 3.0, -4.0], 2, 2, &[true; 2]).is_ok());
    }

    #[test]
    fn extreme_magnitudes_stay_finite() {
        let x = [f64::MAX, -f64::MAX, 1.0, f64::MAX / 2.0, 0.5, 2.0];
        for f in [critic_weights, standard_deviation_weights] {
            let w = f(&x, 3, 2, &[true, false]).unwrap();
            assert!(w.iter().all(|v| v.is_finite()), "{w:?}");
        }
        let w = entropy_weights(&[f64::MAX, f64::MAX / 3.0, 1.0, 2.0], 2, 2, &[true; 2]).unwrap();
        assert!(w.iter().all(|v| v.is_finite()), "{w:?}");
    }

    /// A random matrix: 1..8 rows, 1..6 columns, values either small integers (many ties and
    /// constant columns) or spread over several orders of magnitude, with random directions.
    fn matrix() -> impl Strategy<Value = (Vec<f64>, usize, usize, Vec<bool>)> {
        (1usize..8, 1usize..6).prop_flat_map(|(rows, cols)| {
            let value = prop_oneof![(0u8..3).prop_map(f64::from), 0.0..1.0e6f64];
            (
                prop::collection::vec(value, rows * cols),
                Just(rows),
                Just(cols),
                prop::collection::vec(any::<bool>(), cols),
            )
        })
    }

    fn is_weight_vector(w: &[f64], cols: usize) -> bool {
        w.len() == cols
            && w.iter().all(|v| v.is_finite() && *v >= 0.0)
            && (w.iter().sum::<f64>() - 1.0).abs() < 1e-12
    }

    proptest! {
        #[test]
        fn weights_are_non_negative_and_sum_to_one((x, rows, cols, benefit) in matrix()) {
            for f in [entropy_weights, critic_weights, standard_deviation_weights] {
                let w = f(&x, rows, cols, &benefit).unwrap();
                prop_assert!(is_weight_vector(&w, cols), "{w:?}");
            }
            prop_assert!(is_weight_vector(&equal_weights(cols), cols));
        }

        #[test]
        fn entropy_invariant_to_positive_column_scaling(
            (x, rows, cols, benefit) in matrix(),
            col in any::<prop::sample::Index>(),
            factor in 1.0e-3..1.0e6f64,
        ) {
            let j = col.index(cols);
            let mut scaled = x.clone();
            for i in 0..rows { scaled[i * cols + j] *= factor; }
            let w = entropy_weights(&x, rows, cols, &benefit).unwrap();
            let ws = entropy_weights(&scaled, rows, cols, &benefit).unwrap();
            for (a, b) in w.iter().zip(&ws) { prop_assert!((a - b).abs() < INVARIANCE); }
        }

        #[test]
        fn critic_and_sd_invariant_to_positive_affine_change(
            (x, rows, cols, benefit) in matrix(),
            col in any::<prop::sample::Index>(),
            factor in 1.0e-3..1.0e6f64,
            offset in -1.0e3..1.0e3f64,
        ) {
            let j = col.index(cols);
            let mut moved = x.clone();
            // factor * (x + offset): a shift proportional to the scale, so the test does not
            // manufacture cancellation beyond what the data's own spread allows.
            for i in 0..rows { moved[i * cols + j] = (moved[i * cols + j] + offset) * factor; }
            for f in [critic_weights, standard_deviation_weights] {
                let w = f(&x, rows, cols, &benefit).unwrap();
                let wm = f(&moved, rows, cols, &benefit).unwrap();
                for (a, b) in w.iter().zip(&wm) { prop_assert!((a - b).abs() < INVARIANCE); }
            }
        }

        /// A cost criterion is the same as its negation taken as benefit.
        #[test]
        fn critic_cost_equals_negated_benefit(
            (x, rows, cols, benefit) in matrix(),
        ) {
            let mut flipped = x.clone();
            for i in 0..rows {
                for j in 0..cols {
                    if !benefit[j] { flipped[i * cols + j] = -flipped[i * cols + j]; }
                }
            }
            let w = critic_weights(&x, rows, cols, &benefit).unwrap();
            let wf = critic_weights(&flipped, rows, cols, &vec![true; cols]).unwrap();
            for (a, b) in w.iter().zip(&wf) { prop_assert!((a - b).abs() < INVARIANCE); }
        }
    }
}
