#!/usr/bin/env python3
"""The pandas peer of `unggul topsis` end to end, and the inputs of benches/raw_commands.sh.

    topsis_csv_pandas.py generate --rows N --out DIR        decision matrix + criteria CSV
    topsis_csv_pandas.py groups --groups G --out DIR        a `smaa --matrices` file (10 per group)
    topsis_csv_pandas.py run --matrix M --criteria C --out O

`run` is what a user would otherwise write: pandas `read_csv`, TOPSIS in numpy (vector
normalisation, relative ideal: benefit max, cost min), ranks by closeness (stable, ties to the
earlier row, as unggul), `to_csv` with unggul's columns `id,closeness,rank,d_plus,d_minus`.
It prints `pandas_topsis_csv seconds=..` (read to written, interpreter start-up excluded).
Run single-threaded: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1.
"""

import argparse
import time
from pathlib import Path

import numpy as np

COLS = 12


def criteria_csv(out: Path) -> Path:
    rng = np.random.default_rng(11)
    raw = 0.2 + rng.random(COLS)
    w = raw / raw.sum()
    lines = ["criterion,weight,type"]
    for j in range(COLS):
        lines.append(f"c{j + 1},{w[j]:.6f},{'cost' if j % 4 == 3 else 'benefit'}")
    p = out / "criteria.csv"
    p.write_text("\n".join(lines) + "\n")
    return p


def values(rng, rows):
    """Values as planners' sheets hold them: quantities with two decimals, some large, and
    1-5 ratings."""
    x = np.round(1.0 + 999.0 * rng.random((rows, COLS)), 2)
    x[:, 1] = np.round(x[:, 1] * 1000.0)  # omzet-like integers
    x[:, 5::4] = rng.integers(1, 6, size=(rows, len(range(5, COLS, 4))))  # ratings
    return x


def write_matrix(path: Path, ids, x, group=None):
    import pandas as pd

    df = pd.DataFrame(x, columns=[f"c{j + 1}" for j in range(COLS)])
    df.insert(0, "id", ids)
    if group is not None:
        df.insert(0, "group", group)
    df.to_csv(path, index=False, float_format="%.15g")


def generate(rows: int, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    criteria_csv(out)
    rng = np.random.default_rng(rows)
    ids = [f"A{i:07d}" for i in range(rows)]
    write_matrix(out / f"matrix_{rows}.csv", ids, values(rng, rows))


def groups(n: int, out: Path, per_group: int = 10):
    out.mkdir(parents=True, exist_ok=True)
    criteria_csv(out)
    rng = np.random.default_rng(n)
    rows = n * per_group
    # Rows of a group are not contiguous (a sorted export by another key), so a reader must
    # find each row's group, not just watch for a change.
    g = np.tile(np.arange(n), per_group)
    ids = [f"u{k}" for k in np.repeat(np.arange(per_group), n)]
    write_matrix(out / f"groups_{n}.csv", ids, values(rng, rows), [f"G{v:06d}" for v in g])


def run(matrix: Path, criteria: Path, out: Path):
    import pandas as pd

    t0 = time.perf_counter()
    c = pd.read_csv(criteria)
    m = pd.read_csv(matrix)
    names = list(c["criterion"])
    w = c["weight"].to_numpy(dtype=float)
    w = w / w.sum()
    benefit = c["type"].str.lower().isin(["benefit", "max", "keuntungan"]).to_numpy()
    x = m[names].to_numpy(dtype=float)
    norm = np.sqrt(np.einsum("ij,ij->j", x, x))
    v = x * (w / norm)
    vmax, vmin = v.max(axis=0), v.min(axis=0)
    best = np.where(benefit, vmax, vmin)
    worst = np.where(benefit, vmin, vmax)
    dp = np.sqrt(((v - best) ** 2).sum(axis=1))
    dm = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = dp + dm
    closeness = np.divide(dm, total, out=np.full_like(dm, 0.5), where=total > 0)
    order = np.argsort(-closeness, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    pd.DataFrame(
        {"id": m["id"], "closeness": closeness, "rank": rank, "d_plus": dp, "d_minus": dm}
    ).to_csv(out, index=False)
    print(f"pandas_topsis_csv seconds={time.perf_counter() - t0:.4f}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("groups")
    s.add_argument("--groups", type=int, required=True)
    s.add_argument("--out", type=Path, required=True)
    r = sub.add_parser("run")
    r.add_argument("--matrix", type=Path, required=True)
    r.add_argument("--criteria", type=Path, required=True)
    r.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    if a.cmd == "generate":
        generate(a.rows, a.out)
    elif a.cmd == "groups":
        groups(a.groups, a.out)
    else:
        run(a.matrix, a.criteria, a.out)


if __name__ == "__main__":
    main()
