#!/usr/bin/env python3
"""Independent check of `unggul thresholds` (exact critical weights), from the README alone.

Usage: check_thresholds.py PATH/TO/unggul [--random N] [--seed S] [--grid G] [--keep DIR]

For every case (published examples plus N random matrices with cost criteria, near-ties,
duplicate candidates, zero weights and 2-candidate groups) it writes `m.csv` / `c.csv`, runs
`unggul thresholds` (every normalisation), and compares with its own computation:

- TOPSIS as the README states: vector (x/||x||), min-max, max (x/max|x|) or sum (x/sum)
  normalisation; v = w r; A+ = column max for benefit, min for cost (no 1/x); Euclidean
  D+-; C = D-/(D+ + D-), 0.5 when D+ + D- = 0; a zero-norm / zero-range column contributes
  nothing. The winner is the highest C, an exact tie going to the candidate listed first.
- Weight j set to t, the others rescaled proportionally (w_k (1-t)/sum_{k!=j} w_k); when
  they are all zero they share 1-t equally (the README's Methods section states this rule).
- On each side (decrease: t from w_j down to 0; increase: up to 1), a dense scan of G points
  finds the *nearest* t where the winner differs from the base winner; the bracket is then
  bisected on "winner == base" to 1e-14. critical_weight = that boundary, new_winner = the
  winner just beyond it.

Agreement required: |critical weight difference| <= 1e-9 and the same new winner, and both
sides agreeing on "no change". Exits 1 on any mismatch, printing a reproducer folder.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

TOL = 1e-9


def normalise(x, cost, how):
    """Returns r (n x k), best and worst normalised values per column (k)."""
    x = np.asarray(x, float)
    n, k = x.shape
    r = np.zeros_like(x)
    for j in range(k):
        col = x[:, j]
        if how == "vector":
            d = np.sqrt((col * col).sum())
            r[:, j] = col / d if d > 0 else 0.0
        elif how == "min-max":
            d = col.max() - col.min()
            r[:, j] = (col - col.min()) / d if d > 0 else 0.0
        elif how == "max":
            d = np.abs(col).max()
            r[:, j] = col / d if d > 0 else 0.0
        elif how == "sum":
            d = col.sum()
            r[:, j] = col / d if d > 0 else 0.0
        else:
            raise ValueError(how)
    best = np.where(cost, r.min(axis=0), r.max(axis=0))
    worst = np.where(cost, r.max(axis=0), r.min(axis=0))
    return r, best, worst


class Topsis:
    def __init__(self, x, cost, how):
        r, best, worst = normalise(x, cost, how)
        # With w >= 0: (w r - w p)^2 = w^2 (r - p)^2.
        self.p = ((r - best) ** 2).T  # k x n
        self.q = ((r - worst) ** 2).T

    def closeness(self, w):
        """w: T x k weights -> T x n closeness."""
        w2 = np.asarray(w, float) ** 2
        dp = np.sqrt(w2 @ self.p)
        dm = np.sqrt(w2 @ self.q)
        s = dp + dm
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(s > 0, dm / s, 0.5)

    def winners(self, w):
        return np.argmax(self.closeness(w), axis=1)  # first index on exact ties


def weights_at(w, j, t):
    t = np.atleast_1d(np.asarray(t, float))
    rest = np.delete(np.arange(len(w)), j)
    out = np.empty((len(t), len(w)))
    out[:, j] = t
    others = w[rest].sum()
    if others > 0:
        out[:, rest] = np.outer((1.0 - t) / others, w[rest])
    else:  # all weight on j: the others share 1 - t equally (the engine's `rescale` rule)
        out[:, rest] = np.outer(1.0 - t, np.full(len(rest), 1.0 / len(rest)))
    return out


def thresholds(x, w, cost, how, grid):
    w = np.asarray(w, float)
    w = w / w.sum()
    model = Topsis(x, cost, how)
    base = int(model.winners(w[None, :])[0])
    out = []
    for j in range(len(w)):
        for direction in ("decrease", "increase"):
            end = 0.0 if direction == "decrease" else 1.0
            s = np.linspace(0.0, 1.0, grid + 1)[1:]
            ts = w[j] + (end - w[j]) * s
            if ts.size and ts[-1] != end:
                ts[-1] = end
            if w[j] == end:
                ts = np.array([])
            found = None
            if ts.size:
                win = model.winners(weights_at(w, j, ts))
                idx = np.nonzero(win != base)[0]
                if idx.size:
                    i = idx[0]
                    a = w[j] if i == 0 else ts[i - 1]  # winner == base here
                    b = ts[i]  # winner != base here
                    for _ in range(200):
                        if abs(b - a) <= 1e-14:
                            break
                        mid = 0.5 * (a + b)
                        if model.winners(weights_at(w, j, mid))[0] == base:
                            a = mid
                        else:
                            b = mid
                    nw = int(model.winners(weights_at(w, j, b))[0])
                    found = (0.5 * (a + b), nw)
            if found:
                out.append((j, direction, w[j], found[0], found[1]))
            else:
                out.append((j, direction, w[j], None, None))
    return base, out


def write_case(folder, ids, names, x, w, cost):
    with open(os.path.join(folder, "m.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["id"] + names)
        for i, row in zip(ids, x):
            wr.writerow([i] + [repr(float(v)) for v in row])
    with open(os.path.join(folder, "c.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["criterion", "weight", "type"])
        for n, wj, c in zip(names, w, cost):
            wr.writerow([n, repr(float(wj)), "cost" if c else "benefit"])


def run_cli(binary, folder, how):
    p = subprocess.run(
        [binary, "thresholds", "--matrix", "m.csv", "--criteria", "c.csv",
         "--normalization", how],
        cwd=folder, capture_output=True, text=True,
    )
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.strip()}")
    rows = list(csv.DictReader(p.stdout.splitlines()))
    return rows


def compare(binary, name, ids, names, x, w, cost, grid, keep):
    folder = tempfile.mkdtemp(prefix="thr-", dir=keep)
    write_case(folder, ids, names, x, w, cost)
    problems, worst = [], 0.0
    for how in ("vector", "min-max", "max", "sum"):
        _, ours = thresholds(x, w, np.asarray(cost), how, grid)
        try:
            theirs = run_cli(binary, folder, how)
        except RuntimeError as e:
            problems.append(f"{how}: {e}")
            continue
        if len(theirs) != len(ours):
            problems.append(f"{how}: {len(theirs)} rows, expected {len(ours)}")
            continue
        for (j, d, bw, cw, nw), t in zip(ours, theirs):
            if t["criterion"] != names[j] or t["direction"] != d:
                problems.append(f"{how}: row order {t['criterion']},{t['direction']}")
                continue
            tw = float(t["critical_weight"]) if t["critical_weight"] else None
            tn = t["new_winner"] or None
            on = ids[nw] if nw is not None else None
            if (tw is None) != (cw is None):
                problems.append(f"{how} {names[j]} {d}: unggul {tw} {tn}, ours {cw} {on}")
                continue
            if tw is not None:
                diff = abs(tw - cw)
                worst = max(worst, diff)
                if diff > TOL or tn != on:
                    problems.append(
                        f"{how} {names[j]} {d}: unggul {tw!r} {tn}, ours {cw!r} {on} "
                        f"(diff {diff:.3g})")
            if abs(float(t["base_weight"]) - bw) > 1e-12:
                problems.append(f"{how} {names[j]}: base weight {t['base_weight']} vs {bw}")
    status = "ok" if not problems else "MISMATCH"
    print(f"{status:8} {name:28} n={len(ids):2} k={len(names)} max|dw|={worst:.2e}"
          + ("" if not problems else f"  case in {folder}"))
    for p in problems:
        print("         ", p)
    return not problems, worst


def published():
    cases = []
    # Hwang & Yoon (1981) fighter aircraft; cost is a cost attribute.
    cases.append(("hwang-yoon-aircraft", ["A1", "A2", "A3", "A4"],
                  ["speed", "range", "payload", "cost", "reliability", "manoeuvre"],
                  [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
                   [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]],
                  [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], [0, 0, 0, 1, 0, 0]))
    # Papathanasiou & Ploskas (2018), all benefit.
    cases.append(("papathanasiou-ploskas", [f"A{i}" for i in range(1, 7)],
                  ["c1", "c2", "c3", "c4"],
                  [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7],
                   [6, 9, 5, 4]], [0.4, 0.3, 0.1, 0.2], [0, 0, 0, 0]))
    # Triantaphyllou (2000) WSM example (3 x 4, all benefit), here scored by TOPSIS.
    cases.append(("triantaphyllou-3x4", ["A1", "A2", "A3"], ["c1", "c2", "c3", "c4"],
                  [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]],
                  [0.2, 0.15, 0.4, 0.25], [0, 0, 0, 0]))
    return cases


def random_cases(count, rng):
    cases = []
    for c in range(count):
        kind = c % 6
        n = 2 if kind == 0 else int(rng.integers(3, 9))
        k = int(rng.integers(2, 7))
        x = rng.uniform(1, 10, (n, k)).round(int(rng.integers(0, 3)))
        w = rng.dirichlet(np.ones(k))
        cost = rng.random(k) < 0.35
        if kind == 1:  # duplicate candidate (listed after the original, or before)
            i = int(rng.integers(0, n - 1))
            x[i + 1] = x[i]
        if kind == 2:  # a zero weight
            w[int(rng.integers(0, k))] = 0.0
            w = w / w.sum()
        if kind == 3:  # near-tie: second candidate nudged close to the first
            x[1] = x[0] + rng.normal(0, 1e-3, k)
        if kind == 4:  # rounded weights not summing to 1
            w = (w * 100).round() + 1
        if kind == 5:  # constant column
            x[:, int(rng.integers(0, k))] = 4.0
        names = [f"k{j}" for j in range(k)]
        ids = [f"u{i}" for i in range(n)]
        cases.append((f"random-{c}-kind{kind}", ids, names, x, list(w), list(cost)))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--random", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--grid", type=int, default=100_000)
    ap.add_argument("--keep", default=None, help="folder for the case folders")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    rng = np.random.default_rng(a.seed)
    ok, worst = 0, 0.0
    cases = published() + random_cases(a.random, rng)
    for name, ids, names, x, w, cost in cases:
        good, d = compare(binary, name, ids, names, np.asarray(x, float), w, cost,
                          a.grid, a.keep)
        ok += good
        worst = max(worst, d)
    print(f"{ok}/{len(cases)} cases agree (x4 normalisations); max |critical weight diff| "
          f"{worst:.3e}")
    sys.exit(0 if ok == len(cases) else 1)


if __name__ == "__main__":
    main()
