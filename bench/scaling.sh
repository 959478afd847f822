#!/usr/bin/env bash
# Time per packet of `net capture` (defaults, through the launcher) on captures of different sizes, to
# check that it stays flat as the input grows.
#
# Usage: bench/scaling.sh CAPTURE... (e.g. 100 MB, 200 MB and 1 GB captures from make-bench-pcap.sh)
# Prints, per capture: packets, wall seconds, packets/s, microseconds per packet, peak RSS; then the
# marginal cost per packet between consecutive captures (start-up and JIT warm-up cancel out).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -gt 0 ]] || { echo "usage: $0 CAPTURE..." >&2; exit 2; }
[[ -x /usr/bin/time ]] || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq time >&2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/net" capture -version >/dev/null 2>&1 || true # build the jar and its class cache outside the timings

printf "%-28s %10s %8s %12s %10s %8s\n" capture packets seconds packets/s "us/packet" "RSS MB"
prev_p=0 prev_s=0
for f in "$@"; do
  cat "$f" > /dev/null # page cache warm
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" "$here/net" capture -read "$f" -out "$work/out" -quiet >/dev/null 2>&1
  read -r secs rss < "$work/time"
  p=$(grep -o '"packets": [0-9]*' "$work/out/summary.json" | grep -o '[0-9]*$')
  awk -v f="$(basename "$f")" -v p="$p" -v s="$secs" -v r="$rss" \
    'BEGIN { printf "%-28s %10d %8.2f %12.0f %10.2f %8d\n", f, p, s, p / s, s * 1e6 / p, r / 1024 }'
  if (( prev_p > 0 && p > prev_p )); then
    awk -v dp=$((p - prev_p)) -v ds="$(awk -v a="$secs" -v b="$prev_s" 'BEGIN { print a - b }')" \
      'BEGIN { printf "  marginal: %.2f us/packet over %d more packets\n", ds * 1e6 / dp, dp }'
  fi
  prev_p=$p prev_s=$secs
done
