#!/usr/bin/env python3
"""Plain numpy peers of the Rust benches (PERF.md), measured on the same machine.

- TOPSIS, 1e6 x 12, vector normalisation, relative reference (benches/topsis.rs).
- SMAA, 29 groups x 10 candidates x 12 criteria, 10,000 Dirichlet(c = 50) weight draws, full
  rank-acceptability and pairwise counts and central-weight sums (benches/smaa.rs), in the
  fast batched form of PERF.md: the normalised matrix once; with w >= 0 the ideal point is
  w_j times the best normalised value, so D+-^2 = sum_j w_j^2 (r_ij - p_j)^2, one matrix
  product per 512 draws for all groups; then ranking and counting, vectorised.

Data generation is untimed; prints `name median=.. min=..` lines (ms). Run single-threaded
with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (benches/compare.sh does).
"""

import argparse
import time

import numpy as np

ROWS_TOPSIS, COLS = 1_000_000, 12
GROUPS, CANDS, DRAWS, BATCH = 29, 10, 10_000, 512


def topsis(x, w, benefit):
    norm = np.sqrt(np.einsum("ij,ij->j", x, x))
    v = x * (w / norm)
    vmax, vmin = v.max(axis=0), v.min(axis=0)
    best = np.where(benefit, vmax, vmin)
    worst = np.where(benefit, vmin, vmax)
    dp = np.sqrt(((v - best) ** 2).sum(axis=1))
    dm = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return dm / (dp + dm)


def smaa_setup(rng):
    """Normalised groups, squared distances to ideal/anti-ideal, base weights."""
    x = 1.0 + 4.0 * rng.random((GROUPS, CANDS, COLS))
    r = x / np.sqrt((x * x).sum(axis=1, keepdims=True))
    cost = (np.arange(COLS) % 4) == 3
    best = np.where(cost, r.min(axis=1), r.max(axis=1))[:, None, :]
    worst = np.where(cost, r.max(axis=1), r.min(axis=1))[:, None, :]
    a = ((r - best) ** 2).reshape(GROUPS * CANDS, COLS)
    b = ((r - worst) ** 2).reshape(GROUPS * CANDS, COLS)
    ab_t = np.ascontiguousarray(np.concatenate([a, b]).T)  # (COLS, 2 * GROUPS * CANDS)
    raw = 0.2 + rng.random(COLS)
    return ab_t, raw / raw.sum()


def smaa(ab_t, base, seed, ranks_only=False):
    """Rank counts, pairwise counts and central-weight sums; with `ranks_only`, only the rank
    counts (the job PERF.md timed at 56.7 ms)."""
    rng = np.random.default_rng(seed)
    gc = GROUPS * CANDS
    ranks = np.zeros(GROUPS * CANDS * CANDS, dtype=np.int64)
    pairwise = np.zeros((GROUPS, CANDS, CANDS), dtype=np.int64)
    central = np.zeros((GROUPS, CANDS, COLS))
    group_off = (np.arange(GROUPS) * CANDS * CANDS)[None, :, None]
    cand_off = (np.arange(CANDS) * CANDS)[None, None, :]
    winner_off = (np.arange(GROUPS) * CANDS)[None, :]
    for start in range(0, DRAWS, BATCH):
        n = min(BATCH, DRAWS - start)
        w = rng.dirichlet(50.0 * base, size=n)
        d2 = (w * w) @ ab_t  # (n, 2 * gc): one matrix product per batch
        dp, dm = np.sqrt(d2[:, :gc]), np.sqrt(d2[:, gc:])
        c = (dm / (dp + dm)).reshape(n, GROUPS, CANDS)
        # Stable sort of -C: exact ties go to the lower index.
        order = np.argsort(-c, axis=2, kind="stable")
        pos = np.empty(order.shape, dtype=np.int8)
        np.put_along_axis(pos, order, np.arange(CANDS, dtype=np.int8)[None, None, :], axis=2)
        ranks += np.bincount((group_off + cand_off + pos).ravel(), minlength=ranks.size)
        if ranks_only:
            continue
        pairwise += np.count_nonzero(pos[:, :, :, None] < pos[:, :, None, :], axis=0)
        win = np.zeros((n, gc))
        win[np.arange(n)[:, None], winner_off + order[:, :, 0]] = 1.0
        central += (win.T @ w).reshape(GROUPS, CANDS, COLS)
    return ranks.reshape(GROUPS, CANDS, CANDS), pairwise, central


def timed(runs, f):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return times[len(times) // 2], times[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", choices=["topsis", "smaa"])
    args = ap.parse_args()
    try:
        from threadpoolctl import threadpool_info

        for info in threadpool_info():
            print(
                f"# numpy {np.__version__} {info['internal_api']} {info.get('version')} "
                f"kernel={info.get('architecture')} threads={info['num_threads']}"
            )
    except ImportError:
        print(f"# numpy {np.__version__} (threadpoolctl not installed: BLAS kernel unknown)")
    rng = np.random.default_rng(7)
    if args.only in (None, "topsis"):
        x = 1.0 + 99.0 * rng.random((ROWS_TOPSIS, COLS))
        w = np.full(COLS, 1.0 / COLS)
        benefit = (np.arange(COLS) % 3) != 2
        med, mn = timed(args.runs, lambda: topsis(x, w, benefit))
        print(f"numpy_topsis_1e6x12_ms median={med:.3f} min={mn:.3f}")
        del x
    if args.only in (None, "smaa"):
        ab_t, base = smaa_setup(rng)
        ranks, _, _ = smaa(ab_t, base, 1)
        assert (ranks.sum(axis=2) == DRAWS).all() and (ranks.sum(axis=1) == DRAWS).all()
        med, mn = timed(args.runs, lambda: smaa(ab_t, base, 1))
        print(f"numpy_smaa_29x10x12_10k_ms median={med:.3f} min={mn:.3f}")
        med, mn = timed(args.runs, lambda: smaa(ab_t, base, 1, ranks_only=True))
        print(f"numpy_smaa_ranks_only_29x10x12_10k_ms median={med:.3f} min={mn:.3f}")


if __name__ == "__main__":
    main()
