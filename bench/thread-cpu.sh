#!/usr/bin/env bash
# CPU seconds of each kind of thread of one `net capture` run (workers, reader, gzip writers, the VM thread
# that runs the serial collector or the parallel collector's GC threads, JIT compilers), read from /proc/PID/task/*/stat while it runs, and what
# they predict for a machine with more cores (BENCHMARKS.md, "Per-thread CPU").
#
# Usage: bench/thread-cpu.sh CAPTURE [net capture flags...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -gt 0 ]] || { echo "usage: $0 CAPTURE [flags...]" >&2; exit 2; }
capture="$1"; shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/net" capture -version >/dev/null 2>&1 || true # build the jar and its class cache outside the run
ticks=$(getconf CLK_TCK)

start=$(date +%s.%N)
"$here/net" capture -read "$capture" -out "$work/out" -quiet "$@" >/dev/null 2>&1 &
pid=$! # the launcher execs java: this is the JVM's pid
declare -A cpu
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    { read -r stat < "$t/stat" && read -r name < "$t/comm"; } 2>/dev/null || continue
    fields=(${stat##*) }) # after "pid (comm) ": state is field 0, utime 11, stime 12
    cpu["${t##*/} $name"]=$(( fields[11] + fields[12] ))
  done
  sleep 0.1
done
wait "$pid"
wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')

for k in "${!cpu[@]}"; do echo "${cpu[$k]} ${k#* }"; done | awk -v hz="$ticks" -v wall="$wall" '
  { name = $2; for (i = 3; i <= NF; i++) name = name " " $i
    kind = name ~ /^netcap-worker/ ? "workers" : name ~ /^netcap-writer/ ? "gzip writers" : name == "java" ? "reader (main)" \
         : name == "VM Thread" ? "VM thread (serial GC)" : name ~ /^GC Thread/ ? "GC threads (parallel GC)" \
         : name ~ /^C[12] Compiler/ ? "JIT compilers" : "other"
    s[kind] += $1 / hz; total += $1 / hz; if (kind == "workers") nw++ }
  END {
    printf "wall %.2f s, CPU %.2f s (%.2f cores busy)\n", wall, total, total / wall
    for (k in s) printf "  %-24s %6.2f s\n", k, s[k]
    # More cores (as many workers): every thread shares the cores, each worker gets 1/c of the work of all workers, the
    # reader is one thread, and the collector stops them all: the serial one on one thread, the parallel one on as
    # many threads as cores. On 2 cores this is checked against the wall.
    gc = s["VM thread (serial GC)"]
    pgc = s["GC threads (parallel GC)"]
    for (c = 2; c <= 16; c *= 2) {
      t = (total - gc - pgc) / c
      if (s["workers"] / c > t) t = s["workers"] / c
      if (s["reader (main)"] > t) t = s["reader (main)"]
      printf "  predicted wall with %2d cores and %2d workers: %.2f s\n", c, c, t + gc + pgc / c
    }
  }'
