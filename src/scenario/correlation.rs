//! Rank correlation between two rankings of the same alternatives.
//!
//! A ranking is a slice of rank positions, one per alternative, in the same alternative order in
//! both slices: `1.0` is the best, ties may be given as average ranks (`1.5, 1.5` for two
//! alternatives sharing first place). [`average_ranks`] turns scores into such a ranking.
//!
//! Coefficients:
//!
//! - [`spearman`]: Spearman's r_s, computed as the Pearson correlation of the (average) rank
//!   vectors, which is the definition that stays correct with ties (it equals
//!   `scipy.stats.spearmanr`). The shortcut `1 - 6 sum d^2 / (n (n^2 - 1))` holds only without
//!   ties and is not used.
//! - [`kendall_tau_b`]: Kendall's tau-b with the tie correction
//!   `(n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))` (Kendall 1945; equals
//!   `scipy.stats.kendalltau`, whose default variant is tau-b).
//! - [`weighted_spearman`]: the weighted rank correlation r_w of Pinto da Costa & Soares (2005),
//!   as used by Salabun & Urbaniak (2020) and by pymcdm's `weighted_spearman`; disagreements
//!   near the top count more.
//! - [`ws_coefficient`]: the WS rank similarity coefficient of Salabun & Urbaniak (2020),
//!   asymmetric: the first ranking is the reference, and a disagreement at reference position
//!   `x` is weighted by `2^-x`.
//!
//! References:
//! - Pinto da Costa, J. & Soares, C. (2005). A weighted rank measure of correlation.
//!   Australian & New Zealand Journal of Statistics 47(4), 515-529.
//! - Salabun, W. & Urbaniak, K. (2020). A new coefficient of rankings similarity in
//!   decision-making problems. ICCS 2020, LNCS 12138, 632-645.
//! - Kendall, M. G. (1945). The treatment of ties in ranking problems. Biometrika 33(3), 239-251.
//!
//! Input handling shared by all coefficients: both slices must have the same length `n >= 2` and
//! contain only finite numbers, otherwise the result is `None`. Each input is first re-ranked
//! into average ranks (smaller value = better). A ranking already given as average ranks is
//! unchanged by this; a ranking with ties written another way (e.g. "dense" `1, 1, 2`) becomes
//! the average-rank form (`1.5, 1.5, 3`), so every coefficient sees the same, well-defined rank
//! positions, and WS stays within `[0, 1]`.

use std::cmp::Ordering;

/// Fractional ("average") ranks of `scores`: rank 1 is the best, tied scores share the mean of
/// the positions they occupy (two scores tied for first both get 1.5).
///
/// With `higher_is_better` the largest score gets rank 1 (closeness, utility); otherwise the
/// smallest does (distances, costs, or re-ranking an existing rank vector). `-0.0` and `0.0` tie.
/// NaN scores are ranked after every number in either direction and tie with each other, so a
/// missing score never looks like a winner.
///
/// # Examples
///
/// ```
/// # use unggul::scenario::average_ranks;
/// assert_eq!(average_ranks(&[0.9, 0.4, 0.9, 0.1], true), vec![1.5, 3.0, 1.5, 4.0]);
/// assert_eq!(average_ranks(&[0.9, 0.4, 0.9, 0.1], false), vec![3.5, 2.0, 3.5, 1.0]);
/// ```
pub fn average_ranks(scores: &[f64], higher_is_better: bool) -> Vec<f64> {
    // Best first; NaN always last. Ties are `Equal` so they form contiguous runs after sorting.
    let better_first = |a: f64, b: f64| -> Ordering {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                let ord = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
                if higher_is_better { ord.reverse() } else { ord }
            }
        }
    };
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&i, &j| better_first(scores[i], scores[j]));

    let mut ranks = vec![0.0; scores.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len()
            && better_first(scores[order[start]], scores[order[end]]) == Ordering::Equal
        {
            end += 1;
        }
        // Positions start+1 ..= end (1-based) share their mean.
        let shared = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        start = end;
    }
    ranks
}

/// Spearman's rank correlation r_s between two rankings: the Pearson correlation of their
/// average-rank vectors (correct with ties; equals `scipy.stats.spearmanr`).
///
/// Returns a value in `[-1, 1]`: 1 for identical rankings, -1 for reversed ones. Symmetric.
///
/// Returns `None` when the lengths differ, `n < 2`, a value is not finite, or either ranking is
/// constant (everything tied), because the correlation is then 0/0.
///
/// # Examples
///
/// ```
/// # use unggul::scenario::spearman;
/// // Salabun & Urbaniak (2020): swapping the top two of five gives r_s = 0.9.
/// let r = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 3.0, 4.0, 5.0]).unwrap();
/// assert!((r - 0.9).abs() < 1e-12);
/// ```
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let (x, y) = reranked_pair(a, b)?;
    // Average ranks of n items always have mean (n + 1) / 2.
    let mean = (x.len() as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (xi, yi) in x.iter().zip(&y) {
        let (dx, dy) = (xi - mean, yi - mean);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    // sqrt(sxx * syy), not sqrt(sxx) * sqrt(syy): for identical rankings sxy = sxx = syy and
    // sqrt(s * s) is exactly s, so r is exactly 1 (the product of two roots is not).
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Kendall's tau-b between two rankings, with the tie correction of Kendall (1945):
/// `tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))`, where `n_0 = n(n-1)/2` pairs,
/// `n_c`/`n_d` concordant/discordant pairs, `n_1`/`n_2` pairs tied in `a`/`b`.
///
/// Equals `scipy.stats.kendalltau` (variant `"b"`, its default); without ties it is the plain
/// tau-a. Returns a value in `[-1, 1]`; 1 for identical, -1 for reversed rankings. Symmetric.
/// O(n^2), meant for the tens to hundreds of alternatives of a PUD study.
///
/// Returns `None` when the lengths differ, `n < 2`, a value is not finite, or either ranking is
/// constant (the denominator is 0).
///
/// # Examples
///
/// ```
/// # use unggul::scenario::kendall_tau_b;
/// let t = kendall_tau_b(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 3.0, 4.0, 5.0]).unwrap();
/// assert!((t - 0.8).abs() < 1e-12);
/// ```
pub fn kendall_tau_b(a: &[f64], b: &[f64]) -> Option<f64> {
    // Kendall's tau depends only on the order within each ranking, so no re-ranking is needed.
    check_pair(a, b)?;
    let n = a.len();
    let (mut concordant, mut discordant, mut tied_a, mut tied_b) = (0u64, 0u64, 0u64, 0u64);
    for i in 0..n {
        for j in (i + 1)..n {
            let sa = a[i].partial_cmp(&a[j]).unwrap_or(Ordering::Equal);
            let sb = b[i].partial_cmp(&b[j]).unwrap_or(Ordering::Equal);
            match (sa, sb) {
                (Ordering::Equal, Ordering::Equal) => {
                    tied_a += 1;
                    tied_b += 1;
                }
                (Ordering::Equal, _) => tied_a += 1,
                (_, Ordering::Equal) => tied_b += 1,
                _ if sa == sb => concordant += 1,
                _ => discordant += 1,
            }
        }
    }
    let pairs = (n * (n - 1) / 2) as u64;
    let denominator = ((pairs - tied_a) as f64 * (pairs - tied_b) as f64).sqrt();
    if denominator == 0.0 {
        return None;
    }
    Some(((concordant as f64 - discordant as f64) / denominator).clamp(-1.0, 1.0))
}

/// Weighted Spearman rank correlation r_w (Pinto da Costa & Soares 2005, eq. 3; the form used by
/// Salabun & Urbaniak 2020 and pymcdm):
///
/// `r_w = 1 - 6 sum_i (x_i - y_i)^2 ((N - x_i + 1) + (N - y_i + 1)) / (N^4 + N^3 - N^2 - N)`
///
/// A difference between ranks near the top (small `x_i`, `y_i`) weighs more. Symmetric;
/// 1 for identical rankings, -1 for reversed rankings of distinct ranks. With ties the
/// average ranks are plugged into the same formula (as pymcdm does).
///
/// Returns `None` when the lengths differ, `n < 2`, or a value is not finite.
///
/// # Examples
///
/// ```
/// # use unggul::scenario::weighted_spearman;
/// let r = weighted_spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 3.0, 4.0, 5.0]).unwrap();
/// assert!((r - 0.85).abs() < 1e-12);
/// ```
pub fn weighted_spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let (x, y) = reranked_pair(a, b)?;
    let n = x.len() as f64;
    let numerator: f64 = x
        .iter()
        .zip(&y)
        .map(|(xi, yi)| (xi - yi).powi(2) * ((n - xi + 1.0) + (n - yi + 1.0)))
        .sum();
    let denominator = n.powi(4) + n.powi(3) - n.powi(2) - n;
    Some(1.0 - 6.0 * numerator / denominator)
}

/// WS rank similarity coefficient of Salabun & Urbaniak (2020, eq. 7), with `x` the reference
/// ranking and `y` the compared one:
///
/// `WS = 1 - sum_i 2^(-x_i) |x_i - y_i| / max(|x_i - 1|, |x_i - N|)`
///
/// Asymmetric by design: a disagreement at the reference's top position costs most. The value
/// lies in `[0, 1]` (1 for identical rankings); for average-rank inputs each term is at most
/// `2^(-x_i)`, and those sum to less than 1.
///
/// Returns `None` when the lengths differ, `n < 2` (the denominator is 0 for `N = 1`), or a
/// value is not finite.
///
/// # Examples
///
/// ```
/// # use unggul::scenario::ws_coefficient;
/// let ws = ws_coefficient(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 3.0, 4.0, 5.0]).unwrap();
/// assert!((ws - 0.791_667).abs() < 1e-6);
/// ```
pub fn ws_coefficient(reference: &[f64], other: &[f64]) -> Option<f64> {
    let (x, y) = reranked_pair(reference, other)?;
    let n = x.len() as f64;
    let penalty: f64 = x
        .iter()
        .zip(&y)
        .map(|(xi, yi)| {
            // For n >= 2 and xi in [1, n] the larger distance to an end is at least (n - 1) / 2 > 0.
            let reach = (xi - 1.0).abs().max((xi - n).abs());
            (-xi).exp2() * (xi - yi).abs() / reach
        })
        .sum();
    Some((1.0 - penalty).clamp(0.0, 1.0))
}

/// `Some(())` when `a` and `b` can be compared: same length, at least two items, all finite.
fn check_pair(a: &[f64], b: &[f64]) -> Option<()> {
    let ok = a.len() == b.len() && a.len() >= 2 && a.iter().chain(b).all(|v| v.is_finite());
    ok.then_some(())
}

/// Both inputs as average ranks (smaller = better), after [`check_pair`].
fn reranked_pair(a: &[f64], b: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    check_pair(a, b)?;
    Some((average_ranks(a, false), average_ranks(b, false)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Closed-form and reference values are exact to rounding.
    const EXACT: f64 = 1e-12;
    /// Salabun & Urbaniak print WS to six decimals.
    const PUBLISHED_6DP: f64 = 5e-7;

    const ID5: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 5.0];
    const SWAP_TOP: [f64; 5] = [2.0, 1.0, 3.0, 4.0, 5.0];

    /// Salabun & Urbaniak (2020), ICCS, worked example (DOMAIN.md section 6):
    /// (1 2 3 4 5) vs (2 1 3 4 5) gives r_s 0.9, r_w 0.85, WS 0.791667, tau 0.8.
    #[test]
    fn salabun_urbaniak_2020_reference_values() {
        assert_abs_diff_eq!(spearman(&ID5, &SWAP_TOP).unwrap(), 0.9, epsilon = EXACT);
        assert_abs_diff_eq!(
            weighted_spearman(&ID5, &SWAP_TOP).unwrap(),
            0.85,
            epsilon = EXACT
        );
        assert_abs_diff_eq!(
            ws_coefficient(&ID5, &SWAP_TOP).unwrap(),
            0.791_667,
            epsilon = PUBLISHED_6DP
        );
        assert_abs_diff_eq!(
            kendall_tau_b(&ID5, &SWAP_TOP).unwrap(),
            0.8,
            epsilon = EXACT
        );
    }

    /// WS is asymmetric: a swap at the bottom of the reference costs far less than at the top.
    /// Hand computation: positions 4 and 5 swapped, N = 5:
    /// 2^-4 * 1/3 + 2^-5 * 1/4 = 1/48 + 1/128, so WS = 1 - 0.0286458333...
    #[test]
    fn ws_weighs_the_top_more() {
        let swap_bottom = [1.0, 2.0, 3.0, 5.0, 4.0];
        let expected = 1.0 - (1.0 / 48.0 + 1.0 / 128.0);
        assert_abs_diff_eq!(
            ws_coefficient(&ID5, &swap_bottom).unwrap(),
            expected,
            epsilon = EXACT
        );
        assert!(ws_coefficient(&ID5, &swap_bottom) > ws_coefficient(&ID5, &SWAP_TOP));
    }

    /// Values from scipy 1.17.1 (numpy 2.4.6) `spearmanr` / `kendalltau` (tau-b), computed on
    /// the same data; scipy ranks scores itself, so the raw scores are passed here too.
    #[test]
    fn ties_match_scipy() {
        // scipy 1.x spearmanr/kendalltau: a=[1,2,3,4,5], b=[5,6,7,8,7]
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [5.0, 6.0, 7.0, 8.0, 7.0];
        assert_abs_diff_eq!(
            spearman(&a, &b).unwrap(),
            0.8207826816681233,
            epsilon = EXACT
        );
        assert_abs_diff_eq!(
            kendall_tau_b(&a, &b).unwrap(),
            0.7378647873726218,
            epsilon = EXACT
        );
        // scipy 1.x spearmanr/kendalltau: ties on both sides.
        let a = [1.0, 2.0, 2.0, 4.0, 5.0, 6.0, 6.0, 6.0];
        let b = [3.0, 1.0, 2.0, 2.0, 5.0, 8.0, 7.0, 7.0];
        assert_abs_diff_eq!(
            spearman(&a, &b).unwrap(),
            0.8138058888328231,
            epsilon = EXACT
        );
        assert_abs_diff_eq!(
            kendall_tau_b(&a, &b).unwrap(),
            0.6805446536716204,
            epsilon = EXACT
        );
        // scipy 1.x spearmanr/kendalltau: a ranking already in average-rank form.
        let a = [1.5, 1.5, 3.0, 4.0, 5.0];
        let b = [2.0, 1.0, 4.0, 4.0, 4.0];
        assert_abs_diff_eq!(
            spearman(&a, &b).unwrap(),
            0.8603090020146066,
            epsilon = EXACT
        );
        assert_abs_diff_eq!(
            kendall_tau_b(&a, &b).unwrap(),
            0.7559289460184544,
            epsilon = EXACT
        );
    }

    /// Ties written as dense ranks (1, 1, 2) or as scores give the same coefficients as the
    /// average-rank form (1.5, 1.5, 3), because every input is re-ranked first.
    #[test]
    fn tie_notation_does_not_matter() {
        let average = [1.5, 1.5, 3.0, 4.0];
        let dense = [1.0, 1.0, 2.0, 3.0];
        let other = [2.0, 1.0, 4.0, 3.0];
        for f in [spearman, kendall_tau_b, weighted_spearman, ws_coefficient] {
            assert_abs_diff_eq!(
                f(&average, &other).unwrap(),
                f(&dense, &other).unwrap(),
                epsilon = EXACT
            );
        }
    }

    #[test]
    fn average_ranks_handles_ties_direction_and_nan() {
        assert_eq!(
            average_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0], true),
            vec![2.0, 5.0, 2.0, 4.0, 2.0]
        );
        assert_eq!(
            average_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0], false),
            vec![4.0, 1.0, 4.0, 2.0, 4.0]
        );
        // NaN is last in both directions; -0.0 ties with 0.0.
        assert_eq!(
            average_ranks(&[f64::NAN, 0.0, -0.0, f64::NAN, 1.0], true),
            vec![4.5, 2.5, 2.5, 4.5, 1.0]
        );
        assert_eq!(
            average_ranks(&[f64::NAN, 0.0, 1.0], false),
            vec![3.0, 1.0, 2.0]
        );
        assert!(average_ranks(&[], true).is_empty());
    }

    #[test]
    fn undefined_cases_are_none() {
        let constant = [2.0, 2.0, 2.0];
        let ranked = [1.0, 2.0, 3.0];
        assert_eq!(spearman(&constant, &ranked), None);
        assert_eq!(spearman(&ranked, &constant), None);
        assert_eq!(kendall_tau_b(&constant, &ranked), None);
        assert_eq!(kendall_tau_b(&ranked, &constant), None);
        for f in [spearman, kendall_tau_b, weighted_spearman, ws_coefficient] {
            assert_eq!(f(&[1.0], &[1.0]), None, "n = 1");
            assert_eq!(f(&[], &[]), None, "n = 0");
            assert_eq!(f(&[1.0, 2.0], &[1.0, 2.0, 3.0]), None, "length mismatch");
            assert_eq!(f(&[1.0, f64::NAN], &[1.0, 2.0]), None, "NaN");
            assert_eq!(f(&[1.0, 2.0], &[f64::INFINITY, 2.0]), None, "infinity");
        }
        // r_w and WS stay defined for a constant (all-tied) ranking.
        assert!(weighted_spearman(&constant, &ranked).is_some());
        assert!(ws_coefficient(&constant, &ranked).is_some());
    }

    /// Brute-force tau-b oracle written differently from the implementation: it counts over
    /// ordered pairs (each pair twice) with sign products, and gets the tie corrections from
    /// tie-group sizes, n_1 = sum t (t - 1) / 2.
    fn tau_b_oracle(a: &[f64], b: &[f64]) -> Option<f64> {
        let sgn = |d: f64| -> f64 {
            if d > 0.0 {
                1.0
            } else if d < 0.0 {
                -1.0
            } else {
                0.0
            }
        };
        let n = a.len();
        let mut s = 0.0;
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    s += sgn(a[i] - a[j]) * sgn(b[i] - b[j]);
                }
            }
        }
        let tie_pairs = |v: &[f64]| -> f64 {
            let mut groups: HashMap<u64, f64> = HashMap::new();
            for x in v {
                *groups.entry(x.to_bits()).or_insert(0.0) += 1.0;
            }
            groups.values().map(|t| t * (t - 1.0) / 2.0).sum()
        };
        let n0 = (n * (n - 1)) as f64 / 2.0;
        let d = ((n0 - tie_pairs(a)) * (n0 - tie_pairs(b))).sqrt();
        (d > 0.0).then(|| s / 2.0 / d)
    }

    /// Rankings of 2..12 items with ties: small integer scores (many ties), kept as scores.
    fn tied_pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
        (2usize..12).prop_flat_map(|n| {
            (
                prop::collection::vec((1u8..5).prop_map(f64::from), n),
                prop::collection::vec((1u8..5).prop_map(f64::from), n),
            )
        })
    }

    /// A permutation of 1..=n (no ties), n in 2..30.
    fn permutation() -> impl Strategy<Value = Vec<f64>> {
        (2usize..30)
            .prop_flat_map(|n| Just((1..=n).map(|i| i as f64).collect::<Vec<_>>()).prop_shuffle())
    }

    proptest! {
        #[test]
        fn tau_b_matches_brute_force((a, b) in tied_pair()) {
            match (kendall_tau_b(&a, &b), tau_b_oracle(&a, &b)) {
                (Some(t), Some(o)) => prop_assert!((t - o).abs() < EXACT, "{t} vs {o}"),
                (t, o) => prop_assert_eq!(t, o),
            }
        }

        /// Without ties, Spearman equals the classic closed form 1 - 6 sum d^2 / (n (n^2 - 1)).
        #[test]
        fn spearman_matches_closed_form_without_ties(a in permutation(), seed in any::<u64>()) {
            let n = a.len();
            // A second permutation derived from the first by a seeded rotation and reversal.
            let mut b = a.clone();
            b.rotate_left((seed as usize) % n);
            if seed % 2 == 0 { b.reverse(); }
            let d2: f64 = a.iter().zip(&b).map(|(x, y)| (x - y).powi(2)).sum();
            let nf = n as f64;
            let closed = 1.0 - 6.0 * d2 / (nf * (nf * nf - 1.0));
            prop_assert!((spearman(&a, &b).unwrap() - closed).abs() < EXACT);
        }

        #[test]
        fn identical_and_reversed((a, _) in tied_pair(), p in permutation()) {
            let n = p.len() as f64;
            let reversed: Vec<f64> = p.iter().map(|x| n + 1.0 - x).collect();
            for f in [spearman, kendall_tau_b, weighted_spearman] {
                prop_assert!((f(&p, &p).unwrap() - 1.0).abs() < EXACT);
                prop_assert!((f(&p, &reversed).unwrap() + 1.0).abs() < EXACT);
            }
            prop_assert!((ws_coefficient(&p, &p).unwrap() - 1.0).abs() < EXACT);
            // Identical rankings with ties: 1 whenever defined (a constant ranking is None).
            for f in [spearman, kendall_tau_b] {
                if let Some(r) = f(&a, &a) { prop_assert!((r - 1.0).abs() < EXACT); }
            }
            // Exactly 1 and -1, not 0.9999999999999998: a report prints these values.
            prop_assert_eq!(spearman(&p, &p), Some(1.0));
            prop_assert_eq!(spearman(&p, &reversed), Some(-1.0));
            // (None for a constant ranking.)
            prop_assert_eq!(spearman(&a, &a).unwrap_or(1.0).to_bits(), 1.0f64.to_bits());
            prop_assert!((weighted_spearman(&a, &a).unwrap() - 1.0).abs() < EXACT);
            prop_assert!((ws_coefficient(&a, &a).unwrap() - 1.0).abs() < EXACT);
        }

        #[test]
        fn ranges_and_symmetry((a, b) in tied_pair()) {
            let ws = ws_coefficient(&a, &b).unwrap();
            prop_assert!((0.0..=1.0).contains(&ws), "WS = {ws}");
            for f in [spearman, kendall_tau_b, weighted_spearman] {
                let ab = f(&a, &b);
                let ba = f(&b, &a);
                match (ab, ba) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < EXACT),
                    (x, y) => prop_assert_eq!(x, y),
                }
            }
            for f in [spearman, kendall_tau_b] {
                if let Some(r) = f(&a, &b) { prop_assert!((-1.0..=1.0).contains(&r)); }
            }
        }

        /// Ranking scores best-first and ranking their negation worst-first agree, and ranks
        /// always sum to n (n + 1) / 2 however many ties there are.
        #[test]
        fn average_ranks_invariants((a, _) in tied_pair()) {
            let n = a.len() as f64;
            let neg: Vec<f64> = a.iter().map(|x| -x).collect();
            let r = average_ranks(&a, true);
            prop_assert_eq!(&r, &average_ranks(&neg, false));
            prop_assert!((r.iter().sum::<f64>() - n * (n + 1.0) / 2.0).abs() < EXACT);
        }
    }
}
