#!/usr/bin/env bash
# ./lmi: finds a JDK (17 or newer), builds what is missing or out of date, and runs the CLI.
# Environment: JAVA_HOME (optional), LMI_PYTHON (python3 with moto; default python3), LMI_DEBUG=1 (stack traces).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIN_JAVA=17

java_feature() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

find_java() {
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version="$(java_feature "$candidate")"
    if [ -n "$version" ] && [ "$version" -ge "$MIN_JAVA" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

JAVA="$(find_java)" || { echo "lmi: a JDK $MIN_JAVA or newer is needed (none found in JAVA_HOME, on PATH or in /usr/lib/jvm)" >&2; exit 3; }
export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"

CLASSPATH_FILE="$ROOT/cli/target/classpath.txt"
needs_build() {
  [ -f "$CLASSPATH_FILE" ] || return 0
  # Any source, resource or pom newer than the last build means the CLI must be rebuilt.
  [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$CLASSPATH_FILE" -print -quit)" ]
}

if needs_build; then
  command -v mvn >/dev/null || { echo "lmi: Maven (mvn) is needed to build the CLI" >&2; exit 3; }
  echo "lmi: building the CLI (first run or sources changed)..." >&2
  if ! (cd "$ROOT" && mvn -B -q -DskipTests -Dlmi.skipLambdaJars=true -pl cli -am package >"$ROOT/target-lmi-build.log" 2>&1); then
    echo "lmi: the build failed; see $ROOT/target-lmi-build.log" >&2
    exit 1
  fi
  rm -f "$ROOT/target-lmi-build.log"
  touch "$CLASSPATH_FILE"  # the build leaves it untouched when the class path did not change
fi

exec "$JAVA" -Dlmi.repository.root="$ROOT" -Dlmi.python="${LMI_PYTHON:-python3}" \
  -Dlog4j2.configurationFile=classpath:lmi-cli-log4j2.xml \
  -cp "$ROOT/cli/target/classes:$(cat "$CLASSPATH_FILE")" io.lmi.controlplane.cli.Lmi "$@"
