#!/usr/bin/env bash
# The raw commands end to end, against pandas, measured on the same machine and alternating
# (PERF.md): `unggul topsis` on a 10^6 x 12 CSV (read, score, rank, write CSV) against pandas
# read_csv + numpy TOPSIS + to_csv (benches/peer/topsis_csv_pandas.py), both on one thread;
# then peak memory of `unggul topsis` at 250k, 500k and 1M rows, and `unggul smaa --matrices`
# at 2,000, 8,000 and 32,000 groups (10 alternatives x 12 criteria each, 100 samples), to show
# that time and memory grow linearly.
#
# Usage: benches/raw_commands.sh [ROUNDS]   (default 3). Needs python3 with numpy and pandas:
#   python3 -m venv /tmp/peer && /tmp/peer/bin/pip install -r benches/peer/requirements.txt
#   PYTHON=/tmp/peer/bin/python benches/raw_commands.sh
# Builds unggul in release first. Data generation is not timed. unggul's times are the whole
# process (start-up included); the pandas time is read_csv to to_csv (interpreter start-up and
# imports excluded, which favours pandas).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
py="${PYTHON:-python3}"
"$py" -c 'import numpy, pandas' 2>/dev/null || {
    echo "raw_commands.sh: the pandas peer needs numpy and pandas:" >&2
    echo "  python3 -m pip install -r benches/peer/requirements.txt (or set PYTHON)" >&2
    exit 2
}
[[ -x /usr/bin/time ]] || { echo "raw_commands.sh: needs /usr/bin/time (GNU time) for peak memory" >&2; exit 2; }
cargo build --release --quiet
unggul="$PWD/target/release/unggul"
peer="$PWD/benches/peer/topsis_csv_pandas.py"
data="$(mktemp -d)"
out="$(mktemp)"
trap 'rm -rf "$data" "$out"' EXIT

for rows in 250000 500000 1000000; do "$py" "$peer" generate --rows "$rows" --out "$data"; done
for groups in 2000 8000 32000; do "$py" "$peer" groups --groups "$groups" --out "$data"; done
m="$data/matrix_1000000.csv"
c="$data/criteria.csv"

# Seconds and peak RSS (KB) of one command, as `name seconds=.. rss_kb=..`.
measure() {
    local name="$1"
    shift
    /usr/bin/time -f "$name seconds=%e rss_kb=%M" -o "$data/time.txt" "$@" >/dev/null 2>"$data/err.txt" || {
        cat "$data/err.txt" >&2
        exit 1
    }
    cat "$data/time.txt"
}

echo "# $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The two agree before anything is timed.
RAYON_NUM_THREADS=1 "$unggul" topsis --matrix "$m" --criteria "$c" --format csv >"$data/ours.csv" 2>/dev/null
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$py" "$peer" run --matrix "$m" --criteria "$c" --out "$data/theirs.csv" >/dev/null
"$py" - "$data/ours.csv" "$data/theirs.csv" <<'PY'
import sys
import pandas as pd
a, b = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
assert (a["id"] == b["id"]).all()
for col in ["closeness", "d_plus", "d_minus"]:
    err = (a[col] - b[col]).abs().max()
    assert err < 1e-12, (col, err)
print(f"# outputs agree: closeness, d_plus, d_minus within 1e-12; ranks equal in {(a['rank'] == b['rank']).mean():.4%} of rows")
PY
for ((r = 1; r <= rounds; r++)); do
    measure unggul_topsis_1e6x12 env RAYON_NUM_THREADS=1 "$unggul" topsis --matrix "$m" --criteria "$c" --format csv | tee -a "$out"
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        "$py" "$peer" run --matrix "$m" --criteria "$c" --out "$data/theirs.csv" | tee -a "$out"
done
for rows in 250000 500000 1000000; do
    measure "unggul_topsis_rss_${rows}" env RAYON_NUM_THREADS=1 "$unggul" topsis --matrix "$data/matrix_$rows.csv" --criteria "$c" --format csv | tee -a "$out"
done
for ((r = 1; r <= rounds; r++)); do
    for groups in 2000 8000 32000; do
        measure "unggul_smaa_${groups}_groups" env RAYON_NUM_THREADS=1 "$unggul" smaa --matrices "$data/groups_$groups.csv" --criteria "$c" --samples 100 | tee -a "$out"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$py" - "$out" "$rounds" "$data" <<'PY'
import os, re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"^(\S+) seconds=([\d.]+)(?: rss_kb=(\d+))?", line)
    if m:
        rows.setdefault(m.group(1), []).append((float(m.group(2)), int(m.group(3) or 0)))
med = lambda name: statistics.median(t for t, _ in rows[name])
ours, theirs = med("unggul_topsis_1e6x12"), med("pandas_topsis_csv")
size = os.path.getsize(os.path.join(sys.argv[3], "matrix_1000000.csv")) / 1e6
print(f"\nmedians of {sys.argv[2]} alternating rounds, one thread each; the 1e6 x 12 CSV is {size:.0f} MB")
print("| job | unggul, 1 thread | pandas + numpy, 1 thread | ratio |")
print("|---|---:|---:|---:|")
print(f"| topsis 1e6 x 12, read + score + rank + write CSV | {ours:.2f} s | {theirs:.2f} s | {theirs / ours:.1f}x |")
print("\n| unggul topsis, rows | seconds | peak RSS |")
print("|---:|---:|---:|")
for n in (250000, 500000, 1000000):
    t, kb = rows[f"unggul_topsis_rss_{n}"][0]
    print(f"| {n:,} | {t:.2f} | {kb / 1024:.0f} MB |")
print("\n| unggul smaa --matrices, groups (x 10 x 12, 100 samples) | seconds | peak RSS |")
print("|---:|---:|---:|")
for g in (2000, 8000, 32000):
    name = f"unggul_smaa_{g}_groups"
    print(f"| {g:,} | {med(name):.2f} | {max(kb for _, kb in rows[name]) / 1024:.0f} MB |")
PY
