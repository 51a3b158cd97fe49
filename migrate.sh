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

if [[ "${1:-}" == "alembic-cmd" ]]; then
  shift
fi

run_jar() {
  local jar="$1"
  shift
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
  exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
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
