#!/usr/bin/env python3
"""Independent check of `unggul smaa --weight-samples` (exact rank counts), from the README alone.

Usage: check_smaa.py PATH/TO/unggul [--rows R] [--seed S] [--keep DIR]

Builds a matrices file (`group,id,<criteria>`) with groups of 1 to 70 candidates, cost
criteria, a constant column in one group and duplicated candidates (exact ties), and a weight
samples file of R rows with zero entries, rows not summing to 1 and a header in another order
than the criteria file. For every normalisation (vector, min-max, max, sum) it runs
`unggul smaa` and recomputes the rank acceptability with numpy:

- each W row scaled to sum 1 and used once;
- each group ranked on its own by TOPSIS (normalisation as in the README; A+ = max for
  benefit, min for cost; C = D-/(D+ + D-), 0.5 when D+ + D- = 0);
- rank of i = #{C_j > C_i} + #{j listed before i with C_j == C_i} + 1 (an exact tie goes to
  the candidate listed first);
- output columns rank_1..rank_m, m = the largest group, zeros beyond a group's size.

Each share times R must be an integer (to 1e-9) and equal our count. Exits 1 on a mismatch.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_thresholds import normalise  # noqa: E402  (same README normalisations)


def make_groups(rng, k, cost):
    sizes = [1, 2, 3, 5, 10, 70, 4, 2]
    groups = []
    for g, n in enumerate(sizes):
        x = rng.uniform(1, 10, (n, k)).round(int(rng.integers(0, 3)))
        if n >= 3:  # duplicated candidates: an exact tie
            x[n - 1] = x[0]
        if n >= 10:
            x[2] = x[1]
            x[:, g % k] = 3.0  # a constant column
        groups.append((f"g{g}", [f"g{g}-u{i}" for i in range(n)], x))
    return groups


def make_weights(rng, rows, k):
    w = rng.dirichlet(np.ones(k), rows)
    w[::7, rng.integers(0, k)] = 0.0  # zeros
    w[::11] = 0.0
    w[::11, 0] = 1.0  # all weight on one criterion
    w[1::3] *= rng.uniform(0.1, 50, (len(w[1::3]), 1))  # rows not summing to 1
    w[2::5] = w[2::5] * 1000.0  # large sums
    # No integer rows with equal weights: they make distinct candidates tie mathematically
    # but not bitwise (1 ulp apart in either implementation), so the tie-break would compare
    # summation orders, not the README's rule.
    return w


def counts(groups, w, cost, how, m):
    ws = w / w.sum(axis=1, keepdims=True)
    w2 = ws ** 2
    out = []
    for _, ids, x in groups:
        r, best, worst = normalise(x, cost, how)
        dp = np.sqrt(w2 @ ((r - best) ** 2).T)
        dm = np.sqrt(w2 @ ((r - worst) ** 2).T)
        s = dp + dm
        with np.errstate(invalid="ignore", divide="ignore"):
            c = np.where(s > 0, dm / s, 0.5)  # rows x n
        n = len(ids)
        cnt = np.zeros((n, m), dtype=np.int64)
        for i in range(n):
            better = (c > c[:, [i]]).sum(axis=1) + (c[:, :i] == c[:, [i]]).sum(axis=1)
            cnt[i] = np.bincount(better, minlength=m)[:m]
        out.append(cnt)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default=None)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    rng = np.random.default_rng(a.seed)
    k = 5
    names = [f"k{j}" for j in range(k)]
    cost = np.array([False, True, False, True, False])
    groups = make_groups(rng, k, cost)
    w = make_weights(rng, a.rows, k)
    m = max(len(ids) for _, ids, _ in groups)
    folder = tempfile.mkdtemp(prefix="smaa-", dir=a.keep)
    with open(os.path.join(folder, "m.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["group", "id"] + names)
        for g, ids, x in groups:
            for i, row in zip(ids, x):
                wr.writerow([g, i] + [repr(float(v)) for v in row])
    with open(os.path.join(folder, "c.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["criterion", "weight", "type"])
        for n, c in zip(names, cost):
            wr.writerow([n, 0.2, "cost" if c else "benefit"])
    order = list(reversed(range(k)))  # header in another order than the criteria file
    with open(os.path.join(folder, "w.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow([names[j] for j in order])
        for row in w:
            wr.writerow([repr(float(row[j])) for j in order])
    bad = 0
    for how in ("vector", "min-max", "max", "sum"):
        p = subprocess.run(
            [binary, "smaa", "--matrices", "m.csv", "--criteria", "c.csv",
             "--weight-samples", "w.csv", "--normalization", how],
            cwd=folder, capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{how}: exit {p.returncode}: {p.stderr.strip()}")
            bad += 1
            continue
        got = list(csv.reader(p.stdout.splitlines()))
        want = counts(groups, w, cost, how, m)
        header = ["group", "id"] + [f"rank_{r}" for r in range(1, m + 1)]
        problems = [] if got[0] == header else [f"header {got[0][:4]}..."]
        body = iter(got[1:])
        cells, max_frac = 0, 0.0
        for (g, ids, _), cnt in zip(groups, want):
            for i, id_ in enumerate(ids):
                row = next(body)
                if row[:2] != [g, id_]:
                    problems.append(f"row {row[:2]} expected {[g, id_]}")
                    continue
                share = np.array([float(v) for v in row[2:]]) * a.rows
                frac = np.abs(share - np.round(share)).max()
                max_frac = max(max_frac, frac)
                diff = np.nonzero(np.round(share).astype(np.int64) != cnt[i])[0]
                cells += len(row) - 2
                if frac > 1e-9 or diff.size:
                    problems.append(f"{g} {id_}: unggul {np.round(share)[diff]} ours "
                                    f"{cnt[i][diff]} at ranks {diff + 1}")
        print(f"{'ok' if not problems else 'MISMATCH':8} {how:8} {len(groups)} groups, "
              f"{a.rows} rows, {cells} cells, max |share*R - round| {max_frac:.1e}")
        for q in problems[:20]:
            print("        ", q)
        bad += bool(problems)
    print(f"case folder: {folder}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
