//! SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001).
//!
//! For each sampled weight vector every group is scored and ranked; per group we count
//! - `rank_counts[i][r]`: samples in which candidate `i` gets rank `r` (0 = first), giving the
//!   rank acceptability `b_i^r = rank_counts[i][r] / samples` (L&S 2001, eq. 6);
//! - the central weight vector `w_i^c`: the mean of the sampled weights that make `i` the
//!   winner (L&S 2001, eq. 7);
//! - the confidence factor `p_i^c`: L&S define it as the probability, over the uncertain
//!   criteria *values*, that `i` wins with its central weights (eq. 8). The criteria values
//!   here are exact, so that probability is 1 or 0: `confidence[i]` is 1.0 if `i` wins (under
//!   [`crate::sensitivity::ranking`]'s rule) when scored with `w_i^c`, 0.0 if not;
//! - `pairwise_winning[i][k]`: samples in which `i` ranks above `k`.
//!
//! **Determinism.** Sample indices are cut into chunks of `options.chunk`; chunk `c` covers
//! `[c * chunk, (c + 1) * chunk)` and draws from `ChaCha8Rng::seed_from_u64(seed)` on stream `c`.
//! Chunks run in parallel (rayon) and their counts and weight sums are added **in chunk order**,
//! so results are bit-identical for any number of threads (but do depend on `chunk`).
//!
//! **Kernel.** With `w >= 0`, `D+_i^2 = sum_j w_j^2 (r_ij - best_j)^2` (see
//! [`ScoreModel::Topsis`]): the squared differences are precomputed once per group. Groups are
//! stored transposed in tiles of up to 64 (group = vector lane), so one sample costs, per
//! candidate, two multiply-add sweeps over the criteria, two square roots and a division, all
//! across lanes; ranks come from one comparison per candidate pair (`n (n - 1) / 2` per group),
//! again across lanes, which also gives the pairwise counts. The arithmetic is that of
//! [`ScoreModel::scores`], so rankings agree bit for bit with it.

use rayon::prelude::*;

use crate::sensitivity::model::{closeness, winner};
use crate::sensitivity::sampler::chunk_rng;
use crate::sensitivity::{ScoreModel, SensitivityError, WeightSampler};

/// Default number of samples per chunk (one ChaCha stream each).
pub const DEFAULT_CHUNK: usize = 256;

/// Settings of an SMAA run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmaaOptions {
    /// Number of weight samples (ignored for samplers with a fixed list, see
    /// [`WeightSampler::fixed_samples`]).
    pub samples: usize,
    /// Seed of the random generator; record it with the results.
    pub seed: u64,
    /// Samples per chunk: the unit of parallel work and of random streams. Keep it fixed
    /// (default [`DEFAULT_CHUNK`]) to reproduce earlier results.
    pub chunk: usize,
}

impl Default for SmaaOptions {
    /// 10,000 samples, seed 0, chunks of [`DEFAULT_CHUNK`].
    fn default() -> Self {
        Self {
            samples: 10_000,
            seed: 0,
            chunk: DEFAULT_CHUNK,
        }
    }
}

/// SMAA-2 results of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct SmaaResult {
    /// `rank_counts[i][r]`: samples in which candidate `i` got rank `r` (0 = first).
    pub rank_counts: Vec<Vec<u64>>,
    /// Number of samples.
    pub samples: u64,
    /// Central weight vector of each candidate (mean of the weights under which it wins);
    /// `None` if it never wins.
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// Confidence factor: 1.0 if the candidate wins when scored with its central weights,
    /// 0.0 if not (exact criteria values; see the module docs); `None` if it never wins.
    pub confidence: Vec<Option<f64>>,
    /// `pairwise_winning[i][k]`: samples in which `i` ranks above `k` (0 on the diagonal).
    pub pairwise_winning: Vec<Vec<u64>>,
}

impl SmaaResult {
    /// Rank acceptability `b_i^r`: share of samples in which candidate `i` has rank `r`
    /// (0 = first). 0.0 for a result with no samples.
    ///
    /// # Panics
    ///
    /// If `i` or `r` is not below the number of candidates.
    pub fn acceptability(&self, i: usize, r: usize) -> f64 {
        if self.samples == 0 {
            0.0
        } else {
            self.rank_counts[i][r] as f64 / self.samples as f64
        }
    }

    /// Share of samples in which `i` ranks above `k`. 0.0 for a result with no samples.
    ///
    /// # Panics
    ///
    /// If `i` or `k` is not below the number of candidates.
    pub fn pairwise_share(&self, i: usize, k: usize) -> f64 {
        if self.samples == 0 {
            0.0
        } else {
            self.pairwise_winning[i][k] as f64 / self.samples as f64
        }
    }
}

/// One group's place in the flat tally buffers.
#[derive(Debug, Clone, Copy)]
struct GroupLayout {
    rows: usize,
    /// Offset into the rank/pairwise count buffers (`rows * rows` each).
    counts: usize,
    /// Offset into the central weight sums (`rows * cols`).
    central: usize,
}

/// Lanes (groups) are handled in blocks of this many, the widest f64 vector (AVX-512).
const LANE_BLOCK: usize = 8;
/// Most groups side by side in one tile, so a tile's working set stays in L1 cache.
const MAX_TILE_LANES: usize = 64;

/// Up to [`MAX_TILE_LANES`] groups of one kind, stored transposed (group = lane, innermost) so
/// that scoring and ranking vectorise across groups. Candidate `c` of lane `l` is at
/// `c * lanes + l`; missing candidates and lanes are padding that scores `-inf`, so they never
/// beat a real candidate and never change a real candidate's rank.
#[derive(Debug)]
struct Tile {
    topsis: bool,
    /// Lanes, a multiple of [`LANE_BLOCK`].
    lanes: usize,
    /// Largest number of candidates among the tile's groups.
    nmax: usize,
    /// Group index of each real lane.
    groups: Vec<usize>,
    /// `[c][j][lane]`: `(r_cj - best_j)^2` for TOPSIS, `u_cj` for the weighted sum.
    a: Vec<f64>,
    /// `[c][j][lane]`: `(r_cj - worst_j)^2` (TOPSIS only).
    b: Vec<f64>,
    /// `[c][lane]`: 0.0 for a real candidate, `-inf` for padding.
    pad: Vec<f64>,
    /// Offset of this tile's pair counters (`nmax (nmax - 1) / 2 * lanes`) in the chunk buffer.
    pairs: usize,
}

/// Weight-independent data of all groups, tiled for the kernel.
#[derive(Debug)]
struct Layout {
    cols: usize,
    groups: Vec<GroupLayout>,
    tiles: Vec<Tile>,
    count_len: usize,
    central_len: usize,
    pair_len: usize,
    /// Largest `nmax * lanes` of any tile (scratch size).
    scratch_len: usize,
}

impl Layout {
    fn new(models: &[ScoreModel], cols: usize) -> Self {
        let mut groups = Vec::with_capacity(models.len());
        let (mut count_len, mut central_len) = (0, 0);
        for model in models {
            let rows = model.rows();
            groups.push(GroupLayout {
                rows,
                counts: count_len,
                central: central_len,
            });
            count_len += rows * rows;
            central_len += rows * cols;
        }
        // Similar sizes share a tile (little padding); the order of groups inside a tile does
        // not affect any result.
        let mut order: Vec<usize> = (0..models.len())
            .filter(|&g| models[g].rows() > 0)
            .collect();
        order.sort_by_key(|&g| {
            (
                matches!(models[g], ScoreModel::WeightedSum { .. }),
                models[g].rows(),
            )
        });
        let mut tiles = Vec::new();
        let (mut pair_len, mut scratch_len) = (0, 0);
        let mut start = 0;
        while start < order.len() {
            let topsis = matches!(models[order[start]], ScoreModel::Topsis { .. });
            let mut end = start;
            while end < order.len()
                && end - start < MAX_TILE_LANES
                && matches!(models[order[end]], ScoreModel::Topsis { .. }) == topsis
            {
                end += 1;
            }
            let members = order[start..end].to_vec();
            let tile = Tile::new(models, members, cols, topsis, pair_len);
            pair_len += tile.nmax * (tile.nmax - 1) / 2 * tile.lanes;
            scratch_len = scratch_len.max(tile.nmax * tile.lanes);
            tiles.push(tile);
            start = end;
        }
        Layout {
            cols,
            groups,
            tiles,
            count_len,
            central_len,
            pair_len,
            scratch_len,
        }
    }
}

impl Tile {
    fn new(
        models: &[ScoreModel],
        groups: Vec<usize>,
        cols: usize,
        topsis: bool,
        pairs: usize,
    ) -> Self {
        let lanes = groups.len().div_ceil(LANE_BLOCK) * LANE_BLOCK;
        let nmax = groups.iter().map(|&g| models[g].rows()).max().unwrap_or(0);
        let mut a = vec![0.0; nmax * cols * lanes];
        let mut b = if topsis {
            vec![0.0; nmax * cols * lanes]
        } else {
            Vec::new()
        };
        let mut pad = vec![f64::NEG_INFINITY; nmax * lanes];
        for (lane, &g) in groups.iter().enumerate() {
            match &models[g] {
                ScoreModel::Topsis {
                    rows,
                    normalized,
                    best,
                    worst,
                    ..
                } => {
                    for c in 0..*rows {
                        pad[c * lanes + lane] = 0.0;
                        for j in 0..cols {
                            let r = normalized[c * cols + j];
                            // Same expressions as ScoreModel::scores, for identical bits.
                            let dp = r - best[j];
                            let dm = r - worst[j];
                            a[(c * cols + j) * lanes + lane] = dp * dp;
                            b[(c * cols + j) * lanes + lane] = dm * dm;
                        }
                    }
                }
                ScoreModel::WeightedSum {
                    rows, utilities, ..
                } => {
                    for c in 0..*rows {
                        pad[c * lanes + lane] = 0.0;
                        for j in 0..cols {
                            a[(c * cols + j) * lanes + lane] = utilities[c * cols + j];
                        }
                    }
                }
            }
        }
        Tile {
            topsis,
            lanes,
            nmax,
            groups,
            a,
            b,
            pad,
            pairs,
        }
    }
}

/// Counts and weight sums of one chunk (or of all chunks so far).
#[derive(Debug)]
struct Tally {
    ranks: Vec<u64>,
    pairwise: Vec<u64>,
    central: Vec<f64>,
}

impl Tally {
    fn zeros(layout: &Layout) -> Self {
        Self {
            ranks: vec![0; layout.count_len],
            pairwise: vec![0; layout.count_len],
            central: vec![0.0; layout.central_len],
        }
    }

    /// Adds `other` (the next chunk in order) element-wise.
    fn absorb(&mut self, other: &Tally) {
        for (a, b) in self.ranks.iter_mut().zip(&other.ranks) {
            *a += b;
        }
        for (a, b) in self.pairwise.iter_mut().zip(&other.pairwise) {
            *a += b;
        }
        for (a, b) in self.central.iter_mut().zip(&other.central) {
            *a += b;
        }
    }
}

/// Runs SMAA-2 on every group with one shared weight sample per draw.
///
/// Returns one [`SmaaResult`] per model, in order. `progress` is called on the calling thread
/// with the number of samples done so far, after each batch of chunks, increasing, ending with
/// the total.
///
/// # Errors
///
/// An invalid model, groups with different numbers of criteria, a sampler whose `cols()`
/// differs from the models', zero samples, or a zero chunk size.
pub fn smaa(
    models: &[ScoreModel],
    sampler: &dyn WeightSampler,
    options: &SmaaOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<SmaaResult>, SensitivityError> {
    let cols = sampler.cols();
    for (group, model) in models.iter().enumerate() {
        model.validate(group)?;
        if model.cols() != models[0].cols() {
            return Err(SensitivityError::ColumnMismatch {
                group,
                expected: models[0].cols(),
                found: model.cols(),
            });
        }
    }
    if let Some(first) = models.first()
        && first.cols() != cols
    {
        return Err(SensitivityError::SamplerColumns {
            expected: first.cols(),
            found: cols,
        });
    }
    let samples = sampler.fixed_samples().unwrap_or(options.samples);
    if samples == 0 {
        return Err(SensitivityError::NoSamples);
    }
    if options.chunk == 0 {
        return Err(SensitivityError::ZeroChunk);
    }
    let layout = Layout::new(models, cols);
    let chunk = options.chunk;
    let n_chunks = samples.div_ceil(chunk);
    // Chunks are run in batches so memory stays bounded for many groups; the reduction is
    // sequential in chunk order whatever the batch size, so the batch may follow the pool size.
    let batch = 4 * rayon::current_num_threads().max(1);
    let mut total = Tally::zeros(&layout);
    let mut first = 0;
    while first < n_chunks {
        let last = (first + batch).min(n_chunks);
        let tallies: Vec<Tally> = (first..last)
            .into_par_iter()
            .map(|c| {
                let start = c * chunk;
                let end = (start + chunk).min(samples);
                run_chunk(&layout, sampler, options.seed, c as u64, start..end)
            })
            .collect();
        for t in &tallies {
            total.absorb(t);
        }
        progress((last * chunk).min(samples));
        first = last;
    }
    Ok(models
        .iter()
        .zip(&layout.groups)
        .map(|(model, g)| summarise(model, g, &total, cols, samples as u64))
        .collect())
}

/// Scores and ranks samples `range` of chunk `chunk`, with AVX2 when the CPU has it (the
/// portable build targets SSE2 only; AVX-512 measured no faster on Zen 4, which splits it). Every variant performs the same IEEE operations in the same order (Rust never
/// fuses a multiply and an add on its own), so the results are bit-identical across them.
fn run_chunk(
    layout: &Layout,
    sampler: &dyn WeightSampler,
    seed: u64,
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { run_chunk_avx2(layout, sampler, seed, chunk, range) };
        }
    }
    run_chunk_generic(layout, sampler, seed, chunk, range)
}

/// [`run_chunk_generic`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn run_chunk_avx2(
    layout: &Layout,
    sampler: &dyn WeightSampler,
    seed: u64,
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    run_chunk_generic(layout, sampler, seed, chunk, range)
}

#[inline(always)]
fn run_chunk_generic(
    layout: &Layout,
    sampler: &dyn WeightSampler,
    seed: u64,
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    let mut rng = chunk_rng(seed, chunk);
    let mut tally = Tally::zeros(layout);
    let cols = layout.cols;
    let n_samples = range.len() as u64;
    let mut w = vec![0.0; cols];
    let mut w2 = vec![0.0; cols];
    let mut scores = vec![0.0; layout.scratch_len];
    let mut pos = vec![0u64; layout.scratch_len];
    // pair_counts[pair * lanes + lane]: samples in which the later candidate of the pair beats
    // the earlier one.
    let mut pair_counts = vec![0u64; layout.pair_len];
    for index in range {
        sampler.sample(index as u64, &mut rng, &mut w);
        for (s, &x) in w2.iter_mut().zip(&w) {
            *s = x * x;
        }
        for tile in &layout.tiles {
            let n = tile.nmax * tile.lanes;
            let s = &mut scores[..n];
            if tile.topsis {
                score_topsis(tile, &w2, s);
            } else {
                score_weighted_sum(tile, &w, s);
            }
            let p = &mut pos[..n];
            rank_tile(tile, s, p, &mut pair_counts);
            tally_tile(layout, tile, p, &w, &mut tally);
        }
    }
    // Pair counters to the per-group pairwise matrices.
    for tile in &layout.tiles {
        for (lane, &g) in tile.groups.iter().enumerate() {
            let gl = layout.groups[g];
            let rows = gl.rows;
            let pw = &mut tally.pairwise[gl.counts..gl.counts + rows * rows];
            let mut pair = tile.pairs;
            for i in 0..tile.nmax {
                for k in i + 1..tile.nmax {
                    if k < rows {
                        let later_wins = pair_counts[pair + lane];
                        pw[k * rows + i] += later_wins;
                        pw[i * rows + k] += n_samples - later_wins;
                    }
                    pair += tile.lanes;
                }
            }
        }
    }
    tally
}

/// TOPSIS closeness of every candidate of a tile: `D+^2`, `D-^2` as sums of `w_j^2 d^2` in
/// criterion order (accumulated in registers, one block of lanes at a time), then
/// `C = D- / (D+ + D-)`.
#[inline(always)]
fn score_topsis(tile: &Tile, w2: &[f64], s: &mut [f64]) {
    let cols = w2.len();
    let blocks = tile.lanes / LANE_BLOCK;
    let (a, _) = tile.a.as_chunks::<LANE_BLOCK>();
    let (b, _) = tile.b.as_chunks::<LANE_BLOCK>();
    let (pad, _) = tile.pad.as_chunks::<LANE_BLOCK>();
    let (out, _) = s.as_chunks_mut::<LANE_BLOCK>();
    for c in 0..tile.nmax {
        for lb in 0..blocks {
            // Separate sweeps for D+ and D- keep each accumulator a whole vector of lanes.
            let mut plus = [0.0; LANE_BLOCK];
            for (j, &wj2) in w2.iter().enumerate() {
                let xa = &a[(c * cols + j) * blocks + lb];
                for l in 0..LANE_BLOCK {
                    plus[l] += wj2 * xa[l];
                }
            }
            let mut minus = [0.0; LANE_BLOCK];
            for (j, &wj2) in w2.iter().enumerate() {
                let xb = &b[(c * cols + j) * blocks + lb];
                for l in 0..LANE_BLOCK {
                    minus[l] += wj2 * xb[l];
                }
            }
            let o = &mut out[c * blocks + lb];
            let p = &pad[c * blocks + lb];
            for l in 0..LANE_BLOCK {
                o[l] = closeness(plus[l], minus[l]) + p[l];
            }
        }
    }
}

/// Weighted sum of every candidate of a tile, criterion order.
#[inline(always)]
fn score_weighted_sum(tile: &Tile, w: &[f64], s: &mut [f64]) {
    let cols = w.len();
    let blocks = tile.lanes / LANE_BLOCK;
    let (a, _) = tile.a.as_chunks::<LANE_BLOCK>();
    let (pad, _) = tile.pad.as_chunks::<LANE_BLOCK>();
    let (out, _) = s.as_chunks_mut::<LANE_BLOCK>();
    for c in 0..tile.nmax {
        for lb in 0..blocks {
            let mut acc = [0.0; LANE_BLOCK];
            for (j, &wj) in w.iter().enumerate() {
                let xa = &a[(c * cols + j) * blocks + lb];
                for l in 0..LANE_BLOCK {
                    acc[l] += wj * xa[l];
                }
            }
            let o = &mut out[c * blocks + lb];
            let p = &pad[c * blocks + lb];
            for l in 0..LANE_BLOCK {
                o[l] = acc[l] + p[l];
            }
        }
    }
}

/// Rank positions (0 = first) of every candidate of every lane. For `i < k`, `k` beats `i`
/// exactly when `s_k > s_i` (an exact tie goes to the lower index), so one comparison per
/// pair settles both positions and the pairwise count.
#[inline(always)]
fn rank_tile(tile: &Tile, s: &[f64], pos: &mut [u64], pair_counts: &mut [u64]) {
    let lanes = tile.lanes;
    pos.fill(0);
    let mut pair = tile.pairs;
    for i in 0..tile.nmax {
        let si = &s[i * lanes..(i + 1) * lanes];
        for k in i + 1..tile.nmax {
            let sk = &s[k * lanes..(k + 1) * lanes];
            let (head, tail) = pos.split_at_mut(k * lanes);
            let pi = &mut head[i * lanes..(i + 1) * lanes];
            let pk = &mut tail[..lanes];
            let cnt = &mut pair_counts[pair..pair + lanes];
            for l in 0..lanes {
                let later = u64::from(sk[l] > si[l]);
                pi[l] += later;
                pk[l] += 1 - later;
                cnt[l] += later;
            }
            pair += lanes;
        }
    }
}

/// Rank counts and central weight sums of one sample for a tile's real groups.
#[inline(always)]
fn tally_tile(layout: &Layout, tile: &Tile, pos: &[u64], w: &[f64], tally: &mut Tally) {
    let cols = layout.cols;
    for (lane, &g) in tile.groups.iter().enumerate() {
        let gl = layout.groups[g];
        let rows = gl.rows;
        let ranks = &mut tally.ranks[gl.counts..gl.counts + rows * rows];
        let mut win = 0;
        for c in 0..rows {
            // Padding never beats a real candidate, so p < rows.
            let p = pos[c * tile.lanes + lane] as usize;
            ranks[c * rows + p] += 1;
            if p == 0 {
                win = c;
            }
        }
        let at = gl.central + win * cols;
        for (acc, &x) in tally.central[at..at + cols].iter_mut().zip(w) {
            *acc += x;
        }
    }
}

/// Turns the flat tallies of one group into its result.
fn summarise(
    model: &ScoreModel,
    g: &GroupLayout,
    total: &Tally,
    cols: usize,
    samples: u64,
) -> SmaaResult {
    let n = g.rows;
    let matrix = |flat: &[u64]| -> Vec<Vec<u64>> {
        flat[g.counts..g.counts + n * n]
            .chunks_exact(n.max(1))
            .map(<[u64]>::to_vec)
            .collect()
    };
    let rank_counts = matrix(&total.ranks);
    let pairwise_winning = matrix(&total.pairwise);
    let mut scores = vec![0.0; n];
    let mut central_weights = Vec::with_capacity(n);
    let mut confidence = Vec::with_capacity(n);
    for (i, counts) in rank_counts.iter().enumerate() {
        let wins = counts[0];
        if wins == 0 {
            central_weights.push(None);
            confidence.push(None);
            continue;
        }
        let sums = &total.central[g.central + i * cols..g.central + (i + 1) * cols];
        let mean: Vec<f64> = sums.iter().map(|s| s / wins as f64).collect();
        model.scores(&mean, &mut scores);
        confidence.push(Some(if winner(&scores) == Some(i) { 1.0 } else { 0.0 }));
        central_weights.push(Some(mean));
    }
    SmaaResult {
        rank_counts,
        samples,
        central_weights,
        confidence,
        pairwise_winning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitivity::model::ranking;
    use crate::sensitivity::{DirichletAround, GivenSamples, Resample, UniformSimplex};
    use approx::assert_abs_diff_eq;
    use rand::{RngExt, SeedableRng, rngs::ChaCha8Rng};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Central weights are means of at most a few thousand vectors summing to 1.
    const MEAN_TOL: f64 = 1e-12;

    fn random_topsis(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> ScoreModel {
        let normalized: Vec<f64> = (0..rows * cols).map(|_| rng.random::<f64>()).collect();
        let mut best = vec![f64::MIN; cols];
        let mut worst = vec![f64::MAX; cols];
        for i in 0..rows {
            for j in 0..cols {
                best[j] = best[j].max(normalized[i * cols + j]);
                worst[j] = worst[j].min(normalized[i * cols + j]);
            }
        }
        ScoreModel::Topsis {
            rows,
            cols,
            normalized,
            best,
            worst,
        }
    }

    fn random_models(seed: u64, groups: usize, rows: usize, cols: usize) -> Vec<ScoreModel> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..groups)
            .map(|g| {
                if g % 3 == 2 {
                    ScoreModel::WeightedSum {
                        rows,
                        cols,
                        utilities: (0..rows * cols).map(|_| rng.random::<f64>()).collect(),
                    }
                } else {
                    random_topsis(&mut rng, rows + g % 2, cols)
                }
            })
            .collect()
    }

    /// Brute-force oracle: rank every group with `ranking` for each weight vector.
    fn brute_force(models: &[ScoreModel], weights: &[Vec<f64>]) -> Vec<SmaaResult> {
        models
            .iter()
            .map(|m| {
                let n = m.rows();
                let cols = m.cols();
                let mut ranks = vec![vec![0u64; n]; n];
                let mut pairwise = vec![vec![0u64; n]; n];
                let mut sums = vec![vec![0.0; cols]; n];
                for w in weights {
                    let order = ranking(&m.scores_vec(w));
                    for (r, &c) in order.iter().enumerate() {
                        ranks[c][r] += 1;
                        for &b in &order[r + 1..] {
                            pairwise[c][b] += 1;
                        }
                    }
                    for j in 0..cols {
                        sums[order[0]][j] += w[j];
                    }
                }
                let central: Vec<Option<Vec<f64>>> = (0..n)
                    .map(|i| {
                        (ranks[i][0] > 0)
                            .then(|| sums[i].iter().map(|s| s / ranks[i][0] as f64).collect())
                    })
                    .collect();
                let confidence = central
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        c.as_ref()
                            .map(|c| f64::from(u8::from(ranking(&m.scores_vec(c))[0] == i)))
                    })
                    .collect();
                SmaaResult {
                    rank_counts: ranks,
                    samples: weights.len() as u64,
                    central_weights: central,
                    confidence,
                    pairwise_winning: pairwise,
                }
            })
            .collect()
    }

    #[test]
    fn given_samples_match_brute_force() {
        let models = random_models(5, 6, 4, 3);
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut weights: Vec<Vec<f64>> = (0..7)
            .map(|_| {
                let raw: Vec<f64> = (0..3).map(|_| rng.random::<f64>()).collect();
                let s: f64 = raw.iter().sum();
                raw.iter().map(|x| x / s).collect()
            })
            .collect();
        // Include a vertex (zero weights) and an exact tie case (equal weights).
        weights.push(vec![0.0, 1.0, 0.0]);
        weights.push(vec![1.0 / 3.0; 3]);
        let sampler = GivenSamples::new(weights.clone()).expect("valid");
        let options = SmaaOptions {
            samples: 1, // ignored: a fixed list is replayed whole
            seed: 0,
            chunk: 2,
        };
        let got = smaa(&models, &sampler, &options, &|_| {}).expect("valid");
        let want = brute_force(&models, sampler.rows());
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.samples, 9);
            assert_eq!(g.rank_counts, w.rank_counts);
            assert_eq!(g.pairwise_winning, w.pairwise_winning);
            assert_eq!(g.confidence, w.confidence);
            for (a, b) in g.central_weights.iter().zip(&w.central_weights) {
                match (a, b) {
                    (Some(a), Some(b)) => {
                        for (x, y) in a.iter().zip(b) {
                            assert_abs_diff_eq!(*x, *y, epsilon = MEAN_TOL);
                        }
                    }
                    (a, b) => assert_eq!(a, b),
                }
            }
        }
    }

    /// Identical candidates always tie: the one listed first takes rank 0 in every sample.
    #[test]
    fn exact_ties_go_to_the_first_listed() {
        let model = ScoreModel::Topsis {
            rows: 3,
            cols: 2,
            normalized: vec![0.2, 0.3, 0.6, 0.6, 0.6, 0.6],
            best: vec![0.6, 0.6],
            worst: vec![0.2, 0.3],
        };
        let options = SmaaOptions {
            samples: 500,
            seed: 3,
            chunk: 64,
        };
        let r = smaa(&[model], &UniformSimplex { cols: 2 }, &options, &|_| {}).expect("valid");
        assert_eq!(r[0].rank_counts[1][0], 500);
        assert_eq!(r[0].rank_counts[2][1], 500);
        assert_eq!(r[0].pairwise_winning[1][2], 500);
        assert_eq!(r[0].acceptability(1, 0), 1.0);
        assert_eq!(r[0].confidence, vec![None, Some(1.0), None]);
    }

    #[test]
    fn counts_sum_to_samples_and_progress_ends_at_total() {
        let models = random_models(9, 5, 5, 4);
        let sampler = DirichletAround::new(vec![0.4, 0.3, 0.2, 0.1], 30.0).expect("valid");
        let options = SmaaOptions {
            samples: 1000,
            seed: 17,
            chunk: 96,
        };
        let last = AtomicUsize::new(0);
        let res = smaa(&models, &sampler, &options, &|done| {
            assert!(done > last.load(Ordering::SeqCst));
            last.store(done, Ordering::SeqCst);
        })
        .expect("valid");
        assert_eq!(last.load(Ordering::SeqCst), 1000);
        for r in &res {
            let n = r.rank_counts.len();
            for i in 0..n {
                assert_eq!(r.rank_counts[i].iter().sum::<u64>(), 1000);
                // Every rank is held by exactly one candidate in each sample.
                assert_eq!((0..n).map(|k| r.rank_counts[k][i]).sum::<u64>(), 1000);
                for k in 0..n {
                    if k != i {
                        assert_eq!(r.pairwise_winning[i][k] + r.pairwise_winning[k][i], 1000);
                    }
                }
                let acc: f64 = (0..n).map(|rank| r.acceptability(i, rank)).sum();
                assert_abs_diff_eq!(acc, 1.0, epsilon = 1e-12);
                if let Some(c) = &r.central_weights[i] {
                    assert_abs_diff_eq!(c.iter().sum::<f64>(), 1.0, epsilon = MEAN_TOL);
                }
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_thread_count() -> Result<(), Box<dyn std::error::Error>> {
        let models = random_models(21, 7, 6, 5);
        let sampler = DirichletAround::new(vec![0.3, 0.25, 0.2, 0.15, 0.1], 10.0)?;
        let options = SmaaOptions {
            samples: 3000,
            seed: 99,
            chunk: 128,
        };
        let run = |threads: usize| -> Result<Vec<SmaaResult>, Box<dyn std::error::Error>> {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            Ok(pool.install(|| smaa(&models, &sampler, &options, &|_| {}))?)
        };
        let one = run(1)?;
        // PartialEq on f64 is bitwise-equal here (no NaN): central weights must match exactly.
        assert_eq!(one, run(2)?);
        assert_eq!(one, run(8)?);
        // And with another sampler that uses the generator differently.
        let resample = Resample::new(vec![vec![1.0, 0.0, 0.0, 0.0, 1.0], vec![0.2; 5]])?;
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
        let a = pool.install(|| smaa(&models, &resample, &options, &|_| {}))?;
        let b = smaa(&models, &resample, &options, &|_| {})?;
        assert_eq!(a, b);
        Ok(())
    }

    #[test]
    fn rejects_inconsistent_input() {
        let models = random_models(1, 2, 3, 3);
        let s = UniformSimplex { cols: 4 };
        let opt = SmaaOptions::default();
        assert!(matches!(
            smaa(&models, &s, &opt, &|_| {}),
            Err(SensitivityError::SamplerColumns {
                expected: 3,
                found: 4
            })
        ));
        let s = UniformSimplex { cols: 3 };
        let zero = SmaaOptions { samples: 0, ..opt };
        assert!(matches!(
            smaa(&models, &s, &zero, &|_| {}),
            Err(SensitivityError::NoSamples)
        ));
        let mixed = vec![models[0].clone(), random_models(1, 1, 3, 2).remove(0)];
        assert!(matches!(
            smaa(&mixed, &s, &opt, &|_| {}),
            Err(SensitivityError::ColumnMismatch { group: 1, .. })
        ));
    }
}
