#!/usr/bin/env bash
# Rust benches against the plain numpy peer (benches/peer/topsis_smaa_numpy.py), measured on the
# same machine and alternating, so drift and other tenants hit both alike (PERF.md).
#
# Usage: benches/compare.sh [ROUNDS]   (default 3; needs python3 with numpy, and threadpoolctl
# to name the BLAS kernel: pip install -r benches/peer/requirements.txt). Builds the benches in
# release first.
# Single-threaded figures lead: numpy with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (and
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for that command only), Rust with its benches'
# own one-thread pools; the two-thread Rust SMAA figure follows.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
# threadpoolctl is optional (it only names the BLAS kernel in the output).
python3 -c 'import numpy' 2>/dev/null || {
    echo "compare.sh: the numpy peer needs numpy:" >&2
    echo "  python3 -m pip install -r benches/peer/requirements.txt" >&2
    exit 2
}
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

# Build once and find the executables (cargo bench would rebuild-check every round).
mapfile -t exes < <(cargo bench --no-run --bench topsis --bench smaa --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] in ("topsis", "smaa"):
        print(m["target"]["name"], m["executable"])')
topsis_bin="" smaa_bin=""
for e in "${exes[@]}"; do
    case "$e" in
        topsis\ *) topsis_bin="${e#topsis }" ;;
        smaa\ *) smaa_bin="${e#smaa }" ;;
    esac
done
[[ -x "$topsis_bin" && -x "$smaa_bin" ]] || { echo "compare.sh: bench executables not found" >&2; exit 1; }

echo "# $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
    "$topsis_bin" --compare | tee -a "$out"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        MKL_NUM_THREADS=1 python3 benches/peer/topsis_smaa_numpy.py --runs 5 | tee -a "$out"
    "$smaa_bin" --compare | tee -a "$out"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" "$rounds" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"^(\S+)(?: threads=(\d+))? median=([\d.]+) min=([\d.]+)", line)
    if m:
        name, threads = m.group(1), int(m.group(2) or 1)
        rows.setdefault((name, threads), []).append((float(m.group(3)), float(m.group(4))))
def get(name, threads=1):
    v = rows.get((name, threads))
    if not v:
        return None
    return statistics.median(x[0] for x in v), min(x[1] for x in v)
print(f"\nmedian of {sys.argv[2]} rounds' medians (best min in brackets), ms")
print(f"| job | numpy, 1 thread | unggul, 1 thread | ratio | unggul, 2 threads | ratio |")
print(f"|---|---:|---:|---:|---:|---:|")
for job, np_name, rs_name in [
    ("TOPSIS 1e6 x 12", "numpy_topsis_1e6x12_ms", "topsis_closeness_1e6x12_ms"),
    ("SMAA 29 x 10 x 12, 10k draws (numpy: same counts)", "numpy_smaa_29x10x12_10k_ms", "smaa_29x10x12_10k_ms"),
    ("SMAA (numpy: rank counts only, PERF.md's job)", "numpy_smaa_ranks_only_29x10x12_10k_ms", "smaa_29x10x12_10k_ms"),
]:
    p, r1, r2 = get(np_name), get(rs_name, 1), get(rs_name, 2)
    cell = lambda v: f"{v[0]:.2f} ({v[1]:.2f})" if v else "n/a"
    ratio = lambda v: f"{p[0] / v[0]:.1f}x" if v and p else "n/a"
    print(f"| {job} | {cell(p)} | {cell(r1)} | {ratio(r1)} | {cell(r2)} | {ratio(r2)} |")
PY
