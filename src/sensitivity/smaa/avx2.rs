//! The common case of the SMAA kernel written with AVX2 intrinsics: a TOPSIS tile on the
//! approximate path (see `rank_approx`) with at most [`DENSE_MAX`] candidates, ranked and
//! counted in one pass. It takes the same decisions as `rank_approx` followed by `count`, so the
//! tallies are identical; the auto-vectorised form spent most of its instructions widening and
//! narrowing lane masks between `u32` and `u8`.
//!
//! Differences in method, not in result:
//! - One bound replaces the four of `rank_approx`: this path runs only for weights `w_j <= 1`
//!   (every sampler's, as they sum to 1), so with at most 16 criteria and squared distances up
//!   to `1e6`, `P32, M32 <= 1.6e7`. Requiring `P32, M32 >= 1e-12` (above `1e-30`) then keeps
//!   `S~` within `[6.25e-20, 1.6e19]`, inside `[1e-20, 1e20]`: the conditions of the proof in
//!   `rank_approx` hold. It is checked on every row, padding included: padding rows have
//!   `a32 = b32 = 1`, so `P32 = M32 = sum w_j^2 >= 1 / 16` and `S~ = 1`.
//! - Each candidate's position counts the candidates *certainly* above it (`hi_k < S~_i`), one
//!   comparison per ordered pair. Certain relations never hold both ways, so a lane whose
//!   positions add up to its number of real-real and real-padding pairs has every such pair
//!   decided; any other lane is ranked again exactly, as in `rank_approx`.

use std::arch::x86_64::{
    __m256, __m256d, __m256i, _CMP_GT_OQ, _CMP_LT_OQ, _mm256_add_epi8, _mm256_add_epi32,
    _mm256_add_pd, _mm256_add_ps, _mm256_and_si256, _mm256_andnot_ps, _mm256_castps_si256,
    _mm256_castsi256_ps, _mm256_cmp_ps, _mm256_cmpeq_epi8, _mm256_cmpeq_epi32, _mm256_cmpgt_epi8,
    _mm256_div_ps, _mm256_fmadd_ps, _mm256_loadu_pd, _mm256_loadu_ps, _mm256_loadu_si256,
    _mm256_min_ps, _mm256_movemask_ps, _mm256_mul_ps, _mm256_or_ps, _mm256_or_si256,
    _mm256_packs_epi16, _mm256_packs_epi32, _mm256_permutevar8x32_epi32, _mm256_set1_epi8,
    _mm256_set1_ps, _mm256_setr_epi32, _mm256_setzero_pd, _mm256_setzero_ps, _mm256_setzero_si256,
    _mm256_storeu_pd, _mm256_storeu_ps, _mm256_storeu_si256, _mm256_sub_epi8, _mm256_sub_epi32,
};

use super::{
    APPROX_MARGIN, Counters, DENSE_MAX, FLUSH_EVERY, LANES, Layout, Row, SampleWeights, Scratch,
    Tally, Tile, flush, rank_lane_exact,
};

/// `f32` vectors per row of [`LANES`] values.
const V: usize = LANES / 8;

/// Smallest `P32` and `M32` this path ranks (see the module docs).
const LEAST_DISTANCE: f32 = 1e-12;

#[inline]
#[target_feature(enable = "avx2,fma")]
fn load_ps(row: &Row<f32>, v: usize) -> __m256 {
    debug_assert!(v < V);
    // SAFETY: `v < V`, so the 8 values read lie inside the 32-value row.
    unsafe { _mm256_loadu_ps(row.as_ptr().add(8 * v)) }
}

#[inline]
#[target_feature(enable = "avx2,fma")]
fn store_ps(row: &mut Row<f32>, v: usize, x: __m256) {
    debug_assert!(v < V);
    // SAFETY: as in `load_ps`.
    unsafe { _mm256_storeu_ps(row.as_mut_ptr().add(8 * v), x) }
}

#[inline]
#[target_feature(enable = "avx2,fma")]
fn load_u8(row: &Row<u8>) -> __m256i {
    // SAFETY: a row is exactly 32 bytes, one 256-bit vector.
    unsafe { _mm256_loadu_si256(row.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2,fma")]
fn store_u8(row: &mut Row<u8>, x: __m256i) {
    // SAFETY: as in `load_u8`.
    unsafe { _mm256_storeu_si256(row.as_mut_ptr().cast(), x) }
}

/// Four vectors of 8 `i32` (lanes 0..32 in order, values 0..=64) narrowed to 32 bytes.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn narrow(x: [__m256i; V]) -> __m256i {
    // The packs work within 128-bit halves, leaving 4-lane blocks in the order
    // 0-3, 8-11, 16-19, 24-27, 4-7, 12-15, 20-23, 28-31; the permutation restores it.
    let lo = _mm256_packs_epi32(x[0], x[1]);
    let hi = _mm256_packs_epi32(x[2], x[3]);
    let bytes = _mm256_packs_epi16(lo, hi);
    _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7))
}

/// Vector `v` of `w_j^2` across the lanes: `shared[j]` broadcast when `SHARED` (every lane has
/// one batch), else from the lane rows `rows[j]`.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn weight<const SHARED: bool>(shared: &[f32], rows: &[Row<f32>], j: usize, v: usize) -> __m256 {
    if SHARED {
        _mm256_set1_ps(shared[j])
    } else {
        load_ps(&rows[j], v)
    }
}

/// Adds to `acc` (lane-wise, as -1 per hit) the candidates `hi` certainly above the one with
/// `S~ = si`: `S~_i > hi_k`.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn count_above(si: &[__m256; V], hi: &[Row<f32>], acc: &mut [__m256i; V]) {
    for hk in hi {
        for v in 0..V {
            let above = _mm256_cmp_ps::<_CMP_GT_OQ>(si[v], load_ps(hk, v));
            acc[v] = _mm256_sub_epi32(acc[v], _mm256_castps_si256(above));
        }
    }
}

/// Ranks one sample of a dense, approximable TOPSIS tile and adds it to the counters (rank and
/// pairwise, flushed every [`FLUSH_EVERY`] samples) and the winners' weight sums. The squared
/// weights in `f32` are `shared` (`[j]`) when `SHARED`, else `rows` (`[j][lane]`).
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
pub(super) fn rank_and_count<const SHARED: bool>(
    layout: &Layout,
    tile: &Tile,
    shared: &[f32],
    rows: &[Row<f32>],
    sw: &SampleWeights<'_>,
    weights: &[f64],
    sc: &mut Scratch,
    cnt: &mut Counters,
    tally: &mut Tally,
) {
    let cols = sw.cols;
    debug_assert!(if SHARED {
        shared.len() == cols
    } else {
        rows.len() == cols
    });
    let n = tile.nmax;
    debug_assert!(tile.approx && n <= DENSE_MAX);

    // S~ = P32 / M32 per candidate, padding +inf; running bounds for the validity check.
    let margin = _mm256_set1_ps(APPROX_MARGIN);
    let least = _mm256_set1_ps(LEAST_DISTANCE);
    let mut out_of_bounds = [_mm256_setzero_ps(); V];
    let rows_a = tile.a32.chunks_exact(cols);
    let rows_b = tile.b32.chunks_exact(cols);
    for (c, (xa, xb)) in rows_a.zip(rows_b).enumerate().take(n) {
        let mut p = [_mm256_setzero_ps(); V];
        let mut m = [_mm256_setzero_ps(); V];
        // Two criteria per step: fewer loop instructions per multiply-add.
        let terms = xa.chunks_exact(2).zip(xb.chunks_exact(2));
        for (k, (ra, rb)) in terms.enumerate() {
            let j = 2 * k;
            for v in 0..V {
                let (w0, w1) = (
                    weight::<SHARED>(shared, rows, j, v),
                    weight::<SHARED>(shared, rows, j + 1, v),
                );
                p[v] = _mm256_fmadd_ps(w0, load_ps(&ra[0], v), p[v]);
                m[v] = _mm256_fmadd_ps(w0, load_ps(&rb[0], v), m[v]);
                p[v] = _mm256_fmadd_ps(w1, load_ps(&ra[1], v), p[v]);
                m[v] = _mm256_fmadd_ps(w1, load_ps(&rb[1], v), m[v]);
            }
        }
        if !cols.is_multiple_of(2) {
            let j = cols - 1;
            for v in 0..V {
                let wj = weight::<SHARED>(shared, rows, j, v);
                p[v] = _mm256_fmadd_ps(wj, load_ps(&xa[j], v), p[v]);
                m[v] = _mm256_fmadd_ps(wj, load_ps(&xb[j], v), m[v]);
            }
        }
        for v in 0..V {
            let q = _mm256_div_ps(p[v], m[v]);
            let small = _mm256_cmp_ps::<_CMP_LT_OQ>(_mm256_min_ps(p[v], m[v]), least);
            out_of_bounds[v] = _mm256_or_ps(out_of_bounds[v], small);
            let s = _mm256_add_ps(q, load_ps(&tile.pad32[c], v));
            store_ps(&mut sc.s[c], v, s);
            store_ps(&mut sc.hi[c], v, _mm256_mul_ps(s, margin));
        }
    }

    // Position of i = number of candidates certainly above it.
    let mut total = [_mm256_setzero_si256(); V];
    for i in 0..n {
        let si: [__m256; V] = std::array::from_fn(|v| load_ps(&sc.s[i], v));
        let mut acc = [_mm256_setzero_si256(); V];
        count_above(&si, &sc.hi[..i], &mut acc);
        count_above(&si, &sc.hi[i + 1..n], &mut acc);
        for v in 0..V {
            total[v] = _mm256_add_epi32(total[v], acc[v]);
        }
        store_u8(&mut sc.pos8[i], narrow(acc));
    }

    // Lanes to rank exactly: a bound tripped or a pair undecided.
    let mut bad = 0u32;
    for v in 0..V {
        // SAFETY: `decided` holds 32 `i32`, so the 8 read at `8 * v` are inside it.
        let expected = unsafe { _mm256_loadu_si256(tile.decided.as_ptr().add(8 * v).cast()) };
        let complete = _mm256_castsi256_ps(_mm256_cmpeq_epi32(total[v], expected));
        let ok = _mm256_andnot_ps(out_of_bounds[v], complete);
        let ok_bits = _mm256_movemask_ps(ok) as u32;
        bad |= (!ok_bits & 0xff) << (8 * v);
    }
    bad &= tile.real_lanes;
    while bad != 0 {
        let lane = bad.trailing_zeros() as usize;
        bad &= bad - 1;
        rank_lane_exact(
            tile,
            lane,
            tile.rows[lane],
            sw.lane_w2(tile, lane),
            &mut sc.lane,
            &mut sc.pos[..n],
        );
        for (p8, p) in sc.pos8[..n].iter_mut().zip(&sc.pos[..n]) {
            p8[lane] = p[lane] as u8;
        }
    }

    // Rank counts, pairwise counts (k above i, i < k) and the winner of each lane.
    let one = _mm256_set1_epi8(1);
    let zero = _mm256_setzero_si256();
    let mut win = zero;
    let pos8 = &sc.pos8[..n];
    for (c, (p8, counts)) in pos8.iter().zip(cnt.ranks.chunks_exact_mut(n)).enumerate() {
        let p = load_u8(p8);
        let mut r = zero;
        for k in counts.iter_mut() {
            let hit = _mm256_cmpeq_epi8(p, r);
            store_u8(k, _mm256_sub_epi8(load_u8(k), hit));
            r = _mm256_add_epi8(r, one);
        }
        let first = _mm256_cmpeq_epi8(p, zero);
        win = _mm256_or_si256(win, _mm256_and_si256(first, _mm256_set1_epi8(c as i8)));
    }
    // Pairs (i, k), i < k, in order: those of `i` are the `n - 1 - i` counters from `start`.
    let mut start = 0;
    for (i, pi) in pos8.iter().enumerate() {
        let pi = load_u8(pi);
        let later = &pos8[i + 1..];
        let counters = &mut cnt.pairs8[start..start + later.len()];
        for (pk, pc) in later.iter().zip(counters) {
            let k_above = _mm256_cmpgt_epi8(pi, load_u8(pk));
            store_u8(pc, _mm256_sub_epi8(load_u8(pc), k_above));
        }
        start += later.len();
    }
    let mut winners = [0u8; LANES];
    store_u8(&mut winners, win);
    cnt.winners.push(winners);
    cnt.since += 1;
    if cnt.since == FLUSH_EVERY {
        flush::<true>(layout, tile, cnt, weights, tally);
    }
}

/// Longest row of central weight sums [`add_central`] handles (4 vectors of 4 `f64`).
pub(super) const MAX_STRIDE: usize = 16;

/// `super::add_central` for rows of at most [`MAX_STRIDE`]: each sample's weights are loaded
/// into registers once per batch (once for a tile of one batch) and added to every lane's
/// winner, in sample order per sum as there.
#[target_feature(enable = "avx2,fma")]
pub(super) fn add_central(
    layout: &Layout,
    tile: &Tile,
    cnt: &Counters,
    weights: &[f64],
    tally: &mut Tally,
) {
    let stride = layout.stride;
    assert!(stride <= MAX_STRIDE && stride.is_multiple_of(4));
    let vectors = stride / 4;
    let bases: Vec<usize> = tile
        .groups
        .iter()
        .map(|&g| layout.groups[g].central)
        .collect();
    let row = layout.batches * stride;
    let buffered = weights[cnt.first * row..].chunks_exact(row);
    for (win, ws) in cnt.winners.iter().zip(buffered) {
        let load = |slot: usize| -> [__m256d; 4] {
            let w = &ws[slot * stride..(slot + 1) * stride];
            // SAFETY: `v < vectors <= 4` and `w` has `stride = 4 * vectors` values; the
            // closure runs inside this AVX2 function only.
            std::array::from_fn(|v| {
                if v < vectors {
                    unsafe { _mm256_loadu_pd(w.as_ptr().add(4 * v)) }
                } else {
                    _mm256_setzero_pd()
                }
            })
        };
        let mut current = tile.slot[0];
        let mut wv = load(current);
        for ((&base, &c), &slot) in bases.iter().zip(win).zip(&tile.slot) {
            if slot != current {
                current = slot;
                wv = load(current);
            }
            let at = base + usize::from(c) * stride;
            let acc = &mut tally.central[at..at + stride];
            for (v, &x) in wv.iter().enumerate().take(vectors) {
                // SAFETY: `acc` has `stride = 4 * vectors` values and `v < vectors`.
                unsafe {
                    let p = acc.as_mut_ptr().add(4 * v);
                    _mm256_storeu_pd(p, _mm256_add_pd(_mm256_loadu_pd(p), x));
                }
            }
        }
    }
}
