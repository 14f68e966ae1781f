#!/usr/bin/env bash
# A kabupaten's whole run, the report issue's targets: the synthetic study of 440 desa in
# 40 kecamatan (7,261 UMKM, 56,805 judgments; `unggul generate --preset synthetic`) through
# `unggul run` with defaults (sensitivity with 10,000 draws per panel, 4 scenarios, charts,
# every report). Prints wall time, peak RSS, output size and file count, and the sizes of
# the main page and the largest kecamatan page, per round.
#
# Usage: benches/kabupaten.sh [ROUNDS]   (default 3). Needs GNU time (/usr/bin/time).
# Builds unggul in release first. Data generation is not timed.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
[[ -x /usr/bin/time ]] || { echo "kabupaten.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
cargo build --release --quiet
unggul="$PWD/target/release/unggul"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$unggul" generate --preset synthetic --kecamatan 40 --kelurahan-per-kecamatan 11 \
    --min-candidates 3 --max-candidates 8 --seed 7 --out "$work/kab" >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time" "$unggul" run "$work/kab" --out "$work/out" --quiet
    read -r seconds rss_kb < "$work/time"
    bytes=$(du -sb "$work/out" | cut -f1)
    files=$(find "$work/out" -type f | wc -l)
    index=$(stat -c %s "$work/out/index.html")
    largest_page=$(find "$work/out/kecamatan" -name '*.html' -printf '%s\n' | sort -n | tail -1)
    echo "round $round: ${seconds} s, peak $((rss_kb / 1024)) MB, output $((bytes / 1000000)) MB in $files files, index.html $((index / 1000)) KB, largest kecamatan page $((largest_page / 1000)) KB"
done
