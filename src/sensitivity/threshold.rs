//! Critical weight thresholds: how far one weight can move before the winner changes.
//!
//! Triantaphyllou & Sanchez (1997) ask for the smallest change of one criterion weight that
//! changes the ranking; here, as in their "most critical criterion" question, the change of
//! interest is the **winner** (rank 1) and the other weights are rescaled proportionally
//! ([`rescale`]). For each criterion `j`, starting at the elicited `t = w_j`:
//!
//! - decrease: the largest `t` in `[0, w_j)` at which the winner changes (`None` if it never
//!   does, and always `None` when `w_j = 0`);
//! - increase: the smallest `t` in `(w_j, 1]` at which it changes (`None` if it never does, and
//!   always `None` when `w_j = 1`).
//!
//! **Tie semantics.** At the crossing point itself the old and the new winner have equal
//! scores; [`Threshold::critical_weight`] is that crossing point and
//! [`Threshold::new_winner`] is the candidate that wins just beyond it (on the far side from
//! `w_j`), or, when the change happens only at `t = 0` or `t = 1` exactly, the one that wins
//! there under the ranking rule (exact ties go to the lower index). A candidate tied with the
//! winner at the base weight that gains faster in a direction takes over immediately: the
//! critical weight is then `w_j` itself (a zero-distance threshold).
//!
//! **Weighted sum.** `score_i(t) = t u_ij + (1 - t) b_i` with
//! `b_i = sum_{k != j} w_k u_ik / sum_{k != j} w_k` is a line on the whole of `[0, 1]`, so
//! every crossing is `t* = (b_W - b_i) / (d_i - d_W)` with `d = u_.j - b` (closed form). The
//! base winner is taken from these lines at `t = w_j`; it can differ from a direct evaluation
//! of the scores only when two candidates are tied to within rounding.
//!
//! **TOPSIS.** `C_i(t)` is not linear. Crossings are bracketed on the grid `k / N`
//! ([`TOPSIS_GRID_INTERVALS`] sub-intervals, plus the base weight and a point `1e-6` beyond
//! it), walking away from `w_j`; each candidate that beats the winner at a walked point is
//! bisected to `|dt| <= 1e-13` (the bisection end on the new winner's side is reported). A
//! candidate can also overtake the winner and fall back again between two walked points: so
//! wherever a challenger's margin `C_w - C_i` has a local minimum at a walked point, its
//! bottom between the two neighbouring points is found by golden-section search and, if the
//! challenger wins there, the crossing before it is bisected. The nearest crossing found is
//! reported. (Two dips of one challenger within two grid steps, `2 / N`, could still hide
//! each other.)

use serde::{Deserialize, Serialize};

use crate::score::ScoreModel;
use crate::score::model::{beats, winner};
use crate::sensitivity::{SensitivityError, rescale, validate_model, validate_weights};

/// Number of grid sub-intervals of `[0, 1]` used to bracket TOPSIS crossings.
pub const TOPSIS_GRID_INTERVALS: usize = 2000;

/// Width to which TOPSIS crossings are bisected (and dips located).
const ROOT_TOLERANCE: f64 = 1e-13;

/// Distance of the first point walked after the base weight (see [`bracketed_threshold`]).
const NUDGE: f64 = 1e-6;

/// Which way the weight moves from its elicited value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The weight goes down from the elicited value towards 0.
    Decrease,
    /// The weight goes up from the elicited value towards 1.
    Increase,
}

/// The nearest weight, in one direction, at which a criterion changes the winner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The criterion whose weight moves.
    pub criterion: usize,
    /// Which way it moves.
    pub direction: Direction,
    /// The elicited weight of that criterion.
    pub base_weight: f64,
    /// The weight at which the winner changes (the crossing point), `None` if it never does
    /// in this direction.
    pub critical_weight: Option<f64>,
    /// The candidate that wins just beyond the crossing point, `None` with no change.
    pub new_winner: Option<usize>,
}

/// Critical weights for every criterion: two [`Threshold`]s per criterion, decrease then
/// increase, criteria in order. See the module documentation for the method and tie rules.
/// A model with fewer than two candidates never changes winner (all `None`).
///
/// # Errors
///
/// Invalid model ((`validate_model`)) or invalid `base` (wrong length, negative, not
/// summing to 1).
pub fn critical_thresholds(
    model: &ScoreModel,
    base: &[f64],
) -> Result<Vec<Threshold>, SensitivityError> {
    validate_model(model, 0)?;
    validate_weights(base, model.cols())?;
    let mut out = Vec::with_capacity(2 * model.cols());
    for j in 0..model.cols() {
        for direction in [Direction::Decrease, Direction::Increase] {
            let found = if model.rows() < 2 || range_is_empty(base[j], direction) {
                None
            } else {
                match model {
                    ScoreModel::WeightedSum { .. } => linear_threshold(model, base, j, direction),
                    ScoreModel::Topsis { .. } => bracketed_threshold(model, base, j, direction),
                }
            };
            out.push(Threshold {
                criterion: j,
                direction,
                base_weight: base[j],
                critical_weight: found.map(|(t, _)| t),
                new_winner: found.map(|(_, w)| w),
            });
        }
    }
    Ok(out)
}

/// `[0, w)` is empty for `w = 0`, `(w, 1]` for `w >= 1`.
fn range_is_empty(w: f64, direction: Direction) -> bool {
    match direction {
        Direction::Decrease => w <= 0.0,
        Direction::Increase => w >= 1.0,
    }
}

/// Closed-form threshold of a weighted-sum model: every score is a line in `t`.
fn linear_threshold(
    model: &ScoreModel,
    base: &[f64],
    j: usize,
    direction: Direction,
) -> Option<(f64, usize)> {
    let ScoreModel::WeightedSum {
        rows,
        cols,
        utilities,
    } = model
    else {
        return None;
    };
    let (rows, cols) = (*rows, *cols);
    let others: f64 = (0..cols).filter(|&k| k != j).map(|k| base[k]).sum();
    // Intercept b_i = score at t = 0 (rescale's rule, including its equal spread when the
    // other weights are all 0) and slope d_i = u_ij - b_i.
    let mut b = vec![0.0; rows];
    let mut d = vec![0.0; rows];
    for i in 0..rows {
        let u = &utilities[i * cols..(i + 1) * cols];
        let rest: f64 = if others > 0.0 {
            (0..cols)
                .filter(|&k| k != j)
                .map(|k| base[k] * u[k])
                .sum::<f64>()
                / others
        } else if cols > 1 {
            (0..cols).filter(|&k| k != j).map(|k| u[k]).sum::<f64>() / (cols - 1) as f64
        } else {
            0.0
        };
        b[i] = rest;
        d[i] = u[j] - rest;
    }
    let t0 = base[j];
    let at_base: Vec<f64> = (0..rows).map(|i| b[i] + t0 * d[i]).collect();
    let w = winner(&at_base)?;
    // (crossing, index, slope difference) of the nearest crossing(s) found so far.
    let mut nearest: Option<f64> = None;
    let mut crossings: Vec<(f64, usize, f64)> = Vec::new();
    for i in (0..rows).filter(|&i| i != w) {
        let e = b[i] - b[w];
        let f = d[i] - d[w];
        let gains = match direction {
            Direction::Increase => f > 0.0,
            Direction::Decrease => f < 0.0,
        };
        if !gains {
            // Parallel or losing ground: a candidate behind (or tied but listed later) stays so.
            continue;
        }
        let raw = -e / f;
        // A root on the wrong side of t0 (tie at the base, or rounding) means "immediately".
        let t = match direction {
            Direction::Increase => raw.max(t0),
            Direction::Decrease => raw.min(t0),
        };
        // At an end point only a candidate listed before the winner wins the tie.
        let valid = match direction {
            Direction::Increase => t < 1.0 || (t <= 1.0 && i < w),
            Direction::Decrease => t > 0.0 || (t >= 0.0 && i < w),
        };
        if !valid {
            continue;
        }
        let closer = match (nearest, direction) {
            (None, _) => true,
            (Some(n), Direction::Increase) => t <= n,
            (Some(n), Direction::Decrease) => t >= n,
        };
        if closer {
            if nearest != Some(t) {
                crossings.clear();
            }
            nearest = Some(t);
            crossings.push((t, i, f));
        }
    }
    let t = nearest?;
    let at_end = match direction {
        Direction::Increase => t >= 1.0,
        Direction::Decrease => t <= 0.0,
    };
    // Several lines may cross the winner at the same point: just beyond it the steepest (in the
    // direction of travel) leads; at an end point there is no "beyond" and the lowest index
    // among the tied wins.
    let mut best: Option<(usize, f64)> = None;
    for &(_, i, f) in &crossings {
        let gain = match direction {
            Direction::Increase => f,
            Direction::Decrease => -f,
        };
        best = match best {
            None => Some((i, gain)),
            Some((bi, bg)) => {
                let better = if at_end {
                    i < bi
                } else {
                    gain > bg || (gain == bg && i < bi)
                };
                if better {
                    Some((i, gain))
                } else {
                    Some((bi, bg))
                }
            }
        };
    }
    best.map(|(i, _)| (t, i))
}

/// Grid-bracketed and bisected threshold of a TOPSIS model, with dips searched between grid
/// points (see the module docs).
fn bracketed_threshold(
    model: &ScoreModel,
    base: &[f64],
    j: usize,
    direction: Direction,
) -> Option<(f64, usize)> {
    let t0 = base[j];
    let n = TOPSIS_GRID_INTERVALS;
    let rows = model.rows();
    let mut scores = vec![0.0; rows];
    let eval = |t: f64, scores: &mut Vec<f64>| model.scores(&rescale(base, j, t), scores);
    eval(t0, &mut scores);
    let w = winner(&scores)?;
    // The walk: the base, a point just beyond it (so that a margin already falling at the base
    // shows as a local minimum), then the grid.
    let nudge = match direction {
        Direction::Increase => t0 + NUDGE,
        Direction::Decrease => t0 - NUDGE,
    };
    let grid = (0..=n).map(|k| k as f64 / n as f64);
    let beyond: Vec<f64> = match direction {
        Direction::Increase => grid.filter(|&t| t > nudge).collect(),
        Direction::Decrease => grid.rev().filter(|&t| t < nudge).collect(),
    };
    let walk = std::iter::once(nudge)
        .filter(|&t| (0.0..=1.0).contains(&t))
        .chain(beyond);
    // `margin[i] = C_w - C_i`: how far candidate i is behind the winner.
    let margins = |scores: &[f64]| -> Vec<f64> { scores.iter().map(|s| scores[w] - s).collect() };
    let mut before: Option<(f64, Vec<f64>)> = None;
    let mut near = (t0, margins(&scores));
    for far in walk {
        eval(far, &mut scores);
        let far_margins = margins(&scores);
        // Taken before the dip search below reuses `scores`.
        let challengers: Vec<usize> = if winner(&scores) == Some(w) {
            Vec::new()
        } else {
            (0..rows)
                .filter(|&i| i != w && beats(&scores, i, w))
                .collect()
        };
        let mut crossings: Vec<f64> = Vec::new();
        // A challenger whose margin has a local minimum at `near` may dip below the winner
        // between the neighbouring points and come back: look for the dip's bottom.
        if let Some((a, a_margins)) = &before {
            for i in (0..rows).filter(|&i| i != w) {
                if near.1[i] < a_margins[i] && near.1[i] < far_margins[i] {
                    let bottom = deepest(model, base, j, w, i, *a, far);
                    eval(bottom, &mut scores);
                    if beats(&scores, i, w) {
                        crossings.push(crossing(model, base, j, w, i, *a, bottom));
                    }
                }
            }
        }
        for i in challengers {
            crossings.push(crossing(model, base, j, w, i, near.0, far));
        }
        let nearest = match direction {
            Direction::Increase => crossings.into_iter().reduce(f64::min),
            Direction::Decrease => crossings.into_iter().reduce(f64::max),
        };
        if let Some(t) = nearest {
            eval(t, &mut scores);
            return winner(&scores).map(|nw| (t, nw));
        }
        before = Some(std::mem::replace(&mut near, (far, far_margins)));
    }
    None
}

/// Where candidate `i` first beats the winner `w` between `lo` (where it does not) and `hi`
/// (where it does): bisected to [`ROOT_TOLERANCE`], the end on `hi`'s side.
fn crossing(
    model: &ScoreModel,
    base: &[f64],
    j: usize,
    w: usize,
    i: usize,
    mut lo: f64,
    mut hi: f64,
) -> f64 {
    let mut scores = vec![0.0; model.rows()];
    while (hi - lo).abs() > ROOT_TOLERANCE {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        model.scores(&rescale(base, j, mid), &mut scores);
        if beats(&scores, i, w) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The weight in `[a, b]` (either order) where candidate `i` comes closest to the winner `w`
/// (smallest `C_w - C_i`), by golden-section search to [`ROOT_TOLERANCE`]; the margin is
/// smooth and, over two grid steps, has one minimum.
fn deepest(model: &ScoreModel, base: &[f64], j: usize, w: usize, i: usize, a: f64, b: f64) -> f64 {
    let mut scores = vec![0.0; model.rows()];
    let mut margin = |t: f64| {
        model.scores(&rescale(base, j, t), &mut scores);
        scores[w] - scores[i]
    };
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = if a < b { (a, b) } else { (b, a) };
    let mut x1 = hi - ratio * (hi - lo);
    let mut x2 = lo + ratio * (hi - lo);
    let (mut f1, mut f2) = (margin(x1), margin(x2));
    while hi - lo > ROOT_TOLERANCE {
        if f1 <= f2 {
            hi = x2;
            (x2, f2) = (x1, f1);
            x1 = hi - ratio * (hi - lo);
            f1 = margin(x1);
        } else {
            lo = x1;
            (x1, f1) = (x2, f2);
            x2 = lo + ratio * (hi - lo);
            f2 = margin(x2);
        }
    }
    if f1 <= f2 { x1 } else { x2 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use rand::{RngExt, SeedableRng, rngs::ChaCha8Rng};

    /// Closed-form weighted-sum thresholds are exact up to a few roundings.
    const EXACT_TOL: f64 = 1e-12;
    /// Points of the brute-force dense scan of `[0, 1]` (TOPSIS; a tenth for the weighted sum).
    const DENSE_POINTS: usize = 1_000_000;

    fn ws(rows: usize, cols: usize, utilities: Vec<f64>) -> ScoreModel {
        ScoreModel::WeightedSum {
            rows,
            cols,
            utilities,
        }
    }

    fn check(th: &Threshold, crit: Option<f64>, new_winner: Option<usize>) {
        match (th.critical_weight, crit) {
            (Some(got), Some(want)) => assert_abs_diff_eq!(got, want, epsilon = EXACT_TOL),
            (got, want) => assert_eq!(got, want, "{th:?}"),
        }
        assert_eq!(th.new_winner, new_winner, "{th:?}");
    }

    /// Hand-computed case. u: A = (0.9, 0.2), B = (0.4, 0.8), C = (0.6, 0.6); w = (0.6, 0.4).
    /// Base scores A 0.62, B 0.56, C 0.60: A wins.
    /// Criterion 0 at t (w_1 = 1 - t): A = 0.2 + 0.7t, B = 0.8 - 0.4t, C = 0.6.
    ///   Decrease from 0.6: A = C at 0.2 + 0.7t = 0.6, t = 4/7; A = B at 1.1t = 0.6, t = 6/11
    ///   (farther). So 4/7, and just below it C (0.6) leads B (0.5714): new winner C.
    ///   Increase: A has the steepest line, nobody overtakes: None.
    /// Criterion 1 at t (w_0 = 1 - t): A = 0.9 - 0.7t, B = 0.4 + 0.4t, C = 0.6.
    ///   Decrease: A only gains: None. Increase from 0.4: A = C at t = 3/7, A = B at
    ///   t = 5/11 (farther): 3/7, new winner C.
    #[test]
    fn weighted_sum_hand_computed() {
        let m = ws(3, 2, vec![0.9, 0.2, 0.4, 0.8, 0.6, 0.6]);
        let th = critical_thresholds(&m, &[0.6, 0.4]).expect("valid");
        assert_eq!(th.len(), 4);
        assert_eq!(
            (th[0].criterion, th[0].direction, th[0].base_weight),
            (0, Direction::Decrease, 0.6)
        );
        check(&th[0], Some(4.0 / 7.0), Some(2));
        check(&th[1], None, None);
        check(&th[2], None, None);
        check(&th[3], Some(3.0 / 7.0), Some(2));
    }

    /// Three criteria, proportional rescaling. u: A = (1, 0, 0), B = (0, 1, 0), C = (0, 0, 1);
    /// w = (0.5, 0.3, 0.2). Criterion 0 decreasing to t: w = (t, 0.6(1-t), 0.4(1-t)), so
    /// A = t, B = 0.6(1-t): equal at t = 0.375, B takes over. Criterion 1 increasing:
    /// w = (5/7(1-t), t, 2/7(1-t)): B = A at t = 5/7 (1-t), t = 5/12.
    #[test]
    fn weighted_sum_proportional_rescale() {
        let m = ws(3, 3, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        let th = critical_thresholds(&m, &[0.5, 0.3, 0.2]).expect("valid");
        check(&th[0], Some(0.375), Some(1));
        check(&th[1], None, None);
        check(&th[3], Some(5.0 / 12.0), Some(1));
        // Criterion 2 increasing: C = t, A = 5/8 (1-t): t = 5/13.
        check(&th[5], Some(5.0 / 13.0), Some(2));
    }

    /// Ties and end points. u: 0 = (1, 0), 1 = (0, 1), w = (0.5, 0.5): tied at 0.5, candidate
    /// 0 wins by index; lowering weight 0 (or raising weight 1) hands the win to 1 at once.
    /// Then u: 0 = (1, 0), 1 = (1, 0.5), w = (0.5, 0.5): 1 wins (0.75 vs 0.5).
    ///   Criterion 0 up: 0 = t, 1 = 0.5 + 0.5t, equal only at t = 1 where 0 wins by index.
    ///   Criterion 1 down: 0 = 1 - t, 1 = 1 - 0.5t, equal only at t = 0: 0 wins there.
    /// And w = (1, 0): both score 1, candidate 0 wins; weight 1 cannot decrease (None); raising
    /// it gives 1 - t vs 1 - 0.5t, so 1 takes over at once (threshold 0).
    #[test]
    fn weighted_sum_ties_and_end_points() {
        let tied = ws(2, 2, vec![1.0, 0.0, 0.0, 1.0]);
        let th = critical_thresholds(&tied, &[0.5, 0.5]).expect("valid");
        check(&th[0], Some(0.5), Some(1));
        check(&th[1], None, None);
        check(&th[2], None, None);
        check(&th[3], Some(0.5), Some(1));

        let ends = ws(2, 2, vec![1.0, 0.0, 1.0, 0.5]);
        let th = critical_thresholds(&ends, &[0.5, 0.5]).expect("valid");
        check(&th[0], None, None);
        check(&th[1], Some(1.0), Some(0));
        check(&th[2], Some(0.0), Some(0));
        check(&th[3], None, None);

        let th = critical_thresholds(&ends, &[1.0, 0.0]).expect("valid");
        check(&th[0], Some(1.0), Some(1));
        check(&th[1], None, None);
        check(&th[2], None, None);
        check(&th[3], Some(0.0), Some(1));
    }

    /// The closed form agrees with direct evaluation of the rescaled scores.
    #[test]
    fn weighted_sum_matches_direct_evaluation() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..8 {
            let (rows, cols) = (4, 3);
            let m = ws(rows, cols, (0..12).map(|_| rng.random::<f64>()).collect());
            let base = random_weights(&mut rng, cols);
            let th = critical_thresholds(&m, &base).expect("valid");
            for t in &th {
                dense_check(&m, &base, t, DENSE_POINTS / 10);
            }
        }
    }

    fn random_weights(rng: &mut ChaCha8Rng, cols: usize) -> Vec<f64> {
        let raw: Vec<f64> = (0..cols).map(|_| rng.random::<f64>() + 0.05).collect();
        let s: f64 = raw.iter().sum();
        raw.iter().map(|x| x / s).collect()
    }

    /// Random TOPSIS model from a positive matrix: vector normalisation, first column cost.
    fn random_topsis(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> ScoreModel {
        let x: Vec<f64> = (0..rows * cols)
            .map(|_| 1.0 + 9.0 * rng.random::<f64>())
            .collect();
        let mut normalized = vec![0.0; rows * cols];
        let (mut best, mut worst) = (vec![0.0; cols], vec![0.0; cols]);
        for j in 0..cols {
            let norm = (0..rows)
                .map(|i| x[i * cols + j].powi(2))
                .sum::<f64>()
                .sqrt();
            let col: Vec<f64> = (0..rows).map(|i| x[i * cols + j] / norm).collect();
            for i in 0..rows {
                normalized[i * cols + j] = col[i];
            }
            let max = col.iter().copied().fold(f64::MIN, f64::max);
            let min = col.iter().copied().fold(f64::MAX, f64::min);
            (best[j], worst[j]) = if j == 0 { (min, max) } else { (max, min) };
        }
        ScoreModel::Topsis {
            rows,
            cols,
            normalized,
            best,
            worst,
        }
    }

    /// Brute force: scan `t = k / DENSE_POINTS` away from the base. The first scan point with
    /// another winner must lie at or beyond the reported threshold and within one step of it
    /// (so no change happens between base and threshold), the winner must differ on the two
    /// sides of the reported threshold, and `None` means no scan point changes the winner.
    fn dense_check(model: &ScoreModel, base: &[f64], th: &Threshold, points: usize) {
        let j = th.criterion;
        let t0 = base[j];
        let step = 1.0 / points as f64;
        let mut scores = vec![0.0; model.rows()];
        let mut win_at = |t: f64| {
            model.scores(&rescale(base, j, t), &mut scores);
            winner(&scores)
        };
        let w = win_at(t0);
        let ks: Box<dyn Iterator<Item = usize>> = match th.direction {
            Direction::Increase => Box::new(0..=points),
            Direction::Decrease => Box::new((0..=points).rev()),
        };
        let mut first_change = None;
        for k in ks {
            let t = k as f64 * step;
            let ahead = match th.direction {
                Direction::Increase => t > t0,
                Direction::Decrease => t < t0,
            };
            if ahead && win_at(t) != w {
                first_change = Some(t);
                break;
            }
        }
        match (th.critical_weight, first_change) {
            (None, None) => {}
            (Some(c), Some(p)) => {
                let dist = match th.direction {
                    Direction::Increase => p - c,
                    Direction::Decrease => c - p,
                };
                assert!(dist > -1e-12 && dist < step + 1e-12, "{th:?}: scan at {p}");
                // Either side of the threshold (unless it is the base or an end point).
                let (before, after) = match th.direction {
                    Direction::Increase => (c - 1e-10, if c < 1.0 { c + 1e-10 } else { c }),
                    Direction::Decrease => (c + 1e-10, if c > 0.0 { c - 1e-10 } else { c }),
                };
                if (before - t0) * (c - t0) > 0.0 {
                    assert_eq!(win_at(before), w, "{th:?}");
                }
                let nw = win_at(after);
                assert_ne!(nw, w, "{th:?}");
                assert_eq!(nw, th.new_winner, "{th:?}");
            }
            (c, p) => panic!("{th:?}: threshold {c:?} but dense scan {p:?}"),
        }
    }

    #[test]
    fn topsis_thresholds_match_dense_scan() {
        let mut rng = ChaCha8Rng::seed_from_u64(2024);
        let mut found = 0;
        for case in 0..4 {
            let (rows, cols) = (3 + case % 3, 3);
            let m = random_topsis(&mut rng, rows, cols);
            let mut base = random_weights(&mut rng, cols);
            if case == 3 {
                // A zero base weight: decrease must be None.
                base = vec![0.0, base[1] / (1.0 - base[0]), base[2] / (1.0 - base[0])];
            }
            let th = critical_thresholds(&m, &base).expect("valid");
            assert_eq!(th.len(), 2 * cols);
            if case == 3 {
                assert_eq!(th[0].critical_weight, None);
            }
            for t in &th {
                found += usize::from(t.critical_weight.is_some());
                dense_check(&m, &base, t, DENSE_POINTS);
            }
        }
        // The cases must exercise actual crossings, not only "no change".
        assert!(found >= 4, "only {found} crossings");
    }

    /// Two candidates tied at the base (mirror images): the later one takes over at once in
    /// the direction that favours it.
    #[test]
    fn topsis_tie_at_base() {
        let m = ScoreModel::Topsis {
            rows: 2,
            cols: 2,
            normalized: vec![0.8, 0.2, 0.2, 0.8],
            best: vec![0.8, 0.8],
            worst: vec![0.2, 0.2],
        };
        let th = critical_thresholds(&m, &[0.5, 0.5]).expect("valid");
        let c = th[0].critical_weight.expect("immediate change");
        assert_abs_diff_eq!(c, 0.5, epsilon = 1e-12);
        assert_eq!(th[0].new_winner, Some(1));
        assert_eq!(th[1].critical_weight, None);
        assert_eq!(th[3].new_winner, Some(1));
    }
}
