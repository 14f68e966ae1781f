//! Errors of the sensitivity analyses.

use thiserror::Error;

/// What can be wrong with the input of a sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SensitivityError {
    /// A weight vector has the wrong number of entries.
    #[error(
        "weight vector has {found} entries but the model has {expected} criteria; give one weight per criterion"
    )]
    WeightLength {
        /// Number of criteria of the model.
        expected: usize,
        /// Number of weights given.
        found: usize,
    },
    /// A weight is negative, infinite or NaN.
    #[error("weight {index} is {value}; weights must be finite and non-negative")]
    InvalidWeight {
        /// Position of the weight (criterion index).
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// The elicited weights do not sum to 1.
    #[error("weights sum to {sum}, not 1; normalise them (divide each by their sum) first")]
    WeightSum {
        /// The actual sum.
        sum: f64,
    },
    /// A criterion index is out of range.
    #[error("criterion {criterion} does not exist: the model has {cols} criteria (0-based)")]
    CriterionOutOfRange {
        /// The index asked for.
        criterion: usize,
        /// Number of criteria.
        cols: usize,
    },
    /// A sweep needs at least the two end points.
    #[error("a sweep needs at least 2 points (t = 0 and t = 1), got {points}")]
    TooFewPoints {
        /// The number of points asked for.
        points: usize,
    },
    /// A score model's vectors do not match its declared size.
    #[error(
        "score model {group}: {what} has {found} values, expected {expected}; the model was built inconsistently"
    )]
    ModelShape {
        /// Index of the model (group) in the list given, 0 for a single model.
        group: usize,
        /// Which vector is wrong.
        what: &'static str,
        /// Expected length.
        expected: usize,
        /// Actual length.
        found: usize,
    },
    /// A score model has no criteria.
    #[error("score model {group} has no criteria; at least one criterion is needed")]
    NoCriteria {
        /// Index of the model (group).
        group: usize,
    },
    /// A score model holds a non-finite value or values so large that scores would overflow.
    #[error(
        "score model {group}, candidate {row}: values are not finite or too large to score; check the normalised decision matrix"
    )]
    NonFiniteModel {
        /// Index of the model (group).
        group: usize,
        /// The candidate (row) concerned.
        row: usize,
    },
    /// The groups of one SMAA run have different numbers of criteria.
    #[error(
        "group {group} has {found} criteria but group 0 has {expected}; one weight sample is shared by all groups, so they need the same criteria"
    )]
    ColumnMismatch {
        /// Index of the group that differs.
        group: usize,
        /// Number of criteria of group 0.
        expected: usize,
        /// Number of criteria of this group.
        found: usize,
    },
    /// The weight sampler produces a different number of criteria than the models.
    #[error("the weight sampler produces {found} weights but the models have {expected} criteria")]
    SamplerColumns {
        /// Number of criteria of the models.
        expected: usize,
        /// Number of weights per sample.
        found: usize,
    },
    /// Zero samples were requested.
    #[error("SMAA needs at least one weight sample; set samples > 0 (10,000 is usual)")]
    NoSamples,
    /// The chunk size is zero.
    #[error("the SMAA chunk size must be at least 1 (256 is the default)")]
    ZeroChunk,
    /// The Dirichlet concentration is not a positive finite number.
    #[error(
        "Dirichlet concentration {value} is invalid; use a positive number (larger means weights closer to the elicited ones)"
    )]
    InvalidConcentration {
        /// The offending value.
        value: f64,
    },
    /// A list of weight vectors given to a sampler is empty.
    #[error("no weight vectors given; give at least one")]
    NoVectors,
    /// A given weight vector cannot be scaled to sum 1.
    #[error(
        "weight vector {row} is invalid (negative, non-finite, wrong length or all zero); each needs {cols} non-negative weights with a positive sum"
    )]
    InvalidVector {
        /// Index of the vector.
        row: usize,
        /// Expected number of weights.
        cols: usize,
    },
    /// The relative noise on quantities is not in `[0, 1)`.
    #[error(
        "quantity noise {value} is invalid; use a share from 0 (exact values) up to but not including 1 (0.10 means up to 10 %)"
    )]
    InvalidQuantityNoise {
        /// The offending value.
        value: f64,
    },
    /// A group could not be turned into a score model (its data failed normalisation).
    #[error("scoring a group for the sensitivity analysis failed: {0}")]
    Scoring(String),
}

impl SensitivityError {
    /// `Ok` when a vector of group `group` has the `expected` length, else
    /// [`SensitivityError::ModelShape`] naming it.
    pub(crate) fn check_len(
        group: usize,
        what: &'static str,
        expected: usize,
        found: usize,
    ) -> Result<(), Self> {
        if expected == found {
            Ok(())
        } else {
            Err(Self::ModelShape {
                group,
                what,
                expected,
                found,
            })
        }
    }
}
