#!/usr/bin/env bash
# Records/s of `net dump -parquet` on the TCP records of one capture (BENCHMARKS.md, "net dump -parquet").
#
# Usage: bench/parquet.sh CAPTURE [ROUNDS]   (default 5 rounds)
#   Captures the TCP records once (`net capture -include TCP`), then converts them ROUNDS times through ./net.
#   Prints each run's wall time with the JVM's start, and the rate the command reports for the conversion
#   itself (reading the record file and writing the Parquet file), then the medians of both.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -gt 0 ]] || { echo "usage: $0 CAPTURE [ROUNDS]" >&2; exit 2; }
capture="$1"
rounds="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/net" dump -version >/dev/null 2>&1 || true # build the jar and its class caches outside the runs
"$here/net" capture -read "$capture" -out "$work/records" -include TCP -quiet >/dev/null 2>&1
records="$work/records/TCP.ncap.gz"
for r in $(seq 1 "$rounds"); do
  rm -f "$work/TCP.parquet"
  start=$(date +%s.%N)
  line="$("$here/net" dump -read "$records" -parquet "$work/TCP.parquet" 2>&1 >/dev/null | tail -1)"
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  n="${line%% records*}"
  rate="$(sed -n 's/.*(\([0-9,]*\) records\/s).*/\1/p' <<<"$line" | tr -d ,)"
  echo "run $r: $n records, wall $wall s ($(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%d", n / w }') records/s), conversion $rate records/s"
done | tee "$work/runs"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median: wall $(sed -n 's/.*wall \([0-9.]*\) s.*/\1/p' "$work/runs" | median) s," \
  "conversion $(sed -n 's/.*conversion \([0-9]*\) records.*/\1/p' "$work/runs" | median) records/s"
