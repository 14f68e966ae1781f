//! SMAA-2 with an uncertain decision matrix as well as uncertain weights.
//!
//! [`smaa`](crate::sensitivity::smaa) treats the criteria values as exact. Measured quantities
//! (turnover, workers) and FGD ratings are not, so here every sample draws a weight vector
//! *and* a perturbed raw decision matrix for every group ([`MatrixNoise`]):
//!
//! - a **quantity** `x` becomes `x (1 + e)`, `e` uniform in `[-q, q]` ("each measured value may
//!   be off by up to `100 q` %"), then is held within the scale's declared bounds. With
//!   `q < 1` a non-negative quantity never turns negative;
//! - a **rating** moves by up to `s` whole steps, each reachable level within the scale equally
//!   likely (at the top of a 1-4 scale with `s = 1`: 3 or 4, one half each; in the middle:
//!   one step down, none or one up, one third each);
//! - a criterion without a scale counts as a quantity.
//!
//! The perturbed matrix is normalised again exactly as the scoring stage does
//! ([`ScoreModel::from_matrix`]: the study's normalisation, reference and cost criteria), then
//! scored with the sampled weights and ranked with [`crate::score::ranking`]'s rule (ties to
//! the candidate listed first). Rank acceptabilities, central weights and pairwise winning
//! counts are accumulated as in [`smaa`](crate::sensitivity::smaa).
//!
//! **Confidence factor.** With uncertain values the confidence factor is what Lahdelma &
//! Salminen (2001, eq. 8) define: the share of decision-matrix draws in which candidate `i`
//! wins when every candidate is scored with `i`'s central weight vector. It is estimated in a
//! second pass with as many draws as the first, from streams of its own.
//!
//! **Determinism.** As in [`smaa`](crate::sensitivity::smaa): chunk `c` of
//! `options.chunk` samples draws from [`chunk_rng`]`(seed, c)`, first the weight vector, then
//! the groups' matrices in group order, row by row; chunks run in parallel and are reduced in
//! chunk order, so results are bit-identical for any number of threads. The confidence pass's
//! chunk `c` draws from stream [`CONFIDENCE_STREAMS`]` + c`.
//!
//! There is no precomputed kernel here: normalisation changes with every draw, so each sample
//! normalises, scores and ranks every group afresh (one to two orders of magnitude slower than
//! the weights-only kernel).

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rayon::prelude::*;

use crate::model::{Scale, Scoring};
use crate::score::ScoreModel;
use crate::score::model::winner;
use crate::score::ranking;
use crate::score::{Direction, MatrixView, Normalization, Reference};
use crate::sensitivity::sampler::chunk_rng;
use crate::sensitivity::smaa::Tally;
use crate::sensitivity::{
    SensitivityError, SmaaOptions, SmaaResult, WeightSampler, validate_model,
};

/// First ChaCha stream of the confidence pass: its chunk `c` uses stream
/// `CONFIDENCE_STREAMS + c`, far above the weight pass's streams `0, 1, ...`.
pub const CONFIDENCE_STREAMS: u64 = 1 << 63;

/// How uncertain the decision matrix is.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MatrixNoise {
    /// Relative noise `q` on quantities, in `[0, 1)`: `x` becomes `x (1 + e)`, `e` uniform in
    /// `[-q, q]`.
    quantity: f64,
    /// Whole steps a rating may move.
    rating_steps: u32,
}

impl MatrixNoise {
    /// Noise of up to `quantity` (relative) on quantities and `rating_steps` whole steps on
    /// ratings; `MatrixNoise::new(0.0, 0)` is no noise.
    ///
    /// # Errors
    ///
    /// [`SensitivityError::InvalidQuantityNoise`] when `quantity` is negative, not finite, or
    /// 1 or more (a value could then reach 0 or change sign).
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::sensitivity::MatrixNoise;
    /// let n = MatrixNoise::new(0.10, 1).unwrap();
    /// assert_eq!((n.quantity(), n.rating_steps()), (0.10, 1));
    /// assert!(MatrixNoise::new(1.0, 1).is_err());
    /// ```
    pub fn new(quantity: f64, rating_steps: u32) -> Result<Self, SensitivityError> {
        if !(quantity.is_finite() && (0.0..1.0).contains(&quantity)) {
            return Err(SensitivityError::InvalidQuantityNoise { value: quantity });
        }
        Ok(Self {
            quantity,
            rating_steps,
        })
    }

    /// Relative noise on quantities.
    pub fn quantity(&self) -> f64 {
        self.quantity
    }

    /// Whole steps a rating may move.
    pub fn rating_steps(&self) -> u32 {
        self.rating_steps
    }

    /// The noise of a criterion measured on `scale` (`None`: a quantity without bounds).
    pub fn column(&self, scale: Option<&Scale>) -> ColumnNoise {
        match scale {
            Some(Scale::Rating { min, max, .. }) if self.rating_steps > 0 => ColumnNoise::Steps {
                steps: self.rating_steps,
                min: *min,
                max: *max,
            },
            Some(Scale::Rating { .. }) => ColumnNoise::Exact,
            _ if self.quantity == 0.0 => ColumnNoise::Exact,
            Some(Scale::Quantity { min, max, .. }) => ColumnNoise::Relative {
                spread: self.quantity,
                lower: min.unwrap_or(f64::NEG_INFINITY),
                upper: max.unwrap_or(f64::INFINITY),
            },
            None => ColumnNoise::Relative {
                spread: self.quantity,
                lower: f64::NEG_INFINITY,
                upper: f64::INFINITY,
            },
        }
    }
}

/// How the values of one criterion are perturbed in each sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnNoise {
    /// Left exact.
    Exact,
    /// `x (1 + e)`, `e` uniform in `[-spread, spread]`, then held within `[lower, upper]`
    /// (infinite where the scale has no bound) and, for `x >= 0`, at or above 0.
    Relative {
        /// Relative spread `q`, in `(0, 1)`.
        spread: f64,
        /// Smallest value allowed.
        lower: f64,
        /// Largest value allowed.
        upper: f64,
    },
    /// `x + k`, `k` a whole number with `|k| <= steps` and `min <= x + k <= max`, every such `k`
    /// equally likely.
    Steps {
        /// Most whole steps moved.
        steps: u32,
        /// Lowest level of the scale.
        min: f64,
        /// Highest level of the scale.
        max: f64,
    },
}

impl ColumnNoise {
    /// The same noise, with a quantity's values also held within `[lower, upper]`. A fixed
    /// reference normalises by the scale bounds and rejects values outside them, so values are
    /// held within the reference's bounds too. Ratings already stay within their scale.
    pub fn within(self, lower: f64, upper: f64) -> Self {
        match self {
            ColumnNoise::Relative {
                spread,
                lower: l,
                upper: u,
            } => ColumnNoise::Relative {
                spread,
                lower: l.max(lower),
                upper: u.min(upper),
            },
            other => other,
        }
    }

    /// A perturbed value of `x`, drawing from `rng` (nothing is drawn for [`ColumnNoise::Exact`]).
    pub fn perturb(&self, x: f64, rng: &mut ChaCha8Rng) -> f64 {
        match *self {
            ColumnNoise::Exact => x,
            ColumnNoise::Relative {
                spread,
                lower,
                upper,
            } => {
                let e = rng.random_range(-spread..=spread);
                let floor = if x >= 0.0 { lower.max(0.0) } else { lower };
                // max then min rather than clamp: never panics, even on inverted bounds.
                (x * (1.0 + e)).max(floor).min(upper)
            }
            ColumnNoise::Steps { steps, min, max } => {
                let steps = f64::from(steps);
                let down = (min - x).ceil().max(-steps);
                let up = (max - x).floor().min(steps);
                if down > up {
                    // A value outside its scale (validated input has none): leave it.
                    return x;
                }
                x + rng.random_range(down as i64..=up as i64) as f64
            }
        }
    }
}

/// One group's raw decision matrix and how it is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct NoisyGroup {
    /// Number of candidates.
    pub rows: usize,
    /// Raw values, row-major (`rows * columns.len()`).
    pub data: Vec<f64>,
    /// Noise of each criterion.
    pub columns: Vec<ColumnNoise>,
    /// Benefit or cost, per criterion.
    pub directions: Vec<Direction>,
    /// TOPSIS or weighted sum.
    pub scoring: Scoring,
    /// Column normalisation.
    pub normalization: Normalization,
    /// Relative or fixed reference points.
    pub reference: Reference,
}

impl NoisyGroup {
    /// Number of criteria.
    pub fn cols(&self) -> usize {
        self.columns.len()
    }

    /// Writes one perturbed copy of the matrix into `out`, drawing row by row from `rng`.
    ///
    /// # Panics
    ///
    /// If `out.len() != self.data.len()`.
    pub fn perturb(&self, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        assert_eq!(out.len(), self.data.len(), "one output slot per value");
        let cols = self.cols().max(1);
        for (o, x) in out.chunks_exact_mut(cols).zip(self.data.chunks_exact(cols)) {
            for ((o, &x), noise) in o.iter_mut().zip(x).zip(&self.columns) {
                *o = noise.perturb(x, rng);
            }
        }
    }

    /// The score model of `data` (this group's matrix or a perturbed copy).
    ///
    /// # Errors
    ///
    /// [`SensitivityError::Scoring`] when `data` cannot be normalised.
    pub fn model(&self, data: &[f64]) -> Result<ScoreModel, SensitivityError> {
        let view = MatrixView {
            rows: self.rows,
            cols: self.cols(),
            data,
        };
        ScoreModel::from_matrix(
            view,
            &self.directions,
            self.scoring,
            self.normalization,
            &self.reference,
        )
        .map_err(|e| SensitivityError::Scoring(e.to_string()))
    }
}

/// Runs SMAA-2 with weights from `sampler` and every group's matrix perturbed as its
/// [`ColumnNoise`] says (see the module docs). `progress` receives the number of draws done
/// out of `2 * samples` (the acceptability pass, then the confidence pass).
///
/// With [`ColumnNoise::Exact`] everywhere the rank and pairwise counts equal those of
/// [`smaa`](crate::sensitivity::smaa) on the groups' score models, and every confidence factor
/// is 1.0 or 0.0.
///
/// # Errors
///
/// A group whose sizes do not match, groups with different numbers of criteria, a sampler
/// whose `cols()` differs, zero samples, a zero chunk size, or a matrix (original or perturbed)
/// that cannot be normalised.
pub fn smaa_with_noise(
    groups: &[NoisyGroup],
    sampler: &dyn WeightSampler,
    options: &SmaaOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<SmaaResult>, SensitivityError> {
    let cols = sampler.cols();
    for (group, g) in groups.iter().enumerate() {
        let shape =
            |what, expected, found| SensitivityError::check_len(group, what, expected, found);
        shape("data", g.rows * g.cols(), g.data.len())?;
        shape("directions", g.cols(), g.directions.len())?;
        if g.cols() != cols {
            return Err(SensitivityError::SamplerColumns {
                expected: g.cols(),
                found: cols,
            });
        }
        if g.rows > 0 {
            validate_model(&g.model(&g.data)?, group)?;
        }
    }
    let samples = sampler.fixed_samples().unwrap_or(options.samples);
    if samples == 0 {
        return Err(SensitivityError::NoSamples);
    }
    if options.chunk == 0 {
        return Err(SensitivityError::ZeroChunk);
    }
    let chunk = options.chunk;
    let n_chunks = samples.div_ceil(chunk);
    let range = |c: usize| c * chunk..((c + 1) * chunk).min(samples);
    // Batches bound the memory held at once; the reduction is in chunk order whatever the
    // batch size, so the batch may follow the pool size.
    let batch = 4 * rayon::current_num_threads().max(1);

    let mut totals: Vec<Tally> = groups
        .iter()
        .map(|g| Tally::with_lengths(g.rows * g.rows, g.rows * g.cols()))
        .collect();
    let mut first = 0;
    while first < n_chunks {
        let last = (first + batch).min(n_chunks);
        let tallies: Vec<Result<Vec<Tally>, SensitivityError>> = (first..last)
            .into_par_iter()
            .map(|c| acceptability_chunk(groups, sampler, options.seed, c as u64, range(c)))
            .collect();
        for t in tallies {
            for (total, t) in totals.iter_mut().zip(&t?) {
                total.absorb(t);
            }
        }
        progress((last * chunk).min(samples));
        first = last;
    }

    let central: Vec<Vec<Option<Vec<f64>>>> = groups
        .iter()
        .zip(&totals)
        .map(|(g, t)| t.central_means(0, 0, g.rows, g.cols(), g.cols()))
        .collect();

    let mut wins: Vec<Vec<u64>> = groups.iter().map(|g| vec![0; g.rows]).collect();
    let mut first = 0;
    while first < n_chunks {
        let last = (first + batch).min(n_chunks);
        let counts: Vec<Result<Vec<Vec<u64>>, SensitivityError>> = (first..last)
            .into_par_iter()
            .map(|c| confidence_chunk(groups, &central, options.seed, c as u64, range(c)))
            .collect();
        for c in counts {
            for (total, c) in wins.iter_mut().zip(&c?) {
                for (a, b) in total.iter_mut().zip(c) {
                    *a += b;
                }
            }
        }
        progress(samples + (last * chunk).min(samples));
        first = last;
    }

    Ok(groups
        .iter()
        .zip(totals)
        .zip(central)
        .zip(wins)
        .map(|(((g, t), central_weights), wins)| {
            let confidence = central_weights
                .iter()
                .zip(&wins)
                .map(|(c, &w)| c.as_ref().map(|_| w as f64 / samples as f64))
                .collect();
            SmaaResult {
                rank_counts: Tally::square(&t.ranks, 0, g.rows),
                samples: samples as u64,
                central_weights,
                confidence,
                pairwise_winning: Tally::square(&t.pairwise, 0, g.rows),
            }
        })
        .collect())
}

/// Rank, pairwise and central-weight tallies of samples `range` of chunk `chunk`.
fn acceptability_chunk(
    groups: &[NoisyGroup],
    sampler: &dyn WeightSampler,
    seed: u64,
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Result<Vec<Tally>, SensitivityError> {
    let mut rng = chunk_rng(seed, chunk);
    let mut tallies: Vec<Tally> = groups
        .iter()
        .map(|g| Tally::with_lengths(g.rows * g.rows, g.rows * g.cols()))
        .collect();
    let mut w = vec![0.0; sampler.cols()];
    let mut x = Vec::new();
    let mut scores = Vec::new();
    for index in range {
        sampler.sample(index as u64, &mut rng, &mut w);
        for (g, t) in groups.iter().zip(&mut tallies) {
            let (n, cols) = (g.rows, g.cols());
            if n == 0 {
                continue;
            }
            x.resize(g.data.len(), 0.0);
            g.perturb(&mut rng, &mut x);
            scores.resize(n, 0.0);
            g.model(&x)?.scores(&w, &mut scores);
            let order = ranking(&scores);
            for (r, &c) in order.iter().enumerate() {
                t.ranks[c * n + r] += 1;
                for &b in &order[r + 1..] {
                    t.pairwise[c * n + b] += 1;
                }
            }
            let won = order[0];
            for (s, &wj) in t.central[won * cols..(won + 1) * cols].iter_mut().zip(&w) {
                *s += wj;
            }
        }
    }
    Ok(tallies)
}

/// For each group and candidate with central weights: the draws of chunk `chunk` (samples
/// `range`) in which it wins when the perturbed matrix is scored with its central weights.
fn confidence_chunk(
    groups: &[NoisyGroup],
    central: &[Vec<Option<Vec<f64>>>],
    seed: u64,
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Result<Vec<Vec<u64>>, SensitivityError> {
    let mut rng = chunk_rng(seed, CONFIDENCE_STREAMS + chunk);
    let mut wins: Vec<Vec<u64>> = groups.iter().map(|g| vec![0; g.rows]).collect();
    let mut x = Vec::new();
    let mut scores = Vec::new();
    for _ in range {
        for ((g, central), wins) in groups.iter().zip(central).zip(&mut wins) {
            if g.rows == 0 {
                continue;
            }
            x.resize(g.data.len(), 0.0);
            g.perturb(&mut rng, &mut x);
            let model = g.model(&x)?;
            scores.resize(g.rows, 0.0);
            for (i, c) in central.iter().enumerate() {
                if let Some(c) = c {
                    model.scores(c, &mut scores);
                    if winner(&scores) == Some(i) {
                        wins[i] += 1;
                    }
                }
            }
        }
    }
    Ok(wins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitivity::smaa::tests::assert_same_tallies;
    use crate::sensitivity::{DirichletAround, GivenSamples, UniformSimplex, smaa};
    use approx::assert_abs_diff_eq;
    use rand::SeedableRng;

    /// Chi-square bound for 1 or 2 degrees of freedom far beyond the 0.1 % quantile (10.8 and
    /// 13.8): a seeded test that fails this has the wrong probabilities, not bad luck.
    const CHI_SQUARE_BOUND: f64 = 20.0;

    fn rating(steps: u32, min: f64, max: f64) -> ColumnNoise {
        ColumnNoise::Steps { steps, min, max }
    }

    /// Draws `n` perturbations of `x` and counts them per level `min, min + 1, ..., max` of
    /// the rating scale of `noise`.
    fn level_counts(noise: ColumnNoise, x: f64, n: usize) -> Vec<u64> {
        let ColumnNoise::Steps { min, max, .. } = noise else {
            panic!("not a rating: {noise:?}");
        };
        let mut rng = chunk_rng(7, 0);
        let mut counts = vec![0u64; (max - min) as usize + 1];
        for _ in 0..n {
            let y = noise.perturb(x, &mut rng);
            assert_eq!(y.fract(), 0.0, "{y} is not a whole level");
            assert!((min..=max).contains(&y), "{y} outside [{min}, {max}]");
            counts[(y - min) as usize] += 1;
        }
        counts
    }

    /// Pearson's chi-square statistic of `counts` against `expected` shares.
    fn chi_square(counts: &[u64], expected: &[f64]) -> f64 {
        let n: u64 = counts.iter().sum();
        counts
            .iter()
            .zip(expected)
            .filter(|(_, p)| **p > 0.0)
            .map(|(&c, &p)| {
                let e = p * n as f64;
                (c as f64 - e).powi(2) / e
            })
            .sum()
    }

    #[test]
    fn ratings_move_by_whole_steps_with_the_stated_probabilities() {
        let n = 30_000;
        let third = 1.0 / 3.0;
        // (noise, x, expected share per level from the scale minimum up)
        let cases = [
            // Top of a 1-4 scale, one step: 3 or 4, one half each.
            (rating(1, 1.0, 4.0), 4.0, vec![0.0, 0.0, 0.5, 0.5]),
            // Bottom: 1 or 2.
            (rating(1, 1.0, 4.0), 1.0, vec![0.5, 0.5, 0.0, 0.0]),
            // Middle: one third each of -1, 0, +1.
            (rating(1, 1.0, 4.0), 2.0, vec![third, third, third, 0.0]),
            // Two steps from the bottom of 1-5: 1, 2, 3.
            (
                rating(2, 1.0, 5.0),
                1.0,
                vec![third, third, third, 0.0, 0.0],
            ),
            // Two steps in the middle of 1-5: five levels, one fifth each.
            (rating(2, 1.0, 5.0), 3.0, vec![0.2; 5]),
        ];
        for (noise, x, expected) in cases {
            let counts = level_counts(noise, x, n);
            for (c, p) in counts.iter().zip(&expected) {
                if *p == 0.0 {
                    assert_eq!(*c, 0, "x = {x}: unreachable level drawn: {counts:?}");
                }
            }
            let chi = chi_square(&counts, &expected);
            assert!(chi < CHI_SQUARE_BOUND, "x = {x}: {counts:?}, chi2 = {chi}");
        }
    }

    #[test]
    fn quantities_stay_within_the_spread_and_the_bounds() {
        let noise = MatrixNoise::new(0.1, 0).expect("valid");
        let free = noise.column(None);
        let percent = noise.column(Some(&Scale::Quantity {
            unit: "%".into(),
            min: Some(0.0),
            max: Some(100.0),
        }));
        let mut rng = chunk_rng(3, 0);
        let (mut lo, mut hi, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
        let n = 20_000;
        for _ in 0..n {
            let y = free.perturb(50.0, &mut rng);
            assert!((45.0..=55.0).contains(&y), "{y}");
            (lo, hi, sum) = (lo.min(y), hi.max(y), sum + y);
            assert!(percent.perturb(98.0, &mut rng) <= 100.0);
            assert!((-5.5..=-4.5).contains(&free.perturb(-5.0, &mut rng)));
            assert_eq!(free.perturb(0.0, &mut rng), 0.0);
            assert!(free.perturb(1e-9, &mut rng) >= 0.0);
        }
        // The whole spread is used, and the noise is centred.
        assert!(lo < 45.1 && hi > 54.9, "{lo} {hi}");
        assert_abs_diff_eq!(sum / f64::from(n), 50.0, epsilon = 0.1);
        // Narrowed to a fixed reference's bounds.
        let held = free.within(0.0, 52.0);
        assert!((0..1000).all(|_| held.perturb(51.0, &mut rng) <= 52.0));
        // A rating is not touched by quantity noise, nor a quantity by rating noise.
        let rating_scale = Scale::Rating {
            min: 1.0,
            max: 5.0,
            levels: Vec::new(),
        };
        assert_eq!(noise.column(Some(&rating_scale)), ColumnNoise::Exact);
        let steps = MatrixNoise::new(0.0, 1).expect("valid");
        assert_eq!(steps.column(None), ColumnNoise::Exact);
        assert_eq!(steps.column(Some(&rating_scale)), rating(1, 1.0, 5.0));
    }

    #[test]
    fn rejects_bad_noise() {
        for q in [-0.1, 1.0, 1.5, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                MatrixNoise::new(q, 1),
                Err(SensitivityError::InvalidQuantityNoise { .. })
            ));
        }
    }

    /// Random raw groups of every scoring set-up: TOPSIS and weighted sum, vector and min-max
    /// normalisation, a fixed reference; columns 0 and 1 are 1-5 ratings, the rest quantities
    /// (one of them a cost).
    fn raw_groups(seed: u64, noise: MatrixNoise) -> Vec<NoisyGroup> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let cols = 4;
        let rating = Scale::Rating {
            min: 1.0,
            max: 5.0,
            levels: Vec::new(),
        };
        let count = Scale::Quantity {
            unit: "orang".into(),
            min: Some(0.0),
            max: None,
        };
        let set_ups = [
            (Scoring::Topsis, Normalization::Vector, false),
            (Scoring::Topsis, Normalization::MinMax, false),
            (Scoring::WeightedSum, Normalization::Vector, false),
            (Scoring::Topsis, Normalization::Vector, true),
            (Scoring::WeightedSum, Normalization::Max, true),
        ];
        set_ups
            .iter()
            .enumerate()
            .map(|(k, &(scoring, normalization, fixed))| {
                let rows = 2 + k % 4;
                let mut data = Vec::new();
                for _ in 0..rows {
                    data.push(f64::from(rng.random_range(1..=5_u8)));
                    data.push(f64::from(rng.random_range(1..=5_u8)));
                    data.push(rng.random_range(1.0..20.0));
                    data.push(rng.random_range(100.0..1000.0));
                }
                let scales = [Some(&rating), Some(&rating), Some(&count), None];
                let (lower, upper) = (vec![1.0, 1.0, 0.0, 0.0], vec![5.0, 5.0, 25.0, 1200.0]);
                let columns = (0..cols)
                    .map(|j| {
                        let c = noise.column(scales[j]);
                        if fixed {
                            c.within(lower[j], upper[j])
                        } else {
                            c
                        }
                    })
                    .collect();
                NoisyGroup {
                    rows,
                    data,
                    columns,
                    directions: vec![
                        Direction::Benefit,
                        Direction::Benefit,
                        Direction::Cost,
                        Direction::Benefit,
                    ],
                    scoring,
                    normalization,
                    reference: if fixed {
                        Reference::Fixed { lower, upper }
                    } else {
                        Reference::Relative
                    },
                }
            })
            .collect()
    }

    fn given_weights(seed: u64, n: usize) -> GivenSamples {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut rows: Vec<Vec<f64>> = (0..n)
            .map(|_| (0..4).map(|_| rng.random::<f64>()).collect())
            .collect();
        // A vertex and equal weights (exact ties are likely on ratings).
        rows.push(vec![1.0, 0.0, 0.0, 0.0]);
        rows.push(vec![0.25; 4]);
        GivenSamples::new(rows).expect("valid")
    }

    #[test]
    fn without_noise_counts_equal_the_fast_kernel() {
        let groups = raw_groups(1, MatrixNoise::default());
        let models: Vec<ScoreModel> = groups
            .iter()
            .map(|g| g.model(&g.data))
            .collect::<Result<_, _>>()
            .expect("valid");
        let sampler = given_weights(2, 500);
        let options = SmaaOptions {
            samples: 1,
            seed: 0,
            chunk: 64,
        };
        let fast = smaa(&models, &sampler, &options, &|_| {}).expect("valid");
        let slow = smaa_with_noise(&groups, &sampler, &options, &|_| {}).expect("valid");
        for (f, s) in fast.iter().zip(&slow) {
            assert_eq!(f.samples, 502);
            assert_same_tallies(f, s);
        }
    }

    /// Brute force with the same draws: per chunk stream, weights then each group's matrix,
    /// scored by the plain score model and ranked by `ranking`; then the confidence pass.
    #[test]
    fn counts_match_brute_force_with_the_same_draws() {
        let noise = MatrixNoise::new(0.2, 1).expect("valid");
        let groups = raw_groups(5, noise);
        let sampler = DirichletAround::new(vec![0.4, 0.3, 0.2, 0.1], 5.0).expect("valid");
        let options = SmaaOptions {
            samples: 700,
            seed: 13,
            chunk: 200,
        };
        let got = smaa_with_noise(&groups, &sampler, &options, &|_| {}).expect("valid");

        let chunks = options.samples.div_ceil(options.chunk);
        let mut ranks: Vec<Vec<Vec<u64>>> = groups
            .iter()
            .map(|g| vec![vec![0; g.rows]; g.rows])
            .collect();
        let mut w = vec![0.0; 4];
        for c in 0..chunks {
            let mut rng = chunk_rng(options.seed, c as u64);
            let end = ((c + 1) * options.chunk).min(options.samples);
            for index in c * options.chunk..end {
                sampler.sample(index as u64, &mut rng, &mut w);
                for (g, ranks) in groups.iter().zip(&mut ranks) {
                    let x: Vec<f64> = g
                        .data
                        .chunks_exact(4)
                        .flat_map(|row| {
                            row.iter()
                                .zip(&g.columns)
                                .map(|(&v, n)| n.perturb(v, &mut rng))
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    let order = ranking(&g.model(&x).expect("valid").scores_vec(&w));
                    for (r, &i) in order.iter().enumerate() {
                        ranks[i][r] += 1;
                    }
                }
            }
        }
        let mut wins: Vec<Vec<u64>> = groups.iter().map(|g| vec![0; g.rows]).collect();
        for c in 0..chunks {
            let mut rng = chunk_rng(options.seed, CONFIDENCE_STREAMS + c as u64);
            let end = ((c + 1) * options.chunk).min(options.samples);
            for _ in c * options.chunk..end {
                for ((g, r), wins) in groups.iter().zip(&got).zip(&mut wins) {
                    let mut x = vec![0.0; g.data.len()];
                    g.perturb(&mut rng, &mut x);
                    let model = g.model(&x).expect("valid");
                    for (i, central) in r.central_weights.iter().enumerate() {
                        if let Some(central) = central {
                            wins[i] += u64::from(ranking(&model.scores_vec(central))[0] == i);
                        }
                    }
                }
            }
        }
        let mut noisy_groups = 0;
        for ((r, ranks), wins) in got.iter().zip(&ranks).zip(&wins) {
            assert_eq!(&r.rank_counts, ranks);
            for (i, conf) in r.confidence.iter().enumerate() {
                match conf {
                    Some(p) => {
                        assert_eq!(*p, wins[i] as f64 / 700.0);
                        noisy_groups += usize::from(*p > 0.0 && *p < 1.0);
                    }
                    None => assert_eq!(r.rank_counts[i][0], 0),
                }
            }
        }
        // The noise really changes outcomes: some confidence factors are strictly between.
        assert!(noisy_groups > 0);
    }

    #[test]
    fn results_do_not_depend_on_thread_count() -> Result<(), Box<dyn std::error::Error>> {
        let groups = raw_groups(8, MatrixNoise::new(0.1, 1)?);
        let sampler = UniformSimplex { cols: 4 };
        let options = SmaaOptions {
            samples: 1500,
            seed: 4,
            chunk: 128,
        };
        let run = |threads: usize| -> Result<Vec<SmaaResult>, Box<dyn std::error::Error>> {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            Ok(pool.install(|| smaa_with_noise(&groups, &sampler, &options, &|_| {}))?)
        };
        let one = run(1)?;
        // PartialEq on f64 is bitwise-equal here (no NaN): central weights must match exactly.
        assert_eq!(one, run(2)?);
        assert_eq!(one, run(8)?);
        let other_seed = SmaaOptions { seed: 5, ..options };
        assert_ne!(
            one,
            smaa_with_noise(&groups, &sampler, &other_seed, &|_| {})?
        );
        Ok(())
    }

    #[test]
    fn rejects_inconsistent_input() {
        let groups = raw_groups(1, MatrixNoise::default());
        let opt = SmaaOptions::default();
        assert!(matches!(
            smaa_with_noise(&groups, &UniformSimplex { cols: 3 }, &opt, &|_| {}),
            Err(SensitivityError::SamplerColumns {
                expected: 4,
                found: 3
            })
        ));
        let mut short = groups.clone();
        short[2].data.pop();
        assert!(matches!(
            smaa_with_noise(&short, &UniformSimplex { cols: 4 }, &opt, &|_| {}),
            Err(SensitivityError::ModelShape {
                group: 2,
                what: "data",
                ..
            })
        ));
        let zero = SmaaOptions { samples: 0, ..opt };
        assert!(matches!(
            smaa_with_noise(&groups, &UniformSimplex { cols: 4 }, &zero, &|_| {}),
            Err(SensitivityError::NoSamples)
        ));
    }
}
