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
//! **Batches.** [`smaa_batches`] runs many sets of groups at once, each with its own sampler
//! and seed (a study's panels). Small batches are packed into parts whose tiles hold groups of
//! several batches, each lane scored with its own batch's sample; a batch draws each chunk's
//! samples once, in order, from the stream a lone run would use, and each group's counts and
//! sums take the same terms in the same order, so every batch's results are bit-identical to a
//! lone [`smaa`] run. Parts times chunks are the parallel work units.
//!
//! **Kernel.** With `w >= 0`, `D+_i^2 = sum_j w_j^2 (r_ij - best_j)^2` (see
//! [`ScoreModel::Topsis`]): the squared differences are precomputed once per group. Groups are
//! stored transposed in tiles of 32 (group = vector lane). Per sample, TOPSIS tiles are ranked
//! without square roots: `S = D+^2 / D-^2` in `f32` (closeness is decreasing in `S`), one
//! comparison per candidate pair across lanes, and a margin that provably implies the order of
//! the exact `f64` closeness; the rare lanes where it does not (near-ties, extreme values) are
//! ranked again with exactly the arithmetic of [`ScoreModel::scores`] (see `rank_approx`), so
//! rankings agree bit for bit with it. Rank and pairwise counts accumulate in `u8` lanes and
//! are moved to the `u64` tallies every 255 samples; the winners are buffered too, and their
//! weights added to the central weight sums at that moment, in sample order. On CPUs with AVX2
//! the common case (TOPSIS tiles of at most 64 candidates) runs the intrinsics kernel of
//! `smaa/avx2.rs`, which takes the same decisions.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(target_arch = "x86_64")]
mod avx2;

use crate::score::ScoreModel;
use crate::score::model::{closeness, winner};
use crate::sensitivity::sampler::chunk_rng;
use crate::sensitivity::{SensitivityError, WeightSampler, validate_model};

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmaaResult {
    /// `rank_counts[i][r]`: samples in which candidate `i` got rank `r` (0 = first).
    pub rank_counts: Vec<Vec<u64>>,
    /// Number of samples.
    pub samples: u64,
    /// Central weight vector of each candidate (mean of the weights under which it wins);
    /// `None` if it never wins.
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// Confidence factor: 1.0 if the candidate wins when scored with its central weights,
    /// 0.0 if not (exact criteria values; see the module docs); from
    /// [`smaa_with_noise`](crate::sensitivity::smaa_with_noise), the share of matrix draws in
    /// which it wins with them. `None` if it never wins.
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
    /// Offset into the central weight sums (`rows * stride`).
    central: usize,
}

/// Groups side by side in one tile (group = lane): four AVX2 vectors of `f32`, one of `u8`.
const LANES: usize = 32;
/// One value per lane.
type Row<T> = [T; LANES];
/// Tiles with at most this many candidates keep positions and per-chunk counters in `u8`
/// lanes (dense counting); larger ones increment the tallies directly.
const DENSE_MAX: usize = 64;
/// The `u8` counters are moved to the `u64` tallies after this many samples.
const FLUSH_EVERY: u32 = 255;

// The approximate ranking (see `rank_approx`) and the bounds that make it exact.
/// Tiles with a squared distance above this, and samples with a `w_j^2` above it, are ranked
/// exactly (keeps the `f32` sums' absolute error below 4e-38).
const APPROX_MAX_INPUT: f64 = 1e6;
/// Most criteria for which the `f32` sums' error bound (and so the margin) holds.
const APPROX_MAX_COLS: usize = 16;
/// Smallest `D+^2`, `D-^2` (in `f32`) for which the relative error bound holds.
const APPROX_TINY: f32 = 1e-30;
/// Range of `S = D+^2 / D-^2` in which a relative margin in `S` implies one in `C`.
const APPROX_S_MIN: f32 = 1e-20;
/// See [`APPROX_S_MIN`]; also keeps `S * APPROX_MARGIN` finite.
const APPROX_S_MAX: f32 = 1e20;
/// Relative margin in `S` beyond which the order of two candidates is certain.
const APPROX_MARGIN: f32 = 1.0001;

/// Up to [`LANES`] groups of one kind, stored transposed (group = lane, innermost) so that
/// scoring and ranking vectorise across groups. Missing candidates and lanes are padding that
/// ranks after every real candidate, so it never changes a real candidate's rank.
#[derive(Debug)]
struct Tile {
    topsis: bool,
    /// Largest number of candidates among the tile's groups.
    nmax: usize,
    /// Group index of each real lane.
    groups: Vec<usize>,
    /// Candidates of each real lane.
    rows: Vec<usize>,
    /// `[c * cols + j][lane]`: `(r_cj - best_j)^2` for TOPSIS, `u_cj` for the weighted sum.
    a: Vec<Row<f64>>,
    /// `[c * cols + j][lane]`: `(r_cj - worst_j)^2` (TOPSIS only).
    b: Vec<Row<f64>>,
    /// `[c][lane]`: 0.0 for a real candidate, `-inf` for padding.
    pad: Vec<Row<f64>>,
    /// `[c][lane]`: 0.0 for a real candidate, `+inf` for padding (the approximate path).
    pad32: Vec<Row<f32>>,
    /// Whether the approximate ranking applies (TOPSIS, every distance within bounds).
    approx: bool,
    /// `a` and `b` rounded to `f32` (empty unless `approx`).
    a32: Vec<Row<f32>>,
    /// See `a32`. Padding is 1.0 in both, so that padding never trips the approximate
    /// path's bounds.
    b32: Vec<Row<f32>>,
    /// `[lane]`: pairs whose order the approximate path must decide for the lane to be exact:
    /// real-real and real-padding pairs, `r (r - 1) / 2 + r (nmax - r)` for `r` real rows.
    decided: Row<i32>,
    /// Bit `lane` set for lanes holding a group.
    real_lanes: u32,
    /// `[lane]`: the batch (weight stream) of the lane's group; padding lanes take lane 0's,
    /// so that every lane is scored with a valid weight vector.
    slot: [usize; LANES],
    /// The distinct batches of the tile's lanes, ascending.
    slots: Vec<usize>,
    /// `Some(batch)` when every lane has that batch: the kernel broadcasts one weight vector.
    shared: Option<usize>,
}

/// Weight-independent data of all groups, tiled for the kernel. Groups of several batches
/// (one weight stream each) may share a tile: each lane is scored with its own batch's sample.
#[derive(Debug)]
struct Layout {
    cols: usize,
    /// Number of batches (weight streams).
    batches: usize,
    /// Row length of the central weight sums and of the chunk's weight buffer: `cols` rounded
    /// up to whole vectors of 4 `f64` (the padding stays 0).
    stride: usize,
    groups: Vec<GroupLayout>,
    tiles: Vec<Tile>,
    count_len: usize,
    central_len: usize,
    /// Largest `nmax` of any tile (scratch size).
    max_rows: usize,
}

impl Layout {
    /// Tiles `models`; `slots[g]` is the batch of group `g`, below `batches`.
    fn new(models: &[&ScoreModel], slots: &[usize], batches: usize, cols: usize) -> Self {
        let mut groups = Vec::with_capacity(models.len());
        let stride = cols.next_multiple_of(4);
        let (mut count_len, mut central_len) = (0, 0);
        for model in models {
            let rows = model.rows();
            groups.push(GroupLayout {
                rows,
                counts: count_len,
                central: central_len,
            });
            count_len += rows * rows;
            central_len += rows * stride;
        }
        // Similar sizes share a tile (little padding), whatever their batch; the order of
        // groups inside a tile does not affect any result. The sort is stable, so groups of one
        // batch stay together where sizes allow (fewer distinct weight vectors per tile).
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
        let mut max_rows = 0;
        let mut start = 0;
        while start < order.len() {
            let topsis = matches!(models[order[start]], ScoreModel::Topsis { .. });
            let mut end = start;
            while end < order.len()
                && end - start < LANES
                && matches!(models[order[end]], ScoreModel::Topsis { .. }) == topsis
            {
                end += 1;
            }
            let tile = Tile::new(models, slots, order[start..end].to_vec(), cols, topsis);
            max_rows = max_rows.max(tile.nmax);
            tiles.push(tile);
            start = end;
        }
        Layout {
            cols,
            batches,
            stride,
            groups,
            tiles,
            count_len,
            central_len,
            max_rows,
        }
    }
}

impl Tile {
    fn new(
        models: &[&ScoreModel],
        slots: &[usize],
        groups: Vec<usize>,
        cols: usize,
        topsis: bool,
    ) -> Self {
        let rows: Vec<usize> = groups.iter().map(|&g| models[g].rows()).collect();
        let nmax = rows.iter().copied().max().unwrap_or(0);
        let mut a = vec![[0.0; LANES]; nmax * cols];
        let mut b = if topsis {
            vec![[0.0; LANES]; nmax * cols]
        } else {
            Vec::new()
        };
        let mut pad = vec![[f64::NEG_INFINITY; LANES]; nmax];
        for (lane, &g) in groups.iter().enumerate() {
            match models[g] {
                ScoreModel::Topsis {
                    rows,
                    normalized,
                    best,
                    worst,
                    ..
                } => {
                    for c in 0..*rows {
                        pad[c][lane] = 0.0;
                        for j in 0..cols {
                            let r = normalized[c * cols + j];
                            // Same expressions as ScoreModel::scores, for identical bits.
                            let dp = r - best[j];
                            let dm = r - worst[j];
                            a[c * cols + j][lane] = dp * dp;
                            b[c * cols + j][lane] = dm * dm;
                        }
                    }
                }
                ScoreModel::WeightedSum {
                    rows, utilities, ..
                } => {
                    for c in 0..*rows {
                        pad[c][lane] = 0.0;
                        for j in 0..cols {
                            a[c * cols + j][lane] = utilities[c * cols + j];
                        }
                    }
                }
            }
        }
        // Squares are >= 0; NaN fails the test too.
        let approx = topsis
            && cols <= APPROX_MAX_COLS
            && a.iter().chain(&b).flatten().all(|&x| x <= APPROX_MAX_INPUT);
        let narrow = |v: &[Row<f64>]| -> Vec<Row<f32>> {
            if approx {
                v.iter().map(|r| r.map(|x| x as f32)).collect()
            } else {
                Vec::new()
            }
        };
        let pad32: Vec<Row<f32>> = pad
            .iter()
            .map(|r| r.map(|x| if x == 0.0 { 0.0 } else { f32::INFINITY }))
            .collect();
        let (mut a32, mut b32) = (narrow(&a), narrow(&b));
        for (c, pad) in pad32.iter().enumerate() {
            for (lane, &p) in pad.iter().enumerate() {
                if p != 0.0 {
                    for j in 0..cols {
                        for x in [&mut a32, &mut b32] {
                            if let Some(row) = x.get_mut(c * cols + j) {
                                row[lane] = 1.0;
                            }
                        }
                    }
                }
            }
        }
        let mut decided = [0; LANES];
        for (d, &r) in decided.iter_mut().zip(&rows) {
            *d = (r * r.saturating_sub(1) / 2 + r * (nmax - r)) as i32;
        }
        let real_lanes = (0..groups.len()).fold(0u32, |m, lane| m | (1 << lane));
        let first = groups.first().map_or(0, |&g| slots[g]);
        let mut slot = [first; LANES];
        for (s, &g) in slot.iter_mut().zip(&groups) {
            *s = slots[g];
        }
        let mut distinct: Vec<usize> = groups.iter().map(|&g| slots[g]).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let shared = if distinct.len() == 1 {
            Some(first)
        } else {
            None
        };
        Tile {
            topsis,
            nmax,
            groups,
            rows,
            a,
            b,
            pad,
            pad32,
            approx,
            a32,
            b32,
            decided,
            real_lanes,
            slot,
            slots: distinct,
            shared,
        }
    }
}

/// Per-chunk counters of one tile, moved to the [`Tally`] by [`flush`].
#[derive(Debug)]
struct Counters {
    /// `[c * nmax + r][lane]`: samples since the last flush in which `c` had rank `r`
    /// (dense tiles only).
    ranks: Vec<Row<u8>>,
    /// `[pair][lane]`, pairs `(i, k)`, `i < k`, in order: samples since the last flush in which
    /// `k` ranked above `i` (dense tiles).
    pairs8: Vec<Row<u8>>,
    /// As `pairs8`, for tiles that are not dense.
    pairs64: Vec<Row<u64>>,
    /// `[sample since the last flush][lane]`: the winner (dense tiles). Their weights are
    /// added to the central weight sums at the flush, still in sample order per sum, so the
    /// sums are bit-identical to adding them at once.
    winners: Vec<Row<u8>>,
    /// Index within the chunk of the first sample since the last flush.
    first: usize,
    /// Samples since the last flush.
    since: u32,
}

impl Counters {
    fn new(tile: &Tile) -> Self {
        let n = tile.nmax;
        let pairs = n * n.saturating_sub(1) / 2;
        let dense = n <= DENSE_MAX;
        Self {
            ranks: vec![[0; LANES]; if dense { n * n } else { 0 }],
            pairs8: vec![[0; LANES]; if dense { pairs } else { 0 }],
            pairs64: vec![[0; LANES]; if dense { 0 } else { pairs }],
            winners: Vec::with_capacity(if dense { FLUSH_EVERY as usize } else { 0 }),
            first: 0,
            since: 0,
        }
    }
}

/// Reused per-sample buffers (`max_rows` rows each).
#[derive(Debug)]
struct Scratch {
    /// Exact scores.
    s64: Vec<Row<f64>>,
    /// `S = D+^2 / D-^2` (approximate, `f32`), `+inf` for padding.
    s: Vec<Row<f32>>,
    /// `S * APPROX_MARGIN`.
    hi: Vec<Row<f32>>,
    /// Rank positions (0 = first).
    pos: Vec<Row<u32>>,
    /// `pos` narrowed (dense tiles).
    pos8: Vec<Row<u8>>,
    /// Exact scores of one lane.
    lane: Vec<f64>,
}

impl Scratch {
    fn new(rows: usize) -> Self {
        Self {
            s64: vec![[0.0; LANES]; rows],
            s: vec![[0.0; LANES]; rows],
            hi: vec![[0.0; LANES]; rows],
            pos: vec![[0; LANES]; rows],
            pos8: vec![[0; LANES]; rows],
            lane: vec![0.0; rows],
        }
    }
}

/// Counts and weight sums of one chunk (or of all chunks so far); also the noisy path's, one
/// per group.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tally {
    /// `[offset + i * n + r]`: samples in which `i` had rank `r` (each group at its layout
    /// offset; one group, offset 0, on the noisy path).
    pub(super) ranks: Vec<u64>,
    /// `[offset + i * n + k]`: samples in which `i` ranked above `k`.
    pub(super) pairwise: Vec<u64>,
    /// `[offset + i * stride + j]`: sum of `w_j` over the samples `i` won (`stride = cols`
    /// on the noisy path).
    pub(super) central: Vec<f64>,
}

impl Tally {
    fn zeros(layout: &Layout) -> Self {
        Self::with_lengths(layout.count_len, layout.central_len)
    }

    /// Zero counters: `count_len` rank and pairwise counts, `central_len` weight sums.
    pub(super) fn with_lengths(count_len: usize, central_len: usize) -> Self {
        Self {
            ranks: vec![0; count_len],
            pairwise: vec![0; count_len],
            central: vec![0.0; central_len],
        }
    }

    /// The `n x n` counts of one group starting at `at` in `flat` (`ranks` or `pairwise`).
    pub(super) fn square(flat: &[u64], at: usize, n: usize) -> Vec<Vec<u64>> {
        flat[at..at + n * n]
            .chunks_exact(n.max(1))
            .map(<[u64]>::to_vec)
            .collect()
    }

    /// Central weight vector of each of a group's `n` candidates: its weight sums (from
    /// `central`, rows `stride` apart) over the samples it won (rank counts from `counts`),
    /// divided by their number; `None` if it never won.
    pub(super) fn central_means(
        &self,
        counts: usize,
        central: usize,
        n: usize,
        cols: usize,
        stride: usize,
    ) -> Vec<Option<Vec<f64>>> {
        (0..n)
            .map(|i| {
                let wins = self.ranks[counts + i * n];
                let at = central + i * stride;
                (wins > 0).then(|| {
                    self.central[at..at + cols]
                        .iter()
                        .map(|s| s / wins as f64)
                        .collect()
                })
            })
            .collect()
    }

    /// Adds `other` (the next chunk in order) element-wise.
    pub(super) fn absorb(&mut self, other: &Tally) {
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
    let refs: Vec<&ScoreModel> = models.iter().collect();
    let batch = SmaaBatch {
        models: &refs,
        sampler,
        seed: options.seed,
    };
    let samples = sampler.fixed_samples().unwrap_or(options.samples);
    let chunk = options.chunk;
    // One batch is one part: the work units are its chunks.
    let mut results = smaa_batches(
        std::slice::from_ref(&batch),
        options.samples,
        chunk,
        &|done, _| progress((done * chunk).min(samples)),
    )?;
    Ok(results.pop().unwrap_or_default())
}

/// Groups that share their weight samples: every sample of `sampler`, drawn from `seed`, is
/// applied to all of them (e.g. the categories of one kelurahan, scored with its panel's
/// weights).
#[derive(Clone, Copy)]
pub struct SmaaBatch<'a> {
    /// The groups (all with the sampler's number of criteria).
    pub models: &'a [&'a ScoreModel],
    /// Where the batch's weight samples come from.
    pub sampler: &'a dyn WeightSampler,
    /// Seed of the batch's random streams ([`SmaaOptions::seed`] of a lone [`smaa`] run).
    pub seed: u64,
}

/// Batches are packed into parts of about this many groups: a part's groups share tiles
/// (lanes filled across batches) and each of its batches draws every sample once.
const PART_GROUPS: usize = 128;

/// Batches whose groups are tiled together: one [`Layout`], one tally per chunk.
struct Part {
    /// Batch indices, ascending; slot `s` of the layout is batch `batches[s]`.
    batches: Vec<usize>,
    /// Groups of all its batches.
    groups: usize,
    samples: usize,
}

/// Runs SMAA-2 on several batches at once, each with its own weight samples and seed. The
/// results are exactly (bit for bit) those of [`smaa`] run on each batch alone with
/// `SmaaOptions { samples, seed: batch.seed, chunk }`, and do not depend on the number of
/// threads; but the work is shared out differently: small batches are packed together so that
/// the kernel's tiles hold groups of several batches (each lane scored with its own batch's
/// sample), and the work units (a part of the batches times one chunk of samples) run in
/// parallel.
///
/// Returns one list of results per batch, in order. `progress` is called on the calling thread
/// with (work units done, work units in all), increasing, ending with the total.
///
/// # Errors
///
/// For the first batch that has one: an invalid model, groups with different numbers of
/// criteria, a sampler whose `cols()` differs from the models', zero samples; or a zero chunk
/// size.
pub fn smaa_batches(
    batches: &[SmaaBatch<'_>],
    samples: usize,
    chunk: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Vec<SmaaResult>>, SensitivityError> {
    for batch in batches {
        validate_batch(batch, samples)?;
    }
    if chunk == 0 && !batches.is_empty() {
        return Err(SensitivityError::ZeroChunk);
    }
    // Parts of whole batches, in order, one open part per (criteria, samples).
    let mut parts: Vec<Part> = Vec::new();
    let mut open: Vec<((usize, usize), usize)> = Vec::new();
    for (b, batch) in batches.iter().enumerate() {
        let key = (
            batch.sampler.cols(),
            batch.sampler.fixed_samples().unwrap_or(samples),
        );
        let p = match open.iter().position(|(k, _)| *k == key) {
            Some(at) if parts[open[at].1].groups < PART_GROUPS => open[at].1,
            found => {
                parts.push(Part {
                    batches: Vec::new(),
                    groups: 0,
                    samples: key.1,
                });
                match found {
                    Some(at) => open[at].1 = parts.len() - 1,
                    None => open.push((key, parts.len() - 1)),
                }
                parts.len() - 1
            }
        };
        parts[p].batches.push(b);
        parts[p].groups += batch.models.len();
    }
    let chunks = |p: &Part| p.samples.div_ceil(chunk);
    let total: usize = parts.iter().map(chunks).sum();
    let mut results: Vec<Vec<SmaaResult>> = vec![Vec::new(); batches.len()];
    // Work units run in windows so memory stays bounded; each part's chunk tallies are added
    // in chunk order whatever the window, so the window may follow the pool size.
    let window = 4 * rayon::current_num_threads().max(1);
    let (mut done, mut next) = (0, 0);
    while next < parts.len() {
        // A round: whole parts, at least one, with about a window of work units.
        let mut end = next;
        let mut units = 0;
        while end < parts.len() && (end == next || units < window) {
            units += chunks(&parts[end]);
            end += 1;
        }
        let round = &parts[next..end];
        let sources: Vec<Vec<SmaaBatch<'_>>> = round
            .iter()
            .map(|p| p.batches.iter().map(|&b| batches[b]).collect())
            .collect();
        let layouts: Vec<Layout> = round
            .par_iter()
            .zip(&sources)
            .map(|(p, src)| {
                let models: Vec<&ScoreModel> =
                    src.iter().flat_map(|b| b.models.iter().copied()).collect();
                let slots: Vec<usize> = src
                    .iter()
                    .enumerate()
                    .flat_map(|(s, b)| std::iter::repeat_n(s, b.models.len()))
                    .collect();
                Layout::new(&models, &slots, p.batches.len(), src[0].sampler.cols())
            })
            .collect();
        let jobs: Vec<(usize, usize)> = round
            .iter()
            .enumerate()
            .flat_map(|(p, part)| (0..chunks(part)).map(move |c| (p, c)))
            .collect();
        let mut totals: Vec<Option<Tally>> = (0..round.len()).map(|_| None).collect();
        for some in jobs.chunks(window) {
            let tallies: Vec<Tally> = some
                .par_iter()
                .map(|&(p, c)| {
                    let start = c * chunk;
                    let end = (start + chunk).min(round[p].samples);
                    run_chunk(&layouts[p], &sources[p], c as u64, start..end)
                })
                .collect();
            for (&(p, _), t) in some.iter().zip(&tallies) {
                totals[p]
                    .get_or_insert_with(|| Tally::zeros(&layouts[p]))
                    .absorb(t);
            }
            done += some.len();
            progress(done, total);
        }
        let summaries: Vec<Vec<SmaaResult>> = round
            .par_iter()
            .zip(&sources)
            .zip(&layouts)
            .zip(&totals)
            .map(|(((part, src), layout), t)| {
                let models = src.iter().flat_map(|b| b.models.iter().copied());
                match t {
                    Some(t) => models
                        .zip(&layout.groups)
                        .map(|(m, g)| {
                            summarise(m, g, t, layout.cols, layout.stride, part.samples as u64)
                        })
                        .collect(),
                    None => Vec::new(),
                }
            })
            .collect();
        for (part, summary) in round.iter().zip(summaries) {
            let mut summary = summary.into_iter();
            for &b in &part.batches {
                results[b] = summary.by_ref().take(batches[b].models.len()).collect();
            }
        }
        next = end;
    }
    Ok(results)
}

/// The checks of [`smaa`] on one batch (all but the chunk size).
fn validate_batch(batch: &SmaaBatch<'_>, samples: usize) -> Result<(), SensitivityError> {
    let models = batch.models;
    let cols = batch.sampler.cols();
    for (group, model) in models.iter().enumerate() {
        validate_model(model, group)?;
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
    if batch.sampler.fixed_samples().unwrap_or(samples) == 0 {
        return Err(SensitivityError::NoSamples);
    }
    Ok(())
}

/// One sample's weights of every batch of a layout (`[slot * stride + j]`), with their squares
/// and which kernels they allow.
struct SampleWeights<'a> {
    cols: usize,
    stride: usize,
    /// The weights.
    w: &'a [f64],
    /// Their squares.
    w2: &'a [f64],
    /// The squares rounded to `f32`.
    w2_32: &'a [f32],
    /// Per batch: every `w_j^2 <= APPROX_MAX_INPUT`.
    approx: &'a [bool],
    /// Per batch: every `w_j^2 <= 1`.
    unit: &'a [bool],
}

impl SampleWeights<'_> {
    /// The squared weights of `lane`'s batch.
    #[inline(always)]
    fn lane_w2(&self, tile: &Tile, lane: usize) -> &[f64] {
        let at = tile.slot[lane] * self.stride;
        &self.w2[at..at + self.cols]
    }
}

/// `[j][lane]`: value `j` of each lane's batch in `per_slot` (`[slot * stride + j]`).
#[inline(always)]
fn lane_rows<T: Copy>(tile: &Tile, per_slot: &[T], stride: usize, out: &mut [Row<T>]) {
    for (j, row) in out.iter_mut().enumerate() {
        for (x, &s) in row.iter_mut().zip(&tile.slot) {
            *x = per_slot[s * stride + j];
        }
    }
}

/// Scores and ranks samples `range` of chunk `chunk`, with AVX2 and FMA when the CPU has them
/// (the portable build targets SSE2 only; AVX-512 measured no faster on Zen 4, which splits
/// it). The exact arithmetic is the same IEEE operations in the same order in every variant
/// (Rust never fuses a multiply and an add on its own); FMA is used only in the approximate
/// `f32` sums of [`rank_approx`], whose error bound covers it. So the results are
/// bit-identical across variants. `sources[s]` draws the samples of the layout's batch `s`.
fn run_chunk(
    layout: &Layout,
    sources: &[SmaaBatch<'_>],
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports AVX2 and FMA, checked just above.
            return unsafe { run_chunk_avx2(layout, sources, chunk, range) };
        }
    }
    run_chunk_generic::<false>(layout, sources, chunk, range)
}

/// [`run_chunk_generic`] compiled for AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn run_chunk_avx2(
    layout: &Layout,
    sources: &[SmaaBatch<'_>],
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    run_chunk_generic::<true>(layout, sources, chunk, range)
}

/// `a * b + c`, fused when `FMA` (only where the rounding does not matter, see
/// [`rank_approx`]).
#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

#[inline(always)]
fn run_chunk_generic<const FMA: bool>(
    layout: &Layout,
    sources: &[SmaaBatch<'_>],
    chunk: u64,
    range: std::ops::Range<usize>,
) -> Tally {
    let mut tally = Tally::zeros(layout);
    let (cols, stride, batches) = (layout.cols, layout.stride, layout.batches);
    // Every weight vector of the chunk, `[sample][batch][stride]`, for the deferred central
    // weight sums (see `flush`). Each batch draws its samples in order from its own stream,
    // exactly as a lone run of that batch does.
    let mut weights = vec![0.0; range.len() * batches * stride];
    for (s, source) in sources.iter().enumerate() {
        let mut rng = chunk_rng(source.seed, chunk);
        for (at, index) in range.clone().enumerate() {
            let row = (at * batches + s) * stride;
            source
                .sampler
                .sample(index as u64, &mut rng, &mut weights[row..row + cols]);
        }
    }
    let mut w2 = vec![0.0; batches * stride];
    let mut w2_32 = vec![0.0f32; batches * stride];
    let mut approx_ok = vec![false; batches];
    let mut unit_ok = vec![false; batches];
    let mut rows32 = vec![[0.0f32; LANES]; cols];
    let mut rows64 = vec![[0.0f64; LANES]; cols];
    let mut scratch = Scratch::new(layout.max_rows);
    let mut counters: Vec<Counters> = layout.tiles.iter().map(Counters::new).collect();
    for at in 0..range.len() {
        let w = &weights[at * batches * stride..(at + 1) * batches * stride];
        for s in 0..batches {
            let row = s * stride..s * stride + cols;
            for ((q, q32), &x) in w2[row.clone()]
                .iter_mut()
                .zip(&mut w2_32[row.clone()])
                .zip(&w[row.clone()])
            {
                *q = x * x;
                *q32 = *q as f32;
            }
            approx_ok[s] = w2[row.clone()].iter().all(|&x| x <= APPROX_MAX_INPUT);
            // Weights summing to 1 (every sampler's) are at most 1; `avx2` relies on it.
            unit_ok[s] = w2[row].iter().all(|&x| x <= 1.0);
        }
        let sw = SampleWeights {
            cols,
            stride,
            w,
            w2: &w2,
            w2_32: &w2_32,
            approx: &approx_ok,
            unit: &unit_ok,
        };
        for (tile, cnt) in layout.tiles.iter().zip(&mut counters) {
            let n = tile.nmax;
            let approx_weights = tile.slots.iter().all(|&s| sw.approx[s]);
            #[cfg(target_arch = "x86_64")]
            if FMA && tile.approx && n <= DENSE_MAX && tile.slots.iter().all(|&s| sw.unit[s]) {
                // SAFETY: `FMA` is true only in `run_chunk_avx2`, which `run_chunk` calls after
                // checking that the CPU has AVX2 and FMA.
                unsafe {
                    if let Some(s) = tile.shared {
                        let shared = &sw.w2_32[s * stride..s * stride + cols];
                        avx2::rank_and_count::<true>(
                            layout,
                            tile,
                            shared,
                            &[],
                            &sw,
                            &weights,
                            &mut scratch,
                            cnt,
                            &mut tally,
                        );
                    } else {
                        lane_rows(tile, sw.w2_32, stride, &mut rows32);
                        avx2::rank_and_count::<false>(
                            layout,
                            tile,
                            &[],
                            &rows32,
                            &sw,
                            &weights,
                            &mut scratch,
                            cnt,
                            &mut tally,
                        );
                    }
                }
                continue;
            }
            if tile.approx && approx_weights {
                lane_rows(tile, sw.w2_32, stride, &mut rows32);
                rank_approx::<FMA>(tile, &rows32, &sw, &mut scratch);
            } else {
                let s = &mut scratch.s64[..n];
                if tile.topsis {
                    lane_rows(tile, sw.w2, stride, &mut rows64);
                    score_topsis(tile, &rows64, s);
                } else {
                    lane_rows(tile, sw.w, stride, &mut rows64);
                    score_weighted_sum(tile, &rows64, s);
                }
                rank_exact(s, &mut scratch.pos[..n]);
            }
            count::<FMA>(layout, tile, cnt, &mut scratch, &weights, &mut tally);
        }
    }
    for (tile, cnt) in layout.tiles.iter().zip(&mut counters) {
        flush::<FMA>(layout, tile, cnt, &weights, &mut tally);
    }
    tally
}

/// TOPSIS closeness of every candidate of a tile: `D+^2`, `D-^2` as sums of `w_j^2 d^2` in
/// criterion order (accumulated across lanes), then `C = D- / (D+ + D-)`; padding `-inf`.
/// `w2[j][lane]` is `w_j^2` of the lane's batch.
#[inline(always)]
fn score_topsis(tile: &Tile, w2: &[Row<f64>], s: &mut [Row<f64>]) {
    let cols = w2.len();
    for (c, o) in s.iter_mut().enumerate() {
        let mut plus = [0.0; LANES];
        let mut minus = [0.0; LANES];
        for (j, wj2) in w2.iter().enumerate() {
            let (xa, xb) = (&tile.a[c * cols + j], &tile.b[c * cols + j]);
            for l in 0..LANES {
                plus[l] += wj2[l] * xa[l];
                minus[l] += wj2[l] * xb[l];
            }
        }
        let p = &tile.pad[c];
        for l in 0..LANES {
            o[l] = closeness(plus[l], minus[l]) + p[l];
        }
    }
}

/// Weighted sum of every candidate of a tile, criterion order; padding `-inf`. `w[j][lane]`
/// is `w_j` of the lane's batch.
#[inline(always)]
fn score_weighted_sum(tile: &Tile, w: &[Row<f64>], s: &mut [Row<f64>]) {
    let cols = w.len();
    for (c, o) in s.iter_mut().enumerate() {
        let mut acc = [0.0; LANES];
        for (j, wj) in w.iter().enumerate() {
            let xa = &tile.a[c * cols + j];
            for l in 0..LANES {
                acc[l] += wj[l] * xa[l];
            }
        }
        let p = &tile.pad[c];
        for l in 0..LANES {
            o[l] = acc[l] + p[l];
        }
    }
}

/// Rank positions (0 = first) from exact scores. For `i < k`, `k` beats `i` exactly when
/// `s_k > s_i` (an exact tie goes to the lower index), so one comparison settles both.
#[inline(always)]
fn rank_exact(s: &[Row<f64>], pos: &mut [Row<u32>]) {
    pos.fill([0; LANES]);
    for i in 0..s.len() {
        let (head, tail) = pos.split_at_mut(i + 1);
        let pi = &mut head[i];
        for (sk, pk) in s[i + 1..].iter().zip(tail) {
            for l in 0..LANES {
                let later = u32::from(sk[l] > s[i][l]);
                pi[l] += later;
                pk[l] += 1 - later;
            }
        }
    }
}

/// Rank positions of a TOPSIS tile without square roots or `f64` division, falling back to
/// the exact closeness for the lanes where that cannot be certain.
///
/// `C = 1 / (1 + sqrt(S))` with `S = D+^2 / D-^2`, so a higher closeness is a lower `S`.
/// Each lane computes `S~ = P32 / M32` from `f32` sums. Why the order it decides is the order
/// of the exact (rounded `f64`) closeness `fl(C)` of [`closeness`]:
/// - For `w_j^2, d^2 <= 1e6` and at most 16 criteria, the `f32` sums of non-negative terms
///   satisfy `|P32 - P| <= 1.1e-6 P + 5e-38` (3 roundings per term, one per addition, fused or
///   not, `u32 = 2^-24`; underflow adds at most `2^-149` per operation, times `1e6`). With
///   `P32, M32 >= 1e-30` that is a relative error below `1.2e-6`, so `S~ = S (1 +- b)`,
///   `b <= 2.5e-6`.
/// - `fl(C) = c (1 +- e)` with `c` the exact value at the rounded `P`, `M` and `e <= 5u`
///   (`u = 2^-53`: two square roots, an addition and a division, each correctly rounded).
/// - If `S~_k * 1.0001 <= S~_i` (rounded), then `S_i / S_k >= 1 + g`, `g >= 9.4e-5`, and
///   `c_k / c_i = (1 + sqrt(S_i)) / (1 + sqrt(S_k)) >= 1 + (g / 2.01) sqrt(S_k) / (1 + sqrt(S_k))`,
///   which for `S~_k >= 1e-20` exceeds `1 + 4.6e-15 > (1 + 5u) / (1 - 5u)`: so
///   `fl(C_k) > fl(C_i)` strictly. The same holds with `i` and `k` swapped.
/// - A lane with a real candidate outside those ranges (`P32` or `M32 < 1e-30`, `S~` outside
///   `[1e-20, 1e20]`, NaN) or with a pair of real candidates closer than the margin is ranked
///   again exactly by [`rank_lane_exact`]. Padding (`S~ = +inf`) ranks after every real
///   candidate and, among itself, by index.
/// - Tiles with more criteria or larger distances, and samples with larger weights, never come
///   here: they take the exact path.
///
/// `w2_32[j][lane]` is `w_j^2` of the lane's batch, in `f32`.
#[inline(always)]
fn rank_approx<const FMA: bool>(
    tile: &Tile,
    w2_32: &[Row<f32>],
    sw: &SampleWeights<'_>,
    sc: &mut Scratch,
) {
    let cols = w2_32.len();
    let n = tile.nmax;
    // Lanes to rank exactly (non-zero), as whole-word masks so the loops vectorise.
    let mut bad = [0u32; LANES];
    let rows_a = tile.a32.chunks_exact(cols);
    let rows_b = tile.b32.chunks_exact(cols);
    for (c, (xa, xb)) in rows_a.zip(rows_b).enumerate().take(n) {
        let mut p = [0.0f32; LANES];
        let mut m = [0.0f32; LANES];
        for ((wj, xa), xb) in w2_32.iter().zip(xa).zip(xb) {
            for l in 0..LANES {
                p[l] = madd::<FMA>(wj[l], xa[l], p[l]);
                m[l] = madd::<FMA>(wj[l], xb[l], m[l]);
            }
        }
        let pad = tile.pad32[c];
        let (mut s, mut hi) = ([0.0f32; LANES], [0.0f32; LANES]);
        for l in 0..LANES {
            let q = p[l] / m[l];
            // `&`, not `&&` or `contains`: no branches, so this vectorises.
            #[allow(clippy::manual_range_contains)]
            let ok = (p[l] >= APPROX_TINY)
                & (m[l] >= APPROX_TINY)
                & (q >= APPROX_S_MIN)
                & (q <= APPROX_S_MAX);
            let real = pad[l] == 0.0;
            bad[l] |= u32::from(real & !ok);
            s[l] = if real { q } else { f32::INFINITY };
            hi[l] = s[l] * APPROX_MARGIN;
        }
        sc.s[c] = s;
        sc.hi[c] = hi;
    }
    let (s, hi) = (&sc.s[..n], &sc.hi[..n]);
    let pos = &mut sc.pos[..n];
    pos.fill([0; LANES]);
    for i in 0..n {
        let (head, tail) = pos.split_at_mut(i + 1);
        let (si, hii) = (s[i], hi[i]);
        let mut pi = head[i];
        for ((sk, hk), pk) in s[i + 1..].iter().zip(&hi[i + 1..]).zip(tail) {
            for l in 0..LANES {
                // `later`: k certainly above i; `early`: i certainly above k (padding pairs
                // take this branch: inf <= inf).
                let later = hk[l] < si[l];
                let early = hii[l] <= sk[l];
                pi[l] += u32::from(later);
                pk[l] += u32::from(early);
            }
        }
        head[i] = pi;
    }
    // `later` and `early` never hold together, so the positions add up to the number of
    // decided pairs: a lane with an undecided pair falls short of n (n - 1) / 2.
    let mut total = [0u32; LANES];
    for p in pos.iter() {
        for l in 0..LANES {
            total[l] += p[l];
        }
    }
    let pairs = (n * n.saturating_sub(1) / 2) as u32;
    for l in 0..LANES {
        bad[l] |= u32::from(total[l] != pairs);
    }
    for (lane, &rows) in tile.rows.iter().enumerate() {
        if bad[lane] != 0 {
            rank_lane_exact(tile, lane, rows, sw.lane_w2(tile, lane), &mut sc.lane, pos);
        }
    }
}

/// Exact positions of one lane of a TOPSIS tile: the arithmetic of [`score_topsis`] and the
/// rule of [`rank_exact`] for the real candidates; padding after them, in index order.
#[cold]
fn rank_lane_exact(
    tile: &Tile,
    lane: usize,
    rows: usize,
    w2: &[f64],
    scores: &mut [f64],
    pos: &mut [Row<u32>],
) {
    let cols = w2.len();
    for (c, o) in scores[..rows].iter_mut().enumerate() {
        let mut plus = 0.0;
        let mut minus = 0.0;
        for (j, &wj2) in w2.iter().enumerate() {
            plus += wj2 * tile.a[c * cols + j][lane];
            minus += wj2 * tile.b[c * cols + j][lane];
        }
        *o = closeness(plus, minus) + tile.pad[c][lane];
    }
    let s = &scores[..rows];
    for (c, p) in pos.iter_mut().enumerate() {
        p[lane] = if c < rows {
            // Earlier candidates win ties: `!(s_c > s_k)`, as in `rank_exact`.
            let above_before = s[..c]
                .iter()
                .filter(|&&sk| s[c].partial_cmp(&sk) != Some(std::cmp::Ordering::Greater))
                .count();
            let above_after = s[c + 1..].iter().filter(|&&sk| sk > s[c]).count();
            (above_before + above_after) as u32
        } else {
            c as u32
        };
    }
}

/// Adds one sample's positions to the counters (dense tiles) or tallies, and its weights
/// (sample `cnt.first + cnt.since` of the chunk's `weights`, each lane its batch's) to each
/// group's winner.
#[inline(always)]
fn count<const FMA: bool>(
    layout: &Layout,
    tile: &Tile,
    cnt: &mut Counters,
    sc: &mut Scratch,
    weights: &[f64],
    tally: &mut Tally,
) {
    let n = tile.nmax;
    let pos = &sc.pos[..n];
    if n <= DENSE_MAX {
        let pos8 = &mut sc.pos8[..n];
        for (p8, p) in pos8.iter_mut().zip(pos) {
            for l in 0..LANES {
                p8[l] = p[l] as u8;
            }
        }
        // Local copies of the rows: with no possible aliasing the byte loops vectorise.
        for (&p8, counts) in pos8.iter().zip(cnt.ranks.chunks_exact_mut(n)) {
            for (r, k) in counts.iter_mut().enumerate() {
                let r = r as u8;
                let mut add = [0u8; LANES];
                for l in 0..LANES {
                    add[l] = u8::from(p8[l] == r);
                }
                for l in 0..LANES {
                    k[l] += add[l];
                }
            }
        }
        let mut pairs = cnt.pairs8.iter_mut();
        for (i, &pi) in pos8.iter().enumerate() {
            for (&pk, pc) in pos8[i + 1..].iter().zip(&mut pairs) {
                let mut add = [0u8; LANES];
                for l in 0..LANES {
                    add[l] = u8::from(pk[l] < pi[l]);
                }
                for l in 0..LANES {
                    pc[l] += add[l];
                }
            }
        }
    } else {
        for (lane, &g) in tile.groups.iter().enumerate() {
            let gl = layout.groups[g];
            let ranks = &mut tally.ranks[gl.counts..gl.counts + gl.rows * gl.rows];
            for c in 0..gl.rows {
                // Padding never beats a real candidate, so the position is below `rows`.
                ranks[c * gl.rows + pos[c][lane] as usize] += 1;
            }
        }
        let mut pairs = cnt.pairs64.iter_mut();
        for (i, &pi) in pos.iter().enumerate() {
            for (&pk, pc) in pos[i + 1..].iter().zip(&mut pairs) {
                for l in 0..LANES {
                    pc[l] += u64::from(pk[l] < pi[l]);
                }
            }
        }
    }
    let mut win = [0u32; LANES];
    for (c, &p) in pos.iter().enumerate() {
        for l in 0..LANES {
            if p[l] == 0 {
                win[l] = c as u32;
            }
        }
    }
    if n <= DENSE_MAX {
        cnt.winners.push(win.map(|c| c as u8));
    } else {
        let (cols, stride) = (layout.cols, layout.stride);
        let sample = (cnt.first + cnt.since as usize) * layout.batches;
        for (lane, &g) in tile.groups.iter().enumerate() {
            let from = (sample + tile.slot[lane]) * stride;
            let w = &weights[from..from + cols];
            let at = layout.groups[g].central + win[lane] as usize * stride;
            for (acc, &x) in tally.central[at..at + cols].iter_mut().zip(w) {
                *acc += x;
            }
        }
    }
    cnt.since += 1;
    if n <= DENSE_MAX && cnt.since == FLUSH_EVERY {
        flush::<FMA>(layout, tile, cnt, weights, tally);
    }
}

/// Moves a tile's counters to the per-group tallies and clears them; for dense tiles also adds
/// the weights of the buffered winners (rows `cnt.first..` of the chunk's `weights`).
#[inline(always)]
fn flush<const FMA: bool>(
    layout: &Layout,
    tile: &Tile,
    cnt: &mut Counters,
    weights: &[f64],
    tally: &mut Tally,
) {
    let n = tile.nmax;
    let dense = n <= DENSE_MAX;
    let since = u64::from(cnt.since);
    if dense {
        #[cfg(target_arch = "x86_64")]
        if FMA && layout.stride <= avx2::MAX_STRIDE {
            // SAFETY: as for `avx2::rank_and_count` in `run_chunk_generic`.
            unsafe { avx2::add_central(layout, tile, cnt, weights, tally) };
        } else {
            add_central(layout, tile, cnt, weights, tally);
        }
        #[cfg(not(target_arch = "x86_64"))]
        add_central(layout, tile, cnt, weights, tally);
    }
    for (lane, &g) in tile.groups.iter().enumerate() {
        let gl = layout.groups[g];
        let rows = gl.rows;
        if dense {
            let ranks = &mut tally.ranks[gl.counts..gl.counts + rows * rows];
            for (out, counts) in ranks.chunks_exact_mut(rows).zip(cnt.ranks.chunks_exact(n)) {
                for (o, k) in out.iter_mut().zip(counts) {
                    *o += u64::from(k[lane]);
                }
            }
        }
        let pw = &mut tally.pairwise[gl.counts..gl.counts + rows * rows];
        // Pairs (i, k), i < k < n, are stored in order: pair (i, i + 1) is at `start`.
        let mut start = 0;
        for i in 0..rows {
            for k in i + 1..rows {
                let pair = start + (k - i - 1);
                let later_wins = if dense {
                    u64::from(cnt.pairs8[pair][lane])
                } else {
                    cnt.pairs64[pair][lane]
                };
                pw[k * rows + i] += later_wins;
                pw[i * rows + k] += since - later_wins;
            }
            start += n - i - 1;
        }
    }
    cnt.ranks.fill([0; LANES]);
    cnt.pairs8.fill([0; LANES]);
    cnt.pairs64.fill([0; LANES]);
    cnt.winners.clear();
    cnt.first += cnt.since as usize;
    cnt.since = 0;
}

/// Adds the weights of a dense tile's buffered winners to their central weight sums, sample by
/// sample, so each sum takes its terms in sample order.
fn add_central(layout: &Layout, tile: &Tile, cnt: &Counters, weights: &[f64], tally: &mut Tally) {
    let (cols, stride) = (layout.cols, layout.stride);
    let buffered =
        weights[cnt.first * layout.batches * stride..].chunks_exact(layout.batches * stride);
    for (win, ws) in cnt.winners.iter().zip(buffered) {
        for ((&g, &c), &slot) in tile.groups.iter().zip(win).zip(&tile.slot) {
            let w = &ws[slot * stride..];
            let at = layout.groups[g].central + usize::from(c) * stride;
            for (acc, &x) in tally.central[at..at + cols].iter_mut().zip(&w[..cols]) {
                *acc += x;
            }
        }
    }
}

/// Turns the flat tallies of one group into its result.
fn summarise(
    model: &ScoreModel,
    g: &GroupLayout,
    total: &Tally,
    cols: usize,
    stride: usize,
    samples: u64,
) -> SmaaResult {
    let n = g.rows;
    let rank_counts = Tally::square(&total.ranks, g.counts, n);
    let pairwise_winning = Tally::square(&total.pairwise, g.counts, n);
    let central_weights = total.central_means(g.counts, g.central, n, cols, stride);
    let mut scores = vec![0.0; n];
    let confidence = central_weights
        .iter()
        .enumerate()
        .map(|(i, mean)| {
            mean.as_ref().map(|mean| {
                model.scores(mean, &mut scores);
                if winner(&scores) == Some(i) { 1.0 } else { 0.0 }
            })
        })
        .collect();
    SmaaResult {
        rank_counts,
        samples,
        central_weights,
        confidence,
        pairwise_winning,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::score::ranking;
    use crate::sensitivity::{DirichletAround, GivenSamples, InTurn, UniformSimplex};
    use approx::assert_abs_diff_eq;
    use rand::{RngExt, SeedableRng, rngs::ChaCha8Rng};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Central weights are means of at most a few thousand vectors summing to 1.
    const MEAN_TOL: f64 = 1e-12;

    /// Equal counts and confidence factors, central weights equal to rounding.
    pub(crate) fn assert_same_tallies(got: &SmaaResult, want: &SmaaResult) {
        assert_eq!(got.rank_counts, want.rank_counts);
        assert_eq!(got.pairwise_winning, want.pairwise_winning);
        assert_eq!(got.confidence, want.confidence);
        for (a, b) in got.central_weights.iter().zip(&want.central_weights) {
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

    fn random_topsis(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> ScoreModel {
        let normalized: Vec<f64> = (0..rows * cols).map(|_| rng.random::<f64>()).collect();
        topsis_model(normalized, rows, cols)
    }

    /// A TOPSIS model with best and worst taken as column maxima and minima.
    fn topsis_model(normalized: Vec<f64>, rows: usize, cols: usize) -> ScoreModel {
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
            assert_same_tallies(g, w);
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
        // And with a sampler that uses the sample index, not the generator.
        let in_turn = InTurn::new(vec![vec![1.0, 0.0, 0.0, 0.0, 1.0], vec![0.2; 5]])?;
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
        let a = pool.install(|| smaa(&models, &in_turn, &options, &|_| {}))?;
        let b = smaa(&models, &in_turn, &options, &|_| {})?;
        assert_eq!(a, b);
        Ok(())
    }

    /// Groups built to defeat the approximate ranking: exact duplicates, candidates that differ
    /// by a relative 1e-6 to 1e-15 (closer than its margin), a dominating candidate (`D+ = 0`),
    /// single-candidate groups, more than one tile, and a group too large for the `u8` counters.
    fn hard_models(seed: u64) -> Vec<ScoreModel> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let cols = 4;
        let mut models = Vec::new();
        for g in 0..40 {
            let rows = match g {
                0 | 1 => 1,
                2 => DENSE_MAX + 6,
                _ => 2 + g % 9,
            };
            let mut x: Vec<f64> = (0..rows * cols)
                .map(|_| 0.1 + rng.random::<f64>())
                .collect();
            if rows >= 2 {
                let eps = [0.0, 1e-6, 1e-9, 1e-12, 1e-15][g % 5];
                for j in 0..cols {
                    x[cols + j] = x[j] * (1.0 + eps);
                }
            }
            if g % 7 == 3 {
                // Candidate 0 best on every criterion.
                x[..cols].fill(2.0);
            }
            models.push(topsis_model(x, rows, cols));
        }
        models
    }

    #[test]
    fn near_ties_and_large_groups_match_brute_force() {
        let models = hard_models(3);
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let mut weights: Vec<Vec<f64>> = (0..600)
            .map(|_| {
                let raw: Vec<f64> = (0..4).map(|_| rng.random::<f64>()).collect();
                let s: f64 = raw.iter().sum();
                raw.iter().map(|x| x / s).collect()
            })
            .collect();
        weights.push(vec![0.0, 0.0, 1.0, 0.0]);
        weights.push(vec![0.25; 4]);
        let sampler = GivenSamples::new(weights).expect("valid");
        let options = SmaaOptions {
            samples: 1,
            seed: 0,
            chunk: 300,
        };
        let got = smaa(&models, &sampler, &options, &|_| {}).expect("valid");
        let want = brute_force(&models, sampler.rows());
        for (g, w) in got.iter().zip(&want) {
            assert_same_tallies(g, w);
        }
    }

    /// The runtime-dispatched kernel (AVX2 + FMA where available) gives exactly the tallies of
    /// the portable one.
    #[test]
    fn dispatched_kernel_equals_portable() -> Result<(), Box<dyn std::error::Error>> {
        let mut models = hard_models(8);
        models.extend(random_models(9, 12, 7, 4));
        let refs: Vec<&ScoreModel> = models.iter().collect();
        let one_batch = vec![0; refs.len()];
        let layout = Layout::new(&refs, &one_batch, 1, 4);
        let dirichlet = DirichletAround::new(vec![0.4, 0.3, 0.2, 0.1], 5.0)?;
        let uniform = UniformSimplex { cols: 4 };
        let samplers: [&dyn WeightSampler; 2] = [&dirichlet, &uniform];
        let alone = |sampler| SmaaBatch {
            models: &refs,
            sampler,
            seed: 5,
        };
        for sampler in samplers {
            for chunk in 0..2 {
                let range = chunk as usize * 250..(chunk as usize + 1) * 250;
                let src = [alone(sampler)];
                let fast = run_chunk(&layout, &src, chunk, range.clone());
                let portable = run_chunk_generic::<false>(&layout, &src, chunk, range);
                assert_eq!(fast, portable);
            }
        }
        // The same groups in three batches, so that tiles mix weight streams.
        let slots: Vec<usize> = (0..refs.len()).map(|g| g % 3).collect();
        let layout = Layout::new(&refs, &slots, 3, 4);
        assert!(layout.tiles.iter().any(|t| t.shared.is_none()));
        let src = [
            alone(&dirichlet),
            alone(&uniform),
            SmaaBatch {
                seed: 6,
                ..alone(&dirichlet)
            },
        ];
        let fast = run_chunk(&layout, &src, 1, 256..500);
        let portable = run_chunk_generic::<false>(&layout, &src, 1, 256..500);
        assert_eq!(fast, portable);
        // An odd number of criteria (the AVX2 kernel takes them two at a time) and many
        // groups (two tiles, the second mostly padding).
        let models = random_models(10, 40, 9, 7);
        let refs: Vec<&ScoreModel> = models.iter().collect();
        let layout = Layout::new(&refs, &vec![0; refs.len()], 1, 7);
        let sampler = UniformSimplex { cols: 7 };
        let src = [SmaaBatch {
            models: &refs,
            sampler: &sampler,
            seed: 6,
        }];
        let fast = run_chunk(&layout, &src, 3, 0..300);
        let portable = run_chunk_generic::<false>(&layout, &src, 3, 0..300);
        assert_eq!(fast, portable);
        Ok(())
    }

    /// Many small batches (each with its own sampler and seed, of two sizes of criteria, TOPSIS
    /// and weighted sums, near ties) run together: more than one part, tiles mixing batches.
    /// Each batch's results are bit for bit those of a lone `smaa` run, for any thread count.
    #[test]
    fn batches_together_equal_lone_runs_for_any_thread_count()
    -> Result<(), Box<dyn std::error::Error>> {
        let mut rng = ChaCha8Rng::seed_from_u64(31);
        let mut groups: Vec<Vec<ScoreModel>> = Vec::new();
        let mut samplers: Vec<Box<dyn WeightSampler>> = Vec::new();
        for b in 0..70 {
            let cols = if b % 10 == 9 { 5 } else { 4 };
            let size = 1 + b % 4;
            let mut models = random_models(100 + b as u64, size, 3 + b % 6, cols);
            if b % 7 == 0 && cols == 4 {
                models.extend(hard_models(b as u64).into_iter().take(3));
            }
            groups.push(models);
            let raw: Vec<f64> = (0..cols).map(|_| 0.1 + rng.random::<f64>()).collect();
            let sum: f64 = raw.iter().sum();
            samplers.push(if b % 5 == 4 {
                Box::new(UniformSimplex { cols })
            } else {
                Box::new(DirichletAround::new(
                    raw.iter().map(|x| x / sum).collect(),
                    20.0 + b as f64,
                )?)
            });
        }
        let refs: Vec<Vec<&ScoreModel>> = groups.iter().map(|g| g.iter().collect()).collect();
        let batches: Vec<SmaaBatch<'_>> = refs
            .iter()
            .zip(&samplers)
            .enumerate()
            .map(|(b, (models, sampler))| SmaaBatch {
                models,
                sampler: sampler.as_ref(),
                seed: 1000 + b as u64,
            })
            .collect();
        assert!(groups.iter().map(Vec::len).sum::<usize>() > PART_GROUPS);
        let (samples, chunk) = (700, 256);
        let run = |threads: usize| -> Result<Vec<Vec<SmaaResult>>, Box<dyn std::error::Error>> {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            Ok(pool.install(|| smaa_batches(&batches, samples, chunk, &|_, _| {}))?)
        };
        let together = run(1)?;
        assert_eq!(together, run(2)?);
        assert_eq!(together, run(3)?);
        for (batch, got) in batches.iter().zip(&together) {
            let options = SmaaOptions {
                samples,
                seed: batch.seed,
                chunk,
            };
            let models: Vec<ScoreModel> = batch.models.iter().map(|&m| m.clone()).collect();
            let alone = smaa(&models, batch.sampler, &options, &|_| {})?;
            // Bitwise, central weights included.
            assert_eq!(*got, alone);
        }
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
