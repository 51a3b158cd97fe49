#!/bin/sh
# Migrate, then start the application (the command the image was given), as the seed's guide does.
# A failed migration stops the container before the application starts, with the error on stderr
# and its exit code (see docs/reference/exit-codes.md).
set -e
"${SCHEMAGATE_HOME:-/opt/schemagate}/migrate.sh" auto-upgrade
exec "$@"
