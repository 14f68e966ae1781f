//! Tolerances, in one place (as statrs keeps its `prec`), so that two stages never accept and
//! reject the same numbers differently.

/// How far a weight vector's sum may be from 1 and still count as summing to 1. Every stage
/// (scoring, sensitivity, the study file's explicit weights, the raw commands) checks with this
/// one value, so a vector that passes one check passes them all. Computed weights are off by
/// rounding only (about 1e-15); a user's hand-typed vector off by more is rescaled with a note.
pub const WEIGHT_SUM: f64 = 1e-9;

/// Default tolerance under which two scores of one group are a tie (the study file's
/// `tie_tolerance`): far above rounding noise of a closeness in `[0, 1]` (about 1e-16), far
/// below any difference an indicator could make.
pub const TIE: f64 = 1e-9;

/// How far a diagonal judgment `a_ii` may be from 1.
pub const DIAGONAL: f64 = 1e-9;

/// Relative tolerance when checking that a judgment and its mirror are reciprocal
/// (`a_ij * a_ji = 1`): questionnaires write 1/3 as 0.33, which is 1 % off.
pub const RECIPROCAL: f64 = 0.01;

/// How far a rating may be from a whole step of its scale and still count as on the scale.
pub const SCALE_STEP: f64 = 1e-9;

/// Correlations within this of +1 are taken as exactly 1 (duplicated criteria in CRITIC).
pub const PERFECT_CORRELATION: f64 = 1e-12;

/// A critical weight within this of 0 or 1 lies at the end of the weight range: the ranking
/// changes only when a criterion is dropped or made the only one, which is a tie at the
/// extreme rather than a threshold a forum could reach.
pub const WEIGHT_RANGE_END: f64 = 1e-9;
