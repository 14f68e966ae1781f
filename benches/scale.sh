#!/usr/bin/env bash
# Growth from a kabupaten to the nation: synthetic studies of 1/100, 1/10 and the full
# national size (about 84,000 kelurahan and desa in 7,000 kecamatan, 8-12 UMKM per
# kelurahan and category; `unggul generate --preset synthetic`) through
# `unggul run --no-charts --samples 1000` (the national issue's settings: every other stage
# on), then `unggul report` on the results. Prints, per size: wall time, peak RSS, output
# size and file count, and the same for `unggul report`.
#
# Usage: benches/scale.sh [SIZES...]   SIZES among 100 (1/100), 10 (1/10), 1 (national);
#                                      default: 100 10 1.
# Needs GNU time (/usr/bin/time) and, for the national size, about 12 GB of free disk.
# Builds unggul in release first. Data generation is timed apart from the run.
# WORK=dir keeps the studies and reports there (default: a temporary folder, removed).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /usr/bin/time ]] || { echo "scale.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 10 1)
cargo build --release --quiet
unggul="$PWD/target/release/unggul"
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| size | kelurahan | UMKM | judgments | run | peak RSS | output | files | report | its peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
    case "$size" in
        100) kecamatan=70 ;;
        10) kecamatan=700 ;;
        1) kecamatan=7000 ;;
        *) echo "scale.sh: size $size is not one of 100, 10, 1" >&2; exit 2 ;;
    esac
    study="$work/study-$size"
    out="$work/out-$size"
    rm -rf "$study" "$out" "$work/report-$size"
    line=$("$unggul" generate --preset synthetic --kecamatan "$kecamatan" \
        --kelurahan-per-kecamatan 12 --min-candidates 8 --max-candidates 12 --seed 7 \
        --out "$study" | tail -1)
    # "wrote 6 files to DIR: 8400 kelurahan, 251789 candidates, 1071651 judgments"
    read -r kelurahan umkm judgments < <(echo "$line" |
        sed -E 's/.*: ([0-9]+) kelurahan, ([0-9]+) candidates, ([0-9]+) judgments.*/\1 \2 \3/')
    /usr/bin/time -f '%e %M' -o "$work/time" \
        "$unggul" run "$study" --no-charts --samples 1000 --out "$out" --quiet
    read -r seconds rss_kb < "$work/time"
    bytes=$(du -sb "$out" | cut -f1)
    files=$(find "$out" -type f | wc -l)
    /usr/bin/time -f '%e %M' -o "$work/time" \
        "$unggul" report "$out" --no-charts --out "$work/report-$size" --quiet
    read -r report_seconds report_kb < "$work/time"
    rm -rf "$work/report-$size"
    label="1/$size"
    [[ "$size" == 1 ]] && label="national"
    echo "| $label | $kelurahan | $umkm | $judgments | ${seconds} s | $((rss_kb / 1024)) MB | $((bytes / 1000000)) MB | $files | ${report_seconds} s | $((report_kb / 1024)) MB |"
    [[ -n "${WORK:-}" ]] || rm -rf "$study" "$out"
done
