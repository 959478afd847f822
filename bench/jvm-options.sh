#!/usr/bin/env bash
# Wall time, CPU time and peak RSS of `net capture` under the JVM options of the ./net launcher, each
# option taken away in turn (docs/engine.md, "JVM options of net").
#
# Usage: bench/jvm-options.sh CAPTURE [ROUNDS]   (default 3 rounds)
#   The option sets run alternately, ROUNDS times each; one line per run, then medians per set.
#   java runs the jar directly (the launcher's staleness check is not timed). Every set with an AOT
#   cache gets its own, trained as ./net trains its cache: one capture of samples/http-get-gzip.pcap.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.ci/java-home.sh"
java="$JAVA_HOME/bin/java"
jar="$here/netcap-cli/target/net.jar"
capture="$1"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[[ -f "$jar" ]] || (cd "$here" && ./mvnw -q -B -DskipTests -pl netcap-cli -am package >&2)

sets=(launcher no-aot thresholds c2 serial g1 jvm-defaults)
declare -A opts=(
  [launcher]="-XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=0"
  [no-aot]="-XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=0"
  [thresholds]="-XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=0"
  [c2]="-XX:+UseCompactObjectHeaders -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=0"
  [serial]="-XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxTenuringThreshold=0"
  [g1]="-XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1"
  [jvm-defaults]=""
)
declare -A aot=([launcher]=1 [thresholds]=1 [c2]=1 [serial]=1 [g1]=1)

for s in "${!aot[@]}"; do
  # shellcheck disable=SC2086
  "$java" --enable-native-access=ALL-UNNAMED ${opts[$s]} -XX:AOTCacheOutput="$work/$s.aot" -Xlog:aot=off \
    -jar "$jar" capture -read "$here/samples/http-get-gzip.pcap" -out "$work/train-$s" -quiet >/dev/null 2>&1
done

log="$work/runs"
for r in $(seq 1 "$rounds"); do
  for s in "${sets[@]}"; do
    a=()
    [[ -n "${aot[$s]:-}" ]] && a=(-XX:AOTCache="$work/$s.aot" -Xlog:aot=off)
    rm -rf "$work/out"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$java" --enable-native-access=ALL-UNNAMED ${opts[$s]} "${a[@]}" \
      -jar "$jar" capture -read "$capture" -out "$work/out" -quiet >/dev/null
    read -r wall rss user sys < <(tail -1 "$work/time")
    echo "$s $r $wall $rss $user $sys $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
  done
done

echo "set: median wall s, median user+sys s, median peak RSS MB (load average during the runs)"
for s in "${sets[@]}"; do
  awk -v s="$s" 'BEGIN { n = 0 } $1 == s { w[n] = $3; c[n] = $5 + $6; m[n] = $4 / 1024; l = l " " $7; n++ }
    function med(a, n,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
    END { printf "%-13s %6.2f %6.2f %6.0f   (load%s)\n", s, med(w, n), med(c, n), med(m, n), l }' "$log"
done
