package io.schemagate.engine.api;

/** Why an engine operation failed; the CLI maps each to its own exit code. */
public enum FailureKind {
  INVALID_INPUT,
  INVALID_BUNDLE,
  UNREACHABLE,
  AUTHENTICATION_FAILED,
  /** The user logged in but lacks a privilege the command needs. */
  PERMISSION_DENIED,
  LOCKED,
  MIGRATION_FAILED,
  CHECKSUM_MISMATCH,
  FAILED_MIGRATION_PRESENT,
  TARGET_NOT_FOUND,
  REFUSED,
  /** A statement waited longer than the lock wait timeout for a lock another session holds. */
  LOCK_WAIT_TIMEOUT,
  /** A statement ran longer than the statement timeout. */
  STATEMENT_TIMEOUT,
  /** The run took longer than its deadline and was cancelled on the server. */
  DEADLINE_EXCEEDED,
  /** The caller cancelled the run; its statement was cancelled on the server. */
  CANCELLED,
  /**
   * The history table holds more rows or text than the engine reads, or columns Flyway does not
   * write: reading it whole could exhaust the memory of the process.
   */
  HISTORY_TOO_LARGE,
  /**
   * The history or the bundle moved between the plan that was shown (or approved) and its run:
   * nothing ran, and the caller plans again rather than run scripts nobody saw.
   */
  PLAN_STALE,
  INTERNAL
}
