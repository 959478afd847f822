#!/usr/bin/env bash
# What more cores would give, from two measured points: `net capture` pinned to one core (taskset) and on
# every core of this machine, run alternately, and Amdahl's law fitted to their median wall times,
#   T(c) = S + P / c   (S: the part no core count shortens, P: the part that divides among c cores),
# which gives S = (c2 T(c2) - T(1)) / (c2 - 1) and P = T(1) - S for a machine of c2 cores. It is the
# empirical counterpart of bench/thread-cpu.sh, which predicts from each thread's CPU instead; the two
# models are independent (BENCHMARKS.md, "What more cores predict, measured two ways").
#
# Usage: bench/cores.sh CAPTURE [ROUNDS] [net capture flags...]   (default 3 rounds)
#   Both runs use the same number of workers (-workers as given, else the cores of this machine), so
#   the one-core run does the same work, time-sliced. The fit cannot see a bound below which no core
#   count goes: the reader is one thread, and its CPU time (bench/thread-cpu.sh) is a floor for T(c).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
capture="$(realpath "$1")"; shift
rounds=3
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then rounds="$1"; shift; fi
[[ -f "$capture" ]] || { echo "cores.sh: no such capture: $capture" >&2; exit 2; }
command -v taskset >/dev/null || { echo "cores.sh: needs taskset (Debian package util-linux)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "cores.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
cores="$(nproc)"
(( cores >= 2 )) || { echo "cores.sh: this machine has one core: nothing to fit" >&2; exit 2; }
workers=(-workers "$cores")
for a in "$@"; do [[ "$a" == -workers* ]] && workers=(); done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/net" capture -read "$capture" -out "$work/out" -quiet "${workers[@]}" "$@" >/dev/null 2>&1 # jar, AOT cache, page cache
for r in $(seq 1 "$rounds"); do
  for c in 1 "$cores"; do
    rm -rf "$work/out"
    /usr/bin/time -f "$c %e" -a -o "$work/times" taskset -c "0-$((c - 1))" \
      "$here/net" capture -read "$capture" -out "$work/out" -quiet "${workers[@]}" "$@" >/dev/null
    echo "round $r, $c core(s): $(tail -1 "$work/times" | cut -d' ' -f2) s" >&2
  done
done

awk -v n="$cores" '
  { t[$1] = t[$1] " " $2 }
  function median(s,   a, k, i, j, x) { k = split(s, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END {
    t1 = median(t[1]); tn = median(t[n])
    s = (n * tn - t1) / (n - 1); p = t1 - s
    printf "median wall: 1 core %.2f s, %d cores %.2f s (speed-up %.2fx)\n", t1, n, tn, t1 / tn
    printf "Amdahl fit: S = %.2f s that no core count shortens, P = %.2f s that divides (%.0f %% of one core)\n", s, p, 100 * p / t1
    for (c = 4; c <= 16; c *= 2) printf "  predicted wall with %2d cores: %.2f s (no lower than the reader thread CPU)\n", c, s + p / c
  }' "$work/times"
