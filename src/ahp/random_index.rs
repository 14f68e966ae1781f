//! Random Index tables: the mean consistency index of random reciprocal matrices.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ahp::AhpError;

/// Which published Random Index (RI, "Indeks Random") table divides CI into CR.
///
/// The same matrix gets a different CR under each table, so the table is always reported
/// alongside the CR. Values are those of DOMAIN.md section 5, transcribed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum RandomIndexTable {
    /// Saaty's classic table (Saaty 1980), the one most Indonesian practice uses; the n = 12
    /// variant with 1.48 is the one used here.
    #[default]
    #[serde(rename = "saaty-classic", alias = "saaty", alias = "classic")]
    SaatyClassic,
    /// Saaty's revised table (Saaty 2005).
    #[serde(rename = "saaty-2005")]
    Saaty2005,
    /// Alonso & Lamata (2006), 100,000+ simulated matrices per n.
    #[serde(rename = "alonso-lamata")]
    AlonsoLamata,
    /// Tummala & Ling (1998).
    #[serde(rename = "tummala-ling")]
    TummalaLing,
    /// Donegan & Dodd (1991); the only table here that extends beyond n = 15 (to 100).
    #[serde(rename = "donegan-dodd")]
    DoneganDodd,
}

/// RI for n = 3..=15, one row per table in [`RandomIndexTable::all`] order.
const RI_3_TO_15: [[f64; 13]; 5] = [
    [
        0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ],
    [
        0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
    ],
    [
        0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551,
        1.5713, 1.5838,
    ],
    [
        0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571,
        1.5714, 1.5831,
    ],
    [
        0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643,
        1.4822, 1.4969,
    ],
];

/// Donegan & Dodd (1991) beyond n = 15: `(n, RI)` knots, linearly interpolated between.
/// The n = 90 value (1.6213, below n = 80) is as published.
const DONEGAN_DODD_TAIL: [(usize, f64); 15] = [
    (15, 1.4969),
    (16, 1.5078),
    (17, 1.5153),
    (18, 1.5262),
    (19, 1.5313),
    (20, 1.5371),
    (25, 1.5619),
    (30, 1.5772),
    (40, 1.5976),
    (50, 1.6102),
    (60, 1.6178),
    (70, 1.6237),
    (80, 1.6277),
    (90, 1.6213),
    (100, 1.6339),
];

const IDS: &str = "saaty-classic, saaty-2005, alonso-lamata, tummala-ling, donegan-dodd";

impl RandomIndexTable {
    /// All tables, in a fixed order.
    #[must_use]
    pub fn all() -> [Self; 5] {
        [
            Self::SaatyClassic,
            Self::Saaty2005,
            Self::AlonsoLamata,
            Self::TummalaLing,
            Self::DoneganDodd,
        ]
    }

    /// The stable text id (used by `FromStr`, `Display` and serde).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::SaatyClassic => "saaty-classic",
            Self::Saaty2005 => "saaty-2005",
            Self::AlonsoLamata => "alonso-lamata",
            Self::TummalaLing => "tummala-ling",
            Self::DoneganDodd => "donegan-dodd",
        }
    }

    /// The source of the table, for reports.
    #[must_use]
    pub fn citation(self) -> &'static str {
        match self {
            Self::SaatyClassic => {
                "Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill, New York."
            }
            Self::Saaty2005 => {
                "Saaty, T. L. (2005). Theory and Applications of the Analytic Network Process. \
                 RWS Publications, Pittsburgh."
            }
            Self::AlonsoLamata => {
                "Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy \
                 process: a new approach. International Journal of Uncertainty, Fuzziness and \
                 Knowledge-Based Systems, 14(4), 445-459."
            }
            Self::TummalaLing => {
                "Tummala, V. M. R., & Ling, H. (1998). A note on the computation of the mean \
                 random consistency index of the analytic hierarchy process (AHP). Theory and \
                 Decision, 44(3), 221-230."
            }
            Self::DoneganDodd => {
                "Donegan, H. A., & Dodd, F. J. (1991). A note on Saaty's random indexes. \
                 Mathematical and Computer Modelling, 15(10), 135-137."
            }
        }
    }

    /// RI(n). `n <= 2` gives `Some(0.0)` (every 1x1 or 2x2 reciprocal matrix is consistent);
    /// `n` beyond the table gives `None` (15 for all tables but Donegan & Dodd, which goes to
    /// 100 with linear interpolation between its published points).
    #[must_use]
    pub fn value(self, n: usize) -> Option<f64> {
        if n <= 2 {
            return Some(0.0);
        }
        if n <= 15 {
            let row = Self::all().iter().position(|t| *t == self)?;
            return Some(RI_3_TO_15[row][n - 3]);
        }
        if self != Self::DoneganDodd {
            return None;
        }
        DONEGAN_DODD_TAIL.windows(2).find_map(|pair| {
            let ((n0, r0), (n1, r1)) = (pair[0], pair[1]);
            (n0..=n1).contains(&n).then(|| {
                // Knots are exact; in between, linear interpolation as DOMAIN.md prescribes.
                r0 + (r1 - r0) * (n - n0) as f64 / (n1 - n0) as f64
            })
        })
    }
}

impl fmt::Display for RandomIndexTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for RandomIndexTable {
    type Err = AhpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "saaty-classic" | "saaty" | "classic" => Ok(Self::SaatyClassic),
            "saaty-2005" => Ok(Self::Saaty2005),
            "alonso-lamata" => Ok(Self::AlonsoLamata),
            "tummala-ling" => Ok(Self::TummalaLing),
            "donegan-dodd" => Ok(Self::DoneganDodd),
            _ => Err(AhpError::UnknownId {
                kind: "random index table",
                value: s.to_owned(),
                expected: IDS,
            }),
        }
    }
}

#[cfg(test)]
// Exact comparisons are intended here: table values are transcribed constants, compared bit for bit.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn small_orders_have_zero_ri() {
        for t in RandomIndexTable::all() {
            assert_eq!(t.value(0), Some(0.0));
            assert_eq!(t.value(1), Some(0.0));
            assert_eq!(t.value(2), Some(0.0));
        }
    }

    #[test]
    fn table_values_match_domain_section_5() {
        // Spot checks against DOMAIN.md section 5 (first, last and the disputed n = 12).
        let v = |t: RandomIndexTable, n| t.value(n).unwrap();
        assert_eq!(v(RandomIndexTable::SaatyClassic, 3), 0.58);
        assert_eq!(v(RandomIndexTable::SaatyClassic, 12), 1.48);
        assert_eq!(v(RandomIndexTable::SaatyClassic, 15), 1.59);
        assert_eq!(v(RandomIndexTable::Saaty2005, 7), 1.35);
        assert_eq!(v(RandomIndexTable::AlonsoLamata, 4), 0.8815);
        assert_eq!(v(RandomIndexTable::TummalaLing, 15), 1.5831);
        assert_eq!(v(RandomIndexTable::DoneganDodd, 3), 0.4914);
        assert_eq!(v(RandomIndexTable::DoneganDodd, 16), 1.5078);
        assert_eq!(v(RandomIndexTable::DoneganDodd, 20), 1.5371);
        assert_eq!(v(RandomIndexTable::DoneganDodd, 90), 1.6213);
        assert_eq!(v(RandomIndexTable::DoneganDodd, 100), 1.6339);
    }

    #[test]
    fn beyond_the_tables_is_none_and_donegan_dodd_interpolates() {
        for t in RandomIndexTable::all() {
            if t != RandomIndexTable::DoneganDodd {
                assert_eq!(t.value(16), None);
            }
        }
        let dd = RandomIndexTable::DoneganDodd;
        // Halfway between n = 20 (1.5371) and n = 25 (1.5619) is not a knot: 22 is 2/5 of the way.
        approx::assert_abs_diff_eq!(
            dd.value(22).unwrap(),
            1.5371 + 0.4 * (1.5619 - 1.5371),
            epsilon = 1e-15
        );
        approx::assert_abs_diff_eq!(
            dd.value(45).unwrap(),
            (1.5976 + 1.6102) / 2.0,
            epsilon = 1e-15
        );
        assert_eq!(dd.value(101), None);
    }

    #[test]
    fn ids_round_trip() {
        for t in RandomIndexTable::all() {
            assert_eq!(t.to_string().parse::<RandomIndexTable>(), Ok(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.id()));
            assert_eq!(serde_json::from_str::<RandomIndexTable>(&json).unwrap(), t);
            assert!(!t.citation().is_empty());
        }
        assert!("saaty-1999".parse::<RandomIndexTable>().is_err());
    }
}
