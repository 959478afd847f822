#!/usr/bin/env bash
# End-to-end throughput of `net capture` against tshark and tcpdump on one benchmark capture.
#
# Usage: bench/run.sh [CAPTURE.pcap]
#   Without an argument the capture is built with the shared corpus tool make-bench-pcap.sh
#   (size BENCH_SIZE, default 512M) into BENCH_DIR (default: a temporary directory).
# Environment: BENCH_SIZE, BENCH_DIR, BENCH_TOOLS (directory holding make-bench-pcap.sh,
#   default ../shared/tools beside the repository), BENCH_ROUNDS (default 3), JAVA_HOME.
#
# The three commands the stream layer's targets compare (net with defaults, net without reassembly and the
# dissecting tshark) run BENCH_ROUNDS times, alternately, and their median is what the ratios use: on a
# shared machine one run of each moves by more than the margins the targets are judged on.
#
# Prints, for every command: wall seconds, packets/s, and peak RSS; then the ratios the project
# tracks: net vs the tshark field export, vs bare `tshark -q`, vs the tcpdump read floor, the 2-worker
# speed-up, and the gzip level comparison.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" && -f "$here/.ci/java-home.sh" ]]; then
  source "$here/.ci/java-home.sh"
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need tshark || ! need tcpdump; then
  echo "installing tshark and tcpdump..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  apt-get install -y -qq tshark tcpdump >&2
fi
[[ -x /usr/bin/time ]] || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq time >&2; }

# The launcher builds the jar and its AOT caches when the sources changed: outside the timed runs.
"$here/net" capture -version >/dev/null

capture="${1:-}"
if [[ -z "$capture" ]]; then
  tools="${BENCH_TOOLS:-$here/../shared/tools}"
  capture="$work/bench.pcap"
  if [[ ! -f "$capture" ]]; then
    echo "building the benchmark capture (${BENCH_SIZE:-512M})..." >&2
    "$tools/make-bench-pcap.sh" "$capture" "${BENCH_SIZE:-512M}" >&2
  fi
fi

# Warm the page cache so every command reads from memory.
cat "$capture" > /dev/null

cores=$(nproc)
echo "capture: $capture ($(stat -c %s "$capture") bytes), cores: $cores, $("$java" -version 2>&1 | head -1)"

# run NAME CMD...: wall time and peak RSS through /usr/bin/time; a repeated NAME keeps every wall time
# (walls) and the largest RSS.
declare -A wall rss walls
run() {
  local name="$1"; shift
  local t="$work/time.$name" w r
  /usr/bin/time -f "%e %M" -o "$t" "$@" > "$work/out.$name" 2> "$work/err.$name" || {
    echo "$name failed:" >&2; tail -5 "$work/err.$name" >&2; return 1; }
  read -r w r < "$t"
  wall["$name"]="$w"
  walls["$name"]="${walls[$name]:-}${walls[$name]:+ }$w"
  (( r > ${rss[$name]:-0} )) && rss["$name"]="$r"
  return 0
}

net() {
  local name="$1"; shift
  rm -rf "$work/ncap.$name"
  # through the launcher, so its JVM options are measured too
  run "$name" "$here/net" capture -read "$capture" -out "$work/ncap.$name" -quiet "$@"
}

net net-default
packets=$(grep -o '"packets": [0-9]*' "$work/ncap.net-default/summary.json" | grep -o '[0-9]*$')
net net-1worker -workers 1
net net-2workers -workers 2
net net-gzip6 -compression-level default
net net-nogzip -compress=false
net net-noreassembly -reassemble-connections=false
run tshark-fields tshark -n -r "$capture" -T fields -E separator=, -e frame.time_epoch -e eth.src -e eth.dst \
  -e eth.type -e ip.src -e ip.dst -e ip.ttl -e ip.id -e ip.proto -e ip.len -e ip.flags -e ip.frag_offset \
  -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.window_size_value -e tcp.len \
  -e udp.srcport -e udp.dstport -e udp.length
run tshark-q tshark -n -r "$capture" -q
# `tshark -q` alone does not dissect (tshark dissects only to print, filter or feed a tap); a tap makes it
# dissect every packet without printing, which is the work the bare-dissection comparison means.
run tshark-dissect tshark -n -r "$capture" -q -z io,stat,0
run tcpdump tcpdump -n -r "$capture" -w /dev/null
compared=(net-default net-noreassembly tshark-dissect)
for ((r = 2; r <= ${BENCH_ROUNDS:-3}; r++)); do
  net net-default
  net net-noreassembly -reassemble-connections=false
  run tshark-dissect tshark -n -r "$capture" -q -z io,stat,0
done
for n in "${compared[@]}"; do
  wall["$n"]="$(tr ' ' '\n' <<< "${walls[$n]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
done

pps() { awk -v p="$packets" -v s="${wall[$1]}" 'BEGIN { printf "%.0f", (s > 0 ? p / s : 0) }'; }
ratio() { awk -v a="${wall[$2]}" -v b="${wall[$1]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "packets: $packets"
printf "%-16s %10s %14s %12s\n" command seconds packets/s "peak RSS MB"
for n in net-default net-1worker net-2workers net-gzip6 net-nogzip net-noreassembly tshark-fields tshark-q tshark-dissect tcpdump; do
  runs=""
  [[ "${walls[$n]}" == *" "* ]] && runs="  (median of ${walls[$n]})"
  printf "%-16s %10s %14s %12d%s\n" "$n" "${wall[$n]}" "$(pps "$n")" $(( ${rss[$n]} / 1024 )) "$runs"
done
echo
echo "net (defaults) vs tshark field export: $(ratio net-default tshark-fields)x  (target >= 20)"
echo "net (defaults) vs tshark -q:           $(ratio net-default tshark-q)x  (target >= 1; tshark -q reads without dissecting)"
echo "net (defaults) vs tshark -q -z io,stat: $(ratio net-default tshark-dissect)x  (target >= 5; tshark dissecting and reassembling every packet)"
echo "reassembly and stream decoders cost:   $(awk -v a="${wall[net-default]}" -v b="${wall[net-noreassembly]}" 'BEGIN { printf "%+.0f %%", (b > 0 ? 100 * (a - b) / b : 0) }') time  (target <= +35 %; -reassemble-connections=false)"
echo "net (defaults) vs tcpdump read floor:  $(ratio net-default tcpdump)x  (target >= 0.4)"
echo "2 workers vs 1 worker:                 $(ratio net-2workers net-1worker)x  (target >= 1.7)"
for n in net-default net-gzip6 net-nogzip; do
  size=$(du -sb "$work/ncap.$n" | cut -f1)
  echo "output $n: $size bytes, $(pps "$n") packets/s"
done
