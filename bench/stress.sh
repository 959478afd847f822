#!/usr/bin/env bash
# Stress runs of the stream layer with the heap capped (BENCHMARKS.md, "Stream layer under stress"):
#   1. a SYN flood of N half-open connections (default 1,000,000): no OutOfMemoryError, evictions counted;
#   2. one HTTP download of BYTES (default 2 GB): extracted with -fileStorage, its MD5 equal to the body's.
# Usage: bench/stress.sh [N] [BYTES]   Environment: STRESS_DIR (default: a temporary directory), STRESS_HEAP
# (default 512m).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.ci/java-home.sh"
n="${1:-1000000}"
bytes="${2:-2000000000}"
heap="${STRESS_HEAP:-512m}"
work="${STRESS_DIR:-$(mktemp -d)}"
mkdir -p "$work"
(cd "$here" && ./mvnw -q -B -DskipTests -pl netcap-cli,netcap-bench -am package >&2)
"$here/net" capture -version >/dev/null # the launcher's copy of the jar and its AOT caches, outside the timings
gen=("$JAVA_HOME/bin/java" -cp "$here/netcap-bench/target/benchmarks.jar" io.netcap.bench.StressCaptures)

run() { # name, capture, extra flags...
  local name="$1" cap="$2"
  shift 2
  rm -rf "$work/out-$name"
  /usr/bin/time -f "%e s wall, %M KB peak RSS" env NET_JAVA_OPTS="-Xmx$heap" "$here/net" capture -read "$cap" \
    -out "$work/out-$name" -quiet "$@" 2>&1 | grep -v '^$' || { echo "$name: net capture failed" >&2; return 1; }
  grep -E "tcp_connections|connections_evicted|dropped_|reassembled_bytes|missed_bytes" "$work/out-$name/reassembly.log"
}

echo "== SYN flood: $n half-open connections, heap $heap"
"${gen[@]}" synflood "$n" "$work/synflood.pcap"
run synflood "$work/synflood.pcap"

echo "== one HTTP download of $bytes bytes, heap $heap"
expected="$("${gen[@]}" download "$bytes" "$work/download.pcap")"
run download "$work/download.pcap" -fileStorage files
actual="$(find "$work/out-download/files" -type f -name 'big*' -exec md5sum {} + | awk '{print $1}' | head -1)"
echo "body MD5 $expected, extracted file MD5 ${actual:-none}"
[[ "$expected" == "$actual" ]] && echo "download: MD5 correct" || { echo "download: MD5 WRONG" >&2; exit 1; }
