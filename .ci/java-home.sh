# Sourced by ./net, .ci/run and test.sh: exports JAVA_HOME pointing at a JDK 25 or newer.
# The feature version from the JDK's release file (no JVM start-up, which costs ~50 ms a run); asking
# the JVM only when there is no release file.
_jdk_major() {
  local v=""
  [[ -f "$1/release" ]] && v="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release")"
  [[ -n "$v" ]] || v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  echo "${v:-0}"
}
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(_jdk_major "$JAVA_HOME" || echo 0) >= 25 )); then
  :
else
  JAVA_HOME=""
  for d in /usr/lib/jvm/*; do
    if [[ -x "$d/bin/javac" ]] && (( $(_jdk_major "$d" || echo 0) >= 25 )); then JAVA_HOME="$d"; break; fi
  done
  if [[ -z "$JAVA_HOME" ]]; then
    echo "netcap needs a JDK 25 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
    exit 1
  fi
fi
export JAVA_HOME
