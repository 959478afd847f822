#!/usr/bin/env bash
# The test command of the README: installs the system packages the tests use, then runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source .ci/java-home.sh
need=()
command -v tcpdump >/dev/null || need+=(tcpdump)
# TShark: the independent reference of the reassembly, stream decoder and file extraction comparisons
command -v tshark >/dev/null || need+=(tshark)
[[ -e /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 || -e /usr/lib/x86_64-linux-gnu/libpcap.so.1 ]] || need+=(libpcap0.8)
# ISA-L (gzip level 1, the default) and libdeflate (other levels): the record writers' fast gzip
# compressors; the JDK's zlib is the fallback
[[ -e /usr/lib/x86_64-linux-gnu/libisal.so.2 ]] || need+=(libisal2)
[[ -e /usr/lib/x86_64-linux-gnu/libdeflate.so.0 ]] || need+=(libdeflate0)
# libsodium: the NaCl box of net agent / net collect
[[ -e /usr/lib/x86_64-linux-gnu/libsodium.so.23 ]] || need+=(libsodium23)
# TweetNaCl-js run by node: a second NaCl implementation for the interoperability test
[[ -e /usr/share/nodejs/tweetnacl/nacl.js ]] || need+=(node-tweetnacl)
# the resolvers' data and the tools their tests compare with (docs/enrichment.md): the IEEE MAC registries,
# libmaxminddb's mmdblookup and MaxMind's Perl writer for the test GeoIP databases
[[ -e /usr/share/ieee-data/oui.csv ]] || need+=(ieee-data)
command -v mmdblookup >/dev/null || need+=(mmdb-bin)
perl -MMaxMind::DB::Writer::Tree -e 1 2>/dev/null || need+=(libmaxmind-db-writer-perl)
# nDPI for -dpi, and its ndpiReader, which the DPI test compares with
[[ -e /usr/lib/x86_64-linux-gnu/libndpi.so.4.2 ]] || need+=(libndpi4.2)
command -v ndpiReader >/dev/null || need+=(libndpi-bin)
# libyara (net label -yara, through FFM) and the yara command the labeling tests compare it with
[[ -e /usr/lib/x86_64-linux-gnu/libyara.so.9 ]] || need+=(libyara9)
command -v yara >/dev/null || need+=(yara)
# uap-core: the User-Agent rules of Software records and their own test cases (docs/enrichment.md)
[[ -e /usr/share/uap-core/regexes.yaml ]] || need+=(uap-core)
# ExifTool: an EXIF reader apart from metadata-extractor, for net transform toExifDataForImage's test
command -v exiftool >/dev/null || need+=(libimage-exiftool-perl)
# file(1), which net transform toFileType asks
command -v file >/dev/null || need+=(file)
# nmap's service probes (read at run time, not shipped): the Service records' banner matching
[[ -e /usr/share/nmap/nmap-service-probes ]] || need+=(nmap-common)
if (( ${#need[@]} )) && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test.sh: installing ${need[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
    || echo "test.sh: could not install ${need[*]}; tests that need them will say they skip" >&2
fi
./mvnw -B -ntp verify "$@"
# the command line as a user meets it: ./net as a subprocess, after the build above made its jar
tests/cli.sh
