//! Analytic Hierarchy Process (AHP): from pairwise judgments to priority weights.
//!
//! A decision maker compares criteria two at a time on Saaty's 1-9 scale ("tingkat
//! kepentingan"): `a_ij` says how much more important criterion `i` is than `j`, and
//! `a_ji = 1 / a_ij`. This module turns such a positive reciprocal matrix into weights
//! ("bobot", "vektor prioritas") and says how consistent the judgments were.
//!
//! * [`PairwiseMatrix`]: a validated positive reciprocal matrix; every validation error names
//!   the offending cell by 0-based `(row, col)`.
//! * [`priorities`]: weights by one of three [`PriorityMethod`]s (Saaty's principal eigenvector,
//!   the row geometric mean RGMM/LLSM of Crawford & Williams 1985, or the normalised column mean
//!   "cara cepat"), with `lambda_max`, the consistency index `CI = (lambda_max - n) / (n - 1)`
//!   and the consistency ratio `CR = CI / RI(n)` (Saaty 1980) under a selectable
//!   [`RandomIndexTable`]. The table changes the CR, so it is always reported with it.
//! * [`aggregate_judgments`] (AIJ) and [`aggregate_priorities`] (AIP): group AHP by weighted
//!   geometric or arithmetic means (Forman & Peniwati 1998; Aczél & Saaty 1983).
//! * [`rank_inconsistencies`]: which judgments to revisit, by Saaty's error
//!   `e_ij = a_ij w_j / w_i` (Saaty 2003, "Decision-making with the AHP: why is the principal
//!   eigenvector necessary").
//! * [`complete`]: fills the missing judgments of an incomplete matrix by the logarithmic least
//!   squares completion of Bozóki, Fülöp & Rónyai (2010); [`complete_harker`] by Harker's
//!   (1987) eigenvector method.
//!
//! Everything here is pure maths: no files, no terminal.
//!
//! # Example
//!
//! ```
//! use unggul::ahp::{priorities, PairwiseMatrix, PriorityMethod, RandomIndexTable};
//!
//! // Labour absorption is 3x as important as raw material, 5x as important as capital.
//! let m = PairwiseMatrix::from_upper(3, |i, j| [[1.0, 3.0, 5.0], [0.0, 1.0, 2.0], [0.0, 0.0, 1.0]][i][j])?;
//! let p = priorities(&m, PriorityMethod::Eigenvector, RandomIndexTable::SaatyClassic)?;
//! assert!((p.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
//! assert!(p.cr.is_some_and(|cr| cr <= 0.10)); // "konsisten"
//! # Ok::<(), unggul::ahp::AhpError>(())
//! ```

mod complete;
mod diagnose;
mod group;
mod matrix;
mod priority;
mod random_index;

pub use complete::{complete, complete_harker};
pub use diagnose::{JudgmentDiagnostic, SAATY_SCALE, rank_inconsistencies};
pub use group::{Aggregation, AipMean, aggregate_judgments, aggregate_priorities, geometric_mean};
pub use matrix::PairwiseMatrix;
pub use priority::{
    EIGEN_MAX_ITERATIONS, EIGEN_TOLERANCE, LAMBDA_ROUNDING_TOLERANCE, Priorities, PriorityMethod,
    priorities,
};
pub use random_index::RandomIndexTable;

/// Everything that can go wrong in the AHP maths. Cell indices are 0-based `(row, col)`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AhpError {
    /// The matrix has no rows.
    #[error("the pairwise comparison matrix is empty: give at least one criterion")]
    EmptyMatrix,

    /// A row has a different length from the number of rows.
    #[error(
        "row {row} has {len} entries but the matrix has {expected} rows: a pairwise \
         comparison matrix must be square (one row and one column per criterion)"
    )]
    NotSquare {
        /// 0-based index of the offending row.
        row: usize,
        /// Number of entries in that row.
        len: usize,
        /// Number of rows, i.e. the expected row length.
        expected: usize,
    },

    /// An entry is NaN or infinite.
    #[error("cell ({row}, {col}) is {value}: every judgment must be a finite number")]
    NonFinite {
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// An entry is zero or negative.
    #[error(
        "cell ({row}, {col}) is {value}: judgments must be positive (Saaty scale 1/9 .. 9; \
         write 1/3 as 0.333, not -3)"
    )]
    NonPositive {
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A diagonal entry is not 1.
    #[error("diagonal cell ({row}, {col}) is {value}: a criterion compared with itself must be 1")]
    DiagonalNotOne {
        /// 0-based row (equal to `col`).
        row: usize,
        /// 0-based column (equal to `row`).
        col: usize,
        /// The value found.
        value: f64,
    },

    /// `a_ij * a_ji` is not 1 within [`crate::prec::RECIPROCAL`].
    #[error(
        "cells ({row}, {col}) = {value} and ({col}, {row}) = {mirror} are not reciprocal \
         (product {product}, must be 1 within {tolerance}): if one is 3 the other must be 1/3; \
         a matrix entered column-wise or with a typo often shows up here"
    )]
    NotReciprocal {
        /// 0-based row of the upper-triangle cell.
        row: usize,
        /// 0-based column of the upper-triangle cell.
        col: usize,
        /// The value at `(row, col)`.
        value: f64,
        /// The value at `(col, row)`.
        mirror: f64,
        /// `value * mirror`.
        product: f64,
        /// The tolerance that was exceeded ([`crate::prec::RECIPROCAL`]).
        tolerance: f64,
    },

    /// The power iteration did not converge (should not happen for a positive matrix).
    #[error(
        "the principal eigenvector did not converge after {iterations} iterations (last \
         change {change:e}); use the geometric-mean method and please report this matrix"
    )]
    NotConverged {
        /// Iterations performed.
        iterations: usize,
        /// Largest change of a weight in the last iteration.
        change: f64,
    },

    /// `lambda_max < n` beyond rounding: impossible for a positive reciprocal matrix.
    #[error(
        "computed lambda_max {lambda_max} is below n = {n}, which is impossible for a positive \
         reciprocal matrix: this is a computation error, please report this matrix"
    )]
    LambdaBelowN {
        /// The computed `lambda_max`.
        lambda_max: f64,
        /// Matrix order.
        n: usize,
    },

    /// A text id (method, table, aggregation) is not known.
    #[error("unknown {kind} '{value}': expected one of {expected}")]
    UnknownId {
        /// What was being parsed, e.g. "priority method".
        kind: &'static str,
        /// The text given.
        value: String,
        /// The accepted ids, comma separated.
        expected: &'static str,
    },

    /// A group aggregation got no participants (or a mean got no values).
    #[error("nothing to aggregate: give at least one participant")]
    EmptyGroup,

    /// Participants' matrices or vectors differ in size.
    #[error(
        "participant {participant} has size {found} but participant 0 has size {expected}: \
         all participants must compare the same criteria"
    )]
    SizeMismatch {
        /// 0-based participant index.
        participant: usize,
        /// Size of participant 0.
        expected: usize,
        /// Size of this participant.
        found: usize,
    },

    /// The number of participant weights differs from the number of participants.
    #[error("{found} participant weights given for {expected} participants: give one weight each")]
    WeightCount {
        /// Number of participants.
        expected: usize,
        /// Number of weights given.
        found: usize,
    },

    /// A participant weight is negative or not finite.
    #[error("participant weight {index} is {value}: weights must be finite and non-negative")]
    InvalidParticipantWeight {
        /// 0-based participant index.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// All participant weights are zero.
    #[error("participant weights sum to zero: at least one participant must have positive weight")]
    ZeroWeightSum,

    /// A value to be averaged is not usable (non-finite, or not positive for a geometric mean).
    #[error(
        "participant {participant}, entry {index} is {value}: values must be finite and \
         positive (non-negative for an arithmetic mean)"
    )]
    InvalidValue {
        /// 0-based participant index.
        participant: usize,
        /// 0-based entry index.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// A known judgment of an incomplete matrix refers to a cell outside the matrix or on the
    /// diagonal.
    #[error(
        "judgment ({row}, {col}) is outside a {n} x {n} matrix or on its diagonal: indices are \
         0-based and a criterion is not compared with itself"
    )]
    JudgmentOutOfRange {
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
        /// Matrix order.
        n: usize,
    },

    /// The same pair was given twice in an incomplete matrix.
    #[error("pair ({row}, {col}) is given more than once: give each comparison once")]
    DuplicateJudgment {
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
    },

    /// The known comparisons do not connect all criteria, so the completion is not unique.
    #[error(
        "criterion {criterion} is not linked to criterion 0 by any chain of comparisons: add a \
         comparison between the two groups so the missing ones can be inferred"
    )]
    Disconnected {
        /// 0-based index of a criterion not reachable from criterion 0.
        criterion: usize,
    },
}
