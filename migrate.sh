#!/usr/bin/env bash
# Seed-compatible wrapper around the schemagate CLI:
#   ./migrate.sh status|history|upgrade|downgrade|create|check|auto-upgrade|reset|current|heads|...
# `./migrate.sh alembic-cmd <command> ...` is accepted for scripts written for the seed.
#
# It runs from anywhere: a source checkout, an application image, a folder of its own. The CLI is,
# in this order:
#   1. the jar SCHEMAGATE_JAR names;
#   2. schemagate.jar, or the `schemagate` launcher of the schemagate image, next to this script;
#   3. `schemagate` on the PATH;
#   4. inside the source tree only: operator/target/schemagate.jar, built on first use.
# DATABASE_URL defaults to sqlite:///output/lets_talk.db. MIGRATIONS_DIR defaults to ./migrations;
# in the source tree, where there is none, to the example bundle, which create and merge refuse to
# write into.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Usage lines and help name this script, as the user typed it.
export SCHEMAGATE_PROGRAM="${SCHEMAGATE_PROGRAM:-$0}"

if [[ "${1:-}" == "alembic-cmd" ]]; then
  shift
fi

# A command of the CLI runs for a second or less, so it starts with the client compiler and the
# serial collector, and from a class-data archive of the CLI's classes next to the jar (Java 17's
# AppCDS), written by the first run there: about half the start-up time (docs/benchmarks.md).
# `operator` runs for days and gets the JVM's defaults. A stale or unreadable archive is ignored.
fast_start() {
  local jar="$1"
  shift
  FAST=()
  local arg
  for arg in "$@"; do
    [[ "$arg" == "operator" ]] && return 0
  done
  FAST=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off)
  ARCHIVE="${jar%.jar}.jsa"
  if [[ -f "$ARCHIVE" && ! "$jar" -nt "$ARCHIVE" ]]; then
    FAST+=("-XX:SharedArchiveFile=$ARCHIVE")
    ARCHIVE=""
  elif [[ ! -w "$(dirname "$jar")" ]]; then
    ARCHIVE=""
  fi
}

run_jar() {
  local jar="$1"
  shift
  fast_start "$jar" "$@"
  if [[ -n "${ARCHIVE:-}" ]]; then
    # The first run writes the archive under a name of its own, so two first runs never mix.
    local code=0
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
    java "${FAST[@]}" "-XX:ArchiveClassesAtExit=$ARCHIVE.$$" ${JAVA_OPTS:-} -jar "$jar" "$@" || code=$?
    mv -f "$ARCHIVE.$$" "$ARCHIVE" 2>/dev/null || rm -f "$ARCHIVE.$$"
    exit "$code"
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
  exec java ${FAST[@]+"${FAST[@]}"} ${JAVA_OPTS:-} -jar "$jar" "$@"
}

if [[ -n "${SCHEMAGATE_JAR:-}" ]]; then
  if [[ ! -f "$SCHEMAGATE_JAR" ]]; then
    echo "error: SCHEMAGATE_JAR=$SCHEMAGATE_JAR is not a file; point it at schemagate.jar" >&2
    exit 9
  fi
  run_jar "$SCHEMAGATE_JAR" "$@"
fi
if [[ -f "$HERE/schemagate.jar" ]]; then
  run_jar "$HERE/schemagate.jar" "$@"
fi
if [[ -x "$HERE/schemagate" && ! -d "$HERE/schemagate" ]]; then
  exec "$HERE/schemagate" "$@"
fi
if command -v schemagate >/dev/null 2>&1; then
  exec schemagate "$@"
fi
if [[ -x "$HERE/mvnw" && -f "$HERE/cli/pom.xml" ]]; then
  JAR="$HERE/operator/target/schemagate.jar"
  if [[ ! -f "$JAR" ]]; then
    echo "Building schemagate from the source tree in $HERE (first run only, about a minute)..." >&2
    "$HERE/mvnw" -B -q package -DskipTests >&2
  fi
  if [[ -z "${MIGRATIONS_DIR:-}" && ! -d migrations ]]; then
    export MIGRATIONS_DIR="$HERE/examples/lets-talk/migrations"
    export SCHEMAGATE_EXAMPLE_BUNDLE="$MIGRATIONS_DIR"
  fi
  run_jar "$JAR" "$@"
fi
echo "error: no schemagate CLI found: put schemagate.jar next to $HERE/migrate.sh, set" \
  "SCHEMAGATE_JAR to it, or put schemagate on the PATH" >&2
exit 9
