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
//! **TOPSIS.** Along the sweep every weight is linear in `t` and the ideal and anti-ideal in
//! normalised space do not move, so each candidate's squared distances are exact quadratics,
//! `D+²(t) = p1 t² + p0 (1 - t)²` and `D-²(t) = m1 t² + m0 (1 - t)²` ([`SweepCurves`]). The
//! winner `W` is ahead of candidate `i` exactly where
//! `g(t) = D-_W² D+_i² - D-_i² D+_W² > 0`, a quartic in `t` with only the powers
//! `t⁴, t² (1 - t)², (1 - t)⁴`: with `z = (t / (1 - t))²` (increasing on `[0, 1)`) its sign is
//! the sign of the quadratic `h(z) = P z² + Q z + R`. Crossings are the roots of `h` where it
//! changes sign (a double root is a touch, not a crossing), found with the stable quadratic
//! formula (compensated discriminant) and one Newton step, then mapped back by
//! `t = sqrt(z) / (1 + sqrt(z))`: exact up to rounding (about `1e-15`), so no crossing, however
//! brief, is missed. A candidate at zero distance from both reference points over the whole
//! sweep (closeness 0.5 throughout, the rule of [`ScoreModel::scores`]) is compared through
//! `D-_W² - D+_W²`; zero distances at `t = 0` or `t = 1` alone are settled by the exact
//! scores there. Coefficients that are pure rounding noise (below `64 ε` of their terms) count
//! as 0, so identical candidates stay tied throughout. The winner at the base weight is taken
//! from the direct scores; a root within `1e-12` of the base weight counts as lying on it
//! (rounding cannot then move a tie at the base to one side). The grid-and-bisection search
//! this replaces is kept as a test oracle.

use serde::{Deserialize, Serialize};

use crate::score::ScoreModel;
use crate::score::model::{beats, winner};
use crate::sensitivity::sweep::{Curves, SweepCurves, curves_unchecked};
use crate::sensitivity::{SensitivityError, validate_model, validate_weights};

/// Roots of the crossing polynomial closer than this to the base weight count as lying on it.
const BASE_CLUSTER: f64 = 1e-12;

/// How far beyond a crossing shared by several challengers they are compared.
const PROBE: f64 = 1e-9;

/// Relative size under which a coefficient of the crossing polynomial is rounding noise.
const NOISE: f64 = 64.0 * f64::EPSILON;

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
    // The TOPSIS winner at the base weights, from the direct scores (as every report shows).
    let base_winner = match model {
        ScoreModel::Topsis { .. } => winner(&model.scores_vec(base)),
        ScoreModel::WeightedSum { .. } => None,
    };
    let mut out = Vec::with_capacity(2 * model.cols());
    for j in 0..model.cols() {
        let curves = match (model, base_winner) {
            (ScoreModel::Topsis { .. }, Some(_)) if model.rows() >= 2 => {
                Some(curves_unchecked(model, base, j))
            }
            _ => None,
        };
        for direction in [Direction::Decrease, Direction::Increase] {
            let found = if model.rows() < 2 || range_is_empty(base[j], direction) {
                None
            } else {
                match (model, &curves, base_winner) {
                    (ScoreModel::WeightedSum { .. }, _, _) => {
                        linear_threshold(model, base, j, direction)
                    }
                    (ScoreModel::Topsis { .. }, Some(c), Some(w)) => {
                        topsis_threshold(c, w, direction)
                    }
                    _ => None,
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

/// Closed-form threshold of a TOPSIS model from its sweep curves (see the module docs): the
/// nearest point, from the base weight in `direction`, where a challenger beats the winner
/// `w`, and who wins just beyond it.
fn topsis_threshold(c: &SweepCurves, w: usize, direction: Direction) -> Option<(f64, usize)> {
    let Curves::Topsis { plus, minus } = &c.curves else {
        return None;
    };
    let rows = plus.len();
    let t0 = c.base_weight;
    let end = match direction {
        Direction::Increase => 1.0,
        Direction::Decrease => 0.0,
    };
    // Exact scores at the end of the range (bit-identical to a direct evaluation there).
    let mut end_scores = vec![0.0; rows];
    c.scores_at(end, &mut end_scores);
    let (aw, bw) = ratio_ends(plus[w], minus[w]);
    // With no number strictly between the base weight and the end (a base weight within one
    // step of 1), only the end itself can be reached.
    let open = match direction {
        Direction::Increase => t0.next_up() < end,
        Direction::Decrease => t0.next_down() > end,
    };
    let mut found: Vec<(f64, usize)> = Vec::new();
    for i in (0..rows).filter(|&i| i != w) {
        let (ai, bi) = ratio_ends(plus[i], minus[i]);
        let h = CrossingPolynomial::new(aw, bw, ai, bi);
        let t = open
            .then(|| h.first_win(t0, i < w, direction))
            .flatten()
            .or_else(|| beats(&end_scores, i, w).then_some(end));
        if let Some(t) = t {
            found.push((t, i));
        }
    }
    let nearest = match direction {
        Direction::Increase => found.iter().map(|f| f.0).reduce(f64::min),
        Direction::Decrease => found.iter().map(|f| f.0).reduce(f64::max),
    }?;
    if nearest == end {
        // No "beyond" at the end of the range: the ranking rule decides there.
        return winner(&end_scores).map(|nw| (nearest, nw));
    }
    let at_nearest: Vec<usize> = found
        .iter()
        .filter(|f| f.0 == nearest)
        .map(|f| f.1)
        .collect();
    if let [only] = at_nearest[..] {
        return Some((nearest, only));
    }
    // Several challengers take over at the same point: whoever leads just beyond it.
    let probe = match direction {
        Direction::Increase => (nearest + PROBE).min(1.0),
        Direction::Decrease => (nearest - PROBE).max(0.0),
    };
    let mut scores = vec![0.0; rows];
    c.scores_at(probe, &mut scores);
    at_nearest
        .into_iter()
        .reduce(|best, i| if beats(&scores, i, best) { i } else { best })
        .map(|nw| (nearest, nw))
}

/// A candidate's `(D-², D+²)` end values; a candidate at zero distance from both reference
/// points throughout (closeness 0.5 everywhere) compares as `D- = D+`.
fn ratio_ends(plus: [f64; 2], minus: [f64; 2]) -> ([f64; 2], [f64; 2]) {
    if plus == [0.0; 2] && minus == [0.0; 2] {
        ([1.0; 2], [1.0; 2])
    } else {
        (minus, plus)
    }
}

/// `h(z) = P z² + Q z + R`, whose sign on `z = (t / (1 - t))² > 0` is the sign of
/// `C_W(t) - C_i(t)` on `0 < t < 1`.
struct CrossingPolynomial {
    p: f64,
    q: f64,
    r: f64,
}

impl CrossingPolynomial {
    /// From the end values `a = D-²`, `b = D+²` of the winner (`aw`, `bw`) and of the
    /// challenger (`ai`, `bi`): `g = A_W B_i - A_i B_W` with `A(t) = a1 t² + a0 s²`, so
    /// `P = aw1 bi1 - ai1 bw1`, `Q = aw1 bi0 + aw0 bi1 - ai1 bw0 - ai0 bw1`,
    /// `R = aw0 bi0 - ai0 bw0`. Each difference is formed as `(sum) - (sum)` with the terms in
    /// mirrored order, so identical candidates give exactly 0.
    fn new(aw: [f64; 2], bw: [f64; 2], ai: [f64; 2], bi: [f64; 2]) -> Self {
        let clean = |plus: f64, minus: f64| {
            let d = plus - minus;
            if d.abs() <= NOISE * (plus.abs() + minus.abs()) {
                0.0
            } else {
                d
            }
        };
        CrossingPolynomial {
            p: clean(aw[1] * bi[1], ai[1] * bw[1]),
            q: clean(aw[1] * bi[0] + aw[0] * bi[1], ai[1] * bw[0] + ai[0] * bw[1]),
            r: clean(aw[0] * bi[0], ai[0] * bw[0]),
        }
    }

    fn at(&self, z: f64) -> f64 {
        (self.p * z + self.q) * z + self.r
    }

    /// Sign of `h` just above `z = 0` (`t` just above 0): the lowest nonzero coefficient's.
    fn sign_at_zero(&self) -> f64 {
        [self.r, self.q, self.p]
            .into_iter()
            .find(|&x| x != 0.0)
            .map_or(0.0, f64::signum)
    }

    /// The points in `0 < t < 1` where `h` changes sign, increasing.
    fn sign_changes(&self) -> Vec<f64> {
        let (p, q, r) = (self.p, self.q, self.r);
        let mut zs: Vec<f64> = Vec::with_capacity(2);
        if p != 0.0 {
            let disc = discriminant(p, q, r);
            if disc > 0.0 {
                // Stable quadratic formula: no cancellation in either root.
                let big = -0.5 * (q + disc.sqrt().copysign(q));
                zs.extend([big / p, r / big]);
            }
        } else if q != 0.0 {
            zs.push(-r / q);
        }
        let mut ts: Vec<f64> = zs
            .into_iter()
            .filter(|z| z.is_finite() && *z > 0.0)
            .map(|z| {
                let z = self.polish(z);
                let u = z.sqrt();
                u / (1.0 + u)
            })
            .filter(|t| *t > 0.0 && *t < 1.0)
            .collect();
        ts.sort_by(f64::total_cmp);
        ts
    }

    /// One Newton step on a root, kept only if it brings `h` closer to 0.
    fn polish(&self, z: f64) -> f64 {
        let slope = 2.0 * self.p * z + self.q;
        if slope == 0.0 {
            return z;
        }
        let next = z - self.at(z) / slope;
        if next > 0.0 && next.is_finite() && self.at(next).abs() < self.at(z).abs() {
            next
        } else {
            z
        }
    }

    /// The nearest `t` beyond `t0` in `direction` where the challenger beats the winner
    /// (`h < 0`, or `h = 0` throughout and the challenger is listed first), `None` when it
    /// never does in the open range (the end point itself is checked by the caller).
    fn first_win(&self, t0: f64, listed_first: bool, direction: Direction) -> Option<f64> {
        let beats = |sign: f64| sign < 0.0 || (sign == 0.0 && listed_first);
        let changes = self.sign_changes();
        let sign0 = self.sign_at_zero();
        match direction {
            Direction::Increase => {
                // Sign changes at or before the base (or within rounding beyond it) are behind.
                let behind = changes.iter().filter(|&&b| b <= t0 + BASE_CLUSTER).count();
                let flip = |n: usize| if n.is_multiple_of(2) { sign0 } else { -sign0 };
                if beats(flip(behind)) {
                    let last = changes[..behind].last().copied().unwrap_or(t0);
                    return Some(last.max(t0));
                }
                (behind..changes.len())
                    .find(|&k| beats(flip(k + 1)))
                    .map(|k| changes[k])
            }
            Direction::Decrease => {
                // Counted from the top: the sign just below t = 1 is sign0 flipped per change.
                let n = changes.len();
                let sign1 = if n.is_multiple_of(2) { sign0 } else { -sign0 };
                let ahead = changes.iter().filter(|&&b| b >= t0 - BASE_CLUSTER).count();
                let flip = |m: usize| if m.is_multiple_of(2) { sign1 } else { -sign1 };
                if beats(flip(ahead)) {
                    let first = changes[n - ahead..].first().copied().unwrap_or(t0);
                    return Some(first.min(t0));
                }
                (ahead..n)
                    .find(|&m| beats(flip(m + 1)))
                    .map(|m| changes[n - 1 - m])
            }
        }
    }
}

/// `q² - 4 p r` with the two products' rounding errors recovered by fused multiply-adds
/// (Kahan), so a near-double root is told from a pair of close roots as well as the
/// coefficients allow.
fn discriminant(p: f64, q: f64, r: f64) -> f64 {
    let qq = q * q;
    let pr = 4.0 * p * r;
    let e_qq = q.mul_add(q, -qq);
    let e_pr = (4.0 * p).mul_add(r, -pr);
    (qq - pr) + (e_qq - e_pr)
}

/// The grid-and-bisection TOPSIS threshold search that the closed form replaced, kept as a
/// test oracle: crossings bracketed on the grid `k / N` ([`grid::TOPSIS_GRID_INTERVALS`]
/// sub-intervals, plus the base weight and a point `1e-6` beyond it), walking away from `w_j`;
/// each candidate that beats the winner at a walked point is bisected to `|dt| <= 1e-13`;
/// wherever a challenger's margin `C_w - C_i` has a local minimum at a walked point, its
/// bottom between the two neighbouring points is found by golden-section search. Two dips of
/// one challenger within two grid steps could hide each other, and a dip entirely between the
/// base and the first walked point is not seen.
#[cfg(test)]
pub(crate) mod grid {
    use super::*;
    use crate::sensitivity::rescale;

    /// Number of grid sub-intervals of `[0, 1]` used to bracket TOPSIS crossings.
    pub const TOPSIS_GRID_INTERVALS: usize = 2000;

    /// Width to which TOPSIS crossings are bisected (and dips located).
    const ROOT_TOLERANCE: f64 = 1e-13;

    /// Distance of the first point walked after the base weight.
    const NUDGE: f64 = 1e-6;

    /// [`critical_thresholds`] with the grid search for TOPSIS.
    pub fn thresholds(model: &ScoreModel, base: &[f64]) -> Vec<Threshold> {
        let mut out = Vec::with_capacity(2 * model.cols());
        for j in 0..model.cols() {
            for direction in [Direction::Decrease, Direction::Increase] {
                let found = if model.rows() < 2 || range_is_empty(base[j], direction) {
                    None
                } else {
                    match model {
                        ScoreModel::WeightedSum { .. } => {
                            linear_threshold(model, base, j, direction)
                        }
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
        out
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
        let margins =
            |scores: &[f64]| -> Vec<f64> { scores.iter().map(|s| scores[w] - s).collect() };
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
    fn deepest(
        model: &ScoreModel,
        base: &[f64],
        j: usize,
        w: usize,
        i: usize,
        a: f64,
        b: f64,
    ) -> f64 {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitivity::rescale;
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

    /// Largest difference in critical weight between the closed form and the grid oracle.
    const ORACLE_TOL: f64 = 1e-9;

    /// A random group for the oracle comparison: `kind` 0 plain, 1 near-ties (candidates
    /// perturbed copies of one another), 2 degenerate (constant columns, duplicated
    /// candidates, zero weights, all weight on one criterion).
    fn oracle_case(rng: &mut ChaCha8Rng, kind: usize) -> (ScoreModel, Vec<f64>) {
        let rows = rng.random_range(2..=12usize);
        let cols = rng.random_range(2..=9usize);
        let mut x: Vec<f64> = (0..rows * cols)
            .map(|_| 1.0 + 9.0 * rng.random::<f64>())
            .collect();
        if kind == 1 {
            for i in 1..rows {
                for k in 0..cols {
                    x[i * cols + k] = x[k] * (1.0 + 1e-3 * (rng.random::<f64>() - 0.5));
                }
            }
        }
        if kind == 2 {
            let k = rng.random_range(0..cols);
            for i in 0..rows {
                x[i * cols + k] = 5.0;
            }
            if rows > 2 {
                let (a, b) = (rng.random_range(0..rows), rng.random_range(0..rows));
                for k in 0..cols {
                    x[b * cols + k] = x[a * cols + k];
                }
            }
            // Likert-like steps give exact ties at the end points.
            for v in x.iter_mut().step_by(3) {
                *v = v.round();
            }
        }
        let mut normalized = vec![0.0; rows * cols];
        let (mut best, mut worst) = (vec![0.0; cols], vec![0.0; cols]);
        for j in 0..cols {
            let norm = (0..rows)
                .map(|i| x[i * cols + j].powi(2))
                .sum::<f64>()
                .sqrt();
            for i in 0..rows {
                normalized[i * cols + j] = x[i * cols + j] / norm;
            }
            let col: Vec<f64> = (0..rows).map(|i| normalized[i * cols + j]).collect();
            let max = col.iter().copied().fold(f64::MIN, f64::max);
            let min = col.iter().copied().fold(f64::MAX, f64::min);
            (best[j], worst[j]) = if rng.random::<f64>() < 0.3 {
                (min, max)
            } else {
                (max, min)
            };
        }
        let mut base = random_weights(rng, cols);
        if kind == 2 {
            match rng.random_range(0..3) {
                0 => {
                    let k = rng.random_range(0..cols);
                    let rest = 1.0 - base[k];
                    base[k] = 0.0;
                    for w in &mut base {
                        *w /= rest;
                    }
                    // Two criteria: the other weight is 1 up to rounding; make it exact (a
                    // weight one rounding short of 1 leaves no room to sweep).
                    if cols == 2 {
                        base = base.iter().map(|w| w.round()).collect();
                    }
                }
                1 => {
                    base = vec![0.0; cols];
                    base[rng.random_range(0..cols)] = 1.0;
                }
                _ => {}
            }
        }
        let model = ScoreModel::Topsis {
            rows,
            cols,
            normalized,
            best,
            worst,
        };
        (model, base)
    }

    /// The closed form against the grid-and-bisection oracle on thousands of random groups:
    /// the same thresholds (within [`ORACLE_TOL`]) and the same new winners. Where they differ
    /// the closed form must be the one that is right: a dense scan finds the challenger's
    /// brief lead between grid points that the oracle missed.
    #[test]
    fn topsis_closed_form_matches_grid_oracle() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let groups = 3000;
        let (mut compared, mut crossings, mut missed_by_grid) = (0, 0, 0);
        let mut max_diff: f64 = 0.0;
        for case in 0..groups {
            let (m, base) = oracle_case(&mut rng, case % 3);
            let fast = critical_thresholds(&m, &base).expect("valid");
            let slow = grid::thresholds(&m, &base);
            for (f, s) in fast.iter().zip(&slow) {
                compared += 1;
                match (f.critical_weight, s.critical_weight) {
                    (Some(a), Some(b)) if (a - b).abs() <= ORACLE_TOL => {
                        max_diff = max_diff.max((a - b).abs());
                        crossings += 1;
                        assert_eq!(f.new_winner, s.new_winner, "{f:?} vs grid {s:?}");
                    }
                    (None, None) => {}
                    _ => {
                        // Only a crossing nearer than the oracle's (a dip it stepped over).
                        let nearer = match (f.critical_weight, s.critical_weight) {
                            (Some(_), None) => true,
                            (Some(a), Some(b)) => {
                                (a - f.base_weight).abs() < (b - f.base_weight).abs()
                            }
                            _ => false,
                        };
                        assert!(nearer, "case {case}: {f:?} vs grid {s:?}");
                        dense_check(&m, &base, f, DENSE_POINTS);
                        missed_by_grid += 1;
                    }
                }
            }
        }
        eprintln!(
            "{groups} groups, {compared} thresholds, {crossings} crossings agree within \
             {max_diff:e}, {missed_by_grid} dips missed by the grid"
        );
        assert!(
            crossings > compared / 10,
            "{crossings} crossings of {compared}"
        );
    }

    /// The crossing polynomial's roots are exact: the scores of the two candidates agree at
    /// the reported critical weight to rounding.
    #[test]
    fn closed_form_crossings_are_ties() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for _ in 0..500 {
            let (m, base) = oracle_case(&mut rng, 0);
            let w = winner(&m.scores_vec(&base)).expect("candidates");
            for th in critical_thresholds(&m, &base).expect("valid") {
                let (Some(c), Some(nw)) = (th.critical_weight, th.new_winner) else {
                    continue;
                };
                if c == 0.0 || c == 1.0 || c == th.base_weight {
                    continue;
                }
                let s = m.scores_vec(&rescale(&base, th.criterion, c));
                assert!(
                    (s[w] - s[nw]).abs() < 1e-12,
                    "{th:?}: {} vs {}",
                    s[w],
                    s[nw]
                );
            }
        }
    }
}
