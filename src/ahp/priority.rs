//! Priority vectors, `lambda_max`, CI and CR.

use std::fmt;
use std::str::FromStr;

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::ahp::{AhpError, PairwiseMatrix, RandomIndexTable};

/// The power iteration stops when no weight changes by more than this in one step.
pub const EIGEN_TOLERANCE: f64 = 1e-15;

/// The power iteration gives up (with [`AhpError::NotConverged`]) after this many steps.
/// Positive matrices of the sizes met in practice converge in a few dozen.
pub const EIGEN_MAX_ITERATIONS: usize = 100_000;

/// Relative rounding allowance on `lambda_max >= n`: a `lambda_max` below `n` by at most
/// `LAMBDA_ROUNDING_TOLERANCE * n` is rounding noise and gives `CI = 0`; anything lower is an
/// [`AhpError::LambdaBelowN`].
pub const LAMBDA_ROUNDING_TOLERANCE: f64 = 1e-9;

/// Below this change a non-decreasing change is floating-point noise, not slow convergence.
const EIGEN_NOISE_FLOOR: f64 = 1e-13;
/// Steps without a new smallest change (below [`EIGEN_NOISE_FLOOR`]) before accepting.
const EIGEN_STALL_STEPS: usize = 64;

/// How the priority vector is derived from a pairwise matrix. Results differ in the third
/// decimal, so reports always say which method was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PriorityMethod {
    /// Saaty's principal right eigenvector (Saaty 1977, 1980), by power iteration.
    #[default]
    #[serde(rename = "eigenvector", alias = "eigen", alias = "ev")]
    Eigenvector,
    /// Row geometric mean (RGMM), the logarithmic least squares solution (LLSM) of Crawford &
    /// Williams (1985): `w_i ∝ (prod_j a_ij)^(1/n)`.
    #[serde(
        rename = "geometric",
        alias = "rgmm",
        alias = "llsm",
        alias = "geometric-mean"
    )]
    GeometricMean,
    /// Normalised column mean ("cara cepat"): divide each column by its sum, average each row.
    #[serde(rename = "column-mean", alias = "column", alias = "cara-cepat")]
    ColumnMean,
}

const METHOD_IDS: &str =
    "eigenvector, geometric (rgmm, llsm, geometric-mean), column-mean (column, cara-cepat)";

impl PriorityMethod {
    /// All methods, in a fixed order.
    #[must_use]
    pub fn all() -> [Self; 3] {
        [Self::Eigenvector, Self::GeometricMean, Self::ColumnMean]
    }

    /// The stable text id (used by `FromStr`, `Display` and serde).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Eigenvector => "eigenvector",
            Self::GeometricMean => "geometric",
            Self::ColumnMean => "column-mean",
        }
    }

    /// One-line description in Bahasa Indonesia, for reports.
    #[must_use]
    pub fn description_id(self) -> &'static str {
        match self {
            Self::Eigenvector => "vektor eigen utama (Saaty), dihitung dengan iterasi pangkat",
            Self::GeometricMean => "rata-rata geometrik baris (RGMM / LLSM)",
            Self::ColumnMean => "rata-rata baris matriks yang kolomnya dinormalisasi (cara cepat)",
        }
    }

    /// One-line description in English, for reports.
    #[must_use]
    pub fn description_en(self) -> &'static str {
        match self {
            Self::Eigenvector => "principal right eigenvector (Saaty), by power iteration",
            Self::GeometricMean => "row geometric mean (RGMM / LLSM)",
            Self::ColumnMean => "row mean of the column-normalised matrix (approximation)",
        }
    }
}

impl fmt::Display for PriorityMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for PriorityMethod {
    type Err = AhpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "eigenvector" | "eigen" | "ev" => Ok(Self::Eigenvector),
            "geometric" | "rgmm" | "llsm" | "geometric-mean" => Ok(Self::GeometricMean),
            "column-mean" | "column" | "cara-cepat" => Ok(Self::ColumnMean),
            _ => Err(AhpError::UnknownId {
                kind: "priority method",
                value: s.to_owned(),
                expected: METHOD_IDS,
            }),
        }
    }
}

/// The result of [`priorities`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priorities {
    /// Priority weights ("bobot"), positive, summing to 1, in the matrix's row order.
    pub weights: Vec<f64>,
    /// Principal eigenvalue estimate; `>= n` up to rounding. See [`priorities`] for how each
    /// method computes it.
    pub lambda_max: f64,
    /// Consistency index `(lambda_max - n) / (n - 1)`; exactly 0 for `n <= 2`, never negative.
    pub ci: f64,
    /// Random index `RI(n)` from [`Priorities::ri_table`]; `None` if the table stops before `n`.
    pub ri: Option<f64>,
    /// Consistency ratio `CI / RI(n)`; exactly 0 for `n <= 2`; `None` when `ri` is `None`.
    /// Judgments are conventionally accepted ("konsisten") when `cr <= 0.10`.
    pub cr: Option<f64>,
    /// The method that produced `weights` and `lambda_max`.
    pub method: PriorityMethod,
    /// The Random Index table used for `ri` and `cr`.
    pub ri_table: RandomIndexTable,
    /// Power-iteration steps (0 for the closed-form methods).
    pub iterations: usize,
}

/// Priority weights, `lambda_max`, CI and CR of a pairwise matrix.
///
/// * [`PriorityMethod::Eigenvector`]: power iteration `w <- A w / sum(A w)` from the row
///   geometric mean, until no weight changes by more than [`EIGEN_TOLERANCE`] (or, once below
///   `1e-13`, the change stops shrinking for 64 steps: the rounding floor). The matrix is
///   positive, so by Perron-Frobenius the dominant eigenvalue is simple with a positive
///   eigenvector and the iteration converges. `lambda_max = sum_i (A w)_i` with `sum w = 1`,
///   which at convergence is the eigenvalue itself.
/// * [`PriorityMethod::GeometricMean`]: `w_i ∝ exp(mean_j ln a_ij)` (Crawford & Williams 1985).
/// * [`PriorityMethod::ColumnMean`]: `w_i = mean_j (a_ij / sum_k a_kj)`.
///
/// For the two approximate methods `lambda_max = mean_i ((A w)_i / w_i)` with that method's own
/// `w`: the convention of pyDecision and of Indonesian spreadsheet practice. It equals the
/// eigenvalue only for a consistent matrix, so their CR differs slightly from the eigenvector
/// one.
///
/// `CI = (lambda_max - n) / (n - 1)` and `CR = CI / RI(n)` (Saaty 1980). For `n <= 2` every
/// reciprocal matrix is consistent: `CI = CR = 0` exactly. A `lambda_max` below `n` by at most
/// `LAMBDA_ROUNDING_TOLERANCE * n` is rounding and gives `CI = 0` (`lambda_max` is reported as
/// computed).
///
/// # Errors
///
/// [`AhpError::NotConverged`] if the power iteration fails (not expected for any positive
/// matrix); [`AhpError::LambdaBelowN`] if `lambda_max < n` beyond rounding (a computation
/// error: Saaty's theorem rules it out for reciprocal matrices).
///
/// # Examples
///
/// ```
/// use unggul::ahp::{priorities, PairwiseMatrix, PriorityMethod, RandomIndexTable};
///
/// let m = PairwiseMatrix::from_rows(&[vec![1.0, 4.0], vec![0.25, 1.0]])?;
/// let p = priorities(&m, PriorityMethod::GeometricMean, RandomIndexTable::SaatyClassic)?;
/// assert!((p.weights[0] - 0.8).abs() < 1e-12);
/// assert_eq!(p.cr, Some(0.0));
/// # Ok::<(), unggul::ahp::AhpError>(())
/// ```
pub fn priorities(
    m: &PairwiseMatrix,
    method: PriorityMethod,
    table: RandomIndexTable,
) -> Result<Priorities, AhpError> {
    let a = m.matrix();
    let n = m.n();
    let (weights, lambda_max, iterations) = match method {
        PriorityMethod::Eigenvector => {
            let (w, iterations) = principal_eigenvector(a)?;
            // sum_i (A w)_i = lambda * sum_i w_i = lambda, since sum w = 1.
            let lambda: f64 = (0..n).map(|i| row_dot(a, i, &w)).sum();
            (w, lambda, iterations)
        }
        PriorityMethod::GeometricMean => {
            let w = row_geometric_mean(a);
            let lambda = mean_ratio_lambda(a, &w);
            (w, lambda, 0)
        }
        PriorityMethod::ColumnMean => {
            let w = column_mean(a);
            let lambda = mean_ratio_lambda(a, &w);
            (w, lambda, 0)
        }
    };
    let ci = consistency_index(lambda_max, n, m.is_exactly_reciprocal())?;
    let ri = table.value(n);
    let cr = if n <= 2 {
        Some(0.0)
    } else {
        // Every table value for n > 2 is positive, so the division is safe.
        ri.map(|ri| ci / ri)
    };
    Ok(Priorities {
        weights,
        lambda_max,
        ci,
        ri,
        cr,
        method,
        ri_table: table,
        iterations,
    })
}

/// `CI = (lambda_max - n) / (n - 1)`, 0 for `n <= 2`, rounding below `n` clamped to 0.
/// A matrix typed with rounded reciprocals (0.333 for 1/3) can have `lambda_max` slightly
/// below `n`; that is the input's rounding, not an error, and its CI is clamped to 0 too.
fn consistency_index(lambda_max: f64, n: usize, exactly_reciprocal: bool) -> Result<f64, AhpError> {
    if n <= 2 {
        return Ok(0.0);
    }
    let nf = n as f64;
    let excess = lambda_max - nf;
    if excess >= 0.0 {
        Ok(excess / (nf - 1.0))
    } else if -excess <= LAMBDA_ROUNDING_TOLERANCE * nf
        || (!exactly_reciprocal && lambda_max.is_finite())
    {
        Ok(0.0)
    } else {
        // Also catches a NaN lambda_max, which fails `excess >= 0.0` and the tolerance test.
        Err(AhpError::LambdaBelowN { lambda_max, n })
    }
}

/// `(A w)_i`.
fn row_dot(a: &DMatrix<f64>, i: usize, w: &[f64]) -> f64 {
    w.iter().enumerate().map(|(j, wj)| a[(i, j)] * wj).sum()
}

/// Scales `v` to sum 1 (entries are positive here, so the sum is too).
fn normalise(mut v: Vec<f64>) -> Vec<f64> {
    let s: f64 = v.iter().sum();
    for x in &mut v {
        *x /= s;
    }
    v
}

/// RGMM weights via logs, so long rows of large judgments cannot overflow the product.
fn row_geometric_mean(a: &DMatrix<f64>) -> Vec<f64> {
    let n = a.nrows();
    normalise(
        (0..n)
            .map(|i| ((0..n).map(|j| a[(i, j)].ln()).sum::<f64>() / n as f64).exp())
            .collect(),
    )
}

/// Row means of the column-normalised matrix.
fn column_mean(a: &DMatrix<f64>) -> Vec<f64> {
    let n = a.nrows();
    let col_sums: Vec<f64> = (0..n).map(|j| a.column(j).sum()).collect();
    normalise(
        (0..n)
            .map(|i| (0..n).map(|j| a[(i, j)] / col_sums[j]).sum::<f64>() / n as f64)
            .collect(),
    )
}

/// `mean_i ((A w)_i / w_i)`: the spreadsheet estimate of `lambda_max` for approximate `w`.
fn mean_ratio_lambda(a: &DMatrix<f64>, w: &[f64]) -> f64 {
    let n = w.len();
    (0..n).map(|i| row_dot(a, i, w) / w[i]).sum::<f64>() / n as f64
}

/// Power iteration for the Perron vector, normalised to sum 1; returns it and the step count.
fn principal_eigenvector(a: &DMatrix<f64>) -> Result<(Vec<f64>, usize), AhpError> {
    let n = a.nrows();
    // The RGMM vector is already close to the eigenvector, so few steps are needed.
    let mut w = row_geometric_mean(a);
    let mut best = f64::INFINITY;
    let mut stalled = 0;
    let mut change = f64::INFINITY;
    for step in 1..=EIGEN_MAX_ITERATIONS {
        let next = normalise((0..n).map(|i| row_dot(a, i, &w)).collect());
        change = next
            .iter()
            .zip(&w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        w = next;
        if change <= EIGEN_TOLERANCE {
            return Ok((w, step));
        }
        if change < best {
            best = change;
            stalled = 0;
        } else {
            stalled += 1;
            // Rounding can make the iterate hop between neighbouring floats forever.
            if best <= EIGEN_NOISE_FLOOR && stalled >= EIGEN_STALL_STEPS {
                return Ok((w, step));
            }
        }
    }
    Err(AhpError::NotConverged {
        iterations: EIGEN_MAX_ITERATIONS,
        change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ahp::SAATY_SCALE;
    use proptest::prelude::*;

    /// Published 8-decimal values (Saaty 2008 drinks eigenvector).
    const TOL_8DP: f64 = 1e-8;
    /// Published 6-7 decimal values.
    const TOL_6DP: f64 = 1e-6;
    /// Published 4-decimal values (half a unit in the last place).
    const TOL_4DP: f64 = 5e-5;
    /// Agreement with independent linear algebra.
    const TOL_ORACLE: f64 = 1e-10;
    /// Residual `|A w - lambda w|` of the eigenvector, relative to lambda.
    const TOL_RESIDUAL: f64 = 1e-12;
    /// Recovering the weights of a consistent matrix.
    const TOL_RECOVER: f64 = 1e-10;
    const TOL_SUM: f64 = 1e-12;

    /// Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
    /// Sciences 1(1), 83-98: relative consumption of drinks in the USA (DOMAIN.md section 6).
    fn drinks() -> PairwiseMatrix {
        let t = 1.0 / 3.0;
        PairwiseMatrix::from_rows(&[
            vec![1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 0.5],
            vec![
                1.0 / 9.0,
                1.0,
                t,
                1.0 / 9.0,
                1.0 / 9.0,
                1.0 / 9.0,
                1.0 / 9.0,
            ],
            vec![0.2, 3.0, 1.0, t, 0.25, t, 1.0 / 9.0],
            vec![0.5, 9.0, 3.0, 1.0, 0.5, 1.0, t],
            vec![1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 0.5],
            vec![1.0, 9.0, 3.0, 1.0, 0.5, 1.0, t],
            vec![2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
        ])
        .unwrap()
    }

    /// The 4 x 4 example of DOMAIN.md section 6.
    fn four() -> PairwiseMatrix {
        PairwiseMatrix::from_upper(4, |i, j| match (i, j) {
            (0, 1) | (1, 2) | (2, 3) => 3.0,
            (0, 2) | (1, 3) => 5.0,
            _ => 7.0,
        })
        .unwrap()
    }

    fn run(m: &PairwiseMatrix, method: PriorityMethod, t: RandomIndexTable) -> Priorities {
        priorities(m, method, t).unwrap()
    }

    /// Independent oracle: the eigenvalue of largest real part from nalgebra's Schur form.
    fn schur_lambda_max(m: &PairwiseMatrix) -> f64 {
        m.matrix()
            .complex_eigenvalues()
            .iter()
            .map(|c| c.re)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Independent oracle: the null vector of `A - lambda I` from an SVD, normalised to sum 1.
    fn svd_null_vector(m: &PairwiseMatrix, lambda: f64) -> Vec<f64> {
        let n = m.n();
        let shifted = m.matrix() - nalgebra::DMatrix::identity(n, n) * lambda;
        let svd = shifted.svd(false, true);
        let v_t = svd.v_t.unwrap();
        // `svd` sorts singular values descending: the last right singular vector spans the
        // null space.
        let v: Vec<f64> = v_t.row(n - 1).iter().copied().collect();
        let s: f64 = v.iter().sum();
        v.iter().map(|x| x / s).collect()
    }

    fn assert_eigenpair(m: &PairwiseMatrix, p: &Priorities) {
        let n = m.n();
        for i in 0..n {
            let aw = row_dot(m.matrix(), i, &p.weights);
            approx::assert_abs_diff_eq!(
                aw,
                p.lambda_max * p.weights[i],
                epsilon = TOL_RESIDUAL * p.lambda_max
            );
        }
        approx::assert_abs_diff_eq!(p.lambda_max, schur_lambda_max(m), epsilon = TOL_ORACLE);
    }

    #[test]
    fn drinks_eigenvector_matches_saaty_2008() {
        let m = drinks();
        let p = run(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        );
        let expected = [
            0.17745675, 0.01914948, 0.04183118, 0.11641703, 0.18957238, 0.12878055, 0.32679264,
        ];
        for (w, e) in p.weights.iter().zip(expected) {
            approx::assert_abs_diff_eq!(*w, e, epsilon = TOL_8DP);
        }
        approx::assert_abs_diff_eq!(p.lambda_max, 7.17662904, epsilon = TOL_8DP);
        approx::assert_abs_diff_eq!(p.ci, 0.0294382, epsilon = TOL_6DP);
        // CR 0.0223 under RI(7) = 1.32 (Saaty classic) and 0.0218 under 1.35 (Saaty 2005).
        assert_eq!(p.ri, Some(1.32));
        approx::assert_abs_diff_eq!(p.cr.unwrap(), 0.0223, epsilon = TOL_4DP);
        let p05 = run(&m, PriorityMethod::Eigenvector, RandomIndexTable::Saaty2005);
        approx::assert_abs_diff_eq!(p05.cr.unwrap(), 0.0218, epsilon = TOL_4DP);
        assert!(p.iterations > 0);
        assert_eq!(p.method, PriorityMethod::Eigenvector);
        assert_eq!(p.ri_table, RandomIndexTable::SaatyClassic);
        assert_eigenpair(&m, &p);
    }

    #[test]
    fn drinks_eigenvector_matches_an_svd_null_vector() {
        let m = drinks();
        let p = run(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        );
        let v = svd_null_vector(&m, schur_lambda_max(&m));
        for (w, x) in p.weights.iter().zip(&v) {
            approx::assert_abs_diff_eq!(*w, *x, epsilon = TOL_ORACLE);
        }
    }

    #[test]
    fn drinks_rgmm_matches_published_values() {
        // DOMAIN.md section 6: RGMM weights of the Saaty (2008) drinks matrix.
        let p = run(
            &drinks(),
            PriorityMethod::GeometricMean,
            RandomIndexTable::SaatyClassic,
        );
        let expected = [
            0.178723, 0.018461, 0.042234, 0.116498, 0.191136, 0.128625, 0.324323,
        ];
        for (w, e) in p.weights.iter().zip(expected) {
            approx::assert_abs_diff_eq!(*w, e, epsilon = TOL_6DP);
        }
        assert_eq!(p.iterations, 0);
    }

    #[test]
    fn four_by_four_example_matches_published_values() {
        // DOMAIN.md section 6, 4 x 4 [1,3,5,7; 1/3,1,3,5; 1/5,1/3,1,3; 1/7,1/5,1/3,1].
        let m = four();
        let cm = run(
            &m,
            PriorityMethod::ColumnMean,
            RandomIndexTable::SaatyClassic,
        );
        for (w, e) in cm.weights.iter().zip([0.5579, 0.2633, 0.1219, 0.0569]) {
            approx::assert_abs_diff_eq!(*w, e, epsilon = TOL_4DP);
        }
        let ev = run(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        );
        for (w, e) in ev.weights.iter().zip([0.5650, 0.2622, 0.1175, 0.0553]) {
            approx::assert_abs_diff_eq!(*w, e, epsilon = TOL_4DP);
        }
        // CR 0.043 with RI(4) = 0.90, published to 3 decimals.
        assert_eq!(ev.ri, Some(0.90));
        approx::assert_abs_diff_eq!(ev.cr.unwrap(), 0.043, epsilon = 5e-4);
        assert_eigenpair(&m, &ev);
    }

    #[test]
    fn approximate_methods_use_the_mean_ratio_lambda() {
        // Independent recomputation of mean_i((A w)_i / w_i) for the column-mean weights.
        let m = four();
        let p = run(
            &m,
            PriorityMethod::ColumnMean,
            RandomIndexTable::SaatyClassic,
        );
        let a = m.to_rows();
        let lambda: f64 = (0..4)
            .map(|i| (0..4).map(|j| a[i][j] * p.weights[j]).sum::<f64>() / p.weights[i])
            .sum::<f64>()
            / 4.0;
        approx::assert_relative_eq!(p.lambda_max, lambda, max_relative = 1e-14);
        approx::assert_relative_eq!(p.ci, (lambda - 4.0) / 3.0, max_relative = 1e-12);
    }

    #[test]
    fn small_orders_are_consistent_by_definition() {
        let one = PairwiseMatrix::identity(1);
        let two = PairwiseMatrix::from_rows(&[vec![1.0, 7.0], vec![1.0 / 7.0, 1.0]]).unwrap();
        for method in PriorityMethod::all() {
            let p = run(&one, method, RandomIndexTable::AlonsoLamata);
            assert_eq!(p.weights, vec![1.0]);
            assert_eq!((p.ci, p.cr, p.ri), (0.0, Some(0.0), Some(0.0)));
            let p = run(&two, method, RandomIndexTable::SaatyClassic);
            approx::assert_abs_diff_eq!(p.weights[0], 0.875, epsilon = TOL_RECOVER);
            assert_eq!((p.ci, p.cr), (0.0, Some(0.0)));
        }
    }

    #[test]
    fn cr_is_none_beyond_the_table() {
        let m = PairwiseMatrix::from_upper(16, |i, j| if (i + j) % 3 == 0 { 3.0 } else { 0.5 })
            .unwrap();
        let p = run(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::SaatyClassic,
        );
        assert_eq!((p.ri, p.cr), (None, None));
        assert!(p.ci > 0.0);
        let dd = run(
            &m,
            PriorityMethod::Eigenvector,
            RandomIndexTable::DoneganDodd,
        );
        assert_eq!(dd.ri, Some(1.5078));
        approx::assert_relative_eq!(dd.cr.unwrap(), dd.ci / 1.5078, max_relative = 1e-15);
    }

    #[test]
    fn consistency_index_clamps_rounding_and_rejects_real_deficits() {
        assert_eq!(consistency_index(3.0 - 1e-12, 3, true), Ok(0.0));
        assert_eq!(consistency_index(2.5, 2, true), Ok(0.0));
        assert_eq!(
            consistency_index(2.9, 3, true),
            Err(AhpError::LambdaBelowN {
                lambda_max: 2.9,
                n: 3
            })
        );
        assert!(consistency_index(f64::NAN, 3, true).is_err());
        // Rounded reciprocals typed by hand (0.333 for 1/3) may pull lambda_max below n.
        assert_eq!(consistency_index(2.998, 3, false), Ok(0.0));
    }

    #[test]
    fn method_ids_parse_and_serialise() {
        for m in PriorityMethod::all() {
            assert_eq!(m.to_string().parse::<PriorityMethod>(), Ok(m));
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.id()));
            assert_eq!(serde_json::from_str::<PriorityMethod>(&json).unwrap(), m);
            assert!(!m.description_id().is_empty() && !m.description_en().is_empty());
        }
        for alias in ["rgmm", "LLSM", "geometric-mean"] {
            assert_eq!(alias.parse(), Ok(PriorityMethod::GeometricMean));
            let json = format!("\"{}\"", alias.to_ascii_lowercase());
            assert_eq!(
                serde_json::from_str::<PriorityMethod>(&json).unwrap(),
                PriorityMethod::GeometricMean
            );
        }
        for alias in ["column", "cara-cepat"] {
            assert_eq!(alias.parse(), Ok(PriorityMethod::ColumnMean));
        }
        assert!(matches!(
            "mean".parse::<PriorityMethod>(),
            Err(AhpError::UnknownId { .. })
        ));
    }

    /// A positive weight vector spanning four orders of magnitude, n in 1..=20.
    fn weight_vector() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(-4.6f64..4.6, 1..=20)
            .prop_map(|logs| logs.into_iter().map(f64::exp).collect())
    }

    /// A reciprocal matrix with Saaty-scale upper triangle, n in 1..=20.
    fn saaty_matrix() -> impl Strategy<Value = PairwiseMatrix> {
        (1usize..=20).prop_flat_map(|n| {
            prop::collection::vec(0usize..SAATY_SCALE.len(), n * n).prop_map(move |idx| {
                PairwiseMatrix::from_upper(n, |i, j| SAATY_SCALE[idx[i * n + j]]).unwrap()
            })
        })
    }

    /// A reciprocal matrix with arbitrary judgments from 1/1000 to 1000, n in 1..=20.
    fn wide_matrix() -> impl Strategy<Value = PairwiseMatrix> {
        (1usize..=20).prop_flat_map(|n| {
            prop::collection::vec(-6.9f64..6.9, n * n).prop_map(move |logs| {
                PairwiseMatrix::from_upper(n, |i, j| logs[i * n + j].exp()).unwrap()
            })
        })
    }

    proptest! {
        #[test]
        fn eigenvector_converges_for_extreme_judgments(m in wide_matrix()) {
            let p = priorities(&m, PriorityMethod::Eigenvector, RandomIndexTable::DoneganDodd)
                .unwrap();
            for i in 0..m.n() {
                let aw = row_dot(m.matrix(), i, &p.weights);
                prop_assert!((aw - p.lambda_max * p.weights[i]).abs() <= TOL_RESIDUAL * p.lambda_max);
            }
            prop_assert!((p.lambda_max - schur_lambda_max(&m)).abs() <= 1e-9 * p.lambda_max);
        }

        #[test]
        fn consistent_matrices_give_back_their_weights(w in weight_vector()) {
            let n = w.len();
            let total: f64 = w.iter().sum();
            let m = PairwiseMatrix::from_upper(n, |i, j| w[i] / w[j]).unwrap();
            for method in PriorityMethod::all() {
                let p = priorities(&m, method, RandomIndexTable::DoneganDodd).unwrap();
                for (got, wi) in p.weights.iter().zip(&w) {
                    prop_assert!((got - wi / total).abs() <= TOL_RECOVER, "{method}: {got} vs {}", wi / total);
                }
                prop_assert!(p.ci.abs() <= 1e-12, "{method}: ci {}", p.ci);
                prop_assert!(p.cr.unwrap().abs() <= 1e-12);
            }
        }

        #[test]
        fn weights_are_positive_and_sum_to_one(m in saaty_matrix()) {
            let n = m.n() as f64;
            for method in PriorityMethod::all() {
                let p = priorities(&m, method, RandomIndexTable::DoneganDodd).unwrap();
                prop_assert!(p.weights.iter().all(|w| *w > 0.0));
                prop_assert!((p.weights.iter().sum::<f64>() - 1.0).abs() <= TOL_SUM);
                prop_assert!(p.lambda_max >= n - LAMBDA_ROUNDING_TOLERANCE * n);
                prop_assert!(p.ci >= 0.0 && p.cr.is_some_and(|cr| cr >= 0.0));
            }
        }

        #[test]
        fn eigenvector_is_an_eigenpair_of_the_largest_eigenvalue(m in saaty_matrix()) {
            let p = priorities(&m, PriorityMethod::Eigenvector, RandomIndexTable::SaatyClassic)
                .unwrap();
            for i in 0..m.n() {
                let aw = row_dot(m.matrix(), i, &p.weights);
                prop_assert!((aw - p.lambda_max * p.weights[i]).abs() <= TOL_RESIDUAL * p.lambda_max);
            }
            prop_assert!((p.lambda_max - schur_lambda_max(&m)).abs() <= 1e-9 * p.lambda_max);
        }

        #[test]
        fn permuting_criteria_permutes_weights(
            (m, perm) in saaty_matrix().prop_flat_map(|m| {
                let n = m.n();
                (Just(m), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            })
        ) {
            let n = m.n();
            let permuted = PairwiseMatrix::from_upper(n, |i, j| m.get(perm[i], perm[j])).unwrap();
            for method in PriorityMethod::all() {
                let p = priorities(&m, method, RandomIndexTable::SaatyClassic).unwrap();
                let q = priorities(&permuted, method, RandomIndexTable::SaatyClassic).unwrap();
                for (i, &pi) in perm.iter().enumerate() {
                    prop_assert!((q.weights[i] - p.weights[pi]).abs() <= 1e-11);
                }
                prop_assert!((q.lambda_max - p.lambda_max).abs() <= 1e-9 * p.lambda_max);
            }
        }
    }
}
