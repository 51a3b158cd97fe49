package io.schemagate.engine;

/** Why an engine operation failed; the CLI maps each to its own exit code. */
public enum FailureKind {
  INVALID_INPUT,
  INVALID_BUNDLE,
  UNREACHABLE,
  AUTHENTICATION_FAILED,
  LOCKED,
  MIGRATION_FAILED,
  CHECKSUM_MISMATCH,
  FAILED_MIGRATION_PRESENT,
  TARGET_NOT_FOUND,
  REFUSED,
  INTERNAL
}
