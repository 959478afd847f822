#!/usr/bin/env bash
# A/B timing of `net capture`: an earlier revision against the working tree, run alternately on one
# capture (ABBA order) so that both see the same machine load, with medians per build and worker count.
#
# Usage: bench/ab.sh BASE_REV CAPTURE [ROUNDS]
#   BASE_REV  the revision to compare against (built in a temporary git worktree)
#   CAPTURE   a pcap or pcapng file, e.g. one made by ../shared/tools/make-bench-pcap.sh
#   ROUNDS    pairs of runs per worker count (default 5)
# Environment: WORKERS (default "1 2"), JAVA_HOME.
#
# Both builds run with the launcher's JVM options (./net: C1 only, parallel GC, AOT cache). Prints every
# run (wall seconds, user+sys CPU seconds, load average) and then, per build and worker count, the
# median wall time, the median CPU time and packets/s from the median wall time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.ci/java-home.sh"
[[ $# -ge 2 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
base="$1"
capture="$(realpath "$2")"
rounds="${3:-5}"
[[ -f "$capture" ]] || { echo "ab.sh: no such capture: $2" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "ab.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }

work="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$here" worktree add --detach "$work/base" "$base" >/dev/null 2>&1
echo "building $base and the working tree..." >&2
(cd "$work/base" && ./mvnw -q -B -ntp -DskipTests -pl netcap-cli -am package >&2)
(cd "$here" && ./mvnw -q -B -ntp -DskipTests -pl netcap-cli -am package >&2)
# one warm-up run each: builds the AOT cache of the launcher and warms the page cache
for tree in "$work/base" "$here"; do
  "$tree/net" capture -read "$capture" -out "$work/out" -quiet >/dev/null 2>&1
  rm -rf "$work/out"
done
packets="$("$here/net" capture -read "$capture" -out "$work/out" -quiet >/dev/null 2>&1; \
  sed -n 's/.*"packets": *\([0-9]*\).*/\1/p' "$work/out/summary.json" | head -1)"
rm -rf "$work/out"

results="$work/results"
for r in $(seq 1 "$rounds"); do
  for w in ${WORKERS:-1 2}; do
    order="old new"; (( r % 2 == 0 )) && order="new old" # ABBA: neither build always runs first
    for build in $order; do
      tree="$here"; [[ $build == old ]] && tree="$work/base"
      /usr/bin/time -o "$work/t" -f "%e %U %S" "$tree/net" capture -read "$capture" -out "$work/out" -quiet \
        -workers "$w" >/dev/null 2>&1
      rm -rf "$work/out"
      read -r wall user sys < "$work/t"
      cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
      echo "$build $w $wall $cpu" >> "$results"
      printf 'round %d  workers %d  %-3s  wall %6.2f s  cpu %6.2f s  load %s\n' "$r" "$w" "$build" "$wall" "$cpu" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo
printf '%-4s %-7s %10s %10s %12s\n' build workers "wall (s)" "cpu (s)" "packets/s"
for w in ${WORKERS:-1 2}; do
  for build in old new; do
    wall="$(awk -v b="$build" -v w="$w" '$1 == b && $2 == w {print $3}' "$results" | median)"
    cpu="$(awk -v b="$build" -v w="$w" '$1 == b && $2 == w {print $4}' "$results" | median)"
    pps="$(awk -v p="$packets" -v t="$wall" 'BEGIN {printf "%.0f", p / t}')"
    printf '%-4s %-7s %10.2f %10.2f %12s\n' "$build" "$w" "$wall" "$cpu" "$pps"
  done
done
echo "($packets packets; $rounds alternating rounds; base $base)"
