#!/usr/bin/env bash
# The command line as a user meets it: `./net` run as a subprocess, one test per finding of the command
# line review (docs/cli.md), each asserting the exit status, the line on stderr and the files on disk
# before and after. ./test.sh runs it after the build; it needs only the bundled sample (the corpus
# beside the checkout adds a DNS and a SIP check, and says when it is absent).
# Prints one line per test and "cli: N passed, N failed, N skipped"; exits 1 when a test failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
net="$here/net"
sample="$here/samples/http-get-gzip.pcap"
corpus="$here/../shared/corpus/pcaps"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

passed=0
failed=0
skipped=0
failures=()
rc=0
# runs ./net with the arguments; stdout in $work/out, stderr in $work/err, status in $rc
run() {
  "$net" "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
}
fail() {
  failures+=("$current: $*")
  ok=0
}
expect_rc() { [[ $rc -eq $1 ]] || fail "exit status $rc, expected $1 (stderr: $(tail -1 "$work/err"))"; }
expect_err() { grep -qF -- "$1" "$work/err" || fail "stderr lacks '$1' (it is: $(tr '\n' '|' <"$work/err" | cut -c1-200))"; }
expect_out() { grep -qF -- "$1" "$work/out" || fail "stdout lacks '$1'"; }
expect_err_lines() { local n; n=$(wc -l <"$work/err"); [[ $n -le $1 ]] || fail "stderr has $n lines, expected at most $1"; }
expect_file() { [[ -e $1 ]] || fail "missing file $1"; }
expect_no_file() { [[ ! -e $1 ]] || fail "unexpected file $1"; }
test_case() {
  current="$1"
  ok=1
  skip=""
  "$1"
  if [[ -n $skip ]]; then
    skipped=$((skipped + 1))
    echo "skip $1 ($skip)"
  elif ((ok)); then
    passed=$((passed + 1))
    echo "ok   $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1"
  fi
}

capture_sample() { # DIR [flags...]: a plain capture of the sample, which must work
  local dir="$1"; shift
  "$net" capture -read "$sample" -out "$dir" -quiet "$@" >/dev/null 2>&1 </dev/null
}

# 1. earlier results are not deleted
earlier_records_are_kept() {
  mkdir -p prev
  capture_sample first
  cp first/TCP.ncap.gz prev/TCP.ncap.gz
  echo "not ours" >prev/HTTP.ncap.gz
  local sum; sum=$(md5sum prev/TCP.ncap.gz prev/HTTP.ncap.gz)
  run capture -read "$sample" -out prev
  expect_rc 1
  expect_err "holds 2 audit record files of an earlier run; use -overwrite"
  [[ "$(md5sum prev/TCP.ncap.gz prev/HTTP.ncap.gz)" == "$sum" ]] || fail "earlier files changed"
}
overwrite_replaces_them() {
  mkdir -p again
  echo "not ours" >again/SIP.ncap.gz
  echo "keep me" >again/notes.txt
  run capture -read "$sample" -out again -overwrite -quiet
  expect_rc 0
  expect_no_file again/SIP.ncap.gz
  expect_file again/TCP.ncap.gz
  expect_file again/notes.txt
}
# 2. write failures found before reading
out_is_a_file() {
  touch afile
  run capture -read "$sample" -out afile
  expect_rc 1
  expect_err "-out afile: Not a directory"
}
out_cannot_be_created() {
  run capture -read "$sample" -out /proc/netcap-test/out
  expect_rc 1
  expect_err "-out /proc/netcap-test/out: cannot create"
  expect_err_lines 1
}
# 3. flags accepted and ignored
not_built_flags_are_rejected() { # unless at their defaults, which is what this implementation does
  local f
  for f in -wait-conns=false -membuf-size=1 -sbuf-size=1 -disable-generic-software-harvester=false; do
    run capture -read "$sample" -out nb "$f"
    expect_rc 2
    expect_err "${f%=*}: not available"
  done
  run capture -read "$sample" -out nb -proto=false
  expect_rc 2
  expect_err "-proto=false: no writer is left; give -csv, -json, -null, -unix or -elastic"
  expect_no_file nb
  run capture -read "$sample" -out nb -quiet -proto -wait-conns -tcp-debug=false -buf
  expect_rc 0
  [[ -f nb/TCP.ncap.gz ]] || fail "no TCP.ncap.gz with the defaults of hidden flags"
}
reassembly_trace_flags() { # -tcp-debug, -reassembly-debug, -hexdump: the trace before the statistics
  run capture -read "$sample" -out tr -quiet -tcp-debug -reassembly-debug -hexdump
  expect_rc 0
  [[ $(grep -c ' segment ' tr/reassembly.log) -eq 14 ]] || fail "reassembly.log: not a line per TCP segment (14)"
  [[ $(grep -c ' data ' tr/reassembly.log) -eq 3 ]] || fail "reassembly.log: not a line per delivered chunk (3)"
  grep -q '^00000000  47 45 54 20 2f 67 7a 69  70 20 48 54 54 50 2f 31  |GET /gzip HTTP/1|$' tr/reassembly.log \
    || fail "reassembly.log: no hex dump of the request"
  local stats last
  stats=$(grep -n '^tcp_segments: ' tr/reassembly.log | cut -d: -f1)
  last=$(grep -n ' segment ' tr/reassembly.log | tail -1 | cut -d: -f1)
  [[ -n $stats && $stats -gt $last ]] || fail "reassembly.log: the statistics do not follow the trace"
}
csv_json_and_null_writers() { # the original's -csv, -json, -null and -encode
  run capture -read "$sample" -out c -csv -quiet
  expect_rc 0
  [[ $(gzip -dc c/TCP.csv.gz | head -1) == Timestamp,SrcPort,DstPort,* ]] || fail "TCP.csv.gz does not start with its header"
  [[ $(gzip -dc c/TCP.csv.gz | wc -l) -eq 15 ]] || fail "TCP.csv.gz holds $(gzip -dc c/TCP.csv.gz | wc -l) lines, not 15"
  run capture -read "$sample" -out j -json -quiet -compress=false
  expect_rc 0
  grep -q '"Host":"httpbin.org"' j/HTTP.json || fail "HTTP.json lacks the request's host"
  run capture -read "$sample" -out n -null -quiet
  expect_rc 0
  compgen -G "n/*.gz" >/dev/null && fail "-null wrote record files"
  grep -q '"TCP": 14' n/summary.json || fail "-null's summary does not count 14 TCP records"
  run capture -read "$sample" -out e -csv -encode -quiet
  expect_rc 0
  # the first SYN's source 141.142.228.5 as an integer, its flag as 1, and no value that is not a number
  gzip -dc e/TCP.csv.gz | sed -n 2p | grep -q ',1.0000000000,.*,2374951941,921925307$' || fail "encoded TCP row: $(gzip -dc e/TCP.csv.gz | sed -n 2p)"
  local f
  for f in e/*.csv.gz; do
    gzip -dc "$f" | tail -n +2 | tr ',' '\n' | grep -qvE '^-?[0-9]+(\.[0-9]{10})?$' && fail "-encode wrote a value that is not a number in $f"
  done
  run capture -read "$sample" -out e2 -json -encode
  expect_rc 2
  expect_err "-encode: encodes the values of -csv or -unix, neither of which is set"
}
unix_sockets_without_receivers_are_counted() { # the original aborted when a socket was missing
  mkdir -p socks
  run capture -read "$sample" -out u -unix -unix-dir "$work/socks" -pps -quiet
  expect_rc 0
  expect_err "unix: TCP records not sent: $work/socks/TCP.sock: No such file or directory"
  grep -q '"records_without_receiver": 52' u/summary.json || fail "summary.json does not count the 52 records as without receiver"
  compgen -G "u/*.gz" >/dev/null && fail "-unix wrote record files"
  grep -q '"points":\[\[1363624631,14\]\]' u/pps-line.html || fail "pps-line.html lacks the sample's 14 packets in one second"
}
read_and_iface_exclude_each_other() {
  run capture -read "$sample" -iface eth0 -out x
  expect_rc 2
  expect_err "-read and -iface exclude each other"
}
include_minus_exclude_leaves_nothing() {
  run capture -read "$sample" -include TCP -exclude TCP -out x
  expect_rc 2
  expect_err "leaves no decoder to run"
}
values_out_of_range() {
  local args
  for args in "-compression-level 42" "-workers 0" "-workers -3" "-snaplen -5" "-snaplen 999999999999"; do
    # shellcheck disable=SC2086
    run capture -read "$sample" -out x $args
    expect_rc 2
    expect_err "${args% *} ${args#* }: allowed are"
  done
  # durations in Go's spelling; the timeouts of connections must be positive, -elastic-timeout 0 or more
  for args in "-conn-timeout -1s:must be positive" "-conn-active-timeout 0s:must be positive" \
    "-close-inactive-timeout -1m30s:must be positive" "-scatter-duration 0s:must be positive" \
    "-elastic-timeout -1s:allowed are 0s or more" "-metrics nonsense:give host:port"; do
    # shellcheck disable=SC2086
    run capture -read "$sample" -out x ${args%%:*}
    expect_rc 2
    expect_err "${args%%:*}"
    expect_err "${args#*:}"
  done
  run capture -read "$sample" -out x -bpf "nonsense foo" # not a filter for any capture: before reading, as a pcap's
  expect_rc 2
  expect_err '-bpf "nonsense foo": '
  expect_err "syntax error"
  expect_no_file x
}
# 4. CSV is CSV
csv_checks_clean() {
  capture_sample csv
  local f
  for f in csv/*.ncap.gz; do
    "$net" dump -read "$f" -csv >"$work/t.csv" 2>/dev/null
    run util -read "$work/t.csv" -check
    expect_rc 0
    grep -q "$(printf '\033')" "$work/out" && fail "ANSI colours in a pipe"
  done
}
connection_keys_are_columns() {
  capture_sample conn
  run dump -read conn/Connection.ncap.gz -csv -select UID,CommunityID
  expect_rc 0
  expect_out "UID,CommunityID"
  [[ $(sed -n 2p "$work/out") =~ ^[0-9a-f]{32},1:.+=$ ]] || fail "no UID and Community ID row: $(sed -n 2p "$work/out")"
}
sip_csv_quoted() {
  local pcap="$corpus/zeek__sip-wireshark.pcap"
  [[ -f $pcap ]] || { skip="corpus absent: $pcap"; return; }
  "$net" capture -read "$pcap" -out sip -quiet >/dev/null 2>&1
  "$net" dump -read sip/SIP.ncap.gz -csv >"$work/sip.csv" 2>/dev/null
  run util -read "$work/sip.csv" -check
  expect_rc 0
  expect_out "checked 81 records, 0 not valid CSV"
}
# 5. inputs
dump_a_directory() {
  capture_sample dir
  run dump -read dir
  expect_rc 0
  expect_err "==> dir/Connection.ncap.gz <=="
  expect_out "NC_TCP"
}
every_tool_has_config_files() { # the original's -gen-config and -config, for every tool but transform
  capture_sample conf
  "$net" dump -read conf/TCP.ncap.gz -csv >plain.csv 2>/dev/null
  run dump -gen-config
  expect_rc 0
  expect_out "# NETCAP config for dump tool"
  cp "$work/out" dump.conf
  printf 'sep ;\nutc=false\n' >>dump.conf # a flag named again: its first setting counts, as in capture's files
  run dump -read conf/TCP.ncap.gz -csv -config dump.conf
  expect_rc 0
  cmp -s "$work/out" plain.csv || fail "the generated file changed the output"
  printf 'sep ;\nutc=false\n' >dump2.conf
  NC_UTC=true run dump -read conf/TCP.ncap.gz -csv -config dump2.conf
  [[ $(sed -n 2p "$work/out") == *" UTC;"* ]] || fail "file's separator or environment's UTC not applied: $(sed -n 2p "$work/out")"
  printf 'nope 1\n' >bad.conf
  run label -read conf -config bad.conf
  expect_rc 2
  expect_err "bad.conf: configuration variable provided but not defined: nope"
  expect_err_lines 2
  run capture -read "$sample" -out badconf -config bad.conf
  expect_rc 2
  expect_err "bad.conf: configuration variable provided but not defined: nope"
}
dump_standard_input() {
  capture_sample stdin
  "$net" dump -read - <stdin/TCP.ncap.gz >"$work/out" 2>"$work/err"
  rc=$?
  expect_rc 0
  expect_out "SrcPort: 50153"
}
capture_a_directory() {
  run capture -read "$work" -out x
  expect_rc 1
  expect_err "Is a directory (give one pcap or pcapng file)"
}
capture_standard_input() {
  "$net" capture -read - -out piped -quiet <"$sample" >/dev/null 2>"$work/err"
  rc=$?
  expect_rc 0
  expect_file piped/TCP.ncap.gz
}
unbuffered_records_reach_their_files_while_capturing() { # -buf=false; by default they wait for the end
  local mode pid i n
  for mode in -buf=false -buf=true; do
    rm -rf ub in.fifo && mkfifo in.fifo
    "$net" capture -read - -out ub -quiet "$mode" <in.fifo >/dev/null 2>"$work/err" &
    pid=$!
    exec 9>in.fifo
    cat "$sample" >&9 # the input stays open: the capture goes on
    n=0
    for i in $(seq 50); do
      n=$("$net" dump -read ub/TCP.ncap.gz -csv 2>/dev/null | wc -l)
      [[ $n -eq 15 || $mode == -buf=true && $i -eq 10 ]] && break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null || fail "$mode: the capture ended before its input"
    if [[ $mode == -buf=false ]]; then
      [[ $n -eq 15 ]] || fail "-buf=false: TCP.ncap.gz holds $((n > 0 ? n - 1 : 0)) of the 14 records while capturing"
    else
      [[ $n -eq 0 ]] || fail "-buf=true: records in TCP.ncap.gz before the end"
    fi
    exec 9>&-
    wait "$pid" || fail "$mode: exit status $?"
    [[ $("$net" dump -read ub/TCP.ncap.gz -csv 2>/dev/null | wc -l) -eq 15 ]] || fail "$mode: not 14 records at the end"
  done
}
truncated_capture_warns_with_offset() {
  head -c 1000 "$sample" >cut.pcap
  run capture -read cut.pcap -out cut
  expect_rc 0
  expect_err "warning: cut.pcap: damaged capture, offset 714:"
}
# 6. output
one_rate_and_human_output_on_stderr() {
  run capture -read "$sample" -out rate
  expect_rc 0
  [[ -s $work/out ]] && fail "stdout is not empty: $(head -1 "$work/out")"
  expect_err "opening"
  [[ $(grep -c "packets/s\|pkts/sec" "$work/err") -eq 1 ]] || fail "not exactly one packets/s figure"
}
dump_footer_on_stderr() {
  capture_sample footer
  run dump -read footer/TCP.ncap.gz
  expect_rc 0
  expect_err "14 records."
  grep -q "records\.$" "$work/out" && fail "footer on stdout"
  run dump -read footer/TCP.ncap.gz -json
  [[ $(wc -l <"$work/out") -eq 14 ]] || fail "stdout is not the 14 records"
}
util_env_and_ts2utc() {
  env -i PATH="$PATH" "$net" util -env >"$work/out" 2>"$work/err"
  rc=$?
  expect_rc 0
  expect_err "no NC_ variables set"
  run util -ts2utc abc
  expect_rc 1
  expect_err "invalid -ts2utc value abc"
}
# 7. dump flag combinations
two_output_formats_fail() {
  local pair
  capture_sample fmt
  for pair in "-csv -json" "-table -csv" "-json -tsv"; do
    # shellcheck disable=SC2086
    run dump -read fmt/TCP.ncap.gz $pair
    expect_rc 2
    expect_err "conflicting flags"
    expect_err_lines 2
  done
}
fields_alone_is_csv() {
  capture_sample fields
  run dump -read fields/TCP.ncap.gz -fields
  expect_rc 0
  [[ $(wc -l <"$work/out") -eq 1 ]] || fail "not one header line"
  expect_out "Timestamp,SrcPort,DstPort"
}
# 8. help
help_exits_zero() {
  local cmd
  for cmd in capture dump util; do
    run "$cmd" -h
    expect_rc 0
    [[ -s $work/out ]] || fail "$cmd -h printed no usage on stdout"
  done
  run -h
  expect_rc 0
  run help capture
  expect_rc 0
  "$net" capture -h >"$work/h" 2>/dev/null
  cmp -s "$work/h" "$work/out" || fail "net help capture differs from net capture -h"
  grep -q promiscous "$work/out" && fail "typo promiscous"
}
bad_flag_is_one_line() {
  run capture -bogus
  expect_rc 2
  expect_err "flag provided but not defined: -bogus"
  expect_err_lines 2
  run dump -bogus
  expect_rc 2
  expect_err_lines 2
}
unknown_tool_and_version() {
  run captre -read x.pcap
  expect_rc 2
  expect_err "net: unknown tool captre (did you mean capture?)"
  run version
  expect_rc 0
  expect_out "v0.6.11"
  run -version
  expect_rc 0
  expect_out "v0.6.11"
}
maltego_transforms() { # as Maltego runs them: value and properties as arguments, the response alone on stdout
  cp "$sample" m.pcap
  run transform toAuditRecords m.pcap "path=$PWD/m.pcap"
  expect_rc 0
  [[ $(wc -l <"$work/out") -eq 1 ]] || fail "stdout holds more than the response"
  expect_out "<MaltegoMessage><MaltegoTransformResponseMessage><Entities><Entity Type=\"netcap.ConnectionAuditRecords\"><Value>Connections</Value>"
  expect_out "<Entity Type=\"netcap.HTTPAuditRecords\"><Value>HTTP</Value>"
  expect_out "<Field MatchingRule=\"strict\" Name=\"path\" DisplayName=\"Path\">$PWD/m.pcap.net/HTTP.ncap.gz</Field>"
  expect_out '<UIMessage MessageType="Inform">completed!</UIMessage>'
  run transform toHTTPHosts 141.142.228.5 "path=$PWD/m.pcap.net/HTTP.ncap.gz#ipaddr=141.142.228.5"
  expect_rc 0
  expect_out '<Entity Type="netcap.Website"><Value>httpbin.org</Value>'
  run transform toNothing x path=y
  expect_rc 0
  expect_out '<UIMessage MessageType="FatalError">Unknown transform: toNothing</UIMessage>'
  run transform
  expect_rc 2
  expect_err "Usage: net transform NAME VALUE PROPERTIES"
}
tab_completion() { # bash-completion/net as bash runs it at a Tab, with ./net printing the candidates
  mkdir -p caps && cp "$sample" caps/one.pcap && touch caps/notes.txt
  local got
  got=$(bash -c 'source "$1"; COMP_WORDS=("$2" capture -read caps/); COMP_CWORD=3; _net; echo "${COMPREPLY[*]}"' \
    _ "$here/bash-completion/net" "$net")
  [[ $got == "caps/one.pcap" ]] || fail "capture -read caps/ completes to '$got'"
  got=$(bash -c 'source "$1"; COMP_WORDS=("$2" du); COMP_CWORD=1; _net; echo "${COMPREPLY[*]}"' _ "$here/bash-completion/net" "$net")
  [[ $got == dump ]] || fail "du completes to '$got'"
  got=$(bash -c 'source "$1"; COMP_WORDS=("$2" capture -include TCP,HT); COMP_CWORD=3; _net; echo "${COMPREPLY[*]}"' \
    _ "$here/bash-completion/net" "$net")
  [[ $got == TCP,HTTP ]] || fail "-include TCP,HT completes to '$got'"
}
proxy_without_target_is_a_usage_error() {
  run proxy
  expect_rc 2
  expect_err "give -local <host:port> and -remote <url>"
  expect_err_lines 1
  run proxy -local 127.0.0.1:0 -remote ftp://example.com
  expect_rc 2
  expect_err "give an http:// or https:// URL"
  expect_no_file HTTP.ncap.gz
}
# labeling: a fast.log time is the sensor's wall clock, read in -tz whatever the TZ of the labeling
# machine. Frame 4 of the sample (TShark: 1363624631.406021, 141.142.228.5:50153 -> 54.243.118.187:80) as
# a sensor in Berlin (UTC+1 in March) writes it.
fast_log_time_zone_is_tz() {
  printf '%s\n' '03/18/2013-17:37:11.406021  [**] [1:1:1] GET seen [**] [Classification: Misc activity] [Priority: 3] {TCP} 141.142.228.5:50153 -> 54.243.118.187:80' >fast.log
  capture_sample recs || { fail "capture failed"; return; }
  local z first=""
  for z in UTC America/New_York Asia/Tokyo; do
    TZ=$z "$net" label -read recs -fast-log fast.log -tz Europe/Berlin -labeled-out "lab-${z//\//-}" >"$work/out" 2>"$work/err" </dev/null
    rc=$?
    expect_rc 0
    [[ $(grep -c ',Misc activity$' "lab-${z//\//-}/TCP_labeled.csv") -eq 1 ]] || fail "TZ=$z: not one labeled TCP row"
    grep -q '^1363624631406021000,50153,80,.*,Misc activity$' "lab-${z//\//-}/TCP_labeled.csv" || fail "TZ=$z: frame 4 not labeled"
    if [[ -z $first ]]; then first="lab-${z//\//-}"; else
      diff -r -x labels.json "$first" "lab-${z//\//-}" >/dev/null || fail "TZ=$z labels differ from $first"
    fi
  done
  # without -tz the machine's zone is the sensor's
  TZ=Europe/Berlin "$net" label -read recs -fast-log fast.log -labeled-out lab-local >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  expect_rc 0
  diff -r -x labels.json "$first" lab-local >/dev/null || fail "TZ=Europe/Berlin without -tz differs"
}
tshark_and_zeek_spellings() {
  run capture -r "$sample" -out r1 -quiet
  expect_rc 0
  expect_file r1/TCP.ncap.gz
  run capture "$sample" -out r2 -quiet
  expect_rc 0
  expect_file r2/TCP.ncap.gz
}
dump_parquet_whole_or_nothing() {
  capture_sample pq || { fail "capture failed"; return; }
  run dump -read pq/TCP.ncap.gz -parquet pq/TCP.parquet
  expect_rc 0
  expect_err "records written to pq/TCP.parquet"
  [[ $(head -c 4 pq/TCP.parquet 2>/dev/null) == PAR1 && $(tail -c 4 pq/TCP.parquet) == PAR1 ]] || fail "not a Parquet file"
  : >plainfile
  run dump -read pq/TCP.ncap.gz -parquet plainfile/TCP.parquet
  expect_rc 1
  expect_err "failed to write Parquet file plainfile/TCP.parquet"
  [[ -z $(find . -name '*.partial') ]] || fail "partial file left"
}
collector_receives_what_the_agent_sends() {
  [[ -e /usr/lib/x86_64-linux-gnu/libsodium.so.23 ]] || { skip="libsodium23 not installed"; return; }
  run collect -gen-keypair
  expect_rc 0
  expect_file pub.key
  expect_file priv.key
  local port=$((20000 + RANDOM % 20000)) pid n
  "$net" collect -privkey priv.key -addr "127.0.0.1:$port" -out col >col.out 2>col.err </dev/null &
  pid=$!
  for n in $(seq 1 100); do grep -q "listening" col.err 2>/dev/null && break; sleep 0.1; done
  run agent -pubkey pub.key -addr "127.0.0.1:$port" -read "$sample" -kafka 127.0.0.1:1
  expect_rc 2
  expect_err "-kafka: net agent writes no record files"
  expect_err "run 'net agent -h' for help" # its help says which capture flags it takes
  run agent -pubkey pub.key -addr "127.0.0.1:$port" -read "$sample" -client s1
  expect_rc 0
  expect_err "records in"
  sleep 0.5
  kill -TERM "$pid"
  wait "$pid"
  grep -qF "received " col.err || fail "collector printed no summary: $(tr '\n' '|' <col.err)"
  capture_sample direct || { fail "capture failed"; return; }
  run dump -read col/s1/TCP.ncap.gz -csv
  expect_rc 0
  sort "$work/out" >got.csv
  "$net" dump -read direct/TCP.ncap.gz -csv 2>/dev/null </dev/null | sort >want.csv
  cmp -s got.csv want.csv || fail "collected TCP records differ from the capture's"
}
# an upstream that is down: the client gets 502, a stop prints the count and leaves a complete, empty file
proxy_answers_502_and_closes_its_file_on_sigterm() {
  local pid port="" n line
  "$net" proxy -local 127.0.0.1:0 -remote http://127.0.0.1:9 -out recs >px.out 2>px.err </dev/null &
  pid=$!
  for n in $(seq 1 100); do
    port=$(grep -o 'listening on 127.0.0.1:[0-9]*' px.err 2>/dev/null | cut -d: -f2)
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { kill -TERM "$pid"; wait "$pid"; fail "proxy did not start: $(tr '\n' '|' <px.err)"; return; }
  line=$(exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /x HTTP/1.0\r\n\r\n' >&3 && head -1 <&3)
  [[ $line == "HTTP/1.1 502"* ]] || fail "status line '$line', expected 502"
  kill -TERM "$pid"
  wait "$pid"
  grep -qF "proxied 0 exchanges into HTTP.ncap.gz; 502 (upstream failed) 1" px.err \
    || fail "proxy printed no summary: $(tr '\n' '|' <px.err)"
  expect_file recs/HTTP.ncap.gz
  run dump -read recs/HTTP.ncap.gz -json
  expect_rc 0
}
# net export of a capture serves its metrics until stopped: one signal stops it, as with record files (the
# capture's own handler, which makes a first signal stop the capture in order, ends with the capture)
export_of_a_capture_stops_at_one_signal() {
  local pid n port=$((20000 + RANDOM % 20000)) sig
  for sig in INT TERM; do
    # a background job starts with SIGINT ignored, which Ctrl-C in a terminal does not meet: perl sets it back
    perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' "$net" export -read "$sample" -out "exp$sig" \
      -address "127.0.0.1:$port" >exp.out 2>exp.err </dev/null &
    pid=$!
    for n in $(seq 1 300); do grep -q "serving until stopped" exp.err 2>/dev/null && break; sleep 0.1; done
    grep -q "serving until stopped" exp.err || { kill -KILL "$pid"; wait "$pid" 2>/dev/null; fail "export did not finish its capture: $(tr '\n' '|' <exp.err)"; return; }
    kill -s "$sig" "$pid"
    for n in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
      fail "export still serving 10 s after one SIG$sig"
    fi
    wait "$pid" 2>/dev/null
    port=$((port + 1))
  done
}
# the launcher: a net that must prepare the jar (copy, AOT caches) waits while another one prepares, and a
# running capture holds no lock, so captures started together never wait for each other
launches_wait_only_for_the_preparation() {
  local target="$here/netcap-cli/target" pid feeder n released="" started=""
  command -v flock >/dev/null || { skip="no flock"; return; }
  rm -f "$target/net-run.jar"
  flock "$target/.net-build.lock" sh -c 'touch held; sleep 3; date +%s.%N >released' &
  for n in $(seq 1 50); do [[ -e held ]] && break; sleep 0.1; done
  exec 4< <(sleep 60) # an input that stays open: the capture keeps running
  feeder=$!
  "$net" capture -read - -out waited -quiet <&4 >/dev/null 2>waited.err &
  pid=$!
  exec 4<&-
  for n in $(seq 1 1200); do # until the launcher has become java
    grep -qa 'net-run.jar' "/proc/$pid/cmdline" 2>/dev/null && { started=1; break; }
    sleep 0.1
  done
  [[ -n $started ]] || fail "the launcher did not start java: $(tr '\n' '|' <waited.err)"
  released=$(cat released 2>/dev/null)
  [[ -n $released ]] && awk -v c="$(stat -c %.9Y "$target/net-run.jar" 2>/dev/null || echo 0)" -v r="$released" \
    'BEGIN { exit !(c >= r) }' || fail "the jar was prepared before the lock was released"
  ls -l "/proc/$pid/fd" 2>/dev/null | grep -qF .net-build.lock && fail "the running capture holds the build lock"
  kill -KILL "$pid" "$feeder" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_file "$target/net-run.jar"
}
# the launcher: C1 alone for a capture file below 3 GiB, C2 as well for one of 3 GiB or more and for a live interface
# (the JVM's own flag table says which; the files are sparse, and -h ends the run before anything is read)
long_captures_run_c2() {
  jit_level() { NET_JAVA_OPTS=-XX:+PrintFlagsFinal "$net" "$@" -h 2>/dev/null </dev/null | awk '$2 == "TieredStopAtLevel" { print $4 }'; }
  truncate -s 3G big.pcap && truncate -s 3071M smaller.pcap || { skip="no sparse files"; return; }
  [[ $(jit_level capture -read "$sample") == 1 ]] || fail "the sample does not run with C1 alone"
  [[ $(jit_level capture -read smaller.pcap) == 1 ]] || fail "a file below 3 GiB does not run with C1 alone"
  [[ $(jit_level capture -read big.pcap) == 4 ]] || fail "a file of 3 GiB does not run with C2"
  [[ $(jit_level capture --read=big.pcap) == 4 ]] || fail "--read=FILE of 3 GiB does not run with C2"
  [[ $(jit_level agent -iface lo) == 4 ]] || fail "a live interface does not run with C2"
  [[ $(jit_level dump -read big.pcap) == 4 ]] || fail "reading records does not run with C2"
  rm -f big.pcap smaller.pcap
}

"$net" -h >/dev/null 2>&1 </dev/null # builds the jar when needed, outside the tests
for t in earlier_records_are_kept overwrite_replaces_them out_is_a_file out_cannot_be_created \
  not_built_flags_are_rejected reassembly_trace_flags csv_json_and_null_writers unix_sockets_without_receivers_are_counted read_and_iface_exclude_each_other include_minus_exclude_leaves_nothing \
  values_out_of_range csv_checks_clean connection_keys_are_columns sip_csv_quoted dump_a_directory every_tool_has_config_files \
  dump_standard_input capture_a_directory capture_standard_input unbuffered_records_reach_their_files_while_capturing truncated_capture_warns_with_offset \
  one_rate_and_human_output_on_stderr dump_footer_on_stderr util_env_and_ts2utc two_output_formats_fail \
  fields_alone_is_csv help_exits_zero bad_flag_is_one_line unknown_tool_and_version maltego_transforms tab_completion \
  proxy_without_target_is_a_usage_error tshark_and_zeek_spellings \
  dump_parquet_whole_or_nothing collector_receives_what_the_agent_sends fast_log_time_zone_is_tz \
  proxy_answers_502_and_closes_its_file_on_sigterm export_of_a_capture_stops_at_one_signal launches_wait_only_for_the_preparation \
  long_captures_run_c2; do
  test_case "$t"
done
for f in "${failures[@]}"; do
  echo "  $f"
done
echo "cli: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
