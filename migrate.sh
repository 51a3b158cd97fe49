#!/usr/bin/env bash
# Seed-compatible wrapper around the schemagate CLI:
#   ./migrate.sh status|history|upgrade|downgrade|create|check|auto-upgrade|reset|current|show|stamp|repair|validate
# DATABASE_URL defaults to sqlite:///output/lets_talk.db, MIGRATIONS_DIR to the example bundle.
# `./migrate.sh alembic-cmd <command> ...` is accepted for scripts written for the seed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/operator/target/schemagate.jar"

if [[ ! -f "$JAR" ]]; then
  echo "Building schemagate (first run only)..." >&2
  "$ROOT/mvnw" -B -q package -DskipTests >&2
fi

export MIGRATIONS_DIR="${MIGRATIONS_DIR:-$ROOT/examples/lets-talk/migrations}"

if [[ "${1:-}" == "alembic-cmd" ]]; then
  shift
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
exec java ${JAVA_OPTS:-} -jar "$JAR" "$@"
