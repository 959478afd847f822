#!/usr/bin/env bash
# Output unchanged? Compares the records of `net capture -workers 1` of two builds over the corpus.
#
# Usage: bench/compare-output.sh [-work DIR [-reuse]] [-show CAPTURE/TYPE] [BASE_REV]
#   BASE_REV  the old build, any git revision (default 63ca469, the last commit before the protocol
#             registry); the new build is the working tree as it is, uncommitted changes included.
#   -work DIR keep the base checkout, the builds' outputs and the digests in DIR (default: a temporary
#             directory, removed at the end). A later run with the same DIR, BASE_REV and CAPTURE_FLAGS
#             captures with the working tree only.
#   -reuse    compare the outputs already in DIR (from an earlier run) without building or capturing.
#   -show KEY print the records of one capture and type (e.g. zeek__dns.pcap/DNS) that differ:
#             "- " only in the old output, "+ " only in the new one; reuses the outputs in DIR if any.
# Environment: CORPUS (default ../shared/corpus/pcaps beside the repository), CAPTURE_FLAGS (more
#   flags for both builds, e.g. "-opts datagrams -payload -entropy"), JAVA_HOME.
#
# For every capture of the corpus and every record type, the multiset of records (the `net dump -json`
# lines) of the two builds is compared; the table lists each (capture, type) that differs with the
# number of records only in the old and only in the new output. Exit status 1 when anything differs,
# 0 when nothing does or when the corpus is absent.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="" show="" reuse="" rev="63ca469"
export LC_ALL=C
while [[ $# -gt 0 ]]; do
  case "$1" in
    -work) work="$2"; shift 2 ;;
    -show) show="$2"; shift 2 ;;
    -reuse) reuse=1; shift ;;
    -h|-help|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) rev="$1"; shift ;;
  esac
done

corpus="${CORPUS:-$here/../shared/corpus/pcaps}"
if [[ ! -d "$corpus" ]]; then
  echo "corpus not found at $corpus: nothing to compare (set CORPUS to a directory of captures)"
  exit 0
fi
source "$here/.ci/java-home.sh"
java="$JAVA_HOME/bin/java"

base_commit="$(git -C "$here" rev-parse --verify "$rev^{commit}")"
if [[ -z "$work" ]]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/netcap-compare.XXXXXX")"
  trap 'git -C "$here" worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
digest_jar="$here/netcap-bench/target/benchmarks.jar"
digest() { "$java" -cp "$digest_jar" io.netcap.bench.OutputDigest "$@"; }

# capture_all TREE OUT STAMP: one output directory per capture, and the exit status of each run.
capture_all() {
  local tree="$1" out="$2" stamp="$3" pcap name rc
  rm -rf "$out"; mkdir -p "$out"
  for pcap in "$corpus"/*; do
    [[ -f "$pcap" ]] || continue
    name="$(basename "$pcap")"
    rc=0
    # shellcheck disable=SC2086 # CAPTURE_FLAGS is a list of words
    "$tree/net" capture -read "$pcap" -out "$out/$name" -workers 1 -quiet ${CAPTURE_FLAGS:-} \
      > /dev/null 2> "$out/$name.err" || rc=$?
    echo "$name $rc" >> "$out/exit-status"
  done
  echo "$stamp" > "$out/.done"
}

if [[ ( -z "$show" && -z "$reuse" ) || ! -f "$work/old/.done" || ! -f "$work/new/.done" ]]; then
  start=$SECONDS
  # The old outputs only depend on the revision, the flags and the corpus: kept in DIR, they are reused.
  old_stamp="$base_commit ${CAPTURE_FLAGS:-} $(ls -l "$corpus" | cksum)"
  if [[ "$(cat "$work/old/.done" 2>/dev/null)" == "$old_stamp" ]]; then
    echo "reusing the outputs of $rev in $work/old" >&2
  else
    if [[ "$(git -C "$work/base" rev-parse HEAD 2>/dev/null || true)" != "$base_commit" ]]; then
      git -C "$here" worktree remove --force "$work/base" 2>/dev/null || rm -rf "$work/base"
      git -C "$here" worktree add --detach "$work/base" "$base_commit" > /dev/null 2>&1
    fi
    echo "building $rev ($(git -C "$here" rev-parse --short "$base_commit")) and capturing the corpus..." >&2
    (cd "$work/base" && ./mvnw -q -B -ntp -DskipTests -pl netcap-cli -am package >&2)
    capture_all "$work/base" "$work/old" "$old_stamp"
  fi
  echo "building the working tree and capturing the corpus..." >&2
  (cd "$here" && ./mvnw -q -B -ntp -DskipTests -pl netcap-cli,netcap-bench -am package >&2)
  capture_all "$here" "$work/new" "working tree"
  echo "captured in $((SECONDS - start)) s" >&2
fi

if [[ -n "$show" ]]; then
  digest -show "$work/old" "$work/new" "$show"
  exit 0
fi

digest "$work/old" > "$work/old.digest"
digest "$work/new" > "$work/new.digest"

# Keys whose count or hash differ, or that exist on one side only.
mapfile -t differing < <(join -a1 -a2 -e none -o 0,1.3,2.3 <(sort "$work/old.digest") <(sort "$work/new.digest") \
  | awk '$2 != $3 { print $1 }')

status=0
if ! cmp -s "$work/old/exit-status" "$work/new/exit-status"; then
  echo "exit status of net capture differs (capture old new):"
  join "$work/old/exit-status" "$work/new/exit-status" | awk '$2 != $3'
  status=1
fi

keys=$(cut -d" " -f1 "$work/old.digest" "$work/new.digest" | sort -u | wc -l)
if [[ ${#differing[@]} -eq 0 ]]; then
  echo "no differences: $keys (capture, type) files, $(awk '{ n += $2 } END { print n + 0 }' "$work/new.digest") records"
  exit "$status"
fi
printf "%-60s %12s %12s\n" "capture/type" "only-in-old" "only-in-new"
digest -diff "$work/old" "$work/new" "${differing[@]}" | awk '
  { printf "%-60s %12d %12d\n", $1, $2, $3; o += $2; n += $3 }
  END { printf "%-60s %12d %12d\n", "total (" NR " of '"$keys"' files differ)", o, n }'
exit 1
