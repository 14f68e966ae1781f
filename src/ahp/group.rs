//! Group AHP: combining the judgments or priorities of several participants.
//!
//! AIJ (aggregation of individual judgments) takes the element-wise weighted geometric mean of
//! the participants' matrices, the only mean that keeps the result reciprocal (Aczél & Saaty
//! 1983). AIP (aggregation of individual priorities) averages the participants' priority vectors
//! (Forman & Peniwati 1998). With RGMM priorities, AIJ and geometric AIP give the same weights.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ahp::{AhpError, PairwiseMatrix};

/// How a panel's judgments become one weight vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Aggregation {
    /// Aggregate the judgments (element-wise geometric mean), then compute priorities.
    #[default]
    #[serde(rename = "aij")]
    Aij,
    /// Compute each participant's priorities, then take their weighted geometric mean.
    #[serde(rename = "aip-geometric")]
    AipGeometric,
    /// Compute each participant's priorities, then take their weighted arithmetic mean.
    #[serde(rename = "aip-arithmetic")]
    AipArithmetic,
}

impl Aggregation {
    /// All aggregations, in a fixed order.
    #[must_use]
    pub fn all() -> [Self; 3] {
        [Self::Aij, Self::AipGeometric, Self::AipArithmetic]
    }

    /// The stable text id (used by `FromStr`, `Display` and serde).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Aij => "aij",
            Self::AipGeometric => "aip-geometric",
            Self::AipArithmetic => "aip-arithmetic",
        }
    }
}

impl fmt::Display for Aggregation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Aggregation {
    type Err = AhpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "aij" => Ok(Self::Aij),
            "aip-geometric" => Ok(Self::AipGeometric),
            "aip-arithmetic" => Ok(Self::AipArithmetic),
            _ => Err(AhpError::UnknownId {
                kind: "aggregation",
                value: s.to_owned(),
                expected: "aij, aip-geometric, aip-arithmetic",
            }),
        }
    }
}

/// Which mean [`aggregate_priorities`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AipMean {
    /// Weighted geometric mean of each weight, then renormalised.
    #[serde(rename = "geometric")]
    Geometric,
    /// Weighted arithmetic mean of each weight (already sums to 1).
    #[serde(rename = "arithmetic")]
    Arithmetic,
}

/// Participant weights normalised to sum 1; `None` means equal weights.
fn participant_weights(count: usize, weights: Option<&[f64]>) -> Result<Vec<f64>, AhpError> {
    if count == 0 {
        return Err(AhpError::EmptyGroup);
    }
    let Some(weights) = weights else {
        return Ok(vec![1.0 / count as f64; count]);
    };
    if weights.len() != count {
        return Err(AhpError::WeightCount {
            expected: count,
            found: weights.len(),
        });
    }
    if let Some((index, &value)) = weights
        .iter()
        .enumerate()
        .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
    {
        return Err(AhpError::InvalidParticipantWeight { index, value });
    }
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return Err(AhpError::ZeroWeightSum);
    }
    Ok(weights.iter().map(|w| w / sum).collect())
}

/// Weighted geometric mean `exp(sum_k λ_k ln x_k)` with `λ` the normalised `weights` (equal if
/// `None`): "rata-rata geometrik" of the participants' answers to one question.
///
/// # Errors
///
/// [`AhpError::EmptyGroup`] for no values; [`AhpError::InvalidValue`] (with `participant` the
/// value's index and `index` 0) for a value that is not finite and positive; the participant
/// weight errors of [`aggregate_judgments`].
///
/// # Examples
///
/// ```
/// use unggul::ahp::geometric_mean;
///
/// let g = geometric_mean(&[2.0, 8.0], None)?;
/// assert!((g - 4.0).abs() < 1e-12);
/// # Ok::<(), unggul::ahp::AhpError>(())
/// ```
pub fn geometric_mean(values: &[f64], weights: Option<&[f64]>) -> Result<f64, AhpError> {
    let lambda = participant_weights(values.len(), weights)?;
    if let Some((participant, &value)) = values
        .iter()
        .enumerate()
        .find(|(_, v)| !(v.is_finite() && **v > 0.0))
    {
        return Err(AhpError::InvalidValue {
            participant,
            index: 0,
            value,
        });
    }
    Ok(values
        .iter()
        .zip(&lambda)
        .map(|(v, l)| l * v.ln())
        .sum::<f64>()
        .exp())
}

/// AIJ: the element-wise weighted geometric mean of the participants' matrices (equal weights
/// if `weights` is `None`). The upper triangle is averaged and the lower one set to its exact
/// reciprocal, so the result is exactly reciprocal.
///
/// # Errors
///
/// [`AhpError::EmptyGroup`], [`AhpError::SizeMismatch`], [`AhpError::WeightCount`],
/// [`AhpError::InvalidParticipantWeight`] (negative or non-finite), [`AhpError::ZeroWeightSum`].
pub fn aggregate_judgments(
    matrices: &[&PairwiseMatrix],
    weights: Option<&[f64]>,
) -> Result<PairwiseMatrix, AhpError> {
    let lambda = participant_weights(matrices.len(), weights)?;
    let n = matrices[0].n();
    if let Some((participant, m)) = matrices.iter().enumerate().find(|(_, m)| m.n() != n) {
        return Err(AhpError::SizeMismatch {
            participant,
            expected: n,
            found: m.n(),
        });
    }
    PairwiseMatrix::from_upper(n, |i, j| {
        matrices
            .iter()
            .zip(&lambda)
            .map(|(m, l)| l * m.get(i, j).ln())
            .sum::<f64>()
            .exp()
    })
}

/// AIP: the weighted mean of the participants' priority vectors, renormalised to sum 1.
///
/// # Errors
///
/// [`AhpError::EmptyGroup`], [`AhpError::SizeMismatch`] (also for empty vectors),
/// [`AhpError::InvalidValue`] (a weight not finite, not positive for the geometric mean, or
/// negative for the arithmetic one; or a vector of zeros), and the participant weight errors of
/// [`aggregate_judgments`].
pub fn aggregate_priorities(
    vectors: &[&[f64]],
    weights: Option<&[f64]>,
    mean: AipMean,
) -> Result<Vec<f64>, AhpError> {
    let lambda = participant_weights(vectors.len(), weights)?;
    let n = vectors[0].len();
    for (participant, v) in vectors.iter().enumerate() {
        if v.len() != n || n == 0 {
            return Err(AhpError::SizeMismatch {
                participant,
                expected: n,
                found: v.len(),
            });
        }
        let bad = |x: f64| match mean {
            AipMean::Geometric => !(x.is_finite() && x > 0.0),
            AipMean::Arithmetic => !(x.is_finite() && x >= 0.0),
        };
        if let Some((index, &value)) = v.iter().enumerate().find(|(_, x)| bad(**x)) {
            return Err(AhpError::InvalidValue {
                participant,
                index,
                value,
            });
        }
    }
    let combined: Vec<f64> = (0..n)
        .map(|i| {
            let terms = vectors.iter().zip(&lambda);
            match mean {
                AipMean::Geometric => terms.map(|(v, l)| l * v[i].ln()).sum::<f64>().exp(),
                AipMean::Arithmetic => terms.map(|(v, l)| l * v[i]).sum::<f64>(),
            }
        })
        .collect();
    let sum: f64 = combined.iter().sum();
    // Only reachable by the arithmetic mean of all-zero vectors: report, do not divide by 0.
    if sum <= 0.0 || !sum.is_finite() {
        return Err(AhpError::InvalidValue {
            participant: 0,
            index: 0,
            value: sum,
        });
    }
    Ok(combined.into_iter().map(|x| x / sum).collect())
}

#[cfg(test)]
// Exact comparisons are intended here: a zero-weight participant's value must come back exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::ahp::{PriorityMethod, RandomIndexTable, priorities};

    /// Published values are given to 4 decimals.
    const TOL_4DP: f64 = 5e-5;
    /// Published values are given to 6 decimals.
    const TOL_6DP: f64 = 5e-7;
    const TOL: f64 = 1e-12;

    #[test]
    fn group_geometric_means_match_published_values() {
        // DOMAIN.md section 6, "Group geometric mean (5 respondents)".
        let g = |v: &[f64]| geometric_mean(v, None).unwrap();
        approx::assert_abs_diff_eq!(
            g(&[1.0 / 3.0, 3.0 / 5.0, 1.0, 3.0, 3.0 / 5.0]),
            0.8152,
            epsilon = TOL_4DP
        );
        approx::assert_abs_diff_eq!(g(&[5.0, 3.0, 5.0, 3.0, 5.0]), 4.0760, epsilon = TOL_4DP);
        approx::assert_abs_diff_eq!(
            g(&[0.2, 0.2, 0.2, 1.0 / 3.0, 0.2]),
            0.2215,
            epsilon = TOL_4DP
        );
    }

    #[test]
    fn weighted_geometric_mean_normalises_weights() {
        // Weights (2, 6) normalise to (1/4, 3/4): 16^(1/4) * 1^(3/4) = 2.
        approx::assert_relative_eq!(
            geometric_mean(&[16.0, 1.0], Some(&[2.0, 6.0])).unwrap(),
            2.0,
            max_relative = TOL
        );
        // A zero-weight participant is ignored.
        approx::assert_relative_eq!(
            geometric_mean(&[3.0, 1e6], Some(&[1.0, 0.0])).unwrap(),
            3.0,
            max_relative = TOL
        );
    }

    fn a() -> PairwiseMatrix {
        PairwiseMatrix::from_rows(&[
            vec![1.0, 3.0, 5.0],
            vec![1.0 / 3.0, 1.0, 2.0],
            vec![0.2, 0.5, 1.0],
        ])
        .unwrap()
    }

    fn b() -> PairwiseMatrix {
        PairwiseMatrix::from_rows(&[
            vec![1.0, 2.0, 7.0],
            vec![0.5, 1.0, 3.0],
            vec![1.0 / 7.0, 1.0 / 3.0, 1.0],
        ])
        .unwrap()
    }

    fn rgmm(m: &PairwiseMatrix) -> Vec<f64> {
        priorities(
            m,
            PriorityMethod::GeometricMean,
            RandomIndexTable::SaatyClassic,
        )
        .unwrap()
        .weights
    }

    #[test]
    fn aij_equals_geometric_aip_under_rgmm() {
        // DOMAIN.md section 6, "AIJ = AIP under RGMM" (matrices A and B).
        let expected = [0.633549, 0.259863, 0.106588];
        let aij = rgmm(&aggregate_judgments(&[&a(), &b()], None).unwrap());
        let (wa, wb) = (rgmm(&a()), rgmm(&b()));
        let aip = aggregate_priorities(&[&wa, &wb], None, AipMean::Geometric).unwrap();
        for i in 0..3 {
            approx::assert_abs_diff_eq!(aij[i], expected[i], epsilon = TOL_6DP);
            approx::assert_abs_diff_eq!(aip[i], expected[i], epsilon = TOL_6DP);
            approx::assert_abs_diff_eq!(aij[i], aip[i], epsilon = TOL);
        }
    }

    #[test]
    fn arithmetic_aip_matches_published_values() {
        // DOMAIN.md section 6: arithmetic AIP of the RGMM priorities of A and B.
        let expected = [0.631791, 0.260935, 0.107274];
        let (wa, wb) = (rgmm(&a()), rgmm(&b()));
        let aip = aggregate_priorities(&[&wa, &wb], None, AipMean::Arithmetic).unwrap();
        for i in 0..3 {
            approx::assert_abs_diff_eq!(aip[i], expected[i], epsilon = TOL_6DP);
        }
        approx::assert_abs_diff_eq!(aip.iter().sum::<f64>(), 1.0, epsilon = TOL);
    }

    #[test]
    fn aij_is_exactly_reciprocal_and_weighted() {
        let m = aggregate_judgments(&[&a(), &b()], Some(&[3.0, 1.0])).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                if i < j {
                    assert_eq!(m.get(j, i), 1.0 / m.get(i, j));
                }
            }
        }
        // a_02 = 5^(3/4) * 7^(1/4).
        approx::assert_relative_eq!(
            m.get(0, 2),
            5f64.powf(0.75) * 7f64.powf(0.25),
            max_relative = TOL
        );
        // One participant: its own matrix back.
        let single = aggregate_judgments(&[&a()], None).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                approx::assert_relative_eq!(single.get(i, j), a().get(i, j), max_relative = TOL);
            }
        }
    }

    #[test]
    fn group_errors() {
        assert_eq!(aggregate_judgments(&[], None), Err(AhpError::EmptyGroup));
        assert_eq!(geometric_mean(&[], None), Err(AhpError::EmptyGroup));
        let small = PairwiseMatrix::identity(2);
        assert_eq!(
            aggregate_judgments(&[&a(), &small], None),
            Err(AhpError::SizeMismatch {
                participant: 1,
                expected: 3,
                found: 2
            })
        );
        assert_eq!(
            aggregate_judgments(&[&a(), &b()], Some(&[1.0])),
            Err(AhpError::WeightCount {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            aggregate_judgments(&[&a(), &b()], Some(&[1.0, -1.0])),
            Err(AhpError::InvalidParticipantWeight {
                index: 1,
                value: -1.0
            })
        );
        assert_eq!(
            aggregate_judgments(&[&a(), &b()], Some(&[0.0, 0.0])),
            Err(AhpError::ZeroWeightSum)
        );
        assert!(matches!(
            geometric_mean(&[1.0, 0.0], None),
            Err(AhpError::InvalidValue { participant: 1, .. })
        ));
        let (p, q) = ([0.5, 0.5], [0.2, 0.3, 0.5]);
        assert!(matches!(
            aggregate_priorities(&[&p, &q], None, AipMean::Geometric),
            Err(AhpError::SizeMismatch { participant: 1, .. })
        ));
        let z = [0.0, 1.0];
        assert!(matches!(
            aggregate_priorities(&[&p, &z], None, AipMean::Geometric),
            Err(AhpError::InvalidValue {
                participant: 1,
                index: 0,
                ..
            })
        ));
        assert!(aggregate_priorities(&[&p, &z], None, AipMean::Arithmetic).is_ok());
        let empty: [f64; 0] = [];
        assert!(aggregate_priorities(&[&empty], None, AipMean::Arithmetic).is_err());
    }

    #[test]
    fn aggregation_ids_round_trip() {
        for g in Aggregation::all() {
            assert_eq!(g.to_string().parse::<Aggregation>(), Ok(g));
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(serde_json::from_str::<Aggregation>(&json).unwrap(), g);
        }
        assert!("mean".parse::<Aggregation>().is_err());
    }
}
