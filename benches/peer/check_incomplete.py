"""Independent check of unggul's completion of incomplete pairwise matrices (src/ahp/complete.rs).

Harker (1987): no published worked example with numbers could be found here (the paper,
Mathematical Modelling 9(11) 837-848, is not openly available), so the weights are computed
independently with numpy's general eigen-solver (LAPACK geev) on Harker's auxiliary matrix C
(c_ij = a_ij for known pairs, 0 for missing ones, c_ii = 1 + number missing in row i),
instead of unggul's power iteration. The LLSM completion is checked with numpy's least-squares
solver on the log-linear system ln a_ij = y_i - y_j over the known pairs (Bozoki, Fulop &
Ronyai 2010), instead of unggul's Cholesky solve of the Laplacian normal equations.

Run once: `python3 benches/peer/check_incomplete.py` (numpy 2.4.6 was used); its printout is
copied into the tests `harker_matches_an_independent_eigensolver` and
`llsm_matches_an_independent_least_squares_solver` in src/ahp/complete.rs.
"""

import numpy as np

# Bozoki, Fulop & Ronyai (2010), Example 3: a_34 missing (0-based (2, 3)).
EXAMPLE_3 = (4, [(0, 1, 1.0), (0, 2, 5.0), (0, 3, 2.0), (1, 2, 3.0), (1, 3, 4.0)])
# A 5 x 5 questionnaire with three pairs skipped: (0, 3), (1, 4), (2, 4).
FIVE = (
    5,
    [
        (0, 1, 3.0),
        (0, 2, 5.0),
        (0, 4, 7.0),
        (1, 2, 2.0),
        (1, 3, 1.0 / 3.0),
        (2, 3, 1.0 / 4.0),
        (3, 4, 2.0),
    ],
)


def harker(n, known):
    c = np.zeros((n, n))
    for i, j, v in known:
        c[i, j] = v
        c[j, i] = 1.0 / v
    for i in range(n):
        c[i, i] = 1.0 + sum(1 for j in range(n) if j != i and c[i, j] == 0.0)
    values, vectors = np.linalg.eig(c)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return values[k].real, w / w.sum()


def llsm(n, known):
    rows, rhs = [], []
    for i, j, v in known:
        r = np.zeros(n)
        r[i], r[j] = 1.0, -1.0
        rows.append(r)
        rhs.append(np.log(v))
    # Fix the scale: sum of y = 0.
    rows.append(np.ones(n))
    rhs.append(0.0)
    y, *_ = np.linalg.lstsq(np.array(rows), np.array(rhs), rcond=None)
    w = np.exp(y)
    return w / w.sum()


for name, (n, known) in [("example 3", EXAMPLE_3), ("five", FIVE)]:
    lam, w = harker(n, known)
    print(f"{name}: harker lambda(C) = {lam:.15g}")
    print(f"{name}: harker w = [{', '.join(f'{x:.15g}' for x in w)}]")
    missing = [
        (i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if not any({i, j} == {a, b} for a, b, _ in known)
    ]
    for i, j in missing:
        print(f"{name}: harker a_{i}{j} = {w[i] / w[j]:.15g}")
    w = llsm(n, known)
    print(f"{name}: llsm w = [{', '.join(f'{x:.15g}' for x in w)}]")
    for i, j in missing:
        print(f"{name}: llsm a_{i}{j} = {w[i] / w[j]:.15g}")
