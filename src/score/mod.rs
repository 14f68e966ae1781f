//! Scoring maths: TOPSIS and the weighted sum (SAW) on a decision matrix.
//!
//! Pure functions of numbers: no files, no terminal. The decision matrix is
//! row-major, one row per alternative (UMKM candidate) and one column per
//! criterion, given as a [`MatrixView`].
//!
//! # Methods
//!
//! **TOPSIS** (Hwang & Yoon 1981, *Multiple Attribute Decision Making*,
//! Springer, ch. 3.4) on an `m x k` matrix `X` with weights `w` (sum 1):
//!
//! 1. normalise each column, `r_ij` (see [`Normalization`]);
//! 2. weight, `v_ij = w_j r_ij`;
//! 3. ideal `A+_j = w_j best_j` and anti-ideal `A-_j = w_j worst_j`, where
//!    `best_j` is the column **maximum** of `r` for a benefit criterion and the
//!    column **minimum** for a cost criterion (`worst_j` the opposite). Cost
//!    columns are never inverted with `1/x`: that changes the result;
//! 4. Euclidean distances `D+_i = ||v_i - A+||`, `D-_i = ||v_i - A-||`;
//! 5. closeness `C_i = D-_i / (D+_i + D-_i)` in `[0, 1]`; rank by `C`
//!    descending.
//!
//! **Weighted sum** (simple additive weighting, SAW; Hwang & Yoon 1981,
//! ch. 3.3): `score_i = sum_j w_j u_ij`, with utility `u_ij = r_ij` for a
//! benefit and `1 - r_ij` for a cost criterion.
//!
//! # Rules (decided; every function follows them)
//!
//! * **Normalisation never flips direction.** Per column `j`:
//!   vector `r = x / sqrt(sum_i x^2)`; min-max `r = (x - min) / (max - min)`;
//!   max `r = x / max_i |x|`; sum `r = x / sum_i |x|`. Direction enters only
//!   through the choice of ideal (TOPSIS) or utility (weighted sum).
//!   Other libraries (pymcdm) flip cost columns affinely for min-max
//!   (`(max - x) / (max - min)`) and max (`1 - x / max`); an affine flip
//!   `r -> a - r` maps the ideal onto the flipped ideal and keeps every
//!   `|r_ij - best_j|`, so TOPSIS distances and closeness are identical and
//!   results agree with pymcdm for vector, min-max and max normalisation.
//! * **Degenerate columns.** A column with zero norm (all zero), zero range
//!   (constant), zero `max |x|` or zero `sum |x|` gets `r = 0` for the whole
//!   column; its ideal and anti-ideal coincide and it contributes nothing to
//!   the distances.
//! * **Fixed reference** ([`Reference::Fixed`]): every criterion is
//!   normalised by its scale bounds, `r = (x - lo) / (hi - lo)`, whatever
//!   normalisation was asked for (results record [`Normalization::MinMax`]);
//!   `best = 1` for benefit and `0` for cost, `worst` the opposite. Scores
//!   then do not move when alternatives are added or removed (no rank
//!   reversal) and are comparable across groups.
//! * **Closeness of a fully degenerate row.** When `D+ + D- = 0` the
//!   alternative coincides with both the ideal and the anti-ideal: every
//!   weighted column is constant (a single candidate, identical candidates,
//!   or all weight on constant columns). Then `C = 0.5` exactly: the method
//!   cannot tell the alternative from the reference points, so it sits in the
//!   middle. No NaN is ever produced.
//! * **Inputs.** At least one row and one column; every value finite with
//!   `|x| <= 1e100` ([`MAX_ABS_VALUE`]; guarantees no overflow in sums of
//!   squares); weights finite, non-negative, one per criterion, summing to 1
//!   within [`crate::prec::WEIGHT_SUM`] (callers normalise and tell the user).
//!
//! For large inputs [`topsis_closeness`] computes only the closeness (vector
//! normalisation, relative reference) in two streaming passes, with the same
//! floating-point operations as [`topsis`].
//!
//! # Example
//!
//! ```
//! use unggul::score::{topsis, Direction, MatrixView, Normalization, Reference};
//! // 3 alternatives x 2 criteria: turnover (benefit), price (cost).
//! let data = [10.0, 5.0, 20.0, 9.0, 15.0, 6.0];
//! let x = MatrixView::new(&data, 3, 2).unwrap();
//! let r = topsis(
//!     x,
//!     &[0.5, 0.5],
//!     &[Direction::Benefit, Direction::Cost],
//!     Normalization::Vector,
//!     &Reference::Relative,
//! )
//! .unwrap();
//! assert_eq!(r.closeness.len(), 3);
//! assert!(r.closeness.iter().all(|c| (0.0..=1.0).contains(c)));
//! ```

/// Calls `$f::<C>(args)` with the const `C = $cols` for 1 to 16 columns
/// (every criteria set in use), else `$fallback`. Fixed widths let the hot
/// loops keep their accumulators in registers.
macro_rules! with_const_cols {
    ($cols:expr, $f:ident ( $($arg:expr),* ), $fallback:expr) => {
        match $cols {
            1 => $f::<1>($($arg),*),
            2 => $f::<2>($($arg),*),
            3 => $f::<3>($($arg),*),
            4 => $f::<4>($($arg),*),
            5 => $f::<5>($($arg),*),
            6 => $f::<6>($($arg),*),
            7 => $f::<7>($($arg),*),
            8 => $f::<8>($($arg),*),
            9 => $f::<9>($($arg),*),
            10 => $f::<10>($($arg),*),
            11 => $f::<11>($($arg),*),
            12 => $f::<12>($($arg),*),
            13 => $f::<13>($($arg),*),
            14 => $f::<14>($($arg),*),
            15 => $f::<15>($($arg),*),
            16 => $f::<16>($($arg),*),
            _ => $fallback,
        }
    };
}

mod kernel;
pub mod model;
mod normalize;
mod topsis;
mod weighted_sum;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

pub use kernel::topsis_closeness;
pub use model::ScoreModel;
pub use normalize::{Normalized, normalize};
pub use topsis::{TopsisResult, topsis};
pub use weighted_sum::{WeightedSumResult, weighted_sum};

/// Largest accepted magnitude of a matrix value or scale bound.
///
/// Far beyond any real quantity (turnover in Rupiah is below 1e16), and small
/// enough that sums of squares of any matrix that fits in memory stay finite.
pub const MAX_ABS_VALUE: f64 = 1e100;

/// Errors from the scoring maths. Row and column indices are 0-based.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// The matrix has no alternatives or no criteria.
    #[error(
        "the decision matrix is empty ({rows} alternatives x {cols} criteria); \
         give at least one alternative and one criterion"
    )]
    EmptyMatrix {
        /// Number of rows (alternatives) given.
        rows: usize,
        /// Number of columns (criteria) given.
        cols: usize,
    },
    /// The data slice does not hold `rows * cols` values.
    #[error(
        "the decision matrix has {len} values but {rows} alternatives x {cols} criteria \
         need {expected}; check the matrix shape"
    )]
    ShapeMismatch {
        /// Number of rows declared.
        rows: usize,
        /// Number of columns declared.
        cols: usize,
        /// `rows * cols` (saturating).
        expected: usize,
        /// Number of values actually given.
        len: usize,
    },
    /// A per-criterion list (weights, directions, bounds) has the wrong length.
    #[error(
        "{what} has {found} entries but the matrix has {expected} criteria; give one per criterion"
    )]
    CriteriaLengthMismatch {
        /// Which list: "weights", "directions", "lower bounds" or "upper bounds".
        what: &'static str,
        /// Number of criteria (matrix columns).
        expected: usize,
        /// Length of the list given.
        found: usize,
    },
    /// The output buffer of [`topsis_closeness`] does not have one slot per row.
    #[error("the output buffer has {found} slots but there are {expected} alternatives")]
    OutputLengthMismatch {
        /// Number of alternatives (matrix rows).
        expected: usize,
        /// Length of the buffer given.
        found: usize,
    },
    /// A matrix value is NaN or infinite.
    #[error(
        "value at row {row}, column {col} (0-based) is {value}; every value must be a finite number"
    )]
    NonFiniteValue {
        /// Row (alternative), 0-based.
        row: usize,
        /// Column (criterion), 0-based.
        col: usize,
        /// The offending value.
        value: f64,
    },
    /// A matrix value exceeds [`MAX_ABS_VALUE`] in magnitude.
    #[error(
        "value at row {row}, column {col} (0-based) is {value}, beyond the supported \
         magnitude 1e100; rescale the criterion (e.g. to millions)"
    )]
    ValueTooLarge {
        /// Row (alternative), 0-based.
        row: usize,
        /// Column (criterion), 0-based.
        col: usize,
        /// The offending value.
        value: f64,
    },
    /// A weight is negative, NaN or infinite.
    #[error(
        "weight of criterion {col} (0-based) is {value}; weights must be finite and non-negative"
    )]
    InvalidWeight {
        /// Column (criterion), 0-based.
        col: usize,
        /// The offending weight.
        value: f64,
    },
    /// Every weight is zero.
    #[error("all weights are zero; give at least one criterion a positive weight")]
    ZeroWeights,
    /// The weights do not sum to 1 within [`crate::prec::WEIGHT_SUM`].
    #[error(
        "the weights sum to {sum}, not 1 (tolerance 1e-9); divide each weight by their sum first"
    )]
    WeightsNotNormalized {
        /// The actual sum.
        sum: f64,
    },
    /// Fixed-reference bounds of a criterion are not finite or not `lower < upper`.
    #[error(
        "scale bounds of criterion {col} (0-based) are [{lower}, {upper}]; they must be \
         finite numbers within 1e100 with lower < upper"
    )]
    InvalidBounds {
        /// Column (criterion), 0-based.
        col: usize,
        /// Lower bound given.
        lower: f64,
        /// Upper bound given.
        upper: f64,
    },
    /// A value lies outside its criterion's fixed-reference bounds.
    #[error(
        "value {value} at row {row}, column {col} (0-based) lies outside the criterion's \
         scale [{lower}, {upper}]; fix the value or widen the bounds"
    )]
    OutOfBounds {
        /// Row (alternative), 0-based.
        row: usize,
        /// Column (criterion), 0-based.
        col: usize,
        /// The offending value.
        value: f64,
        /// Lower bound of the criterion.
        lower: f64,
        /// Upper bound of the criterion.
        upper: f64,
    },
    /// A direction name was not recognised.
    #[error(
        "unknown criterion direction '{0}'; use benefit (max, keuntungan) or cost (min, biaya)"
    )]
    UnknownDirection(String),
    /// A normalisation name was not recognised.
    #[error("unknown normalisation '{0}'; use vector, min-max, max or sum")]
    UnknownNormalization(String),
}

/// A borrowed, row-major decision matrix: `rows` alternatives x `cols` criteria.
///
/// Element `(i, j)` is `data[i * cols + j]`. The fields are public for cheap
/// construction; every scoring function re-checks the shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatrixView<'a> {
    /// Number of alternatives (rows).
    pub rows: usize,
    /// Number of criteria (columns).
    pub cols: usize,
    /// Row-major values, `rows * cols` of them.
    pub data: &'a [f64],
}

impl<'a> MatrixView<'a> {
    /// Views `data` as a `rows x cols` row-major matrix.
    ///
    /// # Errors
    ///
    /// [`ScoreError::EmptyMatrix`] if `rows` or `cols` is 0;
    /// [`ScoreError::ShapeMismatch`] if `data.len() != rows * cols`.
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::score::MatrixView;
    /// let x = MatrixView::new(&[1.0, 2.0, 3.0, 4.0], 2, 2).unwrap();
    /// assert_eq!(x.cols, 2);
    /// assert!(MatrixView::new(&[1.0, 2.0, 3.0], 2, 2).is_err());
    /// ```
    pub fn new(data: &'a [f64], rows: usize, cols: usize) -> Result<Self, ScoreError> {
        let view = Self { rows, cols, data };
        view.check_shape()?;
        Ok(view)
    }

    /// Checks `rows >= 1`, `cols >= 1` and `data.len() == rows * cols`.
    fn check_shape(&self) -> Result<(), ScoreError> {
        if self.rows == 0 || self.cols == 0 {
            return Err(ScoreError::EmptyMatrix {
                rows: self.rows,
                cols: self.cols,
            });
        }
        let expected = self.rows.saturating_mul(self.cols);
        if self.data.len() != expected {
            return Err(ScoreError::ShapeMismatch {
                rows: self.rows,
                cols: self.cols,
                expected,
                len: self.data.len(),
            });
        }
        Ok(())
    }

    /// Iterates over column `j` top to bottom.
    fn column(&self, j: usize) -> impl Iterator<Item = f64> + '_ {
        self.data.iter().skip(j).step_by(self.cols).copied()
    }
}

/// Whether more (benefit) or less (cost) of a criterion is better.
///
/// Parses case-insensitively from `benefit` / `max` / `keuntungan` and
/// `cost` / `min` / `biaya`; displays and serialises as `benefit` / `cost`
/// (deserialisation accepts every parse alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher values are better (atribut keuntungan).
    Benefit,
    /// Lower values are better (atribut biaya).
    Cost,
}

impl FromStr for Direction {
    type Err = ScoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "benefit" | "max" | "keuntungan" => Ok(Self::Benefit),
            "cost" | "min" | "biaya" => Ok(Self::Cost),
            _ => Err(ScoreError::UnknownDirection(s.to_owned())),
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Benefit => "benefit",
            Self::Cost => "cost",
        })
    }
}

impl<'de> Deserialize<'de> for Direction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Same aliases and case rules as `FromStr`, so study files accept "Biaya".
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How each column is normalised before weighting (never flips direction).
///
/// Ids: `vector`, `min-max`, `max`, `sum` (parsing is case-insensitive and
/// also accepts `minmax` / `min_max`). The default is `vector`, the
/// normalisation of Hwang & Yoon (1981).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalization {
    /// `r = x / sqrt(sum_i x^2)` (Hwang & Yoon 1981).
    #[default]
    Vector,
    /// `r = (x - min) / (max - min)`.
    MinMax,
    /// `r = x / max_i |x|`.
    Max,
    /// `r = x / sum_i |x|`.
    Sum,
}

impl Normalization {
    /// The canonical id (`vector`, `min-max`, `max`, `sum`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Vector => "vector",
            Self::MinMax => "min-max",
            Self::Max => "max",
            Self::Sum => "sum",
        }
    }
}

impl FromStr for Normalization {
    type Err = ScoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "vector" => Ok(Self::Vector),
            "min-max" | "minmax" | "min_max" => Ok(Self::MinMax),
            "max" => Ok(Self::Max),
            "sum" => Ok(Self::Sum),
            _ => Err(ScoreError::UnknownNormalization(s.to_owned())),
        }
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Normalization {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the ideal and anti-ideal come from.
///
/// Serialised as `{"kind": "relative"}` or
/// `{"kind": "fixed", "lower": [..], "upper": [..]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Reference {
    /// From the data: column best and worst of the normalised values.
    #[default]
    Relative,
    /// From each criterion's scale bounds (e.g. Likert 1 and 5): every
    /// column is normalised as `(x - lower) / (upper - lower)`, so the ideal
    /// is 1 (benefit) or 0 (cost). Avoids rank reversal when alternatives
    /// are added or removed.
    Fixed {
        /// Lower scale bound per criterion.
        lower: Vec<f64>,
        /// Upper scale bound per criterion.
        upper: Vec<f64>,
    },
}

/// Checks a per-criterion list length.
fn check_len(what: &'static str, found: usize, cols: usize) -> Result<(), ScoreError> {
    if found == cols {
        Ok(())
    } else {
        Err(ScoreError::CriteriaLengthMismatch {
            what,
            expected: cols,
            found,
        })
    }
}

/// Checks weights: one per criterion, finite, non-negative, summing to 1.
fn check_weights(weights: &[f64], cols: usize) -> Result<(), ScoreError> {
    check_len("weights", weights.len(), cols)?;
    for (col, &value) in weights.iter().enumerate() {
        // NaN is not finite, so this also rejects NaN.
        if !value.is_finite() || value < 0.0 {
            return Err(ScoreError::InvalidWeight { col, value });
        }
    }
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return Err(ScoreError::ZeroWeights);
    }
    if (sum - 1.0).abs() > crate::prec::WEIGHT_SUM {
        return Err(ScoreError::WeightsNotNormalized { sum });
    }
    Ok(())
}

/// Finds the first (row-major) value that is non-finite or too large.
fn check_values(x: &MatrixView<'_>) -> Result<(), ScoreError> {
    for (k, &value) in x.data.iter().enumerate() {
        // NaN fails `is_finite`; the failure is classified after.
        if !value.is_finite() || value.abs() > MAX_ABS_VALUE {
            let (row, col) = (k / x.cols, k % x.cols);
            return Err(if value.is_finite() {
                ScoreError::ValueTooLarge { row, col, value }
            } else {
                ScoreError::NonFiniteValue { row, col, value }
            });
        }
    }
    Ok(())
}

/// All input checks shared by the scoring functions, in reporting order.
fn check_inputs(
    x: &MatrixView<'_>,
    weights: Option<&[f64]>,
    directions: &[Direction],
) -> Result<(), ScoreError> {
    x.check_shape()?;
    if let Some(w) = weights {
        check_weights(w, x.cols)?;
    }
    check_len("directions", directions.len(), x.cols)?;
    check_values(x)
}

/// The ranking rule used everywhere: indices ordered best first, by higher score; exact ties
/// go to the candidate listed first (lower index). `0.0` and `-0.0` are equal; NaN (which
/// validated models never produce) ranks last.
pub fn ranking(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    // Stable sort: equal scores keep index order.
    order.sort_by(|&a, &b| {
        let (sa, sb) = (scores[a], scores[b]);
        match (sa.is_nan(), sb.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            (false, false) => sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal),
        }
    });
    order
}
