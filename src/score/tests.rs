//! Tests for the scoring maths: published reference values, an independent
//! textbook oracle, degenerate inputs, errors and property tests.

use approx::assert_relative_eq;
use proptest::prelude::*;

use super::*;

/// Published values rounded to 4 decimals.
const TOL_4DP: f64 = 1e-4;
/// Published values rounded to 3 decimals.
const TOL_3DP: f64 = 1e-3;
/// Published values given to 7 decimals.
const TOL_7DP: f64 = 1e-7;
/// Agreement between two implementations of the same formula.
const TOL_ORACLE: f64 = 1e-12;

use Direction::{Benefit, Cost};

fn view(data: &[f64], cols: usize) -> MatrixView<'_> {
    MatrixView::new(data, data.len() / cols, cols).expect("test matrix shape")
}

fn run_topsis(
    data: &[f64],
    cols: usize,
    w: &[f64],
    d: &[Direction],
    n: Normalization,
) -> TopsisResult {
    topsis(view(data, cols), w, d, n, &Reference::Relative).expect("valid test input")
}

fn assert_all_close(actual: &[f64], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len(), "length");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            (a - e).abs() <= tol,
            "index {i}: got {a}, expected {e} (tol {tol}); all: {actual:?}"
        );
    }
}

fn assert_all_rel(actual: &[f64], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len(), "length");
    for (a, e) in actual.iter().zip(expected) {
        assert_relative_eq!(*a, *e, epsilon = tol, max_relative = tol);
    }
}

fn assert_bits_eq(actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len(), "length");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert_eq!(a.to_bits(), e.to_bits(), "index {i}: {a} vs {e}");
    }
}

// ---------------------------------------------------------------------------
// Published reference values (DOMAIN.md section 6)
// ---------------------------------------------------------------------------

/// Hwang & Yoon (1981), *Multiple Attribute Decision Making*, fighter aircraft
/// example: max speed, ferry range, max payload, cost (cost), reliability,
/// manoeuvrability.
const AIRCRAFT: [f64; 24] = [
    2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0, //
    2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0, //
    1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0, //
    2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0,
];
const AIRCRAFT_W: [f64; 6] = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
const AIRCRAFT_D: [Direction; 6] = [Benefit, Benefit, Benefit, Cost, Benefit, Benefit];

#[test]
fn hwang_yoon_aircraft_vector() {
    // Hwang & Yoon (1981), ch. 3.4: C, S+ and S- to 4 decimals.
    let r = run_topsis(
        &AIRCRAFT,
        6,
        &AIRCRAFT_W,
        &AIRCRAFT_D,
        Normalization::Vector,
    );
    assert_all_close(&r.closeness, &[0.6433, 0.2684, 0.6135, 0.3123], TOL_4DP);
    assert_all_close(&r.d_plus, &[0.0546, 0.1197, 0.0580, 0.1009], TOL_4DP);
    assert_all_close(&r.d_minus, &[0.0984, 0.0439, 0.0920, 0.0458], TOL_4DP);
    assert_eq!(r.normalization, Normalization::Vector);
    // Cost criterion: ideal is the smallest cost (A3, 4.5), not 1/x.
    assert_relative_eq!(r.ideal[3], r.weighted[2 * 6 + 3], max_relative = TOL_ORACLE);
    assert_relative_eq!(
        r.anti_ideal[3],
        r.weighted[6 + 3],
        max_relative = TOL_ORACLE
    );
}

#[test]
fn hwang_yoon_aircraft_min_max() {
    // Same data with min-max normalisation (DOMAIN.md section 6, as pymcdm
    // computes it with its affine cost flip).
    let r = run_topsis(
        &AIRCRAFT,
        6,
        &AIRCRAFT_W,
        &AIRCRAFT_D,
        Normalization::MinMax,
    );
    assert_all_close(&r.closeness, &[0.6127, 0.3660, 0.5306, 0.3517], TOL_4DP);
}

#[test]
fn papathanasiou_ploskas_2018() {
    // Papathanasiou & Ploskas (2018), *Multiple Criteria Decision Aid*,
    // Springer, TOPSIS worked example: all benefit, vector normalisation.
    let x = [
        8.0, 7.0, 2.0, 1.0, //
        5.0, 3.0, 7.0, 5.0, //
        7.0, 5.0, 6.0, 4.0, //
        9.0, 9.0, 7.0, 3.0, //
        11.0, 10.0, 3.0, 7.0, //
        6.0, 9.0, 5.0, 4.0,
    ];
    let r = run_topsis(
        &x,
        4,
        &[0.4, 0.3, 0.1, 0.2],
        &[Benefit; 4],
        Normalization::Vector,
    );
    assert_all_close(
        &r.closeness,
        &[0.387, 0.327, 0.391, 0.615, 0.868, 0.493],
        TOL_3DP,
    );
}

#[test]
fn three_by_four_example() {
    // 3 x 4 all-benefit example, w = (4, 2, 6, 8) / 20 (DOMAIN.md section 6),
    // published to 7 decimals.
    let x = [9.0, 7.0, 6.0, 7.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 6.0];
    let w = [0.2, 0.1, 0.3, 0.4];
    let r = run_topsis(&x, 4, &w, &[Benefit; 4], Normalization::Vector);
    assert_all_close(&r.closeness, &[0.3876870, 0.6503238, 0.0834767], TOL_7DP);
}

#[test]
fn reference_values_through_kernel() {
    // The streaming kernel must reproduce the published aircraft closeness too.
    let mut c = [0.0; 4];
    topsis_closeness(view(&AIRCRAFT, 6), &AIRCRAFT_W, &AIRCRAFT_D, &mut c).expect("valid");
    assert_all_close(&c, &[0.6433, 0.2684, 0.6135, 0.3123], TOL_4DP);
}

// ---------------------------------------------------------------------------
// Independent textbook oracle
// ---------------------------------------------------------------------------

/// Straightforward TOPSIS written from the textbook, on `Vec<Vec<f64>>`.
/// Min-max and max flip cost columns affinely (as pymcdm does) and then treat
/// every column as benefit; vector and sum keep the textbook min-for-cost.
fn oracle_topsis(x: &[Vec<f64>], w: &[f64], d: &[Direction], n: Normalization) -> Vec<f64> {
    let m = x.len();
    let k = x[0].len();
    let col = |j: usize| x.iter().map(move |row| row[j]);
    let mut v = vec![vec![0.0; k]; m];
    let mut all_benefit = vec![false; k];
    for j in 0..k {
        let max = col(j).fold(f64::NEG_INFINITY, f64::max);
        let min = col(j).fold(f64::INFINITY, f64::min);
        let max_abs = col(j).map(f64::abs).fold(0.0, f64::max);
        let norm = col(j).map(|a| a * a).sum::<f64>().sqrt();
        let sum_abs: f64 = col(j).map(f64::abs).sum();
        for i in 0..m {
            let a = x[i][j];
            let r = match (n, d[j]) {
                (Normalization::Vector, _) => a / norm,
                (Normalization::Sum, _) => a / sum_abs,
                (Normalization::MinMax, Benefit) => (a - min) / (max - min),
                (Normalization::MinMax, Cost) => (max - a) / (max - min),
                (Normalization::Max, Benefit) => a / max_abs,
                (Normalization::Max, Cost) => 1.0 - a / max_abs,
            };
            v[i][j] = w[j] * r;
        }
        all_benefit[j] = matches!(n, Normalization::MinMax | Normalization::Max);
    }
    let mut pos = vec![0.0; k];
    let mut neg = vec![0.0; k];
    for j in 0..k {
        let vmax = v.iter().map(|r| r[j]).fold(f64::NEG_INFINITY, f64::max);
        let vmin = v.iter().map(|r| r[j]).fold(f64::INFINITY, f64::min);
        let benefit = all_benefit[j] || d[j] == Benefit;
        (pos[j], neg[j]) = if benefit { (vmax, vmin) } else { (vmin, vmax) };
    }
    v.iter()
        .map(|row| {
            let dp = row
                .iter()
                .zip(&pos)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt();
            let dm = row
                .iter()
                .zip(&neg)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt();
            dm / (dp + dm)
        })
        .collect()
}

fn to_rows(data: &[f64], cols: usize) -> Vec<Vec<f64>> {
    data.chunks_exact(cols).map(<[f64]>::to_vec).collect()
}

fn normalise_weights(raw: &[f64]) -> Vec<f64> {
    let s: f64 = raw.iter().sum();
    raw.iter().map(|w| w / s).collect()
}

const ALL_NORMALIZATIONS: [Normalization; 4] = [
    Normalization::Vector,
    Normalization::MinMax,
    Normalization::Max,
    Normalization::Sum,
];

#[test]
fn oracle_agrees_on_aircraft() {
    for n in ALL_NORMALIZATIONS {
        let r = run_topsis(&AIRCRAFT, 6, &AIRCRAFT_W, &AIRCRAFT_D, n);
        let o = oracle_topsis(&to_rows(&AIRCRAFT, 6), &AIRCRAFT_W, &AIRCRAFT_D, n);
        assert_all_rel(&r.closeness, &o, TOL_ORACLE);
    }
}

/// A random decision problem: rows >= 2 with continuous values, so the
/// oracle (which has no degenerate-case rules) is well defined.
fn problem() -> impl Strategy<Value = (usize, Vec<f64>, Vec<f64>, Vec<Direction>)> {
    (2usize..10, 1usize..7).prop_flat_map(|(rows, cols)| {
        (
            Just(cols),
            prop::collection::vec(-50.0..100.0f64, rows * cols),
            prop::collection::vec(0.01..1.0f64, cols).prop_map(|w| normalise_weights(&w)),
            prop::collection::vec(
                prop::bool::ANY.prop_map(|b| if b { Benefit } else { Cost }),
                cols,
            ),
        )
    })
}

proptest! {
    #[test]
    fn oracle_agrees_on_random_matrices((cols, x, w, d) in problem()) {
        for n in ALL_NORMALIZATIONS {
            let r = run_topsis(&x, cols, &w, &d, n);
            let o = oracle_topsis(&to_rows(&x, cols), &w, &d, n);
            assert_all_rel(&r.closeness, &o, TOL_ORACLE);
        }
    }
}

#[test]
fn wide_matrices_use_the_generic_path_and_agree() {
    // More than 16 criteria: no const-width specialisation.
    for cols in [16, 17, 20] {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 * 150.0 - 50.0
        };
        let x: Vec<f64> = (0..37 * cols).map(|_| next()).collect();
        let w = normalise_weights(&(0..cols).map(|_| next() + 60.0).collect::<Vec<_>>());
        let d: Vec<Direction> = (0..cols)
            .map(|j| if j % 3 == 0 { Cost } else { Benefit })
            .collect();
        for n in ALL_NORMALIZATIONS {
            let r = run_topsis(&x, cols, &w, &d, n);
            assert_all_rel(
                &r.closeness,
                &oracle_topsis(&to_rows(&x, cols), &w, &d, n),
                TOL_ORACLE,
            );
        }
        let r = run_topsis(&x, cols, &w, &d, Normalization::Vector);
        let mut c = vec![0.0; 37];
        topsis_closeness(view(&x, cols), &w, &d, &mut c).expect("valid");
        assert_bits_eq(&c, &r.closeness);
    }
}

// ---------------------------------------------------------------------------
// Degenerate inputs
// ---------------------------------------------------------------------------

/// Closeness of a matrix with column `j` removed and the remaining weights
/// renormalised (a column contributing nothing must give the same result:
/// both distances scale by the same factor).
fn closeness_without_column(
    data: &[f64],
    cols: usize,
    w: &[f64],
    d: &[Direction],
    j: usize,
    n: Normalization,
) -> Vec<f64> {
    let reduced: Vec<f64> = data
        .chunks_exact(cols)
        .flat_map(|row| {
            row.iter()
                .enumerate()
                .filter(|(c, _)| *c != j)
                .map(|(_, v)| *v)
        })
        .collect();
    let w_red: Vec<f64> = w
        .iter()
        .enumerate()
        .filter(|(c, _)| *c != j)
        .map(|(_, v)| *v)
        .collect();
    let d_red: Vec<Direction> = d
        .iter()
        .enumerate()
        .filter(|(c, _)| *c != j)
        .map(|(_, v)| *v)
        .collect();
    run_topsis(&reduced, cols - 1, &normalise_weights(&w_red), &d_red, n).closeness
}

const SMALL: [f64; 12] = [
    3.0, 7.0, 2.0, //
    1.0, 4.0, 9.0, //
    6.0, 5.0, 4.0, //
    2.0, 8.0, 5.0,
];
const SMALL_W: [f64; 3] = [0.3, 0.3, 0.4];
const SMALL_D: [Direction; 3] = [Benefit, Cost, Benefit];

fn with_column(data: &[f64], cols: usize, value: f64) -> Vec<f64> {
    data.chunks_exact(cols)
        .flat_map(|row| row.iter().copied().chain(std::iter::once(value)))
        .collect()
}

#[test]
fn constant_column_contributes_nothing() {
    let w = [0.2, 0.2, 0.3, 0.3];
    let d = [Benefit, Cost, Benefit, Cost];
    for n in ALL_NORMALIZATIONS {
        let x = with_column(&SMALL, 3, 5.0);
        let r = run_topsis(&x, 4, &w, &d, n);
        let expected = closeness_without_column(&x, 4, &w, &d, 3, n);
        assert_all_rel(&r.closeness, &expected, TOL_ORACLE);
        assert!(
            r.weighted
                .chunks_exact(4)
                .all(|row| (row[3] - r.ideal[3]).abs() == 0.0)
        );
    }
    // Min-max: a zero range gives r = 0 for the whole column.
    let r = run_topsis(
        &with_column(&SMALL, 3, 5.0),
        4,
        &w,
        &d,
        Normalization::MinMax,
    );
    assert!(r.normalized.chunks_exact(4).all(|row| row[3] == 0.0));
}

#[test]
fn all_zero_column_gives_zero_not_nan() {
    let w = [0.2, 0.2, 0.3, 0.3];
    let d = [Benefit, Cost, Benefit, Benefit];
    let x = with_column(&SMALL, 3, 0.0);
    for n in ALL_NORMALIZATIONS {
        let r = run_topsis(&x, 4, &w, &d, n);
        assert!(r.normalized.chunks_exact(4).all(|row| row[3] == 0.0));
        assert!(r.closeness.iter().all(|c| c.is_finite()));
        let expected = closeness_without_column(&x, 4, &w, &d, 3, n);
        assert_all_rel(&r.closeness, &expected, TOL_ORACLE);
    }
    let mut c = [0.0; 4];
    topsis_closeness(view(&x, 4), &w, &d, &mut c).expect("valid");
    assert_all_rel(
        &c,
        &closeness_without_column(&x, 4, &w, &d, 3, Normalization::Vector),
        TOL_ORACLE,
    );
}

#[test]
fn zero_weight_criterion_is_ignored() {
    let w = [0.5, 0.0, 0.5];
    for n in ALL_NORMALIZATIONS {
        let r = run_topsis(&SMALL, 3, &w, &SMALL_D, n);
        let expected = closeness_without_column(&SMALL, 3, &w, &SMALL_D, 1, n);
        assert_all_rel(&r.closeness, &expected, TOL_ORACLE);
    }
}

#[test]
fn identical_candidates_get_one_half() {
    let x = [4.0, 2.0, 7.0, 4.0, 2.0, 7.0, 4.0, 2.0, 7.0];
    for n in ALL_NORMALIZATIONS {
        let r = run_topsis(&x, 3, &SMALL_W, &SMALL_D, n);
        assert_all_close(&r.closeness, &[0.5; 3], 0.0);
        assert_all_close(&r.d_plus, &[0.0; 3], 0.0);
        assert_all_close(&r.d_minus, &[0.0; 3], 0.0);
    }
    let mut c = [0.0; 3];
    topsis_closeness(view(&x, 3), &SMALL_W, &SMALL_D, &mut c).expect("valid");
    assert_all_close(&c, &[0.5; 3], 0.0);
}

#[test]
fn single_candidate_gets_one_half() {
    let x = [4.0, 2.0, 7.0];
    for n in ALL_NORMALIZATIONS {
        let r = run_topsis(&x, 3, &SMALL_W, &SMALL_D, n);
        assert_all_close(&r.closeness, &[0.5], 0.0);
    }
    let mut c = [0.0];
    topsis_closeness(view(&x, 3), &SMALL_W, &SMALL_D, &mut c).expect("valid");
    assert_all_close(&c, &[0.5], 0.0);
}

#[test]
fn all_weight_on_constant_columns_gives_one_half() {
    // Column 0 is constant and carries all the weight.
    let x = [5.0, 1.0, 5.0, 9.0, 5.0, 3.0];
    let r = run_topsis(&x, 2, &[1.0, 0.0], &[Benefit, Cost], Normalization::Vector);
    assert_all_close(&r.closeness, &[0.5; 3], 0.0);
}

#[test]
fn tiny_and_huge_values_normalise_exactly() {
    // Squares of 1e-170 underflow; the norm is recomputed scaled.
    let tiny = [3e-170, 4e-170];
    let n = normalize(
        view(&tiny, 1),
        &[Benefit],
        Normalization::Vector,
        &Reference::Relative,
    )
    .expect("valid");
    assert_all_rel(&n.values, &[0.6, 0.8], TOL_ORACLE);
    let huge = [3e99, 4e99];
    let n = normalize(
        view(&huge, 1),
        &[Benefit],
        Normalization::Vector,
        &Reference::Relative,
    )
    .expect("valid");
    assert_all_rel(&n.values, &[0.6, 0.8], TOL_ORACLE);
    let mut c = [0.0; 2];
    topsis_closeness(view(&tiny, 1), &[1.0], &[Benefit], &mut c).expect("valid");
    assert_all_close(&c, &[0.0, 1.0], TOL_ORACLE);
}

// ---------------------------------------------------------------------------
// Fixed reference
// ---------------------------------------------------------------------------

fn likert(cols: usize) -> Reference {
    Reference::Fixed {
        lower: vec![1.0; cols],
        upper: vec![5.0; cols],
    }
}

#[test]
fn fixed_reference_hand_computed() {
    // Likert 1-5, benefit and cost, w = (0.5, 0.5): r = (x - 1) / 4,
    // A+ = (0.5, 0), A- = (0, 0.5). [4, 2]: v = (0.375, 0.125),
    // D+ = 0.125 sqrt 2, D- = 0.375 sqrt 2, C = 0.75.
    let x = [5.0, 1.0, 1.0, 5.0, 3.0, 3.0, 4.0, 2.0];
    let r = topsis(
        view(&x, 2),
        &[0.5, 0.5],
        &[Benefit, Cost],
        Normalization::Vector,
        &likert(2),
    )
    .expect("valid");
    assert_all_close(&r.closeness, &[1.0, 0.0, 0.5, 0.75], TOL_ORACLE);
    assert_all_close(&r.ideal, &[0.5, 0.0], 0.0);
    assert_all_close(&r.anti_ideal, &[0.0, 0.5], 0.0);
    assert_eq!(r.normalization, Normalization::MinMax);

    let s = weighted_sum(
        view(&x, 2),
        &[0.5, 0.5],
        &[Benefit, Cost],
        Normalization::Sum,
        &likert(2),
    )
    .expect("valid");
    assert_all_close(&s.scores, &[1.0, 0.0, 0.5, 0.75], TOL_ORACLE);
    assert_eq!(s.normalization, Normalization::MinMax);
}

#[test]
fn fixed_reference_has_no_rank_reversal() {
    // Adding an alternative leaves the others' closeness unchanged.
    let x = [2.0, 4.0, 3.0, 4.0, 3.0, 1.0, 5.0, 2.0, 2.0];
    let more = [x.as_slice(), &[1.0, 5.0, 5.0]].concat();
    let d = [Benefit, Benefit, Cost];
    let a = topsis(view(&x, 3), &SMALL_W, &d, Normalization::Vector, &likert(3)).expect("valid");
    let b = topsis(
        view(&more, 3),
        &SMALL_W,
        &d,
        Normalization::Vector,
        &likert(3),
    )
    .expect("valid");
    assert_all_close(&b.closeness[..3], &a.closeness, 0.0);
}

#[test]
fn fixed_reference_errors() {
    let x = [2.0, 4.0, 3.0, 6.0];
    let err = normalize(
        view(&x, 2),
        &[Benefit; 2],
        Normalization::Vector,
        &likert(2),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ScoreError::OutOfBounds {
            row: 1,
            col: 1,
            value: 6.0,
            lower: 1.0,
            upper: 5.0
        }
    );
    let bad = Reference::Fixed {
        lower: vec![1.0, 5.0],
        upper: vec![5.0, 5.0],
    };
    let err = normalize(view(&x, 2), &[Benefit; 2], Normalization::Vector, &bad).unwrap_err();
    assert_eq!(
        err,
        ScoreError::InvalidBounds {
            col: 1,
            lower: 5.0,
            upper: 5.0
        }
    );
    let nan = Reference::Fixed {
        lower: vec![f64::NAN, 1.0],
        upper: vec![5.0, 5.0],
    };
    let err = normalize(view(&x, 2), &[Benefit; 2], Normalization::Vector, &nan).unwrap_err();
    assert!(matches!(err, ScoreError::InvalidBounds { col: 0, .. }));
    let short = Reference::Fixed {
        lower: vec![1.0],
        upper: vec![5.0, 5.0],
    };
    let err = normalize(view(&x, 2), &[Benefit; 2], Normalization::Vector, &short).unwrap_err();
    assert_eq!(
        err,
        ScoreError::CriteriaLengthMismatch {
            what: "lower bounds",
            expected: 2,
            found: 1
        }
    );
    assert!(err.to_string().contains("lower bounds"));
}

// ---------------------------------------------------------------------------
// Weighted sum
// ---------------------------------------------------------------------------

#[test]
fn weighted_sum_min_max_hand_computed() {
    // Turnover (benefit) and price (cost), w = (0.7, 0.3):
    // u = (0, 1), (1, 0), (0.5, 0.75) -> 0.3, 0.7, 0.575.
    let x = [10.0, 5.0, 20.0, 9.0, 15.0, 6.0];
    let r = weighted_sum(
        view(&x, 2),
        &[0.7, 0.3],
        &[Benefit, Cost],
        Normalization::MinMax,
        &Reference::Relative,
    )
    .expect("valid");
    assert_all_close(&r.utilities, &[0.0, 1.0, 1.0, 0.0, 0.5, 0.75], TOL_ORACLE);
    assert_all_close(
        &r.contributions,
        &[0.0, 0.3, 0.7, 0.0, 0.35, 0.225],
        TOL_ORACLE,
    );
    assert_all_close(&r.scores, &[0.3, 0.7, 0.575], TOL_ORACLE);
}

#[test]
fn weighted_sum_other_normalisations_match_formula() {
    for n in [
        Normalization::Vector,
        Normalization::Max,
        Normalization::Sum,
    ] {
        let r = weighted_sum(view(&SMALL, 3), &SMALL_W, &SMALL_D, n, &Reference::Relative)
            .expect("valid");
        let rows = to_rows(&SMALL, 3);
        let expected: Vec<f64> = rows
            .iter()
            .map(|row| {
                (0..3)
                    .map(|j| {
                        let col = rows.iter().map(|r| r[j]);
                        let div = match n {
                            Normalization::Vector => col.map(|a| a * a).sum::<f64>().sqrt(),
                            Normalization::Max => col.map(f64::abs).fold(0.0, f64::max),
                            _ => col.map(f64::abs).sum(),
                        };
                        let r = row[j] / div;
                        SMALL_W[j] * if SMALL_D[j] == Benefit { r } else { 1.0 - r }
                    })
                    .sum()
            })
            .collect();
        assert_all_rel(&r.scores, &expected, TOL_ORACLE);
    }
}

#[test]
fn weighted_sum_zero_range_column() {
    // Constant column: benefit utility 0, cost utility 1 for everybody.
    let x = [1.0, 3.0, 3.0, 2.0, 3.0, 3.0];
    let r = weighted_sum(
        view(&x, 3),
        &[0.5, 0.25, 0.25],
        &[Benefit, Benefit, Cost],
        Normalization::MinMax,
        &Reference::Relative,
    )
    .expect("valid");
    for row in r.utilities.chunks_exact(3) {
        assert_all_close(&row[1..], &[0.0, 1.0], 0.0);
    }
    assert_all_close(&r.scores, &[0.25, 0.75], TOL_ORACLE);
}

// ---------------------------------------------------------------------------
// Input errors
// ---------------------------------------------------------------------------

#[test]
fn input_errors_name_the_place() {
    let vector = Normalization::Vector;
    let rel = &Reference::Relative;
    let mut x = SMALL;
    x[7] = f64::NAN;
    let err = topsis(view(&x, 3), &SMALL_W, &SMALL_D, vector, rel).unwrap_err();
    assert!(
        matches!(err, ScoreError::NonFiniteValue { row: 2, col: 1, .. }),
        "{err}"
    );
    let mut out = [0.0; 4];
    let err2 = topsis_closeness(view(&x, 3), &SMALL_W, &SMALL_D, &mut out).unwrap_err();
    assert!(
        matches!(err2, ScoreError::NonFiniteValue { row: 2, col: 1, .. }),
        "{err2}"
    );
    assert!(err.to_string().contains("row 2, column 1"));

    x[7] = f64::NEG_INFINITY;
    let err = topsis_closeness(view(&x, 3), &SMALL_W, &SMALL_D, &mut out).unwrap_err();
    assert!(matches!(
        err,
        ScoreError::NonFiniteValue { row: 2, col: 1, .. }
    ));
    x[7] = -2e100;
    let err = topsis_closeness(view(&x, 3), &SMALL_W, &SMALL_D, &mut out).unwrap_err();
    assert_eq!(
        err,
        ScoreError::ValueTooLarge {
            row: 2,
            col: 1,
            value: -2e100
        }
    );
    let err = weighted_sum(view(&x, 3), &SMALL_W, &SMALL_D, vector, rel).unwrap_err();
    assert_eq!(
        err,
        ScoreError::ValueTooLarge {
            row: 2,
            col: 1,
            value: -2e100
        }
    );

    let err = topsis(view(&SMALL, 3), &[0.3, 0.3, 0.3], &SMALL_D, vector, rel).unwrap_err();
    assert!(matches!(err, ScoreError::WeightsNotNormalized { .. }));
    let err = topsis(view(&SMALL, 3), &[0.7, -0.1, 0.4], &SMALL_D, vector, rel).unwrap_err();
    assert_eq!(
        err,
        ScoreError::InvalidWeight {
            col: 1,
            value: -0.1
        }
    );
    let err = topsis(
        view(&SMALL, 3),
        &[f64::NAN, 0.5, 0.5],
        &SMALL_D,
        vector,
        rel,
    )
    .unwrap_err();
    assert!(matches!(err, ScoreError::InvalidWeight { col: 0, .. }));
    let err = topsis(view(&SMALL, 3), &[0.0; 3], &SMALL_D, vector, rel).unwrap_err();
    assert_eq!(err, ScoreError::ZeroWeights);
    let err = topsis(view(&SMALL, 3), &[0.5, 0.5], &SMALL_D, vector, rel).unwrap_err();
    assert_eq!(
        err,
        ScoreError::CriteriaLengthMismatch {
            what: "weights",
            expected: 3,
            found: 2
        }
    );
    let err = topsis(view(&SMALL, 3), &SMALL_W, &[Benefit], vector, rel).unwrap_err();
    assert_eq!(
        err,
        ScoreError::CriteriaLengthMismatch {
            what: "directions",
            expected: 3,
            found: 1
        }
    );
    let err = topsis_closeness(view(&SMALL, 3), &SMALL_W, &SMALL_D, &mut [0.0; 3]).unwrap_err();
    assert_eq!(
        err,
        ScoreError::OutputLengthMismatch {
            expected: 4,
            found: 3
        }
    );

    let err = MatrixView::new(&[], 0, 3).unwrap_err();
    assert_eq!(err, ScoreError::EmptyMatrix { rows: 0, cols: 3 });
    let empty = MatrixView {
        rows: 2,
        cols: 0,
        data: &[],
    };
    let err = topsis(empty, &[], &[], vector, rel).unwrap_err();
    assert_eq!(err, ScoreError::EmptyMatrix { rows: 2, cols: 0 });
    let err = MatrixView::new(&SMALL, 3, 3).unwrap_err();
    assert_eq!(
        err,
        ScoreError::ShapeMismatch {
            rows: 3,
            cols: 3,
            expected: 9,
            len: 12
        }
    );
}

// ---------------------------------------------------------------------------
// Names: parsing, display, serde
// ---------------------------------------------------------------------------

#[test]
fn direction_names() {
    for s in ["benefit", "MAX", " Keuntungan "] {
        assert_eq!(s.parse::<Direction>(), Ok(Benefit), "{s}");
    }
    for s in ["Cost", "min", "BIAYA"] {
        assert_eq!(s.parse::<Direction>(), Ok(Cost), "{s}");
    }
    assert_eq!(
        "untung".parse::<Direction>(),
        Err(ScoreError::UnknownDirection("untung".into()))
    );
    assert_eq!(Benefit.to_string(), "benefit");
    assert_eq!(Cost.to_string(), "cost");
    assert_eq!(serde_json::to_string(&Cost).expect("serialise"), "\"cost\"");
    let d: Vec<Direction> = serde_json::from_str(r#"["benefit", "Biaya"]"#).expect("deserialise");
    assert_eq!(d, vec![Benefit, Cost]);
    assert!(serde_json::from_str::<Direction>("\"sideways\"").is_err());
}

#[test]
fn normalization_names() {
    for n in ALL_NORMALIZATIONS {
        assert_eq!(n.to_string().parse::<Normalization>(), Ok(n));
        let json = serde_json::to_string(&n).expect("serialise");
        assert_eq!(json, format!("\"{}\"", n.id()));
        assert_eq!(
            serde_json::from_str::<Normalization>(&json).expect("deserialise"),
            n
        );
    }
    assert_eq!(Normalization::MinMax.to_string(), "min-max");
    assert_eq!("MinMax".parse::<Normalization>(), Ok(Normalization::MinMax));
    assert!("l2".parse::<Normalization>().is_err());
    assert_eq!(Normalization::default(), Normalization::Vector);
}

#[test]
fn reference_serde_round_trip() {
    let r = likert(2);
    let json = serde_json::to_string(&r).expect("serialise");
    assert_eq!(
        json,
        r#"{"kind":"fixed","lower":[1.0,1.0],"upper":[5.0,5.0]}"#
    );
    assert_eq!(
        serde_json::from_str::<Reference>(&json).expect("deserialise"),
        r
    );
    let rel: Reference = serde_json::from_str(r#"{"kind":"relative"}"#).expect("deserialise");
    assert_eq!(rel, Reference::Relative);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// Values with frequent ties and constant columns (small integers) mixed with
/// continuous ones, any number of rows including 1.
fn tie_prone_problem() -> impl Strategy<Value = (usize, Vec<f64>, Vec<f64>, Vec<Direction>)> {
    (1usize..10, 1usize..6).prop_flat_map(|(rows, cols)| {
        let value = prop_oneof![-100.0..100.0f64, (0..3i32).prop_map(f64::from)];
        (
            Just(cols),
            prop::collection::vec(value, rows * cols),
            prop::collection::vec(prop_oneof![Just(0.0), 0.01..1.0f64], cols)
                .prop_filter("positive weight sum", |w| w.iter().sum::<f64>() > 0.0)
                .prop_map(|w| normalise_weights(&w)),
            prop::collection::vec(
                prop::bool::ANY.prop_map(|b| if b { Benefit } else { Cost }),
                cols,
            ),
        )
    })
}

proptest! {
    #[test]
    fn closeness_is_in_unit_interval((cols, x, w, d) in tie_prone_problem()) {
        for n in ALL_NORMALIZATIONS {
            let r = run_topsis(&x, cols, &w, &d, n);
            prop_assert!(r.closeness.iter().all(|c| (0.0..=1.0).contains(c)), "{:?}", r.closeness);
        }
    }

    #[test]
    fn kernel_equals_topsis((cols, x, w, d) in tie_prone_problem()) {
        let r = run_topsis(&x, cols, &w, &d, Normalization::Vector);
        let mut c = vec![0.0; r.closeness.len()];
        topsis_closeness(view(&x, cols), &w, &d, &mut c).expect("valid");
        // Same operations in the same order: bit-identical (stronger than 1e-12).
        assert_bits_eq(&c, &r.closeness);
    }

    #[test]
    fn column_scaling_keeps_vector_closeness(
        (cols, x, w, d) in problem(),
        scale in 0.01..100.0f64,
        j_seed in 0usize..100,
    ) {
        let j = j_seed % cols;
        let scaled: Vec<f64> = x
            .iter()
            .enumerate()
            .map(|(k, v)| if k % cols == j { v * scale } else { *v })
            .collect();
        let a = run_topsis(&x, cols, &w, &d, Normalization::Vector);
        let b = run_topsis(&scaled, cols, &w, &d, Normalization::Vector);
        assert_all_rel(&b.closeness, &a.closeness, TOL_ORACLE);
    }

    #[test]
    fn permuting_candidates_permutes_closeness(
        ((cols, x, w, d), perm) in tie_prone_problem().prop_flat_map(|p| {
            let rows = p.1.len() / p.0;
            (Just(p), Just((0..rows).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let permuted: Vec<f64> = perm
            .iter()
            .flat_map(|&i| x[i * cols..(i + 1) * cols].iter().copied())
            .collect();
        for n in ALL_NORMALIZATIONS {
            let a = run_topsis(&x, cols, &w, &d, n);
            let b = run_topsis(&permuted, cols, &w, &d, n);
            let expected: Vec<f64> = perm.iter().map(|&i| a.closeness[i]).collect();
            assert_all_rel(&b.closeness, &expected, TOL_ORACLE);
        }
    }

    #[test]
    fn weighted_sum_min_max_in_unit_interval((cols, x, w, d) in tie_prone_problem()) {
        let x: Vec<f64> = x.iter().map(|v| v.abs()).collect();
        let r = weighted_sum(view(&x, cols), &w, &d, Normalization::MinMax, &Reference::Relative)
            .expect("valid");
        prop_assert!(r.utilities.iter().all(|u| (0.0..=1.0).contains(u)));
        // sum(w) may exceed 1 by rounding, hence the tolerance at the top.
        prop_assert!(r.scores.iter().all(|s| *s >= 0.0 && *s <= 1.0 + TOL_ORACLE), "{:?}", r.scores);
    }
}
