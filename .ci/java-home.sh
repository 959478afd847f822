# Sourced by ./net, .ci/run and test.sh: exports JAVA_HOME pointing at a JDK 25 or newer.
_jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
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
